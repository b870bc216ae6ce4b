package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A range on the primary-key column after the equality prefix reads only the key range ({@code
 * Primary Key Range Scan}); the answers must be those of a sequential scan ({@code enable_indexscan =
 * off}) for every operator and side, both bounds, empty and inverted ranges, NULL bounds, text keys
 * that are prefixes of one another, negative and large integers, numerics with trailing zeros,
 * dates, parameters and the outer references of a correlated subquery. The seed is random per run and
 * printed in every failure; {@code -Dtests.seed=N} repeats a run.
 */
class PrimaryKeyRangeTest {
    @TempDir
    Path dir;

    private static void same(SqlTestDatabase t, long seed, String sql, Object... params) {
        List<String> range = t.rows(sql, params);
        t.exec("SET enable_indexscan = off");
        List<String> seq = t.rows(sql, params);
        t.exec("RESET enable_indexscan");
        assertThat(range).as("seed %d: %s", seed, sql).isEqualTo(seq);
    }

    @Test
    void rangeScansReturnWhatSequentialScansReturn() {
        long seed = Long.getLong("tests.seed", new Random().nextLong());
        Random random = new Random(seed);
        try (SqlTestDatabase t = new SqlTestDatabase(dir)) {
            t.exec("CREATE TABLE k (a int, b text, c bigint, v int, PRIMARY KEY (a, b, c));"
                    + "CREATE TABLE n (x numeric PRIMARY KEY, v int); CREATE TABLE d (x date PRIMARY KEY, v int)");
            StringBuilder sql = new StringBuilder("INSERT INTO k VALUES ");
            String[] texts = {"", "a", "ab", "abc", "abd", "b", "ba", "z", "\u00e9"};
            for (int i = 0; i < 3000; i++) {
                sql.append(i > 0 ? ", " : "").append('(').append(random.nextInt(60) - 30).append(", '")
                        .append(texts[random.nextInt(texts.length)]).append("', ")
                        .append(random.nextBoolean() ? random.nextLong() : random.nextInt(100) - 50).append(", ")
                        .append(i).append(')');
            }
            t.exec(sql + " ON CONFLICT DO NOTHING");
            t.exec("INSERT INTO n VALUES (-1.5, 1), (0, 2), (1.00, 3), (1.25, 4), (2, 5), (10, 6);"
                    + "INSERT INTO d SELECT date '2024-02-27' + i, i FROM generate_series(0, 10) i");
            t.exec("ANALYZE");
            assertThat(String.join("\n", t.rows("EXPLAIN SELECT v FROM k WHERE a > 3 AND a <= 12")))
                    .contains("Primary Key Range Scan on k");
            assertThat(String.join("\n", t.rows("EXPLAIN SELECT v FROM k WHERE a = 3 AND b >= 'ab'")))
                    .contains("Primary Key Range Scan on k");
            for (String op : List.of("<", "<=", ">", ">=")) {
                for (String q : List.of(
                        "SELECT a, b, c, v FROM k WHERE a " + op + " 4 ORDER BY a, b, c",
                        "SELECT a, b, c, v FROM k WHERE 4 " + op + " a ORDER BY a, b, c",
                        "SELECT a, b, c, v FROM k WHERE a = -7 AND b " + op + " 'ab' ORDER BY a, b, c",
                        "SELECT a, b, c, v FROM k WHERE a = 2 AND b = 'abc' AND c " + op + " -3 ORDER BY a, b, c",
                        "SELECT x, v FROM n WHERE x " + op + " 1.0 ORDER BY x",
                        "SELECT x, v FROM d WHERE x " + op + " date '2024-03-01' ORDER BY x",
                        "SELECT x, v FROM d WHERE x " + op + " date '2024-02-29' + interval '12 hours' ORDER BY x")) {
                    same(t, seed, q);
                }
            }
            for (String q : List.of(
                    "SELECT a, b, c FROM k WHERE a > -3 AND a < 3 ORDER BY a, b, c",
                    "SELECT a, b, c FROM k WHERE a >= 5 AND a <= 5 ORDER BY a, b, c",
                    "SELECT a, b, c FROM k WHERE a > 10 AND a < 2",
                    "SELECT a, b, c FROM k WHERE a > NULL",
                    "SELECT a, b, c FROM k WHERE a BETWEEN -30 AND -25 ORDER BY a, b, c",
                    "SELECT a, b, c FROM k WHERE a = 0 AND b > '' AND b < 'b' ORDER BY a, b, c",
                    "SELECT a, b, c FROM k WHERE a = 1 AND b BETWEEN 'a' AND 'abc' ORDER BY a, b, c",
                    "SELECT a, b, c FROM k WHERE a = 1 AND b = 'z' AND c > 9223372036854775806",
                    "SELECT a, b, c FROM k WHERE a > 2147483646",
                    "SELECT count(*) FROM k WHERE a < 0 AND a > -10 AND a <> -5",
                    "SELECT k1.a, (SELECT count(*) FROM k k2 WHERE k2.a > k1.a) FROM k k1 WHERE k1.b = 'a'"
                            + " ORDER BY 1, 2",
                    "SELECT count(*) FROM k k1 WHERE EXISTS (SELECT 1 FROM k k2 WHERE k2.a = k1.a AND k2.b < k1.b)")) {
                same(t, seed, q);
            }
            same(t, seed, "SELECT a, b, c FROM k WHERE a >= $1 AND a < $2 ORDER BY a, b, c", 3, 9);
            same(t, seed, "SELECT a, b, c FROM k WHERE a >= $1 AND a < $2 ORDER BY a, b, c", null, 9);
            same(t, seed, "SELECT a, b, c FROM k WHERE a = $1 AND b > $2 ORDER BY a, b, c", 4, "ab");
        }
    }
}
