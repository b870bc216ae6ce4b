package dev.lodedb.storage.sstable;

import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.util.Coding;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * The decoded (uncompressed, checksum-verified) contents of one SSTable block, in the format
 * written by {@link BlockBuilder}: prefix-compressed entries, then the restart array
 * ({@code uint32 LE} offsets), then {@code num_restarts} ({@code uint32 LE}).
 *
 * <p>A block may also be <em>raw</em> ({@link #raw}): opaque bytes with no entry structure, used
 * for the filter block so that it can live in the {@link BlockCache} like any other block.
 *
 * <p>Immutable and thread-safe once constructed: the constructor takes ownership of the array,
 * which nobody may modify afterwards. Any number of {@link BlockIterator}s may read one block
 * concurrently (each iterator is single-threaded).
 */
public final class Block {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] data;
    private final int length;
    private final int restartOffset;
    private final int numRestarts;
    private final Path file;
    private final long fileOffset;

    /**
     * Wraps in-memory block contents (not read from a file).
     *
     * @param contents block bytes, owned by the block from now on
     * @throws CorruptionException if the restart array is malformed
     */
    public Block(byte[] contents) {
        this(contents, contents.length, null, -1);
    }

    /**
     * Wraps block contents {@code contents[0, length)} read from {@code file} at {@code fileOffset};
     * the location is only used in error messages.
     *
     * @param contents array holding the block at index 0, owned by the block from now on
     * @param length size of the block contents in bytes, {@code <= contents.length}
     * @param file the file the block came from, or {@code null}
     * @param fileOffset byte offset of the block in {@code file}, or -1
     * @throws CorruptionException (naming {@code file} and {@code fileOffset}) if the restart
     *     array is malformed
     */
    public Block(byte[] contents, int length, Path file, long fileOffset) {
        this.data = contents;
        this.length = length;
        this.file = file;
        this.fileOffset = fileOffset;
        if (length < 4 || length > contents.length) {
            throw new CorruptionException(file, fileOffset, "block too short (" + length + " bytes)");
        }
        int n = Coding.getInt(contents, length - 4);
        int maxRestarts = (length - 4) / 4;
        if (n < 0 || n > maxRestarts) {
            throw new CorruptionException(file, fileOffset, "bad restart count " + Integer.toUnsignedString(n));
        }
        this.numRestarts = n;
        this.restartOffset = length - 4 - 4 * n;
        for (int i = 0; i < n; i++) {
            int r = Coding.getInt(contents, restartOffset + 4 * i);
            if (r < 0 || r > restartOffset) {
                throw new CorruptionException(file, fileOffset, "restart point " + i + " out of range");
            }
        }
    }

    private Block(byte[] contents, int length, Path file, long fileOffset, boolean raw) {
        this.data = contents;
        this.length = length;
        this.file = file;
        this.fileOffset = fileOffset;
        this.numRestarts = -1;
        this.restartOffset = 0;
    }

    /**
     * Wraps opaque bytes (e.g. a filter) so that they can be cached like a block. A raw block has
     * no entries; {@link #iterator} throws on it.
     *
     * @param contents array holding the bytes at index 0, owned by the block from now on
     * @param length number of bytes
     * @param file the source file or {@code null}
     * @param fileOffset the offset in {@code file} or -1
     * @return the raw block
     */
    static Block raw(byte[] contents, int length, Path file, long fileOffset) {
        return new Block(contents, length, file, fileOffset, true);
    }

    /** @return size in bytes of the block contents (what the block cache charges, plus overhead) */
    public int size() {
        return length;
    }

    /** @return number of restart points, or -1 for a raw block */
    public int numRestarts() {
        return numRestarts;
    }

    /** @return the file this block was read from, or {@code null} */
    public Path file() {
        return file;
    }

    /** @return byte offset of the block in {@link #file()}, or -1 */
    public long fileOffset() {
        return fileOffset;
    }

    /**
     * Creates a cursor over the entries. Comparators recognised by identity
     * ({@link dev.lodedb.storage.util.InternalKey#COMPARATOR} and
     * {@link dev.lodedb.storage.util.InternalKey#USER_COMPARATOR}) are evaluated in place on the
     * block bytes without copying keys; any other comparator works but copies each compared key.
     *
     * @param comparator the order the keys were added in
     * @return a new, unpositioned iterator (not thread-safe)
     * @throws IllegalStateException on a raw block
     */
    public BlockIterator iterator(Comparator<byte[]> comparator) {
        if (numRestarts < 0) {
            throw new IllegalStateException("raw block has no entries");
        }
        return new BlockIterator(this, comparator);
    }

    /** @return whether this block is opaque bytes without entries */
    boolean isRaw() {
        return numRestarts < 0;
    }

    /** @return the backing array; the block occupies {@code [0, size())} */
    byte[] data() {
        return data;
    }

    /** @return offset of the restart array = end of the entries */
    int restartOffset() {
        return restartOffset;
    }

    /** @return the offset of restart point {@code i} */
    int restartPoint(int i) {
        return (int) INT_LE.get(data, restartOffset + 4 * i);
    }

    /** @return a corruption error for this block */
    CorruptionException corruption(String reason) {
        return new CorruptionException(file, fileOffset, reason);
    }
}
