package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.CastContext;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.ast.Explain;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.Statement;
import dev.lodedb.sql.optimizer.Optimizer;
import dev.lodedb.sql.parser.ParsedStatement;
import dev.lodedb.sql.parser.Parser;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A connection's state: settings, the random source, and the open transaction. Outside a
 * transaction block every statement is its own transaction; {@code BEGIN} opens a block whose
 * statements share one transaction until {@code COMMIT} or {@code ROLLBACK} (docs/transactions.md).
 * Not thread-safe: one thread at a time (except {@link #cancel}).
 */
public final class SqlSession implements AutoCloseable {
    private final SqlDatabase db;
    private final RandomGenerator random = new SplittableRandom();
    private final StatementExecutor executor;

    private final SessionSettings settings;

    private static final java.util.concurrent.atomic.AtomicLong SESSIONS = new java.util.concurrent.atomic.AtomicLong();
    private final String name = "session " + SESSIONS.incrementAndGet();
    /** The open transaction block, or {@code null} outside one. */
    private Transaction transaction;

    /** @return how lock errors name this session's transactions */
    String name() {
        return name;
    }

    /** Query results of the open block that may still be read (they read through the block). */
    private final List<QueryResult> openResults = new java.util.ArrayList<>();

    /** Remembers a query result of the open block (see {@link #settleOpenResults}). */
    void track(QueryResult r) {
        openResults.add(r);
    }

    /**
     * Reads the block's open query results into memory before the block runs another statement or
     * ends: they read through the block's snapshot and writes, which are about to change.
     */
    void settleOpenResults() {
        if (openResults.isEmpty()) {
            return;
        }
        List<QueryResult> list = new java.util.ArrayList<>(openResults);
        openResults.clear();
        for (QueryResult r : list) {
            try {
                r.materialize();
            } catch (RuntimeException e) {
                // the error stays with that result (closed); the new statement goes on
            }
        }
    }

    /** @return the open transaction block, or {@code null} */
    Transaction transaction() {
        return transaction;
    }

    void setTransaction(Transaction t) {
        this.transaction = t;
    }

    /** @return whether a transaction block is open (also when it failed and awaits ROLLBACK) */
    public boolean inTransaction() {
        return transaction != null;
    }

    /** @return whether the open transaction block failed and only ROLLBACK is accepted (25P02) */
    public boolean transactionFailed() {
        return transaction != null && transaction.failed;
    }

    /**
     * Marks the open block failed (any error in a block, parse and bind errors included, fails it,
     * as in PostgreSQL).
     *
     * @return {@code e}
     */
    private RuntimeException failBlock(RuntimeException e) {
        Transaction t = transaction;
        if (t != null) {
            t.failed = true;
        }
        return e;
    }

    /** @return the catalog statements are bound against first: the open block's, else the database's */
    private dev.lodedb.engine.catalog.Catalog bindingCatalog() {
        Transaction t = transaction;
        return t != null ? t.catalog() : db.catalog();
    }

    /** @return a transaction for one statement outside a block, at the session's default level */
    Transaction implicitTransaction() {
        return new Transaction(db, this, settings.defaultIsolation(), settings.defaultReadOnly(), false);
    }

    SqlSession(SqlDatabase db) {
        this.db = db;
        this.settings = new SessionSettings(db.options().syncCommits());
        this.executor = new StatementExecutor(db, this);
    }

    RandomGenerator random() {
        return random;
    }

    /** Input of {@code COPY ... FROM STDIN}, or {@code null}. */
    private java.io.InputStream copyIn;
    /** Output of {@code COPY ... TO STDOUT}, or {@code null}. */
    private java.io.OutputStream copyOut;
    /** Receives import progress, or {@code null}. */
    private ImportProgress importProgress;

    /**
     * Attaches the streams that {@code COPY ... FROM STDIN} reads and {@code COPY ... TO STDOUT}
     * writes (a shell's {@code \copy}, a server's copy sub-protocol). Without them those
     * statements fail with SQLSTATE 0A000. COPY reads {@code in} up to the end of the data (the end
     * of the stream, or a {@code \.} line in text and csv format) and flushes {@code out} at the end
     * of the statement; it closes neither.
     *
     * @param in the input, or {@code null} for none
     * @param out the output, or {@code null} for none
     */
    public void setCopyStreams(java.io.InputStream in, java.io.OutputStream out) {
        this.copyIn = in;
        this.copyOut = out;
    }

    java.io.InputStream copyIn() {
        return copyIn;
    }

    java.io.OutputStream copyOut() {
        return copyOut;
    }

    /**
     * Sets the listener that {@code COPY ... FROM} and {@code read_csv}/{@code read_json} scans of
     * this session report their progress to (see {@link ImportProgress} for when it is called).
     *
     * @param progress the listener, or {@code null} for none
     */
    public void setImportProgress(ImportProgress progress) {
        this.importProgress = progress;
    }

    ImportProgress importProgress() {
        return importProgress;
    }

    SessionSettings settings() {
        return settings;
    }

    /**
     * @return whether this session's commits wait for the write-ahead log to reach the disk
     *     ({@code synchronous_commit}, on by default for file databases)
     */
    public boolean synchronousCommit() {
        return settings.synchronousCommit();
    }

    /** The context of the statement executing (or streaming its rows) now, for {@link #cancel}. */
    private volatile dev.lodedb.sql.exec.ExecContext running;

    void running(dev.lodedb.sql.exec.ExecContext ctx) {
        running = ctx;
    }

    /** Set by {@link #cancel}, for waits before the statement has a context (the schema lock). */
    private volatile boolean cancelRequested;

    /** @return whether {@link #cancel} was called since the current statement started */
    boolean cancelRequested() {
        return cancelRequested;
    }

    /** Forgets an earlier cancel: a new statement starts. */
    void clearCancel() {
        cancelRequested = false;
    }

    /**
     * Cancels the statement this session is executing or whose rows are being read, if any: it
     * fails with SQLSTATE 57014 at its next check (between chunks) and, like any failed statement,
     * writes nothing. Thread-safe: meant to be called from another thread (JDBC's
     * {@code Statement.cancel}, a query timeout, Ctrl-C in the shell).
     *
     * @param timeout whether the cancel comes from a statement timeout (for the message)
     */
    public void cancel(boolean timeout) {
        cancelRequested = true;
        dev.lodedb.sql.exec.ExecContext ctx = running;
        if (ctx != null) {
            ctx.cancel(timeout ? "statement timeout" : "user request");
        }
    }

    Optimizer optimizer(dev.lodedb.engine.catalog.Catalog catalog) {
        return new Optimizer(db.statistics(), catalog, settings.plannerSettings(), settings.joinSettings());
    }

    /**
     * Parses and binds exactly one statement.
     *
     * @throws SqlException 42601 on a syntax error or when the text holds more or less than one
     *     statement; binder errors (42P01, 42703, 42883, 42804, ...)
     */
    public PreparedSql prepare(String sql) {
        try {
            List<ParsedStatement> list = Parser.parseScript(sql);
            if (list.size() != 1) {
                throw new SqlException(SqlException.SYNTAX_ERROR, list.isEmpty() ? "empty statement"
                        : "cannot prepare more than one statement (got " + list.size() + ")");
            }
            PreparedStatementImpl p = new PreparedStatementImpl(sql, list.get(0).statement());
            dev.lodedb.engine.catalog.Catalog cat = bindingCatalog();
            p.bind(cat, optimizer(cat));
            return p;
        } catch (RuntimeException e) {
            throw failBlock(Errors.wrap(e));
        }
    }

    /**
     * Executes a prepared statement.
     *
     * @param params the parameter values as Java objects ({@code Integer}, {@code Long},
     *     {@code String}, {@code BigDecimal}, {@code LocalDate}, ...), converted to the parameter
     *     types; {@code null} for SQL NULL
     * @throws SqlException on any error; nothing of a failed statement is applied
     */
    public StatementResult execute(PreparedSql statement, List<?> params) {
        PreparedStatementImpl p = (PreparedStatementImpl) statement;
        try {
            dev.lodedb.engine.catalog.Catalog cat = bindingCatalog();
            p.bind(cat, settings.plannerSettings(), () -> optimizer(cat));
            Object[] values = convert(params, p.parameterTypes());
            return executor.execute(p, values);
        } catch (RuntimeException e) {
            throw failBlock(Errors.wrap(e));
        }
    }

    /**
     * Executes a prepared statement once per parameter set. An INSERT without RETURNING runs as
     * one statement — one atomic, durable write of all rows, as JDBC's {@code executeBatch}
     * intends; any other statement runs once per set, each atomic on its own.
     *
     * @return the number of rows each set affected
     * @throws SqlException on the first error (for a batched INSERT nothing is written)
     */
    public long[] executeBatch(PreparedSql statement, List<? extends List<?>> paramSets) {
        PreparedStatementImpl p = (PreparedStatementImpl) statement;
        try {
            dev.lodedb.engine.catalog.Catalog cat = bindingCatalog();
            p.bind(cat, settings.plannerSettings(), () -> optimizer(cat));
            List<Object[]> sets = new java.util.ArrayList<>(paramSets.size());
            for (List<?> params : paramSets) {
                sets.add(convert(params, p.parameterTypes()));
            }
            if (p.batchesAtomically()) {
                return executor.executeBatch(p, sets);
            }
            long[] counts = new long[sets.size()];
            for (int i = 0; i < counts.length; i++) {
                try (StatementResult r = executor.execute(p, sets.get(i))) {
                    while (r.next() != null) {
                        // drain
                    }
                    counts[i] = r.updateCount();
                }
            }
            return counts;
        } catch (RuntimeException e) {
            throw failBlock(Errors.wrap(e));
        }
    }

    /**
     * Runs every statement of a script in order and returns the last statement's result (the
     * earlier results are read to the end and closed). Stops at the first error.
     *
     * @throws SqlException on the first failing statement
     */
    public StatementResult executeScript(String sql) {
        List<ParsedStatement> list;
        try {
            list = Parser.parseScript(sql);
        } catch (RuntimeException e) {
            throw failBlock(Errors.wrap(e));
        }
        StatementResult last = MaterializedResult.command("EMPTY", 0);
        for (int i = 0; i < list.size(); i++) {
            ParsedStatement ps = list.get(i);
            PreparedStatementImpl p = new PreparedStatementImpl(ps.text(), ps.statement());
            StatementResult r;
            try {
                dev.lodedb.engine.catalog.Catalog cat = bindingCatalog();
                p.bind(cat, optimizer(cat));
                r = executor.execute(p, convert(List.of(), p.parameterTypes()));
            } catch (RuntimeException e) {
                throw failBlock(Errors.wrap(e));
            }
            if (i < list.size() - 1) {
                try (r) {
                    while (r.next() != null) {
                        // drain
                    }
                }
            } else {
                last = r;
            }
        }
        return last;
    }

    private static Object[] convert(List<?> params, List<DataType> types) {
        if (params.size() > types.size() && !types.isEmpty()) {
            throw new SqlException("08P01", "bind message supplies " + params.size()
                    + " parameters, but prepared statement requires " + types.size());
        }
        if (params.size() < types.size()) {
            throw new SqlException("08P01", "bind message supplies " + params.size()
                    + " parameters, but prepared statement requires " + types.size());
        }
        Object[] out = new Object[params.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = convertParameter(params.get(i), types.get(i), i);
        }
        return out;
    }

    /** @return {@code v} converted to {@code type} */
    static Object convertParameter(Object v, DataType type, int index) {
        if (v == null) {
            return null;
        }
        DataType from = javaType(v);
        if (from == null) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "parameter $" + (index + 1)
                    + " has an unsupported Java type " + v.getClass().getName());
        }
        if (from.id() == type.id() && !type.hasModifiers()) {
            return v;
        }
        return Values.cast(v, from, type, CastContext.EXPLICIT);
    }

    private static DataType javaType(Object v) {
        if (v instanceof Integer) {
            return DataType.INTEGER;
        }
        if (v instanceof Long) {
            return DataType.BIGINT;
        }
        if (v instanceof Short) {
            return DataType.SMALLINT;
        }
        if (v instanceof Double) {
            return DataType.DOUBLE;
        }
        if (v instanceof Float) {
            return DataType.REAL;
        }
        if (v instanceof java.math.BigDecimal) {
            return DataType.NUMERIC;
        }
        if (v instanceof String) {
            return DataType.TEXT;
        }
        if (v instanceof Boolean) {
            return DataType.BOOLEAN;
        }
        if (v instanceof java.time.LocalDate) {
            return DataType.DATE;
        }
        if (v instanceof java.time.LocalDateTime) {
            return DataType.TIMESTAMP;
        }
        if (v instanceof java.time.OffsetDateTime) {
            return DataType.TIMESTAMPTZ;
        }
        if (v instanceof java.time.LocalTime) {
            return DataType.TIME;
        }
        if (v instanceof java.util.UUID) {
            return DataType.UUID;
        }
        if (v instanceof byte[]) {
            return DataType.BYTEA;
        }
        if (v instanceof dev.lodedb.engine.types.Interval) {
            return DataType.INTERVAL;
        }
        if (v instanceof dev.lodedb.engine.types.Jsonb) {
            return DataType.JSONB;
        }
        if (v instanceof dev.lodedb.engine.types.Json) {
            return DataType.JSON;
        }
        return null;
    }

    /** @return whether {@code s} is a query (for callers that route results) */
    static boolean isQuery(Statement s) {
        return s instanceof Query || s instanceof Explain;
    }

    /** Rolls back the open transaction block, if any, and forgets the session's prepared statements. */
    @Override
    public void close() {
        openResults.clear();
        Transaction t = transaction;
        transaction = null;
        if (t != null) {
            t.rollback();
        }
    }
}
