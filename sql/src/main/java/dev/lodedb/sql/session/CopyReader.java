package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.copy.CopyOptions;
import dev.lodedb.sql.copy.DelimitedReader;
import dev.lodedb.sql.copy.ImportInput;
import dev.lodedb.sql.copy.JsonRecordReader;
import dev.lodedb.sql.copy.JsonValue;
import dev.lodedb.sql.copy.ReadAhead;
import dev.lodedb.sql.copy.ReadFunctions;
import java.util.ArrayList;
import java.util.List;

/**
 * The reading half of {@code COPY ... FROM}: turns the input's records (text, csv, json or
 * jsonlines) into the values of the COPY column list, converted by each column type's input
 * function, and emits them as {@link Row}s into a {@link ReadAhead} pipeline; it runs on the
 * pipeline's reader thread while {@link CopyFrom} writes the rows on the statement's thread.
 *
 * <p>Errors in the input — a bad value, a missing or extra field, malformed JSON — end the reading
 * with PostgreSQL's SQLSTATE and CONTEXT ({@code COPY city, line 5, column population: "abc"}), and
 * reach the writer after the rows before them. With {@code ON_ERROR ignore} rows whose values do
 * not convert are skipped instead: {@link #skipped()} and {@link #notices()} tell about them, read
 * by the writer once the pipeline is closed.
 *
 * <p>Thread-safety: built on the statement's thread, then used by the reader thread alone until
 * the pipeline is closed; {@link #skipped()}, {@link #notices()} and {@link #context} are for the
 * statement's thread after that ({@code context} also before: it reads only immutable state).
 */
final class CopyReader {
    /** Per-row reasons reported as notices with ON_ERROR ignore, before the summary. */
    static final int MAX_REASONS = 5;

    /**
     * One record read, or a tally of records that produced no row.
     *
     * @param values the values of the COPY column list in its order; {@code null} for a tally
     * @param present per value whether the input supplied it (JSON keys may be missing: the column
     *     then takes its default); {@code null} when all are present
     * @param records records of the input consumed since the previous item, this one included
     *     (skipped rows and the header count), for progress
     * @param record the 1-based record number (JSON) or the line number (text, csv)
     * @param line the line the record starts on (JSON); unused otherwise
     */
    record Row(Object[] values, boolean[] present, int records, long record, long line) {
    }

    private final String tableName;
    private final String source;
    private final List<String> columnNames;
    private final List<DataType> types;
    private final CopyOptions options;
    private final ImportInput input;
    private final boolean json;
    private long skipped;
    private final List<String> notices = new ArrayList<>();
    /** Records consumed since the last emitted item. */
    private int pendingRecords;

    /**
     * @param tableName the table, for messages
     * @param columnNames the names of the COPY column list
     * @param types the types of the COPY column list
     * @param options the COPY options
     * @param input the input, read only by the reader thread once started
     */
    CopyReader(String tableName, List<String> columnNames, List<DataType> types, CopyOptions options,
            ImportInput input) {
        this.tableName = tableName;
        this.source = "COPY " + tableName;
        this.columnNames = columnNames;
        this.types = types;
        this.options = options;
        this.input = input;
        this.json = options.format() == CopyOptions.Format.JSON || options.format() == CopyOptions.Format.JSONLINES;
    }

    /** @return a started pipeline reading the input (close it on every path, before the input) */
    ReadAhead<Row> start() {
        if (json) {
            JsonRecordReader.Layout layout = options.format() == CopyOptions.Format.JSON
                    ? JsonRecordReader.Layout.AUTO : JsonRecordReader.Layout.NEWLINE_DELIMITED;
            JsonRecordReader r = new JsonRecordReader(input.stream(), source, layout);
            boolean[] jsonb = new boolean[types.size()];
            for (int i = 0; i < jsonb.length; i++) {
                jsonb[i] = types.get(i).id() == TypeId.JSONB;
            }
            r.columns(columnNames, jsonb, false);
            return new ReadAhead<>("lode-copy-reader", out -> {
                try (r) {
                    readJson(r, out);
                }
            });
        }
        DelimitedReader r = DelimitedReader.of(input.stream(), source, options);
        if (options.format() == CopyOptions.Format.CSV) {
            boolean[] notNull = new boolean[types.size()];
            boolean[] forceNull = new boolean[types.size()];
            for (int i = 0; i < notNull.length; i++) {
                notNull[i] = options.forceNotNull(columnNames.get(i));
                forceNull[i] = options.forceNull(columnNames.get(i));
            }
            r.force(notNull, forceNull);
        }
        return new ReadAhead<>("lode-copy-reader", out -> readDelimited(r, out));
    }

    /** @return PostgreSQL's CONTEXT line of {@code row} (for errors found when writing it) */
    String context(Row row) {
        return json ? source + ", record " + Math.max(1, row.record()) + " (line " + row.line() + ")"
                : source + ", line " + row.record();
    }

    /** @return rows skipped by ON_ERROR ignore (after the pipeline is closed) */
    long skipped() {
        return skipped;
    }

    /** @return the first {@link #MAX_REASONS} reasons for skipped rows (after the pipeline is closed) */
    List<String> notices() {
        return notices;
    }

    private void readDelimited(DelimitedReader r, ReadAhead.Emitter<Row> out) {
        int n = types.size();
        if (options.header() != CopyOptions.Header.NONE) {
            if (!r.next()) {
                return;
            }
            pendingRecords++;
            if (options.header() == CopyOptions.Header.MATCH) {
                matchHeader(r);
            }
        }
        while (r.next()) {
            countRecord(out);
            int fields = r.fieldCount();
            if (fields < n && n != 0) {
                throw withContext(new SqlException(ImportInput.BAD_COPY_FILE_FORMAT, "missing data for column \""
                        + columnNames.get(fields) + "\""), r.context());
            }
            if (fields > Math.max(1, n) || (n == 0 && (fields > 1 || r.field(0) == null || !r.field(0).isEmpty()))) {
                throw withContext(new SqlException(ImportInput.BAD_COPY_FILE_FORMAT,
                        "extra data after last expected column"), r.context());
            }
            Object[] values = new Object[n];
            boolean ok = true;
            for (int i = 0; i < n; i++) {
                String text = r.field(i);
                if (text == null) {
                    continue;
                }
                try {
                    values[i] = Values.parse(types.get(i), text);
                } catch (SqlException e) {
                    if (!options.ignoreErrors()) {
                        throw withContext(e, r.context() + ", column " + columnNames.get(i) + ": \"" + abbreviate(text)
                                + "\"");
                    }
                    skip(e, "line " + r.lineNumber(), columnNames.get(i));
                    ok = false;
                    break;
                }
            }
            if (ok) {
                out.emit(new Row(values, null, pendingRecords, r.lineNumber(), 0), r.recordBytes());
                pendingRecords = 0;
            }
        }
        tally(out);
    }

    /**
     * Counts a record; after a long run of records that made no row (skipped by ON_ERROR ignore)
     * emits a tally, so that the writer still reports progress and checks for cancellation, and
     * the reader notices a closed pipeline.
     */
    private void countRecord(ReadAhead.Emitter<Row> out) {
        if (++pendingRecords >= ReadAhead.BATCH_ITEMS) {
            tally(out);
            out.flush();
        }
    }

    /** Emits the records consumed since the last row (trailing skipped rows), so that progress counts them. */
    private void tally(ReadAhead.Emitter<Row> out) {
        if (pendingRecords > 0) {
            out.emit(new Row(null, null, pendingRecords, 0, 0), 0);
            pendingRecords = 0;
        }
    }

    private void matchHeader(DelimitedReader r) {
        if (r.fieldCount() != types.size()) {
            throw withContext(new SqlException(ImportInput.BAD_COPY_FILE_FORMAT, "wrong number of fields in header line: "
                    + "got " + r.fieldCount() + ", expected " + types.size()), r.context());
        }
        for (int i = 0; i < types.size(); i++) {
            String expected = columnNames.get(i);
            String got = r.field(i);
            if (got == null) {
                throw withContext(new SqlException(ImportInput.BAD_COPY_FILE_FORMAT, "column name mismatch in header line "
                        + "field " + (i + 1) + ": got null value (\"" + r.field(i) + "\"), expected \"" + expected + "\""),
                        r.context());
            }
            if (!got.equals(expected)) {
                throw withContext(new SqlException(ImportInput.BAD_COPY_FILE_FORMAT, "column name mismatch in header line "
                        + "field " + (i + 1) + ": got \"" + got + "\", expected \"" + expected + "\""), r.context());
            }
        }
    }

    private void readJson(JsonRecordReader r, ReadAhead.Emitter<Row> out) {
        int n = types.size();
        long offset = r.bytesRead();
        while (r.next()) {
            countRecord(out);
            if (!r.isObject()) {
                throw withContext(new SqlException(ImportInput.BAD_COPY_FILE_FORMAT, "COPY FROM " + options.format()
                        .name().toLowerCase() + " expects a JSON object per row, found " + r.whole().toJson()),
                        r.context());
            }
            Object[] values = new Object[n];
            boolean[] present = new boolean[n];
            boolean ok = true;
            for (int k = 0; k < r.size() && ok; k++) {
                int i = r.column(k);
                if (i < 0) {
                    SqlException e = new SqlException(ImportInput.BAD_COPY_FILE_FORMAT, "key \"" + r.key(k)
                            + "\" does not match a column of the COPY column list of \"" + tableName + "\"");
                    if (!options.ignoreErrors()) {
                        throw withContext(e, r.context());
                    }
                    skip(e, "record " + r.recordNumber(), r.key(k));
                    ok = false;
                    break;
                }
                JsonValue v = r.value(k);
                try {
                    values[i] = v.toSql(types.get(i));
                    present[i] = true;
                } catch (SqlException e) {
                    if (!options.ignoreErrors()) {
                        throw withContext(e, r.context() + ", column " + columnNames.get(i) + ": "
                                + abbreviate(v.toJson()));
                    }
                    skip(e, "record " + r.recordNumber(), columnNames.get(i));
                    ok = false;
                }
            }
            if (ok) {
                long at = r.bytesRead();
                boolean all = true;
                for (boolean p : present) {
                    all &= p;
                }
                out.emit(new Row(values, all ? null : present, pendingRecords, r.recordNumber(), r.lineNumber()),
                        at - offset);
                offset = at;
                pendingRecords = 0;
            }
        }
        tally(out);
    }

    private void skip(SqlException e, String where, String column) {
        skipped++;
        if (notices.size() < MAX_REASONS) {
            notices.add("skipping row due to data type incompatibility at " + where + " for column \"" + column
                    + "\": " + e.getMessage());
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    private static SqlException withContext(SqlException e, String context) {
        return ReadFunctions.withContext(e, context);
    }

}
