package dev.lodedb.storage.sstable;

import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.util.Coding;
import dev.lodedb.storage.util.InternalKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes one SSTable, after LevelDB's {@code table/table_builder.cc}. Layout of the file:
 *
 * <pre>
 * [data block 1] ... [data block N]      entries in internal-key order, cut at blockSize
 * [filter block]                          whole-file Bloom filter of user keys (optional)
 * [range-deletion block]                  range tombstones (only if any)
 * [properties block]
 * [metaindex block]                       name -> handle of the three blocks above
 * [index block]                           separator key -> handle of each data block
 * [footer]                                64 bytes, see {@link Footer}
 * </pre>
 *
 * Every block is followed by its 5-byte trailer (see {@code docs/storage/sstable.md}).
 *
 * <p>Index keys are short separators: for a block whose last key is {@code a} followed by a
 * block whose first key is {@code b}, the index key {@code k} satisfies {@code a <= k < b}, built
 * by LevelDB's {@code FindShortestSeparator} on the user keys (and {@code FindShortSuccessor}
 * after the last block); when the user key got shorter its trailer is
 * {@code (MAX_SEQUENCE, TYPE_FOR_SEEK)} so that it sorts before every real entry of that user key.
 *
 * <p>Output is buffered in 256 KiB chunks; the file is written sequentially from position 0 of
 * the channel. {@link #finish()} does not force or close the channel: the caller fsyncs and
 * closes it. Not thread-safe. After an I/O error, {@link #finish()} or {@link #abandon()} the
 * builder refuses further calls.
 */
public final class TableBuilder {
    /** Size in bytes of the write buffer. */
    static final int OUTPUT_BUFFER_SIZE = 256 << 10;
    private static final long SEEK_TRAILER = (InternalKey.MAX_SEQUENCE << 8) | InternalKey.TYPE_FOR_SEEK;

    private final Path path;
    private final FileChannel out;
    private final TableOptions options;
    private final BlockBuilder dataBlock;
    private final BlockBuilder indexBlock = new BlockBuilder(1);
    private final BlockCodec codec = new BlockCodec();
    private final BloomFilter.Builder filter;
    private final List<RangeTombstone> tombstones = new ArrayList<>();
    private final byte[] handleBuf = new byte[BlockHandle.MAX_ENCODED_LENGTH];

    private final byte[] obuf = new byte[OUTPUT_BUFFER_SIZE];
    private int obufLen;
    private long offset;

    private byte[] lastKey = new byte[64];
    private int lastKeyLen;
    private boolean pendingIndexEntry;
    private BlockHandle pendingHandle;

    private long numEntries;
    private long numDeletions;
    private long rawKeySize;
    private long rawValueSize;
    private long dataSize;
    private long numDataBlocks;
    private long smallestSeq = Long.MAX_VALUE;
    private long largestSeq = -1;
    private boolean closed;

    /**
     * @param path the file being written (for error messages)
     * @param out an empty channel open for writing, positioned at 0
     * @param options layout options
     * @throws IllegalArgumentException if the channel is not at position 0
     * @throws StoreException if the channel position cannot be read
     */
    public TableBuilder(Path path, FileChannel out, TableOptions options) {
        this.path = Objects.requireNonNull(path, "path");
        this.out = Objects.requireNonNull(out, "out");
        this.options = Objects.requireNonNull(options, "options");
        try {
            if (out.position() != 0) {
                throw new IllegalArgumentException("channel for " + path + " is at position " + out.position()
                        + ", expected an empty file at 0");
            }
        } catch (IOException e) {
            throw new StoreException("cannot use channel for SSTable " + path + ": " + e.getMessage(), e);
        }
        this.dataBlock = new BlockBuilder(options.restartInterval());
        this.filter = options.bloomBitsPerKey() > 0 ? new BloomFilter.Builder(options.bloomBitsPerKey()) : null;
    }

    /**
     * Appends a point entry (a value or a point deletion).
     *
     * @param internalKey an internal key (user key + 8-byte trailer), strictly greater than the
     *     previous one in {@link InternalKey#COMPARATOR} order; copied
     * @param value the value (empty for deletions); copied
     * @throws IllegalArgumentException if the key is out of order or shorter than 8 bytes
     * @throws IllegalStateException after {@link #finish()}, {@link #abandon()} or a failure
     * @throws StoreException on an I/O error (the builder is then abandoned)
     */
    public void add(byte[] internalKey, byte[] value) {
        checkOpen();
        int klen = internalKey.length;
        if (klen < InternalKey.TRAILER_SIZE) {
            throw new IllegalArgumentException("internal key shorter than 8 bytes: " + Arrays.toString(internalKey));
        }
        if ((long) klen + value.length > BlockCodec.MAX_BLOCK_SIZE / 2) {
            throw new IllegalArgumentException("entry too large for an SSTable block: " + klen + " + "
                    + value.length + " bytes");
        }
        if (numEntries > 0 && BlockIterator.compareInternal(internalKey, 0, klen, lastKey, 0, lastKeyLen) <= 0) {
            throw new IllegalArgumentException("keys out of order in " + path + ": " + InternalKey.toString(internalKey)
                    + " added after " + InternalKey.toString(Arrays.copyOf(lastKey, lastKeyLen)));
        }
        if (pendingIndexEntry) {
            addIndexEntry(shortestSeparator(lastKey, lastKeyLen, internalKey), pendingHandle);
            pendingIndexEntry = false;
        }
        int ukl = klen - InternalKey.TRAILER_SIZE;
        if (filter != null && (numEntries == 0
                || !Arrays.equals(lastKey, 0, lastKeyLen - InternalKey.TRAILER_SIZE, internalKey, 0, ukl))) {
            filter.addKey(internalKey, 0, ukl);
        }
        if (lastKey.length < klen) {
            lastKey = new byte[Math.max(klen, lastKey.length * 2)];
        }
        System.arraycopy(internalKey, 0, lastKey, 0, klen);
        lastKeyLen = klen;

        long trailer = Coding.getLong(internalKey, ukl);
        noteSequence(trailer >>> 8);
        if ((trailer & 0xff) == InternalKey.TYPE_DELETION) {
            numDeletions++;
        }
        numEntries++;
        rawKeySize += klen;
        rawValueSize += value.length;

        dataBlock.add(internalKey, 0, klen, value, 0, value.length);
        if (dataBlock.currentSizeEstimate() >= options.blockSize()) {
            flushDataBlock();
        }
    }

    /**
     * Records a range tombstone deleting user keys in {@code [startUserKey, endUserKey)} below
     * {@code sequence}. May be called in any order relative to {@link #add} and to other
     * tombstones; they are sorted by start internal key when the table is finished.
     *
     * @throws IllegalArgumentException unless {@code startUserKey < endUserKey} and
     *     {@code 0 <= sequence <= MAX_SEQUENCE}
     * @throws IllegalStateException after {@link #finish()}, {@link #abandon()} or a failure
     */
    public void addRangeTombstone(byte[] startUserKey, byte[] endUserKey, long sequence) {
        checkOpen();
        if (Arrays.compareUnsigned(startUserKey, endUserKey) >= 0) {
            throw new IllegalArgumentException("empty range tombstone: start >= end");
        }
        if (sequence < 0 || sequence > InternalKey.MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence out of range: " + sequence);
        }
        tombstones.add(new RangeTombstone(startUserKey.clone(), endUserKey.clone(), sequence));
        noteSequence(sequence);
    }

    /** @return point entries added so far (range tombstones not included) */
    public long numEntries() {
        return numEntries;
    }

    /** @return bytes written or buffered so far plus the size estimate of the open data block */
    public long fileSize() {
        return offset + (dataBlock.isEmpty() ? 0 : dataBlock.currentSizeEstimate());
    }

    /**
     * Writes the last data block, the filter, range-deletion, properties, metaindex and index
     * blocks and the footer, and flushes the write buffer to the channel.
     *
     * @return the file size in bytes
     * @throws IllegalStateException if already finished or abandoned
     * @throws StoreException on an I/O error
     */
    public long finish() {
        checkOpen();
        try {
            flushDataBlock();
            if (pendingIndexEntry) {
                addIndexEntry(shortSuccessor(lastKey, lastKeyLen), pendingHandle);
                pendingIndexEntry = false;
            }
            Map<String, BlockHandle> meta = new LinkedHashMap<>();
            long filterSize = 0;
            if (filter != null) {
                byte[] f = filter.finish();
                BlockHandle h = writeBlock(f, f.length, CompressionType.NONE);
                meta.put(Table.FILTER_BLOCK_NAME, h);
                filterSize = h.size() + BlockCodec.TRAILER_SIZE;
            }
            if (!tombstones.isEmpty()) {
                meta.put(Table.RANGE_DEL_BLOCK_NAME, writeRangeDeletions());
            }
            int ilen = indexBlock.finishInPlace();
            int indexPayload = codec.encode(indexBlock.buffer(), ilen, options.compression());
            byte[] index = Arrays.copyOf(codec.encoded(), codec.encodedLength());

            BlockBuilder pb = new BlockBuilder(1);
            properties(filterSize, index.length).encodeTo(pb);
            meta.put(Table.PROPERTIES_BLOCK_NAME, writeBlock(pb.buffer(), pb.finishInPlace(), CompressionType.NONE));

            BlockBuilder mb = new BlockBuilder(1);
            meta.entrySet().stream()
                    .sorted((a, b) -> Arrays.compareUnsigned(Table.name(a.getKey()), Table.name(b.getKey())))
                    .forEach(e -> mb.add(Table.name(e.getKey()), e.getValue().encode()));
            BlockHandle metaHandle = writeBlock(mb.buffer(), mb.finishInPlace(), CompressionType.NONE);

            BlockHandle indexHandle = new BlockHandle(offset, indexPayload);
            write(index, 0, index.length);
            byte[] footer = new Footer(metaHandle, indexHandle).encode();
            write(footer, 0, footer.length);
            flushOutput();
            return offset;
        } finally {
            closed = true;
            codec.close();
        }
    }

    /**
     * Gives up on the table: buffered output is dropped and further calls are refused. The
     * caller closes the channel and deletes the file. Idempotent.
     */
    public void abandon() {
        closed = true;
        codec.close();
    }

    private TableProperties properties(long filterSize, long indexSize) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(TableProperties.FORMAT_VERSION, Integer.toString(Footer.CURRENT_FORMAT_VERSION));
        p.put(TableProperties.NUM_ENTRIES, Long.toString(numEntries));
        p.put(TableProperties.NUM_DELETIONS, Long.toString(numDeletions));
        p.put(TableProperties.NUM_RANGE_DELETIONS, Long.toString(tombstones.size()));
        p.put(TableProperties.NUM_DATA_BLOCKS, Long.toString(numDataBlocks));
        p.put(TableProperties.RAW_KEY_SIZE, Long.toString(rawKeySize));
        p.put(TableProperties.RAW_VALUE_SIZE, Long.toString(rawValueSize));
        p.put(TableProperties.DATA_SIZE, Long.toString(dataSize));
        p.put(TableProperties.INDEX_SIZE, Long.toString(indexSize));
        p.put(TableProperties.FILTER_SIZE, Long.toString(filterSize));
        p.put(TableProperties.FILTER_POLICY, filter == null ? "" : TableProperties.BLOOM_POLICY_NAME);
        p.put(TableProperties.FILTER_BITS_PER_KEY, Integer.toString(options.bloomBitsPerKey()));
        p.put(TableProperties.COMPRESSION, options.compression().name());
        p.put(TableProperties.BLOCK_SIZE, Integer.toString(options.blockSize()));
        p.put(TableProperties.RESTART_INTERVAL, Integer.toString(options.restartInterval()));
        p.put(TableProperties.SMALLEST_SEQUENCE, Long.toString(largestSeq < 0 ? 0 : smallestSeq));
        p.put(TableProperties.LARGEST_SEQUENCE, Long.toString(Math.max(0, largestSeq)));
        p.put(TableProperties.CREATION_TIME_MS, Long.toString(System.currentTimeMillis()));
        return new TableProperties(p);
    }

    private BlockHandle writeRangeDeletions() {
        int n = tombstones.size();
        byte[][] keys = new byte[n][];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            RangeTombstone t = tombstones.get(i);
            keys[i] = InternalKey.encode(t.start(), t.sequence(), InternalKey.TYPE_RANGE_DELETION);
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> InternalKey.COMPARATOR.compare(keys[a], keys[b]));
        BlockBuilder bb = new BlockBuilder(options.restartInterval());
        for (Integer i : order) {
            bb.add(keys[i], tombstones.get(i).end());
        }
        return writeBlock(bb.buffer(), bb.finishInPlace(), options.compression());
    }

    private void flushDataBlock() {
        if (dataBlock.isEmpty()) {
            return;
        }
        int n = dataBlock.finishInPlace();
        BlockHandle h = writeBlock(dataBlock.buffer(), n, options.compression());
        dataBlock.reset();
        dataSize += h.size() + BlockCodec.TRAILER_SIZE;
        numDataBlocks++;
        pendingIndexEntry = true;
        pendingHandle = h;
    }

    private void addIndexEntry(byte[] key, BlockHandle handle) {
        int n = handle.encodeTo(handleBuf, 0);
        indexBlock.add(key, 0, key.length, handleBuf, 0, n);
    }

    private BlockHandle writeBlock(byte[] raw, int len, CompressionType type) {
        int payload = codec.encode(raw, len, type);
        BlockHandle h = new BlockHandle(offset, payload);
        write(codec.encoded(), 0, codec.encodedLength());
        return h;
    }

    private void write(byte[] b, int off, int len) {
        if (obufLen + len > obuf.length) {
            flushOutput();
        }
        if (len >= obuf.length) {
            writeFully(ByteBuffer.wrap(b, off, len));
        } else {
            System.arraycopy(b, off, obuf, obufLen, len);
            obufLen += len;
        }
        offset += len;
    }

    private void flushOutput() {
        if (obufLen > 0) {
            writeFully(ByteBuffer.wrap(obuf, 0, obufLen));
            obufLen = 0;
        }
    }

    private void writeFully(ByteBuffer bb) {
        try {
            while (bb.hasRemaining()) {
                out.write(bb);
            }
        } catch (IOException e) {
            abandon();
            throw new StoreException("cannot write SSTable " + path + ": " + e.getMessage(), e);
        }
    }

    private void noteSequence(long seq) {
        smallestSeq = Math.min(smallestSeq, seq);
        largestSeq = Math.max(largestSeq, seq);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("table builder for " + path + " is finished or abandoned");
        }
    }

    /**
     * LevelDB's {@code InternalKeyComparator::FindShortestSeparator} with the bytewise
     * {@code FindShortestSeparator} on the user keys.
     *
     * @param start internal key {@code start[0, startLen)}, the last key of a block
     * @param limit internal key, the first key of the next block, {@code > start}
     * @return a new internal key {@code k} with {@code start <= k < limit}
     */
    static byte[] shortestSeparator(byte[] start, int startLen, byte[] limit) {
        int su = startLen - InternalKey.TRAILER_SIZE;
        int lu = limit.length - InternalKey.TRAILER_SIZE;
        int min = Math.min(su, lu);
        int diff = Arrays.mismatch(start, 0, min, limit, 0, min);
        if (diff >= 0 && diff + 1 < su) {
            int b = start[diff] & 0xff;
            if (b < 0xff && b + 1 < (limit[diff] & 0xff)) {
                return seekKey(start, diff, (byte) (b + 1));
            }
        }
        return Arrays.copyOf(start, startLen);
    }

    /**
     * LevelDB's {@code InternalKeyComparator::FindShortSuccessor} with the bytewise
     * {@code FindShortSuccessor}: increments the first byte of the user key that is not 0xff and
     * drops the rest.
     *
     * @return a new internal key {@code k >= key[0, len)}
     */
    static byte[] shortSuccessor(byte[] key, int len) {
        int su = len - InternalKey.TRAILER_SIZE;
        for (int i = 0; i < su; i++) {
            int b = key[i] & 0xff;
            if (b != 0xff) {
                if (i + 1 < su) {
                    return seekKey(key, i, (byte) (b + 1));
                }
                break;
            }
        }
        return Arrays.copyOf(key, len);
    }

    /** @return {@code prefix[0, n) ++ last} with the trailer (MAX_SEQUENCE, TYPE_FOR_SEEK) */
    private static byte[] seekKey(byte[] prefix, int n, byte last) {
        byte[] k = new byte[n + 1 + InternalKey.TRAILER_SIZE];
        System.arraycopy(prefix, 0, k, 0, n);
        k[n] = last;
        Coding.putLong(k, n + 1, SEEK_TRAILER);
        return k;
    }
}
