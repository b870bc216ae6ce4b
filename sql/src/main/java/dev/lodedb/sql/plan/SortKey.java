package dev.lodedb.sql.plan;

/**
 * One ORDER BY key over a plan node's input.
 *
 * @param expr the key
 * @param descending whether DESC
 * @param nullsFirst whether NULLs sort first (PostgreSQL's default: NULLS LAST for ASC, FIRST for DESC)
 */
public record SortKey(BoundExpr expr, boolean descending, boolean nullsFirst) {
}
