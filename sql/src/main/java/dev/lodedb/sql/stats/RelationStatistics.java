package dev.lodedb.sql.stats;

import java.util.Map;

/**
 * The statistics of one table as of its last ANALYZE: the rows it had then and each analyzed
 * column's {@link ColumnStatistics}. Immutable.
 *
 * @param tableId the table's id
 * @param rows the table's rows when it was analyzed ({@code reltuples})
 * @param analyzedAtMillis when, in milliseconds since the epoch
 * @param columns the statistics per column id
 */
public record RelationStatistics(int tableId, long rows, long analyzedAtMillis, Map<Integer, ColumnStatistics> columns) {

    /**
     * Copies the map.
     *
     * @param tableId the table's id
     * @param rows the rows when analyzed
     * @param analyzedAtMillis when
     * @param columns the statistics per column id
     */
    public RelationStatistics {
        columns = Map.copyOf(columns);
    }

    /** @return the statistics of column {@code columnId}, or {@code null} */
    public ColumnStatistics column(int columnId) {
        return columns.get(columnId);
    }
}
