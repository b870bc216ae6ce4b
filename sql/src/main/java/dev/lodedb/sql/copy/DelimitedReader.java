package dev.lodedb.sql.copy;

import dev.lodedb.engine.SqlException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads PostgreSQL's text and csv COPY formats record by record, as PostgreSQL's
 * {@code CopyReadLine} and {@code CopyReadAttributesText}/{@code CopyReadAttributesCSV} do, over
 * bytes: the line ending (LF, CR or CRLF) is fixed by the first line and a different one later is
 * an error; a line holding only {@code \.} ends the data; a UTF-8 byte order mark at the very start
 * is skipped. The fields of a record are decoded in the file's encoding (UTF8 strictly, or
 * LATIN1); an invalid byte sequence is SQLSTATE 22021.
 *
 * <p>Line numbers are PostgreSQL's: the first line (a header, if any) is line 1, and newlines
 * inside quoted CSV fields count. Memory is one record plus a 64 KiB buffer. Not thread-safe.
 */
public abstract class DelimitedReader {
    private static final int EOL_UNKNOWN = 0;
    private static final int EOL_NL = 1;
    private static final int EOL_CR = 2;
    private static final int EOL_CRNL = 3;

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private int eol = EOL_UNKNOWN;
    private boolean started;
    private boolean ended;
    /** The raw bytes of the current record, without its line ending. */
    protected byte[] line = new byte[256];
    /** The number of bytes in {@link #line}. */
    protected int lineLength;
    private long lineNumber;
    private final CharsetDecoder decoder;
    private final boolean utf8;
    private final String encodingName;
    /** Fields of the current record; {@code null} = NULL. */
    protected String[] fields = new String[16];
    /** Number of fields of the current record. */
    protected int fieldCount;
    /** Field output bytes (after quote and escape processing). */
    protected byte[] scratch = new byte[256];
    private final String source;
    /** The options of the data. */
    protected final CopyOptions options;
    private final byte quote;
    private final byte escape;
    private final boolean csv;

    /**
     * @param in the decompressed bytes
     * @param source the file name (or STDIN) for messages
     * @param options delimiter, NULL string, quote, escape and encoding
     */
    protected DelimitedReader(InputStream in, String source, CopyOptions options) {
        this.in = in;
        this.source = source;
        this.options = options;
        this.csv = options.format() == CopyOptions.Format.CSV;
        this.quote = options.quote();
        // PostgreSQL ignores escape processing in the line reader when it equals the quote
        this.escape = options.escape();
        Charset cs = options.charset();
        this.utf8 = cs.equals(StandardCharsets.UTF_8);
        this.decoder = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.encodingName = options.encodingName();
    }

    /** @return a reader of PostgreSQL's text or csv format, as {@code options} say */
    public static DelimitedReader of(InputStream in, String source, CopyOptions options) {
        return options.format() == CopyOptions.Format.CSV ? new CsvFormatReader(in, source, options)
                : new TextFormatReader(in, source, options);
    }

    /**
     * Reads the next record and splits it into fields.
     *
     * @return whether there was one (false at the end of the input or after a {@code \.} line)
     * @throws SqlException 22P04 for a malformed record (mixed line endings, an unterminated
     *     quoted field), 22021 for bytes invalid in the encoding, 58030 on an I/O error
     */
    public final boolean next() {
        if (ended) {
            return false;
        }
        if (!readLine()) {
            ended = true;
            return false;
        }
        if (lineLength == 2 && line[0] == '\\' && line[1] == '.') {
            ended = true;
            return false;
        }
        fieldCount = 0;
        split();
        return true;
    }

    /**
     * Sets CSV's FORCE_NOT_NULL and FORCE_NULL per field position (the text format has neither:
     * this does nothing there).
     *
     * @param notNull per field: never NULL
     * @param nullIfQuoted per field: a quoted NULL string is NULL too
     */
    public void force(boolean[] notNull, boolean[] nullIfQuoted) {
        // text format: no FORCE options
    }

    /** Splits {@link #line} into {@link #fields}. */
    protected abstract void split();

    /** @return the number of fields of the current record */
    public final int fieldCount() {
        return fieldCount;
    }

    /** @return field {@code i} of the current record, {@code null} for NULL */
    public final String field(int i) {
        return fields[i];
    }

    /** @return the line number of the current record's last line (1-based, the header is line 1) */
    public final long lineNumber() {
        return lineNumber;
    }

    /** @return the number of bytes of the current record, without its line ending */
    public final int recordBytes() {
        return lineLength;
    }

    /** @return the file name or STDIN */
    public final String source() {
        return source;
    }

    /** Appends a field. */
    protected final void addField(String value) {
        if (fieldCount == fields.length) {
            fields = Arrays.copyOf(fields, fieldCount * 2);
        }
        fields[fieldCount++] = value;
    }

    /** @return a 22P04 error about the current line */
    protected final SqlException badFormat(String message, String hint) {
        return new SqlException(ImportInput.BAD_COPY_FILE_FORMAT, message, context(), hint, 0, null);
    }

    /** @return PostgreSQL's CONTEXT for the current line */
    public final String context() {
        return source + ", line " + lineNumber;
    }

    private int read() {
        if (pos < limit) {
            return buf[pos++] & 0xff;
        }
        if (!fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    private int peek() {
        if (pos < limit) {
            return buf[pos] & 0xff;
        }
        if (!fill()) {
            return -1;
        }
        return buf[pos] & 0xff;
    }

    private boolean fill() {
        if (eof) {
            return false;
        }
        try {
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw ImportInput.readError(source, e);
        }
    }

    private void append(int c) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, lineLength * 2);
        }
        line[lineLength++] = (byte) c;
    }

    /** Reads one record's bytes into {@link #line}; false at the end of the input. */
    private boolean readLine() {
        lineLength = 0;
        lineNumber++;
        if (!started) {
            started = true;
            if (utf8 && peek() == 0xef) {
                // skip a UTF-8 byte order mark (EF BB BF) at the very start
                if (pos + 3 <= limit && (buf[pos + 1] & 0xff) == 0xbb && (buf[pos + 2] & 0xff) == 0xbf) {
                    pos += 3;
                }
            }
        }
        boolean inQuote = false;
        boolean lastWasEscape = false;
        int q = quote & 0xff;
        int e = escape == quote ? -1 : escape & 0xff;
        boolean any = false;
        byte qb = quote;
        byte eb = escape;
        for (;;) {
            // fast path: copy the bytes that need no decision in a tight loop: all but line ends and
            // backslashes (text); all but line ends and quotes, and inside quotes escapes (csv)
            int start = pos;
            int p = pos;
            int lim = limit;
            byte[] b = buf;
            if (!csv) {
                while (p < lim) {
                    byte x = b[p];
                    if (x == '\n' || x == '\r' || x == '\\') {
                        break;
                    }
                    p++;
                }
            } else if (!inQuote) {
                while (p < lim) {
                    byte x = b[p];
                    if (x == '\n' || x == '\r' || x == qb) {
                        break;
                    }
                    p++;
                }
            } else {
                while (p < lim) {
                    byte x = b[p];
                    if (x == '\n' || x == '\r' || x == qb || x == eb) {
                        break;
                    }
                    p++;
                }
            }
            if (p > start) {
                int n = p - start;
                if (lineLength + n > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
                }
                System.arraycopy(b, start, line, lineLength, n);
                lineLength += n;
                pos = p;
                any = true;
                lastWasEscape = false;
            }
            int c = read();
            if (c < 0) {
                if (inQuote) {
                    throw badFormat("unterminated CSV quoted field", null);
                }
                return any;
            }
            any = true;
            if (csv) {
                if (inQuote && c == e) {
                    lastWasEscape = !lastWasEscape;
                }
                if (c == q && !lastWasEscape) {
                    inQuote = !inQuote;
                }
                if (c != e) {
                    lastWasEscape = false;
                }
                if (inQuote) {
                    if (c == (eol == EOL_CR || eol == EOL_CRNL ? '\r' : '\n')) {
                        lineNumber++;
                    }
                    append(c);
                    continue;
                }
            } else if (c == '\\') {
                append(c);
                int c2 = read();
                if (c2 < 0) {
                    return true;
                }
                append(c2);
                continue;
            }
            if (c == '\r') {
                if (eol == EOL_UNKNOWN || eol == EOL_CRNL) {
                    if (peek() == '\n') {
                        pos++;
                        eol = EOL_CRNL;
                        return true;
                    }
                    if (eol == EOL_CRNL) {
                        throw badFormat(csv ? "unquoted carriage return found in data"
                                : "literal carriage return found in data", csv
                                ? "Use quoted CSV field to represent carriage return."
                                : "Use \"\\r\" to represent carriage return.");
                    }
                    eol = EOL_CR;
                    return true;
                }
                if (eol == EOL_CR) {
                    return true;
                }
                throw badFormat(csv ? "unquoted carriage return found in data" : "literal carriage return found in data",
                        csv ? "Use quoted CSV field to represent carriage return."
                                : "Use \"\\r\" to represent carriage return.");
            }
            if (c == '\n') {
                if (eol == EOL_UNKNOWN) {
                    eol = EOL_NL;
                    return true;
                }
                if (eol == EOL_NL) {
                    return true;
                }
                throw badFormat(csv ? "unquoted newline found in data" : "literal newline found in data",
                        csv ? "Use quoted CSV field to represent newline." : "Use \"\\n\" to represent newline.");
            }
            append(c);
        }
    }

    /** Makes sure {@link #scratch} holds {@code n} bytes. */
    protected final void ensureScratch(int n) {
        if (scratch.length < n) {
            scratch = Arrays.copyOf(scratch, Math.max(n, scratch.length * 2));
        }
    }

    /**
     * Decodes bytes in the file's encoding.
     *
     * @throws SqlException 22021 {@code invalid byte sequence for encoding "UTF8": 0x..}
     */
    protected final String decode(byte[] b, int off, int len) {
        if (!utf8) {
            return new String(b, off, len, options.charset());
        }
        // The JDK's decoder replaces malformed input with U+FFFD; without one in the result the
        // input was valid UTF-8 and the string is the strict decoding (ASCII takes the JDK's
        // vectorized path, and a Latin-1-coded string answers indexOf(U+FFFD) at once).
        String lenient = new String(b, off, len, StandardCharsets.UTF_8);
        if (lenient.indexOf('\uFFFD') < 0) {
            return lenient;
        }
        try {
            decoder.reset();
            CharBuffer out = CharBuffer.allocate(len);
            ByteBuffer inb = ByteBuffer.wrap(b, off, len);
            CoderResult r = decoder.decode(inb, out, true);
            if (r.isError()) {
                int at = inb.position();
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < Math.max(1, r.length()) && at + i < off + len; i++) {
                    sb.append(i > 0 ? " " : "").append(String.format("0x%02x", b[at + i] & 0xff));
                }
                throw new SqlException(SqlException.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \""
                        + encodingName + "\": " + sb, context(), null, 0, null);
            }
            decoder.flush(out);
            out.flip();
            return out.toString();
        } catch (IllegalStateException e) {
            throw new SqlException(SqlException.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \""
                    + encodingName + "\"", context(), null, 0, null);
        }
    }

    /** @return whether the raw bytes {@code b[off..off+len)} equal the NULL string */
    protected final boolean isNullString(byte[] b, int off, int len, byte[] nullBytes) {
        if (len != nullBytes.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[off + i] != nullBytes[i]) {
                return false;
            }
        }
        return true;
    }
}
