package dev.lodedb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backslash commands, run through {@code lode DB -c}. */
class CliMetaCommandTest {
    @TempDir
    Path tmp;
    String db;

    @BeforeEach
    void createDatabase() {
        db = tmp.resolve("db").toString();
        CliRun r = CliRun.run(db, "-q", "-c", """
                CREATE TABLE item (id int PRIMARY KEY, name varchar(20) NOT NULL DEFAULT 'unnamed', price numeric(8,2));
                CREATE TABLE "Order Line" (o int, line int, qty int, PRIMARY KEY (o, line));
                CREATE TABLE plain (x text);
                CREATE VIEW cheap AS SELECT id, name FROM item WHERE price < 5;
                INSERT INTO item VALUES (1, 'tea', 3.50);
                """);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void describeTable() {
        CliRun r = CliRun.run(db, "-c", "\\d item");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("""
                                  Table "public.item"
                 Column |         Type          | Nullable |  Default \s
                --------+-----------------------+----------+-----------
                 id     | integer               | not null |\s
                 name   | character varying(20) | not null | 'unnamed'
                 price  | numeric(8,2)          |          |\s
                Indexes:
                    "item_pkey" PRIMARY KEY (id)

                """);
        assertThat(CliRun.run(db, "-c", "\\d \"Order Line\"").out())
                .contains("Table \"public.Order Line\"").contains("\"Order Line_pkey\" PRIMARY KEY (o, line)");
        assertThat(CliRun.run(db, "-c", "\\d plain").out()).doesNotContain("Indexes:");
    }

    @Test
    void describeCheckConstraintsIdentityAndSequences() {
        CliRun setup = CliRun.run(db, "-q", "-c", """
                CREATE TABLE checked (id int GENERATED ALWAYS AS IDENTITY, n serial, a int CHECK (a > 0),
                    CONSTRAINT pair CHECK (a < n));
                CREATE SEQUENCE free_seq;
                """);
        assertThat(setup.err()).isEmpty();
        String out = CliRun.run(db, "-c", "\\d checked").out();
        assertThat(out).contains("generated always as identity").contains("nextval('checked_n_seq')")
                .contains("""
                Check constraints:
                    "checked_a_check" CHECK ((a > 0))
                    "pair" CHECK ((a < n))
                """);
        assertThat(CliRun.run(db, "-c", "\\d").out()).contains("free_seq").contains("checked_n_seq")
                .contains("sequence");
    }

    @Test
    void describeForeignKeys() {
        CliRun setup = CliRun.run(db, "-q", "-c", """
                CREATE TABLE fp (id int PRIMARY KEY);
                CREATE TABLE fc (a int REFERENCES fp ON DELETE CASCADE, b int,
                    CONSTRAINT fc_b FOREIGN KEY (b) REFERENCES fp (id) MATCH FULL
                        ON UPDATE SET NULL ON DELETE RESTRICT);
                """);
        assertThat(setup.err()).isEmpty();
        assertThat(CliRun.run(db, "-c", "\\d fc").out()).contains("""
                Foreign-key constraints:
                    "fc_a_fkey" FOREIGN KEY (a) REFERENCES fp(id) ON DELETE CASCADE
                    "fc_b" FOREIGN KEY (b) REFERENCES fp(id) MATCH FULL ON UPDATE SET NULL ON DELETE RESTRICT
                """);
        assertThat(CliRun.run(db, "-c", "\\d fp").out()).contains("""
                Referenced by:
                    TABLE "fc" CONSTRAINT "fc_a_fkey" FOREIGN KEY (a) REFERENCES fp(id) ON DELETE CASCADE
                    TABLE "fc" CONSTRAINT "fc_b" FOREIGN KEY (b) REFERENCES fp(id) MATCH FULL ON UPDATE SET NULL \
                ON DELETE RESTRICT
                """);
    }

    @Test
    void describeSecondaryIndexes() {
        CliRun setup = CliRun.run(db, "-q", "-c", """
                CREATE UNIQUE INDEX item_name ON item (name);
                CREATE INDEX item_price_desc ON item (price DESC, lower(name)) INCLUDE (id) WHERE price > 1;
                ALTER TABLE plain ADD CONSTRAINT plain_x_key UNIQUE (x);
                """);
        assertThat(setup.err()).isEmpty();
        assertThat(CliRun.run(db, "-c", "\\d item").out()).contains("""
                Indexes:
                    "item_pkey" PRIMARY KEY (id)
                    "item_name" UNIQUE, btree (name)
                    "item_price_desc" btree (price DESC, (lower(name))) INCLUDE (id) WHERE (price > 1)
                """);
        assertThat(CliRun.run(db, "-c", "\\d plain").out()).contains("\"plain_x_key\" UNIQUE CONSTRAINT, btree (x)");
        assertThat(CliRun.run(db, "-c", "\\di").out()).contains(" public | item_name ", " public | item_price_desc ",
                " public | plain_x_key ");
    }

    @Test
    void describeView() {
        CliRun r = CliRun.run(db, "-c", "\\d cheap");
        assertThat(r.out()).contains("View \"public.cheap\"").contains(" id     | integer")
                .contains("View definition:").contains("SELECT id, name FROM item WHERE (price < 5)");
    }

    @Test
    void describeMissingRelationFails() {
        CliRun r = CliRun.run(db, "-c", "\\d nosuch", "-c", "SELECT 1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Did not find any relation named \"nosuch\".\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void listRelationsByKind() {
        assertThat(CliRun.run(db, "-c", "\\d").out()).isEqualTo("""
                      List of relations
                 Schema |    Name    | Type \s
                --------+------------+-------
                 public | Order Line | table
                 public | cheap      | view
                 public | item       | table
                 public | plain      | table
                (4 rows)

                """);
        assertThat(CliRun.run(db, "-c", "\\dt").out()).doesNotContain("cheap").contains("item");
        assertThat(CliRun.run(db, "-c", "\\dv").out()).contains("cheap").doesNotContain("item");
        assertThat(CliRun.run(db, "-c", "\\dt i*").out()).contains("item").doesNotContain("plain");
        assertThat(CliRun.run(db, "-c", "\\di").out()).contains(" public | item_pkey ").contains("| index | item");
        assertThat(CliRun.run(db, "-c", "\\dt zz*").out()).isEqualTo("Did not find any relation named \"zz*\".\n");
    }

    @Test
    void psetFormatsNullAndFooter() {
        CliRun r = CliRun.run(db, "-c", "\\pset format csv", "-c", "SELECT id, name FROM item",
                "-c", "\\pset format json", "-c", "SELECT id FROM item",
                "-c", "\\pset format aligned", "-c", "\\pset null (null)", "-c", "\\pset footer off",
                "-c", "SELECT NULL AS n", "-c", "\\pset");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("""
                Output format is csv.
                id,name
                1,tea
                Output format is json.
                [
                {"id":1}
                ]
                Output format is aligned.
                Null display is "(null)".
                Default footer is off.
                   n   \s
                --------
                 (null)

                expanded  off
                footer    off
                format    aligned
                null      '(null)'
                """);
        CliRun bad = CliRun.run(db, "-c", "\\pset format wrapped");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("allowed formats are aligned, csv, json, jsonlines, markdown, unaligned");
    }

    @Test
    void expandedAndTiming() {
        CliRun r = CliRun.run(db, "-c", "\\x", "-c", "SELECT id, name FROM item", "-c", "\\x off", "-c", "\\timing on",
                "-c", "SELECT 1 AS one", "-c", "\\x auto");
        assertThat(r.out()).startsWith("""
                Expanded display is on.
                -[ RECORD 1 ]
                id   | 1
                name | tea

                Expanded display is off.
                Timing is on.
                 one\s
                -----
                   1
                (1 row)

                Time:\s""");
        assertThat(r.out()).matches("(?s).*\nTime: \\d+\\.\\d{3} ms\n.*").endsWith("Expanded display is used automatically.\n");
    }

    @Test
    void outputToFileAndBack() throws Exception {
        Path file = tmp.resolve("out.txt");
        CliRun r = CliRun.run(db, "-c", "\\o " + file, "-c", "SELECT name FROM item", "-c", "INSERT INTO plain VALUES ('x')",
                "-c", "\\o", "-c", "SELECT 2 AS back");
        assertThat(r.status()).isZero();
        assertThat(Files.readString(file)).isEqualTo(" name \n------\n tea\n(1 row)\n\nINSERT 0 1\n");
        assertThat(r.out()).isEqualTo(" back \n------\n    2\n(1 row)\n\n");
    }

    @Test
    void includeFileWithNestedErrorLocation() throws Exception {
        Path inc = tmp.resolve("inc.sql");
        Files.writeString(inc, "\\pset format unaligned\nSELECT name FROM item;\nSELECT 1/0;\nSELECT 'after';\n",
                StandardCharsets.UTF_8);
        CliRun r = CliRun.run(db, "-c", "\\i " + inc, "-c", "SELECT 'not reached'");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("Output format is unaligned.\nname\ntea\n(1 row)\n");
        assertThat(r.err()).isEqualTo("lode:" + inc + ":3: ERROR:  22012: division by zero\n");
        CliRun missing = CliRun.run(db, "-c", "\\i " + tmp.resolve("none.sql"));
        assertThat(missing.err()).endsWith("none.sql: No such file or directory\n");
    }

    @Test
    void helpQuitEchoAndUnknownCommands() {
        assertThat(CliRun.run(db, "-c", "\\?").out()).contains("\\d NAME").contains("\\pset").contains("\\copy");
        CliRun q = CliRun.run(db, "-c", "\\echo hello 'big world'", "-c", "\\q", "-c", "SELECT 1");
        assertThat(q.status()).isZero();
        assertThat(q.out()).isEqualTo("hello big world\n");
        CliRun unknown = CliRun.run(db, "-c", "\\frobnicate");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("invalid command \\frobnicate\nTry \\? for help.\n");
    }
}
