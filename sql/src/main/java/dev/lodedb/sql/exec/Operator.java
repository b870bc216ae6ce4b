package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import java.util.List;

/**
 * A physical operator of the pull-based, vectorized executor: {@link #open}, then {@link #next()}
 * until it returns {@code null}, then {@link #close()}. An operator tree may be opened again after
 * it was closed (a prepared statement's next execution reuses it), so {@code open} resets all
 * per-execution state. Each returned chunk is owned by the operator and valid until the next call.
 * Not thread-safe.
 */
public interface Operator extends AutoCloseable {
    /** @return the output column types */
    List<DataType> types();

    /** Prepares to produce rows (opens inputs, starts scans). */
    void open(ExecContext ctx);

    /**
     * @return the next chunk with at least one live row, or {@code null} at the end
     * @throws dev.lodedb.engine.SqlException on errors while executing
     */
    DataChunk next();

    /** Releases iterators, memory and spill files; safe to call more than once. */
    @Override
    void close();

    /** @return a one-line description for EXPLAIN ({@code HashJoin (inner) on ...}) */
    String describe();

    /** @return the inputs, for EXPLAIN */
    List<Operator> children();

    /**
     * What EXPLAIN ANALYZE adds under this operator after an execution: its peak memory and spill
     * files (PostgreSQL's {@code Memory Usage} / {@code Disk} lines), or an empty string for an
     * operator that keeps no state worth reporting. Valid after {@link #close()}, until the next
     * {@link #open}.
     */
    default String analyze() {
        return "";
    }

    /**
     * @return the EXPLAIN ANALYZE line of peak memory and spill files, e.g. {@code Memory: 24 kB}
     *     or {@code Memory: 64 MB, spilled to 16 files}
     */
    static String memoryLine(long peakBytes, int spillFiles) {
        String mem = peakBytes >= 10L << 20 ? (peakBytes >> 20) + " MB" : ((peakBytes + 1023) >> 10) + " kB";
        return "Memory: " + mem + (spillFiles > 0 ? ", spilled to " + spillFiles + " files" : "");
    }
}
