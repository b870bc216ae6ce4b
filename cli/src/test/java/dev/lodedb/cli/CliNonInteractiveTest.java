package dev.lodedb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lode DB -c/-f}, SQL on standard input, exit statuses, formats and tags. */
class CliNonInteractiveTest {
    @TempDir
    Path tmp;
    String db;

    @BeforeEach
    void createDatabase() {
        db = tmp.resolve("db").toString();
        CliRun r = CliRun.run(db, "-c", "CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL, price numeric(8,2))",
                "-c", "INSERT INTO item VALUES (1, 'tea', 3.50), (2, 'cake', 4.25), (3, 'jam', NULL)");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("CREATE TABLE\nINSERT 0 3\n");
        assertThat(r.status()).isZero();
    }

    @Test
    void commandStringsRunInOrderAndDataPersists() {
        CliRun r = CliRun.run(db, "-c", "SELECT name, price FROM item ORDER BY id");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("""
                 name | price\s
                ------+-------
                 tea  |  3.50
                 cake |  4.25
                 jam  |     \s
                (3 rows)

                """);
    }

    @Test
    void theFirstErrorStopsWithStatusOne() {
        CliRun r = CliRun.run(db, "-c", "SELECT 1 AS a; SELECT * FROM nosuch; SELECT 2 AS b");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains(" a ").doesNotContain(" b ");
        assertThat(r.err()).isEqualTo("""
                ERROR:  42P01: relation "nosuch" does not exist
                LINE 1: SELECT * FROM nosuch;
                                      ^
                """);
        CliRun second = CliRun.run(db, "-c", "SELECT * FROM nosuch", "-c", "SELECT 2 AS b");
        assertThat(second.status()).isEqualTo(1);
        assertThat(second.out()).isEmpty();
    }

    @Test
    void continueOnErrorGoesOnAndStillFails() {
        CliRun r = CliRun.run(db, "--continue-on-error", "-c", "SELECT 1/0", "-c", "SELECT 2 AS b");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("ERROR:  22012: division by zero\n");
        assertThat(r.out()).contains(" b \n---\n 2\n(1 row)");
    }

    @Test
    void scriptFileWithErrorLocationAndDetail() throws Exception {
        Path script = tmp.resolve("s.sql");
        Files.writeString(script, """
                -- a script
                INSERT INTO item VALUES (4, 'pie', 1.00);
                INSERT INTO item
                  VALUES (1, 'again', 0);
                SELECT 'not reached';
                """, StandardCharsets.UTF_8);
        CliRun r = CliRun.run(db, "-f", script.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("INSERT 0 1\n");
        assertThat(r.err()).isEqualTo("lode:" + script + ":4: ERROR:  23505: duplicate key value violates unique "
                + "constraint \"item_pkey\"\nDETAIL:  Key (id)=(1) already exists.\n");
    }

    @Test
    void missingScriptFile() {
        CliRun r = CliRun.run(db, "-f", tmp.resolve("none.sql").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).endsWith("none.sql: No such file or directory\n");
    }

    @Test
    void sqlOnStandardInput() {
        CliRun r = CliRun.withInput("SELECT count(*) AS n\n  FROM item;\nSELECT nosuch FROM item;\nSELECT 1;\n", db);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(" n \n---\n 3\n(1 row)\n\n");
        assertThat(r.err()).startsWith("lode:<stdin>:3: ERROR:  42703: column \"nosuch\" does not exist\nLINE 1:");
        CliRun dash = CliRun.withInput("SELECT 5 AS five", db, "-f", "-");
        assertThat(dash.out()).contains(" five \n------\n    5\n");
    }

    @Test
    void everyFormatFromTheCommandLine() {
        String q = "SELECT id, name, price FROM item ORDER BY id LIMIT 2";
        assertThat(CliRun.run(db, "--format", "csv", "-c", q).out()).isEqualTo("id,name,price\n1,tea,3.50\n2,cake,4.25\n");
        assertThat(CliRun.run(db, "--format", "json", "-c", q).out()).isEqualTo(
                "[\n{\"id\":1,\"name\":\"tea\",\"price\":3.50},\n{\"id\":2,\"name\":\"cake\",\"price\":4.25}\n]\n");
        assertThat(CliRun.run(db, "--format", "jsonlines", "-c", q).out()).isEqualTo(
                "{\"id\":1,\"name\":\"tea\",\"price\":3.50}\n{\"id\":2,\"name\":\"cake\",\"price\":4.25}\n");
        assertThat(CliRun.run(db, "--format", "unaligned", "-c", q).out()).isEqualTo(
                "id|name|price\n1|tea|3.50\n2|cake|4.25\n(2 rows)\n");
        assertThat(CliRun.run(db, "--format", "markdown", "-c", q).out()).startsWith("| id  | name | price |\n|----:|");
        CliRun bad = CliRun.run(db, "--format", "xml", "-c", q);
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("'xml' is not a format");
    }

    @Test
    void commandTagsAndReturningAndQuiet() {
        CliRun r = CliRun.run(db, "-c", "UPDATE item SET price = 1 WHERE id > 1; DELETE FROM item WHERE id = 3 RETURNING id;"
                + " CREATE VIEW v AS SELECT id FROM item; DROP VIEW v;");
        assertThat(r.out()).isEqualTo("UPDATE 2\n id \n----\n  3\n(1 row)\n\nDELETE 1\nCREATE VIEW\nDROP VIEW\n");
        CliRun quiet = CliRun.run(db, "-q", "-c", "INSERT INTO item VALUES (9, 'x', 1)", "-c", "\\pset format csv",
                "-c", "SELECT id FROM item WHERE id = 9");
        assertThat(quiet.out()).isEqualTo("id\n9\n");
    }

    @Test
    void inMemoryWithoutDatabaseArgument() {
        CliRun r = CliRun.run("-c", "CREATE TABLE t (a int)", "-c", "INSERT INTO t VALUES (1)", "-c", "\\conninfo",
                "-c", "SELECT a FROM t");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("You are connected to an in-memory database").contains(" a \n---\n 1\n");
    }

    @Test
    void usageErrorsAndUnopenableDatabase() throws Exception {
        CliRun r = CliRun.run("--no-such-option");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--no-such-option'").contains("Usage: lode");
        Path file = tmp.resolve("plain-file");
        Files.writeString(file, "not a database");
        CliRun notADirectory = CliRun.run(file.toString(), "-c", "SELECT 1");
        assertThat(notADirectory.status()).isEqualTo(2);
        assertThat(notADirectory.err()).startsWith("lode: could not open database \"" + file + "\": ");
        assertThat(CliRun.run("--help").out()).contains("Usage: lode").contains("sqllogictest").contains("import")
                .contains("export");
    }

    @Test
    void sqllogictestSubcommand() throws Exception {
        Path dir = tmp.resolve("slt");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("a.test"), """
                statement ok
                CREATE TABLE t (a int)

                statement ok
                INSERT INTO t VALUES (1), (2)

                query I rowsort
                SELECT a FROM t
                ----
                1
                2
                """);
        Files.writeString(dir.resolve("b.test"), """
                query I
                SELECT 1
                ----
                2
                """);
        CliRun r = CliRun.run("sqllogictest", dir.toString());
        assertThat(r.status()).isEqualTo(1);
        String[] lines = r.out().split("\n");
        assertThat(lines[lines.length - 1]).isEqualTo("3 passed, 1 failed, 0 skipped");
        assertThat(r.out()).contains("a.test").contains("b.test");
        assertThat(CliRun.run("sqllogictest", dir.resolve("a.test").toString()).status()).isZero();
    }
}
