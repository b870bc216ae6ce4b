package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.SqlException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CHECK constraints: names, errors with PostgreSQL's detail, every write path (INSERT, multi-row
 * and INSERT ... SELECT, UPDATE, ON CONFLICT DO UPDATE, COPY FROM on the small and the bulk
 * path), a failing statement writes nothing, ALTER TABLE ADD/DROP CONSTRAINT, DROP/RENAME COLUMN
 * and persistence.
 */
class ConstraintsTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
        t.exec("CREATE TABLE t (id int PRIMARY KEY, a int CHECK (a > 0), b int, c text,"
                + " CONSTRAINT b_small CHECK (b < 100), CHECK (a < b))");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private static SqlException error(Runnable r) {
        try {
            r.run();
        } catch (SqlException e) {
            return e;
        }
        throw new AssertionError("no error");
    }

    private SqlException assertError(String sql, String state, String message) {
        SqlException e = error(() -> t.exec(sql));
        assertThat(e.sqlState()).as(sql).isEqualTo(state);
        assertThat(e.getMessage()).as(sql).isEqualTo(message);
        return e;
    }

    private void copy(String table, String data) {
        t.session.setCopyStreams(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)), null);
        try {
            t.exec("COPY " + table + " FROM STDIN");
        } finally {
            t.session.setCopyStreams(null, null);
        }
    }

    @Test
    void namesFollowPostgresql() {
        assertThat(t.db.catalog().table("public", "t").checks()).extracting(k -> k.name() + ": " + k.sql())
                .containsExactly("t_a_check: (a > 0)", "b_small: (b < 100)", "t_check: (a < b)");
        t.exec("ALTER TABLE t ADD CHECK (a > -5)");
        assertThat(t.db.catalog().table("public", "t").checks().get(3).name()).isEqualTo("t_a_check1");
        assertError("ALTER TABLE t ADD CONSTRAINT b_small CHECK (b > 0)", "42710",
                "constraint \"b_small\" for relation \"t\" already exists");
        assertError("CREATE TABLE x (a int CHECK (nope > 0))", "42703", "column \"nope\" does not exist");
        assertError("CREATE TABLE x (a int CHECK (a + 1))", "42804",
                "argument of CHECK must be type boolean, not type integer");
        assertError("CREATE TABLE x (a int CHECK (a > (SELECT 1)))", "0A000", "cannot use subquery in check constraint");
        assertError("CREATE TABLE x (a int CHECK (sum(a) > 0))", "42803",
                "aggregate functions are not allowed in check constraints");
    }

    @Test
    void insertPaths() {
        SqlException e = assertError("INSERT INTO t VALUES (1, 0, 5, 'x')", "23514",
                "new row for relation \"t\" violates check constraint \"t_a_check\"");
        assertThat(e.detail()).isEqualTo("Failing row contains (1, 0, 5, x).");
        e = assertError("INSERT INTO t VALUES (1, 1, 5, 'ok'), (2, 7, 5, NULL)", "23514",
                "new row for relation \"t\" violates check constraint \"t_check\"");
        assertThat(e.detail()).isEqualTo("Failing row contains (2, 7, 5, null).");
        assertThat(t.value("SELECT count(*) FROM t")).isEqualTo("0"); // the failing statement wrote nothing
        assertError("INSERT INTO t SELECT 3, 1, 200, 'x'", "23514",
                "new row for relation \"t\" violates check constraint \"b_small\"");
        t.exec("INSERT INTO t VALUES (1, NULL, NULL, 'nulls pass'), (2, 1, 2, 'ok')");
        assertThat(t.value("SELECT count(*) FROM t")).isEqualTo("2");
    }

    @Test
    void updateAndOnConflict() {
        t.exec("INSERT INTO t VALUES (1, 1, 5, 'a'), (2, 2, 6, 'b')");
        assertError("UPDATE t SET a = b + 1 WHERE id = 2", "23514",
                "new row for relation \"t\" violates check constraint \"t_check\"");
        assertError("UPDATE t SET b = b * 100", "23514",
                "new row for relation \"t\" violates check constraint \"b_small\"");
        assertThat(t.rows("SELECT a, b FROM t ORDER BY id")).containsExactly("1|5", "2|6");
        assertError("INSERT INTO t VALUES (1, 1, 5, 'c') ON CONFLICT (id) DO UPDATE SET a = -1", "23514",
                "new row for relation \"t\" violates check constraint \"t_a_check\"");
        t.exec("INSERT INTO t VALUES (1, 1, 5, 'c') ON CONFLICT (id) DO UPDATE SET a = 3");
        assertThat(t.value("SELECT a FROM t WHERE id = 1")).isEqualTo("3");
    }

    @Test
    void copyFromSmallAndBulk() {
        SqlException e = error(() -> copy("t", "1\t1\t5\tx\n2\t-1\t5\ty\n"));
        assertThat(e.sqlState()).isEqualTo("23514");
        assertThat(e.getMessage()).isEqualTo("new row for relation \"t\" violates check constraint \"t_a_check\"");
        assertThat(t.value("SELECT count(*) FROM t")).isEqualTo("0");
        t.exec("SET bulk_load_threshold = '1kB'");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 2000; i++) {
            sb.append(i).append('\t').append(1).append('\t').append(i == 1999 ? 500 : 50).append("\tx\n");
        }
        e = error(() -> copy("t", sb.toString()));
        assertThat(e.getMessage()).isEqualTo("new row for relation \"t\" violates check constraint \"b_small\"");
        assertThat(t.value("SELECT count(*) FROM t")).isEqualTo("0");
        copy("t", sb.toString().replace("\t500\t", "\t50\t"));
        assertThat(t.value("SELECT count(*) FROM t")).isEqualTo("2000");
    }

    @Test
    void alterTableAddAndDrop() {
        t.exec("INSERT INTO t VALUES (1, 1, 5, 'a'), (2, 2, 60, 'b')");
        assertError("ALTER TABLE t ADD CONSTRAINT b_tiny CHECK (b < 10)", "23514",
                "check constraint \"b_tiny\" of relation \"t\" is violated by some row");
        assertThat(t.db.catalog().table("public", "t").check("b_tiny")).isNull();
        t.exec("ALTER TABLE t ADD CONSTRAINT c_len CHECK (length(c) = 1)");
        assertError("INSERT INTO t VALUES (3, 1, 5, 'long')", "23514",
                "new row for relation \"t\" violates check constraint \"c_len\"");
        t.exec("ALTER TABLE t DROP CONSTRAINT c_len");
        t.exec("INSERT INTO t VALUES (3, 1, 5, 'long')");
        assertError("ALTER TABLE t DROP CONSTRAINT nope", "42704", "constraint \"nope\" of relation \"t\" does not exist");
        t.exec("ALTER TABLE t RENAME COLUMN a TO aa");
        assertThat(t.db.catalog().table("public", "t").check("t_a_check").sql()).isEqualTo("(aa > 0)");
        assertError("INSERT INTO t VALUES (4, 0, 5, 'x')", "23514",
                "new row for relation \"t\" violates check constraint \"t_a_check\"");
        t.exec("ALTER TABLE t DROP COLUMN b");
        assertThat(t.db.catalog().table("public", "t").checks()).extracting(k -> k.name()).containsExactly("t_a_check");
        t.reopen();
        assertError("INSERT INTO t VALUES (4, 0, 'x')", "23514",
                "new row for relation \"t\" violates check constraint \"t_a_check\"");
        t.exec("ALTER TABLE t ADD COLUMN d int CHECK (d > 0)");
        assertError("INSERT INTO t VALUES (5, 1, 'x', 0)", "23514",
                "new row for relation \"t\" violates check constraint \"t_d_check\"");
    }
}
