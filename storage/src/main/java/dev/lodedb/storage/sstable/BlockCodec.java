package dev.lodedb.storage.sstable;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;
import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.util.Checksums;
import dev.lodedb.storage.util.Coding;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * On-disk form of a block: per-block compression and the 5-byte trailer, as in LevelDB's
 * {@code table/format.cc}.
 *
 * <pre>
 * block on disk:  payload[size] | type uint8 | masked_crc32c uint32 LE
 * payload:        type NONE:      the block contents
 *                 type LZ4, ZSTD: uncompressed_length varint32 | compressed bytes
 * crc:            Checksums.mask(CRC32C(payload[size] ++ type))
 * </pre>
 *
 * <p>A block is stored uncompressed when compression saves less than 12.5% (LevelDB's rule:
 * keep the compressed form only if {@code compressed < raw - raw/8}).
 *
 * <p>An instance is the writer side: it owns scratch buffers and a Zstd context, so it is not
 * thread-safe (one per {@link TableBuilder}) and must be {@link #close() closed}. The static
 * {@link #decode} is the reader side and is thread-safe.
 */
final class BlockCodec implements AutoCloseable {
    /** Size in bytes of the block trailer: 1 type byte + 4 checksum bytes. */
    static final int TRAILER_SIZE = 5;
    /** Zstandard level used for {@link CompressionType#ZSTD} (the library's default). */
    static final int ZSTD_LEVEL = 3;
    /** Largest uncompressed block accepted when decoding (guards allocations from bad lengths). */
    static final int MAX_BLOCK_SIZE = 1 << 30;

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final LZ4Compressor LZ4_COMPRESSOR = LZ4.fastCompressor();
    private static final LZ4SafeDecompressor LZ4_DECOMPRESSOR = LZ4.safeDecompressor();

    private final CRC32C crc = new CRC32C();
    private ZstdCompressCtx zstd;
    private byte[] scratch = new byte[8192];
    private int encodedLength;

    /**
     * Encodes {@code raw[0, len)} as an on-disk block (payload followed by trailer) into
     * {@link #encoded()}{@code [0, }{@link #encodedLength()}{@code )}.
     *
     * @param raw the block contents
     * @param len their length in bytes
     * @param type the requested compression; NONE is used instead if it saves under 12.5%
     * @return the payload size in bytes (the {@link BlockHandle#size()} of the block)
     */
    int encode(byte[] raw, int len, CompressionType type) {
        int payload = -1;
        CompressionType used = CompressionType.NONE;
        if (type == CompressionType.LZ4) {
            int max = LZ4_COMPRESSOR.maxCompressedLength(len);
            ensureScratch(5 + max + TRAILER_SIZE);
            int p = Coding.putVarint32(scratch, 0, len);
            payload = p + LZ4_COMPRESSOR.compress(raw, 0, len, scratch, p, max);
            used = CompressionType.LZ4;
        } else if (type == CompressionType.ZSTD) {
            int max = (int) Zstd.compressBound(len);
            ensureScratch(5 + max + TRAILER_SIZE);
            int p = Coding.putVarint32(scratch, 0, len);
            if (zstd == null) {
                zstd = new ZstdCompressCtx().setLevel(ZSTD_LEVEL);
            }
            try {
                payload = p + zstd.compressByteArray(scratch, p, max, raw, 0, len);
            } catch (ZstdException e) {
                throw new StoreException("zstd compression failed: " + e.getMessage(), e);
            }
            used = CompressionType.ZSTD;
        }
        if (payload < 0 || payload >= len - len / 8) {
            ensureScratch(len + TRAILER_SIZE);
            System.arraycopy(raw, 0, scratch, 0, len);
            payload = len;
            used = CompressionType.NONE;
        }
        scratch[payload] = (byte) used.id();
        crc.reset();
        crc.update(scratch, 0, payload + 1);
        Coding.putInt(scratch, payload + 1, Checksums.mask((int) crc.getValue()));
        encodedLength = payload + TRAILER_SIZE;
        return payload;
    }

    /** @return the buffer holding the last {@link #encode} result at index 0 */
    byte[] encoded() {
        return scratch;
    }

    /** @return length in bytes of the last {@link #encode} result, trailer included */
    int encodedLength() {
        return encodedLength;
    }

    /** Frees the native Zstd context, if any. Idempotent. */
    @Override
    public void close() {
        if (zstd != null) {
            zstd.close();
            zstd = null;
        }
    }

    private void ensureScratch(int n) {
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
    }

    /**
     * Verifies and decodes a block read from disk.
     *
     * @param onDisk array holding {@code payload[size] | trailer[5]} at index 0
     * @param size the payload size from the block handle
     * @param raw whether the contents are opaque (filter) rather than entries with restarts
     * @param file file the block was read from (for errors)
     * @param offset the block's offset in {@code file} (for errors)
     * @return the decoded block; uncompressed blocks reuse {@code onDisk} without copying
     * @throws CorruptionException "block checksum mismatch" if the CRC does not match, or if
     *     the payload does not decompress to its recorded length, or the compression type is
     *     unknown
     */
    static Block decode(byte[] onDisk, int size, boolean raw, Path file, long offset) {
        int stored = Checksums.unmask(Coding.getInt(onDisk, size + 1));
        int actual = Checksums.crc32c(onDisk, 0, size + 1);
        if (stored != actual) {
            throw new CorruptionException(file, offset, "block checksum mismatch");
        }
        int typeId = onDisk[size] & 0xff;
        CompressionType type = CompressionType.fromId(typeId);
        if (type == null) {
            throw new CorruptionException(file, offset, "unknown block compression type " + typeId
                    + " (known: 0=NONE, 1=LZ4, 2=ZSTD); written by a newer LodeDB?");
        }
        byte[] contents;
        int length;
        if (type == CompressionType.NONE) {
            contents = onDisk;
            length = size;
        } else {
            long r = Coding.getVarint32(onDisk, 0, size);
            int ulen = r < 0 ? -1 : (int) (r >>> 32);
            if (ulen < 0 || ulen > MAX_BLOCK_SIZE) {
                throw new CorruptionException(file, offset, "bad uncompressed length in " + type + " block");
            }
            int p = (int) r;
            contents = new byte[ulen];
            length = ulen;
            int n;
            if (type == CompressionType.LZ4) {
                try {
                    n = LZ4_DECOMPRESSOR.decompress(onDisk, p, size - p, contents, 0, ulen);
                } catch (LZ4Exception e) {
                    throw new CorruptionException(file, offset, "LZ4 block does not decompress: " + e.getMessage());
                }
            } else {
                long z;
                try {
                    z = Zstd.decompressByteArray(contents, 0, ulen, onDisk, p, size - p);
                } catch (ZstdException e) {
                    throw new CorruptionException(file, offset, "ZSTD block does not decompress: " + e.getMessage());
                }
                if (Zstd.isError(z)) {
                    throw new CorruptionException(file, offset,
                            "ZSTD block does not decompress: " + Zstd.getErrorName(z));
                }
                n = (int) z;
            }
            if (n != ulen) {
                throw new CorruptionException(file, offset, type + " block decompressed to " + n
                        + " bytes, expected " + ulen);
            }
        }
        return raw ? Block.raw(contents, length, file, offset) : new Block(contents, length, file, offset);
    }

    /**
     * Verifies and decodes a block straight out of a memory-mapped table file, without first
     * copying the on-disk bytes into a heap array: the CRC is computed over the mapping and LZ4
     * decompresses from it directly (Zstd and uncompressed blocks take one copy).
     *
     * @param map the whole file, mapped read-only (shared; only absolute reads are used)
     * @param pos the block's offset in the file
     * @param size the payload size from the block handle
     * @see #decode(byte[], int, boolean, Path, long)
     */
    static Block decode(java.nio.ByteBuffer map, int pos, int size, boolean raw, Path file, long offset) {
        int t = pos + size;
        if ((map.get(t) & 0xff) != CompressionType.LZ4.id()) {
            // one bulk copy (a relative get: JDK 17's absolute bulk get copies byte by byte), then
            // the array path verifies and decodes it in place
            byte[] onDisk = new byte[size + TRAILER_SIZE];
            map.slice(pos, onDisk.length).get(onDisk);
            return decode(onDisk, size, raw, file, offset);
        }
        int storedMasked = (map.get(t + 1) & 0xff) | (map.get(t + 2) & 0xff) << 8 | (map.get(t + 3) & 0xff) << 16
                | (map.get(t + 4) & 0xff) << 24;
        CRC32C c = new CRC32C();
        c.update(map.slice(pos, size + 1));
        if (Checksums.unmask(storedMasked) != (int) c.getValue()) {
            throw new CorruptionException(file, offset, "block checksum mismatch");
        }
        byte[] header = new byte[Math.min(5, size)];
        map.slice(pos, header.length).get(header);
        long r = Coding.getVarint32(header, 0, header.length);
        int ulen = r < 0 ? -1 : (int) (r >>> 32);
        if (ulen < 0 || ulen > MAX_BLOCK_SIZE) {
            throw new CorruptionException(file, offset, "bad uncompressed length in LZ4 block");
        }
        int p = (int) r;
        byte[] contents = new byte[ulen];
        int n;
        try {
            n = LZ4_DECOMPRESSOR.decompress(map, pos + p, size - p, java.nio.ByteBuffer.wrap(contents), 0, ulen);
        } catch (LZ4Exception e) {
            throw new CorruptionException(file, offset, "LZ4 block does not decompress: " + e.getMessage());
        }
        if (n != ulen) {
            throw new CorruptionException(file, offset, "LZ4 block decompressed to " + n + " bytes, expected " + ulen);
        }
        return raw ? Block.raw(contents, ulen, file, offset) : new Block(contents, ulen, file, offset);
    }
}
