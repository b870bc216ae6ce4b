package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query returns the same rows whether the planner must use the indexes ({@code SET
 * enable_seqscan = off}), must not ({@code SET enable_indexscan = off}) or chooses freely, on a
 * randomly filled table with NULLs, -0.0, NaN, numeric scales, mixed-case text and many index
 * kinds (composite, DESC, NULLS FIRST, INCLUDE, partial, expression, unique, hidden row id). The
 * seed is random per run and printed in every failure message; {@code -Dtests.seed=N} repeats a
 * run.
 */
class IndexEquivalenceTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;
    long seed;
    Random random;

    private static final String[] WORDS = {"alpha", "Beta", "gamma", "DELTA", "eps", "", "zeta z", "Ωmega", "beta"};
    private static final String[] DOUBLES = {"-0.0", "0.0", "1.5", "-2.25", "'NaN'", "'Infinity'", "'-Infinity'", "100"};
    private static final String[] NUMERICS = {"1.5", "1.50", "2", "-3.25", "0", "0.000", "12345.6789", "-0.5"};

    @BeforeEach
    void setUp() {
        seed = Long.getLong("tests.seed", new Random().nextLong());
        random = new Random(seed);
        t = new SqlTestDatabase(dir);
        t.exec("CREATE TABLE r (id int PRIMARY KEY, a int, b text, c double precision, d numeric, e date, f int, u int);"
                + "CREATE TABLE h (x int, y text)");
        // half of the indexes exist before the rows (maintained by INSERT), half are built afterwards
        t.exec("CREATE INDEX r_a ON r (a); CREATE INDEX r_ab ON r (a, b DESC); CREATE UNIQUE INDEX r_u ON r (u);"
                + "CREATE INDEX h_x ON h (x)");
        int n = 1500 + random.nextInt(1000);
        List<Integer> unique = new ArrayList<>();
        for (int i = 1; i <= 2 * n; i++) {
            unique.add(i);
        }
        java.util.Collections.shuffle(unique, random);
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sql.append(i % 500 == 1 ? "INSERT INTO r VALUES " : ", ");
            sql.append('(').append(i).append(", ").append(nullOr(() -> String.valueOf(random.nextInt(50))))
                    .append(", ").append(nullOr(() -> "'" + WORDS[random.nextInt(WORDS.length)] + "'"))
                    .append(", ").append(nullOr(() -> random.nextInt(3) == 0 ? DOUBLES[random.nextInt(DOUBLES.length)]
                            : String.valueOf(random.nextInt(2000) / 10.0 - 50)) + "::float8")
                    .append(", ").append(nullOr(() -> random.nextInt(3) == 0 ? NUMERICS[random.nextInt(NUMERICS.length)]
                            : random.nextInt(10000) / 100.0 + "")).append("::numeric")
                    .append(", ").append(nullOr(() -> "date '2020-01-01' + " + random.nextInt(400)))
                    .append(", ").append(nullOr(() -> String.valueOf(random.nextInt(20))))
                    .append(", ").append(random.nextInt(5) == 0 ? "NULL" : String.valueOf(unique.get(i)))
                    .append(')');
            if (i % 500 == 0 || i == n) {
                sql.append(';');
            }
        }
        for (int i = 0; i < 600; i++) {
            sql.append(i == 0 ? "INSERT INTO h VALUES " : ", ").append('(')
                    .append(nullOr(() -> String.valueOf(random.nextInt(100)))).append(", ")
                    .append(nullOr(() -> "'" + WORDS[random.nextInt(WORDS.length)] + "'")).append(')');
        }
        t.exec(sql.toString());
        t.exec("CREATE INDEX r_c ON r (c DESC NULLS LAST); CREATE INDEX r_d ON r (d) INCLUDE (f);"
                + "CREATE INDEX r_f_part ON r (f) WHERE b IS NULL; CREATE INDEX r_lower ON r (lower(b));"
                + "CREATE INDEX r_e ON r (e NULLS FIRST); CREATE INDEX h_yx ON h (y, x DESC)");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private String nullOr(java.util.function.Supplier<String> value) {
        return random.nextInt(10) == 0 ? "NULL" : value.get();
    }

    private String word() {
        return "'" + WORDS[random.nextInt(WORDS.length)] + "'";
    }

    private String dbl() {
        return random.nextInt(4) == 0 ? DOUBLES[random.nextInt(DOUBLES.length)] + "::float8"
                : String.valueOf(random.nextInt(2000) / 10.0 - 50);
    }

    /** A query shape with random constants; {@code indexable} when a forced plan must read an index. */
    private record Shape(Function<Random, String> sql, boolean indexable) {
    }

    private List<Shape> shapes() {
        List<Shape> s = new ArrayList<>();
        s.add(new Shape(r -> "SELECT * FROM r WHERE a = " + r.nextInt(55), true));
        s.add(new Shape(r -> "SELECT id, b FROM r WHERE a IN (" + r.nextInt(50) + ", " + r.nextInt(50) + ", "
                + r.nextInt(50) + ", NULL)", true));
        s.add(new Shape(r -> "SELECT id FROM r WHERE a IS NULL", true));
        s.add(new Shape(r -> "SELECT id, a FROM r WHERE a > " + r.nextInt(50), true));
        s.add(new Shape(r -> "SELECT id FROM r WHERE a >= " + r.nextInt(50) + " AND a < " + r.nextInt(50), true));
        s.add(new Shape(r -> "SELECT count(*) FROM r WHERE a BETWEEN " + r.nextInt(30) + " AND " + (20 + r.nextInt(30)),
                true));
        s.add(new Shape(r -> "SELECT id FROM r WHERE a = " + r.nextInt(50) + " AND b = " + word(), true));
        s.add(new Shape(r -> "SELECT id, b FROM r WHERE a = " + r.nextInt(50) + " AND b > " + word(), true));
        s.add(new Shape(r -> "SELECT a, b FROM r WHERE a = " + r.nextInt(50) + " AND b <= " + word(), true));
        s.add(new Shape(r -> "SELECT a, b FROM r WHERE a = " + r.nextInt(50) + " AND b IS NULL", true));
        s.add(new Shape(r -> "SELECT id, c FROM r WHERE c > " + dbl(), true));
        s.add(new Shape(r -> "SELECT id, c FROM r WHERE c <= " + dbl(), true));
        s.add(new Shape(r -> "SELECT id FROM r WHERE c = " + dbl(), true));
        s.add(new Shape(r -> "SELECT id FROM r WHERE c BETWEEN " + dbl() + " AND " + dbl(), true));
        s.add(new Shape(r -> "SELECT c FROM r WHERE c IS NULL OR c = 'NaN'", false));
        s.add(new Shape(r -> "SELECT d, f FROM r WHERE d = " + NUMERICS[r.nextInt(NUMERICS.length)], true));
        s.add(new Shape(r -> "SELECT d, f FROM r WHERE d > " + (r.nextInt(10000) / 100.0), true));
        s.add(new Shape(r -> "SELECT id, d FROM r WHERE d < " + NUMERICS[r.nextInt(NUMERICS.length)]
                + " AND f = " + r.nextInt(20), true));
        s.add(new Shape(r -> "SELECT id FROM r WHERE f = " + r.nextInt(20) + " AND b IS NULL", true));
        s.add(new Shape(r -> "SELECT count(*) FROM r WHERE b IS NULL", true));
        s.add(new Shape(r -> "SELECT id, b FROM r WHERE lower(b) = lower(" + word() + ")", true));
        s.add(new Shape(r -> "SELECT id, b FROM r WHERE lower(b) > " + word(), true));
        s.add(new Shape(r -> "SELECT id, u FROM r WHERE u = " + r.nextInt(6000), true));
        s.add(new Shape(r -> "SELECT count(*) FROM r WHERE u IS NULL", true));
        s.add(new Shape(r -> "SELECT id FROM r WHERE u IN (" + r.nextInt(6000) + ", " + r.nextInt(6000) + ")", true));
        s.add(new Shape(r -> "SELECT id, e FROM r WHERE e < date '2020-01-01' + " + r.nextInt(400), true));
        s.add(new Shape(r -> "SELECT id FROM r WHERE e IS NULL", true));
        s.add(new Shape(r -> "SELECT id FROM r WHERE e = date '2020-01-01' + " + r.nextInt(400) + " AND a > 10", true));
        s.add(new Shape(r -> "SELECT * FROM h WHERE x = " + r.nextInt(100), true));
        s.add(new Shape(r -> "SELECT x, y FROM h WHERE y = " + word() + " AND x < " + r.nextInt(100), true));
        s.add(new Shape(r -> "SELECT count(*) FROM h WHERE y = " + word(), true));
        s.add(new Shape(r -> "SELECT id, a FROM r WHERE a = " + r.nextInt(50) + " ORDER BY id LIMIT 5", true));
        s.add(new Shape(r -> "SELECT a, count(*) FROM r WHERE a < " + r.nextInt(50) + " GROUP BY a", true));
        s.add(new Shape(r -> "SELECT id, a FROM r WHERE a > " + r.nextInt(50) + " ORDER BY a, id LIMIT 5 OFFSET "
                + r.nextInt(4), true));
        s.add(new Shape(r -> "SELECT id, c FROM r ORDER BY c DESC NULLS LAST, id LIMIT " + (1 + r.nextInt(20)), true));
        s.add(new Shape(r -> "SELECT b, a, id FROM r WHERE a = " + r.nextInt(50) + " ORDER BY b DESC, id LIMIT 4",
                true));
        s.add(new Shape(r -> "SELECT id, lower(b) FROM r ORDER BY lower(b), id LIMIT " + (1 + r.nextInt(9)), true));
        s.add(new Shape(r -> "SELECT id FROM r WHERE a IN (" + r.nextInt(50) + ", " + r.nextInt(50)
                + ") AND f < 15 ORDER BY a, id LIMIT 10", true));
        s.add(new Shape(r -> "SELECT x, y FROM h ORDER BY x LIMIT 3", true));
        s.add(new Shape(r -> "SELECT x.id, y.id FROM r x JOIN r y ON x.a = y.a WHERE y.u = " + r.nextInt(6000)
                + " AND x.b = " + word(), true));
        s.add(new Shape(r -> "SELECT r.id, h.y FROM r JOIN h ON r.a = h.x WHERE h.x = " + r.nextInt(60), true));
        s.add(new Shape(r -> "SELECT id FROM r WHERE f = " + r.nextInt(20)
                + " AND EXISTS (SELECT 1 FROM r s WHERE s.u = r.id + 1)", true));
        s.add(new Shape(r -> "SELECT id FROM r WHERE a = " + r.nextInt(50)
                + " AND u IN (SELECT x FROM h WHERE x > 50)", true));
        s.add(new Shape(r -> "SELECT id, (SELECT count(*) FROM h WHERE h.x = r.a) FROM r WHERE a = " + r.nextInt(50),
                true));
        s.add(new Shape(r -> "SELECT id FROM r WHERE a = " + r.nextInt(50) + " OR u = " + r.nextInt(6000), false));
        return s;
    }

    private List<String> run(String sql) {
        List<String> rows = new ArrayList<>(t.rows(sql));
        if (!sql.contains("ORDER BY")) {
            rows.sort(null);
        }
        return rows;
    }

    private void setMode(String mode) {
        t.exec("RESET enable_seqscan; RESET enable_indexscan; RESET enable_indexonlyscan; RESET enable_bitmapscan");
        switch (mode) {
            case "index" -> t.exec("SET enable_seqscan = off");
            case "plain index" -> t.exec("SET enable_seqscan = off; SET enable_indexonlyscan = off");
            case "seq" -> t.exec("SET enable_indexscan = off; SET enable_bitmapscan = off");
            default -> { }
        }
    }

    @Test
    void indexedAndSequentialPlansReturnTheSameRows() {
        List<Shape> shapes = shapes();
        for (int round = 0; round < 6; round++) {
            for (Shape shape : shapes) {
                long querySeed = random.nextLong();
                String sql = shape.sql().apply(new Random(querySeed));
                setMode("seq");
                assertThat(String.join("\n", t.rows("EXPLAIN " + sql))).as("seed %d: %s", seed, sql)
                        .doesNotContain("Index");
                List<String> expected = run(sql);
                for (String mode : List.of("free", "index", "plain index")) {
                    setMode(mode);
                    if (shape.indexable() && !mode.equals("free")) {
                        assertThat(String.join("\n", t.rows("EXPLAIN " + sql))).as("seed %d, %s: %s", seed, mode, sql)
                                .contains("Index");
                    }
                    assertThat(run(sql)).as("seed %d, %s: %s", seed, mode, sql).isEqualTo(expected);
                }
            }
        }
        setMode("free");
        IndexTestSupport.assertConsistent(t.db);
    }

    @Test
    void parametersBindIndexConditions() {
        t.exec("SET enable_seqscan = off");
        PreparedSql p = t.session.prepare("SELECT count(*) FROM r WHERE a = $1 AND b > $2");
        assertThat(String.join("\n", t.rows("EXPLAIN SELECT count(*) FROM r WHERE a = $1 AND b > $2", 3, "a")))
                .contains("Index Only Scan using r_ab on r");
        for (int i = 0; i < 20; i++) {
            int a = random.nextInt(50);
            String b = WORDS[random.nextInt(WORDS.length)];
            List<String> viaIndex = t.rows("SELECT count(*) FROM r WHERE a = $1 AND b > $2", a, b);
            t.exec("SET enable_indexscan = off");
            assertThat(t.rows("SELECT count(*) FROM r WHERE a = $1 AND b > $2", a, b)).as("seed %d", seed)
                    .isEqualTo(viaIndex);
            t.exec("RESET enable_indexscan");
        }
        try (StatementResult r = t.session.execute(p, java.util.Arrays.asList(null, "a"))) {
            assertThat(r.next().rowValues(0)[0]).isEqualTo(0L);
        }
    }
}
