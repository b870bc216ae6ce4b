package dev.lodedb.storage.sstable;

import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.util.Checksums;
import dev.lodedb.storage.util.Coding;
import java.nio.file.Path;

/**
 * The fixed 64-byte tail of every SSTable, which locates the metaindex and index blocks.
 *
 * <pre>
 * offset  size  field
 *      0    20  metaindex BlockHandle (varint64 offset, varint64 size), zero-padded
 *     20    20  index BlockHandle, zero-padded
 *     40     4  format version, uint32 LE (currently 1)
 *     44     4  reserved, 0
 *     48     4  masked CRC32C of bytes [0, 48), uint32 LE
 *     52     4  reserved, 0
 *     56     8  magic number 0x4c54535345444f4c, uint64 LE: the ASCII bytes "LODESSTL"
 * </pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param metaindexHandle where the metaindex block is
 * @param indexHandle where the index block is
 * @param formatVersion the table format version
 */
public record Footer(BlockHandle metaindexHandle, BlockHandle indexHandle, int formatVersion) {
    /** Size in bytes of the footer. */
    public static final int ENCODED_LENGTH = 64;
    /** Magic number; stored little-endian it reads "LODESSTL". */
    public static final long MAGIC = 0x4c54535345444f4cL;
    /** Format version written by this code. Every version ever shipped stays readable. */
    public static final int CURRENT_FORMAT_VERSION = 1;

    private static final int VERSION_OFFSET = 40;
    private static final int CRC_OFFSET = 48;
    private static final int MAGIC_OFFSET = 56;

    /** A footer of the {@link #CURRENT_FORMAT_VERSION}. */
    public Footer(BlockHandle metaindexHandle, BlockHandle indexHandle) {
        this(metaindexHandle, indexHandle, CURRENT_FORMAT_VERSION);
    }

    /** @return the 64-byte encoding */
    public byte[] encode() {
        byte[] b = new byte[ENCODED_LENGTH];
        metaindexHandle.encodeTo(b, 0);
        indexHandle.encodeTo(b, BlockHandle.MAX_ENCODED_LENGTH);
        Coding.putInt(b, VERSION_OFFSET, formatVersion);
        Coding.putInt(b, CRC_OFFSET, Checksums.mask(Checksums.crc32c(b, 0, CRC_OFFSET)));
        Coding.putLong(b, MAGIC_OFFSET, MAGIC);
        return b;
    }

    /** @return whether this code can read tables of {@code version} */
    public static boolean isSupported(int version) {
        return version == 1;
    }

    /**
     * Decodes and verifies a footer. Checks, in order: magic, checksum, version, handles.
     *
     * @param b array holding the 64 footer bytes at {@code off}
     * @param off where the footer starts in {@code b}
     * @param file the table file (for errors)
     * @param footerOffset offset of the footer in {@code file} (for errors)
     * @return the footer
     * @throws CorruptionException "not an SSTable" on a bad magic number, "footer checksum
     *     mismatch" on a bad CRC, or on malformed handles
     * @throws StoreException "unsupported SSTable format version N in PATH" on an unknown version
     */
    public static Footer decode(byte[] b, int off, Path file, long footerOffset) {
        long magic = Coding.getLong(b, off + MAGIC_OFFSET);
        if (magic != MAGIC) {
            throw new CorruptionException(file, footerOffset + MAGIC_OFFSET, String.format(
                    "not an SSTable (bad magic number 0x%016x, expected 0x%016x)", magic, MAGIC));
        }
        int stored = Checksums.unmask(Coding.getInt(b, off + CRC_OFFSET));
        if (stored != Checksums.crc32c(b, off, CRC_OFFSET)) {
            throw new CorruptionException(file, footerOffset, "footer checksum mismatch");
        }
        int version = Coding.getInt(b, off + VERSION_OFFSET);
        if (!isSupported(version)) {
            throw new StoreException("unsupported SSTable format version " + Integer.toUnsignedString(version)
                    + " in " + file);
        }
        try {
            BlockHandle meta = BlockHandle.decode(b, off, off + BlockHandle.MAX_ENCODED_LENGTH);
            BlockHandle index = BlockHandle.decode(b, off + BlockHandle.MAX_ENCODED_LENGTH,
                    off + 2 * BlockHandle.MAX_ENCODED_LENGTH);
            return new Footer(meta, index, version);
        } catch (IllegalArgumentException e) {
            throw new CorruptionException(file, footerOffset, "bad block handle in footer");
        }
    }
}
