package dev.lodedb.sql.stats;

import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.exec.DataChunk;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.exec.TableScan;
import dev.lodedb.sql.exec.Vector;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Gathers a table's column statistics (ANALYZE) in one sequential scan of a snapshot:
 * <ul>
 *   <li>the null fraction exactly, over every row;</li>
 *   <li>the number of distinct values exactly when the sample holds every row, else from a
 *       {@link HyperLogLog} sketch over every row (never fewer than the sample's distinct values);
 *       above 10% of the rows it is stored as a negative fraction of the rows, as PostgreSQL
 *       does, so that it scales with the table;</li>
 *   <li>the most common values, their frequencies, the equi-depth histogram and the average width
 *       from a uniform sample of {@value #SAMPLE_ROWS} rows (reservoir sampling, Vitter's
 *       algorithm R; PostgreSQL samples {@code 300 * default_statistics_target} rows, also
 *       30,000 for its default target of 100).</li>
 * </ul>
 * Most common values follow PostgreSQL's rule ({@code analyze_mcv_list}): when the sample saw
 * every distinct value and there are at most {@value #TARGET}, all of them; otherwise the values
 * seen at least twice and more than 1.25 times as often as the average value, at most
 * {@value #TARGET}. The histogram has up to {@value #TARGET} buckets over the sorted sample values
 * not in that list. Values wider than {@value #WIDTH_THRESHOLD} characters are left out of both,
 * as PostgreSQL leaves out its "too wide" values. The sample's random source is seeded with the
 * table id, so the same data gives the same statistics. Not thread-safe (one per ANALYZE).
 */
public final class TableAnalyzer {
    /** The statistics target: most common values and histogram buckets per column. */
    public static final int TARGET = 100;
    /** Rows sampled: {@code 300 * TARGET}. */
    public static final int SAMPLE_ROWS = 300 * TARGET;
    /** Values wider than this (in characters of their text) stay out of the MCV list and histogram. */
    static final int WIDTH_THRESHOLD = 1024;

    private TableAnalyzer() {
    }

    /**
     * @param ctx the context whose snapshot is read
     * @param table the table
     * @param columns positions in {@code table.columns()} to analyze
     * @return the statistics of those columns and the rows scanned
     */
    public static RelationStatistics analyze(ExecContext ctx, TableDef table, List<Integer> columns) {
        int[] projection = columns.stream().mapToInt(Integer::intValue).toArray();
        int n = projection.length;
        HyperLogLog[] sketches = new HyperLogLog[n];
        long[] nulls = new long[n];
        for (int i = 0; i < n; i++) {
            sketches[i] = new HyperLogLog();
        }
        List<Object[]> sample = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(table.id());
        long rows = 0;
        TableScan scan = new TableScan(table, projection, null);
        scan.open(ctx);
        try {
            DataChunk chunk;
            while ((chunk = scan.next()) != null) {
                ctx.checkCancelled();
                for (int k = 0; k < chunk.size(); k++) {
                    int r = chunk.row(k);
                    Object[] values = null;
                    long slot = rows < SAMPLE_ROWS ? rows : random.nextLong(rows + 1);
                    if (slot < SAMPLE_ROWS) {
                        values = new Object[n];
                    }
                    for (int i = 0; i < n; i++) {
                        Vector v = chunk.column(i);
                        Object value = v.get(r);
                        if (value == null) {
                            nulls[i]++;
                        } else {
                            sketches[i].add(hash(v.type(), value));
                        }
                        if (values != null) {
                            values[i] = value;
                        }
                    }
                    if (values != null) {
                        if (rows < SAMPLE_ROWS) {
                            sample.add(values);
                        } else {
                            sample.set((int) slot, values);
                        }
                    }
                    rows++;
                }
            }
        } finally {
            scan.close();
        }
        Map<Integer, ColumnStatistics> out = new HashMap<>();
        boolean complete = rows == sample.size();
        for (int i = 0; i < n; i++) {
            ColumnDef c = table.columns().get(projection[i]);
            out.put(c.id(), column(c, i, sample, rows, nulls[i], sketches[i], complete));
        }
        return new RelationStatistics(table.id(), rows, System.currentTimeMillis(), out);
    }

    /** A distinct sample value and how often it was seen. */
    private static final class Count {
        final Object value;
        int count;

        Count(Object value) {
            this.value = value;
        }
    }

    private static ColumnStatistics column(ColumnDef c, int i, List<Object[]> sample, long rows, long nulls,
            HyperLogLog sketch, boolean complete) {
        DataType type = c.type();
        if (rows == 0) {
            return new ColumnStatistics(c.id(), type, 0, 0, 0, List.of(), new double[0], List.of());
        }
        Map<Object, Count> counts = new HashMap<>();
        long width = 0;
        int nonNull = 0;
        int tooWide = 0;
        for (Object[] row : sample) {
            Object v = row[i];
            if (v == null) {
                continue;
            }
            nonNull++;
            int w = width(type, v);
            width += w;
            if (w > WIDTH_THRESHOLD) {
                tooWide++;
                continue;
            }
            counts.computeIfAbsent(key(type, v), k -> new Count(v)).count++;
        }
        double nullFraction = (double) nulls / rows;
        long nonNullRows = rows - nulls;
        double ndv;
        if (complete) {
            ndv = counts.size() + tooWide;
        } else {
            ndv = Math.min(nonNullRows, Math.max(counts.size(), Math.round(sketch.estimate())));
        }
        double distinct = ndv > 0.1 * rows ? -(ndv / rows) : ndv;
        boolean ordered = type.id() != TypeId.JSON;
        List<Count> sorted = new ArrayList<>(counts.values());
        Comparator<Count> byCount = Comparator.comparingInt((Count x) -> x.count).reversed();
        sorted.sort(ordered ? byCount.thenComparing((a, b) -> Values.compare(type, a.value, b.value)) : byCount);
        int mcvCount;
        if (sorted.size() == ndv && tooWide == 0 && distinct > 0 && sorted.size() <= TARGET) {
            mcvCount = sorted.size();
        } else {
            double average = sorted.isEmpty() ? 0 : (double) (nonNull - tooWide) / sorted.size();
            mcvCount = 0;
            while (mcvCount < Math.min(TARGET, sorted.size()) && sorted.get(mcvCount).count >= 2
                    && sorted.get(mcvCount).count > 1.25 * average) {
                mcvCount++;
            }
        }
        List<Object> mcv = new ArrayList<>();
        double[] freqs = new double[mcvCount];
        for (int k = 0; k < mcvCount; k++) {
            mcv.add(sorted.get(k).value);
            freqs[k] = (double) sorted.get(k).count / sample.size();
        }
        List<Object> histogram = new ArrayList<>();
        if (ordered && sorted.size() - mcvCount >= 2) {
            List<Object> rest = new ArrayList<>();
            for (int k = mcvCount; k < sorted.size(); k++) {
                Count x = sorted.get(k);
                for (int j = 0; j < x.count; j++) {
                    rest.add(x.value);
                }
            }
            rest.sort((a, b) -> Values.compare(type, a, b));
            int bounds = Math.min(TARGET + 1, sorted.size() - mcvCount);
            for (int k = 0; k < bounds; k++) {
                histogram.add(rest.get((int) ((long) k * (rest.size() - 1) / (bounds - 1))));
            }
        }
        int averageWidth = nonNull == 0 ? 0 : (int) Math.round((double) width / nonNull);
        return new ColumnStatistics(c.id(), type, nullFraction, averageWidth, distinct, mcv, freqs, histogram);
    }

    /** @return a key equal for values PostgreSQL's equality treats as equal */
    private static Object key(DataType type, Object v) {
        if (v instanceof byte[] b) {
            return ByteBuffer.wrap(b);
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (v instanceof Double d) {
            return d == 0 ? 0.0 : d;
        }
        if (v instanceof Float f) {
            return f == 0 ? 0.0f : f;
        }
        if (type.id() == TypeId.CHAR) {
            return Values.stripTrailingBlanks((String) v);
        }
        if (type.id() == TypeId.JSON) {
            return Values.format(type, v);
        }
        return v;
    }

    private static long hash(DataType type, Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            return HyperLogLog.mix(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return HyperLogLog.mix(Double.doubleToLongBits(d == 0 ? 0.0 : d));
        }
        Object k = key(type, v);
        if (k instanceof String s) {
            return HyperLogLog.hash(s);
        }
        return HyperLogLog.mix(k.hashCode() * 0x9e3779b97f4a7c15L + k.getClass().hashCode());
    }

    /** @return the width in bytes PostgreSQL would store (the text length for variable-width types) */
    private static int width(DataType type, Object v) {
        int fixed = fixedWidth(type);
        if (fixed > 0) {
            return fixed;
        }
        return switch (type.id()) {
            case TEXT, VARCHAR, CHAR, UNKNOWN -> ((String) v).length() + 1;
            case BYTEA -> ((byte[]) v).length + 1;
            default -> Values.format(type, v).length() + 1;
        };
    }

    /** @return the bytes of every value of a fixed-width type, or -1 for a variable-width type */
    public static int fixedWidth(DataType type) {
        return switch (type.id()) {
            case BOOLEAN -> 1;
            case SMALLINT -> 2;
            case INTEGER, REAL, DATE -> 4;
            case BIGINT, DOUBLE, TIME, TIMESTAMP, TIMESTAMPTZ -> 8;
            case INTERVAL, UUID -> 16;
            default -> -1;
        };
    }
}
