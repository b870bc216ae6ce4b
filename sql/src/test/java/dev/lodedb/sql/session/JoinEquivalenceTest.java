package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every join query returns the same multiset of rows whatever the join order and methods: with
 * dynamic programming, the greedy order ({@code geqo_threshold = 2}), the written order ({@code
 * join_collapse_limit = 1}), hash joins or index nested-loop joins disabled, index scans disabled,
 * and with the secondary indexes dropped — on seeded random tables with NULLs and duplicate keys.
 * The seed is random per run and printed in every failure message; {@code -Dtests.seed=N} repeats
 * a run.
 */
class JoinEquivalenceTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;
    long seed;
    Random random;

    private static final String[] SETTINGS = {"", "SET geqo_threshold = 2", "SET join_collapse_limit = 1",
        "SET enable_nestloop = off", "SET enable_hashjoin = off", "SET enable_indexscan = off",
        "SET enable_hashjoin = off; SET enable_seqscan = off"};

    private static final String[] QUERIES = {
        "SELECT a.id, b.id, c.id FROM a JOIN b ON a.x = b.x JOIN c ON b.y = c.y",
        "SELECT a.id, c.id FROM a, b, c WHERE a.x = b.id AND b.y = c.id AND a.z > 3",
        "SELECT a.id, b.id FROM a JOIN b ON a.x = b.x AND a.z < b.z",
        "SELECT count(*), sum(c.z) FROM c JOIN a ON c.id = a.y JOIN d ON d.k = a.x JOIN b ON b.id = d.id",
        "SELECT a.id, b.id FROM a LEFT JOIN b ON a.x = b.x AND b.y IS NOT NULL",
        "SELECT s.id, b.id FROM (SELECT * FROM a WHERE id < 30) s LEFT JOIN b ON s.y = b.id",
        "SELECT d.id, a.id FROM d JOIN a ON a.y = d.k WHERE d.id < 20",
        "SELECT a.id FROM a, d WHERE a.x = d.k AND d.id = 7",
        "SELECT a.id, b.id, c.id, d.id FROM a, b, c, d WHERE a.id = b.id AND b.id = c.id AND c.id = d.id",
        "SELECT a.id, b.id FROM a, b WHERE a.z = 1 AND b.z = 2",
        "SELECT x.id, y.id FROM a x JOIN a y ON x.x = y.y JOIN b ON b.x = y.x WHERE b.z IS NULL",
    };

    @BeforeEach
    void setUp() {
        seed = Long.getLong("tests.seed", new Random().nextLong());
        random = new Random(seed);
        t = new SqlTestDatabase(dir);
        t.exec("CREATE TABLE a (id int PRIMARY KEY, x int, y int, z int);"
                + "CREATE TABLE b (id int PRIMARY KEY, x int, y int, z int);"
                + "CREATE TABLE c (id int PRIMARY KEY, x int, y int, z int);"
                + "CREATE TABLE d (id int, k int, z int)");
        fill("a", 200 + random.nextInt(300), 40);
        fill("b", 20 + random.nextInt(100), 15);
        fill("c", 500 + random.nextInt(1000), 60);
        StringBuilder sql = new StringBuilder("INSERT INTO d VALUES ");
        int n = 50 + random.nextInt(200);
        for (int i = 0; i < n; i++) {
            sql.append(i > 0 ? ", " : "").append('(').append(value(100)).append(", ").append(value(40)).append(", ")
                    .append(value(10)).append(')');
        }
        t.exec(sql.toString());
        if (random.nextBoolean()) {
            t.exec("ANALYZE");
        }
    }

    private void fill(String table, int rows, int keys) {
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
        for (int i = 1; i <= rows; i++) {
            sql.append(i > 1 ? ", " : "").append('(').append(i).append(", ").append(value(keys)).append(", ")
                    .append(value(keys)).append(", ").append(value(10)).append(')');
        }
        t.exec(sql.toString());
    }

    /** @return a small integer (duplicates) or NULL one time in eight */
    private String value(int range) {
        return random.nextInt(8) == 0 ? "NULL" : String.valueOf(random.nextInt(range));
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private Map<String, Integer> multiset(String sql) {
        Map<String, Integer> out = new TreeMap<>();
        for (String row : t.rows(sql)) {
            out.merge(row, 1, Integer::sum);
        }
        return out;
    }

    private List<Map<String, Integer>> runAll() {
        List<Map<String, Integer>> out = new ArrayList<>();
        for (String q : QUERIES) {
            out.add(multiset(q));
        }
        return out;
    }

    @Test
    void everyPlanReturnsTheSameRows() {
        t.exec("SET enable_nestloop = off; SET enable_indexscan = off");
        List<Map<String, Integer>> expected = runAll();
        t.exec("RESET enable_nestloop; RESET enable_indexscan");
        for (boolean indexes : new boolean[] {true, false}) {
            if (indexes) {
                t.exec("CREATE INDEX a_x ON a (x); CREATE INDEX a_y ON a (y); CREATE INDEX b_x ON b (x);"
                        + "CREATE INDEX c_y ON c (y, z); CREATE INDEX d_k ON d (k); CREATE INDEX d_id ON d (id)");
            }
            if (indexes) {
                // the alternatives are really taken: index nested-loop joins when hashing and merging are disabled
                t.exec("SET enable_hashjoin = off; SET enable_mergejoin = off");
                assertThat(String.join("\n", t.rows("EXPLAIN (COSTS OFF) " + QUERIES[6]))).as("seed %d", seed)
                        .contains("Nested Loop", "Index Scan using a_y on a");
            }
            for (String setting : SETTINGS) {
                t.exec("RESET geqo_threshold; RESET join_collapse_limit; RESET enable_nestloop; RESET enable_hashjoin;"
                        + "RESET enable_indexscan; RESET enable_seqscan; RESET enable_mergejoin");
                if (!setting.isEmpty()) {
                    t.exec(setting);
                }
                for (int q = 0; q < QUERIES.length; q++) {
                    assertThat(multiset(QUERIES[q])).as("seed %d, indexes %s, %s: %s", seed, indexes, setting, QUERIES[q])
                            .isEqualTo(expected.get(q));
                }
            }
            if (indexes) {
                t.exec("DROP INDEX a_x; DROP INDEX a_y; DROP INDEX b_x; DROP INDEX c_y; DROP INDEX d_k; DROP INDEX d_id");
            }
        }
    }
}
