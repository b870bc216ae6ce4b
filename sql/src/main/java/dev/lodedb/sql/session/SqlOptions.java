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
    /** 64 MiB per operator, temp directory, synchronous commits. */
    public static final SqlOptions DEFAULT = new SqlOptions(64L << 20, null, true);
}
