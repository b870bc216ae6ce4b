package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.ast.LockingClause;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.exec.DataChunk;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.exec.ExpressionCompiler;
import dev.lodedb.sql.exec.Operator;
import dev.lodedb.sql.exec.PendingWrites;
import dev.lodedb.sql.exec.PhysicalPlanner;
import dev.lodedb.sql.exec.TableScan;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.PlanColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code SELECT ... FOR UPDATE | NO KEY UPDATE | SHARE | KEY SHARE [OF t] [NOWAIT | SKIP LOCKED]}
 * over one table: the query runs with the row key of each result row carried along, the rows are
 * locked (exclusively for UPDATE and NO KEY UPDATE, shared for SHARE and KEY SHARE) until the
 * transaction ends, and what was locked is checked against its snapshot like a write
 * ({@link Transaction#finishWrites}): at READ COMMITTED a row changed by a transaction that
 * committed meanwhile makes the query run again on a new snapshot (so it returns the rows as they
 * are now, as PostgreSQL's EvalPlanQual does), above it the transaction fails with 40001.
 * A LIMIT / OFFSET applies to the rows locked, after SKIP LOCKED dropped the others, as
 * PostgreSQL's LockRows node below its Limit.
 *
 * <p>Queries with joins, aggregates, grouping, DISTINCT, window functions or set operations are
 * refused with 0A000. Not thread-safe (one statement).
 */
final class LockingQuery {
    private final SqlDatabase db;
    private final StatementExecutor executor;

    LockingQuery(SqlDatabase db, StatementExecutor executor) {
        this.db = db;
        this.executor = executor;
    }

    /** The plan with the locked table's row key appended as its last column. */
    private static final class Keyed {
        TableDef table;
        LogicalPlan limit;
        /** Whether a sort or filter sits above the place a limit would be taken from. */
        boolean orderedAbove;
    }

    StatementResult run(PreparedStatementImpl p, Query q, Transaction txn, Transaction.Scope scope, Object[] params) {
        LockingClause clause = q.locking().get(0);
        boolean exclusive = clause.strength() == LockingClause.Strength.UPDATE
                || clause.strength() == LockingClause.Strength.NO_KEY_UPDATE;
        Keyed k = new Keyed();
        LogicalPlan plan = withKey(p.queryPlan, k, clause);
        if (k.table == null) {
            throw unsupported(clause, "queries without a table");
        }
        for (LockingClause c : q.locking()) {
            for (QualifiedName n : c.tables()) {
                if (!n.last().equals(k.table.name()) && !n.last().equals(aliasOf(q))) {
                    throw new SqlException(SqlException.UNDEFINED_TABLE, "relation \"" + n.last()
                            + "\" in FOR UPDATE clause not found in FROM clause", null, null, n.position() + 1, null);
                }
            }
        }
        ExecContext ctx = executor.context(txn.view(scope), scope, params);
        long limit = Long.MAX_VALUE;
        long offset = 0;
        if (k.limit != null) {
            LogicalPlan.Limit l = (LogicalPlan.Limit) k.limit;
            limit = l.limit() == null ? Long.MAX_VALUE : count(l.limit(), ctx);
            offset = l.offset() == null ? 0 : count(l.offset(), ctx);
        }
        int keyIndex = plan.columns().size() - 1;
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
                    byte[] key = (byte[]) row[keyIndex];
                    if (clause.waitPolicy() != LockingClause.WaitPolicy.WAIT && !txn.tryLock(key, exclusive)) {
                        if (clause.waitPolicy() == LockingClause.WaitPolicy.SKIP_LOCKED) {
                            continue;
                        }
                        throw new SqlException("55P03", "could not obtain lock on row in relation \""
                                + k.table.name() + "\"", null, null, clause.position() + 1, null);
                    }
                    if (skipped < offset) {
                        skipped++;
                        continue;
                    }
                    pending.claimKey(key, exclusive);
                    out.add(Arrays.copyOf(row, keyIndex));
                }
            }
        } finally {
            root.close();
        }
        // lock what was read and check it is still what the snapshot showed
        txn.finishWrites(scope, pending, Map.of(), ctx);
        return new MaterializedResult(p.columns(), out, out.size(), "SELECT " + out.size());
    }

    private static String aliasOf(Query q) {
        if (q.body() instanceof dev.lodedb.sql.ast.Select s && s.from().size() == 1
                && s.from().get(0).alias() != null) {
            return s.from().get(0).alias().name();
        }
        return null;
    }

    private static long count(BoundExpr e, ExecContext ctx) {
        Object v = ExpressionCompiler.compile(e).evaluateOnce(ctx);
        return v == null ? Long.MAX_VALUE : Math.max(0, ((Number) v).longValue());
    }

    /**
     * @return {@code plan} producing one more column, the locked table's row key; the topmost
     *     LIMIT is left out (recorded in {@code k}) to apply to the locked rows
     * @throws SqlException 0A000 for a plan with other operators than scans, filters, projections,
     *     sorts and one limit
     */
    private LogicalPlan withKey(LogicalPlan plan, Keyed k, LockingClause clause) {
        if (plan instanceof LogicalPlan.Limit l) {
            if (k.limit != null || k.orderedAbove) {
                throw unsupported(clause, "a LIMIT inside a subquery");
            }
            k.limit = l;
            return withKey(l.input(), k, clause);
        }
        if (plan instanceof LogicalPlan.Project pr) {
            LogicalPlan in = withKey(pr.input(), k, clause);
            List<BoundExpr> exprs = new ArrayList<>(pr.exprs());
            exprs.add(new BoundExpr.ColumnRef(in.columns().size() - 1, DataType.BYTEA, "?key?"));
            List<PlanColumn> cols = new ArrayList<>(pr.columns());
            cols.add(PlanColumn.of("?key?", DataType.BYTEA));
            return new LogicalPlan.Project(in, exprs, cols);
        }
        if (plan instanceof LogicalPlan.Filter f) {
            k.orderedAbove |= k.limit == null;
            return new LogicalPlan.Filter(withKey(f.input(), k, clause), f.predicate());
        }
        if (plan instanceof LogicalPlan.Sort s) {
            k.orderedAbove |= k.limit == null;
            return new LogicalPlan.Sort(withKey(s.input(), k, clause), s.keys());
        }
        if (plan instanceof LogicalPlan.Scan s) {
            k.table = s.table();
            return keyed(s);
        }
        if (plan instanceof LogicalPlan.IndexScan ix) {
            k.table = ix.scan().table();
            return new LogicalPlan.IndexScan(keyed(ix.scan()), ix.index(), ix.bounds(), ix.conditions(), ix.filter(),
                    ix.indexOnly(), ix.limitHint());
        }
        if (plan instanceof LogicalPlan.BitmapHeapScan b) {
            k.table = b.scan().table();
            return new LogicalPlan.BitmapHeapScan(keyed(b.scan()), b.bitmap(), b.recheck(), b.filter());
        }
        if (plan instanceof LogicalPlan.Aggregate || plan instanceof LogicalPlan.GroupAggregate) {
            throw unsupported(clause, "aggregate functions");
        }
        if (plan instanceof LogicalPlan.Distinct) {
            throw unsupported(clause, "DISTINCT clause");
        }
        if (plan instanceof LogicalPlan.Window) {
            throw unsupported(clause, "window functions");
        }
        if (plan instanceof LogicalPlan.SetOp) {
            throw unsupported(clause, "UNION/INTERSECT/EXCEPT");
        }
        if (plan instanceof LogicalPlan.Join || plan instanceof LogicalPlan.MergeJoin) {
            throw unsupported(clause, "joins (yet: lock one table at a time)");
        }
        throw unsupported(clause, "this query");
    }

    private static LogicalPlan.Scan keyed(LogicalPlan.Scan s) {
        int[] projection = Arrays.copyOf(s.projection(), s.projection().length + 1);
        projection[projection.length - 1] = TableScan.KEY_COLUMN;
        List<PlanColumn> cols = new ArrayList<>(s.columns());
        cols.add(PlanColumn.of("?key?", DataType.BYTEA));
        return new LogicalPlan.Scan(s.table(), projection, s.filter(), cols, s.keyPrefix());
    }

    private static SqlException unsupported(LockingClause clause, String what) {
        String name = switch (clause.strength()) {
            case UPDATE -> "FOR UPDATE";
            case NO_KEY_UPDATE -> "FOR NO KEY UPDATE";
            case SHARE -> "FOR SHARE";
            default -> "FOR KEY SHARE";
        };
        return new SqlException(SqlException.FEATURE_NOT_SUPPORTED, name + " is not allowed with " + what, null,
                null, clause.position() + 1, null);
    }
}
