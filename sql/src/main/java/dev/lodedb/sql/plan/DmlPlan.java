package dev.lodedb.sql.plan;

import dev.lodedb.engine.catalog.TableDef;
import java.util.List;

/**
 * A bound INSERT, UPDATE or DELETE: the rows to write as a logical plan whose output the DML
 * executor consumes —
 * <ul>
 *   <li>INSERT: one column per table column (in table order), converted to the column types,
 *       defaults filled in;</li>
 *   <li>UPDATE: the new values of every table column, then the old row's store key (bytea);</li>
 *   <li>DELETE: the old row's columns, then its store key.</li>
 * </ul>
 *
 * @param kind {@code INSERT}, {@code UPDATE} or {@code DELETE}
 * @param table the target table
 * @param source the rows to write
 * @param conflict the ON CONFLICT clause, or {@code null}
 * @param returning RETURNING expressions over the table's columns (new row; old row for DELETE)
 * @param returningColumns their output columns (empty without RETURNING)
 */
public record DmlPlan(String kind, TableDef table, LogicalPlan source, Conflict conflict, List<BoundExpr> returning,
        List<PlanColumn> returningColumns) {
    /**
     * ON CONFLICT: DO NOTHING, or DO UPDATE with one expression per table column over (existing
     * row ++ excluded row) and an optional WHERE over the same layout. The arbiters are the
     * unique constraints a proposed row is checked against: the primary key and/or unique indexes.
     *
     * @param doUpdate whether DO UPDATE
     * @param set the new row's expressions (DO UPDATE)
     * @param where the DO UPDATE condition, or {@code null}
     * @param primaryKeyArbiter whether the primary key is an arbiter
     * @param arbiterIndexes ids of the unique indexes that are arbiters
     */
    public record Conflict(boolean doUpdate, List<BoundExpr> set, BoundExpr where, boolean primaryKeyArbiter,
            List<Integer> arbiterIndexes) {
        /** Copies the lists. */
        public Conflict {
            set = List.copyOf(set);
            arbiterIndexes = List.copyOf(arbiterIndexes);
        }

        /** ON CONFLICT arbitrated by the primary key only. */
        public Conflict(boolean doUpdate, List<BoundExpr> set, BoundExpr where) {
            this(doUpdate, set, where, true, List.of());
        }
    }
}
