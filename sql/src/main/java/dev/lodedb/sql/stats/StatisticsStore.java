package dev.lodedb.sql.stats;

import dev.lodedb.engine.encoding.StatisticsKeys;
import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The column statistics of a database's tables: written by ANALYZE under {@code 0x07}
 * ({@link StatisticsKeys}, {@link StatisticsCodec}), each table's in one write batch directly to
 * the store (statistics are not transactional: a crash keeps the old or the new set, never a mix),
 * and loaded lazily into a cache. Thread-safe.
 */
public final class StatisticsStore {
    private final KeyValueStore store;
    private final Map<Integer, Optional<RelationStatistics>> cache = new ConcurrentHashMap<>();

    /** @param store the database's store */
    public StatisticsStore(KeyValueStore store) {
        this.store = store;
    }

    /** @return table {@code tableId}'s statistics, or {@code null} when it was never analyzed */
    public RelationStatistics get(int tableId) {
        return cache.computeIfAbsent(tableId, id -> Optional.ofNullable(read(store, ReadOptions.DEFAULT, id)))
                .orElse(null);
    }

    /**
     * Replaces a table's statistics in the store (one batch: the old entries are range-deleted
     * first) and in the cache.
     *
     * @param stats the new statistics
     * @param sync whether to wait for the write-ahead log to reach the disk
     */
    public void save(RelationStatistics stats, boolean sync) {
        int id = stats.tableId();
        WriteBatch batch = new WriteBatch();
        delete(batch, id);
        batch.put(StatisticsKeys.tableKey(id), StatisticsCodec.encodeTable(stats.rows(), stats.analyzedAtMillis()));
        for (ColumnStatistics c : stats.columns().values()) {
            batch.put(StatisticsKeys.columnKey(id, c.columnId()), StatisticsCodec.encodeColumn(c));
        }
        store.write(WriteOptions.sync(sync), batch);
        cache.put(id, Optional.of(stats));
    }

    /** Adds the deletion of every statistics entry of table {@code tableId} to {@code batch} (DROP TABLE). */
    public static void delete(WriteBatch batch, int tableId) {
        batch.deleteRange(StatisticsKeys.tableKey(tableId), StatisticsKeys.upperBound(tableId));
    }

    /** Forgets the cached statistics of a dropped table. */
    public void forget(int tableId) {
        cache.remove(tableId);
    }

    /**
     * @param store the store
     * @param options the snapshot to read
     * @param tableId the table
     * @return the table's statistics as stored, or {@code null}
     */
    public static RelationStatistics read(KeyValueStore store, ReadOptions options, int tableId) {
        byte[] lower = StatisticsKeys.tableKey(tableId);
        byte[] table = null;
        List<byte[]> columns = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        try (StoreIterator it = store.newIterator(options.withBounds(lower, StatisticsKeys.upperBound(tableId)))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] k = it.key();
                if (k.length == lower.length) {
                    table = it.value();
                } else {
                    columns.add(it.value());
                    ids.add(StatisticsKeys.columnId(k));
                }
            }
        }
        return table == null ? null : StatisticsCodec.decode(tableId, table, columns, ids);
    }
}
