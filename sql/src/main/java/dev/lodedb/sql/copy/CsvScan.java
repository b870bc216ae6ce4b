package dev.lodedb.sql.copy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code read_csv}: binding (delimiter sniffing, header detection, type inference over a sample)
 * and the streaming scan, staged ({@link ReadAheadSource}): {@link #read} on the reader thread,
 * {@link #convert} (which uses only its record and immutable state) on the consuming one.
 */
final class CsvScan implements ReadAheadSource.Staged<CsvScan.Record> {
    private static final char[] DELIMITERS = {',', '\t', ';', '|'};

    private final ImportInput input;
    private final CsvRecords records;
    private final List<String> names;
    private final List<DataType> types;
    private final boolean ignoreErrors;
    private final ProgressReporter progress;
    private final String source;
    private boolean done;

    CsvScan(Map<String, String> o, List<String> names, List<DataType> types, ProgressListener listener) {
        this.names = names;
        this.types = types;
        this.ignoreErrors = Boolean.parseBoolean(o.get("ignore_errors"));
        String path = o.get("path");
        this.source = "read_csv \"" + path + "\"";
        this.input = ImportInput.open(path);
        try {
            this.records = CsvRecords.open(input.stream(), source, o.get("delim").charAt(0), o.get("quote").charAt(0),
                    o.get("escape").charAt(0), o.get("nullstr"), ReadFunctions.charset(o.get("encoding")));
            this.progress = new ProgressReporter(listener, input);
            if (Boolean.parseBoolean(o.get("header")) && records.next()) {
                progress.record();
            }
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
    }

    /** Resolves read_csv's options and infers names and types from a sample. */
    static ReadFunctions.Bound bind(String path, Map<String, String> o, Map<String, String> resolved, long sample,
            LinkedHashMap<String, DataType> declared) {
        Charset cs = ReadFunctions.charset(o.get("encoding"));
        String d = o.getOrDefault("delim", o.getOrDefault("delimiter", o.get("sep")));
        char delim = d == null ? sniff(path, cs) : single(d, "delimiter");
        char quote = single(o.getOrDefault("quote", "\""), "quote");
        char escape = single(o.getOrDefault("escape", String.valueOf(quote)), "escape");
        String nullString = o.getOrDefault("nullstr", o.getOrDefault("null", ""));
        String header = o.getOrDefault("header", "auto").toLowerCase();
        List<String[]> rows = new ArrayList<>();
        String source = "read_csv \"" + path + "\"";
        try (ImportInput in = ImportInput.open(path);
                CsvRecords r = CsvRecords.open(in.stream(), source, delim, quote, escape, nullString, cs)) {
            while (rows.size() <= sample && r.next()) {
                String[] f = new String[r.count()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = r.field(i);
                }
                rows.add(f);
            }
        }
        boolean hasHeader;
        if (header.equals("auto")) {
            hasHeader = !rows.isEmpty() && looksLikeHeader(rows.get(0));
        } else {
            hasHeader = ReadFunctions.bool(header, "header");
        }
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        if (declared != null) {
            names.addAll(declared.keySet());
            types.addAll(declared.values());
        } else {
            if (rows.isEmpty()) {
                throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "cannot infer the columns of \"" + path
                        + "\": it has no records", null, "Give them with columns => '{\"name\": \"type\", ...}'.", 0,
                        null);
            }
            String[] first = rows.get(0);
            for (int i = 0; i < first.length; i++) {
                String n = hasHeader && first[i] != null && !first[i].isEmpty() ? first[i] : "column" + i;
                names.add(ReadFunctions.unique(n, names));
            }
            SchemaInference.Kind[] kinds = new SchemaInference.Kind[first.length];
            java.util.Arrays.fill(kinds, SchemaInference.Kind.NULL);
            for (int r = hasHeader ? 1 : 0; r < rows.size(); r++) {
                String[] f = rows.get(r);
                for (int i = 0; i < Math.min(f.length, kinds.length); i++) {
                    if (kinds[i] != SchemaInference.Kind.TEXT) {
                        kinds[i] = SchemaInference.widen(kinds[i], SchemaInference.classifyText(f[i]));
                    }
                }
            }
            for (SchemaInference.Kind k : kinds) {
                types.add(SchemaInference.type(k));
            }
        }
        resolved.put("delim", String.valueOf(delim));
        resolved.put("quote", String.valueOf(quote));
        resolved.put("escape", String.valueOf(escape));
        resolved.put("nullstr", nullString);
        resolved.put("header", Boolean.toString(hasHeader));
        resolved.put("encoding", cs.name());
        return new ReadFunctions.Bound("read_csv", names, types, resolved);
    }

    /**
     * The first record is a header when every field of it is non-empty text that does not look
     * like a number, boolean, date, timestamp or uuid (see docs/sql/import-export.md).
     */
    static boolean looksLikeHeader(String[] first) {
        for (String f : first) {
            if (f == null || SchemaInference.classifyText(f) != SchemaInference.Kind.TEXT) {
                return false;
            }
        }
        return first.length > 0;
    }

    private static char single(String s, String what) {
        if (s.length() != 1) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "read_csv's " + what
                    + " must be a single character, not \"" + s + "\"");
        }
        return s.charAt(0);
    }

    /**
     * Picks the delimiter among comma, tab, semicolon and bar: the one found the same, non-zero
     * number of times (outside quotes) on each of the first lines, the most frequent such; else
     * the most frequent on the first line; else a comma.
     */
    static char sniff(String path, Charset cs) {
        byte[] head = new byte[1 << 16];
        int n = 0;
        try (ImportInput in = ImportInput.open(path)) {
            InputStream s = in.stream();
            for (int r; n < head.length && (r = s.read(head, n, head.length - n)) > 0; ) {
                n += r;
            }
        } catch (IOException e) {
            throw ImportInput.readError(path, e);
        }
        String text = new String(head, 0, n, cs);
        String[] lines = text.split("\r\n|\n|\r", -1);
        int usable = n == head.length ? lines.length - 1 : lines.length;
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < usable && sample.size() < 20; i++) {
            if (!lines[i].isEmpty()) {
                sample.add(lines[i]);
            }
        }
        if (sample.isEmpty()) {
            return ',';
        }
        char best = 0;
        int bestCount = 0;
        for (char c : DELIMITERS) {
            int first = count(sample.get(0), c);
            boolean consistent = first > 0;
            for (String l : sample) {
                consistent &= count(l, c) == first;
            }
            if (consistent && first > bestCount) {
                best = c;
                bestCount = first;
            }
        }
        if (best != 0) {
            return best;
        }
        for (char c : DELIMITERS) {
            int k = count(sample.get(0), c);
            if (k > bestCount) {
                best = c;
                bestCount = k;
            }
        }
        return best == 0 ? ',' : best;
    }

    private static int count(String line, char c) {
        int k = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char x = line.charAt(i);
            if (x == '"') {
                quoted = !quoted;
            } else if (x == c && !quoted) {
                k++;
            }
        }
        return k;
    }

    /**
     * One record as read.
     *
     * @param fields its fields ({@code null}: NULL)
     * @param line the line it starts on
     */
    record Record(String[] fields, long line) {
    }

    @Override
    public Record read() {
        if (done) {
            return null;
        }
        if (!records.next()) {
            done = true;
            progress.finish();
            return null;
        }
        progress.record();
        String[] fields = new String[records.count()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = records.field(i);
        }
        return new Record(fields, records.line());
    }

    @Override
    public Object[] convert(Record r) {
        String[] fields = r.fields();
        if (fields.length != types.size()) {
            if (ignoreErrors) {
                return null;
            }
            throw new SqlException(ImportInput.BAD_COPY_FILE_FORMAT, "expected " + types.size() + " fields but found "
                    + fields.length, source + ", line " + r.line(), "Use ignore_errors => true to skip such records.", 0,
                    null);
        }
        Object[] row = new Object[types.size()];
        for (int i = 0; i < row.length; i++) {
            String f = fields[i];
            if (f == null) {
                continue;
            }
            try {
                row[i] = types.get(i).id() == TypeId.TEXT && f.indexOf('\0') < 0 ? f : Values.parse(types.get(i), f);
            } catch (SqlException e) {
                if (ignoreErrors) {
                    return null;
                }
                throw ReadFunctions.withContext(e, source + ", line " + r.line() + ", column " + names.get(i) + ": \""
                        + ReadFunctions.abbreviate(f) + "\"");
            }
        }
        return row;
    }

    @Override
    public long bytesRead() {
        return input.bytesRead();
    }

    @Override
    public void close() {
        records.close();
        input.close();
    }
}
