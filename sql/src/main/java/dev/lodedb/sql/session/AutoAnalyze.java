package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.stats.RelationStatistics;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.Snapshot;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Automatic re-analyze, as PostgreSQL's autovacuum launcher does it for ANALYZE: rows inserted,
 * updated and deleted (and loaded by COPY) are counted per table, and once a table that has been
 * analyzed has more changes than {@code auto_analyze_threshold + auto_analyze_scale_factor * rows
 * when last analyzed} (PostgreSQL's {@code autovacuum_analyze_threshold} 50 and {@code
 * autovacuum_analyze_scale_factor} 0.1), it is analyzed again. Tables never analyzed are left
 * alone: their plans keep PostgreSQL's default selectivities until a first ANALYZE (PostgreSQL would
 * analyze them too; LodeDB holds back so that gathering statistics is a decision, and plans do not
 * change under a workload by themselves).
 *
 * <p>{@code auto_analyze} is {@code on} (the default: a daemon thread analyzes after the commit,
 * never blocking the committing statement), {@code sync} (the committing statement analyzes after
 * its commit and before it returns: deterministic, for tests) or {@code off}. In the background,
 * two automatic analyses of one table start at least {@code auto_analyze_naptime} apart (default
 * 60 s, PostgreSQL's {@code autovacuum_naptime}, whose launcher visits a database once per nap): a
 * table that is due again sooner is analyzed when its nap ends, so that a write-heavy workload
 * does not keep a core busy re-reading a table that changes by a tenth every few milliseconds.
 * {@code sync} mode ignores the nap. The settings are database-wide (PostgreSQL's are server
 * settings): SET in any session changes them for all.
 * The change counters live in memory, as PostgreSQL's statistics collector's do; a restart starts
 * them at zero. Thread-safe.
 */
final class AutoAnalyze implements AutoCloseable {
    static final String MODE = "auto_analyze";
    static final String SCALE_FACTOR = "auto_analyze_scale_factor";
    static final String THRESHOLD = "auto_analyze_threshold";
    static final String NAPTIME = "auto_analyze_naptime";

    private final SqlDatabase db;
    private final Map<Integer, AtomicLong> changes = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> queued = new ConcurrentHashMap<>();
    /** {@link System#nanoTime()} at the start of each table's last automatic analysis. */
    private final Map<Integer, Long> lastAutomatic = new ConcurrentHashMap<>();
    private volatile String mode = "on";
    private volatile double scaleFactor = 0.1;
    private volatile long threshold = 50;
    private volatile long naptimeMillis = 60_000;
    private ScheduledThreadPoolExecutor worker;

    AutoAnalyze(SqlDatabase db) {
        this.db = db;
    }

    /** @return whether {@code name} is one of the auto-analyze settings */
    static boolean handles(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals(MODE) || n.equals(SCALE_FACTOR) || n.equals(THRESHOLD) || n.equals(NAPTIME);
    }

    /**
     * Sets one of the settings ({@code null}: its default).
     *
     * @throws SqlException 22023 for a bad value
     */
    void set(String name, String value) {
        String n = name.toLowerCase(Locale.ROOT);
        try {
            switch (n) {
                case MODE -> {
                    String v = value == null ? "on" : value.toLowerCase(Locale.ROOT);
                    switch (v) {
                        case "on", "true", "yes", "1" -> mode = "on";
                        case "off", "false", "no", "0" -> mode = "off";
                        case "sync" -> mode = "sync";
                        default -> throw new NumberFormatException();
                    }
                }
                case SCALE_FACTOR -> {
                    double f = value == null ? 0.1 : Double.parseDouble(value);
                    if (!(f >= 0 && f <= 100)) {
                        throw new NumberFormatException();
                    }
                    scaleFactor = f;
                }
                case NAPTIME -> naptimeMillis = value == null ? 60_000 : SessionSettings.millis(n, value, "s");
                default -> {
                    long t = value == null ? 50 : Long.parseLong(value.strip());
                    if (t < 0) {
                        throw new NumberFormatException();
                    }
                    threshold = t;
                }
            }
        } catch (NumberFormatException e) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + n
                    + "\": \"" + value + "\"");
        }
    }

    /** @return a setting's value as SHOW prints it */
    String show(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case MODE -> mode;
            case SCALE_FACTOR -> Double.toString(scaleFactor);
            case NAPTIME -> naptimeMillis % 1000 == 0 ? naptimeMillis / 1000 + "s" : naptimeMillis + "ms";
            default -> Long.toString(threshold);
        };
    }

    /** Forgets the changes counted before table {@code tableId} was analyzed. */
    void analyzed(int tableId) {
        changes.remove(tableId);
    }

    /**
     * Counts rows a committed statement changed and analyzes the table when it is due. Called after
     * the commit, without the write lock.
     */
    void changed(int tableId, long rows) {
        if (rows <= 0 || mode.equals("off")) {
            return;
        }
        long n = changes.computeIfAbsent(tableId, id -> new AtomicLong()).addAndGet(rows);
        if (!due(tableId, n)) {
            return;
        }
        if (mode.equals("sync")) {
            analyze(tableId);
        } else if (queued.putIfAbsent(tableId, Boolean.TRUE) == null) {
            Long last = lastAutomatic.get(tableId);
            long delayNanos = last == null ? 0
                    : Math.max(0, last + TimeUnit.MILLISECONDS.toNanos(naptimeMillis) - System.nanoTime());
            try {
                background().schedule(() -> {
                    queued.remove(tableId);
                    AtomicLong pending = changes.get(tableId);
                    if (closing || pending == null || !due(tableId, pending.get())) {
                        return; // analyzed by hand in the meantime, or closing
                    }
                    lastAutomatic.put(tableId, System.nanoTime());
                    try {
                        analyze(tableId);
                    } catch (RuntimeException e) {
                        // the next change tries again; a closed database ends the worker
                    }
                }, delayNanos, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                queued.remove(tableId); // closing
            }
        }
    }

    /** @return whether {@code changed} rows make table {@code tableId} due for analysis */
    private boolean due(int tableId, long changed) {
        RelationStatistics s = db.columnStatistics().get(tableId);
        return s != null && changed > threshold + scaleFactor * s.rows();
    }

    private synchronized ScheduledThreadPoolExecutor background() {
        if (worker == null) {
            worker = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "lodedb-auto-analyze");
                t.setDaemon(true);
                return t;
            });
            // a table waiting out its nap is not analyzed once the database closes
            worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        }
        return worker;
    }

    /** Analyzes every column of table {@code tableId} from a new snapshot, if it still exists. */
    void analyze(int tableId) {
        changes.remove(tableId);
        SqlDatabase.CatalogSnapshot cs = db.snapshotWithCatalog();
        Snapshot snapshot = cs.snapshot();
        try {
            TableDef t = cs.catalog().tableById(tableId);
            if (t == null) {
                return;
            }
            ExecContext ctx = new ExecContext(db.store(), ReadOptions.at(snapshot), new Object[0],
                    OffsetDateTime.now(ZoneOffset.UTC), new SplittableRandom(), db.options().memoryBudgetBytes(),
                    db.options().spillDirectory());
            running = ctx;
            if (closing) {
                return;
            }
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < t.columns().size(); i++) {
                all.add(i);
            }
            AnalyzeRunner.analyze(db, ctx, t, all, false);
        } finally {
            running = null;
            db.store().releaseSnapshot(snapshot);
        }
    }

    /** The context of the analysis running in the background, or {@code null}. */
    private volatile ExecContext running;
    private volatile boolean closing;

    /**
     * Stops the background worker: a running analysis is cancelled at its next check (between
     * chunks) and waited for. The worker thread is not interrupted: an interrupt during a file
     * read would close the store's file channels under the database.
     */
    @Override
    public synchronized void close() {
        closing = true;
        if (worker != null) {
            worker.shutdown();
            ExecContext ctx = running;
            if (ctx != null) {
                ctx.cancel("database closing");
            }
            try {
                worker.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
