package dev.lodedb.sql.copy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code read_json}: binding (layout, column names as the union of the sampled records' keys in
 * first-seen order, type inference) and the streaming scan. Records that are not objects make one
 * column {@code json}. The scan is staged ({@link ReadAheadSource}): {@link #read} on the reader
 * thread, {@link #convert} (which uses only its record and immutable state) on the consuming one.
 */
final class JsonScan implements ReadAheadSource.Staged<JsonScan.Record> {
    private final ImportInput input;
    private final JsonRecordReader reader;
    private final List<String> names;
    private final List<DataType> types;
    private final boolean ignoreErrors;
    private final boolean objects;
    private final ProgressReporter progress;
    private final String source;
    private final long sampled;
    private boolean done;

    JsonScan(Map<String, String> o, List<String> names, List<DataType> types, ProgressListener listener) {
        this.names = names;
        this.types = types;
        this.ignoreErrors = Boolean.parseBoolean(o.get("ignore_errors"));
        this.objects = Boolean.parseBoolean(o.get("objects"));
        this.sampled = Long.parseLong(o.get("sampled"));
        String path = o.get("path");
        this.source = "read_json \"" + path + "\"";
        this.input = ImportInput.open(path);
        try {
            this.reader = new JsonRecordReader(input.stream(), source, layout(o.get("format")));
            boolean[] jsonb = new boolean[types.size()];
            for (int i = 0; i < jsonb.length; i++) {
                jsonb[i] = types.get(i).id() == TypeId.JSONB;
            }
            reader.columns(names, jsonb, !objects && jsonb[0]);
            this.progress = new ProgressReporter(listener, input);
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
    }

    private static JsonRecordReader.Layout layout(String format) {
        return switch (format == null ? "auto" : format.toLowerCase(Locale.ROOT)) {
            case "auto" -> JsonRecordReader.Layout.AUTO;
            case "array" -> JsonRecordReader.Layout.ARRAY;
            case "newline_delimited", "nd", "ndjson", "jsonlines", "records" -> JsonRecordReader.Layout.NEWLINE_DELIMITED;
            default -> throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "read_json's format must be 'auto',"
                    + " 'array' or 'newline_delimited', not '" + format + "'");
        };
    }

    /** Resolves read_json's options and infers names and types from a sample. */
    static ReadFunctions.Bound bind(String path, Map<String, String> o, Map<String, String> resolved, long sample,
            LinkedHashMap<String, DataType> declared) {
        JsonRecordReader.Layout layout = layout(o.get("format"));
        String source = "read_json \"" + path + "\"";
        LinkedHashMap<String, SchemaInference.Kind> kinds = new LinkedHashMap<>();
        SchemaInference.Kind whole = SchemaInference.Kind.NULL;
        long objectCount = 0;
        long count = 0;
        try (ImportInput in = ImportInput.open(path);
                JsonRecordReader r = new JsonRecordReader(in.stream(), source, layout)) {
            // nested values are only classified (jsonb): read them as the scan of a jsonb column
            // does, without building trees (which also warms the scan's code for the JIT)
            r.readAsJsonb(k -> true, true);
            while (count < sample && r.next()) {
                count++;
                if (r.isObject()) {
                    objectCount++;
                    for (int i = 0; i < r.size(); i++) {
                        kinds.merge(r.key(i), SchemaInference.classifyJson(r.value(i)), SchemaInference::widen);
                    }
                } else {
                    whole = SchemaInference.widen(whole, SchemaInference.classifyJson(r.whole()));
                }
                if (objectCount > 0 && objectCount < count) {
                    throw new SqlException(SqlException.INVALID_TEXT_REPRESENTATION, "read_json expects every record "
                            + "to be an object, or none", r.context(), null, 0, null);
                }
            }
        }
        boolean objects = objectCount > 0 || count == 0;
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        if (declared != null) {
            names.addAll(declared.keySet());
            types.addAll(declared.values());
        } else if (objects) {
            if (kinds.isEmpty()) {
                throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "cannot infer the columns of \"" + path
                        + "\": it has no records with keys", null,
                        "Give them with columns => '{\"name\": \"type\", ...}'.", 0, null);
            }
            for (Map.Entry<String, SchemaInference.Kind> e : kinds.entrySet()) {
                names.add(e.getKey());
                types.add(SchemaInference.type(e.getValue()));
            }
        } else {
            names.add("json");
            types.add(whole == SchemaInference.Kind.NULL ? DataType.JSONB : SchemaInference.type(whole));
        }
        resolved.put("format", o.getOrDefault("format", "auto"));
        resolved.put("objects", Boolean.toString(objects || declared != null));
        resolved.put("sampled", Long.toString(declared != null ? Long.MAX_VALUE : sample));
        return new ReadFunctions.Bound("read_json", names, types, resolved);
    }

    /**
     * One record as read: its values by key position, the columns of its keys, and where it is
     * (for messages).
     *
     * @param whole the record when it is not an object, else {@code null}
     * @param keys the keys of an object record
     * @param values their values
     * @param columns their columns (-1: not a column)
     * @param record the 1-based record number
     * @param line the line it starts on
     */
    record Record(JsonValue whole, String[] keys, JsonValue[] values, int[] columns, long record, long line) {
    }

    @Override
    public Record read() {
        if (done) {
            return null;
        }
        if (!reader.next()) {
            done = true;
            progress.finish();
            return null;
        }
        progress.record();
        if (!reader.isObject()) {
            return new Record(reader.whole(), null, null, null, reader.recordNumber(), reader.lineNumber());
        }
        int n = reader.size();
        String[] keys = new String[n];
        JsonValue[] values = new JsonValue[n];
        int[] columns = new int[n];
        for (int k = 0; k < n; k++) {
            keys[k] = reader.key(k);
            values[k] = reader.value(k);
            columns[k] = reader.column(k);
        }
        return new Record(null, keys, values, columns, reader.recordNumber(), reader.lineNumber());
    }

    @Override
    public Object[] convert(Record r) {
        Object[] row = new Object[types.size()];
        if (!objects) {
            if (r.whole() == null) {
                return fail(new SqlException(SqlException.INVALID_TEXT_REPRESENTATION, "read_json found an object "
                        + "where the records sampled were not objects"), context(r));
            }
            return value(row, 0, r.whole(), r);
        }
        if (r.whole() != null) {
            return fail(new SqlException(SqlException.INVALID_TEXT_REPRESENTATION, "read_json expects every record to "
                    + "be an object, found " + ReadFunctions.abbreviate(r.whole().toJson())), context(r));
        }
        for (int k = 0; k < r.keys().length; k++) {
            int i = r.columns()[k];
            if (i < 0) {
                SqlException e = new SqlException(SqlException.INVALID_TEXT_REPRESENTATION, "key \"" + r.keys()[k]
                        + "\" is not one of the columns of read_json", null, sampled == Long.MAX_VALUE ? null
                        : "The columns were inferred from the first " + sampled + " records: use sample_size => -1 to "
                        + "infer them from all records, or ignore_errors => true to skip such records.", 0, null);
                return fail(e, context(r));
            }
            if (value(row, i, r.values()[k], r) == null) {
                return null;
            }
        }
        return row;
    }

    private String context(Record r) {
        return JsonRecordReader.context(source, r.record(), r.line());
    }

    private Object[] value(Object[] row, int i, JsonValue v, Record r) {
        try {
            row[i] = v.toSql(types.get(i));
            return row;
        } catch (SqlException e) {
            return fail(e, context(r) + ", column " + names.get(i) + ": " + ReadFunctions.abbreviate(v.toJson()));
        }
    }

    private Object[] fail(SqlException e, String context) {
        if (ignoreErrors) {
            return null;
        }
        throw ReadFunctions.withContext(e, context);
    }

    @Override
    public long bytesRead() {
        return input.bytesRead();
    }

    @Override
    public void close() {
        reader.close();
        input.close();
    }
}
