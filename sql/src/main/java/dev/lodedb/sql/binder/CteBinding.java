package dev.lodedb.sql.binder;

import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.PlanColumn;
import java.util.List;

/**
 * A bound common table expression. A reference to it binds to {@code plan} (inlined) or, for the
 * recursive reference inside its own definition, to a {@link LogicalPlan.CteScan} of {@code id}.
 *
 * @param name the CTE name
 * @param id the id of its working table (recursive CTEs) or materialization
 * @param plan the bound query, or {@code null} while the recursive part is being bound
 * @param columns the output columns (names after the CTE's column list)
 */
record CteBinding(String name, int id, LogicalPlan plan, List<PlanColumn> columns) {
}
