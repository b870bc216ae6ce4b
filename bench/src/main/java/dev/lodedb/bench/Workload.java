package dev.lodedb.bench;

import dev.lodedb.storage.KeyValueStore;

/**
 * One key-value benchmark: an optional load phase that builds the data set, and the measured run
 * phase. The driver opens a fresh store per engine, calls {@link #load}, lets the store settle
 * (see {@link BenchOptions#settle}), then calls {@link #run}. Implementations are stateless
 * between engines (each call gets its own store) and run their phases on {@link Runner}.
 */
public interface Workload {
    /** @return the name used on the command line and in the RESULT line */
    String name();

    /**
     * Builds the data set the run phase needs.
     *
     * @return the load phase's measurements, or {@code null} when the workload has no load phase
     */
    PhaseResult load(KeyValueStore store, BenchOptions options);

    /** @return the measurements of the run phase, whose throughput the RESULT line reports */
    PhaseResult run(KeyValueStore store, BenchOptions options);

    /** @return a short description of what the run phase does, for the report header */
    String describe(BenchOptions options);
}
