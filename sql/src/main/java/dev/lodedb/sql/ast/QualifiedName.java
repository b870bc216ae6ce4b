package dev.lodedb.sql.ast;

import java.util.List;

/**
 * A possibly qualified name such as {@code schema.table} or {@code table.column}.
 *
 * @param parts the name's parts, outermost first (never empty)
 * @param position offset of the first part
 */
public record QualifiedName(List<String> parts, int position) implements Node {

    /**
     * Copies {@code parts}; rejects an empty list.
     *
     * @param parts the name's parts, outermost first (never empty)
     * @param position offset of the first part
     */
    public QualifiedName {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("empty name");
        }
    }

    /**
     * @param name an unqualified name
     * @param position its offset
     * @return a one-part name
     */
    public static QualifiedName of(String name, int position) {
        return new QualifiedName(List.of(name), position);
    }

    /** @return the last (innermost) part, e.g. the table name of {@code schema.table} */
    public String last() {
        return parts.get(parts.size() - 1);
    }

    /** @return the parts joined with dots, unquoted */
    @Override
    public String toString() {
        return String.join(".", parts);
    }
}
