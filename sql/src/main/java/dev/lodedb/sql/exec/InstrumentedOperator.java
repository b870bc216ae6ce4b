package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import java.util.List;
import java.util.Locale;

/**
 * Wraps an operator for EXPLAIN ANALYZE and measures it as PostgreSQL's instrumentation does:
 * loops (times opened), rows returned, the time spent until its first chunk and its total time,
 * both inclusive of its inputs (which are instrumented themselves) and summed over loops. Time is
 * the wall-clock nanoseconds ({@link System#nanoTime()}) spent inside its {@code open},
 * {@code next} and {@code close} calls, so a parent's own work between calls is not counted. Not thread-safe, like the operator it wraps.
 */
public final class InstrumentedOperator implements Operator {
    private final Operator inner;
    private long loops;
    private long rows;
    private long totalNanos;
    /** Time spent in this operator (and its inputs) until its first chunk, summed over loops. */
    private long firstChunkNanos;
    /** {@link #totalNanos} when the current loop started. */
    private long loopStartTotal;
    private boolean firstSeen;

    /** @param inner the operator measured (its inputs are wrapped separately by the planner) */
    public InstrumentedOperator(Operator inner) {
        this.inner = inner;
    }

    @Override
    public List<DataType> types() {
        return inner.types();
    }

    @Override
    public void open(ExecContext ctx) {
        loops++;
        firstSeen = false;
        loopStartTotal = totalNanos;
        long t = System.nanoTime();
        inner.open(ctx);
        totalNanos += System.nanoTime() - t;
    }

    @Override
    public DataChunk next() {
        long t = System.nanoTime();
        DataChunk c = inner.next();
        long now = System.nanoTime();
        totalNanos += now - t;
        if (c != null) {
            rows += c.size();
            if (!firstSeen) {
                firstSeen = true;
                firstChunkNanos += totalNanos - loopStartTotal;
            }
        }
        return c;
    }

    @Override
    public void close() {
        long t = System.nanoTime();
        inner.close();
        totalNanos += System.nanoTime() - t;
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public List<Operator> children() {
        return inner.children();
    }

    @Override
    public String analyze() {
        return inner.analyze();
    }

    /** @return times opened */
    public long loops() {
        return loops;
    }

    /** @return rows returned over all loops */
    public long rows() {
        return rows;
    }

    /** @return milliseconds until the first chunk, averaged over loops (PostgreSQL's startup time) */
    public double firstMillis() {
        return loops == 0 ? 0 : firstChunkNanos / 1e6 / loops;
    }

    /** @return total milliseconds, averaged over loops */
    public double totalMillis() {
        return loops == 0 ? 0 : totalNanos / 1e6 / loops;
    }

    /**
     * @return PostgreSQL's annotation {@code (actual time=0.012..3.456 rows=10 loops=1)}, rows
     *     averaged over loops, or {@code (never executed)}
     */
    public String actual() {
        if (loops == 0) {
            return "(never executed)";
        }
        return String.format(Locale.ROOT, "(actual time=%.3f..%.3f rows=%d loops=%d)", firstMillis(), totalMillis(),
                Math.round((double) rows / loops), loops);
    }
}
