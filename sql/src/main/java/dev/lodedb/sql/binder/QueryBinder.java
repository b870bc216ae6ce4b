package dev.lodedb.sql.binder;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.catalog.ViewDef;
import dev.lodedb.engine.types.CastContext;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.sql.ast.Alias;
import dev.lodedb.sql.ast.ColumnRef;
import dev.lodedb.sql.ast.CommonTableExpr;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.FunctionTable;
import dev.lodedb.sql.ast.IntegerLiteral;
import dev.lodedb.sql.ast.JoinRef;
import dev.lodedb.sql.ast.OrderItem;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.QueryBody;
import dev.lodedb.sql.ast.Select;
import dev.lodedb.sql.ast.SelectItem;
import dev.lodedb.sql.ast.SetOperation;
import dev.lodedb.sql.ast.Star;
import dev.lodedb.sql.ast.SubqueryRef;
import dev.lodedb.sql.ast.TableName;
import dev.lodedb.sql.ast.TableRef;
import dev.lodedb.sql.ast.ValuesQuery;
import dev.lodedb.sql.ast.WindowDefinition;
import dev.lodedb.sql.ast.WindowSpec;
import dev.lodedb.sql.parser.Parser;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.JoinType;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.PlanColumn;
import dev.lodedb.sql.plan.SortKey;
import dev.lodedb.sql.plan.WindowCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds queries (SELECT, VALUES, set operations, WITH) into logical plans: FROM items and joins,
 * WHERE, GROUP BY / HAVING with aggregates, window functions, the select list, DISTINCT [ON],
 * ORDER BY (also by expressions not in the select list), LIMIT / OFFSET. Not thread-safe.
 */
final class QueryBinder {
    private final BindContext ctx;
    /** Whether the subquery bound last by {@link #bindSubquery} references enclosing queries. */
    boolean lastCorrelated;
    /**
     * Greater than 0 while the operands of a set operation are bound: their untyped literals stay
     * {@code unknown} so that the set operation resolves them against the other operand.
     */
    private int setOperandDepth;

    QueryBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    private static SqlException error(String state, String message, int position) {
        return new SqlException(state, message, null, null, position + 1, null);
    }

    /** Binds a subquery used as an expression, inside {@code scope}. */
    LogicalPlan bindSubquery(Query q, Scope scope) {
        Scope boundary = Scope.boundary(scope);
        LogicalPlan plan = bindQuery(q, boundary);
        lastCorrelated = boundary.correlated;
        return plan;
    }

    /** Binds a query whose expressions may reference {@code outer} (null at top level). */
    LogicalPlan bindQuery(Query q, Scope outer) {
        boolean pushed = false;
        if (q.with() != null) {
            ctx.pushCteScope();
            pushed = true;
            for (CommonTableExpr cte : q.with().ctes()) {
                bindCte(cte, q.with().recursive(), outer);
            }
        }
        try {
            LogicalPlan plan;
            if (q.body() instanceof Select s) {
                plan = bindSelect(s, outer, q.orderBy());
            } else {
                plan = bindBody(q.body(), outer);
                if (!q.orderBy().isEmpty()) {
                    plan = orderByOutput(plan, q.orderBy());
                }
            }
            if (q.limit() != null || q.offset() != null) {
                ExpressionBinder b = new ExpressionBinder(ctx, Scope.empty(outer));
                b.clause = "LIMIT";
                BoundExpr limit = q.limit() == null ? null
                        : b.coerce(b.bind(q.limit()), DataType.BIGINT, CastContext.ASSIGNMENT, q.limit().position(),
                                "LIMIT");
                BoundExpr offset = q.offset() == null ? null
                        : b.coerce(b.bind(q.offset()), DataType.BIGINT, CastContext.ASSIGNMENT,
                                q.offset().position(), "OFFSET");
                plan = new LogicalPlan.Limit(plan, limit, offset);
            }
            return plan;
        } finally {
            if (pushed) {
                ctx.popCteScope();
            }
        }
    }

    private void bindCte(CommonTableExpr cte, boolean recursive, Scope outer) {
        if (!(cte.statement() instanceof Query cq)) {
            throw error(SqlException.FEATURE_NOT_SUPPORTED, "data-modifying statements in WITH are not supported yet",
                    cte.position());
        }
        Map<String, CteBinding> scope = ctx.cteScopes.get(ctx.cteScopes.size() - 1);
        if (scope.containsKey(cte.name())) {
            throw error("42712", "WITH query name \"" + cte.name() + "\" specified more than once", cte.position());
        }
        if (recursive && cq.body() instanceof SetOperation op && op.operator() == SetOperation.Operator.UNION
                && cq.orderBy().isEmpty() && cq.limit() == null && cq.offset() == null && referencesName(op.right(), cte.name())) {
            int id = ctx.nextCteId++;
            LogicalPlan anchor = bindBody(op.left(), outer);
            List<PlanColumn> cols = renameColumns(anchor.columns(), cte.columns(), cte.position());
            scope.put(cte.name(), new CteBinding(cte.name(), id, null, cols));
            LogicalPlan rec = bindBody(op.right(), outer);
            if (rec.columns().size() != cols.size()) {
                throw error(SqlException.SYNTAX_ERROR, "each UNION query must have the same number of columns",
                        op.right().position());
            }
            List<DataType> types = new ArrayList<>();
            for (PlanColumn c : cols) {
                types.add(c.type());
            }
            rec = castColumns(rec, types);
            LogicalPlan plan = new LogicalPlan.RecursiveCte(id, anchor, rec, op.all(), cols);
            scope.put(cte.name(), new CteBinding(cte.name(), id, plan, cols));
            return;
        }
        LogicalPlan plan = bindQuery(cq, outer);
        List<PlanColumn> cols = renameColumns(plan.columns(), cte.columns(), cte.position());
        scope.put(cte.name(), new CteBinding(cte.name(), ctx.nextCteId++, plan, cols));
    }

    private static boolean referencesName(Object body, String name) {
        if (body instanceof TableName t && t.name().parts().size() == 1 && t.name().last().equals(name)) {
            return true;
        }
        if (body instanceof dev.lodedb.sql.ast.Node n && n instanceof Record r) {
            for (var rc : r.getClass().getRecordComponents()) {
                try {
                    Object child = rc.getAccessor().invoke(r);
                    if (child instanceof java.util.Collection<?> c) {
                        for (Object o : c) {
                            if (referencesName(o, name)) {
                                return true;
                            }
                        }
                    } else if (child instanceof dev.lodedb.sql.ast.Node && referencesName(child, name)) {
                        return true;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return false;
    }

    private static List<PlanColumn> renameColumns(List<PlanColumn> cols, List<String> names, int position) {
        if (names.isEmpty()) {
            return cols;
        }
        if (names.size() > cols.size()) {
            throw error(SqlException.SYNTAX_ERROR, "query has " + cols.size() + " columns available but "
                    + names.size() + " columns specified", position);
        }
        List<PlanColumn> out = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            out.add(i < names.size() ? cols.get(i).withName(names.get(i)) : cols.get(i));
        }
        return out;
    }

    /** Binds a query body that is not a SELECT with its own ORDER BY. */
    LogicalPlan bindBody(QueryBody body, Scope outer) {
        if (body instanceof Select s) {
            return bindSelect(s, outer, List.of());
        }
        if (body instanceof Query q) {
            return bindQuery(q, outer);
        }
        if (body instanceof ValuesQuery v) {
            return bindValues(v, outer);
        }
        SetOperation op = (SetOperation) body;
        setOperandDepth++;
        LogicalPlan left;
        LogicalPlan right;
        try {
            left = bindBody(op.left(), outer);
            right = bindBody(op.right(), outer);
        } finally {
            setOperandDepth--;
        }
        String name = op.operator().name();
        if (left.columns().size() != right.columns().size()) {
            throw error(SqlException.SYNTAX_ERROR, "each " + name + " query must have the same number of columns",
                    op.right().position());
        }
        List<DataType> types = new ArrayList<>();
        for (int i = 0; i < left.columns().size(); i++) {
            types.add(TypeCoercion.commonType(List.of(left.columns().get(i).type(), right.columns().get(i).type()),
                    name, op.position()));
        }
        left = castColumns(left, types);
        right = castColumns(right, types);
        List<PlanColumn> cols = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            cols.add(PlanColumn.of(left.columns().get(i).name(), types.get(i)));
        }
        return new LogicalPlan.SetOp(LogicalPlan.SetOpKind.valueOf(name), op.all(), left, right, cols);
    }

    private LogicalPlan bindValues(ValuesQuery v, Scope outer) {
        ExpressionBinder b = new ExpressionBinder(ctx, Scope.empty(outer));
        b.clause = "VALUES";
        int width = v.rows().get(0).size();
        List<List<BoundExpr>> rows = new ArrayList<>();
        for (List<Expr> row : v.rows()) {
            if (row.size() != width) {
                throw error(SqlException.SYNTAX_ERROR, "VALUES lists must all be the same length", v.position());
            }
            List<BoundExpr> r = new ArrayList<>();
            for (Expr e : row) {
                r.add(b.bind(e));
            }
            rows.add(r);
        }
        List<PlanColumn> cols = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            List<DataType> types = new ArrayList<>();
            for (List<BoundExpr> r : rows) {
                types.add(r.get(c).type());
            }
            DataType t = TypeCoercion.commonType(types, "VALUES", v.position());
            for (int i = 0; i < rows.size(); i++) {
                rows.get(i).set(c, b.coerce(rows.get(i).get(c), t, v.rows().get(i).get(c).position()));
            }
            cols.add(PlanColumn.of("column" + (c + 1), t));
        }
        return new LogicalPlan.Values(rows, cols);
    }

    /** Wraps {@code plan} in a projection casting its columns to {@code types} where they differ. */
    static LogicalPlan castColumns(LogicalPlan plan, List<DataType> types) {
        boolean same = true;
        for (int i = 0; i < types.size(); i++) {
            same &= plan.columns().get(i).type().equals(types.get(i));
        }
        if (same) {
            return plan;
        }
        if (plan instanceof LogicalPlan.Values v) {
            List<List<BoundExpr>> rows = new ArrayList<>();
            for (List<BoundExpr> row : v.rows()) {
                List<BoundExpr> r = new ArrayList<>();
                for (int i = 0; i < row.size(); i++) {
                    r.add(castExpr(row.get(i), types.get(i)));
                }
                rows.add(r);
            }
            List<PlanColumn> cols = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                cols.add(PlanColumn.of(v.columns().get(i).name(), types.get(i)));
            }
            return new LogicalPlan.Values(rows, cols);
        }
        List<BoundExpr> exprs = new ArrayList<>();
        List<PlanColumn> cols = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            PlanColumn c = plan.columns().get(i);
            exprs.add(castExpr(new BoundExpr.ColumnRef(i, c.type(), c.name()), types.get(i)));
            cols.add(PlanColumn.of(c.name(), types.get(i)));
        }
        return new LogicalPlan.Project(plan, exprs, cols);
    }

    private static BoundExpr castExpr(BoundExpr e, DataType t) {
        if (e.type().equals(t)) {
            return e;
        }
        if (e instanceof BoundExpr.Constant c && c.value() == null) {
            return new BoundExpr.Constant(null, t);
        }
        if (e instanceof BoundExpr.Constant c && c.type().id() == TypeId.UNKNOWN) {
            return new BoundExpr.Constant(dev.lodedb.engine.types.Values.cast(c.value(), DataType.TEXT, t,
                    CastContext.IMPLICIT), t);
        }
        return new BoundExpr.Cast(e, t, CastContext.IMPLICIT);
    }

    /** A relation of a FROM clause: its plan and the names its columns are visible by. */
    record Relation(LogicalPlan plan, List<Scope.Entry> entries) {
    }

    private Relation bindFrom(List<TableRef> from, Scope outer) {
        Relation result = null;
        for (TableRef ref : from) {
            Relation r = bindTableRef(ref, outer);
            result = result == null ? r : cross(result, r);
        }
        return result;
    }

    private static Relation cross(Relation left, Relation right) {
        List<Scope.Entry> entries = new ArrayList<>(left.entries);
        int shift = left.plan.columns().size();
        for (Scope.Entry e : right.entries) {
            entries.add(shiftEntry(e, shift));
        }
        return new Relation(new LogicalPlan.Join(JoinType.INNER, left.plan, right.plan, null), entries);
    }

    private static Scope.Entry shiftEntry(Scope.Entry e, int shift) {
        return new Scope.Entry(e.qualifier(), e.name(), e.type(), e.index() + shift, e.hidden(), e.tableId(),
                e.columnId());
    }

    /** Binds one FROM item (for UPDATE ... FROM and DELETE ... USING). */
    Relation bindFromItem(TableRef ref, Scope outer) {
        return bindTableRef(ref, outer);
    }

    private Relation bindTableRef(TableRef ref, Scope outer) {
        if (ref instanceof TableName t) {
            return bindTableName(t, outer);
        }
        if (ref instanceof SubqueryRef s) {
            if (s.lateral()) {
                throw error(SqlException.FEATURE_NOT_SUPPORTED, "LATERAL is not supported yet", s.position());
            }
            LogicalPlan plan = bindQuery(s.query(), outer);
            String alias = s.alias() == null ? null : s.alias().name();
            return relation(plan, alias, s.alias(), 0);
        }
        if (ref instanceof FunctionTable f) {
            ExpressionBinder b = new ExpressionBinder(ctx, Scope.empty(outer));
            b.clause = "functions in FROM";
            LogicalPlan plan = TableFunctions.bind(f, b);
            String alias = f.alias() == null ? null : f.alias().name();
            if (alias != null && plan.columns().size() == 1 && (f.alias().columns().isEmpty())) {
                plan = rename(plan, List.of(alias));
            }
            return relation(plan, alias != null ? alias : ((LogicalPlan.TableFunction) plan).name(), f.alias(), 0);
        }
        return bindJoin((JoinRef) ref, outer);
    }

    private Relation bindTableName(TableName t, Scope outer) {
        List<String> parts = t.name().parts();
        String name = t.name().last();
        String alias = t.alias() == null ? name : t.alias().name();
        if (parts.size() == 1) {
            CteBinding cte = ctx.findCte(name);
            if (cte != null) {
                LogicalPlan plan = cte.plan() == null ? new LogicalPlan.CteScan(cte.id(), cte.columns())
                        : rename(cte.plan(), names(cte.columns()));
                return relation(plan, alias, t.alias(), 0);
            }
        }
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : Catalog.PUBLIC;
        if (name.equals(dev.lodedb.sql.stats.PgStatsView.NAME) && (schema.equals("pg_catalog")
                || parts.size() == 1 && !ctx.catalog.hasRelation(schema, name))) {
            return relation(new LogicalPlan.TableFunction(name, List.of(), false,
                    dev.lodedb.sql.stats.PgStatsView.columns()), alias, t.alias(), 0);
        }
        if (schema.equals("pg_catalog") || schema.equals("information_schema")) {
            throw error(SqlException.FEATURE_NOT_SUPPORTED, "system catalogs are not available yet", t.position());
        }
        TableDef table = ctx.catalog.table(schema, name);
        if (table != null) {
            int n = table.columns().size();
            int[] projection = new int[n];
            List<PlanColumn> cols = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                projection[i] = i;
                ColumnDef c = table.columns().get(i);
                cols.add(new PlanColumn(c.name(), c.type(), table.id(), c.id()));
            }
            return relation(new LogicalPlan.Scan(table, projection, null, cols), alias, t.alias(), table.id());
        }
        ViewDef view = ctx.catalog.view(schema, name);
        if (view != null) {
            Query q = (Query) Parser.parse(view.sql());
            BindContext inner = new BindContext(ctx.catalog, List.of());
            LogicalPlan plan = inner.queries.bindQuery(q, null);
            if (!view.columnNames().isEmpty()) {
                plan = rename(plan, view.columnNames());
            }
            return relation(plan, alias, t.alias(), 0);
        }
        throw error(SqlException.UNDEFINED_TABLE, "relation \"" + t.name() + "\" does not exist", t.position());
    }

    private static List<String> names(List<PlanColumn> cols) {
        List<String> out = new ArrayList<>();
        for (PlanColumn c : cols) {
            out.add(c.name());
        }
        return out;
    }

    /** @return {@code plan} with its leading columns renamed */
    static LogicalPlan rename(LogicalPlan plan, List<String> names) {
        List<BoundExpr> exprs = new ArrayList<>();
        List<PlanColumn> cols = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < plan.columns().size(); i++) {
            PlanColumn c = plan.columns().get(i);
            exprs.add(new BoundExpr.ColumnRef(i, c.type(), c.name()));
            String n = i < names.size() ? names.get(i) : c.name();
            changed |= !n.equals(c.name());
            cols.add(c.withName(n));
        }
        return changed ? new LogicalPlan.Project(plan, exprs, cols) : plan;
    }

    private static Relation relation(LogicalPlan plan, String qualifier, Alias alias, int tableId) {
        if (alias != null && !alias.columns().isEmpty()) {
            if (alias.columns().size() > plan.columns().size()) {
                throw error(SqlException.SYNTAX_ERROR, "table \"" + alias.name() + "\" has "
                        + plan.columns().size() + " columns available but " + alias.columns().size()
                        + " columns specified", alias.position());
            }
            plan = rename(plan, alias.columns());
        }
        List<Scope.Entry> entries = new ArrayList<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            PlanColumn c = plan.columns().get(i);
            entries.add(new Scope.Entry(qualifier, c.name(), c.type(), i, false, c.tableId(), c.columnId()));
        }
        return new Relation(plan, entries);
    }

    private Relation bindJoin(JoinRef j, Scope outer) {
        Relation left = bindTableRef(j.left(), outer);
        Relation right = bindTableRef(j.right(), outer);
        int shift = left.plan.columns().size();
        List<Scope.Entry> entries = new ArrayList<>(left.entries);
        for (Scope.Entry e : right.entries) {
            entries.add(shiftEntry(e, shift));
        }
        JoinType type = switch (j.type()) {
            case INNER, CROSS -> JoinType.INNER;
            case LEFT -> JoinType.LEFT;
            case RIGHT -> JoinType.RIGHT;
            case FULL -> JoinType.FULL;
        };
        List<String> using = new ArrayList<>(j.using());
        if (j.natural()) {
            for (Scope.Entry l : left.entries) {
                if (l.hidden()) {
                    continue;
                }
                for (Scope.Entry r : right.entries) {
                    if (!r.hidden() && r.name().equals(l.name()) && !using.contains(l.name())) {
                        using.add(l.name());
                    }
                }
            }
        }
        Scope joined = new Scope(outer, entries);
        if (using.isEmpty()) {
            BoundExpr cond = null;
            if (j.condition() != null) {
                ExpressionBinder b = new ExpressionBinder(ctx, joined);
                b.clause = "JOIN conditions";
                cond = b.bindCondition(j.condition(), "JOIN/ON");
            }
            Relation r = new Relation(new LogicalPlan.Join(type, left.plan, right.plan, cond), entries);
            return j.alias() == null ? r : requalify(r, j.alias());
        }
        ExpressionBinder b = new ExpressionBinder(ctx, joined);
        List<BoundExpr> equalities = new ArrayList<>();
        List<BoundExpr> merged = new ArrayList<>();
        List<Scope.Entry> out = new ArrayList<>();
        List<Integer> leftUsing = new ArrayList<>();
        List<Integer> rightUsing = new ArrayList<>();
        for (String name : using) {
            Scope.Entry l = findUsing(left.entries, name, "left", j.position());
            Scope.Entry r = findUsing(right.entries, name, "right", j.position());
            BoundExpr lref = new BoundExpr.ColumnRef(l.index(), l.type(), name);
            BoundExpr rref = new BoundExpr.ColumnRef(r.index() + shift, r.type(), name);
            BoundExpr.Compare eq = (BoundExpr.Compare) b.compare(BoundExpr.CompareOp.EQ, lref, rref, j.position(),
                    j.position(), j.position());
            equalities.add(eq);
            DataType t = eq.operandType();
            BoundExpr value = switch (type) {
                case RIGHT -> eq.right();
                case FULL -> new BoundExpr.Coalesce(List.of(eq.left(), eq.right()), t);
                default -> eq.left();
            };
            merged.add(value);
            leftUsing.add(l.index());
            rightUsing.add(r.index());
        }
        BoundExpr cond = equalities.size() == 1 ? equalities.get(0) : new BoundExpr.And(equalities);
        if (j.condition() != null) {
            cond = new BoundExpr.And(List.of(cond, b.bindCondition(j.condition(), "JOIN/ON")));
        }
        LogicalPlan join = new LogicalPlan.Join(type, left.plan, right.plan, cond);
        List<BoundExpr> exprs = new ArrayList<>(merged);
        List<PlanColumn> cols = new ArrayList<>();
        for (int i = 0; i < using.size(); i++) {
            cols.add(PlanColumn.of(using.get(i), merged.get(i).type()));
            out.add(new Scope.Entry(j.usingAlias(), using.get(i), merged.get(i).type(), i, false, 0, -1));
        }
        int base = using.size();
        for (int i = 0; i < join.columns().size(); i++) {
            PlanColumn c = join.columns().get(i);
            exprs.add(new BoundExpr.ColumnRef(i, c.type(), c.name()));
            cols.add(c);
        }
        for (Scope.Entry e : left.entries) {
            out.add(new Scope.Entry(e.qualifier(), e.name(), e.type(), base + e.index(),
                    e.hidden() || leftUsing.contains(e.index()), e.tableId(), e.columnId()));
        }
        for (Scope.Entry e : right.entries) {
            out.add(new Scope.Entry(e.qualifier(), e.name(), e.type(), base + shift + e.index(),
                    e.hidden() || rightUsing.contains(e.index()), e.tableId(), e.columnId()));
        }
        Relation r = new Relation(new LogicalPlan.Project(join, exprs, cols), out);
        return j.alias() == null ? r : requalify(r, j.alias());
    }

    private static Scope.Entry findUsing(List<Scope.Entry> entries, String name, String side, int position) {
        Scope.Entry found = null;
        for (Scope.Entry e : entries) {
            if (!e.hidden() && e.name().equals(name)) {
                if (found != null) {
                    throw error("42702", "common column name \"" + name + "\" appears more than once in " + side
                            + " table", position);
                }
                found = e;
            }
        }
        if (found == null) {
            throw error(SqlException.UNDEFINED_COLUMN, "column \"" + name + "\" specified in USING clause does not exist in "
                    + side + " table", position);
        }
        return found;
    }

    private static Relation requalify(Relation r, Alias alias) {
        List<Scope.Entry> out = new ArrayList<>();
        for (Scope.Entry e : r.entries) {
            out.add(new Scope.Entry(alias.name(), e.name(), e.type(), e.index(), e.hidden(), e.tableId(),
                    e.columnId()));
        }
        return new Relation(r.plan, out);
    }

    /** Binds a SELECT with the ORDER BY of its query (which may use columns not selected). */
    private LogicalPlan bindSelect(Select s, Scope outer, List<OrderItem> orderBy) {
        Relation from = s.from().isEmpty() ? null : bindFrom(s.from(), outer);
        LogicalPlan plan = from == null
                ? new LogicalPlan.Values(List.of(List.of()), List.of()) : from.plan;
        Scope scope = new Scope(outer, from == null ? List.of() : from.entries);
        if (s.where() != null) {
            ExpressionBinder wb = new ExpressionBinder(ctx, scope);
            wb.clause = "WHERE";
            plan = new LogicalPlan.Filter(plan, wb.bindCondition(s.where(), "WHERE"));
        }
        Map<String, WindowSpec> named = new HashMap<>();
        for (WindowDefinition w : s.windows()) {
            named.put(w.name(), w.spec());
        }
        boolean aggregated = !s.groupBy().isEmpty() || s.having() != null;
        boolean windowed = false;
        for (SelectItem item : s.targets()) {
            aggregated |= ExpressionBinder.containsAggregate(item.expr());
            windowed |= ExpressionBinder.containsWindow(item.expr());
        }
        for (OrderItem o : orderBy) {
            aggregated |= ExpressionBinder.containsAggregate(o.expr());
            windowed |= ExpressionBinder.containsWindow(o.expr());
        }
        // the binder of the select list, HAVING and ORDER BY
        Scope selectScope = scope;
        ExpressionBinder.Grouping grouping = null;
        if (aggregated) {
            ExpressionBinder kb = new ExpressionBinder(ctx, scope);
            kb.clause = "GROUP BY";
            List<BoundExpr> keys = new ArrayList<>();
            for (Expr g : s.groupBy()) {
                BoundExpr k = groupKey(g, s.targets(), kb, scope);
                if (!keys.contains(k)) {
                    keys.add(k);
                }
            }
            grouping = new ExpressionBinder.Grouping(scope, keys);
            selectScope = new Scope(outer, scope.entries);
            selectScope.groupKeys = keys;
        }
        ExpressionBinder sb = new ExpressionBinder(ctx, selectScope);
        sb.grouping = grouping;
        sb.namedWindows = named;
        sb.clause = "SELECT";
        List<dev.lodedb.sql.plan.WindowCall> windowCalls = new ArrayList<>();
        if (windowed) {
            sb.windows = windowCalls;
        }
        List<BoundExpr> exprs = new ArrayList<>();
        List<PlanColumn> cols = new ArrayList<>();
        for (SelectItem item : s.targets()) {
            if (item.expr() instanceof Star star) {
                expandStar(star, scope, selectScope, exprs, cols);
                continue;
            }
            BoundExpr e = sb.bind(item.expr());
            if (e.type().id() == TypeId.UNKNOWN && setOperandDepth == 0) {
                e = sb.coerce(e, DataType.TEXT, item.position());
            }
            exprs.add(e);
            String name = item.alias() != null ? item.alias() : ColumnNames.of(item.expr());
            int tableId = 0;
            int columnId = -1;
            if (e instanceof BoundExpr.ColumnRef c && grouping == null && c.index() < scope.entries.size()) {
                for (Scope.Entry en : scope.entries) {
                    if (en.index() == c.index()) {
                        tableId = en.tableId();
                        columnId = en.columnId();
                        break;
                    }
                }
            }
            cols.add(new PlanColumn(name, e.type(), tableId, columnId));
        }
        BoundExpr having = null;
        if (s.having() != null) {
            sb.clause = "HAVING";
            ExpressionBinder hb = new ExpressionBinder(ctx, selectScope);
            hb.grouping = grouping;
            hb.clause = "HAVING";
            having = hb.bindCondition(s.having(), "HAVING");
        }
        // ORDER BY
        int visible = exprs.size();
        List<SortKey> sortKeys = new ArrayList<>();
        sb.clause = "ORDER BY";
        for (OrderItem o : orderBy) {
            int index = orderTarget(o, s.targets(), cols, visible);
            if (index < 0) {
                BoundExpr e = sb.bind(o.expr());
                index = exprs.indexOf(e);
                if (index < 0) {
                    if (s.distinct() && s.distinctOn().isEmpty()) {
                        throw error("42P10", "for SELECT DISTINCT, ORDER BY expressions must appear in select list",
                                o.position());
                    }
                    exprs.add(e);
                    cols.add(PlanColumn.of("?order?", e.type()));
                    index = exprs.size() - 1;
                }
            }
            PlanColumn c = cols.get(index);
            sortKeys.add(sortKey(o, new BoundExpr.ColumnRef(index, c.type(), c.name())));
        }
        // assemble: aggregate, having, window, project, distinct, sort
        if (grouping != null) {
            List<PlanColumn> aggCols = new ArrayList<>();
            for (BoundExpr k : grouping.keys) {
                aggCols.add(PlanColumn.of("?group?", k.type()));
            }
            for (var call : grouping.calls) {
                aggCols.add(PlanColumn.of(call.function().name(), call.type()));
            }
            plan = new LogicalPlan.Aggregate(plan, grouping.keys, grouping.calls, aggCols);
            if (having != null) {
                plan = new LogicalPlan.Filter(plan, having);
            }
        }
        if (!windowCalls.isEmpty()) {
            int base = plan.columns().size();
            List<PlanColumn> wcols = new ArrayList<>(plan.columns());
            for (WindowCall w : windowCalls) {
                wcols.add(PlanColumn.of(w.name(), w.type()));
            }
            plan = new LogicalPlan.Window(plan, windowCalls, wcols);
            for (int i = 0; i < exprs.size(); i++) {
                exprs.set(i, ExpressionBinder.fixWindowRefs(exprs.get(i), base));
            }
        }
        plan = new LogicalPlan.Project(plan, exprs, cols);
        if (s.distinct()) {
            if (!s.distinctOn().isEmpty()) {
                List<BoundExpr> on = new ArrayList<>();
                List<SortKey> keys = new ArrayList<>();
                for (Expr e : s.distinctOn()) {
                    int index = orderTarget(new OrderItem(e, OrderItem.Direction.DEFAULT, null,
                            OrderItem.NullOrdering.DEFAULT, e.position()), s.targets(), cols, visible);
                    BoundExpr ref;
                    if (index >= 0) {
                        ref = new BoundExpr.ColumnRef(index, cols.get(index).type(), cols.get(index).name());
                    } else {
                        BoundExpr be = sb.bind(e);
                        int at = exprs.indexOf(be);
                        if (at < 0) {
                            throw error("42P10", "SELECT DISTINCT ON expressions must match initial ORDER BY expressions",
                                    e.position());
                        }
                        ref = new BoundExpr.ColumnRef(at, be.type(), null);
                    }
                    on.add(ref);
                }
                // sort by the ORDER BY (which must start with the DISTINCT ON keys), then keep the first row per key
                List<SortKey> all = new ArrayList<>(sortKeys);
                for (BoundExpr k : on) {
                    boolean present = false;
                    for (SortKey sk : sortKeys) {
                        present |= sk.expr().equals(k);
                    }
                    if (!present) {
                        all.add(new SortKey(k, false, false));
                    }
                }
                keys.addAll(all);
                plan = new LogicalPlan.Sort(plan, keys);
                plan = new LogicalPlan.Distinct(plan, on);
                sortKeys = List.of();
            } else {
                if (exprs.size() > visible) {
                    throw error("42P10", "for SELECT DISTINCT, ORDER BY expressions must appear in select list",
                            s.position());
                }
                plan = new LogicalPlan.Distinct(plan, List.of());
            }
        }
        if (!sortKeys.isEmpty()) {
            plan = new LogicalPlan.Sort(plan, sortKeys);
        }
        if (exprs.size() > visible) {
            List<BoundExpr> keep = new ArrayList<>();
            List<PlanColumn> keepCols = new ArrayList<>();
            for (int i = 0; i < visible; i++) {
                keep.add(new BoundExpr.ColumnRef(i, cols.get(i).type(), cols.get(i).name()));
                keepCols.add(cols.get(i));
            }
            plan = new LogicalPlan.Project(plan, keep, keepCols);
        }
        return plan;
    }

    private BoundExpr groupKey(Expr g, List<SelectItem> targets, ExpressionBinder kb, Scope scope) {
        if (g instanceof IntegerLiteral lit) {
            int n = (int) lit.value();
            if (n < 1 || n > targets.size()) {
                throw error("42P10", "GROUP BY position " + lit.value() + " is not in select list", g.position());
            }
            return kb.bind(targets.get(n - 1).expr());
        }
        if (g instanceof dev.lodedb.sql.ast.GroupingSet) {
            throw error(SqlException.FEATURE_NOT_SUPPORTED, "GROUPING SETS, ROLLUP and CUBE are not supported yet",
                    g.position());
        }
        if (g instanceof ColumnRef c && c.names().size() == 1 && scope.resolve(c.names(), c.position()) == null) {
            for (SelectItem t : targets) {
                if (c.name().equals(t.alias())) {
                    return kb.bind(t.expr());
                }
            }
        }
        return kb.bind(g);
    }

    /** @return the select-list index an ORDER BY item names by ordinal or output name, or -1 */
    private static int orderTarget(OrderItem o, List<SelectItem> targets, List<PlanColumn> cols, int visible) {
        if (o.expr() instanceof IntegerLiteral lit) {
            if (lit.value() < 1 || lit.value() > visible) {
                throw error("42P10", "ORDER BY position " + lit.value() + " is not in select list", o.position());
            }
            return (int) lit.value() - 1;
        }
        if (o.expr() instanceof ColumnRef c && c.names().size() == 1) {
            int found = -1;
            for (int i = 0; i < visible; i++) {
                if (cols.get(i).name().equals(c.name())) {
                    if (found >= 0) {
                        boolean sameAlias = i < targets.size() && targets.get(i).alias() != null;
                        if (sameAlias || (found < targets.size() && targets.get(found).alias() != null)) {
                            throw error("42702", "ORDER BY \"" + c.name() + "\" is ambiguous", o.position());
                        }
                        continue;
                    }
                    found = i;
                }
            }
            return found;
        }
        return -1;
    }

    private void expandStar(Star star, Scope scope, Scope selectScope, List<BoundExpr> exprs, List<PlanColumn> cols) {
        String qualifier = star.qualifier().isEmpty() ? null : star.qualifier().get(star.qualifier().size() - 1);
        if (qualifier == null && scope.entries.isEmpty()) {
            throw error(SqlException.SYNTAX_ERROR, "SELECT * with no tables specified is not valid", star.position());
        }
        boolean any = false;
        for (Scope.Entry e : scope.entries) {
            if (qualifier == null ? e.hidden() : !qualifier.equals(e.qualifier())) {
                continue;
            }
            any = true;
            // bound by position, not by name: two relations may both have a column "i" (and a
            // subquery may even have two columns of one name), which * still expands to
            exprs.add(selectScope.grouped(e, star.position()));
            cols.add(new PlanColumn(e.name(), e.type(), e.tableId(), e.columnId()));
        }
        if (qualifier != null && !any) {
            throw error(SqlException.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + qualifier + "\"",
                    star.position());
        }
    }

    /** ORDER BY over the output of a set operation or VALUES: output names and ordinals only. */
    private LogicalPlan orderByOutput(LogicalPlan plan, List<OrderItem> orderBy) {
        List<SortKey> keys = new ArrayList<>();
        List<PlanColumn> cols = plan.columns();
        for (OrderItem o : orderBy) {
            int index = orderTarget(o, List.of(), cols, cols.size());
            if (index < 0) {
                Scope s = new Scope(null, List.of());
                for (int i = 0; i < cols.size(); i++) {
                    s.entries.add(new Scope.Entry(null, cols.get(i).name(), cols.get(i).type(), i, false, 0, -1));
                }
                BoundExpr e = new ExpressionBinder(ctx, s).bind(o.expr());
                if (!(e instanceof BoundExpr.ColumnRef)) {
                    throw error(SqlException.FEATURE_NOT_SUPPORTED,
                            "invalid UNION/INTERSECT/EXCEPT ORDER BY clause", o.position());
                }
                index = ((BoundExpr.ColumnRef) e).index();
            }
            keys.add(sortKey(o, new BoundExpr.ColumnRef(index, cols.get(index).type(), cols.get(index).name())));
        }
        return new LogicalPlan.Sort(plan, keys);
    }

    /** @return the sort key for an ORDER BY item over the bound expression {@code e} */
    static SortKey sortKey(OrderItem o, BoundExpr e) {
        if (o.direction() == OrderItem.Direction.USING) {
            boolean desc = ">".equals(o.usingOperator()) || ">=".equals(o.usingOperator());
            return new SortKey(e, desc, o.nulls() == OrderItem.NullOrdering.DEFAULT ? desc
                    : o.nulls() == OrderItem.NullOrdering.FIRST);
        }
        boolean desc = o.direction() == OrderItem.Direction.DESC;
        boolean nullsFirst = o.nulls() == OrderItem.NullOrdering.DEFAULT ? desc
                : o.nulls() == OrderItem.NullOrdering.FIRST;
        return new SortKey(e, desc, nullsFirst);
    }
}
