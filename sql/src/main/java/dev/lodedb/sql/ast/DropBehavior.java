package dev.lodedb.sql.ast;

/**
 * {@code CASCADE} or {@code RESTRICT} after DROP, ALTER TABLE ... DROP and TRUNCATE.
 */
public enum DropBehavior {
    /** none written (restrict) */
    DEFAULT,
    /** {@code RESTRICT} */
    RESTRICT,
    /** {@code CASCADE} */
    CASCADE
}
