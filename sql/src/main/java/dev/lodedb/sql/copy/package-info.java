/**
 * Import and export of files: PostgreSQL's COPY formats (text, csv) read and written byte for byte
 * as PostgreSQL does, JSON and JSON lines, schema inference for the {@code read_csv} and
 * {@code read_json} table functions, transparent gzip, and import progress. See
 * {@code docs/sql/import-export.md}.
 *
 * <p>This package knows files, formats and SQL values ({@code engine.types}); it knows nothing
 * of tables, the store or sessions: {@code sql.session}'s COPY executor and bulk loader and
 * {@code sql.exec}'s table-function scan sit on top of it.
 */
package dev.lodedb.sql.copy;
