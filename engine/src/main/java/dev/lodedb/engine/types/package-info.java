/**
 * SQL types and values: PostgreSQL's types ({@link dev.lodedb.engine.types.TypeId}, {@link
 * dev.lodedb.engine.types.DataType}), their Java representations, text input and output, casts
 * and btree ordering ({@link dev.lodedb.engine.types.Values}), and the value classes that have no
 * JDK equivalent ({@link dev.lodedb.engine.types.Interval}, {@link dev.lodedb.engine.types.Json},
 * {@link dev.lodedb.engine.types.Jsonb}). Everything here matches PostgreSQL 16 with its default
 * settings and session time zone UTC; the rules are written down in {@code docs/engine/types.md}.
 */
package dev.lodedb.engine.types;
