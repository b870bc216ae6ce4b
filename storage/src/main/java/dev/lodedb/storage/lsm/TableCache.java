package dev.lodedb.storage.lsm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.lodedb.storage.sstable.BlockCache;
import dev.lodedb.storage.sstable.Table;
import dev.lodedb.storage.sstable.TableStatistics;
import java.nio.file.Path;

/**
 * A bounded cache of open SSTable readers (file handles plus footer and properties), keyed by
 * file number, like LevelDB's {@code TableCache}. Bounded by {@link LsmOptions#maxOpenFiles()}
 * with Caffeine's size-based eviction.
 *
 * <p>Handles are reference counted: the cache holds one reference, each user one more, and the
 * file is closed when the count reaches zero, so eviction never closes a file under a reader.
 * Thread-safe.
 */
final class TableCache {
    private final Path dir;
    private final BlockCache blockCache;
    private final TableStatistics stats;
    private final Cache<Long, Handle> cache;
    private final boolean mmap;

    /** A reference-counted open table. */
    static final class Handle {
        final Table table;
        private final RefCount refs = new RefCount();

        Handle(Table table) {
            this.table = table;
        }

        boolean tryRetain() {
            return refs.tryRetain();
        }

        /** Drops one reference; closes the file at zero. */
        void release() {
            if (refs.release()) {
                table.close();
            }
        }
    }

    TableCache(Path dir, int maxOpenFiles, BlockCache blockCache, TableStatistics stats, boolean mmap) {
        this.dir = dir;
        this.mmap = mmap;
        this.blockCache = blockCache;
        this.stats = stats;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxOpenFiles)
                .executor(Runnable::run)
                .removalListener((Long k, Handle h, RemovalCause c) -> {
                    if (h != null) {
                        h.release();
                    }
                })
                .build();
    }

    /**
     * @return a retained handle for table {@code number}; the caller must {@link Handle#release()} it
     * @throws dev.lodedb.storage.StoreException if the file cannot be opened or is corrupt
     */
    Handle acquire(long number) {
        for (;;) {
            Handle h = cache.get(number, n -> new Handle(Table.open(FileNames.table(dir, n), n, blockCache, stats, mmap)));
            if (h.tryRetain()) {
                return h;
            }
            cache.asMap().remove(number, h);
        }
    }

    /** Closes the cached handle of a deleted file (readers still holding it keep it open). */
    void evict(long number) {
        cache.invalidate(number);
        blockCache.invalidateFile(number);
    }

    long openFiles() {
        return cache.estimatedSize();
    }

    void close() {
        cache.invalidateAll();
        cache.cleanUp();
    }
}
