package dev.lodedb.sql.ast;

import java.util.List;

/**
 * A type as written, e.g. {@code int}, {@code varchar(10)}, {@code numeric(10,2)},
 * {@code timestamp(3) with time zone}, {@code interval day to second}, {@code text[]} or
 * {@code pg_catalog.int4}. SQL's multi-word types are one part in lower case with single spaces
 * ({@code "double precision"}, {@code "character varying"}, {@code "timestamp with time zone"});
 * mapping synonyms ({@code int} = {@code integer} = {@code int4}) is the binder's job.
 *
 * @param names the (possibly qualified) type name
 * @param modifiers type modifiers in parentheses (precision, scale, length); empty when none
 * @param arrayBounds one entry per array dimension: the declared bound, or -1 for {@code []}
 * @param intervalFields for {@code interval}: the field restriction in lower case such as
 *     {@code "day to second"}; otherwise {@code null}
 * @param position offset of the type's first token
 */
public record TypeName(List<String> names, List<Expr> modifiers, List<Integer> arrayBounds,
        String intervalFields, int position) implements Node {

    /**
     * Copies the lists.
     *
     * @param names the (possibly qualified) type name
     * @param modifiers type modifiers in parentheses (precision, scale, length); empty when none
     * @param arrayBounds one entry per array dimension: the declared bound, or -1 for {@code []}
     * @param intervalFields for {@code interval}: the field restriction in lower case such as {@code "day to second"}; otherwise {@code null}
     * @param position offset of the type's first token
     */
    public TypeName {
        names = List.copyOf(names);
        modifiers = List.copyOf(modifiers);
        arrayBounds = List.copyOf(arrayBounds);
    }

    /**
     * @param name a one-part type name
     * @param position its offset
     * @return the type without modifiers or array bounds
     */
    public static TypeName of(String name, int position) {
        return new TypeName(List.of(name), List.of(), List.of(), null, position);
    }

    /** @return the last part of the name, e.g. {@code int4} for {@code pg_catalog.int4} */
    public String baseName() {
        return names.get(names.size() - 1);
    }

    /** @return whether the type is an array type */
    public boolean isArray() {
        return !arrayBounds.isEmpty();
    }
}
