package dev.lodedb.storage.util;

import java.nio.charset.StandardCharsets;

/**
 * Small helpers over byte strings used in messages and tests. Stateless and thread-safe.
 */
public final class Bytes {
    private Bytes() {
    }

    /** @return the UTF-8 bytes of {@code s} */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Renders bytes for humans: printable ASCII as is, everything else as {@code \xNN}.
     *
     * @return the rendering of {@code b[off, off+len)}
     */
    public static String toDisplay(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }

    /** @return {@link #toDisplay(byte[], int, int)} of the whole array, or "null" */
    public static String toDisplay(byte[] b) {
        return b == null ? "null" : toDisplay(b, 0, b.length);
    }
}
