package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code name [(columns)] AS [[NOT] MATERIALIZED] (statement) [SEARCH ...] [CYCLE ...]}; the
 * statement is a {@link Query} or a data-modifying {@link Insert}, {@link Update} or
 * {@link Delete}.
 *
 * @param name the CTE name
 * @param columns column aliases (possibly empty)
 * @param materialized {@code TRUE} for MATERIALIZED, {@code FALSE} for NOT MATERIALIZED, {@code null} when unspecified
 * @param statement the CTE's statement
 * @param search the SEARCH clause of a recursive CTE, or {@code null}
 * @param cycle the CYCLE clause of a recursive CTE, or {@code null}
 * @param position offset of the name
 */
public record CommonTableExpr(String name, List<String> columns, Boolean materialized, Statement statement,
        Search search, Cycle cycle, int position) implements Node {

    /**
     * Copies {@code columns}.
     *
     * @param name the CTE name
     * @param columns column aliases (possibly empty)
     * @param materialized {@code TRUE} for MATERIALIZED, {@code FALSE} for NOT MATERIALIZED, {@code null} when unspecified
     * @param statement the CTE's statement
     * @param search the SEARCH clause of a recursive CTE, or {@code null}
     * @param cycle the CYCLE clause of a recursive CTE, or {@code null}
     * @param position offset of the name
     */
    public CommonTableExpr {
        columns = List.copyOf(columns);
    }

    /**
     * {@code SEARCH {DEPTH | BREADTH} FIRST BY columns SET sequenceColumn}.
     *
     * @param depthFirst {@code true} for DEPTH FIRST, {@code false} for BREADTH FIRST
     * @param columns the ordering columns
     * @param sequenceColumn the added ordering column
     * @param position offset of {@code SEARCH}
     */
    public record Search(boolean depthFirst, List<String> columns, String sequenceColumn, int position)
            implements Node {

        /**
         * Copies {@code columns}.
         *
         * @param depthFirst {@code true} for DEPTH FIRST, {@code false} for BREADTH FIRST
         * @param columns the ordering columns
         * @param sequenceColumn the added ordering column
         * @param position offset of {@code SEARCH}
         */
        public Search {
            columns = List.copyOf(columns);
        }
    }

    /**
     * {@code CYCLE columns SET markColumn [TO markValue DEFAULT markDefault] USING pathColumn}.
     *
     * @param columns the columns compared to detect a cycle
     * @param markColumn the added cycle-mark column
     * @param markValue the mark for a cycle row, or {@code null} (TRUE)
     * @param markDefault the mark for other rows, or {@code null} (FALSE)
     * @param pathColumn the added path column
     * @param position offset of {@code CYCLE}
     */
    public record Cycle(List<String> columns, String markColumn, Expr markValue, Expr markDefault,
            String pathColumn, int position) implements Node {

        /**
         * Copies {@code columns}.
         *
         * @param columns the columns compared to detect a cycle
         * @param markColumn the added cycle-mark column
         * @param markValue the mark for a cycle row, or {@code null} (TRUE)
         * @param markDefault the mark for other rows, or {@code null} (FALSE)
         * @param pathColumn the added path column
         * @param position offset of {@code CYCLE}
         */
        public Cycle {
            columns = List.copyOf(columns);
        }
    }
}
