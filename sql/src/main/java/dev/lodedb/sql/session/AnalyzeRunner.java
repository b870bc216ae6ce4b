package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.sql.ast.Analyze;
import dev.lodedb.sql.ast.GenericOption;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.ast.VacuumTarget;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.stats.ColumnStatistics;
import dev.lodedb.sql.stats.RelationStatistics;
import dev.lodedb.sql.stats.TableAnalyzer;
import dev.lodedb.storage.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ANALYZE [VERBOSE] [table [(column, ...)], ...]}: gathers column statistics
 * ({@link TableAnalyzer}) of the named tables, or of every table, from one snapshot, and stores
 * each table's in one batch ({@code SqlDatabase.columnStatistics()}). It takes no lock: writers
 * go on while it scans. With a column list only those columns' statistics are replaced. VERBOSE
 * reports each table as PostgreSQL's INFO messages do. Not thread-safe (one per statement).
 */
final class AnalyzeRunner {
    private final SqlDatabase db;
    private final StatementExecutor executor;

    AnalyzeRunner(SqlDatabase db, StatementExecutor executor) {
        this.db = db;
        this.executor = executor;
    }

    /**
     * @return the ANALYZE command result, with VERBOSE's messages as notices
     * @throws SqlException 42P01 (with the name's position) for a missing table, 42703 for a missing
     *     column, 42601 for an unknown option
     */
    StatementResult run(Analyze a) {
        boolean verbose = false;
        for (GenericOption o : a.options()) {
            String n = o.name().toLowerCase(Locale.ROOT);
            if (n.equals("verbose")) {
                verbose = true;
            } else if (!n.equals("skip_locked") && !n.equals("buffer_usage_limit")) {
                throw new SqlException(SqlException.SYNTAX_ERROR, "unrecognized ANALYZE option \"" + n + "\"", null,
                        null, o.position() + 1, null);
            }
        }
        SqlDatabase.CatalogSnapshot cs = db.snapshotWithCatalog();
        Snapshot snapshot = cs.snapshot();
        long commitNo = db.commitNo();
        List<String> notices = new ArrayList<>();
        try {
            Catalog catalog = cs.catalog();
            Map<TableDef, List<Integer>> targets = new java.util.LinkedHashMap<>();
            if (a.targets().isEmpty()) {
                for (TableDef t : catalog.tables()) {
                    targets.put(t, allColumns(t));
                }
            }
            for (VacuumTarget target : a.targets()) {
                TableDef t = resolve(catalog, target);
                List<Integer> cols = target.columns().isEmpty() ? allColumns(t) : new ArrayList<>();
                for (String c : target.columns()) {
                    cols.add(t.positionOf(t.column(c).id()));
                }
                targets.merge(t, cols, (x, y) -> x);
            }
            ExecContext ctx = executor.context(snapshot, new Object[0]);
            for (Map.Entry<TableDef, List<Integer>> e : targets.entrySet()) {
                TableDef t = e.getKey();
                if (verbose) {
                    notices.add("INFO:  analyzing \"" + t.schema() + "." + t.name() + "\"");
                }
                RelationStatistics s = analyze(db, ctx, t, e.getValue(), executor.synchronousCommit());
                db.correctRowCount(t.id(), s.rows(), commitNo); // exact again if nothing committed since
                if (verbose) {
                    notices.add("INFO:  \"" + t.name() + "\": scanned " + s.rows() + " rows; "
                            + Math.min(s.rows(), TableAnalyzer.SAMPLE_ROWS) + " rows in sample, " + s.rows()
                            + " estimated total rows");
                }
            }
        } finally {
            db.store().releaseSnapshot(snapshot);
        }
        return MaterializedResult.command("ANALYZE", 0).withNotices(notices);
    }

    /**
     * Analyzes columns of one table and stores the result, keeping the earlier statistics of the
     * columns not analyzed now.
     *
     * @return the table's statistics as stored
     */
    static RelationStatistics analyze(SqlDatabase db, ExecContext ctx, TableDef t, List<Integer> positions,
            boolean sync) {
        db.autoAnalyze().analyzed(t.id());
        RelationStatistics fresh = TableAnalyzer.analyze(ctx, t, positions);
        RelationStatistics previous = db.columnStatistics().get(t.id());
        if (previous != null && positions.size() < t.columns().size()) {
            Map<Integer, ColumnStatistics> merged = new HashMap<>(previous.columns());
            merged.putAll(fresh.columns());
            fresh = new RelationStatistics(t.id(), fresh.rows(), fresh.analyzedAtMillis(), merged);
        }
        db.columnStatistics().save(fresh, sync && db.options().syncCommits());
        return fresh;
    }

    private static List<Integer> allColumns(TableDef t) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            all.add(i);
        }
        return all;
    }

    private static TableDef resolve(Catalog catalog, VacuumTarget target) {
        QualifiedName n = target.table();
        String schema = n.parts().size() >= 2 ? n.parts().get(n.parts().size() - 2) : Catalog.PUBLIC;
        TableDef t = catalog.table(schema, n.last());
        if (t == null) {
            throw new SqlException(SqlException.UNDEFINED_TABLE, "relation \"" + n + "\" does not exist", null, null,
                    n.position() + 1, null);
        }
        for (String column : target.columns()) {
            if (t.column(column) == null) {
                throw new SqlException(SqlException.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \""
                        + t.name() + "\" does not exist", null, null, target.position() + 1, null);
            }
        }
        return t;
    }
}
