package dev.lodedb.storage.sstable;

import java.util.Objects;

/**
 * How a {@link TableBuilder} lays out an SSTable. Immutable and thread-safe; derive variants with
 * the {@code with*} methods.
 *
 * @param blockSize target size in bytes of a data block before compression; a block is cut as
 *     soon as its estimated size reaches this (default 4096, at least 64)
 * @param restartInterval keys between restart points in data blocks (default 16, at least 1)
 * @param bloomBitsPerKey Bloom filter bits per distinct user key; 0 writes no filter (default 10,
 *     0 to 64)
 * @param compression codec for data, index and range-deletion blocks (default LZ4)
 */
public record TableOptions(int blockSize, int restartInterval, int bloomBitsPerKey, CompressionType compression) {
    /** Default block size in bytes. */
    public static final int DEFAULT_BLOCK_SIZE = 4096;
    /** Default restart interval. */
    public static final int DEFAULT_RESTART_INTERVAL = 16;

    /** The defaults: 4096-byte blocks, restart interval 16, 10 bloom bits per key, LZ4. */
    public static final TableOptions DEFAULT = new TableOptions(DEFAULT_BLOCK_SIZE, DEFAULT_RESTART_INTERVAL,
            BloomFilter.DEFAULT_BITS_PER_KEY, CompressionType.LZ4);

    /**
     * @throws IllegalArgumentException if a value is out of range
     * @throws NullPointerException if {@code compression} is null
     */
    public TableOptions {
        if (blockSize < 64) {
            throw new IllegalArgumentException("block size must be >= 64 bytes: " + blockSize);
        }
        if (restartInterval < 1) {
            throw new IllegalArgumentException("restart interval must be >= 1: " + restartInterval);
        }
        if (bloomBitsPerKey < 0 || bloomBitsPerKey > 64) {
            throw new IllegalArgumentException("bloom bits per key must be in [0, 64]: " + bloomBitsPerKey);
        }
        Objects.requireNonNull(compression, "compression");
    }

    /** @return {@link #DEFAULT} */
    public static TableOptions defaults() {
        return DEFAULT;
    }

    /** @return a copy with {@code blockSize} bytes per data block */
    public TableOptions withBlockSize(int blockSize) {
        return new TableOptions(blockSize, restartInterval, bloomBitsPerKey, compression);
    }

    /** @return a copy with the given restart interval */
    public TableOptions withRestartInterval(int restartInterval) {
        return new TableOptions(blockSize, restartInterval, bloomBitsPerKey, compression);
    }

    /** @return a copy with the given bloom bits per key (0 = no filter) */
    public TableOptions withBloomBitsPerKey(int bloomBitsPerKey) {
        return new TableOptions(blockSize, restartInterval, bloomBitsPerKey, compression);
    }

    /** @return a copy with the given block compression */
    public TableOptions withCompression(CompressionType compression) {
        return new TableOptions(blockSize, restartInterval, bloomBitsPerKey, compression);
    }
}
