package dev.lodedb.storage.wal;

import java.util.Optional;

/**
 * What a log file holds, as recorded in the last byte of its header record (see
 * {@link LogFormat} and {@code docs/storage/wal.md}). A reader is opened for one kind and refuses a
 * file of another kind, so that a manifest is never replayed as a write-ahead log or the reverse.
 *
 * <p>Thread-safe (immutable enum).
 */
public enum LogFileKind {
    /** A write-ahead log: one record per committed write batch. Code 1. */
    WAL(1),
    /** A manifest: one record per version edit. Code 2. */
    MANIFEST(2);

    private final int code;

    LogFileKind(int code) {
        this.code = code;
    }

    /** @return the code stored in the header record (one unsigned byte, 1..255) */
    public int code() {
        return code;
    }

    /**
     * @param code a header's kind byte, 0..255
     * @return the kind with that code, or empty when this build knows no such kind
     */
    public static Optional<LogFileKind> fromCode(int code) {
        for (LogFileKind k : values()) {
            if (k.code == code) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
