package dev.lodedb.sql.ast;

import java.util.List;

/**
 * A GROUP BY grouping construct: {@code ()}, {@code ROLLUP (...)}, {@code CUBE (...)} or
 * {@code GROUPING SETS (...)}. Multi-column groups inside are {@link RowConstructor}s.
 *
 * @param kind the construct
 * @param items its items (empty for {@link Kind#EMPTY})
 * @param position offset of the first token
 */
public record GroupingSet(Kind kind, List<Expr> items, int position) implements Expr {

    /**
     * Copies {@code items}.
     *
     * @param kind the construct
     * @param items its items (empty for {@link Kind#EMPTY})
     * @param position offset of the first token
     */
    public GroupingSet {
        items = List.copyOf(items);
    }

    /** The grouping construct. */
    public enum Kind {
        /** {@code ()}: the grand total */
        EMPTY,
        /** {@code ROLLUP (...)} */
        ROLLUP,
        /** {@code CUBE (...)} */
        CUBE,
        /** {@code GROUPING SETS (...)} */
        SETS
    }
}
