package dev.lodedb.sql.stats;

import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.CatalogStore;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.function.ArrayText;
import dev.lodedb.sql.plan.PlanColumn;
import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ReadOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code pg_stats} view: one row per analyzed column with PostgreSQL's columns (schemaname,
 * tablename, attname, inherited, null_frac, avg_width, n_distinct, most_common_vals,
 * most_common_freqs, histogram_bounds, correlation). The array columns are their text form (LodeDB
 * has no array type yet); correlation is NULL (not gathered). Read through the statement's snapshot
 * with the catalog stored in it. Thread-safe (stateless).
 */
public final class PgStatsView {
    /** The view's name. */
    public static final String NAME = "pg_stats";

    private PgStatsView() {
    }

    /** @return the view's columns */
    public static List<PlanColumn> columns() {
        List<PlanColumn> c = new ArrayList<>();
        for (String n : List.of("schemaname", "tablename", "attname")) {
            c.add(PlanColumn.of(n, DataType.TEXT));
        }
        c.add(PlanColumn.of("inherited", DataType.BOOLEAN));
        c.add(PlanColumn.of("null_frac", DataType.REAL));
        c.add(PlanColumn.of("avg_width", DataType.INTEGER));
        c.add(PlanColumn.of("n_distinct", DataType.REAL));
        for (String n : List.of("most_common_vals", "most_common_freqs", "histogram_bounds")) {
            c.add(PlanColumn.of(n, DataType.TEXT));
        }
        c.add(PlanColumn.of("correlation", DataType.REAL));
        return c;
    }

    /**
     * @param store the store
     * @param options the statement's snapshot
     * @return the view's rows, by schema, table and column position
     */
    public static List<Object[]> rows(KeyValueStore store, ReadOptions options) {
        Catalog catalog = CatalogStore.load(store, options);
        List<TableDef> tables = new ArrayList<>(catalog.tables());
        tables.sort(Comparator.comparing(TableDef::schema).thenComparing(TableDef::name));
        List<Object[]> rows = new ArrayList<>();
        for (TableDef t : tables) {
            RelationStatistics s = StatisticsStore.read(store, options, t.id());
            if (s == null) {
                continue;
            }
            for (ColumnDef c : t.columns()) {
                ColumnStatistics cs = s.column(c.id());
                if (cs == null || !cs.type().equals(c.type())) {
                    continue;
                }
                List<String> freqs = new ArrayList<>();
                for (double f : cs.mostCommonFrequencies()) {
                    freqs.add(Values.format(DataType.REAL, (float) f));
                }
                rows.add(new Object[] {t.schema(), t.name(), c.name(), false, (float) cs.nullFraction(),
                    cs.averageWidth(), (float) cs.distinct(), array(cs.type(), cs.mostCommonValues()),
                    freqs.isEmpty() ? null : ArrayText.format(freqs), array(cs.type(), cs.histogram()), null});
            }
        }
        return rows;
    }

    private static String array(DataType type, List<Object> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<String> text = new ArrayList<>();
        for (Object v : values) {
            text.add(Values.format(type, v));
        }
        return ArrayText.format(text);
    }
}
