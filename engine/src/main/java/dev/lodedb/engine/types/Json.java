package dev.lodedb.engine.types;

import java.util.Objects;

/**
 * A PostgreSQL {@code json} value: the JSON text exactly as written (whitespace, key order and
 * duplicate keys preserved), validated on input. Use {@link Jsonb} for the decomposed, canonical
 * form that supports comparison and indexing; {@code json} has no ordering, as in PostgreSQL.
 *
 * <p>Immutable and thread-safe.
 *
 * @param text the JSON text as written
 */
public record Json(String text) {
    /** @throws NullPointerException if {@code text} is null */
    public Json {
        Objects.requireNonNull(text, "text");
    }

    /**
     * @param text JSON text (RFC 8259, any value at the top level)
     * @return the value, keeping {@code text} verbatim
     * @throws dev.lodedb.engine.SqlException 22P02 {@code invalid input syntax for type json}
     *     (with a detail naming the problem) if {@code text} is not valid JSON
     */
    public static Json parse(String text) {
        JsonText.validate(text);
        return new Json(text);
    }

    /** @return the JSON text as written, which is also PostgreSQL's output for json */
    @Override
    public String toString() {
        return text;
    }
}
