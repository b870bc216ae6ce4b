package dev.lodedb.sql.copy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Json;
import dev.lodedb.engine.types.Jsonb;
import dev.lodedb.engine.types.Values;

/**
 * One value of a JSON record as read: a scalar with its text as written (numbers keep their
 * digits), a nested object or array as a tree, or — for columns of type jsonb, when the reader is
 * asked to ({@link JsonRecordReader#readAsJsonb}) — a nested object or array as jsonb's canonical
 * text, read without building a tree.
 *
 * @param kind what the value is
 * @param text the string's content, the number as written, or the canonical jsonb text
 *     ({@link Kind#JSONB}); {@code null} otherwise
 * @param tree the nested object or array ({@link Kind#NESTED}); {@code null} otherwise
 * @param error why a {@link Kind#JSONB} value cannot be jsonb (a number beyond numeric's
 *     limits), reported when it is converted; {@code null} otherwise
 */
public record JsonValue(Kind kind, String text, JsonNode tree, SqlException error) {
    /** What a JSON value is. */
    public enum Kind {
        /** {@code null}. */
        NULL,
        /** A string. */
        STRING,
        /** A number without fraction or exponent. */
        INTEGER,
        /** A number with a fraction or an exponent. */
        FLOAT,
        /** {@code true}. */
        TRUE,
        /** {@code false}. */
        FALSE,
        /** An object or an array. */
        NESTED,
        /** An object or an array read straight into jsonb's canonical text. */
        JSONB
    }

    /** A value without an error. */
    public JsonValue(Kind kind, String text, JsonNode tree) {
        this(kind, text, tree, null);
    }

    /** The JSON {@code null}. */
    public static final JsonValue NULL = new JsonValue(Kind.NULL, null, null);
    /** The JSON {@code true}. */
    public static final JsonValue TRUE = new JsonValue(Kind.TRUE, null, null);
    /** The JSON {@code false}. */
    public static final JsonValue FALSE = new JsonValue(Kind.FALSE, null, null);

    /**
     * Converts the value to a column of {@code type}: JSON {@code null} is NULL; json and jsonb
     * columns take any value as JSON; text takes strings as their content and anything else as
     * its JSON text; booleans take {@code true}/{@code false}; every other type reads the string
     * or number through its input function ({@link Values#parse}), as a COPY field would.
     *
     * @return the value, of class {@code Values.javaClass(type.id())}, or {@code null}
     * @throws dev.lodedb.engine.SqlException 22P02 (or the type's input error) when it does not fit
     */
    public Object toSql(DataType type) {
        if (kind == Kind.NULL) {
            return null;
        }
        if (error != null) {
            throw error;
        }
        switch (type.id()) {
            case JSONB:
                return kind == Kind.NESTED ? Jsonb.of(tree) : kind == Kind.JSONB ? Jsonb.ofCanonicalText(text)
                        : Jsonb.parse(toJson());
            case JSON:
                return new Json(toJson());
            case TEXT, VARCHAR, CHAR, UNKNOWN:
                return Values.parse(type, kind == Kind.STRING ? text : toJson());
            case BOOLEAN:
                if (kind == Kind.TRUE || kind == Kind.FALSE) {
                    return kind == Kind.TRUE;
                }
                break;
            default:
                break;
        }
        if (kind == Kind.STRING || kind == Kind.INTEGER || kind == Kind.FLOAT) {
            return Values.parse(type, text);
        }
        String shown = toJson();
        throw new SqlException(SqlException.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type " + type
                + ": \"" + (shown.length() > 100 ? shown.substring(0, 100) + "..." : shown) + "\"");
    }

    /**
     * @return the value as JSON text (compact for nested values, jsonb's output for {@link
     *     Kind#JSONB}, and for one with an {@link #error} its message)
     */
    public String toJson() {
        return switch (kind) {
            case JSONB -> text != null ? text : "(" + error.getMessage() + ")";
            case NULL -> "null";
            case TRUE -> "true";
            case FALSE -> "false";
            case INTEGER, FLOAT -> text;
            case STRING -> {
                StringBuilder sb = new StringBuilder(text.length() + 2);
                dev.lodedb.engine.types.JsonText.escape(text, sb);
                yield sb.toString();
            }
            case NESTED -> tree.toString();
        };
    }
}
