package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lodedb.engine.SqlException;
import dev.lodedb.sql.stats.StatisticsStore;
import dev.lodedb.storage.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ANALYZE on generated data with known distributions (a seeded random source; the seed is in every
 * assertion's description), the pg_stats view, persistence and DROP TABLE.
 */
class AnalyzeTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;
    final long seed = System.nanoTime();

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    /**
     * {@code rows} rows of t(id, skew, u, n, s): skew is 1 in 60% of the rows and otherwise uniform
     * in 2..1001, u is uniform in 0..99, n is NULL in about 30% of the rows, s has 5,000 values.
     *
     * @return the number of rows where n is NULL and where skew = 1
     */
    private long[] load(int rows) {
        t.exec("CREATE TABLE t (id int PRIMARY KEY, skew int, u int, n int, s text)");
        Random r = new Random(seed);
        long nulls = 0;
        long ones = 0;
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= rows; i++) {
            boolean one = r.nextDouble() < 0.6;
            boolean isNull = r.nextDouble() < 0.3;
            nulls += isNull ? 1 : 0;
            ones += one ? 1 : 0;
            sb.append(sb.length() == 0 ? "INSERT INTO t VALUES " : ", ").append('(').append(i).append(", ")
                    .append(one ? 1 : 2 + r.nextInt(1000)).append(", ").append(r.nextInt(100)).append(", ")
                    .append(isNull ? "NULL" : Integer.toString(r.nextInt(1000))).append(", 'v").append(i % 5000)
                    .append("')");
            if (i % 2000 == 0 || i == rows) {
                t.exec(sb.toString());
                sb.setLength(0);
            }
        }
        return new long[] {nulls, ones};
    }

    private String stat(String column, String field) {
        return t.value("SELECT " + field + " FROM pg_stats WHERE tablename = 't' AND attname = '" + column + "'");
    }

    @Test
    void gathersNullFractionDistinctCountsMostCommonValuesAndHistograms() {
        long[] known = load(10_000);
        String s = "seed " + seed;
        assertThat(t.rows("ANALYZE t")).isEmpty();
        assertThat(Double.parseDouble(stat("n", "null_frac"))).as(s).isCloseTo(known[0] / 10_000.0, within(1e-6));
        assertThat(stat("id", "null_frac")).isEqualTo("0");
        // every id distinct: -1, as PostgreSQL stores a unique column
        assertThat(stat("id", "n_distinct")).as(s).isEqualTo("-1");
        assertThat(stat("u", "n_distinct")).as(s).isEqualTo("100");
        assertThat(stat("s", "n_distinct")).as(s).isEqualTo("-0.5");
        // the whole table is the sample: skew's most common value and its exact frequency
        String mcv = stat("skew", "most_common_vals");
        // the other values (about 4 rows each) are rarely common enough to be listed
        assertThat(mcv.replaceAll("[{}]", "").split(",")[0]).as(s).isEqualTo("1");
        assertThat(mcv.split(",").length).as(s).isLessThan(5);
        double first = Double.parseDouble(stat("skew", "most_common_freqs").replaceAll("[{}]", "").split(",")[0]);
        assertThat(first).as(s).isCloseTo(known[1] / 10_000.0, within(1e-6));
        // u: 100 values that all fit the MCV list, so no histogram
        assertThat(stat("u", "most_common_vals").split(",")).as(s).hasSize(100);
        assertThat(stat("u", "histogram_bounds")).isEqualTo("NULL");
        // id: 101 equi-depth bounds from the smallest to the largest value
        String[] bounds = stat("id", "histogram_bounds").replaceAll("[{}]", "").split(",");
        assertThat(bounds).hasSize(101);
        assertThat(bounds[0]).isEqualTo("1");
        assertThat(bounds[50]).isEqualTo("5000");
        assertThat(bounds[100]).isEqualTo("10000");
        assertThat(stat("id", "most_common_vals")).isEqualTo("NULL");
        assertThat(stat("id", "avg_width")).isEqualTo("4");
        assertThat(Integer.parseInt(stat("s", "avg_width"))).isBetween(4, 6);
        assertThat(t.rows("SELECT schemaname, attname FROM pg_catalog.pg_stats ORDER BY attname")).containsExactly(
                "public|id", "public|n", "public|s", "public|skew", "public|u");
    }

    @Test
    void tablesLargerThanTheSampleEstimateDistinctValuesWithASketch() {
        t.exec("CREATE TABLE big (id int, g int, txt text)");
        t.exec("INSERT INTO big SELECT i, i % 7, 'x' || (i % 20000) FROM generate_series(1, 60000) i");
        t.exec("ANALYZE big");
        double id = Double.parseDouble(t.value("SELECT n_distinct FROM pg_stats WHERE attname = 'id'"));
        assertThat(id).isCloseTo(-1.0, within(0.03));
        double txt = Double.parseDouble(t.value("SELECT n_distinct FROM pg_stats WHERE attname = 'txt'"));
        assertThat(txt).isCloseTo(-1.0 / 3, within(0.02));
        assertThat(t.value("SELECT n_distinct FROM pg_stats WHERE attname = 'g'")).isEqualTo("7");
        String[] freqs = t.value("SELECT most_common_freqs FROM pg_stats WHERE attname = 'g'").replaceAll("[{}]", "")
                .split(",");
        assertThat(freqs).hasSize(7);
        for (String f : freqs) {
            assertThat(Double.parseDouble(f)).isCloseTo(1.0 / 7, within(0.01));
        }
    }

    @Test
    void statisticsSurviveReopenAndDropTableRemovesThem() {
        load(500);
        t.exec("CREATE TABLE other (a text); INSERT INTO other VALUES ('x'), ('y'), (NULL)");
        t.exec("ANALYZE");
        List<String> before = t.rows("SELECT * FROM pg_stats");
        assertThat(before).hasSize(6);
        t.reopen();
        assertThat(t.rows("SELECT * FROM pg_stats")).isEqualTo(before);
        assertThat(t.rows("SELECT attname, null_frac, n_distinct, most_common_vals, histogram_bounds FROM pg_stats"
                + " WHERE tablename = 'other'")).containsExactly("a|0.33333334|-0.6666667|NULL|{x,y}");
        int id = t.db.catalog().table("public", "t").id();
        t.exec("DROP TABLE t");
        assertThat(t.rows("SELECT DISTINCT tablename FROM pg_stats")).containsExactly("other");
        assertThat(StatisticsStore.read(t.db.store(), ReadOptions.DEFAULT, id)).isNull();
        t.reopen();
        assertThat(t.rows("SELECT DISTINCT tablename FROM pg_stats")).containsExactly("other");
    }

    @Test
    void aColumnListReplacesOnlyThoseColumnsAndVerboseReports() {
        t.exec("CREATE TABLE c (a int, b int); INSERT INTO c SELECT i, i FROM generate_series(1, 10) i");
        t.exec("ANALYZE c (a)");
        assertThat(t.rows("SELECT attname FROM pg_stats")).containsExactly("a");
        t.exec("INSERT INTO c VALUES (NULL, NULL)");
        try (StatementResult r = t.session.execute(t.session.prepare("ANALYZE VERBOSE c (b)"), List.of())) {
            assertThat(r.notices()).containsExactly("INFO:  analyzing \"public.c\"",
                    "INFO:  \"c\": scanned 11 rows; 11 rows in sample, 11 estimated total rows");
        }
        assertThat(t.rows("SELECT attname, null_frac FROM pg_stats")).containsExactly("a|0", "b|0.09090909");
    }

    @Test
    void analyzeOfAMissingTableOrColumnIsAnError() {
        t.exec("CREATE TABLE c (a int)");
        assertThatThrownBy(() -> t.exec("ANALYZE c, nope")).isInstanceOfSatisfying(SqlException.class, e -> {
            assertThat(e.sqlState()).isEqualTo("42P01");
            assertThat(e.getMessage()).isEqualTo("relation \"nope\" does not exist");
            assertThat(e.position()).isEqualTo(12);
        });
        assertThatThrownBy(() -> t.exec("ANALYZE c (zz)")).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("42703"));
        assertThat(t.rows("SELECT * FROM pg_stats")).isEmpty();
    }
}
