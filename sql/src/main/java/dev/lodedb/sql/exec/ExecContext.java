package dev.lodedb.sql.exec;

import dev.lodedb.engine.SqlException;
import dev.lodedb.sql.function.FunctionContext;
import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ReadOptions;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Everything an executing statement's operators share: the store and the snapshot it reads, the
 * parameter values, the rows of enclosing queries for correlated subqueries, results of
 * uncorrelated subqueries, CTE working tables, the memory budget for spilling operators, and the
 * cancellation flag. One per statement execution; used by one thread.
 */
public final class ExecContext implements FunctionContext {
    private final KeyValueStore store;
    private final ReadOptions readOptions;
    private Object[] parameters;
    private final OffsetDateTime transactionTimestamp;
    private final OffsetDateTime statementTimestamp;
    private final RandomGenerator random;
    private final long memoryBudgetBytes;
    private final Path spillDirectory;
    // created on first use: most statements (point queries, inserts) need none of them
    private List<Object[]> outerRows;
    private Map<Object, Object> subqueryResults;
    private Map<Integer, List<Object[]>> workingTables;
    private Map<Integer, List<Object[]>> materialized;
    private volatile String cancelled;
    /** Rows the statement has written but not yet committed, for reads of its own writes. */
    private PendingWrites pendingWrites;
    /** Where file scans (read_csv, read_json) report progress, or {@code null}. */
    private dev.lodedb.sql.copy.ProgressListener progressListener;
    /** The session's view of the sequences, or {@code null} (then sequence functions fail with 0A000). */
    private dev.lodedb.sql.function.SequenceAccess sequences;

    /**
     * @param store the store
     * @param readOptions the snapshot to read
     * @param parameters parameter values, already of the parameter types
     * @param transactionTimestamp the transaction's start ({@code now()})
     * @param random the session's random source
     * @param memoryBudgetBytes per-operator memory before spilling, in bytes
     * @param spillDirectory where spill files go
     */
    public ExecContext(KeyValueStore store, ReadOptions readOptions, Object[] parameters,
            OffsetDateTime transactionTimestamp, RandomGenerator random, long memoryBudgetBytes,
            Path spillDirectory) {
        this.store = store;
        this.readOptions = readOptions;
        this.parameters = parameters;
        this.transactionTimestamp = transactionTimestamp;
        this.statementTimestamp = transactionTimestamp;
        this.random = random;
        this.memoryBudgetBytes = memoryBudgetBytes;
        this.spillDirectory = spillDirectory;
    }

    /**
     * Replaces the parameter values, for the next parameter set of a batch run with this context
     * (values already of the parameter types).
     */
    public void setParameters(Object[] values) {
        this.parameters = values;
    }

    /** Sets the session's view of the sequences, for {@code nextval} and friends. */
    public void setSequences(dev.lodedb.sql.function.SequenceAccess access) {
        this.sequences = access;
    }

    @Override
    public dev.lodedb.sql.function.SequenceAccess sequences() {
        return sequences == null ? FunctionContext.super.sequences() : sequences;
    }

    /** Sets where file scans report their progress ({@code null}: nowhere). */
    public void setProgressListener(dev.lodedb.sql.copy.ProgressListener listener) {
        this.progressListener = listener;
    }

    /** @return where file scans report their progress, or {@code null} */
    public dev.lodedb.sql.copy.ProgressListener progressListener() {
        return progressListener;
    }

    /** @return the store */
    public KeyValueStore store() {
        return store;
    }

    /** @return the read options carrying the statement's snapshot */
    public ReadOptions readOptions() {
        return readOptions;
    }

    /** @return the value of parameter {@code index} (0-based) */
    public Object parameter(int index) {
        if (index >= parameters.length) {
            throw new SqlException("08P01", "there is no parameter $" + (index + 1));
        }
        return parameters[index];
    }

    @Override
    public OffsetDateTime transactionTimestamp() {
        return transactionTimestamp;
    }

    @Override
    public OffsetDateTime statementTimestamp() {
        return statementTimestamp;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    /** @return bytes one sort, hash join or aggregate may hold before spilling */
    public long memoryBudgetBytes() {
        return memoryBudgetBytes;
    }

    /** @return the directory for spill files */
    public Path spillDirectory() {
        return spillDirectory;
    }

    /** Enters a subquery evaluated for {@code row} of the enclosing query. */
    public void pushOuterRow(Object[] row) {
        if (outerRows == null) {
            outerRows = new ArrayList<>();
        }
        outerRows.add(row);
    }

    /** Leaves the subquery entered last. */
    public void popOuterRow() {
        outerRows.remove(outerRows.size() - 1);
    }

    /** @return column {@code index} of the enclosing row {@code depth} levels out (1 = innermost) */
    public Object outerValue(int depth, int index) {
        return outerRows.get(outerRows.size() - depth)[index];
    }

    /** @return the cached result of an uncorrelated subquery, keyed by its plan node */
    public Object cachedSubquery(Object key) {
        return subqueryResults == null ? null : subqueryResults.get(key);
    }

    /** Caches an uncorrelated subquery's result for the rest of the statement. */
    public void cacheSubquery(Object key, Object value) {
        if (subqueryResults == null) {
            subqueryResults = new IdentityHashMap<>();
        }
        subqueryResults.put(key, value);
    }

    /** @return the working table of recursive CTE {@code id} */
    public List<Object[]> workingTable(int id) {
        return workingTables == null ? null : workingTables.get(id);
    }

    /** Sets the working table of recursive CTE {@code id}. */
    public void setWorkingTable(int id, List<Object[]> rows) {
        if (workingTables == null) {
            workingTables = new HashMap<>();
        }
        workingTables.put(id, rows);
    }

    /** @return the rows of materialized CTE {@code id}, or {@code null} before it ran */
    public List<Object[]> materialized(int id) {
        return materialized == null ? null : materialized.get(id);
    }

    /** Stores the rows of materialized CTE {@code id}. */
    public void setMaterialized(int id, List<Object[]> rows) {
        if (materialized == null) {
            materialized = new HashMap<>();
        }
        materialized.put(id, rows);
    }

    /**
     * Requests cancellation; operators check {@link #checkCancelled()} between chunks (and per row
     * where a row can take long, as for correlated subqueries). Thread-safe: called from another
     * thread than the one executing.
     *
     * @param reason {@code user request} or {@code statement timeout}, for the error message
     */
    public void cancel(String reason) {
        cancelled = reason;
    }

    /** @return whether {@link #cancel} was called (for waits that poll it, such as lock waits) */
    public boolean isCancelled() {
        return cancelled != null;
    }

    /**
     * @throws SqlException 57014 {@code canceling statement due to user request} (or {@code due to
     *     statement timeout}) after {@link #cancel}
     */
    public void checkCancelled() {
        String reason = cancelled;
        if (reason != null) {
            throw new SqlException("57014", "canceling statement due to " + reason);
        }
    }

    /** @return the statement's own pending writes, or {@code null} */
    public PendingWrites pendingWrites() {
        return pendingWrites;
    }

    /** Sets the statement's pending writes. */
    public void setPendingWrites(PendingWrites writes) {
        this.pendingWrites = writes;
    }
}
