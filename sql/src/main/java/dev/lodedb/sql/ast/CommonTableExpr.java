package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code name [(columns)] AS [[NOT] MATERIALIZED] (statement)}; the statement is a
 * {@link Query} or a data-modifying {@link Insert}, {@link Update} or {@link Delete}.
 *
 * @param name the CTE name
 * @param columns column aliases (possibly empty)
 * @param materialized {@code TRUE} for MATERIALIZED, {@code FALSE} for NOT MATERIALIZED, {@code null} when unspecified
 * @param statement the CTE's statement
 * @param position offset of the name
 */
public record CommonTableExpr(String name, List<String> columns, Boolean materialized, Statement statement,
        int position) implements Node {

    /** Copies {@code columns}. */
    public CommonTableExpr {
        columns = List.copyOf(columns);
    }
}
