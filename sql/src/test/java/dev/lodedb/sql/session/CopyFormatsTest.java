package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COPY's text and csv formats byte for byte as PostgreSQL writes and reads them, and round trips
 * of every type through all four formats.
 */
class CopyFormatsTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;

    /** One row per edge case: NULLs, empty strings, quotes, delimiters, newlines, backslashes, unicode. */
    static final String ALL_TYPES = "CREATE TABLE all_types (id int PRIMARY KEY, b boolean, s smallint, i integer, "
            + "g bigint, r real, d double precision, n numeric(12,3), t text, v varchar(20), c char(4), y bytea, "
            + "dt date, tm time, ts timestamp, tz timestamptz, iv interval, u uuid, j json, jb jsonb)";
    static final String ALL_ROWS = "INSERT INTO all_types VALUES "
            + "(1, true, 1, 2, 3, 1.5, 2.25, 3.125, 'plain', 'v', 'ab', '\\x00ff', '2024-02-29', '12:34:56.789',"
            + " '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05+02', '1 year 2 mons 3 days 04:05:06', "
            + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\":[1,2]}', '{\"k\": \"v\", \"n\": 1.50}'),"
            + "(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
            + "NULL, NULL),"
            + "(3, false, -32768, -2147483648, -9223372036854775808, 'NaN', '-Infinity', -0.001, '', '', '', '\\x', "
            + "'infinity', '00:00', '-infinity', 'infinity', '-1 days', '00000000-0000-0000-0000-000000000000', "
            + "'\"x\"', '[null]'),"
            + "(4, true, 32767, 2147483647, 9223372036854775807, 1e30, 1e-300, 123456789.999, "
            + "E'tab\\there, comma, \"quote\" and ''single''', E'line1\\nline2', 'x\"y', '\\x5c2c22', '0001-01-01', "
            + "'23:59:59.999999', '2000-01-01 00:00', '1999-12-31 23:59:59.5+00', '00:00:00.000001', "
            + "'ffffffff-ffff-ffff-ffff-ffffffffffff', '[]', '{}'),"
            + "(5, false, 0, 0, 0, -0.5, 0.1, 0, E'back\\\\slash \\\\N and \\\\. and CR\\r LF\\n', E'\\\\.', 'é', "
            + "'\\xdeadbeef', '2000-01-01', '00:00:01', '2000-01-01 00:00:01', '2000-01-01 00:00:01+00', '1 mon', "
            + "'12345678-1234-1234-1234-123456789abc', '[\"ü\",\"\\\\u00e9\"]', '{\"é\": [true, false, null]}'),"
            + "(6, true, 7, 7, 7, 7, 7, 7, 'unicode: 日本語 ∑ 😀', 'NULL', '\\N', '\\x00', '2020-02-02', '02:02', "
            + "'2020-02-02 02:02', '2020-02-02 02:02-05:30', '2 hours', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', "
            + "'{\"nested\":{\"deep\":[1,{\"x\":null}]}}', '[1, \"two\", 3.0]')";

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private String export(String sql) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.session.setCopyStreams(null, out);
        t.exec(sql);
        t.session.setCopyStreams(null, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private long importText(String sql, String data) {
        t.session.setCopyStreams(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)), null);
        try {
            return t.exec(sql);
        } finally {
            t.session.setCopyStreams(null, null);
        }
    }

    @Test
    void textFormatIsPostgresByteForByte() {
        t.exec("CREATE TABLE x (a int, b text, c bytea); INSERT INTO x VALUES (1, E'a\\tb\\nc\\\\d', '\\x01'),"
                + " (NULL, '', NULL), (3, '\\N', '\\x')");
        assertThat(export("COPY x TO STDOUT")).isEqualTo("1\ta\\tb\\nc\\\\d\t\\\\x01\n\\N\t\t\\N\n3\t\\\\N\t\\\\x\n");
        assertThat(export("COPY x TO STDOUT (HEADER, DELIMITER '|', NULL 'nil')"))
                .isEqualTo("a|b|c\n1|a\\tb\\nc\\\\d|\\\\x01\nnil||nil\n3|\\\\N|\\\\x\n");
    }

    @Test
    void csvFormatIsPostgresByteForByte() {
        t.exec("CREATE TABLE x (a int, b text); INSERT INTO x VALUES (1, 'plain'), (2, ''), (3, NULL),"
                + " (4, 'a,b'), (5, 'say \"hi\"'), (6, E'two\\nlines'), (7, E'cr\\r'), (8, '\\.')");
        assertThat(export("COPY x TO STDOUT (FORMAT csv, HEADER)")).isEqualTo("a,b\n1,plain\n2,\"\"\n3,\n4,\"a,b\"\n"
                + "5,\"say \"\"hi\"\"\"\n6,\"two\nlines\"\n7,\"cr\r\"\n8,\\.\n");
        assertThat(export("COPY x (b) TO STDOUT (FORMAT csv) ")).contains("\n\"\\.\"\n");
        assertThat(export("COPY (SELECT 1 AS a, 'q\"e' AS b) TO STDOUT (FORMAT csv, QUOTE '''', ESCAPE '\\', "
                + "FORCE_QUOTE *)")).isEqualTo("'1','q\"e'\n");
        assertThat(export("COPY (SELECT 'it''s' AS b) TO STDOUT (FORMAT csv, QUOTE '''', ESCAPE '\\')"))
                .isEqualTo("'it\\'s'\n");
    }

    @Test
    void csvInputFollowsPostgresRules() {
        t.exec("CREATE TABLE x (a int, b text, c text)");
        long n = importText("COPY x FROM STDIN (FORMAT csv, HEADER)", "\uFEFFa,b,c\r\n1,,\"\"\r\n2,\"x\"\"y\",\"multi\r\n"
                + "line\"\r\n3,a\"b,c\"d,\"\"\r\n\\.\r\nignored,after,marker\r\n");
        assertThat(n).isEqualTo(3);
        assertThat(t.rows("SELECT a, b IS NULL, c IS NULL, b, c FROM x ORDER BY a")).containsExactly(
                "1|t|f|NULL|", "2|f|f|x\"y|multi\r\nline", "3|f|f|ab,cd|");
    }

    @Test
    void roundTripsEveryTypeThroughEveryFormat() {
        t.exec(ALL_TYPES + ";" + ALL_ROWS);
        List<String> expected = t.rows("SELECT * FROM all_types ORDER BY id");
        assertThat(expected).hasSize(6);
        for (String format : List.of("text", "csv", "json", "jsonlines")) {
            for (String header : format.startsWith("json") ? List.of("") : List.of("", ", HEADER")) {
                Path file = dir.resolve("out_" + format + (header.isEmpty() ? "" : "_h") + ".dat");
                t.exec("COPY all_types TO '" + file + "' (FORMAT " + format + header + ")");
                t.exec("CREATE TABLE copy_back AS SELECT * FROM all_types WITH NO DATA");
                long n = t.exec("COPY copy_back FROM '" + file + "' (FORMAT " + format + header.replace("HEADER",
                        "HEADER match") + ")");
                assertThat(n).as(format + header).isEqualTo(6);
                assertThat(t.rows("SELECT * FROM copy_back ORDER BY id")).as(format + header).isEqualTo(expected);
                t.exec("DROP TABLE copy_back");
            }
        }
    }
}
