package dev.lodedb.storage.lsm;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters an LSM store keeps since it was opened, reported by {@code properties()} under the
 * names documented in {@code docs/storage/properties.md}. Counters bumped on every write are
 * {@link LongAdder}s (cheap under contention); the rest are {@link AtomicLong}s. Thread-safe.
 */
final class StoreStatistics {
    final LongAdder userBytesWritten = new LongAdder();
    final LongAdder walBytesWritten = new LongAdder();
    final LongAdder walSyncs = new LongAdder();
    final LongAdder writeGroups = new LongAdder();
    final LongAdder writeBatches = new LongAdder();
    final AtomicLong flushCount = new AtomicLong();
    final AtomicLong flushBytes = new AtomicLong();
    final AtomicLong compactionCount = new AtomicLong();
    final AtomicLong compactionBytesRead = new AtomicLong();
    final AtomicLong compactionBytesWritten = new AtomicLong();
    final AtomicLong trivialMoves = new AtomicLong();
    final AtomicLong stallMicros = new AtomicLong();
    final AtomicLong slowdowns = new AtomicLong();
    final AtomicLong stops = new AtomicLong();
    final AtomicLong recoveryDroppedBytes = new AtomicLong();
    final AtomicLong recoveryCorruptRecords = new AtomicLong();

    /** Adds the counters, and the write amplification derived from them, to {@code p}. */
    void addTo(Map<String, Long> p) {
        long user = userBytesWritten.sum();
        long wal = walBytesWritten.sum();
        long disk = wal + flushBytes.get() + compactionBytesWritten.get();
        p.put("user.bytes-written", user);
        p.put("wal.bytes-written", wal);
        p.put("wal.syncs", walSyncs.sum());
        p.put("write.groups", writeGroups.sum());
        p.put("write.batches", writeBatches.sum());
        p.put("flush.count", flushCount.get());
        p.put("flush.bytes-written", flushBytes.get());
        p.put("disk.bytes-written", disk);
        p.put("write-amplification-x100", user == 0 ? 0 : disk * 100 / user);
        p.put("compaction.count", compactionCount.get());
        p.put("compaction.trivial-moves", trivialMoves.get());
        p.put("compaction.bytes-read", compactionBytesRead.get());
        p.put("compaction.bytes-written", compactionBytesWritten.get());
        p.put("stall.micros", stallMicros.get());
        p.put("stall.slowdown-count", slowdowns.get());
        p.put("stall.stop-count", stops.get());
        p.put("recovery.dropped-bytes", recoveryDroppedBytes.get());
        p.put("recovery.corrupt-records", recoveryCorruptRecords.get());
    }
}
