package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.Alias;
import dev.lodedb.sql.ast.CommonTableExpr;
import dev.lodedb.sql.ast.FunctionTable;
import dev.lodedb.sql.ast.JoinRef;
import dev.lodedb.sql.ast.LockingClause;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.QueryBody;
import dev.lodedb.sql.ast.Select;
import dev.lodedb.sql.ast.SelectItem;
import dev.lodedb.sql.ast.SetOperation;
import dev.lodedb.sql.ast.SubqueryRef;
import dev.lodedb.sql.ast.TableName;
import dev.lodedb.sql.ast.TableRef;
import dev.lodedb.sql.ast.ValuesQuery;
import dev.lodedb.sql.ast.WindowDefinition;
import dev.lodedb.sql.ast.WithClause;
import java.util.List;

/**
 * Canonical SQL for queries: WITH, set operations (each operand parenthesized), SELECT and its
 * clauses, VALUES, FROM items (each join parenthesized) and the ORDER BY / LIMIT tail.
 *
 * <p>Thread-safe (stateless).
 */
final class QueryPrinter {

    private QueryPrinter() {
    }

    static void query(StringBuilder out, Query q) {
        if (q.with() != null) {
            with(out, q.with());
            out.append(' ');
        }
        body(out, q.body());
        if (!q.orderBy().isEmpty()) {
            out.append(" ORDER BY ");
            ExpressionPrinter.orderItems(out, q.orderBy());
        }
        if (q.withTies()) {
            if (q.offset() != null) {
                out.append(" OFFSET ");
                ExpressionPrinter.expr(out, q.offset());
            }
            out.append(" FETCH FIRST ");
            ExpressionPrinter.expr(out, q.limit());
            out.append(" ROWS WITH TIES");
        } else {
            if (q.limit() != null) {
                out.append(" LIMIT ");
                ExpressionPrinter.expr(out, q.limit());
            }
            if (q.offset() != null) {
                out.append(" OFFSET ");
                ExpressionPrinter.expr(out, q.offset());
            }
        }
        for (LockingClause lock : q.locking()) {
            out.append(" FOR ").append(lock.strength().name().replace('_', ' '));
            if (!lock.tables().isEmpty()) {
                out.append(" OF ");
                for (int i = 0; i < lock.tables().size(); i++) {
                    out.append(i > 0 ? ", " : "").append(SqlNames.qualified(lock.tables().get(i).parts()));
                }
            }
            if (lock.waitPolicy() != LockingClause.WaitPolicy.WAIT) {
                out.append(' ').append(lock.waitPolicy().name().replace('_', ' '));
            }
        }
    }

    static void with(StringBuilder out, WithClause with) {
        out.append(with.recursive() ? "WITH RECURSIVE " : "WITH ");
        for (int i = 0; i < with.ctes().size(); i++) {
            CommonTableExpr cte = with.ctes().get(i);
            if (i > 0) {
                out.append(", ");
            }
            out.append(SqlNames.quote(cte.name()));
            names(out, cte.columns());
            out.append(" AS ");
            if (cte.materialized() != null) {
                out.append(cte.materialized() ? "MATERIALIZED " : "NOT MATERIALIZED ");
            }
            out.append('(');
            StatementPrinter.statement(out, cte.statement());
            out.append(')');
            CommonTableExpr.Search search = cte.search();
            if (search != null) {
                out.append(search.depthFirst() ? " SEARCH DEPTH FIRST BY " : " SEARCH BREADTH FIRST BY ");
                nameList(out, search.columns());
                out.append(" SET ").append(SqlNames.quote(search.sequenceColumn()));
            }
            CommonTableExpr.Cycle cycle = cte.cycle();
            if (cycle != null) {
                out.append(" CYCLE ");
                nameList(out, cycle.columns());
                out.append(" SET ").append(SqlNames.quote(cycle.markColumn()));
                if (cycle.markValue() != null) {
                    out.append(" TO ");
                    ExpressionPrinter.expr(out, cycle.markValue());
                    out.append(" DEFAULT ");
                    ExpressionPrinter.expr(out, cycle.markDefault());
                }
                out.append(" USING ").append(SqlNames.quote(cycle.pathColumn()));
            }
        }
    }

    static void body(StringBuilder out, QueryBody body) {
        if (body instanceof Select s) {
            select(out, s);
        } else if (body instanceof ValuesQuery v) {
            out.append("VALUES ");
            for (int i = 0; i < v.rows().size(); i++) {
                out.append(i > 0 ? ", (" : "(");
                ExpressionPrinter.list(out, v.rows().get(i));
                out.append(')');
            }
        } else if (body instanceof SetOperation s) {
            operand(out, s.left());
            out.append(' ').append(s.operator().name()).append(s.all() ? " ALL " : " ");
            operand(out, s.right());
        } else if (body instanceof Query q) {
            out.append('(');
            query(out, q);
            out.append(')');
        }
    }

    private static void operand(StringBuilder out, QueryBody body) {
        if (body instanceof Query) {
            body(out, body);
        } else {
            out.append('(');
            body(out, body);
            out.append(')');
        }
    }

    private static void select(StringBuilder out, Select s) {
        out.append("SELECT");
        if (s.distinct()) {
            out.append(" DISTINCT");
            if (!s.distinctOn().isEmpty()) {
                out.append(" ON (");
                ExpressionPrinter.list(out, s.distinctOn());
                out.append(')');
            }
        }
        if (!s.targets().isEmpty()) {
            out.append(' ');
            targets(out, s.targets());
        }
        if (!s.from().isEmpty()) {
            out.append(" FROM ");
            tableRefs(out, s.from());
        }
        if (s.where() != null) {
            out.append(" WHERE ");
            ExpressionPrinter.expr(out, s.where());
        }
        if (!s.groupBy().isEmpty()) {
            out.append(s.groupByDistinct() ? " GROUP BY DISTINCT " : " GROUP BY ");
            ExpressionPrinter.list(out, s.groupBy());
        }
        if (s.having() != null) {
            out.append(" HAVING ");
            ExpressionPrinter.expr(out, s.having());
        }
        if (!s.windows().isEmpty()) {
            out.append(" WINDOW ");
            for (int i = 0; i < s.windows().size(); i++) {
                WindowDefinition w = s.windows().get(i);
                out.append(i > 0 ? ", " : "").append(SqlNames.quote(w.name())).append(" AS ");
                ExpressionPrinter.windowSpec(out, w.spec());
            }
        }
    }

    static void targets(StringBuilder out, List<SelectItem> items) {
        for (int i = 0; i < items.size(); i++) {
            SelectItem item = items.get(i);
            if (i > 0) {
                out.append(", ");
            }
            ExpressionPrinter.expr(out, item.expr());
            if (item.alias() != null) {
                out.append(" AS ").append(SqlNames.quoteLabel(item.alias()));
            }
        }
    }

    static void tableRefs(StringBuilder out, List<TableRef> refs) {
        for (int i = 0; i < refs.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            tableRef(out, refs.get(i));
        }
    }

    static void tableRef(StringBuilder out, TableRef ref) {
        if (ref instanceof TableName t) {
            out.append(t.only() ? "ONLY " : "").append(SqlNames.qualified(t.name().parts()));
        } else if (ref instanceof SubqueryRef s) {
            out.append(s.lateral() ? "LATERAL (" : "(");
            query(out, s.query());
            out.append(')');
        } else if (ref instanceof FunctionTable f) {
            out.append(f.lateral() ? "LATERAL " : "");
            ExpressionPrinter.expr(out, f.function());
            out.append(f.withOrdinality() ? " WITH ORDINALITY" : "");
        } else if (ref instanceof JoinRef j) {
            out.append('(');
            tableRef(out, j.left());
            out.append(' ');
            if (j.natural()) {
                out.append("NATURAL ");
            }
            out.append(j.type() == JoinRef.Type.INNER ? "" : j.type().name() + " ").append("JOIN ");
            tableRef(out, j.right());
            if (j.condition() != null) {
                out.append(" ON ");
                ExpressionPrinter.expr(out, j.condition());
            } else if (!j.using().isEmpty()) {
                out.append(" USING");
                names(out, j.using());
                if (j.usingAlias() != null) {
                    out.append(" AS ").append(SqlNames.quote(j.usingAlias()));
                }
            }
            out.append(')');
        }
        alias(out, ref.alias());
    }

    static void alias(StringBuilder out, Alias alias) {
        if (alias != null) {
            out.append(" AS ").append(SqlNames.quote(alias.name()));
            names(out, alias.columns());
        }
    }

    private static void nameList(StringBuilder out, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            out.append(i > 0 ? ", " : "").append(SqlNames.quote(names.get(i)));
        }
    }

    /** {@code (a, b)} or nothing for an empty list. */
    static void names(StringBuilder out, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        out.append(" (");
        for (int i = 0; i < names.size(); i++) {
            out.append(i > 0 ? ", " : "").append(SqlNames.quote(names.get(i)));
        }
        out.append(')');
    }
}
