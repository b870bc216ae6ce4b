package dev.lodedb.storage.sstable;

import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.util.Bytes;
import dev.lodedb.storage.util.Coding;
import dev.lodedb.storage.util.InternalIterator;
import dev.lodedb.storage.util.InternalKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reader of one SSTable written by {@link TableBuilder}, after LevelDB's {@code table/table.cc}.
 *
 * <p>{@link #open} reads and verifies the footer, the metaindex, the properties block and the
 * range-deletion block; those small things (plus the block handles) are all a table keeps on the
 * heap. The index and filter blocks, like data blocks, are fetched through the shared
 * {@link BlockCache} on every use, so they are charged to (and evictable from) the cache and the
 * memory of a store stays bounded however many tables are open.
 *
 * <p>Blocks are read with positional {@link FileChannel#read(ByteBuffer, long)}, which has no
 * shared file position, so any number of threads may call {@link #get}, {@link #newIterator} and
 * the other methods concurrently. (If a reading thread is interrupted, the JDK closes the
 * channel; the table then reopens it for the other readers and reports the interrupt to the
 * interrupted thread only.) Every block read verifies the block checksum.
 *
 * <p>Errors: {@link CorruptionException} (naming the file and block offset) when a block or the
 * footer fails verification; {@link StoreException} on I/O errors or after {@link #close()}.
 */
public final class Table implements AutoCloseable {
    /** Metaindex name of the filter block ({@code "fullfilter." + policy}, as in RocksDB). */
    static final String FILTER_BLOCK_NAME = "fullfilter." + TableProperties.BLOOM_POLICY_NAME;
    /** Metaindex name of the properties block. */
    static final String PROPERTIES_BLOCK_NAME = "lode.properties";
    /** Metaindex name of the range-deletion block. */
    static final String RANGE_DEL_BLOCK_NAME = "lode.range_del";

    /**
     * A point entry found by {@link #get}: its full internal key (whose type tells a value from a
     * deletion) and its value. Arrays are fresh copies owned by the caller.
     *
     * @param key the internal key
     * @param value the value (empty for a deletion)
     */
    public record Entry(byte[] key, byte[] value) {
    }

    private final Path path;
    private final long fileNumber;
    private final BlockCache cache;
    private final TableStatistics stats;
    private final long fileSize;
    private final Footer footer;
    private final BlockHandle filterHandle;
    private final TableProperties properties;
    private final List<RangeTombstone> rangeTombstones;
    private final long dataEnd;
    private volatile FileChannel channel;
    private volatile boolean closed;
    /** The whole file mapped read-only, or {@code null} when reading with pread. */
    private final MappedByteBuffer mapped;
    /** Index and filter blocks held for the table's lifetime (charged to the cache), or null. */
    private Block pinnedIndex;
    private Block pinnedFilter;
    /**
     * The index and filter blocks of a table the cache could not pin, once read: held softly, so that
     * the garbage collector reclaims them under memory pressure but a lookup does not decode a large
     * filter again for every key when the cache cannot hold it (a block bigger than what the cache
     * admits would otherwise be read and decoded on every lookup).
     */
    private volatile java.lang.ref.SoftReference<Block> softIndex;
    private volatile java.lang.ref.SoftReference<Block> softFilter;
    private long pinnedCharge;

    private Table(Path path, long fileNumber, BlockCache cache, TableStatistics stats, FileChannel channel,
                  long fileSize, Footer footer, MappedByteBuffer mapped) {
        this.mapped = mapped;
        this.path = path;
        this.fileNumber = fileNumber;
        this.cache = cache;
        this.stats = stats;
        this.channel = channel;
        this.fileSize = fileSize;
        this.footer = footer;

        BlockHandle filter = null;
        BlockHandle props = null;
        BlockHandle rangeDel = null;
        Block meta = readBlock(footer.metaindexHandle(), false);
        BlockIterator it = meta.iterator(InternalKey.USER_COMPARATOR);
        for (it.seekToFirst(); it.isValid(); it.next()) {
            String name = new String(it.key(), StandardCharsets.UTF_8);
            BlockHandle h = decodeHandle(it, footer.metaindexHandle());
            switch (name) {
                case FILTER_BLOCK_NAME -> filter = h;
                case PROPERTIES_BLOCK_NAME -> props = h;
                case RANGE_DEL_BLOCK_NAME -> rangeDel = h;
                default -> {
                    // a block this version does not know (e.g. another filter policy): ignored
                }
            }
        }
        this.filterHandle = filter;
        this.properties = props == null ? new TableProperties(Map.of()) : TableProperties.decode(readBlock(props, false));
        this.rangeTombstones = rangeDel == null ? List.of() : decodeRangeTombstones(readBlock(rangeDel, false));
        long ds = properties.dataSize();
        this.dataEnd = ds > 0 && ds <= fileSize ? ds : footer.metaindexHandle().offset();
        pinIndexAndFilter();
    }

    /**
     * Keeps the index and filter block for the table's lifetime when the cache accepts their charge
     * (see {@link BlockCache#tryPin}), so a lookup does not pay two cache probes before it reaches a
     * data block; RocksDB's table readers keep theirs the same way.
     */
    private void pinIndexAndFilter() {
        long estimate = footer.indexHandle().size() + (filterHandle == null ? 0 : filterHandle.size())
                + 2L * BlockCache.ENTRY_OVERHEAD_BYTES;
        if (!cache.tryPin(estimate)) {
            return;
        }
        try {
            Block index = readBlock(footer.indexHandle(), false);
            Block filter = filterHandle == null ? null : readBlock(filterHandle, true);
            long actual = BlockCache.charge(index) + (filter == null ? 0 : BlockCache.charge(filter));
            cache.unpin(estimate - actual);
            pinnedCharge = actual;
            pinnedIndex = index;
            pinnedFilter = filter;
        } catch (RuntimeException e) {
            cache.unpin(estimate);
            throw e;
        }
    }

    /**
     * Opens a table file for reading.
     *
     * @param path the file
     * @param fileNumber the file's number in its store; with the block offset it keys the cache,
     *     so it must be unique among the tables sharing {@code cache}
     * @param cache the block cache of the store (use {@code new BlockCache(0)} for none)
     * @param stats the statistics of the store
     * @return the open table; {@link #close()} it
     * @throws CorruptionException if the file is shorter than a footer, is not an SSTable (bad
     *     magic), or fails a checksum
     * @throws StoreException if it cannot be read, or has an unsupported format version
     */
    public static Table open(Path path, long fileNumber, BlockCache cache, TableStatistics stats) {
        return open(path, fileNumber, cache, stats, false);
    }

    /**
     * Opens a table file for reading, optionally memory-mapped. A mapped table reads blocks with a
     * copy from the page cache instead of a {@code pread} system call per block; the mapping is
     * released when the table is closed, so the caller must guarantee that no lookup or iterator
     * uses the table after {@link #close()} (the store's table cache reference-counts tables for
     * this). Files larger than 2 GiB are read with pread.
     *
     * @param mmap whether to map the file
     * @see #open(Path, long, BlockCache, TableStatistics)
     */
    public static Table open(Path path, long fileNumber, BlockCache cache, TableStatistics stats, boolean mmap) {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(stats, "stats");
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new StoreException("cannot open SSTable " + path + ": " + e, e);
        }
        try {
            long size = ch.size();
            if (size < Footer.ENCODED_LENGTH) {
                throw new CorruptionException(path, 0, "file too short to be an SSTable: " + size
                        + " bytes, the footer alone is " + Footer.ENCODED_LENGTH);
            }
            byte[] fb = new byte[Footer.ENCODED_LENGTH];
            long footerOffset = size - Footer.ENCODED_LENGTH;
            int n = 0;
            while (n < fb.length) {
                int r = ch.read(ByteBuffer.wrap(fb, n, fb.length - n), footerOffset + n);
                if (r < 0) {
                    throw new CorruptionException(path, footerOffset + n, "unexpected end of file in footer");
                }
                n += r;
            }
            Footer footer = Footer.decode(fb, 0, path, footerOffset);
            MappedByteBuffer map = mmap && size <= Integer.MAX_VALUE ? ch.map(FileChannel.MapMode.READ_ONLY, 0, size) : null;
            try {
                return new Table(path, fileNumber, cache, stats, ch, size, footer, map);
            } catch (RuntimeException e) {
                MappedFiles.unmap(map);
                throw e;
            }
        } catch (IOException e) {
            closeQuietly(ch);
            throw new StoreException("cannot read SSTable " + path + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /**
     * Point lookup: the first entry whose internal key is {@code >= lookupInternalKey} and whose
     * user key equals the lookup's, i.e. the newest version visible at the lookup's sequence
     * (which may be a deletion). Consults the Bloom filter first and updates
     * {@link TableStatistics}. Range tombstones are not applied here.
     *
     * @param lookupInternalKey normally {@code InternalKey.encode(userKey, snapshotSeq, TYPE_FOR_SEEK)}
     * @param fillCache whether blocks read from disk are inserted into the block cache
     * @return the entry, or {@code null}
     * @throws CorruptionException if a block fails verification
     */
    public Entry get(byte[] lookupInternalKey, boolean fillCache) {
        int ukl = lookupInternalKey.length - InternalKey.TRAILER_SIZE;
        if (ukl < 0) {
            throw new IllegalArgumentException("lookup key shorter than an internal key trailer");
        }
        boolean filterPassed = false;
        if (filterHandle != null) {
            Block f = pinnedFilter != null ? pinnedFilter : filterBlock(fillCache);
            boolean may = BloomFilter.mayContain(f.data(), 0, f.size(), lookupInternalKey, 0, ukl);
            stats.recordBloomCheck(!may);
            if (!may) {
                return null;
            }
            filterPassed = true;
        }
        BlockIterator it = seekData(lookupInternalKey, fillCache);
        if (it != null && it.isValid() && it.userKeyEquals(lookupInternalKey, ukl)) {
            return new Entry(it.key(), it.value());
        }
        if (filterPassed && !containsUserKey(lookupInternalKey, ukl, fillCache)) {
            stats.recordBloomFalsePositive();
        }
        return null;
    }

    /**
     * Creates a two-level iterator over the point entries: an index-block cursor selects the data
     * block, a data-block cursor walks it. Supports every {@link InternalIterator} method. The
     * iterator holds the index block it started with (not the table's lifetime) and at most one
     * data block. Not thread-safe; create one per thread.
     *
     * @param fillCache whether blocks read from disk are inserted into the block cache (false
     *     for compaction and other bulk scans)
     * @return an unpositioned iterator; keys and values it returns are fresh copies
     */
    public InternalIterator newIterator(boolean fillCache) {
        return new TableIterator(this, indexBlock(fillCache).iterator(InternalKey.COMPARATOR), fillCache);
    }

    /** @return the range tombstones, sorted by start internal key; do not modify the arrays */
    public List<RangeTombstone> rangeTombstones() {
        return rangeTombstones;
    }

    /** @return the table's properties */
    public TableProperties properties() {
        return properties;
    }

    /** @return the footer */
    public Footer footer() {
        return footer;
    }

    /** @return the file size in bytes */
    public long fileSize() {
        return fileSize;
    }

    /** @return the file number given to {@link #open} */
    public long fileNumber() {
        return fileNumber;
    }

    /** @return the file path */
    public Path path() {
        return path;
    }

    /**
     * Approximate byte offset in the file where the data for {@code internalKey} begins (or would
     * begin): the offset of the data block that would hold it, or the end of the data blocks for
     * keys past the last one. Used to estimate the size of key ranges.
     *
     * @return an offset in {@code [0, fileSize())}
     */
    public long approximateOffsetOf(byte[] internalKey) {
        BlockIterator ii = indexBlock(true).iterator(InternalKey.COMPARATOR);
        ii.seek(internalKey);
        if (ii.isValid()) {
            return decodeHandle(ii, footer.indexHandle()).offset();
        }
        return dataEnd;
    }

    /** Closes the file. Iterators and lookups in progress fail afterwards. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeQuietly(channel);
            MappedFiles.unmap(mapped);
            if (pinnedCharge > 0) {
                cache.unpin(pinnedCharge);
                pinnedCharge = 0;
                pinnedIndex = null;
                pinnedFilter = null;
            }
            softIndex = null;
            softFilter = null;
        }
    }

    @Override
    public String toString() {
        return "Table{" + path + ", file " + fileNumber + ", " + fileSize + " bytes}";
    }

    /** @return the filter block: softly held, cached, or read */
    private Block filterBlock(boolean fillCache) {
        java.lang.ref.SoftReference<Block> ref = softFilter;
        Block b = ref == null ? null : ref.get();
        if (b == null) {
            b = block(filterHandle, true, fillCache);
            softFilter = new java.lang.ref.SoftReference<>(b);
        }
        return b;
    }

    /** @return the pinned, softly held, cached or read index block */
    Block indexBlock(boolean fillCache) {
        Block pinned = pinnedIndex;
        if (pinned != null) {
            return pinned;
        }
        java.lang.ref.SoftReference<Block> ref = softIndex;
        Block b = ref == null ? null : ref.get();
        if (b == null) {
            b = block(footer.indexHandle(), false, fillCache);
            softIndex = new java.lang.ref.SoftReference<>(b);
        }
        return b;
    }

    /** @return the cached-or-read data block at {@code h} */
    Block dataBlock(BlockHandle h, boolean fillCache) {
        return block(h, false, fillCache);
    }

    /**
     * Decodes the block handle that is the current value of an index or metaindex iterator.
     *
     * @param source handle of the block the iterator walks (for the error)
     */
    BlockHandle decodeHandle(BlockIterator it, BlockHandle source) {
        int off = it.valueOffset();
        try {
            return BlockHandle.decode(it.data(), off, off + it.valueLength());
        } catch (IllegalArgumentException e) {
            throw new CorruptionException(path, source.offset(), "bad block handle in block");
        }
    }

    /** Same as {@link #decodeHandle(BlockIterator, BlockHandle)} for the index block. */
    BlockHandle decodeIndexHandle(BlockIterator it) {
        return decodeHandle(it, footer.indexHandle());
    }

    static byte[] name(String metaBlockName) {
        return metaBlockName.getBytes(StandardCharsets.UTF_8);
    }

    /** @return a data-block iterator positioned at the first entry {@code >= key}, or null */
    private BlockIterator seekData(byte[] key, boolean fillCache) {
        BlockIterator ii = indexBlock(fillCache).iterator(InternalKey.COMPARATOR);
        ii.seek(key);
        if (!ii.isValid()) {
            return null;
        }
        BlockIterator di = dataBlock(decodeHandle(ii, footer.indexHandle()), fillCache).iterator(InternalKey.COMPARATOR);
        di.seek(key);
        return di;
    }

    /** @return whether the table holds any version of user key {@code ikey[0, ukl)} */
    private boolean containsUserKey(byte[] ikey, int ukl, boolean fillCache) {
        byte[] newest = Arrays.copyOf(ikey, ikey.length);
        Coding.putLong(newest, ukl, (InternalKey.MAX_SEQUENCE << 8) | InternalKey.TYPE_FOR_SEEK);
        BlockIterator it = seekData(newest, fillCache);
        return it != null && it.isValid() && it.userKeyEquals(ikey, ukl);
    }

    private Block block(BlockHandle h, boolean raw, boolean fillCache) {
        Block b = cache.getIfPresent(fileNumber, h.offset());
        if (b == null) {
            b = readBlock(h, raw);
            if (fillCache && (!cache.full() || !cheapToReread(h, raw)
                    || cache.missedRecently(fileNumber, h.offset()))) {
                cache.put(fileNumber, h.offset(), b);
            }
        }
        return b;
    }

    /**
     * @return whether {@code h} is a data block stored uncompressed in a mapped file: reading it
     *     again costs a copy and a checksum, less than a cache insert and eviction, so it is cached
     *     only when missed again soon ({@link BlockCache#missedRecently}) once the cache is
     *     {@linkplain BlockCache#full() full}
     */
    private boolean cheapToReread(BlockHandle h, boolean raw) {
        long type = h.offset() + h.size();
        return !raw && mapped != null && type < fileSize && mapped.get((int) type) == CompressionType.NONE.id();
    }

    private Block readBlock(BlockHandle h, boolean raw) {
        long offset = h.offset();
        long size = h.size();
        long limit = fileSize - Footer.ENCODED_LENGTH;
        if (size > BlockCodec.MAX_BLOCK_SIZE || offset > limit || size + BlockCodec.TRAILER_SIZE > limit - offset) {
            throw new CorruptionException(path, offset, "block handle (offset " + offset + ", size " + size
                    + ") reaches past the data area (" + limit + " bytes)");
        }
        if (mapped != null) {
            if (closed) {
                throw new StoreException("SSTable " + path + " is closed");
            }
            stats.recordBlockRead(size + BlockCodec.TRAILER_SIZE);
            return BlockCodec.decode(mapped, (int) offset, (int) size, raw, path, offset);
        }
        byte[] buf = new byte[(int) size + BlockCodec.TRAILER_SIZE];
        readFully(buf, offset);
        stats.recordBlockRead(buf.length);
        return BlockCodec.decode(buf, (int) size, raw, path, offset);
    }

    private void readFully(byte[] buf, long position) {
        if (mapped != null) {
            if (closed) {
                throw new StoreException("SSTable " + path + " is closed");
            }
            if (position < 0 || position + buf.length > fileSize) {
                throw new CorruptionException(path, position, "unexpected end of file reading "
                        + buf.length + " bytes (truncated file?)");
            }
            mapped.get((int) position, buf, 0, buf.length);
            return;
        }
        ByteBuffer bb = ByteBuffer.wrap(buf);
        for (int attempt = 0; ; attempt++) {
            if (closed) {
                throw new StoreException("SSTable " + path + " is closed");
            }
            FileChannel ch = channel;
            try {
                while (bb.hasRemaining()) {
                    if (ch.read(bb, position + bb.position()) < 0) {
                        throw new CorruptionException(path, position, "unexpected end of file reading "
                                + buf.length + " bytes (truncated file?)");
                    }
                }
                return;
            } catch (ClosedByInterruptException e) {
                reopenAfter(ch);
                throw new StoreException("interrupted while reading SSTable " + path, e);
            } catch (ClosedChannelException e) {
                if (closed || attempt >= 3) {
                    throw new StoreException("SSTable " + path + " is closed", e);
                }
                reopenAfter(ch);
            } catch (IOException e) {
                throw new StoreException("cannot read SSTable " + path + " at offset " + position + ": " + e, e);
            }
        }
    }

    /** Replaces a channel the JDK closed because a reader was interrupted. */
    private synchronized void reopenAfter(FileChannel broken) {
        if (closed || channel != broken) {
            return;
        }
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new StoreException("cannot reopen SSTable " + path + ": " + e, e);
        }
    }

    private List<RangeTombstone> decodeRangeTombstones(Block block) {
        List<RangeTombstone> list = new ArrayList<>();
        BlockIterator it = block.iterator(InternalKey.COMPARATOR);
        for (it.seekToFirst(); it.isValid(); it.next()) {
            byte[] k = it.key();
            if (k.length < InternalKey.TRAILER_SIZE || InternalKey.type(k) != InternalKey.TYPE_RANGE_DELETION) {
                throw block.corruption("range-deletion block entry " + Bytes.toDisplay(k)
                        + " is not a range tombstone");
            }
            list.add(new RangeTombstone(InternalKey.userKey(k), it.value(), InternalKey.sequence(k)));
        }
        return Collections.unmodifiableList(list);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing more to do for a read-only channel
        }
    }
}
