package dev.lodedb.storage.lsm;

import dev.lodedb.storage.sstable.CompressionType;
import java.util.Arrays;

/**
 * Tuning of an LSM store. The defaults follow RocksDB's where the two engines share a concept,
 * so that side-by-side benchmarks compare like with like. Every setter returns {@code this};
 * an options object is not thread-safe while being built and must not be changed after the store
 * is opened with it.
 */
public final class LsmOptions {
    private boolean createIfMissing = true;
    private boolean errorIfExists = false;
    private long writeBufferSize = 64L << 20;
    private int maxImmutableMemtables = 1;
    private int blockSize = 4096;
    private int blockRestartInterval = 16;
    private long blockCacheSize = 32L << 20;
    private int maxOpenFiles = 1000;
    private int bloomBitsPerKey = 10;
    private CompressionType compression = CompressionType.LZ4;
    private CompressionType[] compressionPerLevel = null;
    private int numLevels = 7;
    private int level0CompactionTrigger = 4;
    private int level0SlowdownTrigger = 20;
    private int level0StopTrigger = 36;
    private long maxBytesForLevelBase = 256L << 20;
    private int levelSizeMultiplier = 10;
    private long targetFileSize = 64L << 20;
    private boolean salvage = false;
    private boolean syncWrites = false;
    private boolean mmapReads = true;

    /** @return whether {@code open} creates a missing directory (default true) */
    public boolean createIfMissing() {
        return createIfMissing;
    }

    /** Sets whether {@code open} creates a missing store. */
    public LsmOptions createIfMissing(boolean v) {
        createIfMissing = v;
        return this;
    }

    /** @return whether {@code open} fails when the store already exists (default false) */
    public boolean errorIfExists() {
        return errorIfExists;
    }

    /** Sets whether {@code open} fails on an existing store. */
    public LsmOptions errorIfExists(boolean v) {
        errorIfExists = v;
        return this;
    }

    /** @return bytes of memtable data before it is switched to immutable and flushed (64 MiB) */
    public long writeBufferSize() {
        return writeBufferSize;
    }

    /** Sets the memtable size limit in bytes (at least 64 KiB). */
    public LsmOptions writeBufferSize(long bytes) {
        writeBufferSize = Math.max(64 << 10, bytes);
        return this;
    }

    /** @return immutable memtables allowed to wait for flush before writes stall (default 1) */
    public int maxImmutableMemtables() {
        return maxImmutableMemtables;
    }

    /** Sets how many immutable memtables may wait for flush (at least 1). */
    public LsmOptions maxImmutableMemtables(int n) {
        maxImmutableMemtables = Math.max(1, n);
        return this;
    }

    /** @return target uncompressed size in bytes of an SSTable data block (default 4096) */
    public int blockSize() {
        return blockSize;
    }

    /** Sets the data block size in bytes. */
    public LsmOptions blockSize(int bytes) {
        blockSize = Math.max(256, bytes);
        return this;
    }

    /** @return keys between restart points in a block (default 16) */
    public int blockRestartInterval() {
        return blockRestartInterval;
    }

    /** Sets keys between restart points. */
    public LsmOptions blockRestartInterval(int n) {
        blockRestartInterval = Math.max(1, n);
        return this;
    }

    /** @return capacity in bytes of the block cache, which also holds index and filter blocks */
    public long blockCacheSize() {
        return blockCacheSize;
    }

    /** Sets the block cache capacity in bytes. */
    public LsmOptions blockCacheSize(long bytes) {
        blockCacheSize = Math.max(0, bytes);
        return this;
    }

    /** @return table files kept open at once (default 1000) */
    public int maxOpenFiles() {
        return maxOpenFiles;
    }

    /** Sets the table-cache capacity in files (at least 16). */
    public LsmOptions maxOpenFiles(int n) {
        maxOpenFiles = Math.max(16, n);
        return this;
    }

    /** @return bloom filter bits per key; 0 disables filters (default 10, about 1% false positives) */
    public int bloomBitsPerKey() {
        return bloomBitsPerKey;
    }

    /** Sets bloom filter bits per key (0 disables). */
    public LsmOptions bloomBitsPerKey(int bits) {
        bloomBitsPerKey = Math.max(0, bits);
        return this;
    }

    /** @return the block compression of every level without a per-level override (LZ4) */
    public CompressionType compression() {
        return compression;
    }

    /** Sets the default block compression. */
    public LsmOptions compression(CompressionType c) {
        compression = c;
        return this;
    }

    /**
     * Sets compression per level: entry {@code i} applies to level {@code i}; levels past the end
     * use the last entry. {@code null} restores the single default.
     */
    public LsmOptions compressionPerLevel(CompressionType... perLevel) {
        compressionPerLevel = perLevel == null || perLevel.length == 0 ? null : perLevel.clone();
        return this;
    }

    /** @return the compression used for files written to {@code level} */
    public CompressionType compressionForLevel(int level) {
        if (compressionPerLevel == null) {
            return compression;
        }
        return compressionPerLevel[Math.min(level, compressionPerLevel.length - 1)];
    }

    /** @return the per-level compression override, or {@code null} */
    public CompressionType[] compressionPerLevel() {
        return compressionPerLevel == null ? null : Arrays.copyOf(compressionPerLevel, compressionPerLevel.length);
    }

    /** @return number of levels (default 7) */
    public int numLevels() {
        return numLevels;
    }

    /** @return level-0 file count that triggers a compaction (default 4) */
    public int level0CompactionTrigger() {
        return level0CompactionTrigger;
    }

    /** Sets the level-0 compaction trigger in files. */
    public LsmOptions level0CompactionTrigger(int n) {
        level0CompactionTrigger = Math.max(1, n);
        return this;
    }

    /** @return level-0 file count at which each write is delayed by 1 ms (default 20) */
    public int level0SlowdownTrigger() {
        return level0SlowdownTrigger;
    }

    /** Sets the level-0 slowdown trigger in files. */
    public LsmOptions level0SlowdownTrigger(int n) {
        level0SlowdownTrigger = Math.max(1, n);
        return this;
    }

    /** @return level-0 file count at which writes stop until compaction catches up (default 36) */
    public int level0StopTrigger() {
        return level0StopTrigger;
    }

    /** Sets the level-0 stop trigger in files. */
    public LsmOptions level0StopTrigger(int n) {
        level0StopTrigger = Math.max(1, n);
        return this;
    }

    /** @return target total size in bytes of level 1 (default 256 MiB) */
    public long maxBytesForLevelBase() {
        return maxBytesForLevelBase;
    }

    /** Sets the level-1 size target in bytes. */
    public LsmOptions maxBytesForLevelBase(long bytes) {
        maxBytesForLevelBase = Math.max(1 << 16, bytes);
        return this;
    }

    /** @return size ratio between adjacent levels (default 10) */
    public int levelSizeMultiplier() {
        return levelSizeMultiplier;
    }

    /** Sets the size ratio between adjacent levels. */
    public LsmOptions levelSizeMultiplier(int m) {
        levelSizeMultiplier = Math.max(2, m);
        return this;
    }

    /** @return target size in bytes of one compaction output file (default 64 MiB) */
    public long targetFileSize() {
        return targetFileSize;
    }

    /** Sets the compaction output file size target in bytes. */
    public LsmOptions targetFileSize(long bytes) {
        targetFileSize = Math.max(1 << 14, bytes);
        return this;
    }

    /**
     * @return whether recovery skips corrupt log records and reports them instead of refusing to
     *     open (default false: corruption other than a torn tail is an error)
     */
    public boolean salvage() {
        return salvage;
    }

    /** Sets salvage mode for recovery. */
    public LsmOptions salvage(boolean v) {
        salvage = v;
        return this;
    }

    /** @return whether writes without explicit options are synced (default false) */
    public boolean syncWrites() {
        return syncWrites;
    }

    /** Sets the default sync mode for convenience writes. */
    public LsmOptions syncWrites(boolean v) {
        syncWrites = v;
        return this;
    }

    /**
     * @return whether table files are memory-mapped for reading (default true): block reads then
     *     copy from the page cache instead of making a {@code pread} system call each
     */
    public boolean mmapReads() {
        return mmapReads;
    }

    /** Sets whether table files are memory-mapped for reading. */
    public LsmOptions mmapReads(boolean v) {
        mmapReads = v;
        return this;
    }

    /** @return a copy of these options */
    public LsmOptions copy() {
        LsmOptions o = new LsmOptions();
        o.createIfMissing = createIfMissing;
        o.errorIfExists = errorIfExists;
        o.writeBufferSize = writeBufferSize;
        o.maxImmutableMemtables = maxImmutableMemtables;
        o.blockSize = blockSize;
        o.blockRestartInterval = blockRestartInterval;
        o.blockCacheSize = blockCacheSize;
        o.maxOpenFiles = maxOpenFiles;
        o.bloomBitsPerKey = bloomBitsPerKey;
        o.compression = compression;
        o.compressionPerLevel = compressionPerLevel;
        o.numLevels = numLevels;
        o.level0CompactionTrigger = level0CompactionTrigger;
        o.level0SlowdownTrigger = level0SlowdownTrigger;
        o.level0StopTrigger = level0StopTrigger;
        o.maxBytesForLevelBase = maxBytesForLevelBase;
        o.levelSizeMultiplier = levelSizeMultiplier;
        o.targetFileSize = targetFileSize;
        o.salvage = salvage;
        o.syncWrites = syncWrites;
        o.mmapReads = mmapReads;
        return o;
    }
}
