package dev.lodedb.bench;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The measurements of one benchmark phase (load or run) on one engine: operation count, wall time
 * and the latency histogram of single operations (nanoseconds). Immutable once built.
 *
 * @param phase "load" or "run"
 * @param ops operations completed
 * @param nanos wall time from the start of the first thread to the end of the last
 * @param latency per-operation latencies in nanoseconds (merged over threads)
 * @param note extra facts, e.g. "found 1000000 of 1000000", or empty
 */
public record PhaseResult(String phase, long ops, long nanos, Histogram latency, String note) {

    /** @return operations per second over the wall time */
    public double opsPerSecond() {
        return nanos <= 0 ? 0 : ops * 1e9 / nanos;
    }

    /** @return the latency at {@code percentile} (0–100) in microseconds */
    public double micros(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1000.0;
    }

    /** @return one line: ops, time, throughput, p50/p99/p99.9/max latency and the note */
    public String describe() {
        return String.format(Locale.ROOT,
                "%-4s %,d ops in %.2f s = %,.0f ops/s | latency us p50=%.1f p99=%.1f p99.9=%.1f max=%.1f%s",
                phase, ops, nanos / 1e9, opsPerSecond(), micros(50), micros(99), micros(99.9),
                latency.getMaxValue() / 1000.0, note.isEmpty() ? "" : " | " + note);
    }
}
