package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SELECT ... FOR UPDATE | NO KEY UPDATE | SHARE | KEY SHARE [OF ...] [NOWAIT | SKIP LOCKED]}
 * over joins: which rows of which tables are locked (probed from a second session with NOWAIT, so
 * nothing depends on timing), OF lists, outer joins, subqueries and views in FROM, the READ
 * COMMITTED re-run and the REPEATABLE READ conflict, and the errors with PostgreSQL's SQLSTATEs
 * and messages.
 */
class SelectForUpdateJoinTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;
    TransactionTest.Conn a;
    TransactionTest.Conn b;

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
        t.exec("CREATE TABLE cust (id int PRIMARY KEY, name text NOT NULL);"
                + " CREATE TABLE orders (id int PRIMARY KEY, cust int NOT NULL, amount int NOT NULL);"
                + " INSERT INTO cust VALUES (1, 'ann'), (2, 'bob'), (3, 'cy');"
                + " INSERT INTO orders VALUES (10, 1, 5), (11, 1, 6), (12, 2, 7), (13, 3, 8)");
        a = new TransactionTest.Conn(t.db);
        b = new TransactionTest.Conn(t.db);
    }

    @AfterEach
    void tearDown() {
        a.close();
        b.close();
        t.close();
    }

    private void assertError(String sql, String state, String message) {
        SqlException e = SqlTestDatabase.errorOf(() -> a.exec(sql));
        assertThat(e.sqlState()).as(sql).isEqualTo(state);
        assertThat(e.getMessage()).as(sql).isEqualTo(message);
    }

    /** @return whether session b can lock the row {@code where} of {@code table} at once with {@code strength} */
    private boolean free(String table, String where, String strength) {
        b.exec("BEGIN");
        try {
            b.exec("SELECT * FROM " + table + " WHERE " + where + " FOR " + strength + " NOWAIT");
            return true;
        } catch (SqlException e) {
            assertThat(e.sqlState()).isEqualTo("55P03");
            assertThat(e.getMessage()).isEqualTo("could not obtain lock on row in relation \"" + table + "\"");
            return false;
        } finally {
            b.exec("ROLLBACK");
        }
    }

    /**
     * Runs {@code query} in a block of session a, checks its rows, then each probe
     * {@code "locked|free table where-condition strength"} from session b, and rolls back.
     */
    private void assertLocks(String query, List<String> rows, String... probes) {
        a.exec("BEGIN");
        try {
            assertThat(a.rows(query)).as(query).containsExactlyElementsOf(rows);
            for (String probe : probes) {
                String[] p = probe.split("\\|");
                assertThat(free(p[1], p[2], p[3])).as(query + ": " + probe).isEqualTo(p[0].equals("free"));
            }
        } finally {
            a.exec("ROLLBACK");
        }
    }

    @Test
    void anInnerJoinLocksTheContributingRowsOfEveryTable() {
        // rows that did not contribute to the result stay free
        assertLocks("SELECT o.id, c.name FROM orders o JOIN cust c ON c.id = o.cust WHERE o.amount < 7 ORDER BY o.id"
                + " FOR UPDATE", List.of("10|ann", "11|ann"), "locked|orders|id = 10|UPDATE",
                "locked|orders|id = 11|KEY SHARE", "locked|cust|id = 1|SHARE", "free|orders|id = 12|UPDATE",
                "free|cust|id = 2|UPDATE");
        assertThat(free("cust", "id = 1", "UPDATE")).isTrue();
        // comma joins, three tables, and a join of a table with itself
        t.exec("CREATE TABLE region (cust int PRIMARY KEY, r text); INSERT INTO region VALUES (1, 'n'), (2, 's')");
        assertLocks("SELECT o.id, r.r FROM orders o, cust c, region r WHERE c.id = o.cust AND r.cust = c.id"
                + " AND o.id = 12 FOR NO KEY UPDATE", List.of("12|s"), "locked|region|cust = 2|UPDATE",
                "free|region|cust = 1|UPDATE", "locked|cust|id = 2|UPDATE");
        assertLocks("SELECT x.id, y.id FROM cust x JOIN cust y ON y.id = x.id + 1 WHERE x.id = 1 FOR UPDATE",
                List.of("1|2"), "locked|cust|id = 1|UPDATE", "locked|cust|id = 2|UPDATE", "free|cust|id = 3|UPDATE");
    }

    @Test
    void aMergeJoinLocksTheRowsOfBothInputs() {
        t.exec("CREATE TABLE extra (id int PRIMARY KEY, note text NOT NULL);"
                + " INSERT INTO extra VALUES (1, 'x'), (2, 'y'), (3, 'z')");
        a.exec("SET enable_hashjoin = off");
        a.exec("SET enable_nestloop = off");
        String q = "SELECT c.id, e.note FROM cust c JOIN extra e ON e.id = c.id WHERE c.id <= 2";
        assertThat(String.join("\n", a.rows("EXPLAIN " + q))).contains("Merge Join");
        assertLocks(q + " FOR UPDATE", List.of("1|x", "2|y"), "locked|cust|id = 1|UPDATE",
                "locked|extra|id = 2|KEY SHARE", "free|cust|id = 3|UPDATE", "free|extra|id = 3|UPDATE");
        assertLocks(q + " FOR UPDATE OF e", List.of("1|x", "2|y"), "free|cust|id = 1|UPDATE",
                "locked|extra|id = 1|UPDATE");
    }

    @Test
    void anIndexNestedLoopJoinLocksTheRowsItLooksUp() {
        t.exec("INSERT INTO cust SELECT g, 'n' || g FROM generate_series(4, 3000) g");
        t.exec("INSERT INTO orders SELECT g, 1 + g % 3000, g FROM generate_series(14, 5000) g");
        t.exec("ANALYZE");
        String q = "SELECT o.id, c.name FROM orders o JOIN cust c ON c.id = o.cust WHERE o.amount BETWEEN 20 AND 21";
        assertThat(String.join("\n", t.rows("EXPLAIN " + q))).contains("Nested Loop")
                .contains("Primary Key Lookup on cust");
        assertLocks(q + " ORDER BY o.id FOR UPDATE", List.of("20|n21", "21|n22"), "locked|cust|id = 21|UPDATE",
                "locked|orders|id = 21|UPDATE", "free|cust|id = 23|UPDATE");
        assertLocks(q + " ORDER BY o.id FOR UPDATE OF c", List.of("20|n21", "21|n22"), "locked|cust|id = 22|UPDATE",
                "free|orders|id = 21|UPDATE");
    }

    @Test
    void ofListsChooseTablesAndStrengths() {
        String join = "SELECT o.id FROM orders o JOIN cust c ON c.id = o.cust WHERE o.id = 12 ";
        assertLocks(join + "FOR UPDATE OF o", List.of("12"), "locked|orders|id = 12|KEY SHARE",
                "free|cust|id = 2|UPDATE");
        // one clause per table: shared for c, exclusive for o
        assertLocks(join + "FOR SHARE OF c FOR UPDATE OF o", List.of("12"), "free|cust|id = 2|SHARE",
                "locked|cust|id = 2|UPDATE", "locked|orders|id = 12|SHARE");
        // a table in two clauses gets the stronger lock; a table's own name works without an alias
        assertLocks("SELECT orders.id FROM orders JOIN cust ON cust.id = orders.cust WHERE orders.id = 13"
                + " FOR KEY SHARE FOR UPDATE OF cust", List.of("13"), "locked|cust|id = 3|KEY SHARE",
                "free|orders|id = 13|KEY SHARE", "locked|orders|id = 13|UPDATE");
        // a subquery and a view in FROM: OF names them and locks their tables
        t.exec("CREATE VIEW named AS SELECT id, name FROM cust WHERE name <> ''");
        assertLocks("SELECT o.id, s.name FROM orders o JOIN (SELECT * FROM cust) s ON s.id = o.cust WHERE o.id = 12"
                + " FOR UPDATE OF s", List.of("12|bob"), "locked|cust|id = 2|UPDATE", "free|orders|id = 12|UPDATE");
        assertLocks("SELECT o.id, v.name FROM orders o JOIN named v ON v.id = o.cust WHERE o.id = 13 FOR UPDATE OF v",
                List.of("13|cy"), "locked|cust|id = 3|UPDATE", "free|orders|id = 13|UPDATE");
        assertLocks("(SELECT c.id FROM cust c JOIN orders o ON o.cust = c.id WHERE o.id = 13) FOR UPDATE OF c",
                List.of("3"), "locked|cust|id = 3|UPDATE", "free|orders|id = 13|UPDATE");
        // WITH queries are not locked, as in PostgreSQL
        assertLocks("WITH x AS (SELECT * FROM cust WHERE id = 1) SELECT o.id FROM orders o JOIN x ON x.id = o.cust"
                + " ORDER BY o.id FOR UPDATE", List.of("10", "11"), "locked|orders|id = 10|UPDATE",
                "free|cust|id = 1|UPDATE");
        assertLocks("WITH x AS (SELECT * FROM cust WHERE id = 1) SELECT name FROM x FOR UPDATE", List.of("ann"),
                "free|cust|id = 1|UPDATE");
        // without OF, a view's tables are locked too
        assertLocks("SELECT name FROM named WHERE id = 1 FOR UPDATE", List.of("ann"), "locked|cust|id = 1|UPDATE");
        // a subquery in FROM that OF leaves out may group; rows read in WHERE subqueries are not locked
        assertLocks("SELECT c.name, s.n FROM cust c JOIN (SELECT cust, count(*) AS n FROM orders GROUP BY cust) s"
                + " ON s.cust = c.id WHERE c.id = 1 FOR UPDATE OF c", List.of("ann|2"), "locked|cust|id = 1|UPDATE",
                "free|orders|cust = 1|UPDATE");
        assertLocks("SELECT c.id FROM cust c WHERE c.id IN (SELECT cust FROM orders WHERE amount = 7) FOR UPDATE",
                List.of("2"), "locked|cust|id = 2|UPDATE", "free|orders|id = 12|UPDATE");
    }

    @Test
    void outerJoinsLockOnlyTheirPreservedSide() {
        t.exec("INSERT INTO cust VALUES (4, 'dee')");
        String left = "SELECT c.id, o.id FROM cust c LEFT JOIN orders o ON o.cust = c.id WHERE c.id >= 3 ";
        assertError(left + "FOR UPDATE", "0A000", "FOR UPDATE cannot be applied to the nullable side of an outer join");
        assertError(left + "FOR SHARE OF o", "0A000",
                "FOR SHARE cannot be applied to the nullable side of an outer join");
        assertError("SELECT * FROM orders o RIGHT JOIN cust c ON o.cust = c.id FOR KEY SHARE OF o", "0A000",
                "FOR KEY SHARE cannot be applied to the nullable side of an outer join");
        assertError("SELECT * FROM orders o FULL JOIN cust c ON o.cust = c.id FOR NO KEY UPDATE OF c", "0A000",
                "FOR NO KEY UPDATE cannot be applied to the nullable side of an outer join");
        assertLocks(left + "ORDER BY c.id FOR UPDATE OF c", List.of("3|13", "4|null"), "locked|cust|id = 4|UPDATE",
                "free|orders|id = 13|UPDATE");
        assertLocks("SELECT c.id FROM orders o RIGHT JOIN cust c ON o.cust = c.id WHERE c.id = 4 FOR UPDATE OF c",
                List.of("4"), "locked|cust|id = 4|UPDATE");
    }

    @Test
    void nowaitAndSkipLockedOverJoins() {
        t.exec("CREATE TABLE job (id int PRIMARY KEY, queue int NOT NULL)");
        t.exec("CREATE TABLE queue (id int PRIMARY KEY, open boolean NOT NULL)");
        t.exec("INSERT INTO queue VALUES (1, true), (2, false)");
        t.exec("INSERT INTO job SELECT g, 1 + g % 2 FROM generate_series(1, 8) g");
        String next = "SELECT j.id FROM job j JOIN queue q ON q.id = j.queue WHERE q.open ORDER BY j.id LIMIT 2"
                + " FOR UPDATE OF j SKIP LOCKED";
        a.exec("BEGIN");
        b.exec("BEGIN");
        assertThat(a.rows(next)).containsExactly("2", "4");
        assertThat(b.rows(next)).containsExactly("6", "8");
        assertThat(b.rows(next)).containsExactly("6", "8"); // its own locks do not skip
        // NOWAIT names the table of the row it could not lock
        SqlException e = SqlTestDatabase.errorOf(() -> b.exec("SELECT j.id FROM job j JOIN queue q"
                + " ON q.id = j.queue WHERE j.id = 2 FOR UPDATE NOWAIT"));
        assertThat(e.sqlState()).isEqualTo("55P03");
        assertThat(e.getMessage()).isEqualTo("could not obtain lock on row in relation \"job\"");
        b.exec("ROLLBACK");
        b.exec("BEGIN");
        // the queue rows are shared-locked by a FOR SHARE: no conflict with another FOR SHARE
        assertThat(b.rows("SELECT q.id FROM job j JOIN queue q ON q.id = j.queue WHERE j.id = 6"
                + " FOR SHARE OF q NOWAIT")).containsExactly("1");
        a.exec("COMMIT");
        b.exec("COMMIT");
        // SKIP LOCKED leaves out a result row when any of its locked rows is held elsewhere
        a.exec("BEGIN");
        a.exec("SELECT * FROM queue WHERE id = 1 FOR UPDATE");
        b.exec("BEGIN");
        assertThat(b.rows("SELECT j.id FROM job j JOIN queue q ON q.id = j.queue ORDER BY j.id FOR UPDATE"
                + " SKIP LOCKED")).containsExactly("1", "3", "5", "7");
        b.exec("ROLLBACK");
        a.exec("ROLLBACK");
    }

    @Test
    void aChangedRowMakesReadCommittedRunAgainAndRepeatableReadFail() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            String q = "SELECT o.id, c.name FROM orders o JOIN cust c ON c.id = o.cust WHERE o.id = 12 FOR UPDATE";
            // READ COMMITTED: whether b's query waits for a's lock or starts after a's commit, it returns
            // the committed row and holds the locks
            a.exec("BEGIN");
            a.exec("UPDATE cust SET name = 'bea' WHERE id = 2");
            b.exec("BEGIN");
            Future<String> read = pool.submit(() -> b.value(q));
            a.exec("COMMIT");
            assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo("12|bea");
            try (TransactionTest.Conn probe = new TransactionTest.Conn(t.db)) {
                probe.exec("BEGIN");
                String lock = "SELECT * FROM cust WHERE id = 2 FOR UPDATE NOWAIT";
                assertThat(SqlTestDatabase.errorOf(() -> probe.exec(lock)).sqlState()).isEqualTo("55P03");
                probe.exec("ROLLBACK");
            }
            b.exec("COMMIT");
            // REPEATABLE READ: a row of either table changed after the snapshot fails with 40001
            for (String change : new String[] {"UPDATE cust SET name = 'x' WHERE id = 2",
                "UPDATE orders SET amount = 0 WHERE id = 12"}) {
                b.exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
                b.exec("SELECT count(*) FROM cust");
                a.exec(change);
                assertThat(SqlTestDatabase.errorOf(() -> b.exec(q)).sqlState()).as(change).isEqualTo("40001");
                b.exec("ROLLBACK");
            }
            // a row of a table left out by OF may change: nothing of it is locked or checked
            b.exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
            b.exec("SELECT count(*) FROM cust");
            a.exec("UPDATE cust SET name = 'y' WHERE id = 2");
            assertThat(b.rows(q.replace("FOR UPDATE", "FOR UPDATE OF o"))).containsExactly("12|x");
            b.exec("COMMIT");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void errorsWithPostgresMessages() {
        String j = "SELECT * FROM orders o JOIN cust c ON c.id = o.cust ";
        assertError(j + "FOR UPDATE OF x", "42P01",
                "relation \"x\" in FOR UPDATE clause not found in FROM clause");
        // an alias hides the table's name
        assertError(j + "FOR SHARE OF orders", "42P01",
                "relation \"orders\" in FOR SHARE clause not found in FROM clause");
        assertError(j + "FOR UPDATE OF public.orders", "42601",
                "FOR UPDATE must specify unqualified relation names");
        assertError("SELECT * FROM (orders o JOIN cust c ON c.id = o.cust) AS oc FOR UPDATE OF oc", "0A000",
                "FOR UPDATE cannot be applied to a join");
        assertError("SELECT * FROM (orders o JOIN cust c ON c.id = o.cust) AS oc FOR UPDATE OF o", "42P01",
                "relation \"o\" in FOR UPDATE clause not found in FROM clause");
        assertError("SELECT * FROM orders o, generate_series(1, 2) g FOR UPDATE OF g", "0A000",
                "FOR UPDATE cannot be applied to a function");
        assertError("WITH w AS (SELECT * FROM cust) SELECT * FROM w FOR UPDATE OF w", "0A000",
                "FOR UPDATE cannot be applied to a WITH query");
        assertError("SELECT * FROM (VALUES (1)) v (x) FOR UPDATE OF v", "0A000",
                "FOR UPDATE cannot be applied to VALUES");
        assertError("SELECT DISTINCT o.cust " + j.substring(j.indexOf("FROM")) + "FOR UPDATE", "0A000",
                "FOR UPDATE is not allowed with DISTINCT clause");
        assertError("SELECT o.cust FROM orders o GROUP BY o.cust FOR SHARE", "0A000",
                "FOR SHARE is not allowed with GROUP BY clause");
        assertError("SELECT 1 FROM orders HAVING count(*) > 1 FOR UPDATE", "0A000",
                "FOR UPDATE is not allowed with HAVING clause");
        assertError("SELECT count(*) " + j.substring(j.indexOf("FROM")) + "FOR UPDATE", "0A000",
                "FOR UPDATE is not allowed with aggregate functions");
        assertError("SELECT row_number() OVER () " + j.substring(j.indexOf("FROM")) + "FOR UPDATE", "0A000",
                "FOR UPDATE is not allowed with window functions");
        assertError("SELECT id FROM orders UNION SELECT id FROM cust FOR UPDATE", "0A000",
                "FOR UPDATE is not allowed with UNION/INTERSECT/EXCEPT");
        assertError("SELECT * FROM orders o JOIN (SELECT cust FROM orders GROUP BY cust) s ON s.cust = o.cust"
                + " FOR UPDATE", "0A000", "FOR UPDATE is not allowed with GROUP BY clause");
        assertError("SELECT * FROM cust x JOIN cust y ON y.id = x.id FOR UPDATE OF x", "0A000",
                "FOR UPDATE OF one of several references to table \"cust\" is not supported");
        assertError("SELECT id FROM cust ORDER BY id FETCH FIRST 1 ROW WITH TIES FOR UPDATE SKIP LOCKED", "0A000",
                "SKIP LOCKED and WITH TIES options cannot be used together");
        // nothing to lock is not an error
        assertThat(a.rows("SELECT 1 AS one FOR UPDATE")).containsExactly("1");
        a.exec("BEGIN READ ONLY");
        assertError(j + "FOR UPDATE", "25006", "cannot execute SELECT FOR UPDATE in a read-only transaction");
        a.exec("ROLLBACK");
    }
}
