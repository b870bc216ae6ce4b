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
        this.sequences = new SessionSequences(db);
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
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        ExecContext ctx = new ExecContext(db.store(), ReadOptions.at(snapshot), params, now, session.random(),
                db.options().memoryBudgetBytes(), db.options().spillDirectory());
        ImportProgress progress = session.importProgress();
        ctx.setProgressListener(progress == null ? null : progress::update);
        ctx.setSequences(sequences);
        session.running(ctx);
        return ctx;
    }

    StatementResult execute(PreparedStatementImpl p, Object[] params) {
        Statement s = p.statement;
        if (s instanceof Query) {
            SqlDatabase.CatalogSnapshot cs = db.snapshotWithCatalog();
            Snapshot snapshot = cs.snapshot();
            Operator root;
            try {
                // A bulk load may have moved a table's rows since the statement was bound: bind
                // against the catalog that matches the snapshot.
                p.bind(cs.catalog(), session.optimizer(cs.catalog()));
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
            StatementResult r;
            db.writeLock().lock();
            try {
                // bound again under the lock if DDL or a bulk load changed the catalog meanwhile
                p.bind(db.catalog(), session.optimizer(db.catalog()));
                r = new DmlExecutor(db, this).execute(p.dmlPlan, params);
            } finally {
                db.writeLock().unlock();
            }
            db.autoAnalyze().changed(p.dmlPlan.table().id(), r.updateCount());
            return r;
        }
        if (s instanceof Copy c) {
            if (!c.from()) {
                return new CopyTo(db, this, session).run(c, params);
            }
            StatementResult r = new CopyFrom(db, this, session).run(c, params);
            dev.lodedb.engine.catalog.TableDef t = c.table() == null ? null : db.catalog().table(
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
            String value = AutoAnalyze.handles(v.name()) ? db.autoAnalyze().show(v.name())
                    : session.settings().show(v.name());
            return new MaterializedResult(List.of(ResultColumn.computed(v.name().toLowerCase(), DataType.TEXT)),
                    List.<Object[]>of(new Object[] {value}), 1, "SHOW");
        }
        if (s instanceof TransactionStatement t) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "explicit transactions ("
                    + t.kind().name().toLowerCase() + ") are not supported yet: every statement is its own transaction",
                    null, "Transactions arrive with multi-version concurrency control (issue 5).", t.position() + 1,
                    null);
        }
        return new DdlExecutor(db, this).execute(s);
    }
}
