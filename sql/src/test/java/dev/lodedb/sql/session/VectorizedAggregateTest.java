package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hash and group aggregates fold rows straight from vectors ({@code GroupTable}, {@code
 * GroupAccumulators.Group#addRow}); with a DISTINCT aggregate among the calls they still fold
 * reduced rows one at a time (the reference here: {@code count(DISTINCT 1)} added to the select
 * list, its column dropped from the answer). All must give the same groups and values, on keys whose SQL equality
 * differs from their Java equality (numerics with trailing zeros, {@code char(n)} blanks, -0.0,
 * NaN, NULL), with FILTER, NULL arguments, every accumulator with an unboxed path, and when the
 * groups outgrow the memory budget mid-input and the operator hands over to the spilling path. The
 * seed is random per run and printed in every failure; {@code -Dtests.seed=N} repeats a run.
 */
class VectorizedAggregateTest {
    @TempDir
    Path dir;

    private static void fill(SqlTestDatabase t, Random random, int rows) {
        t.exec("CREATE TABLE g (id int PRIMARY KEY, s smallint, i int, b bigint, n numeric(12,3), m numeric,"
                + " c char(4), v text, r real, d double precision, f boolean, dt date)");
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i <= rows; i++) {
            sql.append(i % 500 == 1 ? "INSERT INTO g VALUES " : ", ").append('(').append(i).append(", ")
                    .append(nullOr(random, () -> String.valueOf(random.nextInt(200) - 100))).append(", ")
                    .append(nullOr(random, () -> String.valueOf(random.nextInt(40)))).append(", ")
                    .append(nullOr(random, () -> String.valueOf(random.nextLong()
                            / (random.nextBoolean() ? 1 : 1L << 40))))
                    .append(", ").append(nullOr(random, () -> (random.nextInt(2000) - 1000) / 100.0 + "")).append(", ")
                    .append(nullOr(random, () -> random.nextBoolean() ? "1.0" : random.nextBoolean() ? "1.00"
                            : random.nextInt(5) + "." + random.nextInt(100_000))).append(", ")
                    .append(nullOr(random, () -> random.nextBoolean() ? "'ab'" : "'ab  '")).append(", ")
                    .append(nullOr(random, () -> "'t" + random.nextInt(25) + "'")).append(", ")
                    .append(nullOr(random, () -> random.nextInt(4) == 0 ? "'NaN'" : random.nextInt(6) + ".5"))
                    .append("::real, ")
                    .append(nullOr(random, () -> random.nextInt(3) == 0 ? "-0.0" : String.valueOf(random.nextInt(5))))
                    .append("::float8, ").append(nullOr(random, () -> String.valueOf(random.nextBoolean())))
                    .append(", ")
                    .append(nullOr(random, () -> "date '2024-01-01' + " + random.nextInt(60))).append(')');
            if (i % 500 == 0 || i == rows) {
                t.exec(sql.append(';').toString());
                sql.setLength(0);
            }
        }
    }

    private static String nullOr(Random random, java.util.function.Supplier<String> value) {
        return random.nextInt(9) == 0 ? "NULL" : value.get();
    }

    private static final List<String> QUERIES = List.of(
            "SELECT count(*), count(s), sum(s), sum(i), sum(b), sum(n), sum(m), avg(i), avg(n), avg(d), sum(r),"
                    + " sum(d), min(s), max(s), min(b), max(n), min(c), max(v), min(dt), max(d), bool_and(f),"
                    + " bool_or(f) FROM g",
            "SELECT i, count(*), sum(n), min(s), max(b), avg(d) FROM g GROUP BY i",
            "SELECT n, count(*), sum(i) FROM g GROUP BY n",
            "SELECT m, count(*), sum(m) FROM g GROUP BY m",
            "SELECT c, length(c), count(*) FROM g GROUP BY c",
            "SELECT d, count(*), sum(d) FROM g GROUP BY d",
            "SELECT r, count(*) FROM g GROUP BY r",
            "SELECT f, v, count(*), string_agg(v, ',') IS NULL FROM g GROUP BY f, v",
            "SELECT dt, s, count(*) FILTER (WHERE i > 20), sum(n) FILTER (WHERE f) FROM g GROUP BY dt, s",
            "SELECT i % 7, sum(b) FROM g WHERE id > 10 GROUP BY i % 7",
            "SELECT v, i, b % 3, count(*), max(dt), min(m) FROM g GROUP BY v, i, b % 3",
            "SELECT count(*), sum(i) FROM g WHERE id < 0");

    private static List<String> run(SqlTestDatabase t, String sql, boolean hash) {
        t.exec("SET enable_hashagg = " + (hash ? "on" : "off"));
        try {
            return SqlTestDatabase.sorted(t.rows(sql));
        } finally {
            t.exec("RESET enable_hashagg");
        }
    }

    /** @return the answer of {@code sql} from the row-at-a-time path (a DISTINCT call added, its column dropped) */
    private static List<String> rowPath(SqlTestDatabase t, String sql, boolean hash) {
        int from = sql.indexOf(" FROM g");
        List<String> rows = run(t, sql.substring(0, from) + ", count(DISTINCT 1)" + sql.substring(from), hash);
        List<String> out = new java.util.ArrayList<>();
        for (String r : rows) {
            out.add(r.substring(0, r.lastIndexOf('|')));
        }
        return SqlTestDatabase.sorted(out);
    }

    @Test
    void sameAsTheRowAtATimeAggregate() {
        long seed = Long.getLong("tests.seed", new Random().nextLong());
        try (SqlTestDatabase t = new SqlTestDatabase(dir)) {
            fill(t, new Random(seed), 3000);
            for (String q : QUERIES) {
                List<String> reference = rowPath(t, q, true);
                assertThat(run(t, q, true)).as("seed %d: %s", seed, q).isEqualTo(reference);
                assertThat(run(t, q, false)).as("seed %d: %s", seed, q).isEqualTo(reference);
                assertThat(rowPath(t, q, false)).as("seed %d: %s", seed, q).isEqualTo(reference);
            }
            // the exact values the unboxed and unscaled paths must keep
            assertThat(t.rows("SELECT sum(x), pg_typeof(sum(x))::text FROM (VALUES (1.5::numeric), (2.25), (-0.125),"
                    + " (99999999999999999.9)) v(x)")).containsExactly("100000000000000003.525|numeric");
            assertThat(t.rows("SELECT min(x), max(x), sum(x) FROM (VALUES (3::smallint), (-7::smallint),"
                    + " (NULL::smallint)) v(x)")).containsExactly("-7|3|-4");
            assertThat(t.rows("SELECT sum(x) FROM (VALUES (9223372036854775807::bigint), (1::bigint)) v(x)"))
                    .containsExactly("9223372036854775808");
        }
    }

    @Test
    void groupsOutgrowingTheBudgetSpillWithTheSameResult() {
        long seed = Long.getLong("tests.seed", new Random().nextLong());
        try (SqlTestDatabase t = new SqlTestDatabase(dir, new SqlOptions(32 * 1024, dir, false))) {
            fill(t, new Random(seed), 4000);
            for (String q : List.of("SELECT b, count(*), sum(n), max(v) FROM g GROUP BY b",
                    "SELECT b, i, count(*), min(dt) FROM g GROUP BY b, i")) {
                List<String> hash = run(t, q, true);
                assertThat(hash).as("seed %d: %s", seed, q).isEqualTo(run(t, q, false));
                assertThat(hash).as("seed %d: %s", seed, q).isEqualTo(rowPath(t, q, true));
                assertThat(String.join("\n", t.rows("EXPLAIN ANALYZE " + q))).as("seed %d", seed).contains("spilled");
            }
        }
    }
}
