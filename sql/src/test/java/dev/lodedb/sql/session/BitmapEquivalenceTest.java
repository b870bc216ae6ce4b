package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Index intersections and unions return the same rows as every other plan: random AND / OR
 * combinations of equalities, IN lists (with NULL), ranges and IS NULL over a randomly filled table
 * with NULLs and many duplicates, run with bitmap scans forced (sequential and index scans off),
 * allowed, and off, and with only a sequential scan; also inside a transaction block, over rows the
 * block itself inserted, updated and deleted. The seed is random per run and printed in every
 * failure message; {@code -Dtests.seed=N} repeats a run.
 */
class BitmapEquivalenceTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;
    long seed;
    Random random;

    private static final String[] WORDS = {"alpha", "Beta", "gamma", "DELTA", "eps", "", "zeta z", "beta"};

    @BeforeEach
    void setUp() {
        seed = Long.getLong("tests.seed", new Random().nextLong());
        random = new Random(seed);
        t = new SqlTestDatabase(dir);
        t.exec("CREATE TABLE r (id int PRIMARY KEY, a int, b text, c double precision, d int, e int, u int)");
        // some indexes exist before the rows (maintained by INSERT), the others are built afterwards
        t.exec("CREATE INDEX r_a ON r (a); CREATE INDEX r_b ON r (b); CREATE UNIQUE INDEX r_u ON r (u)");
        int n = 1500 + random.nextInt(1000);
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sql.append(i % 500 == 1 ? "INSERT INTO r VALUES " : ", ").append(row(i, random));
            if (i % 500 == 0 || i == n) {
                sql.append(';');
            }
        }
        t.exec(sql.toString());
        t.exec("CREATE INDEX r_c ON r (c DESC NULLS LAST); CREATE INDEX r_d ON r (d);"
                + "CREATE INDEX r_e_part ON r (e) WHERE d IS NULL; CREATE INDEX r_lower ON r (lower(b));"
                + "CREATE INDEX r_de ON r (d, e)");
        // a table without a primary key: its rows are keyed by a hidden row id
        StringBuilder h = new StringBuilder("CREATE TABLE h (x int, y text); CREATE INDEX h_x ON h (x);"
                + "CREATE INDEX h_y ON h (y); INSERT INTO h VALUES ");
        for (int i = 0; i < 800; i++) {
            h.append(i == 0 ? "" : ", ").append('(').append(nullOr(random, String.valueOf(random.nextInt(60))))
                    .append(", ").append(nullOr(random, "'" + WORDS[random.nextInt(WORDS.length)] + "'")).append(')');
        }
        t.exec(h.toString());
        if (random.nextBoolean()) {
            t.exec("ANALYZE");
        }
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private static String row(int id, Random r) {
        return "(" + id + ", " + nullOr(r, String.valueOf(r.nextInt(40))) + ", "
                + nullOr(r, "'" + WORDS[r.nextInt(WORDS.length)] + "'") + ", "
                + nullOr(r, String.valueOf(r.nextInt(200) / 4.0)) + ", " + nullOr(r, String.valueOf(r.nextInt(25)))
                + ", " + nullOr(r, String.valueOf(r.nextInt(10))) + ", "
                + (r.nextInt(5) == 0 ? "NULL" : String.valueOf(id * 3)) + ")";
    }

    private static String nullOr(Random r, String value) {
        return r.nextInt(10) == 0 ? "NULL" : value;
    }

    /** @return one indexable (or, now and then, unindexable) condition */
    private static String atom(Random r) {
        return switch (r.nextInt(13)) {
            case 0 -> "a = " + r.nextInt(42);
            case 1 -> "a IN (" + r.nextInt(40) + ", " + r.nextInt(40) + ", NULL)";
            case 2 -> "a > " + r.nextInt(40);
            case 3 -> "a BETWEEN " + r.nextInt(40) + " AND " + r.nextInt(40);
            case 4 -> "b = '" + WORDS[r.nextInt(WORDS.length)] + "'";
            case 5 -> "lower(b) = '" + WORDS[r.nextInt(WORDS.length)].toLowerCase(java.util.Locale.ROOT) + "'";
            case 6 -> "c <= " + r.nextInt(50);
            case 7 -> "d = " + r.nextInt(25);
            case 8 -> "d IS NULL";
            case 9 -> "u = " + 3 * r.nextInt(3000);
            case 10 -> "u IN (" + 3 * r.nextInt(3000) + ", " + 3 * r.nextInt(3000) + ")";
            case 11 -> "e = " + r.nextInt(10) + (r.nextBoolean() ? " AND d IS NULL" : "");
            default -> "e < " + r.nextInt(10);
        };
    }

    /** @return a random AND / OR combination of conditions, the arms sometimes overlapping */
    private static String predicate(Random r, int depth) {
        if (depth > 1 || r.nextInt(4) == 0) {
            return atom(r);
        }
        String op = r.nextBoolean() ? " OR " : " AND ";
        List<String> terms = new ArrayList<>();
        int k = 2 + r.nextInt(2);
        for (int i = 0; i < k; i++) {
            terms.add(predicate(r, depth + 1));
        }
        return "(" + String.join(op, terms) + ")";
    }

    private List<String> run(String sql) {
        List<String> rows = new ArrayList<>(t.rows(sql));
        rows.sort(null);
        return rows;
    }

    private void setMode(String mode) {
        t.exec("RESET enable_seqscan; RESET enable_indexscan; RESET enable_indexonlyscan; RESET enable_bitmapscan");
        switch (mode) {
            case "bitmap" -> t.exec("SET enable_seqscan = off; SET enable_indexscan = off");
            case "no bitmap" -> t.exec("SET enable_bitmapscan = off; SET enable_seqscan = off");
            case "seq" -> t.exec("SET enable_indexscan = off; SET enable_bitmapscan = off");
            default -> { }
        }
    }

    /**
     * Runs each query in every mode against the sequential scan's rows.
     *
     * @return how many of the queries the forced mode ran through a bitmap heap scan
     */
    private int compare(List<String> queries, String context) {
        int bitmaps = 0;
        for (String sql : queries) {
            setMode("seq");
            assertThat(String.join("\n", t.rows("EXPLAIN " + sql))).as("seed %d: %s", seed, sql)
                    .doesNotContain("Bitmap");
            List<String> expected = run(sql);
            for (String mode : List.of("bitmap", "free", "no bitmap")) {
                setMode(mode);
                String plan = String.join("\n", t.rows("EXPLAIN " + sql));
                if (mode.equals("bitmap") && plan.contains("Bitmap Heap Scan")) {
                    bitmaps++;
                }
                if (mode.equals("no bitmap")) {
                    assertThat(plan).as("seed %d: %s", seed, sql).doesNotContain("Bitmap");
                }
                assertThat(run(sql)).as("seed %d, %s%s: %s\n%s", seed, mode, context, sql, plan).isEqualTo(expected);
            }
        }
        setMode("free");
        return bitmaps;
    }

    private List<String> queries(int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String where = predicate(random, 0);
            out.add(switch (random.nextInt(4)) {
                case 0 -> "SELECT * FROM r WHERE " + where;
                case 1 -> "SELECT count(*) FROM r WHERE " + where;
                case 2 -> "SELECT id, a, b FROM r WHERE " + where + " AND id % 3 <> 1";
                default -> "SELECT id FROM r WHERE " + where;
            });
        }
        for (int i = 0; i < 4; i++) {
            out.add("SELECT x, y FROM h WHERE x = " + random.nextInt(60) + (random.nextBoolean() ? " OR " : " AND ")
                    + "y = '" + WORDS[random.nextInt(WORDS.length)] + "'");
        }
        out.add("SELECT id FROM r WHERE a = 1 OR a = 1 OR a IN (1, 2)");
        out.add("SELECT id FROM r WHERE (a = 3 OR b = 'eps') AND (d = 4 OR u = 30)");
        out.add("SELECT id, c FROM r WHERE c IS NULL OR a IS NULL OR d = 3");
        out.add("SELECT id FROM r WHERE (e = 2 AND d IS NULL) OR lower(b) = 'beta'");
        return out;
    }

    @Test
    void intersectionsAndUnionsReturnTheSameRowsAsEveryOtherPlan() {
        int bitmaps = compare(queries(60), "");
        assertThat(bitmaps).as("seed %d: queries run by bitmap heap scans", seed).isGreaterThan(10);
        IndexTestSupport.assertConsistent(t.db);
    }

    @Test
    void aBlockSeesItsOwnInsertsUpdatesAndDeletes() {
        t.exec("BEGIN");
        StringBuilder insert = new StringBuilder("INSERT INTO r VALUES ");
        for (int i = 0; i < 200; i++) {
            insert.append(i == 0 ? "" : ", ").append(row(100_000 + i, random));
        }
        t.exec(insert.toString());
        t.exec("UPDATE r SET a = 7, d = 11 WHERE id % 17 = 0");
        t.exec("UPDATE r SET b = 'eps', u = NULL WHERE id % 23 = 0");
        t.exec("DELETE FROM r WHERE id % 13 = 0 OR a = 8");
        t.exec("INSERT INTO r VALUES (200001, 7, 'eps', 1.5, 11, 3, 600003)");
        List<String> queries = queries(25);
        queries.add("SELECT id FROM r WHERE a = 7 AND d = 11");
        queries.add("SELECT id FROM r WHERE a = 8 OR b = 'eps'");
        queries.add("SELECT id FROM r WHERE u = 600003 OR id = 0");
        compare(queries, " in a block");
        setMode("bitmap");
        assertThat(t.rows("SELECT count(*) FROM r WHERE a = 8 OR d = 11 AND a = 7 AND id % 13 = 0"))
                .as("seed %d", seed).containsExactly("0");
        assertThat(t.rows("SELECT id FROM r WHERE u = 600003 OR a = 8")).as("seed %d", seed).containsExactly("200001");
        assertThat(String.join("\n", t.rows("EXPLAIN SELECT id FROM r WHERE u = 600003 OR a = 8")))
                .contains("BitmapOr");
        t.exec("ROLLBACK");
        assertThat(t.rows("SELECT id FROM r WHERE u = 600003 OR a = 8")).as("seed %d", seed)
                .doesNotContain("200001");
        setMode("free");
        IndexTestSupport.assertConsistent(t.db);
    }
}
