package dev.lodedb.sql.session;

import java.nio.file.Path;

/**
 * Execution settings of a database.
 *
 * @param memoryBudgetBytes bytes one sort, hash join or hash aggregate may hold before it spills
 *     to disk
 * @param spillDirectory where spill files go ({@code null}: {@code java.io.tmpdir})
 * @param syncCommits whether a statement's write is fsynced before the statement returns
 */
public record SqlOptions(long memoryBudgetBytes, Path spillDirectory, boolean syncCommits) {
    /**
     * A sixteenth of the JVM's maximum heap per operator (at least 64 MiB: 256 MiB with
     * {@code -Xmx4g}), spill files in the temporary directory, synchronous commits.
     */
    public static final SqlOptions DEFAULT = new SqlOptions(
            Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 16), null, true);
}
