package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code COPY table [(columns)] FROM | TO 'file' | STDIN | STDOUT [[WITH] (options)] [WHERE ...]} or
 * {@code COPY (query) TO ...}. Old-style options ({@code CSV}, {@code HEADER}, {@code DELIMITER 'x'},
 * {@code NULL 'x'}, {@code BINARY}, ...) are normalized to {@link GenericOption}s named as in the
 * parenthesized form ({@code format}, {@code header}, {@code delimiter}, {@code null}, ...).
 *
 * @param table the table, or {@code null} for a query
 * @param columns the column list (possibly empty)
 * @param query the query of {@code COPY (query) TO}, else {@code null}
 * @param from {@code true} for FROM (import), {@code false} for TO (export)
 * @param file the file name or program, or {@code null} for STDIN/STDOUT
 * @param program whether {@code PROGRAM} was written
 * @param options the options in written order
 * @param where the WHERE filter of COPY FROM, or {@code null}
 * @param position offset of {@code COPY}
 */
public record Copy(QualifiedName table, List<String> columns, Query query, boolean from, String file,
        boolean program, List<GenericOption> options, Expr where, int position) implements Statement {

    /**
     * Copies the lists.
     *
     * @param table the table, or {@code null} for a query
     * @param columns the column list (possibly empty)
     * @param query the query of {@code COPY (query) TO}, else {@code null}
     * @param from {@code true} for FROM (import), {@code false} for TO (export)
     * @param file the file name or program, or {@code null} for STDIN/STDOUT
     * @param program whether {@code PROGRAM} was written
     * @param options the options in written order
     * @param where the WHERE filter of COPY FROM, or {@code null}
     * @param position offset of {@code COPY}
     */
    public Copy {
        columns = List.copyOf(columns);
        options = List.copyOf(options);
    }
}
