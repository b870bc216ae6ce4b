package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.SqlException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of DML keeps every index exact: after each statement the stored entries are exactly
 * what the rows call for ({@link IndexTestSupport#assertConsistent}), rows are found through the
 * indexes, a full index-only count equals the table's count, and a failed statement leaves no
 * entry behind.
 */
class IndexMaintenanceTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
        t.exec("CREATE TABLE t (id int PRIMARY KEY, a int, b text, c numeric, n int);"
                + "CREATE INDEX t_a ON t (a); CREATE UNIQUE INDEX t_b ON t (b); CREATE INDEX t_ca ON t (c DESC, a) INCLUDE (n);"
                + "CREATE INDEX t_part ON t (n) WHERE a > 10; CREATE INDEX t_expr ON t ((a + n));"
                + "CREATE TABLE h (x int, y text UNIQUE); CREATE INDEX h_x ON h (x)");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private void check() {
        IndexTestSupport.assertConsistent(t.db);
        t.exec("SET enable_seqscan = off");
        try {
            String viaIndex = t.value("SELECT count(*) FROM t");
            assertThat(String.join("\n", t.rows("EXPLAIN SELECT count(*) FROM t"))).contains("Index Only Scan");
            t.exec("SET enable_seqscan = on; SET enable_indexscan = off");
            assertThat(t.value("SELECT count(*) FROM t")).isEqualTo(viaIndex);
        } finally {
            t.exec("RESET enable_seqscan; RESET enable_indexscan");
        }
    }

    private static SqlException error(Runnable r) {
        try {
            r.run();
        } catch (SqlException e) {
            return e;
        }
        throw new AssertionError("no error");
    }

    private List<String> viaIndex(String sql) {
        t.exec("SET enable_seqscan = off");
        try {
            assertThat(String.join("\n", t.rows("EXPLAIN " + sql))).contains("Index");
            return t.rows(sql);
        } finally {
            t.exec("RESET enable_seqscan");
        }
    }

    @Test
    void insertUpdateDeleteKeepEntriesExact() {
        t.exec("INSERT INTO t VALUES (1, 5, 'x', 1.50, 7), (2, 20, 'y', 2, 8), (3, NULL, NULL, NULL, NULL)");
        check();
        assertThat(viaIndex("SELECT id FROM t WHERE a = 20")).containsExactly("2");
        assertThat(viaIndex("SELECT c, n FROM t WHERE c = 1.5")).containsExactly("1.50|7");
        t.exec("INSERT INTO t SELECT id + 10, a + 1, b || 'z', c * 2, n FROM t");
        check();
        t.exec("UPDATE t SET a = a + 100 WHERE id = 2");
        check();
        assertThat(viaIndex("SELECT id FROM t WHERE a = 120")).containsExactly("2");
        assertThat(viaIndex("SELECT id FROM t WHERE a = 20")).isEmpty();
        t.exec("UPDATE t SET n = 99 WHERE a > 10");
        check();
        assertThat(viaIndex("SELECT id FROM t WHERE n = 99 AND a > 10 ORDER BY id")).containsExactly("2", "12");
        t.exec("UPDATE t SET id = id + 1000 WHERE id < 3");
        check();
        assertThat(viaIndex("SELECT id FROM t WHERE b = 'x'")).containsExactly("1001");
        t.exec("UPDATE t SET b = NULL");
        check();
        t.exec("DELETE FROM t WHERE a IS NULL OR id > 1000");
        check();
        assertThat(t.value("SELECT count(*) FROM t")).isEqualTo("2");
        t.exec("TRUNCATE t");
        check();
        assertThat(IndexTestSupport.entries(t.db, t.db.catalog().index("public", "t_a").id())).isEmpty();
    }

    @Test
    void updatesThatTouchNoIndexInputWriteNoEntries() {
        t.exec("ALTER TABLE t ADD COLUMN free text; INSERT INTO t VALUES (1, 5, 'x', 1, 7, 'f')");
        long before = t.db.store().properties().get("sequence.last");
        t.exec("UPDATE t SET free = 'g' WHERE id = 1");
        assertThat(t.db.store().properties().get("sequence.last") - before).as("operations written").isEqualTo(1);
        before = t.db.store().properties().get("sequence.last");
        t.exec("UPDATE t SET n = 8 WHERE id = 1"); // t_ca (INCLUDE n), t_part's predicate input, t_expr
        // the row, t_ca's entry (same key, new INCLUDE value: one put) and t_expr's (moved: delete
        // and put); a statement's batch holds one operation per key
        assertThat(t.db.store().properties().get("sequence.last") - before).isEqualTo(1 + 1 + 2);
        check();
        assertThat(t.value("SELECT free FROM t WHERE b = 'x'")).isEqualTo("g");
    }

    @Test
    void onConflictMaintainsIndexesAndUsesUniqueIndexesAsArbiters() {
        t.exec("INSERT INTO t VALUES (1, 5, 'x', 1, 7)");
        t.exec("INSERT INTO t VALUES (1, 6, 'q', 1, 7) ON CONFLICT DO NOTHING");
        t.exec("INSERT INTO t VALUES (2, 6, 'x', 1, 7) ON CONFLICT DO NOTHING");
        check();
        assertThat(t.value("SELECT count(*) FROM t")).isEqualTo("1");
        t.exec("INSERT INTO t VALUES (1, 50, 'w', 3, 1) ON CONFLICT (id) DO UPDATE SET a = excluded.a, b = excluded.b");
        check();
        assertThat(viaIndex("SELECT id, a FROM t WHERE b = 'w'")).containsExactly("1|50");
        t.exec("INSERT INTO t VALUES (9, 51, 'w', 3, 1) ON CONFLICT (b) DO UPDATE SET a = excluded.a");
        check();
        assertThat(t.rows("SELECT id, a, b FROM t")).containsExactly("1|51|w");
        t.exec("INSERT INTO t VALUES (9, 51, 'w', 3, 1) ON CONFLICT ON CONSTRAINT t_b DO NOTHING");
        SqlException e = error(() -> t.exec("INSERT INTO t VALUES (1, 1, 'v', 1, 1) ON CONFLICT (b) DO NOTHING"));
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(e.getMessage()).contains("\"t_pkey\"");
        e = error(() -> t.exec("INSERT INTO t VALUES (2, 1, 'v', 1, 1) ON CONFLICT (a) DO NOTHING"));
        assertThat(e.sqlState()).isEqualTo("42P10");
        e = error(() -> t.exec("INSERT INTO t VALUES (2, 1, 'v', 1, 1) ON CONFLICT ON CONSTRAINT nope DO NOTHING"));
        assertThat(e.sqlState()).isEqualTo("42704");
        // a table without a primary key: the unique index arbitrates
        t.exec("INSERT INTO h VALUES (1, 'a'), (2, 'b')");
        t.exec("INSERT INTO h VALUES (3, 'a') ON CONFLICT (y) DO UPDATE SET x = h.x + excluded.x");
        t.exec("INSERT INTO h VALUES (4, 'b'), (5, 'c') ON CONFLICT DO NOTHING");
        check();
        assertThat(t.rows("SELECT x, y FROM h ORDER BY y")).containsExactly("4|a", "2|b", "5|c");
        assertThat(viaIndex("SELECT y FROM h WHERE x = 4")).containsExactly("a");
    }

    @Test
    void uniqueViolationsNullsAndFailedStatementsLeaveNoEntry() {
        t.exec("INSERT INTO t VALUES (1, 1, 'x', 1, 1)");
        SqlException e = error(() -> t.exec("INSERT INTO t VALUES (2, 2, 'a', 2, 2), (3, 3, 'x', 3, 3)"));
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(e.getMessage()).isEqualTo("duplicate key value violates unique constraint \"t_b\"");
        assertThat(e.detail()).isEqualTo("Key (b)=(x) already exists.");
        check();
        assertThat(t.value("SELECT count(*) FROM t")).isEqualTo("1");
        // within one statement
        e = error(() -> t.exec("INSERT INTO t VALUES (4, 4, 'q', 4, 4), (5, 5, 'q', 5, 5)"));
        assertThat(e.detail()).isEqualTo("Key (b)=(q) already exists.");
        e = error(() -> t.exec("UPDATE t SET b = 'same'; INSERT INTO t VALUES (6, 6, 'same', 6, 6)"));
        assertThat(e.sqlState()).isEqualTo("23505");
        check();
        // NULLs are distinct
        t.exec("INSERT INTO t VALUES (7, 7, NULL, 7, 7), (8, 8, NULL, 8, 8)");
        t.exec("UPDATE t SET b = NULL WHERE id = 1");
        check();
        assertThat(t.value("SELECT count(*) FROM t WHERE b IS NULL")).isEqualTo("3");
        // swapping unique values in one UPDATE succeeds whatever the row order
        t.exec("UPDATE t SET b = 'p' WHERE id = 7; UPDATE t SET b = 'r' WHERE id = 8");
        t.exec("UPDATE t SET b = CASE b WHEN 'p' THEN 'r' ELSE 'p' END WHERE id IN (7, 8)");
        check();
        assertThat(t.rows("SELECT id, b FROM t WHERE b IS NOT NULL ORDER BY id")).containsExactly("7|r", "8|p");
        // multi-column unique
        t.exec("CREATE UNIQUE INDEX t_an ON t (a, n)");
        e = error(() -> t.exec("INSERT INTO t VALUES (9, 7, 'z', 0, 7)"));
        assertThat(e.detail()).isEqualTo("Key (a, n)=(7, 7) already exists.");
        t.exec("INSERT INTO t VALUES (9, 7, 'z', 0, NULL), (10, 7, 'zz', 0, NULL)");
        // an expression index's error message names the expression
        t.exec("CREATE UNIQUE INDEX t_lower ON t (lower(b))");
        e = error(() -> t.exec("INSERT INTO t VALUES (11, 0, 'Z', 0, 0)"));
        assertThat(e.detail()).isEqualTo("Key (lower(b))=(z) already exists.");
        check();
    }

    @Test
    void expressionErrorsFailTheStatement() {
        t.exec("CREATE INDEX t_div ON t ((100 / n))");
        SqlException e = error(() -> t.exec("INSERT INTO t VALUES (1, 1, 'x', 1, 0)"));
        assertThat(e.sqlState()).isEqualTo("22012");
        check();
        assertThat(t.value("SELECT count(*) FROM t")).isEqualTo("0");
    }

    @Test
    void batchedInsertsAreMaintained() {
        PreparedSql p = t.session.prepare("INSERT INTO t VALUES ($1, $2, $3, $4, $5)");
        List<List<Object>> sets = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sets.add(java.util.Arrays.asList(i, i % 17, "k" + i, new java.math.BigDecimal(i % 5), i % 3));
        }
        t.session.executeBatch(p, sets);
        check();
        sets.set(299, java.util.Arrays.asList(1000, 1, "k5", java.math.BigDecimal.ONE, 1));
        SqlException e = error(() -> t.session.executeBatch(p, sets));
        assertThat(e.sqlState()).isEqualTo("23505");
        check();
    }

    @Test
    void randomStatementSequencesKeepEveryIndexExact() {
        long seed = Long.getLong("tests.seed", new Random().nextLong());
        Random r = new Random(seed);
        for (int step = 0; step < 120; step++) {
            String sql = switch (r.nextInt(8)) {
                case 0, 1 -> "INSERT INTO t VALUES (" + r.nextInt(200) + ", " + r.nextInt(30) + ", 'b" + r.nextInt(60)
                        + "', " + r.nextInt(9) / 2.0 + ", " + r.nextInt(5) + ") ON CONFLICT DO NOTHING";
                case 2 -> "INSERT INTO t SELECT id + " + (200 + r.nextInt(1000)) + ", a + 1, NULL, c, n FROM t WHERE id < "
                        + r.nextInt(50) + " ON CONFLICT (id) DO UPDATE SET a = excluded.a";
                case 3 -> "UPDATE t SET a = a + " + r.nextInt(5) + " WHERE n = " + r.nextInt(5);
                case 4 -> "UPDATE t SET b = 'u' || id WHERE a = " + r.nextInt(30);
                case 5 -> "DELETE FROM t WHERE a = " + r.nextInt(30);
                case 6 -> "UPDATE t SET b = 'dup' WHERE id IN (" + r.nextInt(200) + ", " + r.nextInt(200) + ")";
                default -> "INSERT INTO h VALUES (" + r.nextInt(50) + ", 'y" + r.nextInt(40) + "')";
            };
            try {
                t.exec(sql);
            } catch (SqlException e) {
                assertThat(e.sqlState()).as("seed %d: %s", seed, sql).isEqualTo("23505");
            }
            if (step % 10 == 0) {
                IndexTestSupport.assertConsistent(t.db);
            }
        }
        check();
    }
}
