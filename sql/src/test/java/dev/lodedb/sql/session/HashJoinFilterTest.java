package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inner, semi and right hash joins skip probe rows whose key hash no build key has ({@code
 * HashJoin.Table#mayMatch}, hashing from the probe's key vectors as the build side's normalized keys
 * hash). The skip must never drop a row that has a partner under SQL equality — numerics with
 * different trailing zeros, {@code char(n)} with blanks, -0.0 and 0.0, NaN, integers of different
 * widths, composite keys — so every join here returns the same rows as with hash joins disabled. The
 * seed is random per run and printed in every failure; {@code -Dtests.seed=N} repeats a run.
 */
class HashJoinFilterTest {
    @TempDir
    Path dir;

    @Test
    void skippedProbeRowsNeverHaveAPartner() {
        long seed = Long.getLong("tests.seed", new Random().nextLong());
        Random random = new Random(seed);
        try (SqlTestDatabase t = new SqlTestDatabase(dir)) {
            for (String table : List.of("p", "q")) {
                t.exec("CREATE TABLE " + table + " (id int PRIMARY KEY, i int, b bigint, s smallint, n numeric,"
                        + " c char(5),"
                        + " v text, d double precision, dt date, f boolean)");
                int rows = table.equals("p") ? 2000 : 300;
                StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
                for (int r = 1; r <= rows; r++) {
                    sql.append(r > 1 ? ", " : "").append('(').append(r).append(", ")
                            .append(nullOr(random, String.valueOf(random.nextInt(500)))).append(", ")
                            .append(nullOr(random, String.valueOf(random.nextInt(50)))).append(", ")
                            .append(nullOr(random, String.valueOf(random.nextInt(500)))).append(", ")
                            .append(nullOr(random, random.nextInt(50) + (random.nextBoolean() ? ".0" : ".00")))
                            .append(", ")
                            .append(nullOr(random, "'k" + random.nextInt(40) + (random.nextBoolean() ? " " : "") + "'"))
                            .append(", ").append(nullOr(random, "'t" + random.nextInt(300) + "'")).append(", ")
                            .append(nullOr(random, random.nextInt(5) == 0 ? "'NaN'" : random.nextInt(3) == 0 ? "-0.0"
                                    : String.valueOf(random.nextInt(30)))).append("::float8, ")
                            .append(nullOr(random, "date '2020-01-01' + " + random.nextInt(400))).append(", ")
                            .append(nullOr(random, String.valueOf(random.nextBoolean()))).append(')');
                }
                t.exec(sql.toString());
            }
            t.exec("ANALYZE");
            // the preserved side is the smaller: the join builds on it (a RIGHT join of the swapped inputs)
            assertThat(String.join("\n", t.rows("EXPLAIN SELECT q.id, p.id FROM q LEFT JOIN p ON p.i = q.i")))
                    .as("seed %d", seed).contains("Hash Right Join");
            for (String q : List.of(
                    "SELECT p.id, q.id FROM p JOIN q ON p.i = q.b",
                    "SELECT p.id, q.id FROM p JOIN q ON p.s = q.i AND p.b = q.b",
                    "SELECT p.id, q.id FROM p JOIN q ON p.n = q.n AND p.f = q.f",
                    "SELECT p.id, q.id FROM p JOIN q ON p.c = q.c AND p.dt = q.dt",
                    "SELECT p.id, q.id FROM p JOIN q ON p.d = q.d",
                    "SELECT p.id, q.id FROM p JOIN q ON p.v = q.v AND p.i < q.i",
                    "SELECT p.id FROM p WHERE EXISTS (SELECT 1 FROM q WHERE q.n = p.n AND q.c = p.c)",
                    "SELECT p.id FROM p WHERE p.d IN (SELECT d FROM q)",
                    "SELECT p.id, q.id FROM q LEFT JOIN p ON p.i = q.i",
                    "SELECT p.id, q.id FROM p RIGHT JOIN q ON p.n = q.n",
                    "SELECT q.id, p.id, p.v FROM q LEFT JOIN p ON p.i = q.i AND p.c = q.c",
                    "SELECT p.id, q.id FROM p FULL JOIN q ON p.v = q.v")) {
                List<String> hash = SqlTestDatabase.sorted(t.rows(q));
                t.exec("SET enable_hashjoin = off");
                List<String> other = SqlTestDatabase.sorted(t.rows(q));
                t.exec("RESET enable_hashjoin");
                assertThat(hash).as("seed %d: %s", seed, q).isEqualTo(other);
                assertThat(hash).as("seed %d: %s has partners", seed, q).isNotEmpty();
            }
        }
    }

    private static String nullOr(Random random, String value) {
        return random.nextInt(10) == 0 ? "NULL" : value;
    }
}
