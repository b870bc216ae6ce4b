package dev.lodedb.sql.plan;

/** Join types of {@link LogicalPlan.Join}. */
public enum JoinType {
    /** rows of both sides that match */
    INNER,
    /** INNER plus unmatched left rows padded with NULLs */
    LEFT,
    /** INNER plus unmatched right rows padded with NULLs */
    RIGHT,
    /** LEFT and RIGHT together */
    FULL,
    /** left rows that have a match (output: left columns only) */
    SEMI,
    /** left rows that have no match (output: left columns only) */
    ANTI
}
