package dev.lodedb.storage.sstable;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cache of decoded SSTable blocks shared by all tables of a store, bounded in bytes. Data,
 * index and filter blocks all live here ("index and filter blocks are charged to the cache", as
 * with RocksDB's {@code cache_index_and_filter_blocks}), so the memory of a store stays within
 * the configured capacity however many tables it has.
 *
 * <p>Built on Caffeine (W-TinyLFU admission and eviction) with {@code maximumWeight} =
 * capacity and a weigher charging each block its {@linkplain Block#size() size} plus
 * {@link #ENTRY_OVERHEAD_BYTES}. Eviction maintenance runs on the calling thread, so the usage
 * exceeds the capacity at most transiently while concurrent inserts race.
 *
 * <p>Keys are {@code (fileNumber, blockOffset)}. File numbers are never reused within a store,
 * so blocks of deleted tables are never served again; they simply age out. A capacity of 0
 * disables caching: every lookup misses and nothing is stored.
 *
 * <p>Loads are not coalesced: two threads missing the same block at once both read it (the
 * second insert wins). This avoids holding a map lock during disk I/O.
 *
 * <p>Thread-safe. Hit and miss counters are {@link LongAdder}s.
 */
public final class BlockCache {
    /** Bytes charged per cached block beyond its contents (key, entry and object headers). */
    public static final int ENTRY_OVERHEAD_BYTES = 64;

    /** Produces a block on a cache miss (normally by reading and verifying it from disk). */
    @FunctionalInterface
    public interface Loader {
        /**
         * @return the block, never null
         * @throws dev.lodedb.storage.StoreException if it cannot be read
         */
        Block load();
    }

    private record Key(long fileNumber, long offset) {
    }

    private final long capacity;
    private final Cache<Key, Block> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final java.util.concurrent.atomic.AtomicLong pinned = new java.util.concurrent.atomic.AtomicLong();
    /** Set when the cache first evicts a block for room; cleared by {@link #invalidateAll()}. */
    private volatile boolean full;

    /**
     * @param capacityBytes maximum total charge in bytes; 0 disables caching
     * @throws IllegalArgumentException if negative
     */
    public BlockCache(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0: " + capacityBytes);
        }
        this.capacity = capacityBytes;
        this.cache = capacityBytes == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(capacityBytes)
                .weigher((Key k, Block b) -> charge(b))
                .evictionListener((Key k, Block b, com.github.benmanes.caffeine.cache.RemovalCause c) -> full = true)
                .executor(Runnable::run)
                .build();
    }

    /**
     * Returns the cached block at {@code (fileNumber, offset)}, loading and inserting it on a miss.
     *
     * @return the block
     * @throws dev.lodedb.storage.StoreException whatever {@code loader} throws
     */
    public Block getOrLoad(long fileNumber, long offset, Loader loader) {
        Block b = getIfPresent(fileNumber, offset);
        if (b == null) {
            b = loader.load();
            put(fileNumber, offset, b);
        }
        return b;
    }

    /**
     * Looks a block up, counting a hit or a miss.
     *
     * @return the cached block, or {@code null}
     */
    public Block getIfPresent(long fileNumber, long offset) {
        Block b = cache == null ? null : cache.getIfPresent(new Key(fileNumber, offset));
        if (b == null) {
            misses.increment();
        } else {
            hits.increment();
        }
        return b;
    }

    /**
     * Remembers a miss of the block at {@code (fileNumber, offset)} and tells whether it missed
     * recently already: an admission filter (TinyLFU's "doorkeeper") for blocks that are cheap to
     * read again, so that a block read once in a random sweep larger than the cache is not
     * inserted (and another evicted for it), while a block read again soon is. Remembers the last
     * miss of each of {@value #RECENT_MISSES} slots (by hash). Thread-safe: the slots are read and
     * written without synchronization; a lost update only changes one admission decision.
     *
     * @return whether the block's previous miss is still remembered
     */
    public boolean missedRecently(long fileNumber, long offset) {
        long id = (fileNumber * 0x9E3779B97F4A7C15L + offset) * 0xC2B2AE3D27D4EB4FL;
        id |= 1; // 0 marks an empty slot
        int slot = (int) (id >>> (64 - RECENT_MISS_BITS));
        if (recentMisses[slot] == id) {
            return true;
        }
        recentMisses[slot] = id;
        return false;
    }

    private static final int RECENT_MISS_BITS = 12;
    /** Slots of {@link #missedRecently}. */
    static final int RECENT_MISSES = 1 << RECENT_MISS_BITS;
    private final long[] recentMisses = new long[RECENT_MISSES];

    /**
     * Tells whether the cache has had to evict a block to make room, that is whether a new block
     * now displaces another one. Until then every block is worth inserting (it costs no eviction),
     * so admission filters such as {@link #missedRecently} only apply once this is true. Stays
     * true (blocks of deleted files keep their room until they are evicted) until
     * {@link #invalidateAll()}. Thread-safe (a volatile read).
     *
     * @return whether the cache has evicted since it was created or last emptied
     */
    public boolean full() {
        return full;
    }

    /** Inserts (or replaces) a block; does nothing when the capacity is 0. */
    public void put(long fileNumber, long offset, Block block) {
        if (cache != null) {
            cache.put(new Key(fileNumber, offset), block);
        }
    }

    /**
     * Drops every block of one file. Costs a scan of all cached entries, so callers normally let
     * blocks of deleted files age out instead (file numbers are never reused); useful for tests
     * and for reclaiming memory at once after dropping many files.
     */
    public void invalidateFile(long fileNumber) {
        if (cache != null) {
            cache.asMap().keySet().removeIf(k -> k.fileNumber() == fileNumber);
        }
    }

    /** Drops every block. */
    public void invalidateAll() {
        if (cache != null) {
            cache.invalidateAll();
            full = false;
        }
    }

    /** @return lookups that found their block */
    public long hits() {
        return hits.sum();
    }

    /** @return lookups that did not find their block */
    public long misses() {
        return misses.sum();
    }

    /** @return bytes currently charged: cached blocks plus per-entry overhead, plus pinned blocks */
    public long usageBytes() {
        if (cache == null) {
            return 0;
        }
        return cache.policy().eviction().orElseThrow().weightedSize().orElse(0) + pinned.get();
    }

    /** @return bytes of index and filter blocks that open tables hold outside the cache, charged to it */
    public long pinnedBytes() {
        return pinned.get();
    }

    /**
     * Charges {@code bytes} of blocks a table keeps for as long as it is open (its index and filter
     * block, as RocksDB's table readers keep theirs) against this cache's capacity: the cache's own
     * bound shrinks by what is pinned, so pinned plus cached bytes stay within the capacity. At most
     * half the capacity may be pinned; beyond that tables read their index and filter through the
     * cache like any other block.
     *
     * @param bytes the charge in bytes (block sizes plus overhead)
     * @return whether the charge was accepted; if so, {@link #unpin(long)} it when the table closes
     */
    public boolean tryPin(long bytes) {
        if (cache == null || bytes <= 0) {
            return false;
        }
        for (;;) {
            long p = pinned.get();
            if (p + bytes > capacity / 2) {
                return false;
            }
            if (pinned.compareAndSet(p, p + bytes)) {
                resize();
                return true;
            }
        }
    }

    /** Returns a charge taken by {@link #tryPin(long)} (also used to correct an estimate: pass a negative delta). */
    public void unpin(long bytes) {
        if (cache == null || bytes == 0) {
            return;
        }
        pinned.addAndGet(-bytes);
        resize();
    }

    private synchronized void resize() {
        cache.policy().eviction().ifPresent(e -> e.setMaximum(Math.max(0, capacity - pinned.get())));
    }

    /** @return the configured capacity in bytes */
    public long capacityBytes() {
        return capacity;
    }

    /** @return number of blocks currently cached */
    public long size() {
        return cache == null ? 0 : cache.estimatedSize();
    }

    /** Runs pending eviction work now (normally done as a side effect of writes). */
    public void cleanUp() {
        if (cache != null) {
            cache.cleanUp();
        }
    }

    /** @return the charge of {@code b}: its bytes plus {@link #ENTRY_OVERHEAD_BYTES} */
    public static int charge(Block b) {
        return (int) Math.min(Integer.MAX_VALUE, (long) b.size() + ENTRY_OVERHEAD_BYTES);
    }

    @Override
    public String toString() {
        return "BlockCache{capacity=" + capacity + ", usage=" + usageBytes() + ", hits=" + hits()
                + ", misses=" + misses() + "}";
    }
}
