package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.ast.LockingClause;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.exec.DataChunk;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.exec.ExpressionCompiler;
import dev.lodedb.sql.exec.Operator;
import dev.lodedb.sql.exec.PendingWrites;
import dev.lodedb.sql.exec.PhysicalPlanner;
import dev.lodedb.sql.exec.TableScan;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.ExprRewriter;
import dev.lodedb.sql.plan.JoinType;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.PlanColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code SELECT ... FOR UPDATE | NO KEY UPDATE | SHARE | KEY SHARE [OF t, ...] [NOWAIT | SKIP LOCKED]}:
 * the query runs with the row key of every locked table carried along in each result row (one
 * key column per table the clauses lock, {@link LockTargets}: all tables read in FROM, through
 * inner joins, or those named by OF), the rows are locked (exclusively for UPDATE and NO KEY UPDATE,
 * shared for SHARE and KEY SHARE) until the transaction ends, and what was locked is checked
 * against its snapshot like a write ({@link Transaction#finishWrites}): at READ COMMITTED a row
 * changed by a transaction that committed meanwhile makes the query run again on a new snapshot
 * (so it returns the rows as they are now, as PostgreSQL's EvalPlanQual does), above it the
 * transaction fails with 40001. A LIMIT / OFFSET applies to the rows locked, after SKIP LOCKED
 * dropped the others, as PostgreSQL's LockRows node below its Limit; with SKIP LOCKED a result row
 * is left out when any of its locked rows is held by another transaction.
 *
 * <p>Refused with 0A000, with PostgreSQL's messages: a locked table on the nullable side of an
 * outer join ({@code FOR UPDATE cannot be applied to the nullable side of an outer join}),
 * aggregates, grouping, DISTINCT, window functions and set operations over locked tables, a LIMIT
 * inside a subquery over them, and an OF list naming one of several references to the same table
 * (the plan cannot tell them apart). Rows read by subqueries in WHERE or the select list are not
 * locked, as in PostgreSQL. Not thread-safe (one statement).
 */
final class LockingQuery {
    private final SqlDatabase db;
    private final StatementExecutor executor;

    LockingQuery(SqlDatabase db, StatementExecutor executor) {
        this.db = db;
        this.executor = executor;
    }

    /** The state of the rewrite: the lock targets, the topmost LIMIT taken out, and the locked scans. */
    private static final class Rewrite {
        final LockTargets targets;
        final LockingClause first;
        LogicalPlan limit;
        /** Whether a sort or filter sits above the place a limit would be taken from. */
        boolean orderedAbove;
        /** Locked scans per table id, to find an OF that names one of several references. */
        final Map<Integer, Integer> lockedScans = new HashMap<>();

        Rewrite(LockTargets targets, LockingClause first) {
            this.targets = targets;
            this.first = first;
        }
    }

    /** A plan producing its input's columns followed by the row key of each locked table, in {@code tables} order. */
    private record Keyed(LogicalPlan plan, List<TableDef> tables) {
        int keys() {
            return tables.size();
        }
    }

    StatementResult run(PreparedStatementImpl p, Query q, Transaction txn, Transaction.Scope scope, Object[] params) {
        Rewrite rw = new Rewrite(LockTargets.of(q, executor.catalog()), q.locking().get(0));
        Keyed keyed = keyed(p.queryPlan, rw, true);
        for (Map.Entry<Integer, Integer> e : rw.lockedScans.entrySet()) {
            int named = rw.targets.namedReferences(e.getKey());
            if (rw.targets.all() == null && e.getValue() > named) {
                TableDef t = keyed.tables().stream().filter(x -> x.id() == e.getKey()).findFirst().orElseThrow();
                throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, LockTargets.sql(rw.first.strength())
                        + " OF one of several "
                        + "references to table \"" + t.name() + "\" is not supported", null,
                        "Name every reference to the table in the OF list, or none.", rw.first.position() + 1, null);
            }
        }
        LogicalPlan plan = keyed.plan();
        ExecContext ctx = executor.context(txn.view(scope), scope, params);
        long limit = Long.MAX_VALUE;
        long offset = 0;
        if (rw.limit != null) {
            LogicalPlan.Limit l = (LogicalPlan.Limit) rw.limit;
            limit = l.limit() == null ? Long.MAX_VALUE : count(l.limit(), ctx);
            offset = l.offset() == null ? 0 : count(l.offset(), ctx);
        }
        int width = plan.columns().size() - keyed.keys();
        List<LockTargets.Mode> modes = new ArrayList<>();
        keyed.tables().forEach(t -> modes.add(rw.targets.modeOf(t)));
        PendingWrites pending = new PendingWrites();
        List<Object[]> out = new ArrayList<>();
        Operator root = PhysicalPlanner.plan(plan);
        root.open(ctx);
        try {
            long skipped = 0;
            DataChunk c;
            while (out.size() < limit && (c = root.next()) != null) {
                for (int i = 0; i < c.size() && out.size() < limit; i++) {
                    Object[] row = c.rowValues(i);
                    if (!tryLocks(txn, row, width, keyed.tables(), modes)) {
                        continue;
                    }
                    if (skipped < offset) {
                        skipped++;
                        continue;
                    }
                    for (int k = 0; k < keyed.keys(); k++) {
                        if (row[width + k] != null) {
                            pending.claimKey((byte[]) row[width + k], modes.get(k).exclusive());
                        }
                    }
                    out.add(Arrays.copyOf(row, width));
                }
            }
        } finally {
            root.close();
        }
        // lock what was read and check it is still what the snapshot showed
        txn.finishWrites(scope, pending, Map.of(), ctx);
        return new MaterializedResult(p.columns(), out, out.size(), "SELECT " + out.size());
    }

    /**
     * Takes the locks of the NOWAIT and SKIP LOCKED tables of one result row at once (the others
     * are taken with waiting by {@link Transaction#finishWrites}).
     *
     * @return false when the row is to be skipped (SKIP LOCKED and a lock is held elsewhere)
     * @throws SqlException 55P03 for NOWAIT and a lock held elsewhere
     */
    private static boolean tryLocks(Transaction txn, Object[] row, int width, List<TableDef> tables,
            List<LockTargets.Mode> modes) {
        for (int k = 0; k < tables.size(); k++) {
            LockTargets.Mode m = modes.get(k);
            byte[] key = (byte[]) row[width + k];
            if (key == null || m.waitPolicy() == LockingClause.WaitPolicy.WAIT || txn.tryLock(key, m.exclusive())) {
                continue;
            }
            if (m.waitPolicy() == LockingClause.WaitPolicy.SKIP_LOCKED) {
                return false;
            }
            throw new SqlException("55P03", "could not obtain lock on row in relation \"" + tables.get(k).name()
                    + "\"", null, null, m.position() + 1, null);
        }
        return true;
    }

    private static long count(BoundExpr e, ExecContext ctx) {
        Object v = ExpressionCompiler.compile(e).evaluateOnce(ctx);
        return v == null ? Long.MAX_VALUE : Math.max(0, ((Number) v).longValue());
    }

    /**
     * @param top whether {@code plan} is the query's root or only under projections, filters and
     *     sorts of it (where the LIMIT of the locked rows may be taken out)
     * @return {@code plan} producing one more column per locked table, its row key; the topmost
     *     LIMIT is left out (recorded in {@code rw}) to apply to the locked rows
     * @throws SqlException 0A000 for a locked table under an operator the rows cannot be traced through
     */
    private Keyed keyed(LogicalPlan plan, Rewrite rw, boolean top) {
        if (!locks(plan, rw)) {
            return new Keyed(plan, List.of());
        }
        if (plan instanceof LogicalPlan.Limit l) {
            if (!top || rw.limit != null || rw.orderedAbove) {
                throw unsupported(rw, "a LIMIT inside a subquery");
            }
            rw.limit = l;
            return keyed(l.input(), rw, true);
        }
        if (plan instanceof LogicalPlan.Project pr) {
            Keyed in = keyed(pr.input(), rw, top);
            int width = in.plan().columns().size() - in.keys();
            List<BoundExpr> exprs = new ArrayList<>(pr.exprs());
            List<PlanColumn> cols = new ArrayList<>(pr.columns());
            appendKeys(in, width, exprs, cols);
            return new Keyed(new LogicalPlan.Project(in.plan(), exprs, cols), in.tables());
        }
        if (plan instanceof LogicalPlan.Filter f) {
            rw.orderedAbove |= top && rw.limit == null;
            Keyed in = keyed(f.input(), rw, top);
            return new Keyed(new LogicalPlan.Filter(in.plan(), f.predicate()), in.tables());
        }
        if (plan instanceof LogicalPlan.Sort s) {
            rw.orderedAbove |= top && rw.limit == null;
            Keyed in = keyed(s.input(), rw, top);
            return new Keyed(new LogicalPlan.Sort(in.plan(), s.keys()), in.tables());
        }
        if (plan instanceof LogicalPlan.Scan s) {
            return keyedScan(s.table(), keyed(s), rw);
        }
        if (plan instanceof LogicalPlan.IndexScan ix) {
            return keyedScan(ix.scan().table(), new LogicalPlan.IndexScan(keyed(ix.scan()), ix.index(),
                    ix.bounds(), ix.conditions(), ix.filter(), ix.indexOnly(), ix.limitHint()), rw);
        }
        if (plan instanceof LogicalPlan.BitmapHeapScan b) {
            return keyedScan(b.scan().table(), new LogicalPlan.BitmapHeapScan(keyed(b.scan()), b.bitmap(),
                    b.recheck(), b.filter()), rw);
        }
        if (plan instanceof LogicalPlan.Join j) {
            return join(j, rw);
        }
        if (plan instanceof LogicalPlan.MergeJoin m) {
            return mergeJoin(m, rw);
        }
        if (plan instanceof LogicalPlan.IndexJoin j) {
            return indexJoin(j, rw);
        }
        LogicalPlan.Aggregate agg = plan instanceof LogicalPlan.GroupAggregate g ? g.aggregate()
                : plan instanceof LogicalPlan.Aggregate a ? a : null;
        if (agg != null) {
            throw unsupported(rw, agg.groupKeys().isEmpty() ? "aggregate functions" : "GROUP BY clause");
        }
        if (plan instanceof LogicalPlan.Distinct) {
            throw unsupported(rw, "DISTINCT clause");
        }
        if (plan instanceof LogicalPlan.Window) {
            throw unsupported(rw, "window functions");
        }
        if (plan instanceof LogicalPlan.SetOp) {
            throw unsupported(rw, "UNION/INTERSECT/EXCEPT");
        }
        throw unsupported(rw, "this query");
    }

    /** @return {@code withKey}, a read of {@code t} producing its row key last, counted as a locked scan */
    private static Keyed keyedScan(TableDef t, LogicalPlan withKey, Rewrite rw) {
        rw.lockedScans.merge(t.id(), 1, Integer::sum);
        return new Keyed(withKey, List.of(t));
    }

    /** Adds to {@code exprs} and {@code cols} a reference to each key column of {@code in}, from {@code from} on. */
    private static void appendKeys(Keyed in, int from, List<BoundExpr> exprs, List<PlanColumn> cols) {
        for (int k = 0; k < in.keys(); k++) {
            exprs.add(new BoundExpr.ColumnRef(from + k, DataType.BYTEA, "?key?"));
            cols.add(PlanColumn.of("?key?", DataType.BYTEA));
        }
    }

    /**
     * A merge join as {@link #join}: the key lists stay (the keys are appended after each input's
     * columns, so the inputs' own columns keep their places and their order), the residual's
     * references to the right input shift past the left's keys.
     */
    private Keyed mergeJoin(LogicalPlan.MergeJoin m, Rewrite rw) {
        return joined(m.type(), m.left(), m.right(), m.residual(), rw,
                (l, r, c) -> new LogicalPlan.MergeJoin(m.type(), l, r, m.leftKeys(), m.rightKeys(), c));
    }

    /**
     * A join whose inputs carry keys: the inputs' keys move behind both inputs' columns (a
     * projection), and the condition's references to the right input shift past the left's keys.
     */
    private Keyed join(LogicalPlan.Join j, Rewrite rw) {
        return joined(j.type(), j.left(), j.right(), j.condition(), rw,
                (l, r, c) -> new LogicalPlan.Join(j.type(), l, r, c));
    }

    /** Builds a join node of the same kind over the keyed inputs and the shifted condition. */
    private interface JoinBuilder {
        LogicalPlan build(LogicalPlan left, LogicalPlan right, BoundExpr condition);
    }

    private Keyed joined(JoinType type, LogicalPlan leftIn, LogicalPlan rightIn, BoundExpr condition, Rewrite rw,
            JoinBuilder builder) {
        boolean semi = type == JoinType.SEMI || type == JoinType.ANTI;
        requireNotNullable(type == JoinType.RIGHT || type == JoinType.FULL, leftIn, rw);
        requireNotNullable(type == JoinType.LEFT || type == JoinType.FULL, rightIn, rw);
        Keyed left = keyed(leftIn, rw, false);
        Keyed right = semi ? new Keyed(rightIn, List.of()) : keyed(rightIn, rw, false);
        int leftWidth = leftIn.columns().size();
        BoundExpr c = condition == null ? null : shiftRight(condition, leftWidth, left.keys());
        return reorder(builder.build(left.plan(), right.plan(), c), left, semi ? 0 : rightIn.columns().size(), right);
    }

    /** An index nested-loop join: the outer keys are over the outer columns, which keep their places. */
    private Keyed indexJoin(LogicalPlan.IndexJoin j, Rewrite rw) {
        boolean semi = j.type() == JoinType.SEMI || j.type() == JoinType.ANTI;
        requireNotNullable(j.type() == JoinType.LEFT, j.inner(), rw);
        Keyed outer = keyed(j.outer(), rw, false);
        Keyed inner = new Keyed(j.lookup(), List.of());
        if (!semi && rw.targets.modeOf(j.inner().table()) != null) {
            LogicalPlan lookup = j.lookup() instanceof LogicalPlan.IndexScan ix
                    ? new LogicalPlan.IndexScan(keyed(ix.scan()), ix.index(), ix.bounds(), ix.conditions(), ix.filter(),
                            ix.indexOnly(), ix.limitHint())
                    : keyed((LogicalPlan.Scan) j.lookup());
            inner = keyedScan(j.inner().table(), lookup, rw);
        }
        int outerWidth = j.outer().columns().size();
        BoundExpr condition = j.condition() == null ? null : shiftRight(j.condition(), outerWidth, outer.keys());
        LogicalPlan join = new LogicalPlan.IndexJoin(j.type(), outer.plan(), inner.plan(), j.outerKeys(), condition);
        return reorder(join, outer, semi ? 0 : j.lookup().columns().size(), inner);
    }

    /**
     * @param join a join producing {@code left} ++ left keys ++ {@code right} ++ right keys
     * @return the join under a projection producing left ++ right ++ left keys ++ right keys
     */
    private static Keyed reorder(LogicalPlan join, Keyed left, int rightWidth, Keyed right) {
        if (left.keys() == 0 && right.keys() == 0) {
            return new Keyed(join, List.of());
        }
        List<PlanColumn> in = join.columns();
        int leftWidth = left.plan().columns().size() - left.keys();
        List<BoundExpr> exprs = new ArrayList<>();
        List<PlanColumn> cols = new ArrayList<>();
        for (int i = 0; i < leftWidth; i++) {
            exprs.add(new BoundExpr.ColumnRef(i, in.get(i).type(), in.get(i).name()));
            cols.add(in.get(i));
        }
        int rightStart = leftWidth + left.keys();
        for (int i = rightStart; i < rightStart + rightWidth; i++) {
            exprs.add(new BoundExpr.ColumnRef(i, in.get(i).type(), in.get(i).name()));
            cols.add(in.get(i));
        }
        appendKeys(left, leftWidth, exprs, cols);
        appendKeys(right, rightStart + rightWidth, exprs, cols);
        List<TableDef> tables = new ArrayList<>(left.tables());
        tables.addAll(right.tables());
        return new Keyed(new LogicalPlan.Project(join, exprs, cols), tables);
    }

    /** @return {@code e} with references at or past {@code from} shifted by {@code by} */
    private static BoundExpr shiftRight(BoundExpr e, int from, int by) {
        if (by == 0) {
            return e;
        }
        return ExprRewriter.rewrite(e, x -> x instanceof BoundExpr.ColumnRef c && c.index() >= from
                ? new BoundExpr.ColumnRef(c.index() + by, c.type(), c.name()) : null);
    }

    /** @throws SqlException 0A000 when {@code side} is the nullable side of an outer join and locks a table */
    private static void requireNotNullable(boolean nullable, LogicalPlan side, Rewrite rw) {
        if (nullable && locks(side, rw)) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, lockOf(side, rw).sql()
                    + " cannot be applied to the nullable side of an outer join", null, null,
                    rw.first.position() + 1, null);
        }
    }

    /** @return whether a table whose rows are locked is read by {@code plan} outside subqueries in expressions */
    private static boolean locks(LogicalPlan plan, Rewrite rw) {
        return lockOf(plan, rw) != null;
    }

    /** @return the mode of the first locked table {@code plan} reads, or {@code null} */
    private static LockTargets.Mode lockOf(LogicalPlan plan, Rewrite rw) {
        if (plan instanceof LogicalPlan.Scan s) {
            return rw.targets.modeOf(s.table());
        }
        if (plan instanceof LogicalPlan.IndexScan ix) {
            return rw.targets.modeOf(ix.scan().table());
        }
        if (plan instanceof LogicalPlan.BitmapHeapScan b) {
            return rw.targets.modeOf(b.scan().table());
        }
        if (plan instanceof LogicalPlan.Join j && (j.type() == JoinType.SEMI || j.type() == JoinType.ANTI)) {
            return lockOf(j.left(), rw);
        }
        if (plan instanceof LogicalPlan.IndexJoin j && (j.type() == JoinType.SEMI || j.type() == JoinType.ANTI)) {
            return lockOf(j.outer(), rw);
        }
        if (plan instanceof LogicalPlan.CteScan || plan instanceof LogicalPlan.MaterializedCte
                || plan instanceof LogicalPlan.RecursiveCte) {
            return null;
        }
        for (LogicalPlan in : plan.inputs()) {
            LockTargets.Mode m = lockOf(in, rw);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private static LogicalPlan.Scan keyed(LogicalPlan.Scan s) {
        int[] projection = Arrays.copyOf(s.projection(), s.projection().length + 1);
        projection[projection.length - 1] = TableScan.KEY_COLUMN;
        List<PlanColumn> cols = new ArrayList<>(s.columns());
        cols.add(PlanColumn.of("?key?", DataType.BYTEA));
        return new LogicalPlan.Scan(s.table(), projection, s.filter(), cols, s.keyPrefix(), s.keyRange());
    }

    private static SqlException unsupported(Rewrite rw, String what) {
        return LockTargets.notAllowed(rw.first, what);
    }
}
