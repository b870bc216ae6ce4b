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
 * FOREIGN KEY constraints: definition errors and names, child checks on every write path (INSERT,
 * UPDATE, ON CONFLICT DO UPDATE, COPY FROM small and bulk), the five actions on DELETE and UPDATE,
 * multi-column keys, MATCH SIMPLE and FULL, self-references with cascades over several levels, atomicity,
 * ALTER TABLE ADD/DROP CONSTRAINT, DROP TABLE, TRUNCATE and persistence.
 */
class ForeignKeyTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
        t.exec("CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE, n int)");
        t.exec("INSERT INTO p VALUES (1, 'a', 0), (2, 'b', 0), (3, 'c', 0)");
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
    void definitionErrorsAndNames() {
        assertError("CREATE TABLE c (a int REFERENCES nope)", "42P01", "relation \"nope\" does not exist");
        assertError("CREATE TABLE c (a int REFERENCES p (n))", "42830",
                "there is no unique constraint matching given keys for referenced table \"p\"");
        assertError("CREATE TABLE c (a text REFERENCES p)", "42804",
                "foreign key constraint \"c_a_fkey\" cannot be implemented");
        assertError("CREATE TABLE c (a int, b int, FOREIGN KEY (a, b) REFERENCES p (id))", "42830",
                "number of referencing and referenced columns for foreign key disagree");
        assertError("CREATE TABLE c (a int REFERENCES p (zz))", "42703",
                "column \"zz\" referenced in foreign key constraint does not exist");
        t.exec("CREATE TABLE c (a int REFERENCES p, b text REFERENCES p (code), x bigint,"
                + " CONSTRAINT named FOREIGN KEY (x) REFERENCES p (id) ON DELETE CASCADE)");
        assertThat(t.db.catalog().table("public", "c").foreignKeys()).extracting(k -> k.name())
                .containsExactly("c_a_fkey", "c_b_fkey", "named");
        t.exec("INSERT INTO c VALUES (1, 'b', 3), (NULL, NULL, NULL)");
        SqlException e = assertError("INSERT INTO c VALUES (9, 'a', 1)", "23503",
                "insert or update on table \"c\" violates foreign key constraint \"c_a_fkey\"");
        assertThat(e.detail()).isEqualTo("Key (a)=(9) is not present in table \"p\".");
        e = assertError("INSERT INTO c VALUES (1, 'zz', 1)", "23503",
                "insert or update on table \"c\" violates foreign key constraint \"c_b_fkey\"");
        assertThat(e.detail()).isEqualTo("Key (b)=(zz) is not present in table \"p\".");
        assertError("INSERT INTO c VALUES (1, 'a', 99)", "23503",
                "insert or update on table \"c\" violates foreign key constraint \"named\"");
        assertError("UPDATE c SET a = 7 WHERE a = 1", "23503",
                "insert or update on table \"c\" violates foreign key constraint \"c_a_fkey\"");
        assertThat(t.rows("SELECT a, b, x FROM c ORDER BY a")).containsExactly("1|b|3", "NULL|NULL|NULL");
        // the parent and the child in one statement: checked at the end of the statement
        t.exec("CREATE TABLE s (id int PRIMARY KEY, up int REFERENCES s)");
        t.exec("INSERT INTO s VALUES (2, 1), (1, NULL)");
        assertThat(t.value("SELECT count(*) FROM s")).isEqualTo("2");
    }

    @Test
    void deleteActions() {
        t.exec("CREATE TABLE na (a int REFERENCES p)");
        t.exec("CREATE TABLE re (a int REFERENCES p ON DELETE RESTRICT)");
        t.exec("CREATE TABLE ca (a int REFERENCES p ON DELETE CASCADE)");
        t.exec("CREATE TABLE sn (a int REFERENCES p ON DELETE SET NULL, k int)");
        t.exec("CREATE TABLE sd (a int DEFAULT 3 REFERENCES p ON DELETE SET DEFAULT)");
        t.exec("INSERT INTO na VALUES (1)");
        t.exec("INSERT INTO re VALUES (2)");
        t.exec("INSERT INTO ca VALUES (3), (3), (1)");
        t.exec("INSERT INTO sn VALUES (3, 1)");
        t.exec("INSERT INTO sd VALUES (2), (1)");
        SqlException e = assertError("DELETE FROM p WHERE id = 1", "23503",
                "update or delete on table \"p\" violates foreign key constraint \"na_a_fkey\" on table \"na\"");
        assertThat(e.detail()).isEqualTo("Key (id)=(1) is still referenced from table \"na\".");
        assertError("DELETE FROM p WHERE id = 2", "23503",
                "update or delete on table \"p\" violates foreign key constraint \"re_a_fkey\" on table \"re\"");
        // nothing of a failed statement is written
        assertThat(t.rows("SELECT a FROM ca ORDER BY a")).containsExactly("1", "3", "3");
        assertThat(t.rows("SELECT a FROM sd ORDER BY a")).containsExactly("1", "2");
        t.exec("DELETE FROM re");
        t.exec("DELETE FROM na");
        t.exec("DELETE FROM p WHERE id = 3");
        assertThat(t.rows("SELECT a FROM ca ORDER BY a")).containsExactly("1");
        assertThat(t.value("SELECT count(*) FROM ca")).isEqualTo("1");
        assertThat(t.rows("SELECT a, k FROM sn")).containsExactly("NULL|1");
        // SET DEFAULT to a key that is gone is refused
        assertError("DELETE FROM p WHERE id = 1", "23503",
                "insert or update on table \"sd\" violates foreign key constraint \"sd_a_fkey\"");
        t.exec("INSERT INTO p VALUES (3, 'c', 0)");
        t.exec("DELETE FROM p WHERE id = 1");
        assertThat(t.rows("SELECT a FROM sd ORDER BY a")).containsExactly("2", "3");
        assertThat(t.rows("SELECT a FROM ca")).isEmpty();
    }

    @Test
    void updateActions() {
        t.exec("CREATE TABLE na (a int REFERENCES p)");
        t.exec("CREATE TABLE re (a int REFERENCES p ON UPDATE RESTRICT)");
        t.exec("CREATE TABLE ca (id int PRIMARY KEY, a int REFERENCES p ON UPDATE CASCADE CHECK (a < 50))");
        t.exec("CREATE INDEX ca_a ON ca (a)");
        t.exec("CREATE TABLE sn (a int REFERENCES p ON UPDATE SET NULL)");
        t.exec("CREATE TABLE sd (a int DEFAULT 3 REFERENCES p ON UPDATE SET DEFAULT)");
        t.exec("INSERT INTO na VALUES (1)");
        t.exec("INSERT INTO ca VALUES (1, 3), (2, 3)");
        assertError("UPDATE p SET id = 10 WHERE id = 1", "23503",
                "update or delete on table \"p\" violates foreign key constraint \"na_a_fkey\" on table \"na\"");
        // NO ACTION: another row supplies the key again in the same statement
        t.exec("UPDATE p SET id = 3 - id WHERE id IN (1, 2)");
        assertThat(t.rows("SELECT id, code FROM p ORDER BY id")).containsExactly("1|b", "2|a", "3|c");
        t.exec("INSERT INTO re VALUES (2)");
        assertError("UPDATE p SET id = 3 - id WHERE id IN (1, 2)", "23503",
                "update or delete on table \"p\" violates foreign key constraint \"re_a_fkey\" on table \"re\"");
        t.exec("UPDATE p SET n = 5"); // keys unchanged: no action
        t.exec("UPDATE p SET id = 30 WHERE id = 3");
        assertThat(t.rows("SELECT id, a FROM ca ORDER BY id")).containsExactly("1|30", "2|30");
        assertThat(t.rows("SELECT id FROM ca WHERE a = 30 ORDER BY id")).containsExactly("1", "2");
        assertError("UPDATE p SET id = 60 WHERE id = 30", "23514",
                "new row for relation \"ca\" violates check constraint \"ca_a_check\"");
        assertThat(t.rows("SELECT a FROM ca")).containsExactly("30", "30");
        assertThat(t.rows("SELECT id FROM ca WHERE a = 60")).isEmpty(); // no index entry left behind
        assertThat(t.rows("SELECT id FROM p WHERE id = 60")).isEmpty();
        t.exec("DELETE FROM ca");
        t.exec("INSERT INTO p VALUES (3, 'd', 0)");
        t.exec("INSERT INTO sn VALUES (30)");
        t.exec("INSERT INTO sd VALUES (30)");
        t.exec("UPDATE p SET id = 31 WHERE id = 30");
        assertThat(t.rows("SELECT a FROM sn")).containsExactly("NULL");
        assertThat(t.rows("SELECT a FROM sd")).containsExactly("3");
    }

    @Test
    void multiColumnAndMatchSimple() {
        t.exec("CREATE TABLE pp (a int, b text, PRIMARY KEY (a, b))");
        t.exec("INSERT INTO pp VALUES (1, 'x'), (2, 'y')");
        t.exec("CREATE TABLE cc (id int PRIMARY KEY, pa int, pb text, FOREIGN KEY (pb, pa) REFERENCES pp (b, a)"
                + " ON DELETE CASCADE)");
        t.exec("INSERT INTO cc VALUES (1, 1, 'x'), (2, 9, NULL), (3, NULL, 'zz'), (4, 2, 'y')");
        SqlException e = assertError("INSERT INTO cc VALUES (5, 1, 'y')", "23503",
                "insert or update on table \"cc\" violates foreign key constraint \"cc_pb_pa_fkey\"");
        assertThat(e.detail()).isEqualTo("Key (pb, pa)=(y, 1) is not present in table \"pp\".");
        t.exec("DELETE FROM pp WHERE a = 1");
        assertThat(t.rows("SELECT id FROM cc ORDER BY id")).containsExactly("2", "3", "4");
    }

    private static final String MIXED = "MATCH FULL does not allow mixing of null and nonnull key values.";

    private static String violation(String table, String constraint) {
        return "insert or update on table \"" + table + "\" violates foreign key constraint \"" + constraint + "\"";
    }

    @Test
    void matchFullRefusesMixedNullsOnEveryPathAndPersists() {
        t.exec("CREATE TABLE pp (a int, b int, PRIMARY KEY (a, b))");
        t.exec("INSERT INTO pp VALUES (1, 1), (2, 2)");
        SqlException e = assertError("CREATE TABLE c (a int, b int, FOREIGN KEY (a, b) REFERENCES pp MATCH PARTIAL)",
                "0A000", "MATCH PARTIAL not yet implemented");
        assertThat(e.position()).isGreaterThan(0);
        t.exec("CREATE TABLE c (id int PRIMARY KEY, a int, b int, FOREIGN KEY (a, b) REFERENCES pp MATCH FULL)");
        t.exec("CREATE TABLE s (a int, b int, FOREIGN KEY (a, b) REFERENCES pp MATCH SIMPLE)");
        assertThat(t.db.catalog().table("public", "c").foreignKeys().get(0).matchFull()).isTrue();
        assertThat(t.db.catalog().table("public", "s").foreignKeys().get(0).matchFull()).isFalse();
        t.exec("INSERT INTO c VALUES (1, 1, 1), (2, NULL, NULL)");
        t.exec("INSERT INTO s VALUES (1, NULL), (NULL, 9)");
        for (String sql : new String[] {"INSERT INTO c VALUES (3, 1, NULL)", "INSERT INTO c VALUES (3, NULL, 9)",
            "UPDATE c SET b = NULL WHERE id = 1", "UPDATE c SET a = 7 WHERE id = 2",
            "INSERT INTO c VALUES (1, 1, 1) ON CONFLICT (id) DO UPDATE SET a = NULL"}) {
            assertThat(assertError(sql, "23503", violation("c", "c_a_b_fkey")).detail()).as(sql).isEqualTo(MIXED);
        }
        assertThat(error(() -> copy("c", "4\t\\N\t2\n")).detail()).startsWith(MIXED);
        assertThat(assertError("ALTER TABLE s ADD CONSTRAINT full_fk FOREIGN KEY (a, b) REFERENCES pp MATCH FULL",
                "23503", violation("s", "full_fk")).detail()).isEqualTo(MIXED);
        assertError("INSERT INTO c VALUES (5, 3, 3)", "23503", violation("c", "c_a_b_fkey"));
        // a self-reference loaded in bulk
        t.exec("CREATE TABLE tree (a int, b int, ua int, ub int, PRIMARY KEY (a, b),"
                + " FOREIGN KEY (ua, ub) REFERENCES tree MATCH FULL)");
        assertThat(error(() -> copy("tree", "1\t1\t\\N\t\\N\n2\t2\t1\t\\N\n")).detail()).startsWith(MIXED);
        t.reopen();
        assertThat(t.db.catalog().table("public", "c").foreignKeys().get(0).matchFull()).isTrue();
        assertThat(t.db.catalog().table("public", "s").foreignKeys().get(0).matchFull()).isFalse();
        assertError("INSERT INTO c VALUES (3, 1, NULL)", "23503", violation("c", "c_a_b_fkey"));
        assertThat(t.rows("SELECT id, a, b FROM c ORDER BY id")).containsExactly("1|1|1", "2|NULL|NULL");
    }

    @Test
    void selfReferenceCascadesOverLevels() {
        t.exec("CREATE TABLE tree (id int PRIMARY KEY, up int REFERENCES tree ON DELETE CASCADE ON UPDATE CASCADE,"
                + " name text UNIQUE)");
        t.exec("INSERT INTO tree VALUES (1, NULL, 'r'), (2, 1, 'a'), (3, 2, 'b'), (4, 3, 'c'), (5, NULL, 'o')");
        t.exec("UPDATE tree SET id = 20 WHERE id = 2");
        assertThat(t.rows("SELECT id, up FROM tree ORDER BY id")).containsExactly("1|NULL", "3|20", "4|3",
                "5|NULL", "20|1");
        t.exec("DELETE FROM tree WHERE id = 1");
        assertThat(t.rows("SELECT id FROM tree")).containsExactly("5");
        t.exec("INSERT INTO tree VALUES (6, 5, 'a')"); // the unique entries of the deleted rows are gone
        // a cycle
        t.exec("INSERT INTO tree VALUES (7, NULL, 'x'), (8, 7, 'y')");
        t.exec("UPDATE tree SET up = 8 WHERE id = 7");
        t.exec("DELETE FROM tree WHERE id = 8");
        assertThat(t.rows("SELECT id FROM tree ORDER BY id")).containsExactly("5", "6");
        assertThat(t.value("SELECT count(*) FROM tree")).isEqualTo("2");
    }

    @Test
    void alterDropTruncateAndReopen() {
        t.exec("CREATE TABLE c (id int PRIMARY KEY, a int)");
        t.exec("INSERT INTO c VALUES (1, 1), (2, 7)");
        SqlException e = assertError("ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES p", "23503",
                "insert or update on table \"c\" violates foreign key constraint \"fk\"");
        assertThat(e.detail()).isEqualTo("Key (a)=(7) is not present in table \"p\".");
        assertThat(t.db.catalog().table("public", "c").foreignKeys()).isEmpty();
        t.exec("DELETE FROM c WHERE id = 2");
        t.exec("ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES p ON DELETE CASCADE");
        assertError("TRUNCATE p", "0A000", "cannot truncate a table referenced in a foreign key constraint");
        assertError("DROP TABLE p", "2BP01", "cannot drop table p because other objects depend on it");
        t.reopen();
        assertError("INSERT INTO c VALUES (3, 9)", "23503",
                "insert or update on table \"c\" violates foreign key constraint \"fk\"");
        t.exec("DELETE FROM p WHERE id = 1");
        assertThat(t.value("SELECT count(*) FROM c")).isEqualTo("0");
        t.exec("ALTER TABLE c DROP CONSTRAINT fk");
        t.exec("INSERT INTO c VALUES (3, 9)");
        t.exec("ALTER TABLE c ADD COLUMN b int REFERENCES p");
        t.exec("TRUNCATE c, p");
        t.exec("DROP TABLE p CASCADE");
        assertThat(t.db.catalog().table("public", "c").foreignKeys()).isEmpty();
        t.exec("INSERT INTO c VALUES (4, 1, 1)");
    }

    /** @return the NOTICEs of one statement */
    private java.util.List<String> notices(String sql) {
        try (StatementResult r = t.session.executeScript(sql)) {
            while (r.next() != null) {
                // drain
            }
            return r.notices();
        }
    }

    @Test
    void truncateCascadeRestrictAndRestartIdentity() {
        t.exec("CREATE TABLE c (id serial PRIMARY KEY, a int REFERENCES p);"
                + " CREATE TABLE g (id int GENERATED ALWAYS AS IDENTITY (START WITH 10), c int REFERENCES c);"
                + " CREATE TABLE other (id serial);"
                + " INSERT INTO c (a) VALUES (1), (2); INSERT INTO g (c) VALUES (1), (2); INSERT INTO other DEFAULT VALUES");
        SqlException e = assertError("TRUNCATE p", "0A000",
                "cannot truncate a table referenced in a foreign key constraint");
        assertThat(e.detail()).isEqualTo("Table \"c\" references \"p\".");
        assertThat(e.hint()).isEqualTo("Truncate table \"c\" at the same time, or use TRUNCATE ... CASCADE.");
        assertError("TRUNCATE p, c RESTRICT", "0A000", "cannot truncate a table referenced in a foreign key constraint");
        assertError("TRUNCATE p, nope CASCADE", "42P01", "relation \"nope\" does not exist");
        assertThat(t.value("SELECT count(*) FROM g")).isEqualTo("2");
        // CONTINUE IDENTITY (the default) keeps the sequences
        assertThat(notices("TRUNCATE c CONTINUE IDENTITY CASCADE")).containsExactly("truncate cascades to table \"g\"");
        assertThat(t.value("SELECT count(*) FROM p")).isEqualTo("3");
        assertThat(t.value("SELECT count(*) FROM c") + t.value("SELECT count(*) FROM g")).isEqualTo("00");
        t.exec("INSERT INTO c (a) VALUES (1); INSERT INTO g (c) VALUES (3)");
        assertThat(t.rows("SELECT id FROM c")).containsExactly("3");
        assertThat(t.rows("SELECT id FROM g")).containsExactly("12");
        // CASCADE over two levels, each table once even when named twice; RESTART IDENTITY resets
        // the sequences of every truncated table, named or reached by the cascade, and no other
        assertThat(notices("TRUNCATE TABLE p, p RESTART IDENTITY CASCADE")).containsExactly(
                "truncate cascades to table \"c\"", "truncate cascades to table \"g\"");
        assertThat(t.value("SELECT count(*) FROM p") + t.value("SELECT count(*) FROM c")
                + t.value("SELECT count(*) FROM g")).isEqualTo("000");
        t.exec("INSERT INTO p VALUES (1, 'a', 0); INSERT INTO c (a) VALUES (1); INSERT INTO g (c) VALUES (1);"
                + " INSERT INTO other DEFAULT VALUES");
        assertThat(t.rows("SELECT id FROM c")).containsExactly("1");
        assertThat(t.rows("SELECT id FROM g")).containsExactly("10");
        assertThat(t.rows("SELECT id FROM other ORDER BY id")).containsExactly("1", "2");
        // a table with no references: CASCADE truncates it alone, without notices
        assertThat(notices("TRUNCATE other RESTART IDENTITY CASCADE")).isEmpty();
        t.exec("INSERT INTO other DEFAULT VALUES");
        assertThat(t.rows("SELECT id FROM other")).containsExactly("1");
        // in a block: the truncation rolls back
        t.exec("BEGIN; TRUNCATE p CASCADE; ROLLBACK");
        assertThat(t.value("SELECT count(*) FROM g")).isEqualTo("1");
        t.reopen();
        t.exec("INSERT INTO c (a) VALUES (1)");
        assertThat(t.rows("SELECT id FROM c ORDER BY id")).containsExactly("1", "2");
    }

    @Test
    void copyIntoChild() {
        t.exec("CREATE TABLE c (id int PRIMARY KEY, a int REFERENCES p, up int REFERENCES c)");
        SqlException e = error(() -> copy("c", "1\t1\t\\N\n2\t9\t1\n"));
        assertThat(e.sqlState()).isEqualTo("23503");
        assertThat(e.getMessage()).isEqualTo("insert or update on table \"c\" violates foreign key constraint \"c_a_fkey\"");
        assertThat(t.value("SELECT count(*) FROM c")).isEqualTo("0");
        t.exec("SET bulk_load_threshold = '1kB'");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 2000; i++) {
            sb.append(i).append('\t').append(1 + i % 3).append('\t').append(i == 1 ? "\\N" : i == 1999 ? 5000 : i - 1)
                    .append('\n');
        }
        e = error(() -> copy("c", sb.toString()));
        assertThat(e.getMessage()).isEqualTo("insert or update on table \"c\" violates foreign key constraint \"c_up_fkey\"");
        assertThat(e.detail()).startsWith("Key (up)=(5000) is not present in table \"c\".");
        assertThat(t.value("SELECT count(*) FROM c")).isEqualTo("0");
        copy("c", sb.toString().replace("\t5000\n", "\t2000\n"));
        assertThat(t.value("SELECT count(*) FROM c")).isEqualTo("2000");
        e = error(() -> copy("c", "3000\t4\t1\n"));
        assertThat(e.detail()).startsWith("Key (a)=(4) is not present in table \"p\".");
    }

    @Test
    void onConflictDoUpdate() {
        t.exec("CREATE TABLE c (id int PRIMARY KEY, a int REFERENCES p)");
        t.exec("INSERT INTO c VALUES (1, 1)");
        assertError("INSERT INTO c VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET a = 8", "23503",
                "insert or update on table \"c\" violates foreign key constraint \"c_a_fkey\"");
        t.exec("INSERT INTO c VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET a = 2");
        assertThat(t.value("SELECT a FROM c")).isEqualTo("2");
    }
}
