package dev.lodedb.sql.copy;

import java.io.InputStream;

/**
 * PostgreSQL's csv COPY format ({@code CopyReadAttributesCSV}). A quote character anywhere in a
 * field starts a quoted section that runs to the next unescaped quote (so {@code a"b,c"d} is the
 * one field {@code ab,cd}); inside it, the escape character (the quote by default) before a quote
 * or escape character stands for that character. A field is NULL when its raw text, with no quote
 * in it, equals the NULL string (empty by default): an unquoted empty field is NULL, a quoted
 * empty string {@code ""} is the empty string. FORCE_NOT_NULL columns never read as NULL;
 * FORCE_NULL columns also read a quoted NULL string as NULL.
 *
 * <p>Why not FastCSV here: it follows RFC 4180 — quotes only around a whole field, the quote
 * doubled as the only escape — and has no notion of PostgreSQL's NULL string, {@code \.} end
 * marker or line-ending consistency; COPY must read what PostgreSQL reads, byte for byte.
 * ({@code read_csv} uses FastCSV.) Not thread-safe.
 */
final class CsvFormatReader extends DelimitedReader {
    private final byte delimiter;
    private final byte quote;
    private final byte escape;
    private final byte[] nullBytes;
    private boolean[] forceNotNull = new boolean[0];
    private boolean[] forceNull = new boolean[0];

    CsvFormatReader(InputStream in, String source, CopyOptions options) {
        super(in, source, options);
        this.delimiter = options.delimiter();
        this.quote = options.quote();
        this.escape = options.escape();
        this.nullBytes = options.nullString().getBytes(options.charset());
    }

    @Override
    public void force(boolean[] notNull, boolean[] nullIfQuoted) {
        this.forceNotNull = notNull;
        this.forceNull = nullIfQuoted;
    }

    @Override
    protected void split() {
        byte[] b = line;
        int n = lineLength;
        int p = 0;
        ensureScratch(n);
        for (;;) {
            int start = p;
            // fast path: a field without quotes is its raw bytes
            while (p < n && b[p] != delimiter && b[p] != quote) {
                p++;
            }
            if (p >= n || b[p] == delimiter) {
                int field = fieldCount;
                boolean notNull = field < forceNotNull.length && forceNotNull[field];
                addField(!notNull && isNullString(b, start, p - start, nullBytes) ? null : decode(b, start, p - start));
                if (p >= n) {
                    return;
                }
                p++; // the delimiter
                continue;
            }
            p = start;
            int out = 0;
            boolean sawQuote = false;
            boolean inQuote = false;
            while (p < n) {
                byte c = b[p];
                if (!inQuote) {
                    if (c == delimiter) {
                        break;
                    }
                    if (c == quote) {
                        sawQuote = true;
                        inQuote = true;
                        p++;
                        continue;
                    }
                    scratch[out++] = c;
                    p++;
                    continue;
                }
                if (c == escape && p + 1 < n && (b[p + 1] == escape || b[p + 1] == quote)) {
                    scratch[out++] = b[p + 1];
                    p += 2;
                    continue;
                }
                if (c == quote) {
                    inQuote = false;
                    p++;
                    continue;
                }
                scratch[out++] = c;
                p++;
            }
            if (inQuote) {
                throw badFormat("unterminated CSV quoted field", null);
            }
            int field = fieldCount;
            boolean notNull = field < forceNotNull.length && forceNotNull[field];
            if (!sawQuote && !notNull && isNullString(b, start, p - start, nullBytes)) {
                addField(null);
            } else if (sawQuote && field < forceNull.length && forceNull[field]
                    && isNullString(scratch, 0, out, nullBytes)) {
                addField(null);
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
