package dev.lodedb.storage.rocksdb;

import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.sstable.CompressionType;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.Statistics;
import org.rocksdb.WALRecoveryMode;

/**
 * The native RocksDB option objects derived from one {@link LsmOptions}, owned together and freed
 * together by {@link #close()} (after the database that uses them has been closed).
 *
 * <p>Mapping (LodeDB option → RocksDB option):
 * <ul>
 *   <li>{@code createIfMissing}, {@code errorIfExists} → {@code create_if_missing},
 *       {@code error_if_exists};</li>
 *   <li>{@code writeBufferSize} → {@code write_buffer_size};
 *       {@code maxImmutableMemtables} + 1 → {@code max_write_buffer_number};</li>
 *   <li>{@code blockSize}, {@code blockRestartInterval} → the block-based table's
 *       {@code block_size}, {@code block_restart_interval};</li>
 *   <li>{@code blockCacheSize} → an {@code LRUCache} of that many bytes (none when 0) with
 *       {@code cache_index_and_filter_blocks = true}, so index and filter blocks compete for the
 *       same budget as in LodeDB; with C++ RocksDB's {@code high_pri_pool_ratio = 0.5} for them
 *       (RocksJava's constructor would give 0), {@code pin_l0_filter_and_index_blocks_in_cache},
 *       and shards of at least 4 MiB (RocksDB's automatic 512 KiB shards would be thrashed by
 *       the ~1 MiB full filter block of a 64 MiB table file in a small cache);</li>
 *   <li>{@code bloomBitsPerKey} → a full (not block-based) bloom filter of that many bits per key,
 *       none when 0; the table {@code format_version} stays RocksDB's default;</li>
 *   <li>{@code compressionForLevel(i)} → {@code compression_per_level[i]} for every level
 *       (LZ4 → {@code kLZ4Compression}, ZSTD → {@code kZSTD}, NONE → {@code kNoCompression});</li>
 *   <li>{@code numLevels}, {@code level0CompactionTrigger}, {@code level0SlowdownTrigger},
 *       {@code level0StopTrigger}, {@code maxBytesForLevelBase}, {@code levelSizeMultiplier},
 *       {@code targetFileSize}, {@code maxOpenFiles} → {@code num_levels},
 *       {@code level0_file_num_compaction_trigger}, {@code level0_slowdown_writes_trigger},
 *       {@code level0_stop_writes_trigger}, {@code max_bytes_for_level_base},
 *       {@code max_bytes_for_level_multiplier}, {@code target_file_size_base},
 *       {@code max_open_files};</li>
 *   <li>{@code mmapReads} → {@code allow_mmap_reads}, so both engines read table files the same way;</li>
 *   <li>{@code salvage} → {@code wal_recovery_mode = kSkipAnyCorruptedRecords} (otherwise
 *       RocksDB's default, {@code kPointInTimeRecovery});</li>
 *   <li>always: {@code max_background_jobs = 2}, and a {@code Statistics} object (RocksDB's
 *       default stats level) from which {@link RocksDbStore#properties()} reads its tickers.</li>
 * </ul>
 * {@code level_compaction_dynamic_level_bytes} keeps RocksDB's default ({@code true} since
 * RocksDB 8.4): the yardstick is RocksDB as it ships, so {@code max_bytes_for_level_base} sizes
 * the base level, which may be below level 1 while the store is small.
 *
 * <p>Not thread-safe; built once by {@link RocksDbStore#open}.
 */
final class RocksDbConfig implements AutoCloseable {
    /** Share of the block cache reserved for index and filter blocks (C++ RocksDB's default). */
    static final double HIGH_PRI_POOL_RATIO = 0.5;
    /** Smallest block-cache shard. */
    static final long MIN_SHARD_BYTES = 4L << 20;
    /** Background flush and compaction threads. */
    static final int BACKGROUND_JOBS = 2;

    final Options options;
    final Statistics statistics;
    final Cache blockCache;
    private final BloomFilter bloomFilter;

    RocksDbConfig(LsmOptions lsm) {
        statistics = new Statistics();
        blockCache = lsm.blockCacheSize() > 0
                ? new LRUCache(lsm.blockCacheSize(), shardBits(lsm.blockCacheSize()), false, HIGH_PRI_POOL_RATIO)
                : null;
        bloomFilter = lsm.bloomBitsPerKey() > 0 ? new BloomFilter(lsm.bloomBitsPerKey(), false) : null;

        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockSize(lsm.blockSize())
                .setBlockRestartInterval(lsm.blockRestartInterval())
                .setCacheIndexAndFilterBlocks(true)
                .setCacheIndexAndFilterBlocksWithHighPriority(true)
                .setPinL0FilterAndIndexBlocksInCache(true)
                .setWholeKeyFiltering(true);
        if (blockCache != null) {
            table.setBlockCache(blockCache);
        } else {
            table.setNoBlockCache(true);
        }
        if (bloomFilter != null) {
            table.setFilterPolicy(bloomFilter);
        }

        List<org.rocksdb.CompressionType> perLevel = new ArrayList<>(lsm.numLevels());
        for (int level = 0; level < lsm.numLevels(); level++) {
            perLevel.add(toRocks(lsm.compressionForLevel(level)));
        }

        options = new Options()
                .setCreateIfMissing(lsm.createIfMissing())
                .setErrorIfExists(lsm.errorIfExists())
                .setWriteBufferSize(lsm.writeBufferSize())
                .setMaxWriteBufferNumber(lsm.maxImmutableMemtables() + 1)
                .setNumLevels(lsm.numLevels())
                .setCompressionPerLevel(perLevel)
                .setLevel0FileNumCompactionTrigger(lsm.level0CompactionTrigger())
                .setLevel0SlowdownWritesTrigger(lsm.level0SlowdownTrigger())
                .setLevel0StopWritesTrigger(lsm.level0StopTrigger())
                .setMaxBytesForLevelBase(lsm.maxBytesForLevelBase())
                .setMaxBytesForLevelMultiplier(lsm.levelSizeMultiplier())
                .setTargetFileSizeBase(lsm.targetFileSize())
                .setMaxOpenFiles(lsm.maxOpenFiles())
                .setAllowMmapReads(lsm.mmapReads())
                .setMaxBackgroundJobs(BACKGROUND_JOBS)
                .setStatistics(statistics)
                .setTableFormatConfig(table);
        if (lsm.salvage()) {
            options.setWalRecoveryMode(WALRecoveryMode.SkipAnyCorruptedRecords);
        }
    }

    /**
     * @return cache shard bits giving shards of at least {@link #MIN_SHARD_BYTES} (at most 64
     *     shards), so that one full filter block of a large table file cannot flush a whole shard
     */
    static int shardBits(long capacity) {
        int bits = 0;
        while (bits < 6 && capacity >> (bits + 1) >= MIN_SHARD_BYTES) {
            bits++;
        }
        return bits;
    }

    /** @return the RocksDB codec for a LodeDB codec */
    static org.rocksdb.CompressionType toRocks(CompressionType c) {
        return switch (c) {
            case NONE -> org.rocksdb.CompressionType.NO_COMPRESSION;
            case LZ4 -> org.rocksdb.CompressionType.LZ4_COMPRESSION;
            case ZSTD -> org.rocksdb.CompressionType.ZSTD_COMPRESSION;
        };
    }

    /** Frees the native objects. Call only after the database using them is closed. */
    @Override
    public void close() {
        options.close();
        if (bloomFilter != null) {
            bloomFilter.close();
        }
        if (blockCache != null) {
            blockCache.close();
        }
        statistics.close();
    }
}
