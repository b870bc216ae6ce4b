package dev.lodedb.sql.session;

import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.ast.Delete;
import dev.lodedb.sql.ast.Explain;
import dev.lodedb.sql.ast.Insert;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.Statement;
import dev.lodedb.sql.ast.Update;
import dev.lodedb.sql.binder.Binder;
import dev.lodedb.sql.optimizer.Optimizer;
import dev.lodedb.sql.plan.DmlPlan;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.PlanColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * A prepared statement: the AST, and for queries and DML the bound and optimized plan with the
 * catalog it was bound against. When the catalog changes (DDL by any session), the statement is
 * bound again before it runs, so a prepared statement never runs against stale definitions.
 */
final class PreparedStatementImpl implements PreparedSql {
    final String sql;
    final Statement statement;
    private Catalog boundCatalog;
    private dev.lodedb.sql.optimizer.PlannerSettings boundSettings;
    LogicalPlan queryPlan;
    DmlPlan dmlPlan;
    private List<DataType> parameterTypes = List.of();
    private List<ResultColumn> columns = List.of();
    /** The operator tree of {@link #queryPlan}, kept for the next execution (operators re-open). */
    private volatile dev.lodedb.sql.exec.Operator cachedRoot;
    private volatile LogicalPlan cachedFor;
    private final java.util.concurrent.atomic.AtomicBoolean rootInUse = new java.util.concurrent.atomic.AtomicBoolean();

    PreparedStatementImpl(String sql, Statement statement) {
        this.sql = sql;
        this.statement = statement;
    }

    /** Binds (again) if the catalog or the planner settings changed since the last bind. */
    /**
     * Binds as {@link #bind(Catalog, Optimizer)} unless already bound to {@code catalog} with
     * {@code settings}, making the optimizer only when it rebinds.
     */
    void bind(Catalog catalog, dev.lodedb.sql.optimizer.PlannerSettings settings,
            java.util.function.Supplier<Optimizer> optimizer) {
        if (catalog != boundCatalog || !settings.equals(boundSettings)) {
            bind(catalog, optimizer.get());
        }
    }

    void bind(Catalog catalog, Optimizer optimizer) {
        if (catalog == boundCatalog && optimizer.settings().equals(boundSettings)) {
            return;
        }
        Statement s = statement instanceof Explain e ? e.statement() : statement;
        if (s instanceof Query q) {
            Binder.BoundQuery b = Binder.bindQuery(catalog, q, List.of());
            queryPlan = optimizer.run(b.plan());
            parameterTypes = b.parameterTypes();
            columns = statement instanceof Explain ? List.of(ResultColumn.computed("QUERY PLAN", DataType.TEXT))
                    : toResult(b.plan().columns());
        } else if (s instanceof Insert || s instanceof Update || s instanceof Delete) {
            Binder.BoundDml b = Binder.bindDml(catalog, s, List.of());
            DmlPlan d = b.dml();
            dmlPlan = new DmlPlan(d.kind(), d.table(), optimizer.run(d.source()), d.conflict(), d.returning(),
                    d.returningColumns());
            parameterTypes = b.parameterTypes();
            columns = statement instanceof Explain ? List.of(ResultColumn.computed("QUERY PLAN", DataType.TEXT))
                    : toResult(d.returningColumns());
        } else if (statement instanceof Explain) {
            columns = List.of(ResultColumn.computed("QUERY PLAN", DataType.TEXT));
        }
        boundCatalog = catalog;
        boundSettings = optimizer.settings();
    }

    /**
     * @return the operator tree to execute the query with: the cached one when no other execution
     *     of this statement is using it, else a new one; give it back with {@link #releaseRoot}
     */
    dev.lodedb.sql.exec.Operator acquireRoot() {
        LogicalPlan plan = queryPlan;
        if (cachedFor == plan && cachedRoot != null && rootInUse.compareAndSet(false, true)) {
            if (cachedFor == plan) {
                return cachedRoot;
            }
            rootInUse.set(false);
        }
        dev.lodedb.sql.exec.Operator root = dev.lodedb.sql.exec.PhysicalPlanner.plan(plan);
        if (cachedRoot == null || cachedFor != plan) {
            if (rootInUse.compareAndSet(false, true)) {
                cachedRoot = root;
                cachedFor = plan;
            }
        }
        return root;
    }

    /** Returns an operator tree obtained from {@link #acquireRoot} (closed by the caller). */
    void releaseRoot(dev.lodedb.sql.exec.Operator root) {
        if (root == cachedRoot) {
            rootInUse.set(false);
        }
    }

    static List<ResultColumn> toResult(List<PlanColumn> cols) {
        List<ResultColumn> out = new ArrayList<>();
        for (PlanColumn c : cols) {
            out.add(new ResultColumn(c.name(), c.type(), c.tableId(), c.columnId()));
        }
        return out;
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public List<DataType> parameterTypes() {
        return parameterTypes;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public boolean batchesAtomically() {
        return dmlPlan != null && !(statement instanceof Explain) && dmlPlan.kind().equals("INSERT")
                && dmlPlan.returning().isEmpty();
    }

    @Override
    public boolean returnsRows() {
        return !columns.isEmpty();
    }
}
