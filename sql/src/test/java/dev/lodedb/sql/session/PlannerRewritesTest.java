package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optimizer's rewrites — removal of unused columns ({@code enable_column_pruning}) and
 * decorrelation of subqueries into joins ({@code enable_decorrelation}) — change plans, never
 * results: every query returns the same rows with the rewrite on and off, on randomly filled
 * tables with NULLs, duplicates and keys without partners (empty groups). The seed is random per
 * run and printed in every failure message; {@code -Dtests.seed=N} repeats a run.
 */
class PlannerRewritesTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;
    long seed;
    Random random;

    @BeforeEach
    void setUp() {
        seed = Long.getLong("tests.seed", new Random().nextLong());
        random = new Random(seed);
        t = new SqlTestDatabase(dir);
        t.exec("CREATE TABLE c (id int PRIMARY KEY, k int, g int, name text, v numeric, pad text);"
                + "CREATE TABLE o (id int PRIMARY KEY, ck int, d int, amount numeric, flag text, f double precision);"
                + "CREATE TABLE e (x int, y text)");
        StringBuilder sql = new StringBuilder();
        int n = 200 + random.nextInt(200);
        for (int i = 1; i <= n; i++) {
            sql.append(i == 1 ? "INSERT INTO c VALUES " : ", ").append('(').append(i).append(", ")
                    .append(nullOr(() -> String.valueOf(random.nextInt(60)))).append(", ")
                    .append(nullOr(() -> String.valueOf(random.nextInt(8)))).append(", ")
                    .append(nullOr(() -> "'n" + random.nextInt(30) + "'")).append(", ")
                    .append(nullOr(() -> random.nextInt(10000) / 100.0 + "")).append(", ")
                    .append("repeat('x', ").append(random.nextInt(200)).append("))");
        }
        sql.append(';');
        int m = 500 + random.nextInt(500);
        for (int i = 1; i <= m; i++) {
            sql.append(i == 1 ? "INSERT INTO o VALUES " : ", ").append('(').append(i).append(", ")
                    .append(nullOr(() -> String.valueOf(random.nextInt(80)))).append(", ")
                    .append(nullOr(() -> String.valueOf(random.nextInt(8)))).append(", ")
                    .append(nullOr(() -> random.nextInt(5000) / 100.0 + "")).append(", ")
                    .append(nullOr(() -> random.nextBoolean() ? "'F'" : "'O'")).append(", ")
                    .append(nullOr(() -> random.nextInt(3) == 0 ? "-0.0" : String.valueOf(random.nextInt(5))))
                    .append("::float8)");
        }
        t.exec(sql.append(';').toString());
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private String nullOr(Supplier<String> value) {
        return random.nextInt(8) == 0 ? "NULL" : value.get();
    }

    /** Asserts that {@code sql} returns the same rows (in the same order under ORDER BY) with {@code setting} on and off. */
    private void sameWithAndWithout(String setting, String sql) {
        t.exec("SET " + setting + " = off");
        List<String> without = t.rows(sql);
        t.exec("SET " + setting + " = on");
        List<String> with = t.rows(sql);
        if (!sql.contains("ORDER BY")) {
            without = sorted(without);
            with = sorted(with);
        }
        assertThat(with).as("seed %d: %s", seed, sql).isEqualTo(without);
    }

    private static List<String> sorted(List<String> rows) {
        List<String> s = new ArrayList<>(rows);
        java.util.Collections.sort(s);
        return s;
    }

    private String explain(String sql) {
        return String.join("\n", t.rows("EXPLAIN " + sql));
    }

    private long hashJoinMemory(String sql) {
        String plan = String.join("\n", t.rows("EXPLAIN ANALYZE " + sql));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Hash Join.*\\n\\s*(?:Hash Cond.*\\n\\s*)?"
                + "Memory: (\\d+) kB").matcher(plan);
        assertThat(m.find()).as(plan).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void pruningKeepsResults() {
        for (String q : List.of(
                "SELECT c.name, sum(o.amount) FROM c JOIN o ON o.ck = c.k GROUP BY c.name",
                "SELECT count(*) FROM c, o WHERE c.k = o.ck",
                "SELECT count(*) FROM c, e",
                "SELECT o.d, count(*), max(c.pad) FROM o LEFT JOIN c ON c.id = o.ck WHERE o.d > 3 GROUP BY o.d",
                "SELECT * FROM (SELECT id, k * 2 AS kk, name FROM c) s WHERE kk > 10",
                "SELECT x.k FROM (SELECT k, count(*) AS n, max(v) FROM c GROUP BY k) x WHERE x.n > 1",
                "SELECT x.n FROM (SELECT k, count(*) AS n, max(v) FROM c GROUP BY k) x",
                "SELECT 1 FROM (SELECT max(v), min(pad) FROM c) x",
                "SELECT DISTINCT g FROM c",
                "SELECT DISTINCT ON (g) g, id FROM c ORDER BY g, id",
                "SELECT name, id FROM c ORDER BY v DESC NULLS LAST, id LIMIT 5",
                "SELECT id, row_number() OVER (PARTITION BY g ORDER BY id) FROM c",
                "SELECT k FROM c UNION SELECT ck FROM o",
                "SELECT c.id, o.id FROM c FULL JOIN o ON c.k = o.ck AND c.g < o.d",
                "SELECT c.id FROM c WHERE c.v > (SELECT avg(amount) FROM o WHERE o.ck = c.k)",
                "SELECT c.id, (SELECT count(*) FROM o WHERE o.ck = c.k AND o.d = c.g) FROM c",
                "SELECT s.g FROM (SELECT g, random() AS r FROM c) s",
                "WITH w AS (SELECT k, g, pad FROM c) SELECT a.k FROM w a JOIN w b ON a.g = b.k",
                "SELECT o.flag, count(DISTINCT c.g) FILTER (WHERE c.v > 10) FROM o JOIN c ON c.k = o.d GROUP BY o.flag")) {
            sameWithAndWithout("enable_column_pruning", q);
        }
    }

    @Test
    void pruningShrinksHashTables() {
        String q = "SELECT c.name, o.amount FROM c JOIN o ON o.ck = c.id";
        t.exec("SET enable_column_pruning = off");
        long without = hashJoinMemory(q);
        t.exec("SET enable_column_pruning = on");
        long with = hashJoinMemory(q);
        // the build side no longer carries c.pad (up to 200 bytes a row) and the unused columns
        assertThat(with).as("seed %d", seed).isLessThan(without);
    }
}
