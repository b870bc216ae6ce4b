package dev.lodedb.sql.copy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.Jsonb;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads JSON records one at a time with Jackson's streaming parser: either the elements of one
 * top-level array, or a sequence of top-level values separated by whitespace (newline-delimited
 * JSON / JSON lines). With {@link Layout#AUTO} the first non-blank character decides: {@code [}
 * means an array. Only the current record is in memory; nested objects and arrays inside it are
 * read as trees (or, for jsonb columns, as jsonb text: {@link #readAsJsonb}), scalars keep their
 * text as written. Not thread-safe.
 */
public final class JsonRecordReader implements AutoCloseable {
    /** How records are laid out in the input. */
    public enum Layout {
        /** Decide by the first non-blank character. */
        AUTO,
        /** One top-level array of records. */
        ARRAY,
        /** Records one after the other (one per line, usually). */
        NEWLINE_DELIMITED
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private final JsonParser parser;
    private final String source;
    private final Layout layout;
    private boolean inArray;
    private boolean started;
    private boolean ended;
    private long record;
    private long line;
    private long column;
    private Predicate<String> jsonbKeys = k -> false;
    private boolean jsonbWhole;
    /** Column positions by key name, when {@link #columns} was called. */
    private Map<String, Integer> columnByName;
    private boolean[] jsonbColumns;
    /** Per key position, the key instance last seen there and its column (field names repeat as the same instances). */
    private String[] lastKey = new String[0];
    private int[] lastColumn = new int[0];
    private int[] columnOfKey = new int[8];
    private final List<String> keys = new ArrayList<>();
    private final List<JsonValue> values = new ArrayList<>();
    private JsonValue whole;

    /**
     * @param in the decompressed bytes (UTF-8, UTF-16 or UTF-32, detected by Jackson)
     * @param source the file name for messages
     * @param layout how records are laid out
     * @throws SqlException 58030 if the input cannot be read
     */
    public JsonRecordReader(InputStream in, String source, Layout layout) {
        this.source = source;
        this.layout = layout;
        try {
            this.parser = MAPPER.createParser(in);
        } catch (IOException e) {
            throw ImportInput.readError(source, e);
        }
    }

    /**
     * Reads the objects and arrays under the keys {@code keys} accepts (and whole records, if
     * {@code wholeRecords}) straight into jsonb's canonical text ({@link JsonValue.Kind#JSONB})
     * instead of a tree: for the columns of type jsonb, which then need no tree at all.
     *
     * @param keys the keys whose values go to jsonb columns
     * @param wholeRecords whether records that are not objects go to a jsonb column
     */
    public void readAsJsonb(Predicate<String> keys, boolean wholeRecords) {
        this.jsonbKeys = keys;
        this.jsonbWhole = wholeRecords;
    }

    /**
     * Maps the keys of each record to the columns {@code names} ({@link #column}), and reads the
     * objects and arrays of keys whose column is jsonb (and whole records, if {@code
     * wholeAsJsonb}) as {@link #readAsJsonb} does.
     *
     * @param names the column names
     * @param jsonb per column whether it is of type jsonb
     * @param wholeAsJsonb whether records that are not objects go to a jsonb column
     */
    public void columns(List<String> names, boolean[] jsonb, boolean wholeAsJsonb) {
        columnByName = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            columnByName.put(names.get(i), i);
        }
        jsonbColumns = jsonb.clone();
        jsonbWhole = wholeAsJsonb;
    }

    /**
     * @param i a key position of the current record
     * @return the position in the names given to {@link #columns} of key {@code i}, or -1 if it
     *     is none of them
     * @throws IllegalStateException without {@link #columns}
     */
    public int column(int i) {
        if (columnByName == null) {
            throw new IllegalStateException("no columns given");
        }
        return columnOfKey[i];
    }

    private int lookUpColumn(String key, int position) {
        if (position < lastKey.length && lastKey[position] == key) {
            return lastColumn[position];
        }
        Integer c = columnByName.get(key);
        int column = c == null ? -1 : c;
        if (position >= lastKey.length) {
            lastKey = Arrays.copyOf(lastKey, Math.max(8, position * 2));
            lastColumn = Arrays.copyOf(lastColumn, lastKey.length);
        }
        lastKey[position] = key;
        lastColumn[position] = column;
        return column;
    }

    /**
     * Reads the next record.
     *
     * @return whether there was one
     * @throws SqlException 22P02 for malformed JSON or input that is not laid out as asked,
     *     naming the record, line and column
     */
    public boolean next() {
        if (ended) {
            return false;
        }
        try {
            JsonToken t = parser.nextToken();
            if (!started) {
                started = true;
                if (t == JsonToken.START_ARRAY && layout != Layout.NEWLINE_DELIMITED) {
                    inArray = true;
                    t = parser.nextToken();
                } else if (layout == Layout.ARRAY && t != null) {
                    throw malformed("expected a JSON array of records, found " + describe(t));
                }
            }
            if (inArray && t == JsonToken.END_ARRAY) {
                JsonToken after = parser.nextToken();
                if (after != null) {
                    throw malformed("unexpected " + describe(after) + " after the closing ] of the JSON array");
                }
                t = null;
            }
            if (t == null) {
                if (inArray && !parser.isClosed() && parser.currentToken() != null
                        && parser.currentToken() != JsonToken.END_ARRAY) {
                    throw malformed("unexpected end of input inside the JSON array");
                }
                ended = true;
                return false;
            }
            record++;
            com.fasterxml.jackson.core.JsonLocation at = parser.currentTokenLocation();
            line = at.getLineNr();
            column = at.getColumnNr();
            keys.clear();
            values.clear();
            whole = null;
            if (t == JsonToken.START_OBJECT) {
                for (JsonToken k = parser.nextToken(); k != JsonToken.END_OBJECT; k = parser.nextToken()) {
                    if (k != JsonToken.FIELD_NAME) {
                        throw malformed("expected a key, found " + describe(k));
                    }
                    String key = parser.currentName();
                    boolean asJsonb;
                    if (columnByName != null) {
                        int position = keys.size();
                        int column = lookUpColumn(key, position);
                        if (position == columnOfKey.length) {
                            columnOfKey = Arrays.copyOf(columnOfKey, position * 2);
                        }
                        columnOfKey[position] = column;
                        asJsonb = column >= 0 && jsonbColumns[column];
                    } else {
                        asJsonb = jsonbKeys.test(key);
                    }
                    keys.add(key);
                    values.add(value(parser.nextToken(), asJsonb));
                }
            } else {
                whole = value(t, jsonbWhole);
            }
            return true;
        } catch (StreamReadException e) {
            line = e.getLocation() == null ? line : e.getLocation().getLineNr();
            column = e.getLocation() == null ? column : e.getLocation().getColumnNr();
            String m = e.getOriginalMessage();
            int nl = m.indexOf('\n');
            throw malformed(nl > 0 ? m.substring(0, nl) : m);
        } catch (IOException e) {
            throw ImportInput.readError(source, e);
        }
    }

    private JsonValue value(JsonToken t, boolean asJsonb) throws IOException {
        if (t == null) {
            throw malformed("unexpected end of input");
        }
        if (asJsonb && (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)) {
            try {
                return new JsonValue(JsonValue.Kind.JSONB, Jsonb.canonicalText(parser), null);
            } catch (SqlException e) {
                return new JsonValue(JsonValue.Kind.JSONB, null, null, e); // the value was read to its end
            }
        }
        return switch (t) {
            case VALUE_NULL -> JsonValue.NULL;
            case VALUE_TRUE -> JsonValue.TRUE;
            case VALUE_FALSE -> JsonValue.FALSE;
            case VALUE_STRING -> new JsonValue(JsonValue.Kind.STRING, parser.getText(), null);
            case VALUE_NUMBER_INT -> new JsonValue(JsonValue.Kind.INTEGER, parser.getText(), null);
            case VALUE_NUMBER_FLOAT -> new JsonValue(JsonValue.Kind.FLOAT, parser.getText(), null);
            case START_OBJECT, START_ARRAY -> {
                JsonNode tree = parser.readValueAsTree();
                yield new JsonValue(JsonValue.Kind.NESTED, null, tree);
            }
            default -> throw malformed("unexpected " + describe(t));
        };
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "[";
            case END_ARRAY -> "]";
            case START_OBJECT -> "{";
            case END_OBJECT -> "}";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private SqlException malformed(String why) {
        return new SqlException(SqlException.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json: " + why,
                context() + ", column " + column, null, 0, null);
    }

    /** @return PostgreSQL-style CONTEXT of the current record: file, record number and line */
    public String context() {
        return context(source, record, line);
    }

    /** @return PostgreSQL-style CONTEXT of record {@code record} starting on line {@code line} of {@code source} */
    public static String context(String source, long record, long line) {
        return source + ", record " + Math.max(1, record) + " (line " + line + ")";
    }

    /** @return the 1-based number of the current record */
    public long recordNumber() {
        return record;
    }

    /** @return the line the current record starts on */
    public long lineNumber() {
        return line;
    }

    /** @return the bytes of the (decompressed) input the parser has consumed so far */
    public long bytesRead() {
        long at = parser.currentLocation().getByteOffset();
        return Math.max(0, at);
    }

    /** @return whether the current record is an object */
    public boolean isObject() {
        return whole == null;
    }

    /** @return the current record when it is not an object */
    public JsonValue whole() {
        return whole;
    }

    /** @return the number of keys of the current (object) record */
    public int size() {
        return keys.size();
    }

    /** @return key {@code i} of the current record, in the order written */
    public String key(int i) {
        return keys.get(i);
    }

    /** @return value {@code i} of the current record */
    public JsonValue value(int i) {
        return values.get(i);
    }

    /** Closes the parser (not the stream's source). */
    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // an input that fails to close lost nothing
        }
    }
}
