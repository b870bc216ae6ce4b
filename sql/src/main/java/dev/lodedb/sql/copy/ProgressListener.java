package dev.lodedb.sql.copy;

/**
 * Receives import progress (the SQL session's {@code ImportProgress} adapts to it). Called on the
 * importing thread; see {@link ProgressReporter} for how often.
 */
@FunctionalInterface
public interface ProgressListener {
    /**
     * @param rows records read so far
     * @param bytesRead bytes read from the file or stream so far (compressed bytes of a gzip file)
     * @param totalBytes the file's size in bytes, or -1 when unknown
     */
    void update(long rows, long bytesRead, long totalBytes);
}
