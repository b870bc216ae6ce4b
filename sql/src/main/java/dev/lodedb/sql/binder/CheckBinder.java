package dev.lodedb.sql.binder;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.CheckConstraint;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.parser.Parser;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.ExprRewriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds CHECK constraint expressions over the columns of their table (column {@code i} of the
 * scope is {@code table.columns().get(i)}, by name or qualified by the table name), as PostgreSQL
 * requires: a boolean result (42804), no subqueries (0A000), no aggregate or window functions
 * (42803, 42P20), no parameters (42P02). Volatile functions are allowed, as in PostgreSQL. The
 * catalog is used only for function and sequence names. Thread-safe (stateless).
 */
public final class CheckBinder {
    private CheckBinder() {
    }

    /**
     * @return the condition bound over {@code table}
     * @throws SqlException on binding errors and the restrictions above
     */
    public static BoundExpr bind(Catalog catalog, TableDef table, Expr expr) {
        BindContext ctx = new BindContext(catalog == null ? Catalog.empty() : catalog, List.of());
        List<Scope.Entry> entries = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            ColumnDef c = table.columns().get(i);
            entries.add(new Scope.Entry(table.name(), c.name(), c.type(), i, false, table.id(), c.id()));
        }
        ExpressionBinder b = new ExpressionBinder(ctx, new Scope(null, entries));
        b.clause = "check constraints";
        BoundExpr e = b.bindCondition(expr, "CHECK");
        int pos = expr.position() + 1;
        ExprRewriter.visit(e, x -> {
            if (x instanceof BoundExpr.Subquery) {
                throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "cannot use subquery in check constraint",
                        null, null, pos, null);
            }
            if (x instanceof BoundExpr.Parameter p) {
                throw new SqlException("42P02", "there is no parameter $" + (p.index() + 1), null, null, pos, null);
            }
        });
        return e;
    }

    /**
     * @return the stored constraint bound over {@code table}
     * @throws SqlException XX001 when the stored text no longer binds (a damaged catalog)
     */
    public static BoundExpr bind(Catalog catalog, TableDef table, CheckConstraint check) {
        try {
            return bind(catalog, table, Parser.parseExpression(check.sql()));
        } catch (SqlException e) {
            throw new SqlException(SqlException.DATA_CORRUPTED, "check constraint \"" + check.name()
                    + "\" cannot be bound over table \"" + table.name() + "\": " + e.getMessage(), e);
        }
    }

    /** @return the positions (in {@code table.columns()}) of the columns the constraint reads */
    public static Set<Integer> inputColumns(Catalog catalog, TableDef table, CheckConstraint check) {
        Set<Integer> out = new TreeSet<>();
        ExprRewriter.visit(bind(catalog, table, check), x -> {
            if (x instanceof BoundExpr.ColumnRef r) {
                out.add(r.index());
            }
        });
        return out;
    }
}
