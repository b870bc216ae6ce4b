package dev.lodedb.storage.util;

import java.util.zip.CRC32C;

/**
 * CRC32C (Castagnoli) checksums as stored in LodeDB files, with LevelDB's masking
 * ({@code util/crc32c.h}): a stored CRC is rotated and offset so that computing the CRC of a
 * string that itself contains embedded CRCs does not degenerate.
 *
 * <p>Uses {@link java.util.zip.CRC32C}, which the JVM implements with the SSE4.2/ARMv8 CRC
 * instructions. Stateless and thread-safe.
 */
public final class Checksums {
    private static final int MASK_DELTA = 0xa282ead8;

    private Checksums() {
    }

    /** @return the unmasked CRC32C of {@code b[off, off+len)} */
    public static int crc32c(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    /** @return the unmasked CRC32C of the single byte {@code first} followed by {@code b[off, off+len)} */
    public static int crc32c(byte first, byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(first);
        c.update(b, off, len);
        return (int) c.getValue();
    }

    /** @return {@code crc} masked for storage */
    public static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    /** @return the CRC that {@link #mask} turned into {@code masked} */
    public static int unmask(int masked) {
        int rot = masked - MASK_DELTA;
        return (rot >>> 17) | (rot << 15);
    }
}
