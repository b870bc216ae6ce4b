package dev.lodedb.storage.sstable;

/**
 * Per-block compression codec of an SSTable. The id is the byte stored in each block trailer and
 * must never change for a shipped codec.
 */
public enum CompressionType {
    /** Stored as is. */
    NONE(0),
    /** LZ4 block format (lz4-java), fast; the default. */
    LZ4(1),
    /** Zstandard (zstd-jni), smaller, slower; typically for the bottom levels. */
    ZSTD(2);

    private final int id;

    CompressionType(int id) {
        this.id = id;
    }

    /** @return the byte stored in block trailers */
    public int id() {
        return id;
    }

    /**
     * @return the codec with trailer byte {@code id}, or {@code null} if unknown
     */
    public static CompressionType fromId(int id) {
        for (CompressionType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }
}
