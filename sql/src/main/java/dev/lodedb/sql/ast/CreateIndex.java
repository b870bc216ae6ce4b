package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table
 * [USING method] (elements) [INCLUDE (columns)] [WHERE predicate]}.
 *
 * @param name the index name, or {@code null} to let the system choose
 * @param table the indexed table
 * @param unique whether {@code UNIQUE} was written
 * @param concurrently whether {@code CONCURRENTLY} was written
 * @param ifNotExists whether {@code IF NOT EXISTS} was written
 * @param method the access method of {@code USING}, or {@code null}
 * @param elements the keys (never empty)
 * @param include the INCLUDE columns
 * @param where the partial-index predicate, or {@code null}
 * @param position offset of {@code CREATE}
 */
public record CreateIndex(String name, QualifiedName table, boolean unique, boolean concurrently,
        boolean ifNotExists, String method, List<IndexElement> elements, List<String> include, Expr where,
        int position) implements Statement {

    /**
     * Copies the lists.
     *
     * @param name the index name, or {@code null} to let the system choose
     * @param table the indexed table
     * @param unique whether {@code UNIQUE} was written
     * @param concurrently whether {@code CONCURRENTLY} was written
     * @param ifNotExists whether {@code IF NOT EXISTS} was written
     * @param method the access method of {@code USING}, or {@code null}
     * @param elements the keys (never empty)
     * @param include the INCLUDE columns
     * @param where the partial-index predicate, or {@code null}
     * @param position offset of {@code CREATE}
     */
    public CreateIndex {
        elements = List.copyOf(elements);
        include = List.copyOf(include);
    }
}
