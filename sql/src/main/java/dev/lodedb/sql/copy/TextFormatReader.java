package dev.lodedb.sql.copy;

import java.io.InputStream;

/**
 * PostgreSQL's text COPY format ({@code CopyReadAttributesText}): fields separated by the
 * delimiter (a tab by default); a field whose raw text equals the NULL string ({@code \N} by
 * default) is NULL; backslash escapes {@code \b \f \n \r \t \v}, octal {@code \ooo}, hex
 * {@code \xhh}, and a backslash before any other character (the delimiter, a backslash) stands
 * for that character. Not thread-safe.
 */
final class TextFormatReader extends DelimitedReader {
    private final byte delimiter;
    private final byte[] nullBytes;

    TextFormatReader(InputStream in, String source, CopyOptions options) {
        super(in, source, options);
        this.delimiter = options.delimiter();
        this.nullBytes = options.nullString().getBytes(options.charset());
    }

    @Override
    protected void split() {
        byte[] b = line;
        int n = lineLength;
        int p = 0;
        for (;;) {
            int start = p;
            ensureScratch(n);
            int out = 0;
            boolean escaped = false;
            while (p < n) {
                byte c = b[p];
                if (c == delimiter) {
                    break;
                }
                if (c == '\\' && p + 1 < n) {
                    escaped = true;
                    p++;
                    c = b[p];
                    switch (c) {
                        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                            int v = c - '0';
                            if (p + 1 < n && b[p + 1] >= '0' && b[p + 1] <= '7') {
                                v = (v << 3) + (b[++p] - '0');
                                if (p + 1 < n && b[p + 1] >= '0' && b[p + 1] <= '7') {
                                    v = (v << 3) + (b[++p] - '0');
                                }
                            }
                            c = (byte) (v & 0xff);
                        }
                        case 'x' -> {
                            int d = p + 1 < n ? Character.digit(b[p + 1], 16) : -1;
                            if (d >= 0) {
                                p++;
                                int v = d;
                                int d2 = p + 1 < n ? Character.digit(b[p + 1], 16) : -1;
                                if (d2 >= 0) {
                                    p++;
                                    v = (v << 4) + d2;
                                }
                                c = (byte) v;
                            }
                        }
                        case 'b' -> c = '\b';
                        case 'f' -> c = '\f';
                        case 'n' -> c = '\n';
                        case 'r' -> c = '\r';
                        case 't' -> c = '\t';
                        case 'v' -> c = 0x0b;
                        default -> {
                            // any other character stands for itself
                        }
                    }
                }
                scratch[out++] = c;
                p++;
            }
            if (isNullString(b, start, p - start, nullBytes)) {
                addField(null);
            } else if (!escaped) {
                addField(decode(b, start, p - start));
            } else {
                addField(decode(scratch, 0, out));
            }
            if (p >= n) {
                return;
            }
            p++; // the delimiter
        }
    }
}
