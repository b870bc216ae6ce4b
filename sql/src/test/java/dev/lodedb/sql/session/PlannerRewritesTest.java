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

    /** @return the width EXPLAIN estimates for the first scan of table {@code table} in the plan of {@code sql} */
    private int scanWidth(String sql, String table) {
        String plan = explain(sql);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Seq Scan on " + table + " .*width=(\\d+)\\)")
                .matcher(plan);
        assertThat(m.find()).as(plan).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void correlatedSubqueriesLeaveUnreadColumnsUndecoded() {
        // kept as subqueries (decorrelation off): the scan under them decodes only the columns the
        // filter and the subqueries' outer references read, not c.pad (up to 200 bytes) and the rest
        t.exec("SET enable_decorrelation = off");
        String inScan = "SELECT c.id FROM c WHERE c.g > 1 AND EXISTS (SELECT * FROM o WHERE o.ck = c.k AND o.d <> c.g)";
        String overJoin = "SELECT c.name, count(*) FROM c JOIN o ON o.id = c.id WHERE NOT EXISTS"
                + " (SELECT 1 FROM o o2 WHERE o2.ck = c.k AND o2.flag = o.flag) GROUP BY c.name";
        String nested = "SELECT c.id FROM c WHERE EXISTS (SELECT 1 FROM o WHERE o.ck = c.k AND EXISTS"
                + " (SELECT 1 FROM e WHERE e.x = o.d AND e.y = c.name))";
        for (String q : List.of(inScan, overJoin, nested)) {
            t.exec("SET enable_column_pruning = off");
            int without = scanWidth(q, "c");
            t.exec("SET enable_column_pruning = on");
            assertThat(scanWidth(q, "c")).as("seed %d: %s", seed, q).isLessThan(without);
            sameWithAndWithout("enable_column_pruning", q);
        }
        for (String q : List.of(
                "SELECT c.id, c.v FROM c WHERE c.v > (SELECT avg(amount) FROM o WHERE o.ck = c.k) ORDER BY c.id",
                "SELECT o.id FROM o WHERE o.flag = 'F' AND EXISTS (SELECT * FROM o o2 WHERE o2.ck = o.ck"
                        + " AND o2.d <> o.d) AND NOT EXISTS (SELECT * FROM o o3 WHERE o3.ck = o.ck AND o3.d <> o.d"
                        + " AND o3.flag = 'O')",
                "SELECT c.id FROM c WHERE EXISTS (SELECT c.pad, 1 / 0 FROM o WHERE o.ck = c.k)",
                "SELECT c.id FROM c WHERE c.id < 100 AND EXISTS (SELECT random() FROM o WHERE o.ck = c.k)")) {
            sameWithAndWithout("enable_column_pruning", q);
        }
    }

    @Test
    void semiAndAntiJoinsMoveBelowInnerJoins() {
        // Q18's shape: the IN subquery reduces o before o meets c, not after the join
        String q18 = "SELECT c.name, o.id, sum(o.amount) FROM c, o WHERE o.id IN (SELECT ck FROM o GROUP BY ck"
                + " HAVING sum(amount) > 100) AND c.id = o.ck GROUP BY c.name, o.id";
        String plan = explain(q18);
        java.util.regex.Matcher inner = java.util.regex.Pattern.compile("Nested Loop|Hash Join|Merge Join")
                .matcher(plan);
        assertThat(inner.find()).as(plan).isTrue();
        assertThat(plan.indexOf("Semi Join")).as("seed %d: %s", seed, plan).isGreaterThan(inner.start());
        for (String q : List.of(q18,
                "SELECT c.id, o.id FROM c JOIN o ON o.ck = c.id WHERE o.d IN (SELECT g FROM c c2 WHERE c2.k > 20)",
                "SELECT c.id, o.id FROM c JOIN o ON o.ck = c.id WHERE c.g > 2"
                        + " AND EXISTS (SELECT 1 FROM e WHERE e.x = c.k)"
                        + " AND o.flag = 'F'",
                "SELECT c.id, o.id FROM c JOIN o ON o.ck = c.id WHERE NOT EXISTS (SELECT 1 FROM e WHERE e.x = o.d)",
                "SELECT c.id, o.id FROM c JOIN o ON o.ck = c.id WHERE NOT EXISTS (SELECT 1 FROM o o2 WHERE o2.ck = c.k"
                        + " AND o2.d = o.d)",
                "SELECT c.id, o.id FROM c LEFT JOIN o ON o.ck = c.id WHERE o.d IN (SELECT g FROM c c2 WHERE c2.k > 20)",
                "SELECT c.id FROM c LEFT JOIN o ON o.ck = c.id WHERE NOT EXISTS (SELECT 1 FROM e WHERE e.x = o.d)",
                "SELECT c.id, o.id, c2.id FROM c JOIN o ON o.ck = c.id JOIN c c2 ON c2.k = o.d WHERE c2.g IN"
                        + " (SELECT d FROM o o3 WHERE o3.flag = 'O') AND o.id IN (SELECT ck FROM o o4 WHERE o4.d > 3)",
                "SELECT c.id FROM c WHERE c.k IN (SELECT ck FROM o) AND c.g > 3")) {
            sameWithAndWithout("enable_decorrelation", q);
        }
    }

    @Test
    void outerJoinConditionsOnTheNullableSideFilterThatSide() {
        // Q13's shape: the ON condition on the orders alone filters the orders scan; the join builds
        // on the smaller, preserved side (a Hash Right Join of the swapped inputs)
        String q13 = "SELECT c.id, count(o.id) FROM c LEFT JOIN o ON c.k = o.ck AND o.flag NOT LIKE '%F%'"
                + " GROUP BY c.id";
        assertThat(explain(q13)).as("seed %d", seed).doesNotContain("Join Filter");
        for (String cond : List.of("o.flag NOT LIKE '%F%'", "o.d IS NULL", "o.amount > 10 AND o.d <> 3",
                "o.f = 0", "o.flag IS NOT NULL AND c.g > 2", "coalesce(o.d, 0) < 4 OR o.ck IS NULL")) {
            String left = "SELECT c.id, o.id FROM c LEFT JOIN o ON c.k = o.ck AND " + cond;
            String reference = "SELECT c.id, o.id FROM c JOIN o ON c.k = o.ck AND " + cond
                    + " UNION ALL SELECT c.id, NULL FROM c WHERE NOT EXISTS (SELECT 1 FROM o WHERE c.k = o.ck AND "
                    + cond + ")";
            assertThat(sorted(t.rows(left))).as("seed %d: %s", seed, left).isEqualTo(sorted(t.rows(reference)));
            String right = "SELECT c.id, o.id FROM o RIGHT JOIN c ON c.k = o.ck AND " + cond;
            assertThat(sorted(t.rows(right))).as("seed %d: %s", seed, right).isEqualTo(sorted(t.rows(reference)));
        }
        sameWithAndWithout("enable_hashjoin", q13);
        sameWithAndWithout("enable_hashjoin", "SELECT c.id, o.id, o.d FROM o LEFT JOIN c ON c.k = o.ck AND c.g < 3");
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

    @Test
    void existsBecomesSemiAndAntiJoin() {
        String exists = "SELECT c.id FROM c WHERE c.g > 1 AND EXISTS (SELECT 1 FROM o WHERE o.ck = c.k AND o.d <> c.g)";
        assertThat(explain(exists)).as("seed %d", seed).contains("Hash Semi Join", "Hash Cond: (k = ck)",
                "Join Filter: (d <> g)").doesNotContain("SubPlan");
        String notExists = "SELECT c.id FROM c WHERE NOT EXISTS (SELECT * FROM o WHERE o.ck = c.k AND o.flag = 'F')";
        assertThat(explain(notExists)).contains("Hash Anti Join").doesNotContain("SubPlan");
        t.exec("SET enable_decorrelation = off");
        assertThat(explain(exists)).doesNotContain("Semi Join");
        t.exec("RESET enable_decorrelation");
        for (String q : List.of(exists, notExists,
                "SELECT c.id, c.name FROM c WHERE EXISTS (SELECT o.id FROM o WHERE o.ck = c.k)",
                "SELECT c.id FROM c WHERE NOT EXISTS (SELECT 1 FROM o WHERE o.ck = c.k AND o.d > c.g AND o.flag IS NOT NULL)",
                "SELECT c.id FROM c WHERE EXISTS (SELECT 1 FROM o WHERE o.ck + 1 = c.k)",
                "SELECT c.id FROM c WHERE EXISTS (SELECT 1 FROM o WHERE o.f = c.g)",
                "SELECT c.id FROM c WHERE EXISTS (SELECT 1 FROM o, c c2 WHERE o.ck = c.k AND c2.id = o.d AND c2.g = c.g)",
                "SELECT c.id FROM c WHERE EXISTS (SELECT 1 FROM e WHERE e.x = c.k)",
                "SELECT c.id FROM c WHERE NOT EXISTS (SELECT 1 FROM e WHERE e.x = c.k)",
                "SELECT c.id FROM c WHERE EXISTS (SELECT DISTINCT o.d FROM o WHERE o.ck = c.k ORDER BY o.d)",
                "SELECT c.id FROM c WHERE EXISTS (SELECT 1 FROM o WHERE o.d < c.k)",
                "SELECT c.id FROM c WHERE c.id < 50 OR EXISTS (SELECT 1 FROM o WHERE o.ck = c.k)",
                "SELECT c.id FROM c WHERE EXISTS (SELECT count(*) FROM o WHERE o.ck = c.k)",
                "SELECT c.id FROM c WHERE EXISTS (SELECT 1 FROM o WHERE o.ck = c.k LIMIT 1)",
                "SELECT c.g, count(*) FROM c GROUP BY c.g HAVING EXISTS (SELECT 1 FROM o WHERE o.d = c.g AND o.flag = 'F')",
                "SELECT c.id FROM c WHERE EXISTS (SELECT 1 FROM o WHERE o.ck = c.k AND EXISTS (SELECT 1 FROM c c3 WHERE c3.id = o.id AND c3.g = c.g))",
                "SELECT c.id FROM c WHERE EXISTS (SELECT 1 FROM o WHERE o.ck = c.k AND NOT EXISTS (SELECT 1 FROM e WHERE e.x = o.d))",
                "SELECT x.id FROM (SELECT * FROM c WHERE EXISTS (SELECT 1 FROM o WHERE o.ck = c.k)) x JOIN o ON o.id = x.id",
                "SELECT c.id, (SELECT count(*) FROM o WHERE EXISTS (SELECT 1 FROM e WHERE e.x = o.ck) AND o.d = c.g) FROM c")) {
            sameWithAndWithout("enable_decorrelation", q);
        }
    }

    @Test
    void keyLookupsPerRowStaySubqueries() {
        // a few outer rows, each finding its partners by a primary-key or index lookup: no join
        t.exec("CREATE INDEX o_d ON o (d)");
        String pk = "SELECT c.id FROM c WHERE c.id = 5 AND EXISTS (SELECT 1 FROM o WHERE o.id = c.k)";
        String index = "SELECT c.id FROM c WHERE c.id < 3 AND NOT EXISTS (SELECT 1 FROM o WHERE o.d = c.g)";
        String scalar = "SELECT c.id FROM c WHERE c.id = 7 AND c.v > (SELECT avg(amount) FROM o WHERE o.d = c.g)";
        for (String q : List.of(pk, index, scalar)) {
            assertThat(explain(q)).as("seed %d: %s", seed, q).doesNotContain("Semi Join", "Anti Join", "Left Join");
            sameWithAndWithout("enable_decorrelation", q);
        }
        // more outer rows than the lookups' table holds: the join
        t.exec("CREATE INDEX c_g ON c (g)");
        assertThat(explain("SELECT o.id FROM o WHERE EXISTS (SELECT 1 FROM c WHERE c.g = o.d)")).contains("Hash Semi Join");
    }

    @Test
    void inBecomesSemiJoinAndNotInStays() {
        String in = "SELECT c.id FROM c WHERE c.k IN (SELECT ck FROM o WHERE o.d = c.g)";
        assertThat(explain(in)).as("seed %d", seed).contains("Hash Semi Join").doesNotContain("SubPlan");
        String notIn = "SELECT c.id FROM c WHERE c.k NOT IN (SELECT ck FROM o WHERE o.d = c.g)";
        assertThat(explain(notIn)).doesNotContain("Anti Join", "Semi Join");
        for (String q : List.of(in, notIn,
                "SELECT c.id FROM c WHERE c.k IN (SELECT ck FROM o WHERE o.d > 2)",
                "SELECT c.id FROM c WHERE c.k IN (SELECT ck FROM o)",
                "SELECT c.id FROM c WHERE c.k NOT IN (SELECT ck FROM o)",
                "SELECT c.id FROM c WHERE c.k NOT IN (SELECT ck FROM o WHERE ck IS NOT NULL)",
                "SELECT c.id FROM c WHERE c.k IN (SELECT amount FROM o)",
                "SELECT c.id FROM c WHERE c.v IN (SELECT o.d FROM o WHERE o.ck = c.k)",
                "SELECT c.id FROM c WHERE c.k IN (SELECT x FROM e)",
                "SELECT c.id FROM c WHERE c.k + 0 = ANY (SELECT ck FROM o WHERE o.flag = 'O')",
                "SELECT c.id FROM c WHERE c.k IN (SELECT ck FROM o WHERE o.d = c.g) AND c.g IN (SELECT d FROM o WHERE o.ck = c.id)",
                "SELECT c.id FROM c WHERE c.k IN (SELECT ck FROM o GROUP BY ck HAVING sum(amount) > 100)",
                "SELECT c.id FROM c WHERE c.k IN (SELECT ck FROM o WHERE o.d = c.g LIMIT 3)",
                "SELECT c.id FROM c WHERE 3 IN (SELECT d FROM o WHERE o.ck = c.k)",
                "SELECT c.id FROM c WHERE (c.k IN (SELECT ck FROM o WHERE o.d = c.g)) IS NOT TRUE")) {
            sameWithAndWithout("enable_decorrelation", q);
        }
    }

    @Test
    void scalarAggregateBecomesGroupedLeftJoin() {
        String avg = "SELECT c.id FROM c WHERE c.v > (SELECT 0.5 * avg(amount) FROM o WHERE o.ck = c.k)";
        assertThat(explain(avg)).as("seed %d", seed).contains("Hash Left Join", "HashAggregate")
                .doesNotContain("SubPlan");
        String count = "SELECT c.id FROM c WHERE (SELECT count(*) FROM o WHERE o.ck = c.k) = 0";
        assertThat(explain(count)).contains("Hash Left Join").doesNotContain("SubPlan");
        for (String q : List.of(avg, count,
                "SELECT c.id FROM c WHERE (SELECT count(o.d) FROM o WHERE o.ck = c.k) < 2",
                "SELECT c.id FROM c WHERE (SELECT count(*) + 1 FROM o WHERE o.ck = c.k AND o.d = c.g) = 1",
                "SELECT c.id FROM c WHERE c.v < (SELECT 0.5 * sum(amount) FROM o WHERE o.ck = c.k AND o.d = c.g)",
                "SELECT c.id FROM c WHERE (SELECT max(d) FROM o WHERE o.ck = c.k) IS NULL",
                "SELECT c.id FROM c WHERE coalesce((SELECT sum(d) FROM o WHERE o.ck = c.k), -1) > 5",
                "SELECT c.id FROM c WHERE c.id < 10 OR c.v > (SELECT avg(amount) FROM o WHERE o.ck = c.k)",
                "SELECT c.id FROM c WHERE c.g = (SELECT min(d) FROM o WHERE o.ck = c.k AND o.flag = 'F' AND o.d <> 3)",
                "SELECT c.id FROM c WHERE c.g = (SELECT min(o.d) FROM o, c c2 WHERE o.ck = c.k AND c2.id = o.id AND c2.g > 2)",
                "SELECT c.id FROM c WHERE c.g + (SELECT count(*) FROM e WHERE e.x = c.k) > 3",
                "SELECT c.id FROM c WHERE (SELECT sum(amount) FROM o WHERE o.ck = c.k) > (SELECT avg(amount) FROM o WHERE o.d = c.g)",
                "SELECT c.id FROM c WHERE c.v > (SELECT c.g * avg(amount) FROM o WHERE o.ck = c.k)",
                "SELECT c.id FROM c WHERE c.g = (SELECT max(d) FROM o WHERE o.ck > c.k)",
                "SELECT c.id FROM c WHERE c.g = (SELECT d FROM o WHERE o.id = c.k)",
                "SELECT c.id FROM c WHERE (SELECT string_agg(flag, ',' ORDER BY flag) FROM o WHERE o.ck = c.k) LIKE 'F%'",
                "SELECT c.id FROM c WHERE (SELECT count(DISTINCT d) FILTER (WHERE flag = 'F') FROM o WHERE o.f = c.g) >= 1",
                "SELECT c.g FROM c GROUP BY c.g HAVING count(*) > (SELECT count(*) FROM o WHERE o.d = c.g) / 10")) {
            sameWithAndWithout("enable_decorrelation", q);
        }
    }

    @Test
    void nestedTpchShapes() {
        // Q20: an IN whose subquery compares with a correlated aggregate; Q2: min over a join; Q21/Q22
        for (String q : List.of(
                "SELECT c.name FROM c WHERE c.id IN (SELECT o.ck FROM o WHERE o.d IN (SELECT g FROM c WHERE name LIKE 'n1%')"
                        + " AND o.amount > (SELECT 0.5 * sum(c2.v) FROM c c2 WHERE c2.k = o.ck AND c2.g = o.d))",
                "SELECT c.id, o.id FROM c, o WHERE c.k = o.ck AND o.amount = (SELECT min(o2.amount) FROM o o2, c c2"
                        + " WHERE c2.id = o2.ck AND o2.ck = c.k AND c2.g > 1)",
                "SELECT o.id FROM o WHERE o.flag = 'F' AND EXISTS (SELECT * FROM o o2 WHERE o2.ck = o.ck AND o2.d <> o.d)"
                        + " AND NOT EXISTS (SELECT * FROM o o3 WHERE o3.ck = o.ck AND o3.d <> o.d AND o3.flag = 'O')",
                "SELECT g, count(*) FROM (SELECT c.g FROM c WHERE c.v > (SELECT avg(v) FROM c WHERE v > 0)"
                        + " AND NOT EXISTS (SELECT * FROM o WHERE o.ck = c.id)) s GROUP BY g ORDER BY g")) {
            sameWithAndWithout("enable_decorrelation", q);
            sameWithAndWithout("enable_column_pruning", q);
        }
    }
}
