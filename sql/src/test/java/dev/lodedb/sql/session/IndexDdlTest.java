package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.IndexDef;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CREATE INDEX, DROP INDEX and UNIQUE constraints: names, errors, builds over existing rows
 * (including a failing UNIQUE build and one that spills), persistence across reopen, and what
 * DROP TABLE, DROP COLUMN and the renames do to indexes.
 */
class IndexDdlTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
        t.exec("CREATE TABLE t (id int PRIMARY KEY, a int, b text, j json, c double precision)");
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

    private void assertError(String sql, String state, String message) {
        SqlException e = error(() -> t.exec(sql));
        assertThat(e.sqlState()).as(sql).isEqualTo(state);
        assertThat(e.getMessage()).as(sql).isEqualTo(message);
    }

    private IndexDef index(String name) {
        return t.db.catalog().index("public", name);
    }

    private List<String> indexNames() {
        return t.db.catalog().indexes().stream().map(IndexDef::name).sorted().toList();
    }

    @Test
    void generatedNamesFollowPostgresql() {
        t.exec("CREATE INDEX ON t (a); CREATE INDEX ON t (a); CREATE INDEX ON t (a, b); CREATE INDEX ON t (lower(b));"
                + "CREATE INDEX ON t ((a + 1)); CREATE INDEX ON t ((b::varchar))");
        assertThat(indexNames()).containsExactly("t_a_b_idx", "t_a_idx", "t_a_idx1", "t_b_idx", "t_expr_idx",
                "t_lower_idx");
        t.exec("CREATE TABLE u (x int UNIQUE, y int, z int, CONSTRAINT u_pair UNIQUE (y, z), UNIQUE (z, y))");
        assertThat(indexNames()).contains("u_x_key", "u_pair", "u_z_y_key");
        assertThat(index("u_x_key").constraint()).isTrue();
        String longName = "a".repeat(60);
        t.exec("CREATE TABLE " + longName + " (" + longName + " int); CREATE INDEX ON " + longName + " (" + longName + ")");
        assertThat(indexNames()).contains("a".repeat(29) + "_" + "a".repeat(29) + "_idx");
    }

    @Test
    void badInputsAreRejectedWithPostgresqlErrors() {
        assertError("CREATE INDEX ON t (nope)", "42703", "column \"nope\" does not exist");
        assertError("CREATE INDEX ON t (a) INCLUDE (nope)", "42703", "column \"nope\" does not exist");
        assertError("CREATE INDEX ON t ((nope + 1))", "42703", "column \"nope\" does not exist");
        assertError("CREATE INDEX ON missing (a)", "42P01", "relation \"missing\" does not exist");
        assertError("CREATE INDEX t ON t (a)", "42P07", "relation \"t\" already exists");
        t.exec("CREATE INDEX t_a ON t (a)");
        assertError("CREATE INDEX t_a ON t (b)", "42P07", "relation \"t_a\" already exists");
        t.exec("CREATE INDEX IF NOT EXISTS t_a ON t (b)");
        assertThat(index("t_a").keys()).hasSize(1);
        assertError("CREATE TABLE t_a (x int)", "42P07", "relation \"t_a\" already exists");
        assertError("CREATE INDEX ON t (j)", "42704", "data type json has no default operator class for access method \"btree\"");
        assertError("CREATE INDEX ON t ((random() > 0.5))", "42P17", "functions in index expression must be marked IMMUTABLE");
        assertError("CREATE INDEX ON t ((now()))", "42P17", "functions in index expression must be marked IMMUTABLE");
        assertError("CREATE INDEX ON t (a) WHERE a > (SELECT 1)", "0A000", "cannot use subquery in index predicate");
        assertError("CREATE INDEX ON t ((count(a)))", "42803", "aggregate functions are not allowed in index expressions");
        assertError("CREATE INDEX ON t (a) WHERE a + 1", "42804", "argument of WHERE must be type boolean, not type integer");
        assertError("CREATE INDEX ON t USING hash (a)", "0A000", "access method \"hash\" is not supported");
        assertError("CREATE INDEX ON t USING nope (a)", "42704", "access method \"nope\" does not exist");
        assertError("DROP INDEX nope", "42704", "index \"nope\" does not exist");
        t.exec("DROP INDEX IF EXISTS nope, t_a");
        assertThat(index("t_a")).isNull();
        assertError("DROP INDEX t", "42809", "\"t\" is not an index");
        t.exec("ALTER TABLE t ADD CONSTRAINT t_b_key UNIQUE (b)");
        SqlException e = error(() -> t.exec("DROP INDEX t_b_key"));
        assertThat(e.sqlState()).isEqualTo("2BP01");
        assertThat(e.hint()).isEqualTo("You can drop constraint t_b_key on table t instead.");
        t.exec("ALTER TABLE t DROP CONSTRAINT t_b_key");
        assertThat(index("t_b_key")).isNull();
        assertError("ALTER TABLE t DROP CONSTRAINT t_b_key", "42704", "constraint \"t_b_key\" of relation \"t\" does not exist");
        assertError("CREATE TABLE v (x int, UNIQUE (x, x))", "42701", "column \"x\" appears twice in unique constraint");
        assertError("CREATE TABLE v (x int, UNIQUE (y))", "42703", "column \"y\" named in key does not exist");
        assertThat(t.db.catalog().table("public", "v")).isNull();
    }

    @Test
    void buildOverExistingRowsAndAFailingUniqueBuild() {
        t.exec("INSERT INTO t SELECT i, i % 7, 'b' || (i % 1000), NULL::json, i / 3.0 FROM generate_series(1, 3000) i");
        t.exec("CREATE INDEX t_a ON t (a) WHERE a > 2");
        IndexTestSupport.assertConsistent(t.db);
        assertThat(IndexTestSupport.entryCount(t, index("t_a").id())).isEqualTo(3000 * 4 / 7);
        int nextId = t.db.catalog().nextObjectId();
        SqlException e = error(() -> t.exec("CREATE UNIQUE INDEX t_b ON t (b)"));
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(e.getMessage()).isEqualTo("could not create unique index \"t_b\"");
        assertThat(e.detail()).startsWith("Key (b)=(b").endsWith(") is duplicated.");
        assertThat(index("t_b")).isNull();
        assertThat(IndexTestSupport.entryCount(t, nextId)).isZero();
        t.exec("CREATE UNIQUE INDEX t_b ON t (b, a)");
        assertThat(index("t_b").id()).isEqualTo(nextId);
        e = error(() -> t.exec("ALTER TABLE t ADD CONSTRAINT t_b_key UNIQUE (b)"));
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(index("t_b_key")).isNull();
        IndexTestSupport.assertConsistent(t.db);
        t.exec("UPDATE t SET b = 'unique' || id; ALTER TABLE t ADD CONSTRAINT t_b_key UNIQUE (b)");
        IndexTestSupport.assertConsistent(t.db);
        assertThat(t.value("SELECT id FROM t WHERE b = 'unique17'")).isEqualTo("17");
    }

    @Test
    void aBuildBeyondTheMemoryBudgetSpillsAndStaysExact() {
        t.close();
        t = new SqlTestDatabase(dir.resolve("small"), new SqlOptions(64 << 10, dir, false));
        t.exec("CREATE TABLE t (id int PRIMARY KEY, b text)");
        t.exec("INSERT INTO t SELECT i, md5(i::text) FROM generate_series(1, 20000) i");
        t.exec("CREATE UNIQUE INDEX t_b ON t (b DESC) INCLUDE (id)");
        IndexTestSupport.assertConsistent(t.db);
        SqlException e = error(() -> t.exec("CREATE UNIQUE INDEX t_b2 ON t ((substr(b, 1, 2)))"));
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(t.db.catalog().index("public", "t_b2")).isNull();
    }

    @Test
    void indexesSurviveReopen() {
        t.exec("INSERT INTO t VALUES (1, 1, 'x', NULL, 1.5), (2, 2, 'y', NULL, '-0')");
        t.exec("CREATE UNIQUE INDEX t_b ON t (lower(b)) INCLUDE (c) WHERE a > 0; CREATE INDEX t_c ON t (c DESC NULLS LAST)");
        List<IndexDef> before = t.db.catalog().indexes();
        t.reopen();
        assertThat(t.db.catalog().indexes()).isEqualTo(before);
        IndexTestSupport.assertConsistent(t.db);
        SqlException e = error(() -> t.exec("INSERT INTO t VALUES (3, 3, 'X', NULL, 0)"));
        assertThat(e.getMessage()).contains("\"t_b\"");
        t.exec("SET enable_seqscan = off");
        assertThat(String.join("\n", t.rows("EXPLAIN SELECT c FROM t WHERE lower(b) = 'y' AND a > 0")))
                .contains("Index Only Scan using t_b on t");
        assertThat(t.rows("SELECT c FROM t WHERE lower(b) = 'y' AND a > 0")).containsExactly("-0");
    }

    @Test
    void dropTableDropColumnAndRenamesAffectIndexesAsInPostgresql() {
        t.exec("INSERT INTO t VALUES (1, 1, 'x', NULL, 1)");
        t.exec("CREATE INDEX t_a ON t (a); CREATE INDEX t_ab ON t (b) INCLUDE (a); CREATE INDEX t_expr ON t ((a + id));"
                + "CREATE INDEX t_part ON t (b) WHERE a > 0; CREATE INDEX t_c ON t (c)");
        int aId = index("t_a").id();
        t.exec("ALTER TABLE t DROP COLUMN a");
        assertThat(indexNames()).containsExactly("t_c");
        assertThat(IndexTestSupport.entryCount(t, aId)).isZero();
        t.exec("ALTER TABLE t ADD COLUMN a int; UPDATE t SET a = 5");
        t.exec("CREATE INDEX t_lower ON t (lower(b)) WHERE t.a > 0; CREATE UNIQUE INDEX t_ab ON t (a, b)");
        t.exec("ALTER TABLE t RENAME COLUMN b TO bee; ALTER TABLE t RENAME COLUMN a TO ay");
        assertThat(index("t_lower").keys().get(0).expression()).isEqualTo("lower(bee)");
        assertThat(index("t_lower").predicate()).isEqualTo("(ay > 0)");
        t.exec("ALTER TABLE t RENAME TO tt");
        t.exec("INSERT INTO tt (id, bee, ay) VALUES (2, 'Q', 3)");
        IndexTestSupport.assertConsistent(t.db);
        t.exec("SET enable_seqscan = off");
        assertThat(String.join("\n", t.rows("EXPLAIN SELECT id FROM tt WHERE lower(bee) = 'q' AND ay > 0")))
                .contains("Index Only Scan using t_lower on tt");
        assertThat(t.rows("SELECT id FROM tt WHERE lower(bee) = 'q' AND ay > 0")).containsExactly("2");
        int cId = index("t_c").id();
        t.exec("DROP TABLE tt");
        assertThat(indexNames()).isEmpty();
        assertThat(IndexTestSupport.entryCount(t, cId)).isZero();
    }
}
