package dev.lodedb.sql.session;

/**
 * Receives the progress of an import: {@code COPY ... FROM} and scans of {@code read_csv} /
 * {@code read_json}. Set one with {@link SqlSession#setImportProgress}; a shell renders it as a
 * progress bar.
 *
 * <p>Called on the importing thread (the one executing the statement), at most about every 100
 * milliseconds while the import reads, and once more when the input is exhausted. An
 * implementation must return quickly and must not use the session; an exception it throws fails
 * the statement.
 */
@FunctionalInterface
public interface ImportProgress {
    /**
     * Reports how far the import got.
     *
     * @param rows records read so far (including rows that were skipped or filtered out)
     * @param bytesRead bytes read so far from the file or stream; for a gzip file the
     *     <em>compressed</em> bytes, so that it approaches {@code totalBytes}
     * @param totalBytes the size of the file in bytes, or -1 when unknown (standard input)
     */
    void update(long rows, long bytesRead, long totalBytes);
}
