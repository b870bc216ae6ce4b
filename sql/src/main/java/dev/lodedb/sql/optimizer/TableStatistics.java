package dev.lodedb.sql.optimizer;

import dev.lodedb.engine.catalog.TableDef;

/**
 * What the optimizer knows about a table: its size and, once analyzed, its column statistics.
 * Implementations are thread-safe.
 */
public interface TableStatistics {
    /** No statistics: every table is assumed to have 1,000 rows. */
    TableStatistics NONE = t -> 1000;

    /** @return the estimated number of rows of {@code table} */
    long rowCount(TableDef table);

    /** @return what ANALYZE gathered about {@code table}'s columns, or {@code null} (never analyzed) */
    default dev.lodedb.sql.stats.RelationStatistics columns(TableDef table) {
        return null;
    }
}
