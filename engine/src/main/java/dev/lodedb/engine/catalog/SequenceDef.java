package dev.lodedb.engine.catalog;

import dev.lodedb.engine.types.DataType;
import java.util.Objects;

/**
 * A sequence: a named generator of integers (CREATE SEQUENCE, the sequence behind a serial or
 * identity column). Only the definition lives in the catalog; the current value lives under key
 * prefix {@code 0x04 | id} and is changed outside transactions ({@code docs/engine/encoding.md},
 * "Sequence values"). Sequences share the relation namespace of their schema with tables, views and
 * indexes, as in PostgreSQL. Immutable.
 *
 * @param id the object id (also the key of its value)
 * @param schema the schema name
 * @param name the sequence name
 * @param type smallint, integer or bigint ({@code AS type}; bounds the default MINVALUE/MAXVALUE)
 * @param increment the step, never 0 (negative: a descending sequence)
 * @param minValue the smallest value
 * @param maxValue the largest value, greater than {@code minValue}
 * @param start the first value {@code nextval} returns (and RESTART's default)
 * @param cache values reserved per write of the current value ({@code CACHE}; at least 1)
 * @param cycle whether the sequence wraps around at its bound instead of failing (2200H)
 * @param ownedByTable the id of the table whose column owns it (dropped with the table), or 0
 * @param ownedByColumn the id of that column, or -1
 */
public record SequenceDef(int id, String schema, String name, DataType type, long increment, long minValue,
        long maxValue, long start, long cache, boolean cycle, int ownedByTable, int ownedByColumn) {
    /** @throws IllegalArgumentException when the bounds, start or increment are inconsistent */
    public SequenceDef {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (increment == 0 || minValue >= maxValue || start < minValue || start > maxValue || cache < 1) {
            throw new IllegalArgumentException("inconsistent sequence " + name);
        }
    }

    /** @return whether a column owns the sequence (serial, identity, {@code OWNED BY t.c}) */
    public boolean owned() {
        return ownedByTable != 0;
    }

    /** @return a copy under another name */
    public SequenceDef rename(String newName) {
        return new SequenceDef(id, schema, newName, type, increment, minValue, maxValue, start, cache, cycle,
                ownedByTable, ownedByColumn);
    }
}
