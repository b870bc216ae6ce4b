package dev.lodedb.sql.copy;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.lodedb.engine.SqlException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * The records of a CSV file for {@code read_csv}, field by field with NULLs resolved: a field is
 * NULL when it was not quoted and equals the NULL string. Parsed by FastCSV (RFC 4180: quotes
 * around whole fields, a doubled quote inside them), whose callback tells which fields were
 * quoted; when the escape character differs from the quote, by PostgreSQL's CSV parser
 * ({@link CsvFormatReader}) instead. Empty lines are skipped. A UTF-8 byte order mark at the start
 * is skipped; bytes invalid in the encoding are SQLSTATE 22021. Not thread-safe.
 */
abstract class CsvRecords implements AutoCloseable {
    /** @return whether there is another record */
    abstract boolean next();

    /** @return the number of fields of the current record */
    abstract int count();

    /** @return field {@code i} of the current record ({@code null} = NULL) */
    abstract String field(int i);

    /** @return the line the current record starts on (1-based) */
    abstract long line();

    @Override
    public abstract void close();

    /**
     * @param in the decompressed bytes
     * @param source the name for messages
     * @param delimiter the field separator
     * @param quote the quote character
     * @param escape the escape character inside quotes
     * @param nullString the text that stands for NULL when unquoted
     * @param charset the encoding
     */
    static CsvRecords open(InputStream in, String source, char delimiter, char quote, char escape, String nullString,
            Charset charset) {
        if (escape != quote) {
            return new Pg(in, source, CopyOptions.csv((byte) delimiter, (byte) quote, (byte) escape, nullString));
        }
        return new Fast(in, source, delimiter, quote, nullString, charset);
    }

    /** FastCSV underneath. */
    private static final class Fast extends CsvRecords {
        private final Handler handler = new Handler();
        private final CloseableIterator<Handler> it;
        private final CsvReader<Handler> reader;
        private final String source;
        private final String nullString;

        Fast(InputStream in, String source, char delimiter, char quote, String nullString, Charset charset) {
            this.source = source;
            this.nullString = nullString;
            Reader r = new InputStreamReader(in, charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
            PushbackReader pr = new PushbackReader(r, 1);
            try {
                int c = pr.read();
                if (c >= 0 && c != '\uFEFF') {
                    pr.unread(c);
                }
            } catch (IOException e) {
                throw error(e, 1);
            }
            reader = CsvReader.builder().fieldSeparator(delimiter).quoteCharacter(quote).skipEmptyLines(true)
                    .extraFieldStrategy(FieldMismatchStrategy.IGNORE).missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                    .build(handler, pr);
            it = reader.iterator();
        }

        @Override
        boolean next() {
            try {
                if (!it.hasNext()) {
                    return false;
                }
                it.next();
                return true;
            } catch (UncheckedIOException e) {
                throw error(e.getCause(), handler.line);
            } catch (CsvParseException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw error(io, handler.line);
                }
                throw new SqlException(ImportInput.BAD_COPY_FILE_FORMAT, "malformed CSV: " + e.getMessage(),
                        source + ", line " + handler.line, null, 0, null);
            }
        }

        private SqlException error(IOException e, long line) {
            if (e instanceof CharacterCodingException) {
                return new SqlException(SqlException.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \""
                        + "UTF8\"", source + ", near line " + line, null, 0, null);
            }
            return ImportInput.readError(source, e);
        }

        @Override
        int count() {
            return handler.count;
        }

        @Override
        String field(int i) {
            String s = handler.fields[i];
            return !handler.quoted[i] && s.equals(nullString) ? null : s;
        }

        @Override
        long line() {
            return handler.line;
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                // reading is over; nothing was written
            }
        }
    }

    /** Collects the fields of one record and whether each was quoted; the record is the handler itself. */
    private static final class Handler extends AbstractBaseCsvCallbackHandler<Handler> {
        String[] fields = new String[16];
        boolean[] quoted = new boolean[16];
        int count;
        long line;

        @Override
        protected void handleBegin(long startingLineNumber) {
            count = 0;
            line = startingLineNumber;
        }

        @Override
        protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean isQuoted) {
            if (count == fields.length) {
                fields = Arrays.copyOf(fields, count * 2);
                quoted = Arrays.copyOf(quoted, count * 2);
            }
            fields[count] = new String(buf, offset, len);
            quoted[count] = isQuoted;
            count++;
        }

        @Override
        protected Handler buildRecord() {
            return this;
        }
    }

    /** PostgreSQL's CSV parser underneath (an escape character other than the quote). */
    private static final class Pg extends CsvRecords {
        private final DelimitedReader reader;

        Pg(InputStream in, String source, CopyOptions options) {
            reader = DelimitedReader.of(in, source, options);
        }

        @Override
        boolean next() {
            while (reader.next()) {
                if (!(reader.fieldCount() == 1 && (reader.field(0) == null || reader.field(0).isEmpty()))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        int count() {
            return reader.fieldCount();
        }

        @Override
        String field(int i) {
            return reader.field(i);
        }

        @Override
        long line() {
            return reader.lineNumber();
        }

        @Override
        public void close() {
            // the caller closes the input
        }
    }
}
