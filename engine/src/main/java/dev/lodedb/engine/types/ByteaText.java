package dev.lodedb.engine.types;

import dev.lodedb.engine.SqlException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text input and output of {@code bytea} as PostgreSQL's {@code byteain}/{@code byteaout} with
 * the default {@code bytea_output = hex}: output is {@code \x} followed by two lower-case hex
 * digits per byte; input is either that hex format (whitespace allowed between digit pairs) or
 * the traditional escape format ({@code \\} for a backslash, {@code \ooo} octal for any byte,
 * every other character as its UTF-8 bytes).
 *
 * <p>Stateless and thread-safe.
 */
final class ByteaText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ByteaText() {
    }

    static String format(byte[] b) {
        char[] out = new char[2 + 2 * b.length];
        out[0] = '\\';
        out[1] = 'x';
        for (int i = 0; i < b.length; i++) {
            out[2 + 2 * i] = HEX[(b[i] >> 4) & 0xf];
            out[3 + 2 * i] = HEX[b[i] & 0xf];
        }
        return new String(out);
    }

    static byte[] parse(String text) {
        if (text.startsWith("\\x") || text.startsWith("\\X")) {
            return hex(text);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '\\') {
                int j = i;
                while (j < text.length() && text.charAt(j) != '\\') {
                    j++;
                }
                out.writeBytes(text.substring(i, j).getBytes(StandardCharsets.UTF_8));
                i = j;
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                out.write('\\');
                i += 2;
            } else if (isOctal(text, i + 1, '3')
                    && isOctal(text, i + 2, '7') && isOctal(text, i + 3, '7')) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 4), 8));
                i += 4;
            } else {
                throw new SqlException(SqlException.INVALID_TEXT_REPRESENTATION,
                        "invalid input syntax for type bytea");
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(String s, int i, char max) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= max;
    }

    private static byte[] hex(String text) {
        byte[] out = new byte[(text.length() - 2) / 2];
        int n = 0;
        int i = 2;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            int hi = digit(c);
            if (i + 1 >= text.length()) {
                throw new SqlException(SqlException.INVALID_PARAMETER_VALUE,
                        "invalid hexadecimal data: odd number of digits");
            }
            int lo = digit(text.charAt(i + 1));
            out[n++] = (byte) ((hi << 4) | lo);
            i += 2;
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    private static int digit(char c) {
        int d = Character.digit(c, 16);
        if (d < 0 || c > 127) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE,
                    "invalid hexadecimal digit: \"" + c + "\"");
        }
        return d;
    }
}
