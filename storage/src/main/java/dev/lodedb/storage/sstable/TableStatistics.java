package dev.lodedb.storage.sstable;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of SSTable reads, shared by all tables of a store. Thread-safe and cheap to update
 * ({@link LongAdder}s); readings are not a consistent snapshot across counters.
 */
public final class TableStatistics {
    private final LongAdder bloomChecked = new LongAdder();
    private final LongAdder bloomUseful = new LongAdder();
    private final LongAdder bloomFalsePositive = new LongAdder();
    private final LongAdder blockReads = new LongAdder();
    private final LongAdder blockReadBytes = new LongAdder();

    /** @return point lookups that consulted a Bloom filter */
    public long bloomChecked() {
        return bloomChecked.sum();
    }

    /** @return lookups the filter answered "definitely absent" (no index or data block read) */
    public long bloomUseful() {
        return bloomUseful.sum();
    }

    /** @return lookups the filter passed although the table had no entry with that user key */
    public long bloomFalsePositive() {
        return bloomFalsePositive.sum();
    }

    /** @return blocks read from disk (cache misses and uncached reads) */
    public long blockReads() {
        return blockReads.sum();
    }

    /** @return bytes read from disk for blocks, trailers included */
    public long blockReadBytes() {
        return blockReadBytes.sum();
    }

    void recordBloomCheck(boolean useful) {
        bloomChecked.increment();
        if (useful) {
            bloomUseful.increment();
        }
    }

    void recordBloomFalsePositive() {
        bloomFalsePositive.increment();
    }

    void recordBlockRead(long bytes) {
        blockReads.increment();
        blockReadBytes.add(bytes);
    }

    @Override
    public String toString() {
        return "TableStatistics{bloomChecked=" + bloomChecked() + ", bloomUseful=" + bloomUseful()
                + ", bloomFalsePositive=" + bloomFalsePositive() + ", blockReads=" + blockReads()
                + ", blockReadBytes=" + blockReadBytes() + "}";
    }
}
