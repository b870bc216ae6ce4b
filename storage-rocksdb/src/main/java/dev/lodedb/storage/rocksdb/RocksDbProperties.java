package dev.lodedb.storage.rocksdb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyMetaData;
import org.rocksdb.HistogramType;
import org.rocksdb.LevelMetaData;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Statistics;
import org.rocksdb.TickerType;

/**
 * Reads RocksDB's properties, column-family metadata and statistics tickers into LodeDB's
 * property names; the mapping is documented on {@link RocksDbStore}. Stateless.
 */
final class RocksDbProperties {
    /** Levels reported as {@code level.N.*}, whatever {@code num_levels} is. */
    static final int REPORTED_LEVELS = 7;

    private RocksDbProperties() {
    }

    /**
     * @return the property map of an open database (the caller holds the store's lifecycle lock)
     * @throws RocksDBException if a native property read fails
     */
    static Map<String, Long> read(RocksDB db, RocksDbConfig config) throws RocksDBException {
        Map<String, Long> p = new LinkedHashMap<>();
        ColumnFamilyMetaData meta = db.getColumnFamilyMetaData();
        long[] files = new long[Math.max(REPORTED_LEVELS, meta.levels().size())];
        long[] bytes = new long[files.length];
        List<LevelMetaData> levels = meta.levels();
        for (LevelMetaData level : levels) {
            files[level.level()] = level.files().size();
            bytes[level.level()] = level.size();
        }
        for (int n = 0; n < files.length; n++) {
            p.put("level." + n + ".files", files[n]);
            p.put("level." + n + ".bytes", bytes[n]);
        }
        p.put("sst.files", meta.fileCount());
        p.put("sst.bytes", meta.size());
        p.put("memtable.bytes", db.getLongProperty("rocksdb.cur-size-all-mem-tables"));
        p.put("memtable.immutable", db.getLongProperty("rocksdb.num-immutable-mem-table"));
        p.put("keys.estimate", db.getLongProperty("rocksdb.estimate-num-keys"));
        p.put("snapshots.open", db.getLongProperty("rocksdb.num-snapshots"));
        p.put("compaction.pending", db.getLongProperty("rocksdb.compaction-pending"));
        p.put("compaction.running", db.getLongProperty("rocksdb.num-running-compactions"));
        p.put("flush.running", db.getLongProperty("rocksdb.num-running-flushes"));
        p.put("block-cache.capacity", config.blockCache == null ? 0L
                : db.getLongProperty("rocksdb.block-cache-capacity"));
        p.put("block-cache.usage", config.blockCache == null ? 0L : config.blockCache.getUsage());

        Statistics s = config.statistics;
        p.put("block-cache.hits", s.getTickerCount(TickerType.BLOCK_CACHE_HIT));
        p.put("block-cache.misses", s.getTickerCount(TickerType.BLOCK_CACHE_MISS));
        p.put("user.bytes-written", s.getTickerCount(TickerType.BYTES_WRITTEN));
        p.put("user.keys-written", s.getTickerCount(TickerType.NUMBER_KEYS_WRITTEN));
        long wal = s.getTickerCount(TickerType.WAL_FILE_BYTES);
        long flushed = s.getTickerCount(TickerType.FLUSH_WRITE_BYTES);
        long compacted = s.getTickerCount(TickerType.COMPACT_WRITE_BYTES);
        p.put("wal.bytes-written", wal);
        p.put("wal.syncs", s.getTickerCount(TickerType.WAL_FILE_SYNCED));
        p.put("flush.bytes-written", flushed);
        p.put("disk.bytes-written", wal + flushed + compacted);
        p.put("flush.count", s.getHistogramData(HistogramType.FLUSH_TIME).getCount());
        p.put("compaction.count", s.getHistogramData(HistogramType.COMPACTION_TIME).getCount());
        p.put("compaction.bytes-read", s.getTickerCount(TickerType.COMPACT_READ_BYTES));
        p.put("compaction.bytes-written", compacted);
        p.put("stall.micros", s.getTickerCount(TickerType.STALL_MICROS));
        long positive = s.getTickerCount(TickerType.BLOOM_FILTER_FULL_POSITIVE);
        long truePositive = s.getTickerCount(TickerType.BLOOM_FILTER_FULL_TRUE_POSITIVE);
        p.put("bloom.useful", s.getTickerCount(TickerType.BLOOM_FILTER_USEFUL));
        p.put("bloom.positive", positive);
        p.put("bloom.false-positive", Math.max(0, positive - truePositive));
        return p;
    }
}
