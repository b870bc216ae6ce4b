package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code WITH [RECURSIVE] cte [, ...]}.
 *
 * @param recursive whether {@code RECURSIVE} was written
 * @param ctes the common table expressions (never empty)
 * @param position offset of {@code WITH}
 */
public record WithClause(boolean recursive, List<CommonTableExpr> ctes, int position) implements Node {

    /**
     * Copies {@code ctes}.
     *
     * @param recursive whether {@code RECURSIVE} was written
     * @param ctes the common table expressions (never empty)
     * @param position offset of {@code WITH}
     */
    public WithClause {
        ctes = List.copyOf(ctes);
    }
}
