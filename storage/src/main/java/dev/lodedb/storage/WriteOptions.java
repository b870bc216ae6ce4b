package dev.lodedb.storage;

/**
 * Options of one {@link KeyValueStore#write} call. Immutable and thread-safe.
 *
 * @param sync when {@code true}, {@code write} returns only after the write-ahead log record is
 *     on stable storage ({@code fsync}); when {@code false}, the write survives a process crash
 *     (it is in the operating system's page cache) but may be lost on power failure
 * @param disableWal when {@code true}, the write skips the log entirely and is lost on any crash
 *     until the next flush (a clean {@code close} flushes it); for bulk loads that are repeated from
 *     scratch after a failure
 */
public record WriteOptions(boolean sync, boolean disableWal) {
    /** Not synced, logged: survives a process crash, not a power loss. */
    public static final WriteOptions DEFAULT = new WriteOptions(false, false);
    /** Synced: durable against power loss when {@code write} returns. */
    public static final WriteOptions SYNC = new WriteOptions(true, false);

    /** @return options with {@code sync} set as given */
    public static WriteOptions sync(boolean sync) {
        return sync ? SYNC : DEFAULT;
    }
}
