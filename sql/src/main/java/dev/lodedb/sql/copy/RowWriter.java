package dev.lodedb.sql.copy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the rows of {@code COPY ... TO} in one of the {@link CopyOptions.Format}s. Values arrive
 * as Java objects of their SQL types ({@code engine.types.Values}); NULL is {@code null}.
 * Not thread-safe.
 */
public abstract class RowWriter {
    /** The column names. */
    protected final List<String> names;
    /** The column types. */
    protected final List<DataType> types;
    /** The options. */
    protected final CopyOptions options;
    private final OutputStream out;
    private final CharsetEncoder encoder;
    private final boolean utf8;
    private ByteBuffer bytes = ByteBuffer.allocate(8192);
    /** The text of the row being written. */
    protected final StringBuilder sb = new StringBuilder(256);

    /**
     * @param out where the bytes go (buffered by the caller)
     * @param names the column names
     * @param types the column types
     * @param options format and format options
     */
    protected RowWriter(OutputStream out, List<String> names, List<DataType> types, CopyOptions options) {
        this.out = out;
        this.names = List.copyOf(names);
        this.types = List.copyOf(types);
        this.options = options;
        this.utf8 = options.charset().equals(StandardCharsets.UTF_8);
        this.encoder = options.charset().newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * @return a writer for {@code options.format()}
     */
    public static RowWriter of(OutputStream out, List<String> names, List<DataType> types, CopyOptions options) {
        return switch (options.format()) {
            case TEXT, CSV -> new DelimitedWriter(out, names, types, options);
            case JSON, JSONLINES -> new JsonRowWriter(out, names, types, options);
        };
    }

    /** Writes what precedes the rows (a header line, an opening bracket). */
    public abstract void begin();

    /**
     * Writes one row.
     *
     * @param row one value per column
     * @throws SqlException 22P05 when a character has no equivalent in the target encoding, 58030
     *     on an I/O error
     */
    public abstract void write(Object[] row);

    /** Writes what follows the rows and flushes. */
    public abstract void end();

    /** Encodes and writes {@link #sb}, then clears it. */
    protected final void emit() {
        try {
            if (utf8) {
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            } else {
                encoder.reset();
                CharBuffer in = CharBuffer.wrap(sb);
                if (bytes.capacity() < sb.length() * 2 + 16) {
                    bytes = ByteBuffer.allocate(sb.length() * 2 + 16);
                }
                bytes.clear();
                CoderResult r = encoder.encode(in, bytes, true);
                if (r.isError()) {
                    int cp = Character.codePointAt(sb, in.position());
                    byte[] utf = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                    StringBuilder hex = new StringBuilder();
                    for (byte x : utf) {
                        hex.append(hex.length() > 0 ? " " : "").append(String.format("0x%02x", x & 0xff));
                    }
                    throw new SqlException(SqlException.UNTRANSLATABLE_CHARACTER, "character with byte sequence " + hex
                            + " in encoding \"UTF8\" has no equivalent in encoding \"" + options.encodingName() + "\"");
                }
                encoder.flush(bytes);
                out.write(bytes.array(), 0, bytes.position());
            }
        } catch (IOException e) {
            throw new SqlException(ImportInput.IO_ERROR, "could not write COPY data: " + e.getMessage(), e);
        }
        sb.setLength(0);
    }

    /** Flushes the output. */
    protected final void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new SqlException(ImportInput.IO_ERROR, "could not write COPY data: " + e.getMessage(), e);
        }
    }
}
