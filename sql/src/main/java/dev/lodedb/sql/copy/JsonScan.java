package dev.lodedb.sql.copy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code read_json}: binding (layout, column names as the union of the sampled records' keys in
 * first-seen order, type inference) and the streaming scan. Records that are not objects make one
 * column {@code json}. Not thread-safe (one scan per instance).
 */
final class JsonScan implements ReadFunctions.RowSource {
    private final ImportInput input;
    private final JsonRecordReader reader;
    private final List<String> names;
    private final List<DataType> types;
    private final Map<String, Integer> byName = new HashMap<>();
    private final boolean ignoreErrors;
    private final boolean objects;
    private final ProgressReporter progress;
    private final String source;
    private final long sampled;
    private Object[] next;
    private boolean done;

    JsonScan(Map<String, String> o, List<String> names, List<DataType> types, ProgressListener listener) {
        this.names = names;
        this.types = types;
        for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i), i);
        }
        this.ignoreErrors = Boolean.parseBoolean(o.get("ignore_errors"));
        this.objects = Boolean.parseBoolean(o.get("objects"));
        this.sampled = Long.parseLong(o.get("sampled"));
        String path = o.get("path");
        this.source = "read_json \"" + path + "\"";
        this.input = ImportInput.open(path);
        try {
            this.reader = new JsonRecordReader(input.stream(), source, layout(o.get("format")));
            reader.readAsJsonb(k -> {
                Integer i = byName.get(k);
                return i != null && types.get(i).id() == TypeId.JSONB;
            }, !objects && types.get(0).id() == TypeId.JSONB);
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
            // does, without building trees
            r.readAsJsonb(k -> true, true);
            while (count < sample && r.next()) {
                count++;
                if (r.isObject()) {
                    objectCount++;
                    for (int i = 0; i < r.size(); i++) {
                        SchemaInference.Kind k = kinds.getOrDefault(r.key(i), SchemaInference.Kind.NULL);
                        kinds.put(r.key(i), SchemaInference.widen(k, SchemaInference.classifyJson(r.value(i))));
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

    @Override
    public boolean hasNext() {
        while (next == null && !done) {
            if (!reader.next()) {
                done = true;
                progress.finish();
                break;
            }
            progress.record();
            next = convert();
        }
        return next != null;
    }

    private Object[] convert() {
        Object[] row = new Object[types.size()];
        if (!objects) {
            if (reader.isObject()) {
                return fail(new SqlException(SqlException.INVALID_TEXT_REPRESENTATION, "read_json found an object "
                        + "where the records sampled were not objects"), reader.context());
            }
            return value(row, 0, reader.whole());
        }
        if (!reader.isObject()) {
            return fail(new SqlException(SqlException.INVALID_TEXT_REPRESENTATION, "read_json expects every record to "
                    + "be an object, found " + ReadFunctions.abbreviate(reader.whole().toJson())), reader.context());
        }
        for (int k = 0; k < reader.size(); k++) {
            Integer i = byName.get(reader.key(k));
            if (i == null) {
                SqlException e = new SqlException(SqlException.INVALID_TEXT_REPRESENTATION, "key \"" + reader.key(k)
                        + "\" is not one of the columns of read_json", null, sampled == Long.MAX_VALUE ? null
                        : "The columns were inferred from the first " + sampled + " records: use sample_size => -1 to "
                        + "infer them from all records, or ignore_errors => true to skip such records.", 0, null);
                return fail(e, reader.context());
            }
            if (value(row, i, reader.value(k)) == null) {
                return null;
            }
        }
        return row;
    }

    private Object[] value(Object[] row, int i, JsonValue v) {
        try {
            row[i] = v.toSql(types.get(i));
            return row;
        } catch (SqlException e) {
            return fail(e, reader.context() + ", column " + names.get(i) + ": "
                    + ReadFunctions.abbreviate(v.toJson()));
        }
    }

    private Object[] fail(SqlException e, String context) {
        if (ignoreErrors) {
            return null;
        }
        throw ReadFunctions.withContext(e, context);
    }

    @Override
    public Object[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object[] r = next;
        next = null;
        return r;
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
