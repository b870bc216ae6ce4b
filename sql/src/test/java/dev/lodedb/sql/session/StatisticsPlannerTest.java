package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner with column statistics, asserted from EXPLAIN: access paths that flip once ANALYZE
 * knows a column is skewed, estimated rows per operator from MCVs, histograms, null fractions and
 * distinct counts, and the hash join's build side chosen from estimated sizes.
 */
class StatisticsPlannerTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
        // skew: 1 in 60% of the rows, else 2..1001 (4 rows each); u: 100 values; n: NULL in 25%
        t.exec("CREATE TABLE t (id int PRIMARY KEY, skew int, u int, n int, name text)");
        t.exec("INSERT INTO t SELECT i, CASE WHEN i % 10 < 6 THEN 1 ELSE 2 + i % 1000 END, i % 100,"
                + " CASE WHEN i % 4 = 0 THEN NULL ELSE i END, 'name' || (i % 2000) FROM generate_series(1, 10000) i");
        t.exec("CREATE INDEX t_skew ON t (skew)");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private String plan(String sql) {
        return String.join("\n", t.rows("EXPLAIN (COSTS OFF) " + sql));
    }

    private String costs(String sql) {
        return String.join("\n", t.rows("EXPLAIN " + sql));
    }

    @Test
    void theAccessPathOfASkewedColumnFlipsWithStatistics() {
        // without statistics every value is assumed rare (PostgreSQL's 0.5%)
        assertThat(plan("SELECT * FROM t WHERE skew = 1")).contains("Index Scan using t_skew on t");
        t.exec("ANALYZE t");
        assertThat(plan("SELECT * FROM t WHERE skew = 1")).contains("Seq Scan on t").doesNotContain("Index");
        assertThat(plan("SELECT * FROM t WHERE skew = 500")).contains("Index Scan using t_skew on t");
        // ranges from the histogram: the top tenth of the rare values is 4% of the rows
        assertThat(plan("SELECT * FROM t WHERE skew > 900")).contains("Index Scan using t_skew on t");
        assertThat(plan("SELECT * FROM t WHERE skew > 2")).contains("Seq Scan on t").doesNotContain("Index");
        assertThat(plan("SELECT * FROM t WHERE skew IN (1, 7)")).contains("Seq Scan on t");
        assertThat(plan("SELECT * FROM t WHERE skew IN (5, 7)")).contains("Index Scan using t_skew on t");
    }

    @Test
    void estimatedRowsComeFromTheStatistics() {
        t.exec("ANALYZE t");
        assertThat(costs("SELECT * FROM t WHERE skew = 1")).containsPattern(
                "->  Seq Scan on t  \\(cost=0\\.00\\.\\.\\d+\\.\\d\\d rows=6000 width=\\d+\\)");
        assertThat(costs("SELECT id FROM t WHERE u = 7")).contains("rows=100 ");
        assertThat(costs("SELECT id FROM t WHERE n IS NULL")).contains("rows=2500 ");
        assertThat(costs("SELECT id FROM t WHERE id < 2500")).containsPattern("rows=2(4|5)\\d\\d ");
        assertThat(costs("SELECT id FROM t WHERE name LIKE 'name1%'")).containsPattern("rows=\\d+ ");
        assertThat(costs("SELECT u, count(*) FROM t GROUP BY u")).containsPattern("HashAggregate.*rows=100 ");
        // without statistics PostgreSQL's defaults: a third of the rows for a range
        t.exec("CREATE TABLE plain (a int); INSERT INTO plain SELECT i FROM generate_series(1, 3000) i");
        assertThat(costs("SELECT a FROM plain WHERE a < 10")).contains("rows=1000 ");
        assertThat(costs("SELECT a FROM plain")).endsWith("->  Seq Scan on plain  (cost=0.00..3000.00 rows=3000 width=4)");
    }

    @Test
    void equiJoinCardinalityUsesDistinctCountsAndChoosesTheBuildSide() {
        t.exec("CREATE TABLE d (k int, label text); INSERT INTO d SELECT i % 100, 'l' || i FROM generate_series(1, 3000) i");
        // without statistics: t's filter is guessed at 10%, so t (1,000) is put first and d probes t's hash table
        List<String> before = t.rows("EXPLAIN (COSTS OFF) SELECT * FROM t JOIN d ON t.u = d.k WHERE t.skew = 1");
        assertThat(before.get(before.size() - 2)).contains("Index Scan using t_skew on t");
        t.exec("ANALYZE");
        // with statistics: 6,000 rows of t pass, so d (3,000) becomes the hash table
        List<String> after = t.rows("EXPLAIN (COSTS OFF) SELECT * FROM t JOIN d ON t.u = d.k WHERE t.skew = 1");
        assertThat(after.get(after.size() - 1)).contains("Seq Scan on d");
        // |t| * |d| / max(ndv(u), ndv(k)) = 10,000 * 3,000 / 100
        assertThat(costs("SELECT * FROM t JOIN d ON t.u = d.k")).containsPattern("Hash Join.*rows=300000 ");
    }

    @Test
    void costsOffAndJsonEstimates() {
        t.exec("ANALYZE t");
        assertThat(plan("SELECT * FROM t WHERE skew = 1")).doesNotContain("cost=");
        String json = t.value("EXPLAIN (FORMAT JSON) SELECT * FROM t WHERE skew = 1");
        assertThat(json).contains("\"Plan Rows\" : 6000", "\"Startup Cost\"", "\"Total Cost\"", "\"Plan Width\"");
        assertThat(String.join("\n", t.rows("EXPLAIN (ANALYZE, TIMING off) SELECT * FROM t WHERE skew = 1")))
                .containsPattern("Seq Scan on t  \\(cost=[0-9.]+ rows=6000 width=\\d+\\) \\(actual rows=6000 loops=1\\)"
                        .replace("[0-9.]+", "[0-9.]+\\.\\.[0-9.]+"));
    }
}
