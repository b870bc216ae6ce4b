package dev.lodedb.sql.copy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The table functions {@code read_csv(path [, name => value ...])} and {@code read_json(path
 * [, ...])} (and DuckDB's aliases {@code read_csv_auto}, {@code read_json_auto},
 * {@code read_ndjson}). {@link #bind} runs when the query is bound: it resolves the options,
 * samples the first records ({@code sample_size}, 20,480 by default, -1 for all) and infers the
 * column names and types ({@link SchemaInference}); the resolved options (header, delimiter, JSON
 * layout, column names) go into the plan, so that {@link #scan} reads the file the same way when
 * the query runs: it opens the file again and streams it, converting each value to the inferred
 * type, reading ahead on a thread of its own. Options and inference rules are documented in
 * {@code docs/sql/import-export.md}.
 * Stateless and thread-safe.
 */
public final class ReadFunctions {
    /** Records sampled for inference by default (DuckDB's default). */
    public static final int DEFAULT_SAMPLE_SIZE = 20_480;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CSV_OPTIONS = Set.of("delim", "delimiter", "sep", "quote", "escape", "header",
            "nullstr", "null", "sample_size", "ignore_errors", "columns", "encoding", "auto_detect", "compression");
    private static final Set<String> JSON_OPTIONS = Set.of("format", "sample_size", "ignore_errors", "columns",
            "auto_detect", "compression", "records");

    private ReadFunctions() {
    }

    /**
     * The outcome of binding a read function.
     *
     * @param function the canonical name, {@code read_csv} or {@code read_json}
     * @param names the column names
     * @param types the column types
     * @param options the resolved options the scan needs (names in lower case)
     */
    public record Bound(String function, List<String> names, List<DataType> types, Map<String, String> options) {
    }

    /**
     * @param name a function name in lower case
     * @return {@code read_csv} or {@code read_json} if {@code name} is one of the read functions, else {@code null}
     */
    public static String canonical(String name) {
        return switch (name) {
            case "read_csv", "read_csv_auto" -> "read_csv";
            case "read_json", "read_json_auto", "read_ndjson", "read_ndjson_auto", "read_json_objects" -> "read_json";
            default -> null;
        };
    }

    /**
     * Resolves the options and infers the schema from a sample of the file.
     *
     * @param function {@code read_csv} or {@code read_json} (or an alias)
     * @param path the file, relative to the working directory unless absolute
     * @param given the named options as written, values as text
     * @return the columns and the resolved options
     * @throws SqlException 22023 for an unknown option or a bad value, 58P01 for a missing file,
     *     22P02/22P04 for input that cannot be read as CSV or JSON
     */
    public static Bound bind(String function, String path, Map<String, String> given) {
        String fn = canonical(function);
        Map<String, String> o = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            if (!(fn.equals("read_csv") ? CSV_OPTIONS : JSON_OPTIONS).contains(k)) {
                throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, fn + " has no option \"" + k + "\"", null,
                        "Options of " + fn + ": " + String.join(", ", new java.util.TreeSet<>(fn.equals("read_csv")
                                ? CSV_OPTIONS : JSON_OPTIONS)) + ".", 0, null);
            }
            o.put(k, e.getValue());
        }
        if (function.startsWith("read_ndjson") && !o.containsKey("format")) {
            o.put("format", "newline_delimited");
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        resolved.put("path", path);
        long sample = sampleSize(o.get("sample_size"));
        boolean ignore = bool(o.getOrDefault("ignore_errors", "false"), "ignore_errors");
        resolved.put("ignore_errors", Boolean.toString(ignore));
        LinkedHashMap<String, DataType> declared = o.containsKey("columns") ? columns(o.get("columns")) : null;
        Bound b = fn.equals("read_csv") ? CsvScan.bind(path, o, resolved, sample, declared)
                : JsonScan.bind(path, o, resolved, sample, declared);
        ArrayNode names = JSON.createArrayNode();
        b.names().forEach(names::add);
        resolved.put("names", names.toString());
        return new Bound(fn, b.names(), b.types(), resolved);
    }

    /**
     * Opens the file again and streams its rows as {@link #bind} resolved it.
     *
     * @param function {@code read_csv} or {@code read_json} (or an alias)
     * @param options the options {@link #bind} resolved
     * @param types the column types (as bound)
     * @param listener progress listener, or {@code null}
     * @return the rows; close it to close the file
     * @throws SqlException 58P01 if the file has gone, 22P02 (and the other input errors of the
     *     column types) for a value that does not fit its column, naming file, line or record,
     *     column and value, unless {@code ignore_errors} skips such rows
     */
    public static RowSource scan(String function, Map<String, String> options, List<DataType> types,
            ProgressListener listener) {
        List<String> names = new ArrayList<>();
        try {
            for (JsonNode n : JSON.readTree(options.get("names"))) {
                names.add(n.asText());
            }
        } catch (IOException e) {
            throw new IllegalStateException("resolved options carry the column names", e);
        }
        if (canonical(function).equals("read_csv")) {
            return new ReadAheadSource<>(l -> new CsvScan(options, names, types, l), listener);
        }
        return new ReadAheadSource<>(l -> new JsonScan(options, names, types, l), listener);
    }

    /**
     * Rows of a scan, one at a time; {@link #close()} closes the file. Not thread-safe. The scans
     * of {@link #scan} read ahead on a thread of their own ({@link ReadAhead}).
     */
    public interface RowSource extends Iterator<Object[]>, AutoCloseable {
        @Override
        void close();

        /** @return bytes of the file read so far (compressed bytes of a gzip file), 0 if unknown */
        default long bytesRead() {
            return 0;
        }
    }

    static long sampleSize(String v) {
        if (v == null) {
            return DEFAULT_SAMPLE_SIZE;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n == -1) {
                return Long.MAX_VALUE;
            }
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "sample_size must be a positive number of "
                    + "records or -1 (all), not \"" + v + "\"");
        }
    }

    static boolean bool(String v, String option) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "t", "on", "1", "yes" -> true;
            case "false", "f", "off", "0", "no" -> false;
            default -> throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, option
                    + " requires a Boolean value, not \"" + v + "\"");
        };
    }

    static Charset charset(String v) {
        if (v == null) {
            return StandardCharsets.UTF_8;
        }
        return switch (v.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")) {
            case "utf8", "unicode" -> StandardCharsets.UTF_8;
            case "latin1", "iso88591" -> StandardCharsets.ISO_8859_1;
            default -> throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "encoding \"" + v
                    + "\" is not supported; use UTF8 or LATIN1");
        };
    }

    /** Parses {@code columns => '{"name": "type", ...}'}. */
    private static LinkedHashMap<String, DataType> columns(String text) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (IOException e) {
            n = null;
        }
        if (n == null || !n.isObject() || n.isEmpty()) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "columns must be a JSON object of column "
                    + "names and types, like '{\"id\": \"bigint\", \"name\": \"text\"}', not " + text);
        }
        LinkedHashMap<String, DataType> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), DataType.parse(e.getValue().asText()));
        }
        return out;
    }

    /** @return {@code base}, then {@code base_1}, {@code base_2}, ... for names already taken */
    static String unique(String base, List<String> taken) {
        String n = base;
        for (int i = 1; taken.contains(n); i++) {
            n = base + "_" + i;
        }
        return n;
    }

    /** @return {@code s} cut to 100 characters for messages */
    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    /**
     * @return {@code e} (same SQLSTATE, message and hint) with PostgreSQL's CONTEXT line — source,
     *     line or record, column and value — appended to its detail, which is where LodeDB's errors
     *     carry it (COPY's errors use it too)
     */
    public static SqlException withContext(SqlException e, String context) {
        String detail = e.detail() == null ? context : e.detail() + "\n" + context;
        return new SqlException(e.sqlState(), e.getMessage(), detail, e.hint(), 0, e);
    }
}
