package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Index intersections (BitmapAnd) and unions (BitmapOr) as EXPLAIN shows them: chosen on an
 * analyzed table where two single-column indexes are selective only together, or where every arm
 * of an OR has an index, and not chosen where one index, a composite index or a sequential scan is
 * cheaper, or under {@code enable_bitmapscan = off}; EXPLAIN ANALYZE's rows per node, DML through
 * the path, and key sets beyond the memory budget spilling to disk.
 */
class BitmapScanPlannerTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;

    @BeforeEach
    void setUp() {
        t = open(dir.resolve("t"), 64L << 20);
    }

    /** A table where a and b have 100 values each, 200 rows per value, independent (2 rows per pair). */
    private static SqlTestDatabase open(Path dir, long memoryBudget) {
        SqlTestDatabase db = new SqlTestDatabase(dir, new SqlOptions(memoryBudget, dir, false));
        db.exec("CREATE TABLE t (id int PRIMARY KEY, a int, b int, c int, s text)");
        db.exec("INSERT INTO t SELECT i, i % 100, (i / 100) % 100, i % 7, 's' || (i % 1000)"
                + " FROM generate_series(1, 20000) i");
        db.exec("CREATE INDEX t_a ON t (a); CREATE INDEX t_b ON t (b); CREATE INDEX t_s ON t (s)");
        db.exec("ANALYZE t");
        return db;
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private String explain(String sql) {
        return String.join("\n", t.rows("EXPLAIN (COSTS OFF) " + sql));
    }

    private String seqScanCount(String where) {
        t.exec("SET enable_bitmapscan = off; SET enable_indexscan = off");
        String n = t.value("SELECT count(*) FROM t WHERE " + where);
        t.exec("RESET enable_bitmapscan; RESET enable_indexscan");
        return n;
    }

    @Test
    void twoIndexesSelectiveOnlyTogetherAreIntersected() {
        assertThat(explain("SELECT * FROM t WHERE a = 1 AND b = 2")).isEqualTo(String.join("\n",
                "Project",
                "->  Bitmap Heap Scan on t",
                "      Recheck Cond: ((a = 1) AND (b = 2))",
                "  ->  BitmapAnd",
                "    ->  Bitmap Index Scan on t_a",
                "          Index Cond: (a = 1)",
                "    ->  Bitmap Index Scan on t_b",
                "          Index Cond: (b = 2)"));
        assertThat(t.rows("SELECT id FROM t WHERE a = 1 AND b = 2")).containsExactly("201", "10201");
        assertThat(explain("SELECT id FROM t WHERE a = 1 AND b = 2 AND c = 3")).contains("BitmapAnd",
                "Recheck Cond: ((a = 1) AND (b = 2))", "Filter: (c = 3)");
        assertThat(t.rows("SELECT id FROM t WHERE a = 1 AND b = 2 AND c = 3")).isEmpty();
        // ranges too: a > 96 is 3% of the rows, b < 3 another 3%
        assertThat(explain("SELECT * FROM t WHERE a > 96 AND b < 3")).contains("BitmapAnd",
                "Index Cond: (a > 96)", "Index Cond: (b < 3)");
        assertThat(t.value("SELECT count(*) FROM t WHERE a > 96 AND b < 3"))
                .isEqualTo(seqScanCount("a > 96 AND b < 3")).isEqualTo("18");
    }

    @Test
    void orArmsWithIndexesAreUnited() {
        assertThat(explain("SELECT * FROM t WHERE a = 1 OR b = 2")).isEqualTo(String.join("\n",
                "Project",
                "->  Bitmap Heap Scan on t",
                "      Recheck Cond: ((a = 1) OR (b = 2))",
                "  ->  BitmapOr",
                "    ->  Bitmap Index Scan on t_a",
                "          Index Cond: (a = 1)",
                "    ->  Bitmap Index Scan on t_b",
                "          Index Cond: (b = 2)"));
        assertThat(t.value("SELECT count(*) FROM t WHERE a = 1 OR b = 2")).isEqualTo("398");
        assertThat(explain("SELECT id FROM t WHERE a IN (1, 2) OR b > 97")).contains("BitmapOr",
                "Index Cond: (a IN (1, 2))", "Index Cond: (b > 97)");
        assertThat(t.value("SELECT count(*) FROM t WHERE a IN (1, 2) OR b > 97")).isEqualTo(
                seqScanCount("a IN (1, 2) OR b > 97"));
        // an arm that is itself an intersection, and an OR beside other conditions
        assertThat(explain("SELECT id FROM t WHERE (a = 1 AND b = 2) OR s = 's7'")).contains("BitmapOr",
                "BitmapAnd", "Bitmap Index Scan on t_s");
        assertThat(t.value("SELECT count(*) FROM t WHERE (a = 1 AND b = 2) OR s = 's7'")).isEqualTo(
                seqScanCount("(a = 1 AND b = 2) OR s = 's7'"));
        assertThat(explain("SELECT id FROM t WHERE (a = 1 OR a = 2) AND c = 3")).contains("BitmapOr",
                "Filter: (c = 3)");
        // without bitmap scans an OR is a sequential scan: no single index serves it
        t.exec("SET enable_bitmapscan = off");
        assertThat(explain("SELECT * FROM t WHERE a = 1 OR b = 2")).contains("Seq Scan on t").doesNotContain("Index");
        assertThat(t.value("SHOW enable_bitmapscan")).isEqualTo("off");
    }

    @Test
    void notChosenWhereAnotherPathIsCheaper() {
        // b > 5 is 94% of the rows: the index on a alone, b as a filter
        assertThat(explain("SELECT * FROM t WHERE a = 1 AND b > 5")).contains("Index Scan using t_a on t")
                .doesNotContain("Bitmap");
        // s = 's5' finds 20 rows: reading a's 200 entries as well costs more than fetching them
        assertThat(explain("SELECT * FROM t WHERE a = 5 AND s = 's5'")).contains("Index Scan using t_s on t")
                .doesNotContain("Bitmap");
        // an unselective OR, and an OR with an arm no index serves
        assertThat(explain("SELECT * FROM t WHERE a < 90 OR b < 90")).contains("Seq Scan on t")
                .doesNotContain("Bitmap");
        assertThat(explain("SELECT * FROM t WHERE a = 1 OR c = 3")).contains("Seq Scan on t").doesNotContain("Bitmap");
        // a composite index serves both conditions in one scan
        t.exec("CREATE INDEX t_ab ON t (a, b)");
        assertThat(explain("SELECT * FROM t WHERE a = 1 AND b = 2")).contains("Index Scan using t_ab on t")
                .doesNotContain("Bitmap");
        t.exec("DROP INDEX t_ab; SET enable_bitmapscan = off");
        assertThat(explain("SELECT * FROM t WHERE a = 1 AND b = 2")).contains("Index Scan using t_")
                .doesNotContain("Bitmap");
        // a disabled type is still used when nothing else can run the query without disable_cost
        t.exec("SET enable_seqscan = off; SET enable_indexscan = off");
        assertThat(explain("SELECT * FROM t WHERE a = 1 OR b = 2")).contains("BitmapOr");
    }

    @Test
    void explainAnalyzeCountsTheRowsOfEveryNode() {
        String plan = String.join("\n", t.rows("EXPLAIN (ANALYZE, TIMING off) SELECT * FROM t WHERE a = 1 OR b = 2"));
        assertThat(plan).containsPattern("Bitmap Heap Scan on t  \\(cost=[0-9.]+ rows=\\d+ width=\\d+\\)"
                .replace("[0-9.]+", "[0-9.]+\\.\\.[0-9.]+") + " \\(actual rows=398 loops=1\\)");
        assertThat(plan).containsPattern("BitmapOr .*\\(actual rows=398 loops=1\\)");
        assertThat(plan).containsPattern("Bitmap Index Scan on t_a .*rows=200 .*\\(actual rows=200 loops=1\\)");
        assertThat(plan).containsPattern("Bitmap Index Scan on t_b .*\\(actual rows=200 loops=1\\)");
        String and = String.join("\n", t.rows("EXPLAIN (ANALYZE, TIMING off) SELECT * FROM t WHERE a = 1 AND b = 2"));
        assertThat(and).containsPattern("BitmapAnd .*\\(actual rows=2 loops=1\\)");
        // an IN list's keys are sorted: the memory line of the sort
        String in = String.join("\n", t.rows("EXPLAIN ANALYZE SELECT * FROM t WHERE a IN (1, 2) OR b = 3"));
        assertThat(in).contains("Memory: ");
    }

    @Test
    void dmlAndParametersUseThePath() {
        assertThat(explain("UPDATE t SET c = -1 WHERE a = 1 OR b = 2")).contains("Bitmap Heap Scan on t");
        assertThat(t.exec("UPDATE t SET c = -1 WHERE a = 1 OR b = 2")).isEqualTo(398);
        assertThat(t.value("SELECT count(*) FROM t WHERE c = -1")).isEqualTo("398");
        assertThat(explain("DELETE FROM t WHERE a = 3 AND b = 4")).contains("BitmapAnd");
        assertThat(t.exec("DELETE FROM t WHERE a = 3 AND b = 4")).isEqualTo(2);
        IndexTestSupport.assertConsistent(t.db);
        assertThat(String.join("\n", t.rows("EXPLAIN SELECT id FROM t WHERE a = $1 OR b = $2", 5, 6)))
                .contains("BitmapOr");
        assertThat(t.rows("SELECT count(*) FROM t WHERE a = $1 OR b = $2", 5, 6)).containsExactly("398");
        assertThat(t.rows("SELECT count(*) FROM t WHERE a = $1 OR b = $2", 5, null)).containsExactly("200");
        assertThat(t.rows("SELECT id FROM t WHERE a = 7 OR b = 8 FOR UPDATE")).hasSize(398);
    }

    @Test
    void keySetsBeyondTheMemoryBudgetSpill() {
        try (SqlTestDatabase small = open(dir.resolve("small"), 8 << 10)) {
            String sql = "SELECT count(*) FROM t WHERE a IN (1, 2, 3, 4, 5) OR b > 93";
            List<String> plan = small.rows("EXPLAIN ANALYZE " + sql);
            assertThat(String.join("\n", plan)).contains("BitmapOr").containsPattern("spilled to \\d+ files");
            String viaKeys = small.value(sql);
            small.exec("SET enable_bitmapscan = off; SET enable_indexscan = off");
            assertThat(small.value(sql)).isEqualTo(viaKeys).isEqualTo("2140");
        }
    }
}
