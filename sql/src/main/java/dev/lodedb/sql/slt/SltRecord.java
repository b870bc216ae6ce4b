package dev.lodedb.sql.slt;

import java.util.List;

/**
 * One record of a sqllogictest script (format: SQLite's sqllogictest {@code about.wiki} and its
 * reference runner {@code src/sqllogictest.c}). Immutable.
 */
public sealed interface SltRecord {
    /** @return the 1-based line of the record's first line in its file */
    int line();

    /**
     * {@code statement ok} or {@code statement error}: run {@code sql}; it must succeed, or fail.
     *
     * @param sql the statement, without a trailing semicolon
     * @param expectError whether the statement must fail
     */
    record Statement(int line, String sql, boolean expectError) implements SltRecord {
    }

    /**
     * {@code query <types> [<sort mode>] [<label>]}: run {@code sql} and compare its result.
     *
     * @param types one character per result column: {@code I} integer, {@code R} float, {@code T} text
     * @param sortMode how the runner orders the values before comparing
     * @param label the label shared by queries that must give equal results, or {@code null}
     * @param expected the lines after {@code ----}: one value per line, or one
     *     {@code "<n> values hashing to <md5>"} line
     */
    record Query(int line, String sql, String types, SortMode sortMode, String label, List<String> expected)
            implements SltRecord {
    }

    /** {@code hash-threshold N}: results with more than {@code n} values compare by hash. */
    record HashThreshold(int line, int threshold) implements SltRecord {
    }

    /** {@code halt}: stop running the file. */
    record Halt(int line) implements SltRecord {
    }

    /** How a query's values are ordered before they are compared. */
    enum SortMode {
        /** In the order the engine returned them. */
        NOSORT,
        /** Rows sorted by their rendered text, compared column by column as strings. */
        ROWSORT,
        /** Every value sorted individually as a string. */
        VALUESORT
    }
}
