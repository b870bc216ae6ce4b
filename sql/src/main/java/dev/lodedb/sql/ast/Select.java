package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code SELECT [ALL | DISTINCT [ON (...)]] targets [FROM ...] [WHERE ...] [GROUP BY ...]
 * [HAVING ...] [WINDOW ...]}. {@code TABLE t} is read as {@code SELECT * FROM t}.
 *
 * @param distinct whether {@code DISTINCT} was written
 * @param distinctOn the DISTINCT ON expressions (implies {@code distinct})
 * @param targets the select list (possibly empty, as PostgreSQL allows)
 * @param from the FROM items
 * @param where the WHERE condition, or {@code null}
 * @param groupBy GROUP BY items: expressions, ordinals or {@link GroupingSet}s
 * @param groupByDistinct whether {@code GROUP BY DISTINCT} was written
 * @param having the HAVING condition, or {@code null}
 * @param windows the WINDOW clause's definitions
 * @param position offset of {@code SELECT}
 */
public record Select(boolean distinct, List<Expr> distinctOn, List<SelectItem> targets, List<TableRef> from,
        Expr where, List<Expr> groupBy, boolean groupByDistinct, Expr having, List<WindowDefinition> windows,
        int position) implements QueryBody {

    /**
     * Copies the lists.
     *
     * @param distinct whether {@code DISTINCT} was written
     * @param distinctOn the DISTINCT ON expressions (implies {@code distinct})
     * @param targets the select list (possibly empty, as PostgreSQL allows)
     * @param from the FROM items
     * @param where the WHERE condition, or {@code null}
     * @param groupBy GROUP BY items: expressions, ordinals or {@link GroupingSet}s
     * @param groupByDistinct whether {@code GROUP BY DISTINCT} was written
     * @param having the HAVING condition, or {@code null}
     * @param windows the WINDOW clause's definitions
     * @param position offset of {@code SELECT}
     */
    public Select {
        distinctOn = List.copyOf(distinctOn);
        targets = List.copyOf(targets);
        from = List.copyOf(from);
        groupBy = List.copyOf(groupBy);
        windows = List.copyOf(windows);
    }
}
