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
 * Every join and GROUP BY returns the same rows whatever the methods: merge joins (on inputs in
 * primary-key order or sorted for them), hash joins, index nested-loop joins, group aggregates and
 * hash aggregates, each forced by the {@code enable_*} settings — on seeded random tables with
 * duplicate keys, NULL keys, multi-column keys, text keys, an empty table, many groups, one group
 * and only NULL group keys. Queries with an ORDER BY that fixes the order are compared row by row
 * (a dropped sort must not change it), the others as multisets. The seed is random per run and
 * printed in every failure message; {@code -Dtests.seed=N} repeats a run.
 */
class MergeJoinEquivalenceTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;
    long seed;
    Random random;

    private static final String[] SETTINGS = {"", "SET enable_hashjoin = off; SET enable_nestloop = off",
        "SET enable_mergejoin = off", "SET enable_hashagg = off",
        "SET enable_hashagg = off; SET enable_hashjoin = off; SET enable_nestloop = off",
        "SET enable_sort = off; SET enable_hashjoin = off", "SET enable_mergejoin = off; SET enable_hashagg = off",
        "SET enable_hashagg = off; SET enable_sort = off; SET enable_indexscan = off",
        "SET enable_seqscan = off; SET enable_hashagg = off; SET enable_hashjoin = off; SET enable_sort = off"};

    private static final String[] QUERIES = {
        "SELECT p.id, c.seq, c.x FROM p JOIN c ON p.id = c.pid",
        "SELECT p.id, c.seq FROM p LEFT JOIN c ON p.id = c.pid AND c.x > 5",
        "SELECT p.id, c.pid FROM p RIGHT JOIN c ON p.id = c.pid",
        "SELECT p.id, c.pid, c.seq FROM p FULL JOIN c ON p.id = c.pid AND p.x < c.x",
        "SELECT p.id FROM p WHERE EXISTS (SELECT 1 FROM c WHERE c.pid = p.id AND c.x > 3)",
        "SELECT p.id FROM p WHERE NOT EXISTS (SELECT 1 FROM c WHERE c.pid = p.id)",
        "SELECT n.x, n.y, c.seq FROM n JOIN c ON n.x = c.pid AND n.y = c.seq",
        "SELECT n.x, m.y FROM n JOIN n m ON n.x = m.x",
        "SELECT n.t, m.t FROM n LEFT JOIN n m ON n.t = m.t",
        "SELECT n.x, m.y FROM n FULL JOIN n m ON n.x = m.y AND n.t = m.t",
        "SELECT p.id, e.id FROM p LEFT JOIN e ON p.id = e.id",
        "SELECT e.id, p.id FROM e JOIN p ON p.id = e.id",
        "SELECT p.id, e.id FROM e FULL JOIN p ON p.id = e.id",
        "SELECT pid, count(*), sum(x), min(t) FROM c GROUP BY pid",
        "SELECT x, count(*), count(DISTINCT y), string_agg(t, ',' ORDER BY t, y) FROM n GROUP BY x",
        "SELECT y, x, count(*), sum(x) FILTER (WHERE y > 2) FROM n GROUP BY y, x",
        "SELECT 1 AS one, count(*), max(t) FROM n GROUP BY 1",
        "SELECT x, count(*) FROM n WHERE x IS NULL GROUP BY x",
        "SELECT x % 5, count(*) FROM n GROUP BY x % 5",
        "SELECT x, count(*) FROM e GROUP BY x",
        "SELECT p.id, sum(c.x) FROM p JOIN c ON p.id = c.pid GROUP BY p.id ORDER BY p.id",
        "SELECT pid, count(*) FROM c GROUP BY pid ORDER BY pid LIMIT 7",
        "SELECT c.pid, count(*) FROM c JOIN n ON c.x = n.y GROUP BY c.pid ORDER BY 1, 2",
        "SELECT c.pid, c.seq, p.x FROM c LEFT JOIN p ON p.id = c.pid ORDER BY c.pid, c.seq",
    };

    @BeforeEach
    void setUp() {
        seed = Long.getLong("tests.seed", new Random().nextLong());
        random = new Random(seed);
        t = new SqlTestDatabase(dir);
        t.exec("SET auto_analyze = off");
        t.exec("CREATE TABLE p (id int PRIMARY KEY, x int); CREATE TABLE c (pid int, seq int, x int, t text,"
                + " PRIMARY KEY (pid, seq)); CREATE TABLE n (x int, y int, t text);"
                + "CREATE TABLE e (id int PRIMARY KEY, x int)");
        int parents = 100 + random.nextInt(400);
        insert("p", parents, i -> (i + 1) + ", " + value(10));
        // children: duplicate parent ids, some without a parent
        int children = random.nextInt(3000);
        insert("c", children, i -> random.nextInt(parents + 50) + ", " + i + ", " + value(10) + ", " + text());
        insert("n", 50 + random.nextInt(600), i -> value(30) + ", " + value(8) + ", " + text());
        // index scans in key order (NULLs last or first) feed merge joins and group aggregates too
        t.exec(random.nextBoolean() ? "CREATE INDEX n_x ON n (x)" : "CREATE INDEX n_x ON n (x NULLS FIRST)");
        if (random.nextBoolean()) {
            t.exec("ANALYZE");
        }
    }

    private void insert(String table, int rows, java.util.function.IntFunction<String> row) {
        if (rows == 0) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i > 0 ? ", " : "").append('(').append(row.apply(i)).append(')');
        }
        t.exec(sql.toString());
    }

    /** @return a small integer (duplicates) or NULL one time in eight */
    private String value(int range) {
        return random.nextInt(8) == 0 ? "NULL" : String.valueOf(random.nextInt(range));
    }

    private String text() {
        return random.nextInt(8) == 0 ? "NULL" : "'" + (char) ('a' + random.nextInt(5)) + "'";
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    /** @return the rows in order when the query orders them, else as a multiset */
    private Object result(String sql) {
        List<String> rows = t.rows(sql);
        if (sql.substring(sql.lastIndexOf(')') + 1).contains("ORDER BY")) { // the query's, not an aggregate's
            return rows;
        }
        Map<String, Integer> out = new TreeMap<>();
        for (String row : rows) {
            out.merge(row, 1, Integer::sum);
        }
        return out;
    }

    @Test
    void everyMethodReturnsTheSameRows() {
        t.exec("SET enable_mergejoin = off; SET enable_nestloop = off; SET enable_indexscan = off");
        List<Object> expected = new ArrayList<>();
        for (String q : QUERIES) {
            expected.add(result(q));
        }
        int merges = 0;
        int groups = 0;
        boolean indexOrder = false;
        for (String setting : SETTINGS) {
            t.exec("RESET enable_hashjoin; RESET enable_nestloop; RESET enable_mergejoin; RESET enable_hashagg;"
                    + "RESET enable_sort; RESET enable_indexscan; RESET enable_seqscan");
            if (!setting.isEmpty()) {
                t.exec(setting);
            }
            for (int q = 0; q < QUERIES.length; q++) {
                String plan = String.join("\n", t.rows("EXPLAIN (COSTS OFF) " + QUERIES[q]));
                merges += plan.contains("Merge ") ? 1 : 0;
                groups += plan.contains("GroupAggregate") ? 1 : 0;
                indexOrder |= plan.matches(
                        "(?s).*(GroupAggregate|Merge Join)\\n.*\\n\\s*->  Index (Only )?Scan using n_x.*");
                assertThat(result(QUERIES[q])).as("seed %d, %s: %s\n%s", seed, setting, QUERIES[q], plan)
                        .isEqualTo(expected.get(q));
            }
        }
        // the methods under test really ran
        assertThat(merges).as("seed %d", seed).isGreaterThan(QUERIES.length);
        assertThat(groups).as("seed %d", seed).isGreaterThan(QUERIES.length / 2);
        assertThat(indexOrder).as("seed %d: a method on an index scan's order", seed).isTrue();
    }
}
