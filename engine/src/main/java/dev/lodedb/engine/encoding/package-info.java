/**
 * Byte formats of SQL values above the key-value store: order-preserving keys ({@link
 * dev.lodedb.engine.encoding.KeyEncoder}), whose unsigned byte order is the SQL order of the
 * tuples they encode, and versioned row values ({@link dev.lodedb.engine.encoding.RowCodec}),
 * whose column slots survive ADD and DROP COLUMN without a table rewrite. Both formats are
 * persistent and documented byte by byte in {@code docs/engine/encoding.md}.
 */
package dev.lodedb.engine.encoding;
