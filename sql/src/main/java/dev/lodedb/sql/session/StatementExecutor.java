package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.ast.Analyze;
import dev.lodedb.sql.ast.Copy;
import dev.lodedb.sql.ast.Delete;
import dev.lodedb.sql.ast.Explain;
import dev.lodedb.sql.ast.Insert;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.ResetVariable;
import dev.lodedb.sql.ast.SetVariable;
import dev.lodedb.sql.ast.ShowVariable;
import dev.lodedb.sql.ast.Statement;
import dev.lodedb.sql.ast.TransactionStatement;
import dev.lodedb.sql.ast.Update;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.exec.Operator;
import dev.lodedb.sql.exec.PhysicalPlanner;
import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.Snapshot;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs prepared statements: queries stream from an operator tree over a fresh snapshot; DML and
 * DDL run under the database's write lock and commit one atomic batch; EXPLAIN prints the
 * physical plan; SET/SHOW handle the few settings that exist. Not thread-safe (one per session).
 */
final class StatementExecutor {
    private final SqlDatabase db;
    private final SqlSession session;

    /** The session's currval/lastval memory and access to the sequences. */
    private final SessionSequences sequences;

    /** @return the session's optimizer over {@code catalog} (its statistics, indexes and planner settings) */
    dev.lodedb.sql.optimizer.Optimizer optimizer(dev.lodedb.engine.catalog.Catalog catalog) {
        return session.optimizer(catalog);
    }

    StatementExecutor(SqlDatabase db, SqlSession session) {
        this.db = db;
        this.session = session;
        this.sequences = new SessionSequences(db, this::catalog);
    }

    /** @return whether the session's DML commits wait for the log to be fsynced */
    boolean synchronousCommit() {
        return session.synchronousCommit();
    }

    /** @return the session's bulk_load_threshold in bytes (when COPY and CREATE TABLE AS rewrite) */
    long bulkLoadThreshold() {
        return session.settings().bulkLoadThresholdBytes();
    }

    ExecContext context(Snapshot snapshot, Object[] params) {
        return context(db.store(), new Transaction.Scope(snapshot, 0, null, false), params);
    }

    /** @return a context whose operators read through {@code store} (a transaction's view) at {@code scope} */
    ExecContext context(KeyValueStore store, Transaction.Scope scope, Object[] params) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        ExecContext ctx = new ExecContext(store, ReadOptions.at(scope.snapshot()), params, now, session.random(),
                db.options().memoryBudgetBytes(), db.options().spillDirectory());
        ImportProgress progress = session.importProgress();
        ctx.setProgressListener(progress == null ? null : progress::update);
        ctx.setSequences(sequences);
        session.running(ctx);
        return ctx;
    }

    /**
     * Executes one statement in the session's transaction block, or as its own transaction.
     *
     * @throws SqlException 25P02 while the block has failed; any error of the statement (which
     *     then fails the block)
     */
    StatementResult execute(PreparedStatementImpl p, Object[] params) {
        session.clearCancel();
        Statement s = p.statement;
        session.settleOpenResults();
        if (s instanceof TransactionStatement t) {
            return new TransactionControl(db, session).run(t);
        }
        Transaction txn = session.transaction();
        if (txn == null) {
            return run(p, params, null);
        }
        if (txn.failed) {
            throw new SqlException("25P02", "current transaction is aborted, commands ignored until end of "
                    + "transaction block");
        }
        try {
            return run(p, params, txn);
        } catch (RuntimeException e) {
            txn.failed = true;
            throw e;
        }
    }

    /** Runs a JDBC batch of INSERT parameter sets as one statement (see {@link SqlSession#executeBatch}). */
    long[] executeBatch(PreparedStatementImpl p, List<Object[]> sets) {
        session.settleOpenResults();
        Transaction txn = session.transaction();
        if (txn != null && txn.failed) {
            throw new SqlException("25P02", "current transaction is aborted, commands ignored until end of "
                    + "transaction block");
        }
        try {
            long[][] out = new long[1][];
            write(p, txn, "INSERT", (t, scope) -> {
                out[0] = new DmlExecutor(db, this, t, scope).executeBatch(p.dmlPlan, sets);
                return null;
            });
            return out[0];
        } catch (RuntimeException e) {
            if (txn != null) {
                txn.failed = true;
            }
            throw e;
        }
    }

    /** A statement that writes, run once per attempt with its transaction and snapshot. */
    private interface WriteStatement {
        StatementResult run(Transaction txn, Transaction.Scope scope);
    }

    /**
     * Runs a statement that writes: takes the schema lock (shared), then runs it on a snapshot,
     * again on a new one when READ COMMITTED meets a concurrent change; outside a block the
     * statement's own transaction commits and ends here.
     */
    private StatementResult write(PreparedStatementImpl p, Transaction block, String command, WriteStatement body) {
        Transaction txn = block != null ? block : session.implicitTransaction();
        try {
            txn.checkWritable(command, p.statement.position() + 1);
            txn.lockSchemaShared(null);
            for (int attempt = 0;; attempt++) {
                Transaction.Scope scope = txn.beginStatement();
                try {
                    // bound again if DDL or a bulk load changed the catalog since it was prepared
                    p.bind(txn.catalog(), session.settings().plannerSettings(), () -> session.optimizer(txn.catalog()));
                    return body.run(txn, scope);
                } catch (Transaction.Restart r) {
                    if (attempt >= MAX_RESTARTS) {
                        throw new SqlException("40001", "could not serialize access due to concurrent update",
                                "The statement met a concurrent change " + MAX_RESTARTS + " times in a row.",
                                "The transaction might succeed if retried.", 0, null);
                    }
                } finally {
                    txn.endStatement(scope);
                }
            }
        } finally {
            if (block == null) {
                txn.rollback(); // committed already when it succeeded: releases the locks
            }
        }
    }

    /** A query inside a transaction block: its snapshot (or the statement's), through the block's writes. */
    private StatementResult queryInTransaction(PreparedStatementImpl p, Object[] params, Transaction txn) {
        Transaction.Scope scope = txn.beginStatement();
        Operator root;
        try {
            p.bind(scope.catalog(), session.settings().plannerSettings(), () -> session.optimizer(scope.catalog()));
            root = p.acquireRoot();
        } catch (RuntimeException e) {
            txn.endStatement(scope);
            throw e;
        }
        try {
            ExecContext ctx = context(txn.view(scope), scope, params);
            root.open(ctx);
            QueryResult result = new QueryResult(p.columns(), root, db.store(), scope.owned() ? scope.snapshot() : null,
                    () -> p.releaseRoot(root), () -> txn.failed = true);
            session.track(result);
            return result;
        } catch (RuntimeException e) {
            try {
                root.close();
            } finally {
                p.releaseRoot(root);
                txn.endStatement(scope);
            }
            throw e;
        }
    }

    /** How often a READ COMMITTED statement runs again after conflicts before it gives up with 40001. */
    private static final int MAX_RESTARTS = 100;

    private StatementResult run(PreparedStatementImpl p, Object[] params, Transaction txn) {
        Statement s = p.statement;
        if (s instanceof Query q && !q.locking().isEmpty()) {
            String strength = switch (q.locking().get(0).strength()) {
                case UPDATE -> "UPDATE";
                case NO_KEY_UPDATE -> "NO KEY UPDATE";
                case SHARE -> "SHARE";
                default -> "KEY SHARE";
            };
            return write(p, txn, "SELECT FOR " + strength, (t, scope) -> new LockingQuery(db, this).run(p, q, t,
                    scope, params));
        }
        if (s instanceof Query && txn != null) {
            return queryInTransaction(p, params, txn);
        }
        if (s instanceof Query) {
            SqlDatabase.CatalogSnapshot cs = db.snapshotWithCatalog();
            Snapshot snapshot = cs.snapshot();
            Operator root;
            try {
                // A bulk load may have moved a table's rows since the statement was bound: bind
                // against the catalog that matches the snapshot.
                p.bind(cs.catalog(), session.settings().plannerSettings(), () -> session.optimizer(cs.catalog()));
                root = p.acquireRoot();
            } catch (RuntimeException e) {
                db.store().releaseSnapshot(snapshot);
                throw e;
            }
            try {
                ExecContext ctx = context(snapshot, params);
                root.open(ctx);
                return new QueryResult(p.columns(), root, db.store(), snapshot, () -> p.releaseRoot(root));
            } catch (RuntimeException e) {
                try {
                    root.close();
                } finally {
                    p.releaseRoot(root);
                    db.store().releaseSnapshot(snapshot);
                }
                throw e;
            }
        }
        if (s instanceof Insert || s instanceof Update || s instanceof Delete) {
            String command = s instanceof Insert ? "INSERT" : s instanceof Update ? "UPDATE" : "DELETE";
            StatementResult r = write(p, txn, command, (t, scope) -> new DmlExecutor(db, this, t, scope).execute(
                    p.dmlPlan, params));
            db.autoAnalyze().changed(p.dmlPlan.table().id(), r.updateCount());
            return r;
        }
        if (txn != null && s instanceof dev.lodedb.sql.ast.Vacuum) {
            throw new SqlException("25001", "VACUUM cannot run inside a transaction block", null, null,
                    s.position() + 1, null);
        }
        if (s instanceof Copy c) {
            if (!c.from()) {
                return new CopyTo(db, this, session).run(c, params);
            }
            StatementResult r = exclusively(() -> new CopyFrom(db, this, session).run(c, params));
            dev.lodedb.engine.catalog.TableDef t = c.table() == null ? null : catalog().table(
                    c.table().parts().size() >= 2 ? c.table().parts().get(0) : dev.lodedb.engine.catalog.Catalog.PUBLIC,
                    c.table().last());
            if (t != null) {
                db.autoAnalyze().changed(t.id(), r.updateCount());
            }
            return r;
        }
        if (s instanceof Analyze a) {
            return new AnalyzeRunner(db, this).run(a);
        }
        if (s instanceof Explain e) {
            return new ExplainExecutor(db, this).run(p, e, params);
        }
        if (s instanceof SetVariable v) {
            String value = null;
            if (!v.values().isEmpty()) {
                StringBuilder sb = new StringBuilder();
                for (var e : v.values()) {
                    sb.append(sb.length() > 0 ? ", " : "");
                    if (e instanceof dev.lodedb.sql.ast.StringLiteral lit) {
                        sb.append(lit.value());
                    } else if (e instanceof dev.lodedb.sql.ast.IntegerLiteral lit) {
                        sb.append(lit.value());
                    } else if (e instanceof dev.lodedb.sql.ast.NumericLiteral lit) {
                        sb.append(lit.text());
                    } else if (e instanceof dev.lodedb.sql.ast.BooleanLiteral lit) {
                        sb.append(lit.value() ? "on" : "off");
                    } else {
                        throw new SqlException(SqlException.SYNTAX_ERROR, "SET expects a literal value", null, null,
                                e.position() + 1, null);
                    }
                }
                value = sb.toString();
            }
            String lower = v.name().toLowerCase(java.util.Locale.ROOT);
            if (lower.equals("transaction_isolation") || lower.equals("transaction isolation level")
                    || lower.equals("transaction_read_only")) {
                return setTransactionMode(lower, value, v.position() + 1);
            }
            if (v.local()) {
                Transaction block = session.transaction();
                if (block == null) {
                    return MaterializedResult.command("SET", 0)
                            .withNotices(List.of("WARNING: SET LOCAL can only be used in transaction blocks"));
                }
                block.setLocal(v.name(), session.settings().show(v.name()));
            }
            try {
                if (AutoAnalyze.handles(v.name())) {
                    db.autoAnalyze().set(v.name(), value);
                } else {
                    session.settings().set(v.name(), value);
                }
            } catch (SqlException e) {
                throw e.position() == 0 ? e.withPosition(v.position() + 1) : e;
            }
            return MaterializedResult.command("SET", 0);
        }
        if (s instanceof ResetVariable r) {
            if (AutoAnalyze.handles(r.name())) {
                db.autoAnalyze().set(r.name(), null);
            } else {
                session.settings().set(r.name(), null);
            }
            return MaterializedResult.command("RESET", 0);
        }
        if (s instanceof ShowVariable v) {
            String lower = v.name().toLowerCase(java.util.Locale.ROOT);
            Transaction block = session.transaction();
            String value;
            if (lower.equals("transaction_isolation") || lower.equals("transaction isolation level")) {
                value = block != null ? block.isolation().sqlName() : session.settings().defaultIsolation().sqlName();
            } else if (lower.equals("transaction_read_only")) {
                value = (block != null ? block.readOnly() : session.settings().defaultReadOnly()) ? "on" : "off";
            } else if (AutoAnalyze.handles(v.name())) {
                value = db.autoAnalyze().show(v.name());
            } else {
                value = session.settings().show(v.name());
            }
            return new MaterializedResult(List.of(ResultColumn.computed(v.name().toLowerCase(), DataType.TEXT)),
                    List.<Object[]>of(new Object[] {value}), 1, "SHOW");
        }
        return exclusively(() -> new DdlExecutor(db, this).execute(s));
    }

    /**
     * Runs DDL or a bulk load as its own transaction holding the schema lock exclusively: it waits
     * for the open transactions that write, and writers wait for it.
     */
    private StatementResult exclusively(java.util.function.Supplier<StatementResult> body) {
        // inside a block, DDL joins the block, which keeps the schema lock to its end
        Transaction block = session.transaction();
        Transaction txn = block != null ? block : session.implicitTransaction();
        try {
            txn.checkWritable("this statement", 0);
            txn.lockSchemaExclusive(null);
            return body.get();
        } finally {
            if (block == null) {
                txn.rollback(); // its own transaction: releases the lock
            }
        }
    }

    /** @return the catalog DDL and DML bind against: the open block's (after its own DDL) or the database's */
    dev.lodedb.engine.catalog.Catalog catalog() {
        Transaction b = session.transaction();
        return b != null ? b.catalog() : db.catalog();
    }

    /**
     * Commits a DDL statement's writes and catalog (the caller holds the schema lock exclusively),
     * or, inside a block, adds them to the block.
     */
    void commitDdl(dev.lodedb.storage.WriteBatch batch, java.util.Map<Integer, Long> deltas,
            dev.lodedb.engine.catalog.Catalog next, List<Integer> dropped, boolean sync) {
        Transaction b = session.transaction();
        if (b != null) {
            b.applyDdl(batch, deltas, next, dropped);
        } else {
            db.commit(batch, deltas, next, dropped, sync && synchronousCommit());
        }
    }

    /** @return whether we are inside a transaction block (bulk loads then stay in memory) */
    boolean inBlock() {
        return session.transaction() != null;
    }

    /** Records a key range written straight to the store by the open block's DDL (rolled back with it). */
    void wroteDirectly(byte[] lower, byte[] upper) {
        Transaction b = session.transaction();
        if (b != null) {
            b.wroteDirectly(lower, upper);
        }
    }

    /**
     * Lets the open block move a bulk load's buffered writes into the store once they outgrow its
     * memory budget ({@link Transaction#spillStatement}); does nothing outside a block.
     */
    void spillBlockWrites(dev.lodedb.sql.exec.PendingWrites pending, ExecContext ctx) {
        Transaction b = session.transaction();
        if (b != null) {
            b.spillStatement(null, pending, ctx);
        }
    }

    /** @return whether {@code t} has a row, as the current statement sees it */
    boolean hasRows(dev.lodedb.engine.catalog.TableDef t) {
        Transaction b = session.transaction();
        if (b == null) {
            return db.hasRows(t);
        }
        Transaction.Scope scope = b.beginStatement();
        try {
            return SqlDatabase.hasRows(b.view(scope), ReadOptions.at(scope.snapshot()), t);
        } finally {
            b.endStatement(scope);
        }
    }

    /** {@code SET transaction_isolation} / {@code transaction_read_only}: SET TRANSACTION in another spelling. */
    private StatementResult setTransactionMode(String name, String value, int position) {
        dev.lodedb.sql.ast.TransactionStatement.IsolationLevel level = null;
        Boolean readOnly = null;
        if (name.equals("transaction_read_only")) {
            String v = value == null ? "off" : value.trim().toLowerCase(java.util.Locale.ROOT);
            readOnly = v.equals("on") || v.equals("true") || v.equals("1") || v.equals("yes");
        } else {
            dev.lodedb.engine.transaction.IsolationLevel l = dev.lodedb.engine.transaction.IsolationLevel.parse(
                    value == null ? "read committed" : value);
            if (l == null) {
                throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "invalid value for parameter "
                        + "\"transaction_isolation\": \"" + value + "\"", null, null, position, null);
            }
            level = dev.lodedb.sql.ast.TransactionStatement.IsolationLevel.valueOf(l.name());
        }
        return new TransactionControl(db, session).run(new TransactionStatement(
                TransactionStatement.Kind.SET_TRANSACTION, null, level, readOnly, null, false, position - 1));
    }

    /** @return the snapshot a read-only statement (EXPLAIN ANALYZE) reads: its block's, or a new one */
    Transaction.Scope readScope() {
        Transaction b = session.transaction();
        return b != null ? b.beginStatement() : db.snapshotScope(null, false);
    }

    /** @return the store as a read at {@code scope} sees it (through the block's writes) */
    KeyValueStore readView(Transaction.Scope scope) {
        Transaction b = session.transaction();
        return b != null ? b.view(scope) : db.store();
    }

    /** Ends a read begun with {@link #readScope}. */
    void endRead(Transaction.Scope scope) {
        if (scope.owned()) {
            db.store().releaseSnapshot(scope.snapshot());
        }
    }

    /** @return a statement's command as SQL names it ({@code CREATE TABLE}) */
    private static String commandName(Statement s) {
        String n = s.getClass().getSimpleName();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                sb.append(' ');
            }
            sb.append(Character.toUpperCase(c));
        }
        return sb.toString();
    }
}
