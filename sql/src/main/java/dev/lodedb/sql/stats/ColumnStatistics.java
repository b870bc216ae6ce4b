package dev.lodedb.sql.stats;

import dev.lodedb.engine.types.DataType;
import java.util.List;

/**
 * What ANALYZE learned about one column, with PostgreSQL's meanings ({@code pg_statistic} and
 * the {@code pg_stats} view): the fraction of NULL rows, the average width in bytes of the non-NULL
 * values, the number of distinct non-NULL values, the most common values with their frequencies
 * (fractions of all rows, descending), and the bounds of an equi-depth histogram over the other
 * non-NULL values (each of the {@code bounds - 1} buckets holds about as many rows). Immutable.
 *
 * @param columnId the column's stable id in its table
 * @param type the column's type when analyzed (statistics of an older type are ignored)
 * @param nullFraction fraction of rows whose value is NULL
 * @param averageWidth average width of the non-NULL values in bytes (their text form for variable-width types)
 * @param distinct PostgreSQL's {@code n_distinct}: a positive number is the count of distinct values;
 *     a negative one is minus the count divided by the table's rows (it scales with the table), -1
 *     meaning every row is distinct; 0 when unknown
 * @param mostCommonValues the most common values as their Java class, most frequent first
 * @param mostCommonFrequencies the fraction of all rows holding each of {@code mostCommonValues}
 * @param histogram ascending bounds of the equi-depth histogram over the values not in the MCV
 *     list (empty when there are fewer than two such distinct values or the type has no order)
 */
public record ColumnStatistics(int columnId, DataType type, double nullFraction, int averageWidth, double distinct,
        List<Object> mostCommonValues, double[] mostCommonFrequencies, List<Object> histogram) {

    /**
     * Copies the lists.
     *
     * @param columnId the column's id
     * @param type the column's type
     * @param nullFraction fraction of NULL rows
     * @param averageWidth average width in bytes
     * @param distinct {@code n_distinct}
     * @param mostCommonValues the most common values
     * @param mostCommonFrequencies their frequencies
     * @param histogram the histogram bounds
     */
    public ColumnStatistics {
        mostCommonValues = List.copyOf(mostCommonValues);
        mostCommonFrequencies = mostCommonFrequencies.clone();
        histogram = List.copyOf(histogram);
    }

    /** @return the number of distinct non-NULL values in a table of {@code rows} rows (at least 1) */
    public double distinctCount(double rows) {
        double d = distinct >= 0 ? distinct : -distinct * rows;
        return Math.max(1, d);
    }

    /** @return the sum of the most common values' frequencies */
    public double mostCommonTotal() {
        double s = 0;
        for (double f : mostCommonFrequencies) {
            s += f;
        }
        return s;
    }
}
