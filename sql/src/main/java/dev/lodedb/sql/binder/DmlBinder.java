package dev.lodedb.sql.binder;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.types.CastContext;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.ast.CommonTableExpr;
import dev.lodedb.sql.ast.DefaultExpr;
import dev.lodedb.sql.ast.Delete;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.Insert;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.RowConstructor;
import dev.lodedb.sql.ast.SelectItem;
import dev.lodedb.sql.ast.SetClause;
import dev.lodedb.sql.ast.Star;
import dev.lodedb.sql.ast.TableRef;
import dev.lodedb.sql.ast.Update;
import dev.lodedb.sql.ast.ValuesQuery;
import dev.lodedb.sql.ast.WithClause;
import dev.lodedb.sql.exec.TableScan;
import dev.lodedb.sql.parser.Parser;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.DmlPlan;
import dev.lodedb.sql.plan.JoinType;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.PlanColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds INSERT, UPDATE and DELETE. The result describes the rows to write as a logical plan whose
 * output the DML executor consumes:
 * <ul>
 *   <li>INSERT: one output column per table column (in table order), already converted to the
 *       column types, with defaults filled in;</li>
 *   <li>UPDATE: the new values of every table column, then the old row's store key;</li>
 *   <li>DELETE: the old row's columns, then its store key.</li>
 * </ul>
 * RETURNING expressions are bound over the table's columns (the new row for INSERT and UPDATE,
 * the old row for DELETE). Not thread-safe; one instance per statement.
 */
final class DmlBinder {
    private final BindContext ctx;

    DmlBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    static TableDef target(Catalog catalog, QualifiedName name) {
        List<String> parts = name.parts();
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : Catalog.PUBLIC;
        TableDef t = catalog.table(schema, name.last());
        if (t == null) {
            if (catalog.view(schema, name.last()) != null) {
                throw new SqlException("55000", "cannot change view \"" + name.last() + "\"", null,
                        "Views are not updatable yet.", name.position() + 1, null);
            }
            throw new SqlException(SqlException.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist", null,
                    null, name.position() + 1, null);
        }
        return t;
    }

    private static List<Scope.Entry> tableEntries(TableDef t, String qualifier) {
        List<Scope.Entry> out = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            ColumnDef c = t.columns().get(i);
            out.add(new Scope.Entry(qualifier, c.name(), c.type(), i, false, t.id(), c.id()));
        }
        return out;
    }

    /** @return the bound default of column {@code c} (NULL when it has none), converted to its type */
    BoundExpr defaultValue(ColumnDef c) {
        if (c.defaultSql() == null) {
            return new BoundExpr.Constant(null, c.type());
        }
        ExpressionBinder b = new ExpressionBinder(ctx, Scope.empty(null));
        b.clause = "DEFAULT expressions";
        BoundExpr e = b.bind(Parser.parseExpression(c.defaultSql()));
        return b.coerce(e, c.type(), CastContext.ASSIGNMENT, 0, null);
    }

    /**
     * Whether an explicit value for column {@code c} gives way to the column's generated value, as
     * PostgreSQL's rewriter decides: for an identity column under OVERRIDING USER VALUE.
     *
     * @param overriding the INSERT's OVERRIDING clause, or {@code null}
     * @throws SqlException 428C9 for an explicit value for a GENERATED ALWAYS identity column without
     *     OVERRIDING SYSTEM VALUE or OVERRIDING USER VALUE
     */
    private static boolean useGenerated(ColumnDef c, Insert.Overriding overriding, int position) {
        if (!c.isIdentity()) {
            return false;
        }
        if (overriding == Insert.Overriding.USER) {
            return true;
        }
        if (c.identity() == ColumnDef.IDENTITY_ALWAYS && overriding != Insert.Overriding.SYSTEM) {
            throw new SqlException("428C9", "cannot insert a non-DEFAULT value into column \"" + c.name() + "\"",
                    "Column \"" + c.name() + "\" is an identity column defined as GENERATED ALWAYS.",
                    "Use OVERRIDING SYSTEM VALUE to override.", position + 1, null);
        }
        return false;
    }

    private BoundExpr assign(ExpressionBinder b, BoundExpr e, ColumnDef c, int position) {
        if (!TypeCoercion.canCast(e.type(), c.type(), CastContext.ASSIGNMENT)
                && e.type().id() != dev.lodedb.engine.types.TypeId.UNKNOWN) {
            throw new SqlException(SqlException.DATATYPE_MISMATCH, "column \"" + c.name() + "\" is of type "
                    + c.type() + " but expression is of type " + e.type(), null,
                    "You will need to rewrite or cast the expression.", position + 1, null);
        }
        return b.coerce(e, c.type(), CastContext.ASSIGNMENT, position, null);
    }

    DmlPlan insert(Insert ins) {
        if (ins.with() != null) {
            // WITH ... INSERT INTO t SELECT ...: the CTEs are visible to the source query only
            Query q = ins.query();
            if (q == null) {
                throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED,
                        "WITH in INSERT ... DEFAULT VALUES is not supported", null, null, ins.position() + 1, null);
            }
            WithClause w = ins.with();
            if (q.with() != null) {
                if (q.with().recursive() != w.recursive()) {
                    throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED,
                            "WITH in INSERT combined with a WITH of its query is not supported", null, null,
                            q.with().position() + 1, null);
                }
                List<CommonTableExpr> all = new ArrayList<>(w.ctes());
                all.addAll(q.with().ctes());
                w = new WithClause(w.recursive(), all, w.position());
            }
            q = new Query(w, q.body(), q.orderBy(), q.limit(), q.offset(), q.withTies(), q.locking(), q.position());
            ins = new Insert(null, ins.table(), ins.alias(), ins.columns(), q, ins.onConflict(), ins.returning(),
                    ins.overriding(), ins.position());
        }
        TableDef t = target(ctx.catalog, ins.table());
        List<ColumnDef> cols = t.columns();
        List<Integer> targets = new ArrayList<>();
        if (ins.columns().isEmpty()) {
            for (int i = 0; i < cols.size(); i++) {
                targets.add(i);
            }
        } else {
            for (String name : ins.columns()) {
                int i = t.indexOf(name);
                if (i < 0) {
                    throw new SqlException(SqlException.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \""
                            + t.name() + "\" does not exist", null, null, ins.position() + 1, null);
                }
                if (targets.contains(i)) {
                    throw new SqlException(SqlException.DUPLICATE_COLUMN, "column \"" + name
                            + "\" specified more than once", null, null, ins.position() + 1, null);
                }
                targets.add(i);
            }
        }
        LogicalPlan source;
        ExpressionBinder b = new ExpressionBinder(ctx, Scope.empty(null));
        b.clause = "VALUES";
        if (ins.defaultValues()) {
            List<BoundExpr> row = new ArrayList<>();
            for (ColumnDef c : cols) {
                row.add(defaultValue(c));
            }
            source = new LogicalPlan.Values(List.of(row), columns(t));
        } else if (ins.query().isBare() && ins.query().body() instanceof ValuesQuery v) {
            List<List<BoundExpr>> rows = new ArrayList<>();
            for (List<Expr> items : v.rows()) {
                if (items.size() > targets.size()) {
                    throw new SqlException(SqlException.SYNTAX_ERROR, "INSERT has more expressions than target columns",
                            null, null, items.get(targets.size()).position() + 1, null);
                }
                if (items.size() < targets.size() && !ins.columns().isEmpty()) {
                    throw new SqlException(SqlException.SYNTAX_ERROR, "INSERT has more target columns than expressions",
                            null, null, v.position() + 1, null);
                }
                BoundExpr[] row = new BoundExpr[cols.size()];
                for (int k = 0; k < items.size(); k++) {
                    int ci = targets.get(k);
                    Expr item = items.get(k);
                    if (item instanceof DefaultExpr) {
                        row[ci] = defaultValue(cols.get(ci));
                    } else {
                        BoundExpr value = assign(b, b.bind(item), cols.get(ci), item.position());
                        row[ci] = useGenerated(cols.get(ci), ins.overriding(), item.position())
                                ? defaultValue(cols.get(ci)) : value;
                    }
                }
                for (int ci = 0; ci < row.length; ci++) {
                    if (row[ci] == null) {
                        row[ci] = defaultValue(cols.get(ci));
                    }
                }
                rows.add(List.of(row));
            }
            source = new LogicalPlan.Values(rows, columns(t));
        } else {
            LogicalPlan q = ctx.queries.bindQuery(ins.query(), null);
            if (q.columns().size() > targets.size()) {
                throw new SqlException(SqlException.SYNTAX_ERROR, "INSERT has more expressions than target columns",
                        null, null, ins.query().position() + 1, null);
            }
            BoundExpr[] exprs = new BoundExpr[cols.size()];
            for (int k = 0; k < q.columns().size(); k++) {
                int ci = targets.get(k);
                PlanColumn pc = q.columns().get(k);
                BoundExpr value = assign(b, new BoundExpr.ColumnRef(k, pc.type(), pc.name()), cols.get(ci),
                        ins.query().position());
                exprs[ci] = useGenerated(cols.get(ci), ins.overriding(), ins.query().position())
                        ? defaultValue(cols.get(ci)) : value;
            }
            for (int ci = 0; ci < exprs.length; ci++) {
                if (exprs[ci] == null) {
                    exprs[ci] = defaultValue(cols.get(ci));
                }
            }
            source = new LogicalPlan.Project(q, List.of(exprs), columns(t));
        }
        DmlPlan.Conflict conflict = null;
        if (ins.onConflict() != null) {
            var oc = ins.onConflict();
            ConflictArbiters.Arbiters arbiters = ConflictArbiters.infer(ctx.catalog, t, oc);
            if (!oc.doUpdate()) {
                conflict = new DmlPlan.Conflict(false, List.of(), null, arbiters.primaryKey(), arbiters.indexes());
            } else {
                String alias = ins.alias() != null ? ins.alias() : t.name();
                List<Scope.Entry> entries = new ArrayList<>(tableEntries(t, alias));
                for (int i = 0; i < cols.size(); i++) {
                    ColumnDef c = cols.get(i);
                    entries.add(new Scope.Entry("excluded", c.name(), c.type(), cols.size() + i, false, t.id(), c.id()));
                }
                ExpressionBinder ub = new ExpressionBinder(ctx, new Scope(null, entries));
                ub.clause = "ON CONFLICT DO UPDATE";
                List<BoundExpr> set = new ArrayList<>();
                for (int i = 0; i < cols.size(); i++) {
                    set.add(new BoundExpr.ColumnRef(i, cols.get(i).type(), cols.get(i).name()));
                }
                applySet(ub, t, oc.set(), set);
                BoundExpr where = oc.where() == null ? null : ub.bindCondition(oc.where(), "WHERE");
                conflict = new DmlPlan.Conflict(true, set, where, arbiters.primaryKey(), arbiters.indexes());
            }
        }
        return returning(ins.returning(), "INSERT", t, ins.alias() != null ? ins.alias() : t.name(), source, conflict);
    }

    private void applySet(ExpressionBinder b, TableDef t, List<SetClause> clauses, List<BoundExpr> set) {
        List<ColumnDef> cols = t.columns();
        List<Integer> assigned = new ArrayList<>();
        for (SetClause sc : clauses) {
            List<Expr> values;
            if (sc.multiColumn()) {
                if (!(sc.value() instanceof RowConstructor rc)) {
                    throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED,
                            "multiple-column UPDATE from a subquery is not supported yet", null, null,
                            sc.position() + 1, null);
                }
                values = rc.fields();
                if (values.size() != sc.columns().size()) {
                    throw new SqlException(SqlException.SYNTAX_ERROR, "number of columns does not match number of values",
                            null, null, sc.position() + 1, null);
                }
            } else {
                values = List.of(sc.value());
            }
            for (int k = 0; k < sc.columns().size(); k++) {
                String name = sc.columns().get(k);
                int ci = t.indexOf(name);
                if (ci < 0) {
                    throw new SqlException(SqlException.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \""
                            + t.name() + "\" does not exist", null, null, sc.position() + 1, null);
                }
                if (assigned.contains(ci)) {
                    throw new SqlException("42601", "multiple assignments to same column \"" + name + "\"", null, null,
                            sc.position() + 1, null);
                }
                assigned.add(ci);
                Expr v = values.get(k);
                if (!(v instanceof DefaultExpr) && cols.get(ci).identity() == ColumnDef.IDENTITY_ALWAYS) {
                    throw new SqlException("428C9", "column \"" + name + "\" can only be updated to DEFAULT",
                            "Column \"" + name + "\" is an identity column defined as GENERATED ALWAYS.", null,
                            v.position() + 1, null);
                }
                set.set(ci, v instanceof DefaultExpr ? defaultValue(cols.get(ci))
                        : assign(b, b.bind(v), cols.get(ci), v.position()));
            }
        }
    }

    private static List<PlanColumn> columns(TableDef t) {
        List<PlanColumn> out = new ArrayList<>();
        for (ColumnDef c : t.columns()) {
            out.add(new PlanColumn(c.name(), c.type(), t.id(), c.id()));
        }
        return out;
    }

    /** The target scan with the key column last, joined with FROM / USING relations. */
    private QueryBinder.Relation targetWithFrom(TableDef t, String alias, List<TableRef> from) {
        int n = t.columns().size();
        int[] projection = new int[n + 1];
        List<PlanColumn> cols = columns(t);
        for (int i = 0; i < n; i++) {
            projection[i] = i;
        }
        projection[n] = TableScan.KEY_COLUMN;
        cols = new ArrayList<>(cols);
        cols.add(PlanColumn.of("?key?", DataType.BYTEA));
        LogicalPlan plan = new LogicalPlan.Scan(t, projection, null, cols);
        List<Scope.Entry> entries = tableEntries(t, alias);
        for (TableRef ref : from) {
            QueryBinder.Relation r = ctx.queries.bindFromItem(ref, null);
            int shift = plan.columns().size();
            plan = new LogicalPlan.Join(JoinType.INNER, plan, r.plan(), null);
            for (Scope.Entry e : r.entries()) {
                entries.add(new Scope.Entry(e.qualifier(), e.name(), e.type(), e.index() + shift, e.hidden(),
                        e.tableId(), e.columnId()));
            }
        }
        return new QueryBinder.Relation(plan, entries);
    }

    DmlPlan update(Update u) {
        TableDef t = target(ctx.catalog, u.table().name());
        String alias = u.table().alias() != null ? u.table().alias().name() : t.name();
        QueryBinder.Relation rel = targetWithFrom(t, alias, u.from());
        Scope scope = new Scope(null, rel.entries());
        ExpressionBinder b = new ExpressionBinder(ctx, scope);
        b.clause = "UPDATE";
        LogicalPlan plan = rel.plan();
        if (u.where() != null) {
            ExpressionBinder wb = new ExpressionBinder(ctx, scope);
            wb.clause = "WHERE";
            plan = new LogicalPlan.Filter(plan, wb.bindCondition(u.where(), "WHERE"));
        }
        int n = t.columns().size();
        List<BoundExpr> set = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ColumnDef c = t.columns().get(i);
            set.add(new BoundExpr.ColumnRef(i, c.type(), c.name()));
        }
        applySet(b, t, u.set(), set);
        List<BoundExpr> exprs = new ArrayList<>(set);
        exprs.add(new BoundExpr.ColumnRef(n, DataType.BYTEA, "?key?"));
        List<PlanColumn> cols = new ArrayList<>(columns(t));
        cols.add(PlanColumn.of("?key?", DataType.BYTEA));
        plan = new LogicalPlan.Project(plan, exprs, cols);
        return returning(u.returning(), "UPDATE", t, alias, plan, null);
    }

    DmlPlan delete(Delete d) {
        TableDef t = target(ctx.catalog, d.table().name());
        String alias = d.table().alias() != null ? d.table().alias().name() : t.name();
        QueryBinder.Relation rel = targetWithFrom(t, alias, d.using());
        Scope scope = new Scope(null, rel.entries());
        LogicalPlan plan = rel.plan();
        if (d.where() != null) {
            ExpressionBinder wb = new ExpressionBinder(ctx, scope);
            wb.clause = "WHERE";
            plan = new LogicalPlan.Filter(plan, wb.bindCondition(d.where(), "WHERE"));
        }
        int n = t.columns().size();
        if (!d.using().isEmpty()) {
            List<BoundExpr> exprs = new ArrayList<>();
            List<PlanColumn> cols = new ArrayList<>();
            for (int i = 0; i <= n; i++) {
                PlanColumn pc = plan.columns().get(i);
                exprs.add(new BoundExpr.ColumnRef(i, pc.type(), pc.name()));
                cols.add(pc);
            }
            plan = new LogicalPlan.Project(plan, exprs, cols);
        }
        return returning(d.returning(), "DELETE", t, alias, plan, null);
    }

    private DmlPlan returning(List<SelectItem> items, String kind, TableDef t, String alias, LogicalPlan source,
            DmlPlan.Conflict conflict) {
        List<BoundExpr> exprs = new ArrayList<>();
        List<PlanColumn> cols = new ArrayList<>();
        if (!items.isEmpty()) {
            Scope scope = new Scope(null, tableEntries(t, alias));
            ExpressionBinder b = new ExpressionBinder(ctx, scope);
            b.clause = "RETURNING";
            for (SelectItem item : items) {
                if (item.expr() instanceof Star) {
                    for (int i = 0; i < t.columns().size(); i++) {
                        ColumnDef c = t.columns().get(i);
                        exprs.add(new BoundExpr.ColumnRef(i, c.type(), c.name()));
                        cols.add(new PlanColumn(c.name(), c.type(), t.id(), c.id()));
                    }
                    continue;
                }
                BoundExpr e = b.bind(item.expr());
                if (e.type().id() == dev.lodedb.engine.types.TypeId.UNKNOWN) {
                    e = b.coerce(e, DataType.TEXT, item.position());
                }
                exprs.add(e);
                cols.add(PlanColumn.of(item.alias() != null ? item.alias() : ColumnNames.of(item.expr()), e.type()));
            }
        }
        return new DmlPlan(kind, t, source, conflict, exprs, cols);
    }
}
