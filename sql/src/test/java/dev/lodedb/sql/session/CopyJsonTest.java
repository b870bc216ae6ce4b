package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.SqlException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COPY's json and jsonlines formats: what is written, how keys map to columns, and errors. */
class CopyJsonTest {
    @TempDir
    java.nio.file.Path dir;
    SqlTestDatabase t;

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
        t.exec("CREATE TABLE doc (id int PRIMARY KEY, title text NOT NULL, score double precision, tags jsonb, "
                + "raw json, ok boolean DEFAULT true, n numeric)");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private String export(String sql) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.session.setCopyStreams(null, out);
        t.exec(sql);
        return out.toString(StandardCharsets.UTF_8);
    }

    private StatementResult load(String sql, String data) {
        t.session.setCopyStreams(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)), null);
        return t.session.execute(t.session.prepare(sql), List.of());
    }

    private static SqlException error(Runnable r) {
        try {
            r.run();
        } catch (SqlException e) {
            return e;
        }
        throw new AssertionError("no error");
    }

    @Test
    void exportWritesOneObjectPerRow() {
        t.exec("INSERT INTO doc VALUES (1, 'a \"q\"\n', 1.5, '{\"b\": [1, 2]}', '{ \"x\" :\n 1 }', false, 1.50),"
                + " (2, 'é', 'NaN', NULL, NULL, NULL, NULL)");
        assertThat(export("COPY doc TO STDOUT (FORMAT jsonlines)")).isEqualTo(
                "{\"id\":1,\"title\":\"a \\\"q\\\"\\n\",\"score\":1.5,\"tags\":{\"b\": [1, 2]},\"raw\":{ \"x\" :  1 },"
                        + "\"ok\":false,\"n\":1.50}\n"
                        + "{\"id\":2,\"title\":\"é\",\"score\":\"NaN\",\"tags\":null,\"raw\":null,\"ok\":null,\"n\":null}\n");
        assertThat(export("COPY (SELECT id FROM doc ORDER BY id) TO STDOUT (FORMAT json)"))
                .isEqualTo("[\n{\"id\":1},\n{\"id\":2}\n]\n");
        assertThat(export("COPY (SELECT id FROM doc WHERE false) TO STDOUT (FORMAT json)")).isEqualTo("[]\n");
    }

    @Test
    void importMapsKeysByNameWithDefaultsForMissingKeys() {
        StatementResult r = load("COPY doc FROM STDIN (FORMAT jsonlines)",
                "{\"title\": \"x\", \"id\": 1, \"tags\": [\"a\"], \"raw\": {\"k\":1}, \"n\": 2.50}\n"
                        + "{\"id\": 2, \"title\": \"y\", \"score\": 3, \"ok\": false, \"tags\": null}\n\n");
        assertThat(r.commandTag()).isEqualTo("COPY 2");
        assertThat(t.rows("SELECT * FROM doc ORDER BY id")).containsExactly("1|x|NULL|[\"a\"]|{\"k\":1}|t|2.50",
                "2|y|3|NULL|NULL|f|NULL");
        r = load("COPY doc (id, title) FROM STDIN (FORMAT json)", "[{\"id\": 3, \"title\": \"z\"}]");
        assertThat(r.commandTag()).isEqualTo("COPY 1");
        // a JSON null in a jsonb column reads as SQL NULL (the export writes both as null)
        load("COPY doc FROM STDIN (FORMAT json)", "[{\"id\": 4, \"title\": \"n\", \"tags\": null}]");
        assertThat(t.value("SELECT tags IS NULL FROM doc WHERE id = 4")).isEqualTo("t");
    }

    @Test
    void unknownKeysBadValuesAndMalformedJsonAreErrors() {
        List<String> before = t.rows("SELECT * FROM doc");
        SqlException e = error(() -> load("COPY doc FROM STDIN (FORMAT jsonlines)",
                "{\"id\": 1, \"title\": \"x\"}\n{\"id\": 2, \"title\": \"y\", \"colour\": \"red\"}\n"));
        assertThat(e.sqlState()).isEqualTo("22P04");
        assertThat(e.getMessage()).contains("key \"colour\"");
        assertThat(e.detail()).contains("record 2 (line 2)");
        e = error(() -> load("COPY doc FROM STDIN (FORMAT json)", "[{\"id\": 1, \"title\": \"x\"},\n"
                + "{\"id\": \"two\", \"title\": \"y\"}]"));
        assertThat(e.sqlState()).isEqualTo("22P02");
        assertThat(e.getMessage()).isEqualTo("invalid input syntax for type integer: \"two\"");
        assertThat(e.detail()).contains("COPY doc, record 2 (line 2), column id: \"two\"");
        e = error(() -> load("COPY doc FROM STDIN (FORMAT json)", "[{\"id\": 1, \"title\": \"x\"},\n{\"id\": 2 \"title\"}]"));
        assertThat(e.sqlState()).isEqualTo("22P02");
        assertThat(e.detail()).contains("record 2 (line 2)").contains("column");
        e = error(() -> load("COPY doc FROM STDIN (FORMAT json)", "[{\"id\": 1}]"));
        assertThat(e.sqlState()).isEqualTo("23502");
        assertThat(t.rows("SELECT * FROM doc")).isEqualTo(before);

        StatementResult r = load("COPY doc FROM STDIN (FORMAT jsonlines, ON_ERROR ignore)",
                "{\"id\": 1, \"title\": \"x\"}\n{\"id\": 2, \"title\": \"y\", \"colour\": \"red\"}\n"
                        + "{\"id\": \"three\", \"title\": \"z\"}\n{\"id\": 4, \"title\": \"w\"}\n");
        assertThat(r.commandTag()).isEqualTo("COPY 2");
        assertThat(r.notices()).last().isEqualTo("2 rows were skipped due to data type incompatibility");
    }
}
