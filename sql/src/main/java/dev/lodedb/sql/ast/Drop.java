package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code DROP TABLE | VIEW | INDEX [CONCURRENTLY] | SCHEMA | SEQUENCE [IF EXISTS] names
 * [CASCADE | RESTRICT]}.
 *
 * @param objectType what is dropped
 * @param ifExists whether {@code IF EXISTS} was written
 * @param names the objects (never empty)
 * @param behavior CASCADE / RESTRICT
 * @param concurrently whether {@code CONCURRENTLY} was written (indexes)
 * @param position offset of {@code DROP}
 */
public record Drop(ObjectType objectType, boolean ifExists, List<QualifiedName> names, DropBehavior behavior,
        boolean concurrently, int position) implements Statement {

    /**
     * Copies {@code names}.
     *
     * @param objectType what is dropped
     * @param ifExists whether {@code IF EXISTS} was written
     * @param names the objects (never empty)
     * @param behavior CASCADE / RESTRICT
     * @param concurrently whether {@code CONCURRENTLY} was written (indexes)
     * @param position offset of {@code DROP}
     */
    public Drop {
        names = List.copyOf(names);
    }

    /** The kind of object dropped. */
    public enum ObjectType {
        /** {@code TABLE} */
        TABLE,
        /** {@code VIEW} */
        VIEW,
        /** {@code INDEX} */
        INDEX,
        /** {@code SCHEMA} */
        SCHEMA,
        /** {@code SEQUENCE} */
        SEQUENCE
    }
}
