package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.SqlException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CREATE/ALTER/DROP SEQUENCE, nextval/currval/setval/lastval with PostgreSQL's semantics and
 * errors, concurrency, persistence across reopen, and serial and identity columns.
 */
class SequenceTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
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

    private void assertQueryError(String sql, String state, String message) {
        SqlException e = error(() -> t.rows(sql));
        assertThat(e.sqlState()).as(sql).isEqualTo(state);
        assertThat(e.getMessage()).as(sql).isEqualTo(message);
    }

    @Test
    void incrementsAndBounds() {
        t.exec("CREATE SEQUENCE s");
        assertThat(t.value("SELECT nextval('s')")).isEqualTo("1");
        assertThat(t.value("SELECT nextval('s')")).isEqualTo("2");
        assertThat(t.value("SELECT currval('s')")).isEqualTo("2");
        assertThat(t.value("SELECT lastval()")).isEqualTo("2");
        t.exec("CREATE SEQUENCE d INCREMENT BY -2 MINVALUE -5 MAXVALUE 0 START WITH -1");
        assertThat(t.rows("SELECT nextval('d') FROM generate_series(1, 3)")).containsExactly("-1", "-3", "-5");
        assertQueryError("SELECT nextval('d')", "2200H", "nextval: reached minimum value of sequence \"d\" (-5)");
        t.exec("CREATE SEQUENCE m MAXVALUE 2");
        t.rows("SELECT nextval('m'), nextval('m')");
        assertQueryError("SELECT nextval('m')", "2200H", "nextval: reached maximum value of sequence \"m\" (2)");
        t.exec("CREATE SEQUENCE c MINVALUE 1 MAXVALUE 3 CYCLE");
        assertThat(t.rows("SELECT nextval('c') FROM generate_series(1, 5)")).containsExactly("1", "2", "3", "1", "2");
        t.exec("CREATE SEQUENCE st START 10 INCREMENT 5");
        assertThat(t.rows("SELECT nextval('st') FROM generate_series(1, 2)")).containsExactly("10", "15");
    }

    @Test
    void setvalCurrvalLastval() {
        t.exec("CREATE SEQUENCE s MAXVALUE 100; CREATE SEQUENCE u");
        assertQueryError("SELECT currval('s')", "55000", "currval of sequence \"s\" is not yet defined in this session");
        assertQueryError("SELECT lastval()", "55000", "lastval is not yet defined in this session");
        assertThat(t.value("SELECT setval('s', 41)")).isEqualTo("41");
        assertThat(t.value("SELECT currval('s')")).isEqualTo("41");
        assertThat(t.value("SELECT nextval('s')")).isEqualTo("42");
        t.value("SELECT setval('s', 7, false)");
        assertThat(t.value("SELECT nextval('s')")).isEqualTo("7");
        t.value("SELECT nextval('u')");
        assertThat(t.value("SELECT lastval()")).isEqualTo("1");
        assertQueryError("SELECT setval('s', 101)", "22003", "setval: value 101 is out of bounds for sequence \"s\" (1..100)");
        assertQueryError("SELECT nextval('nope')", "42P01", "relation \"nope\" does not exist");
        t.exec("CREATE TABLE tab (a int)");
        assertQueryError("SELECT nextval('tab')", "42809", "\"tab\" is not a sequence");
        assertThat(t.value("SELECT nextval('public.\"u\"')")).isEqualTo("2");
        assertThat(t.value("SELECT nextval(NULL)")).isEqualTo("NULL");
    }

    @Test
    void ddlErrorsAndNamespace() {
        t.exec("CREATE SEQUENCE s; CREATE TABLE t (a int)");
        assertError("CREATE SEQUENCE s", "42P07", "relation \"s\" already exists");
        t.exec("CREATE SEQUENCE IF NOT EXISTS s");
        assertError("CREATE SEQUENCE t", "42P07", "relation \"t\" already exists");
        assertError("CREATE TABLE s (a int)", "42P07", "relation \"s\" already exists");
        assertError("CREATE SEQUENCE x INCREMENT 0", "22023", "INCREMENT must not be zero");
        assertError("CREATE SEQUENCE x MINVALUE 10 MAXVALUE 5", "22023", "MINVALUE (10) must be less than MAXVALUE (5)");
        assertError("CREATE SEQUENCE x START 0", "22023", "START value (0) cannot be less than MINVALUE (1)");
        assertError("CREATE SEQUENCE x AS smallint MAXVALUE 100000", "22023",
                "MAXVALUE (100000) is out of range for sequence data type smallint");
        assertError("CREATE SEQUENCE x AS text", "22023", "sequence type must be smallint, integer, or bigint");
        assertError("CREATE SEQUENCE x CACHE 0", "22023", "CACHE (0) must be greater than zero");
        assertError("CREATE SEQUENCE x INCREMENT 1 INCREMENT 2", "42601", "conflicting or redundant options");
        assertError("DROP SEQUENCE nope", "42P01", "sequence \"nope\" does not exist");
        t.exec("DROP SEQUENCE IF EXISTS nope");
        assertError("DROP SEQUENCE t", "42809", "\"t\" is not a sequence");
        t.exec("DROP SEQUENCE s");
        assertQueryError("SELECT nextval('s')", "42P01", "relation \"s\" does not exist");
    }

    @Test
    void alterSequence() {
        t.exec("CREATE SEQUENCE s");
        t.rows("SELECT nextval('s'), nextval('s')");
        t.exec("ALTER SEQUENCE s INCREMENT BY 10");
        assertThat(t.value("SELECT nextval('s')")).isEqualTo("12");
        t.exec("ALTER SEQUENCE s RESTART");
        assertThat(t.value("SELECT nextval('s')")).isEqualTo("1");
        t.exec("ALTER SEQUENCE s RESTART WITH 100");
        assertThat(t.value("SELECT nextval('s')")).isEqualTo("100");
        t.exec("ALTER SEQUENCE s MAXVALUE 110");
        assertThat(t.value("SELECT nextval('s')")).isEqualTo("110");
        assertQueryError("SELECT nextval('s')", "2200H", "nextval: reached maximum value of sequence \"s\" (110)");
        assertError("ALTER SEQUENCE s RESTART WITH 0", "22023", "RESTART value (0) cannot be less than MINVALUE (1)");
        assertError("ALTER SEQUENCE nope RESTART", "42P01", "relation \"nope\" does not exist");
        t.exec("ALTER SEQUENCE IF EXISTS nope RESTART");
    }

    @Test
    void concurrentNextvalNeverRepeats() throws Exception {
        t.exec("CREATE SEQUENCE s");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            futures.add(pool.submit(() -> {
                List<Long> got = new ArrayList<>();
                try (SqlSession s = t.db.openSession()) {
                    for (int k = 0; k < 250; k++) {
                        try (StatementResult r = s.execute(s.prepare("SELECT nextval('s')"), List.of())) {
                            got.add(((Number) r.next().rowValues(0)[0]).longValue());
                        }
                    }
                }
                return got;
            }));
        }
        Set<Long> all = new HashSet<>();
        for (Future<List<Long>> f : futures) {
            for (long v : f.get()) {
                assertThat(all.add(v)).as("value %d handed out twice", v).isTrue();
            }
        }
        pool.shutdown();
        assertThat(all).hasSize(1000);
        assertThat(all.stream().mapToLong(Long::longValue).max().getAsLong()).isEqualTo(1000);
    }

    @Test
    void valuesSurviveReopenAndAreNeverReused() {
        t.exec("CREATE SEQUENCE s; CREATE SEQUENCE q");
        t.rows("SELECT nextval('s') FROM generate_series(1, 40)");
        t.reopen();
        assertThat(t.value("SELECT nextval('s')")).isEqualTo("41");
        // a crash (no clean close) skips at most the reserved block, never repeats
        t.rows("SELECT nextval('q') FROM generate_series(1, 5)");
        t.session.close();
        SqlDatabase crashed = t.db;
        t.db = null;
        Sequences fresh = new Sequences(crashed.store(), false);
        dev.lodedb.engine.catalog.SequenceDef q = crashed.catalog().sequence("public", "q");
        assertThat(fresh.next(q)).isGreaterThan(5).isLessThanOrEqualTo(5 + Sequences.LOG_AHEAD + 1);
        crashed.close();
        t.open();
    }

    @Test
    void serialColumns() {
        t.exec("CREATE TABLE t (id serial PRIMARY KEY, b bigserial, s smallserial, v text)");
        assertThat(t.db.catalog().sequence("public", "t_id_seq")).isNotNull();
        assertThat(t.db.catalog().sequence("public", "t_s_seq").type().toString()).isEqualTo("smallint");
        t.exec("INSERT INTO t (v) VALUES ('a'), ('b'); INSERT INTO t (v) SELECT 'c'; INSERT INTO t VALUES (DEFAULT, DEFAULT, DEFAULT, 'd')");
        assertThat(t.rows("SELECT id, b, s, v FROM t ORDER BY id")).containsExactly("1|1|1|a", "2|2|2|b", "3|3|3|c",
                "4|4|4|d");
        assertThat(t.db.catalog().table("public", "t").column("id").defaultSql()).isEqualTo("nextval('t_id_seq')");
        assertError("INSERT INTO t (id, v) VALUES (NULL, 'x')", "23502",
                "null value in column \"id\" of relation \"t\" violates not-null constraint");
        t.reopen();
        t.exec("INSERT INTO t (v) VALUES ('e')");
        assertThat(t.value("SELECT id FROM t WHERE v = 'e'")).isEqualTo("5"); // an explicit NULL draws no value
        assertError("CREATE TABLE t2 (id serial DEFAULT 1)", "42601",
                "multiple default values specified for column \"id\" of table \"t2\"");
        t.exec("DROP TABLE t");
        assertThat(t.db.catalog().sequences()).isEmpty();
    }

    @Test
    void identityColumns() {
        t.exec("CREATE TABLE a (id int GENERATED ALWAYS AS IDENTITY, v text)");
        t.exec("CREATE TABLE d (id bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 100 INCREMENT BY 10), v text)");
        t.exec("INSERT INTO a (v) VALUES ('x'), ('y'); INSERT INTO a VALUES (DEFAULT, 'z')");
        assertThat(t.rows("SELECT id, v FROM a ORDER BY id")).containsExactly("1|x", "2|y", "3|z");
        SqlException e = error(() -> t.exec("INSERT INTO a VALUES (7, 'w')"));
        assertThat(e.sqlState()).isEqualTo("428C9");
        assertThat(e.getMessage()).isEqualTo("cannot insert a non-DEFAULT value into column \"id\"");
        assertThat(e.detail()).isEqualTo("Column \"id\" is an identity column defined as GENERATED ALWAYS.");
        assertError("INSERT INTO a (id, v) SELECT 1, 'q'", "428C9",
                "cannot insert a non-DEFAULT value into column \"id\"");
        assertError("UPDATE a SET id = 5", "428C9", "column \"id\" can only be updated to DEFAULT");
        t.exec("INSERT INTO d (v) VALUES ('p'); INSERT INTO d VALUES (5, 'q')");
        assertThat(t.rows("SELECT id, v FROM d ORDER BY id")).containsExactly("5|q", "100|p");
        assertError("CREATE TABLE x (id text GENERATED ALWAYS AS IDENTITY)", "22023",
                "identity column type must be smallint, integer, or bigint");
        t.reopen();
        t.exec("INSERT INTO a (v) VALUES ('after'); INSERT INTO d (v) VALUES ('after')");
        assertThat(t.value("SELECT id FROM a WHERE v = 'after'")).isEqualTo("4");
        assertThat(t.value("SELECT id FROM d WHERE v = 'after'")).isEqualTo("110");
        assertError("INSERT INTO a VALUES (9, 'no')", "428C9", "cannot insert a non-DEFAULT value into column \"id\"");
    }

    @Test
    void overridingSystemAndUserValue() {
        t.exec("CREATE TABLE a (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text)");
        t.exec("CREATE TABLE d (id int GENERATED BY DEFAULT AS IDENTITY, v text)");
        SqlException e = error(() -> t.exec("INSERT INTO a VALUES (7, 'w')"));
        assertThat(e.sqlState()).isEqualTo("428C9");
        assertThat(e.detail()).isEqualTo("Column \"id\" is an identity column defined as GENERATED ALWAYS.");
        assertThat(e.hint()).isEqualTo("Use OVERRIDING SYSTEM VALUE to override.");
        assertThat(e.position()).isEqualTo("INSERT INTO a VALUES (".length() + 1);
        // SYSTEM VALUE: the explicit value is stored, the sequence does not move
        t.exec("INSERT INTO a OVERRIDING SYSTEM VALUE VALUES (7, 'w'), (DEFAULT, 'x')");
        t.exec("INSERT INTO a (id, v) OVERRIDING SYSTEM VALUE SELECT 20, 's'");
        assertThat(t.rows("SELECT id, v FROM a ORDER BY id")).containsExactly("1|x", "7|w", "20|s");
        // USER VALUE: the explicit values are ignored, for ALWAYS and BY DEFAULT columns alike
        t.exec("INSERT INTO a OVERRIDING USER VALUE VALUES (7, 'u1'), (1000, 'u2')");
        t.exec("INSERT INTO a (id, v) OVERRIDING USER VALUE SELECT g, 'g' || g FROM generate_series(1, 2) g");
        assertThat(t.rows("SELECT id, v FROM a WHERE id < 7 OR v LIKE 'u%' OR v LIKE 'g%' ORDER BY id"))
                .containsExactly("1|x", "2|u1", "3|u2", "4|g1", "5|g2");
        t.exec("INSERT INTO d OVERRIDING USER VALUE VALUES (50, 'p')");
        t.exec("INSERT INTO d OVERRIDING SYSTEM VALUE VALUES (60, 'q')");
        t.exec("INSERT INTO d VALUES (70, 'r')");
        assertThat(t.rows("SELECT id, v FROM d ORDER BY id")).containsExactly("1|p", "60|q", "70|r");
        // a table without identity columns accepts both, as PostgreSQL does
        t.exec("CREATE TABLE n (x int); INSERT INTO n OVERRIDING USER VALUE VALUES (1)");
        t.exec("INSERT INTO n OVERRIDING SYSTEM VALUE VALUES (2)");
        assertThat(t.rows("SELECT x FROM n ORDER BY x")).containsExactly("1", "2");
        // the values are still bound and checked against the column's type
        assertError("INSERT INTO a OVERRIDING USER VALUE VALUES ('nope', 'z')", "22P02",
                "invalid input syntax for type integer: \"nope\"");
        assertError("INSERT INTO a OVERRIDING VALUE VALUES (1, 'z')", "42601", "syntax error at or near \"VALUE\"");
        assertError("INSERT INTO a OVERRIDING SYSTEM VALUES (1, 'z')", "42601", "syntax error at or near \"VALUES\"");
        // UPDATE: only DEFAULT; ON CONFLICT DO UPDATE likewise
        e = error(() -> t.exec("UPDATE a SET id = 5 WHERE id = 1"));
        assertThat(e.sqlState()).isEqualTo("428C9");
        assertThat(e.getMessage()).isEqualTo("column \"id\" can only be updated to DEFAULT");
        assertThat(e.detail()).isEqualTo("Column \"id\" is an identity column defined as GENERATED ALWAYS.");
        assertError("INSERT INTO a OVERRIDING SYSTEM VALUE VALUES (1, 'c') ON CONFLICT (id) DO UPDATE SET id = 9",
                "428C9", "column \"id\" can only be updated to DEFAULT");
        t.exec("UPDATE a SET id = DEFAULT WHERE id = 20");
        assertThat(t.value("SELECT v FROM a WHERE id = 6")).isEqualTo("s");
    }

    @Test
    void volatileDefaultsPerRow() {
        t.exec("CREATE SEQUENCE s; CREATE TABLE v (n bigint DEFAULT nextval('s'), u uuid DEFAULT gen_random_uuid(), x int)");
        t.exec("INSERT INTO v (x) VALUES (1), (2), (3); INSERT INTO v (x) SELECT g FROM generate_series(4, 5) g");
        t.exec("INSERT INTO v VALUES (DEFAULT, DEFAULT, 6)");
        assertThat(t.rows("SELECT n FROM v ORDER BY x")).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(t.value("SELECT count(DISTINCT u) FROM v")).isEqualTo("6");
        // ADD COLUMN with a volatile default: allowed on an empty table, refused (0A000) with rows
        assertError("ALTER TABLE v ADD COLUMN w bigint DEFAULT nextval('s')", "0A000",
                "ADD COLUMN with a non-constant DEFAULT is not supported on a table with rows yet");
        assertError("ALTER TABLE v ADD COLUMN id serial", "0A000",
                "ADD COLUMN with a serial column is not supported on a table with rows yet");
        t.exec("CREATE TABLE e (x int); ALTER TABLE e ADD COLUMN id serial; INSERT INTO e (x) VALUES (1), (2)");
        assertThat(t.rows("SELECT x, id FROM e ORDER BY x")).containsExactly("1|1", "2|2");
    }
}
