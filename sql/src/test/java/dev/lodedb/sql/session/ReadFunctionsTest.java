package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.SqlException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * read_csv and read_json: schema inference, options, errors, and the real example files under
 * {@code examples/} (expected values computed independently with Python from the same files).
 */
class ReadFunctionsTest {
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

    /** @return {@code examples/...} of the repository, relative to the working directory (the module) */
    static Path example(String name) {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("examples"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new AssertionError("no examples/ above " + Path.of("").toAbsolutePath());
        }
        return Path.of("").toAbsolutePath().relativize(root.resolve("examples").resolve(name));
    }

    private Path file(String name, String content) {
        Path p = dir.resolve(name);
        try {
            Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static SqlException error(Runnable r) {
        try {
            r.run();
        } catch (SqlException e) {
            return e;
        }
        throw new AssertionError("no error");
    }

    private static String shown(SqlException e) {
        return e.getMessage() + "\n" + e.detail();
    }

    private List<String> describe(String from) {
        t.exec("CREATE TABLE described AS SELECT * FROM " + from + " LIMIT 0");
        List<String> out = new ArrayList<>();
        for (var c : t.db.catalog().table("public", "described").columns()) {
            out.add(c.name() + " " + c.type());
        }
        t.exec("DROP TABLE described");
        return out;
    }

    @Test
    void citiesLoadWithCreateTableAs() {
        Path cities = example("cities/cities.json.gz");
        assertThat(cities.isAbsolute()).as("a path relative to the working directory").isFalse();
        List<long[]> progress = new ArrayList<>();
        t.session.setImportProgress((rows, read, total) -> progress.add(new long[] {rows, read, total}));
        long t0 = System.nanoTime();
        assertThat(t.exec("CREATE TABLE city AS SELECT * FROM read_json('" + cities + "')")).isEqualTo(135_233);
        System.out.printf("cities: CREATE TABLE AS read_json of 135,233 records took %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
        t.session.setImportProgress(null);
        long[] last = progress.get(progress.size() - 1);
        assertThat(last[0]).isEqualTo(135_233);
        assertThat(last[1]).isEqualTo(last[2]).isEqualTo(3_612_335);
        List<String> cols = new ArrayList<>();
        t.db.catalog().table("public", "city").columns().forEach(c -> cols.add(c.name() + " " + c.type()));
        assertThat(cols).containsExactly("cityId bigint", "name text", "altName text", "country text",
                "featureCode text", "adminCode text", "population bigint", "loc jsonb", "muni text", "muniSub text");
        assertThat(t.value("SELECT count(*) FROM city")).isEqualTo("135233");
        assertThat(t.value("SELECT sum(population) FROM city")).isEqualTo("3133032118");
        assertThat(t.value("SELECT count(*) FROM city WHERE country = 'NO'")).isEqualTo("540");
        assertThat(t.value("SELECT name FROM city WHERE country = 'NO' ORDER BY population DESC LIMIT 1"))
                .isEqualTo("Oslo");
        assertThat(t.value("SELECT \"cityId\" || ' ' || population || ' ' || (loc->>'type') FROM city "
                + "ORDER BY population DESC LIMIT 1")).isEqualTo("1796236 22315474 Point");
        assertThat(t.value("SELECT round(sum((loc->'coordinates'->>1)::numeric), 5) FROM city WHERE country = 'NO'"))
                .isEqualTo("33528.12132");
        assertThat(t.value("SELECT count(muni) || ' ' || count(\"muniSub\") || ' ' || count(DISTINCT country) "
                + "FROM city")).isEqualTo("65590 19201 246");
        assertThat(t.value("SELECT count(*) FROM city WHERE \"altName\" <> ''")).isEqualTo("76");
    }

    @Test
    void countriesAreNestedDocuments() {
        Path countries = example("countries/countries.json");
        assertThat(t.value("SELECT count(*) FROM read_json('" + countries + "')")).isEqualTo("250");
        assertThat(describe("read_json('" + countries + "')")).startsWith("name jsonb", "tld jsonb", "cca2 text",
                "ccn3 text", "cca3 text", "cioc text", "independent boolean").contains("area double precision",
                "landlocked boolean", "latlng jsonb", "borders jsonb", "demonyms jsonb").hasSize(24);
        assertThat(t.value("SELECT name->>'common' || '|' || (capital->>0) || '|' || area || '|' || borders "
                + "FROM read_json('" + countries + "') WHERE cca2 = 'NO'"))
                .isEqualTo("Norway|Oslo|323802|[\"FIN\", \"SWE\", \"RUS\"]");
        assertThat(t.value("SELECT count(*) FROM read_json('" + countries + "') WHERE independent IS NULL"))
                .isEqualTo("1");
        assertThat(t.value("SELECT count(*) FILTER (WHERE landlocked) || ' ' || round(sum(area)::numeric, 2) "
                + "FROM read_json('" + countries + "')")).isEqualTo("45 150084801.66");
    }

    @Test
    void csvTypesAreInferredFromTheSample() {
        Path csv = file("types.csv", "flag,n,x,day,at,atz,id,zip,word,nothing,mixed\n"
                + "true,1,1.5,2024-01-02,2024-01-02 03:04:05,2024-01-02T03:04:05Z,"
                + "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,0123,hello,,1\n"
                + "FALSE,-20,2,2024-12-31,2024-12-31T23:59,2024-12-31 23:59:00+05:30,"
                + "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12,0456,\"a, b\",,x\n");
        assertThat(describe("read_csv('" + csv + "')")).containsExactly("flag boolean", "n bigint",
                "x double precision", "day date", "at timestamp without time zone", "atz timestamp with time zone",
                "id uuid", "zip text", "word text", "nothing text", "mixed text");
        assertThat(t.rows("SELECT flag, n, x, day, at, atz, zip, word, nothing IS NULL FROM read_csv('" + csv + "')"))
                .containsExactly("t|1|1.5|2024-01-02|2024-01-02 03:04:05|2024-01-02 03:04:05+00|0123|hello|t",
                        "f|-20|2|2024-12-31|2024-12-31 23:59:00|2024-12-31 18:29:00+00|0456|a, b|t");
    }

    @Test
    void csvHeaderDelimiterAndNullOptions() {
        Path noHeader = file("nh.csv", "1,2.5,x\n2,3,\"\"\n3,,y\n");
        assertThat(describe("read_csv('" + noHeader + "')")).containsExactly("column0 bigint",
                "column1 double precision", "column2 text");
        assertThat(t.rows("SELECT column0, column1, column2, column2 IS NULL FROM read_csv('" + noHeader + "')"))
                .containsExactly("1|2.5|x|f", "2|3||f", "3|NULL|y|f");
        Path semi = file("semi.csv", "a;b\n1;x,y\n2;z\n");
        assertThat(t.rows("SELECT a, b FROM read_csv('" + semi + "')")).containsExactly("1|x,y", "2|z");
        Path tabs = file("tabs.tsv", "a\tb\n1\tNA\n2\tq\n");
        assertThat(t.rows("SELECT a, b IS NULL FROM read_csv('" + tabs + "', nullstr => 'NA')"))
                .containsExactly("1|t", "2|f");
        assertThat(t.rows("SELECT * FROM read_csv('" + semi + "', header => false, delim => ';')"))
                .containsExactly("a|b", "1|x,y", "2|z");
        Path esc = file("esc.csv", "a,b\n1,\"say \\\"hi\\\"\"\n");
        assertThat(t.value("SELECT b FROM read_csv('" + esc + "', escape => '\\')")).isEqualTo("say \"hi\"");
        assertThat(t.rows("SELECT * FROM read_csv('" + semi + "', columns => '{\"k\": \"int\", \"v\": \"varchar(3)\"}')"))
                .containsExactly("1|x,y", "2|z");
    }

    @Test
    void aLaterValueThatDoesNotFitIsAnErrorNamingFileLineColumnAndValue() {
        StringBuilder sb = new StringBuilder("id,score\n");
        for (int i = 1; i <= 50; i++) {
            sb.append(i).append(',').append(i * 2).append('\n');
        }
        sb.append("51,lots\n52,7\n");
        Path csv = file("late.csv", sb.toString());
        SqlException e = error(() -> t.rows("SELECT sum(score) FROM read_csv('" + csv + "', sample_size => 10)"));
        assertThat(e.sqlState()).isEqualTo("22P02");
        assertThat(shown(e)).contains("invalid input syntax for type bigint: \"lots\"").contains("late.csv")
                .contains("line 52").contains("column score");
        assertThat(t.value("SELECT count(*) FROM read_csv('" + csv + "', sample_size => -1)")).isEqualTo("52");
        assertThat(describe("read_csv('" + csv + "', sample_size => -1)")).containsExactly("id bigint", "score text");
        assertThat(t.value("SELECT sum(score) FROM read_csv('" + csv + "', sample_size => 10, ignore_errors => true)"))
                .isEqualTo(Long.toString(50 * 51 + 7));
        e = error(() -> t.rows("SELECT * FROM read_csv('" + dir.resolve("nope.csv") + "')"));
        assertThat(e.sqlState()).isEqualTo("58P01");
        e = error(() -> t.rows("SELECT * FROM read_csv('" + csv + "', bogus => 1)"));
        assertThat(e.sqlState()).isEqualTo("22023");
    }

    @Test
    void jsonLayoutsWideningAndErrors() throws IOException {
        Path nd = dir.resolve("data.ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(nd))) {
            out.write(("{\"a\": 1, \"b\": \"x\", \"c\": 1, \"d\": {\"k\": 1}}\n"
                    + "{\"a\": 2.5, \"b\": 3, \"e\": null, \"d\": \"s\"}\n"
                    + "  {\"a\": 3, \"b\": true, \"c\": 7, \"f\": \"2024-05-06\"}\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(describe("read_json('" + nd + "')")).containsExactly("a double precision", "b text", "c bigint",
                "d jsonb", "e text", "f date");
        assertThat(t.rows("SELECT * FROM read_json('" + nd + "')")).containsExactly(
                "1|x|1|{\"k\": 1}|NULL|NULL", "2.5|3|NULL|\"s\"|NULL|NULL", "3|true|7|NULL|NULL|2024-05-06");
        assertThat(t.value("SELECT count(*) FROM read_json('" + nd + "', format => 'newline_delimited')"))
                .isEqualTo("3");
        SqlException e = error(() -> t.rows("SELECT * FROM read_json('" + nd + "', format => 'array')"));
        assertThat(e.sqlState()).isEqualTo("22P02");

        Path late = file("late.json", "[{\"a\": 1}, {\"a\": 2},\n {\"a\": 3, \"zz\": 4}]");
        e = error(() -> t.rows("SELECT * FROM read_json('" + late + "', sample_size => 2)"));
        assertThat(e.sqlState()).isEqualTo("22P02");
        assertThat(shown(e)).contains("key \"zz\"").contains("late.json").contains("record 3 (line 2)");
        assertThat(e.hint()).contains("sample_size => -1");
        assertThat(t.rows("SELECT * FROM read_json('" + late + "', sample_size => -1)"))
                .containsExactly("1|NULL", "2|NULL", "3|4");

        Path broken = file("broken.json", "[{\"a\": 1},\n {\"a\": 2,, \"b\": 3}]");
        e = error(() -> t.rows("SELECT * FROM read_json('" + broken + "', sample_size => 1)"));
        assertThat(e.sqlState()).isEqualTo("22P02");
        assertThat(shown(e)).contains("broken.json").contains("record 2 (line 2)").contains("column");

        Path bad = file("bad.json", "[{\"n\": 1}, {\"n\": 2}, {\"n\": \"three\"}]");
        e = error(() -> t.rows("SELECT sum(n) FROM read_json('" + bad + "', sample_size => 2)"));
        assertThat(e.sqlState()).isEqualTo("22P02");
        assertThat(shown(e)).contains("invalid input syntax for type bigint: \"three\"")
                .contains("record 3 (line 1), column n");
        assertThat(t.value("SELECT sum(n) FROM read_json('" + bad + "', sample_size => 2, ignore_errors => true)"))
                .isEqualTo("3");

        Path scalars = file("scalars.json", "[1, \"two\", [3]]");
        assertThat(t.rows("SELECT json FROM read_json('" + scalars + "')")).containsExactly("1", "\"two\"", "[3]");
    }
}
