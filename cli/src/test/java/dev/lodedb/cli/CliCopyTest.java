package dev.lodedb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code \copy}, COPY with STDIN/STDOUT in scripts and -c, and {@code lode import}/{@code lode export}. */
class CliCopyTest {
    @TempDir
    Path tmp;
    String db;

    @BeforeEach
    void createDatabase() {
        db = tmp.resolve("db").toString();
        CliRun r = CliRun.run(db, "-q", "-c", """
                CREATE TABLE item (id int PRIMARY KEY, name text, price numeric(8,2));
                INSERT INTO item VALUES (1, 'tea', 3.50), (2, 'cake, large', NULL), (3, '', 1.00);
                """);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void backslashCopyRoundTripThroughAFile() throws Exception {
        Path file = tmp.resolve("items.csv");
        CliRun out = CliRun.run(db, "-c", "\\copy item TO " + file + " WITH (FORMAT csv, HEADER)");
        assertThat(out.err()).isEmpty();
        assertThat(out.out()).isEqualTo("COPY 3\n");
        assertThat(Files.readString(file)).isEqualTo("id,name,price\n1,tea,3.50\n2,\"cake, large\",\n3,\"\",1.00\n");
        CliRun in = CliRun.run(db, "-c", "CREATE TABLE copy2 (id int, name text, price numeric(8,2))",
                "-c", "\\copy copy2 (id, name, price) from '" + file + "' csv header",
                "-c", "SELECT count(*) AS n, count(price) AS priced, sum(length(name)) AS chars FROM copy2");
        assertThat(in.err()).isEmpty();
        assertThat(in.out()).contains("COPY 3\n").contains(" 3 |      2 |    14\n");
        CliRun query = CliRun.run(db, "-c", "\\copy (SELECT id FROM item WHERE price > 2) TO stdout");
        assertThat(query.out()).isEqualTo("1\nCOPY 1\n");
    }

    @Test
    void copyFromStdinInAScriptReadsTheLinesUpToBackslashDot() throws Exception {
        Path script = tmp.resolve("load.sql");
        Files.writeString(script, """
                CREATE TABLE t (a int, b text);
                COPY t FROM STDIN;
                1\tone
                2\t\\N
                \\.
                COPY t FROM STDIN (FORMAT csv);
                3,three
                \\.
                SELECT a, coalesce(b, 'null') AS b FROM t ORDER BY a;
                SELECT 1/0;
                """, StandardCharsets.UTF_8);
        CliRun r = CliRun.run(db, "-f", script.toString());
        assertThat(r.out()).isEqualTo("""
                CREATE TABLE
                COPY 2
                COPY 1
                 a |   b  \s
                ---+-------
                 1 | one
                 2 | null
                 3 | three
                (3 rows)

                """);
        assertThat(r.err()).isEqualTo("lode:" + script + ":10: ERROR:  22012: division by zero\n");
        CliRun piped = CliRun.withInput("COPY t FROM STDIN (FORMAT jsonlines);\n{\"a\": 9, \"b\": \"nine\"}\n\\.\n"
                + "SELECT b FROM t WHERE a = 9;\n", db);
        assertThat(piped.out()).isEqualTo("COPY 1\n  b   \n------\n nine\n(1 row)\n\n");
    }

    @Test
    void copyFromStdinWithDashCReadsTheProcessInput() {
        CliRun r = CliRun.withInput("id,name,price\n7,jam,2.25\n8,pie,x\n", db, "-c",
                "COPY item FROM STDIN (FORMAT csv, HEADER, ON_ERROR ignore)", "-c", "SELECT name FROM item WHERE id > 6");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("COPY 1\n name \n------\n jam\n(1 row)\n\n");
        assertThat(r.err()).isEqualTo("NOTICE:  skipping row due to data type incompatibility at line 3 for column "
                + "\"price\": invalid input syntax for type numeric: \"x\"\n"
                + "NOTICE:  1 row was skipped due to data type incompatibility\n");
    }

    @Test
    void copyToStdoutFollowsBackslashO() throws Exception {
        Path file = tmp.resolve("o.txt");
        CliRun r = CliRun.run(db, "-c", "COPY (SELECT id, name FROM item ORDER BY id) TO STDOUT (FORMAT jsonlines)",
                "-c", "\\o " + file, "-c", "COPY item (id) TO STDOUT", "-c", "\\o");
        assertThat(r.out()).isEqualTo("{\"id\":1,\"name\":\"tea\"}\n{\"id\":2,\"name\":\"cake, large\"}\n"
                + "{\"id\":3,\"name\":\"\"}\nCOPY 3\n");
        assertThat(Files.readString(file)).isEqualTo("1\n2\n3\nCOPY 3\n");
    }

    @Test
    void copyErrorsAreReportedAndStopTheScript() throws Exception {
        Path file = tmp.resolve("bad.csv");
        Files.writeString(file, "9,ok,1\nten,bad,2\n");
        CliRun r = CliRun.run(db, "-c", "\\copy item from " + file + " (format csv)", "-c", "SELECT 1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("ERROR:  22P02: invalid input syntax for type integer: \"ten\"");
        assertThat(CliRun.run(db, "-c", "\\copy item from").err()).startsWith("\\copy: parse error at end of line");
        assertThat(CliRun.run(db, "-c", "\\copy item from program 'ls'").err())
                .isEqualTo("\\copy: PROGRAM is not supported by lode\n");
        CliRun missing = CliRun.run(db, "-c", "\\copy item from " + tmp.resolve("none.csv"));
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).startsWith("ERROR:  58P01: could not open file");
    }

    @Test
    void importAndExportSubcommands() throws Exception {
        Path csv = tmp.resolve("more.csv");
        Files.writeString(csv, "id;name;price\n10;fig;0.50\n11;kiwi;0.75\n");
        CliRun imp = CliRun.run("import", db, "item", csv.toString(), "--header", "--delimiter", ";");
        assertThat(imp.err()).isEmpty();
        assertThat(imp.out()).isEqualTo("COPY 2\n");
        assertThat(imp.status()).isZero();

        Path tsv = tmp.resolve("more.tsv");
        Files.writeString(tsv, "12\tlime\t\\N\n");
        assertThat(CliRun.run("import", db, "item", tsv.toString(), "--format", "text").out()).isEqualTo("COPY 1\n");

        Path out = tmp.resolve("cheap.jsonl");
        CliRun exp = CliRun.run("export", db, "SELECT id, name FROM item WHERE price < 1 ORDER BY id", out.toString());
        assertThat(exp.out()).isEqualTo("COPY 2\n");
        assertThat(Files.readString(out)).isEqualTo("{\"id\":10,\"name\":\"fig\"}\n{\"id\":11,\"name\":\"kiwi\"}\n");

        Path table = tmp.resolve("item.csv");
        assertThat(CliRun.run("export", db, "item", table.toString(), "--header").status()).isZero();
        assertThat(Files.readAllLines(table)).hasSize(7).first().isEqualTo("id,name,price");

        CliRun create = CliRun.run("import", db, "item_copy", table.toString(), "--create");
        assertThat(create.err()).isEmpty();
        assertThat(create.out()).isEqualTo("SELECT 6\n");
        assertThat(CliRun.run(db, "-c", "\\d item_copy").out()).contains(" id     | bigint ").contains(" name   | text ")
                .contains(" price  | double precision ");

        Path json = tmp.resolve("people.json");
        Files.writeString(json, "[{\"name\": \"ada\", \"born\": 1815}, {\"name\": \"grace\", \"born\": 1906}]");
        assertThat(CliRun.run("import", db, "people", json.toString(), "--create").out()).isEqualTo("SELECT 2\n");
        assertThat(CliRun.run(db, "--format", "csv", "-c", "SELECT name FROM people ORDER BY born").out())
                .isEqualTo("name\nada\ngrace\n");
    }

    @Test
    void importFailures() throws Exception {
        CliRun missing = CliRun.run("import", db, "item", tmp.resolve("none.csv").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).endsWith("none.csv: No such file or directory\n");
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "1,dup,1\n");
        CliRun dup = CliRun.run("import", db, "item", bad.toString());
        assertThat(dup.status()).isEqualTo(1);
        assertThat(dup.err()).startsWith("ERROR:  23505: duplicate key value violates unique constraint \"item_pkey\"");
        Path tsv = tmp.resolve("x.tsv");
        Files.writeString(tsv, "1\ta\n");
        CliRun text = CliRun.run("import", db, "t2", tsv.toString(), "--create");
        assertThat(text.status()).isEqualTo(2);
        assertThat(text.err()).contains("--create needs --format csv, json or jsonlines");
        assertThat(CliRun.run("import", db, "item").status()).isEqualTo(2);
    }

    @Test
    void translations() {
        CopyStatements.Options csv = new CopyStatements.Options(CopyStatements.DataFormat.CSV, true, "|");
        assertThat(CopyStatements.importInto("items", "/d/a.csv", csv))
                .isEqualTo("COPY items FROM '/d/a.csv' (FORMAT csv, HEADER, DELIMITER '|')");
        assertThat(CopyStatements.createFrom("t", "/d/it's.csv", csv))
                .isEqualTo("CREATE TABLE t AS SELECT * FROM read_csv('/d/it''s.csv', header => true, delim => '|')");
        CopyStatements.Options json = new CopyStatements.Options(CopyStatements.DataFormat.JSONLINES, false, null);
        assertThat(CopyStatements.createFrom("t", "/d/a.jsonl", json)).isEqualTo("CREATE TABLE t AS SELECT * FROM read_json('/d/a.jsonl')");
        assertThat(CopyStatements.exportFrom("SELECT 1;", "/d/o.jsonl", json))
                .isEqualTo("COPY (SELECT 1) TO '/d/o.jsonl' (FORMAT jsonlines)");
        assertThat(CopyStatements.exportFrom("\"My Table\"", "/d/o.jsonl", json))
                .isEqualTo("COPY \"My Table\" TO '/d/o.jsonl' (FORMAT jsonlines)");
        assertThat(CopyStatements.DataFormat.fromFileName("x.NDJSON")).isEqualTo(CopyStatements.DataFormat.JSONLINES);
        assertThat(CopyStatements.DataFormat.fromFileName("x.tsv")).isEqualTo(CopyStatements.DataFormat.TEXT);
        assertThat(CopyStatements.DataFormat.fromFileName("x.csv.gz")).isEqualTo(CopyStatements.DataFormat.CSV);
        assertThat(CopyStatements.DataFormat.fromFileName("x.jsonl.gz")).isEqualTo(CopyStatements.DataFormat.JSONLINES);
        assertThat(CopyStatements.fromBackslashCopy("t (a, b) from '/d/x y.csv' with delimiter as ';' null 'NA' csv"))
                .isEqualTo("COPY t (a, b) FROM '/d/x y.csv' (DELIMITER ';', NULL 'NA', FORMAT csv)");
        assertThat(CopyStatements.fromBackslashCopy("t from pstdin")).isEqualTo("COPY t FROM STDIN");
        assertThat(CopyStatements.fromBackslashCopy("(SELECT 'a b') to stdout with (format csv, header)"))
                .isEqualTo("COPY (SELECT 'a b') TO STDOUT (format csv, header)");
    }

    @Test
    void progressBarRendering() {
        long second = 1_000_000_000L;
        assertThat(ProgressBar.render(1_234_567, 47L << 20, 100L << 20, 2 * second, 0))
                .isEqualTo("[#########...........]  47%  1,234,567 rows  47.0/100.0 MB  617,284 rows/s  ETA 0:02");
        assertThat(ProgressBar.render(5000, 3L << 20, -1, second, 0)).isEqualTo("5,000 rows  3.0 MB  5,000 rows/s");
        assertThat(ProgressBar.render(10, 100, 100, second, 0)).startsWith("[####################] 100%").doesNotContain("ETA");
        assertThat(ProgressBar.render(0, 0, 100, 0, 0)).isEqualTo("[....................]   0%  0 rows  0.0/0.0 MB");
        assertThat(ProgressBar.render(1_234_567, 47L << 20, 100L << 20, 2 * second, 30)).hasSize(29);
        assertThat(ProgressBar.clock(3725)).isEqualTo("1:02:05");
    }

    @Test
    void progressReporterDrawsInPlaceAndClears() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ProgressReporter p = new ProgressReporter(new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8), () -> 0);
        p.update(10, 1L << 20, -1);
        p.update(20, 2L << 20, -1);
        p.finish();
        p.update(30, 3L << 20, -1);
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertThat(s).startsWith("\r10 rows  1.0 MB").contains("\r20 rows  2.0 MB").doesNotContain("30 rows");
        String drawn = s.substring(s.lastIndexOf('\r', s.length() - 2) + 1, s.length() - 1);
        assertThat(s).endsWith("\r" + drawn + "\r");
        assertThat(drawn).isBlank().hasSizeGreaterThanOrEqualTo("20 rows  2.0 MB".length());
    }
}
