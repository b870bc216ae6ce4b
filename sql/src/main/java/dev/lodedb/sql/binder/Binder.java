package dev.lodedb.sql.binder;

import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.ast.Delete;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.Insert;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.Statement;
import dev.lodedb.sql.ast.Update;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.DmlPlan;
import dev.lodedb.sql.plan.LogicalPlan;
import java.util.List;

/**
 * Entry point of the binder: turns a parsed statement into a typed logical plan against a catalog
 * snapshot. Errors are {@link dev.lodedb.engine.SqlException}s with PostgreSQL SQLSTATEs and
 * 1-based positions: 42P01 unknown table, 42703 unknown column, 42702 ambiguous column, 42883
 * unknown function or operator, 42804 type mismatch, 42803 grouping errors. Thread-safe (each call
 * uses its own state).
 */
public final class Binder {
    private Binder() {
    }

    /**
     * The result of binding.
     *
     * @param plan the logical plan
     * @param parameterTypes the type of each {@code $n} parameter (text where nothing decided)
     */
    public record BoundQuery(LogicalPlan plan, List<DataType> parameterTypes) {
    }

    /**
     * Binds a query.
     *
     * @param catalog the catalog snapshot to resolve names in
     * @param query the parsed query
     * @param parameterTypes types the caller declares for {@code $1..$n} (may be empty)
     */
    public static BoundQuery bindQuery(Catalog catalog, Query query, List<DataType> parameterTypes) {
        BindContext ctx = new BindContext(catalog, parameterTypes);
        LogicalPlan plan = ctx.queries.bindQuery(query, null);
        return new BoundQuery(plan, ctx.finalParameterTypes());
    }

    /**
     * The result of binding a data-modifying statement.
     *
     * @param dml the bound statement
     * @param parameterTypes the type of each {@code $n} parameter
     */
    public record BoundDml(DmlPlan dml, List<DataType> parameterTypes) {
    }

    /**
     * Binds an INSERT, UPDATE or DELETE.
     *
     * @throws IllegalArgumentException for another kind of statement
     */
    public static BoundDml bindDml(Catalog catalog, Statement statement, List<DataType> parameterTypes) {
        BindContext ctx = new BindContext(catalog, parameterTypes);
        DmlBinder b = new DmlBinder(ctx);
        DmlPlan plan;
        if (statement instanceof Insert i) {
            plan = b.insert(i);
        } else if (statement instanceof Update u) {
            plan = b.update(u);
        } else if (statement instanceof Delete d) {
            plan = b.delete(d);
        } else {
            throw new IllegalArgumentException("not a DML statement: " + statement.getClass().getSimpleName());
        }
        return new BoundDml(plan, ctx.finalParameterTypes());
    }

    /**
     * Binds a column default or other expression that references no columns.
     *
     * @param target the type to convert the result to (assignment rules)
     */
    public static BoundExpr bindStandalone(Catalog catalog, Expr expr, DataType target) {
        BindContext ctx = new BindContext(catalog, List.of());
        ExpressionBinder b = new ExpressionBinder(ctx, Scope.empty(null));
        b.clause = "DEFAULT expressions";
        BoundExpr e = b.bind(expr);
        return target == null ? e : b.coerce(e, target, dev.lodedb.engine.types.CastContext.ASSIGNMENT,
                expr.position(), null);
    }

    /**
     * Binds an expression over the columns of one table (COPY FROM's WHERE): column reference
     * {@code i} is the table's {@code i}-th column in display order.
     *
     * @param clause the clause named in errors, e.g. {@code "COPY FROM WHERE condition"}
     * @param target the type to coerce the result to (assignment rules), or {@code null}
     * @throws dev.lodedb.engine.SqlException binder errors (42703 unknown column, 42804, ...)
     */
    public static BoundExpr bindTableExpression(Catalog catalog, dev.lodedb.engine.catalog.TableDef table, Expr expr,
            DataType target, String clause) {
        BindContext ctx = new BindContext(catalog, List.of());
        List<Scope.Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            dev.lodedb.engine.catalog.ColumnDef c = table.columns().get(i);
            entries.add(new Scope.Entry(table.name(), c.name(), c.type(), i, false, table.id(), c.id()));
        }
        ExpressionBinder b = new ExpressionBinder(ctx, new Scope(null, entries));
        b.clause = clause;
        BoundExpr e = b.bind(expr);
        return target == null ? e : b.coerce(e, target, dev.lodedb.engine.types.CastContext.ASSIGNMENT,
                expr.position(), null);
    }

    /**
     * @return the bound DEFAULT of column {@code column} converted to its type (a NULL constant
     *     when it has none), as INSERT uses it for columns it does not list
     */
    public static BoundExpr bindDefault(Catalog catalog, dev.lodedb.engine.catalog.ColumnDef column) {
        return new DmlBinder(new BindContext(catalog, List.of())).defaultValue(column);
    }
}
