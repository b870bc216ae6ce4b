package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.SqlException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access-path choice as EXPLAIN shows it: an index for a selective predicate, a sequential
 * scan for an unselective one or a tiny table, index-only scans when the index holds every column
 * read, partial and expression indexes, and the enable_* settings.
 */
class IndexPlannerTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
        t.exec("CREATE TABLE city (id int PRIMARY KEY, name text, country text, lat double precision,"
                + " lon double precision, population int)");
        t.exec("INSERT INTO city SELECT i, 'city' || i, 'c' || (i % 50), (i % 1800) / 10.0 - 90,"
                + " (i % 3600) / 10.0 - 180, i * 7 % 100000 FROM generate_series(1, 10000) i");
        t.exec("CREATE INDEX city_country ON city (country); CREATE INDEX city_lat_lon ON city (lat, lon);"
                + "CREATE INDEX city_big ON city (population) WHERE population > 90000;"
                + "CREATE INDEX city_lower ON city (lower(name))");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private String explain(String sql) {
        return String.join("\n", t.rows("EXPLAIN (COSTS OFF) " + sql));
    }

    @Test
    void selectivePredicatesUseAnIndexAndUnselectiveOnesScan() {
        assertThat(explain("SELECT name FROM city WHERE country = 'c7'")).isEqualTo(String.join("\n",
                "Project",
                "->  Index Scan using city_country on city",
                "      Index Cond: (country = 'c7'::text)"));
        assertThat(explain("SELECT name FROM city WHERE country > 'c7'")).contains("Seq Scan on city")
                .doesNotContain("Index");
        assertThat(explain("SELECT name FROM city WHERE country <> 'c7'")).doesNotContain("Index");
        // the demo: cities within a latitude/longitude box
        String box = "SELECT name FROM city WHERE lat BETWEEN 59.5 AND 60.5 AND lon BETWEEN -50 AND 50";
        assertThat(explain(box)).isEqualTo(String.join("\n",
                "Project",
                "->  Index Scan using city_lat_lon on city",
                "      Index Cond: ((lat >= 59.5) AND (lat <= 60.5))",
                "      Filter: ((lon >= -50) AND (lon <= 50))"));
        t.exec("SET enable_indexscan = off");
        List<String> scanned = t.rows(box);
        t.exec("RESET enable_indexscan");
        assertThat(t.rows(box)).containsExactlyInAnyOrderElementsOf(scanned).isNotEmpty();
        assertThat(explain("SELECT name FROM city WHERE lat = 60 AND lon > 10")).contains(
                "Index Cond: ((lat = 60) AND (lon > 10))");
        assertThat(explain("SELECT name FROM city WHERE lower(name) = 'city42'")).contains(
                "Index Scan using city_lower on city", "Index Cond: (lower(name) = 'city42'::text)");
        assertThat(explain("SELECT name FROM city WHERE country IN ('c1', 'c2')")).contains(
                "Index Cond: (country IN ('c1'::text, 'c2'::text))");
    }

    @Test
    void indexOnlyScansPartialIndexesAndThePrimaryKey() {
        assertThat(explain("SELECT count(*) FROM city WHERE country = 'c7'")).contains(
                "Index Only Scan using city_country on city");
        assertThat(explain("SELECT lat, lon, id FROM city WHERE lat = 10")).contains("Index Only Scan using city_lat_lon");
        assertThat(explain("SELECT id FROM city WHERE population > 90000")).contains(
                "Index Only Scan using city_big on city");
        assertThat(explain("SELECT name FROM city WHERE population > 90000 AND population < 90100")).contains(
                "Index Scan using city_big on city", "Index Cond: ((population > 90000) AND (population < 90100))");
        assertThat(explain("SELECT id FROM city WHERE population > 80000")).doesNotContain("city_big");
        assertThat(explain("SELECT name FROM city WHERE id = 5")).contains("Primary Key Lookup on city");
        assertThat(t.value("SELECT count(*) FROM city WHERE population > 90000")).isEqualTo(
                t.value("SELECT count(*) FROM city WHERE population + 0 > 90000"));
    }

    @Test
    void orderByLimitReadsInIndexOrder() {
        assertThat(explain("SELECT name FROM city ORDER BY lat, lon LIMIT 10")).isEqualTo(String.join("\n",
                "Limit",
                "->  Project",
                "  ->  Project",
                "    ->  Index Scan using city_lat_lon on city"));
        assertThat(explain("SELECT name FROM city WHERE country = 'c7' ORDER BY id LIMIT 3"))
                .contains("Index Scan using city_country on city").doesNotContain("Sort");
        assertThat(t.rows("SELECT id FROM city WHERE country = 'c7' ORDER BY id LIMIT 3"))
                .containsExactly("7", "57", "107");
        assertThat(explain("SELECT name FROM city ORDER BY lat DESC LIMIT 10")).contains("Sort", "Seq Scan");
        assertThat(explain("SELECT name FROM city ORDER BY lat, name LIMIT 10")).contains("Sort");
        assertThat(explain("SELECT name FROM city ORDER BY lat")).contains("Sort");
        t.exec("SET enable_indexscan = off");
        List<String> sorted = t.rows("SELECT id, lat, lon FROM city ORDER BY lat, lon, id LIMIT 20 OFFSET 5");
        t.exec("RESET enable_indexscan");
        assertThat(t.rows("SELECT id, lat, lon FROM city ORDER BY lat, lon, id LIMIT 20 OFFSET 5")).isEqualTo(sorted);
    }

    @Test
    void tinyTablesAreScanned() {
        t.exec("CREATE TABLE few (a int, b int); CREATE INDEX few_a ON few (a); INSERT INTO few VALUES (1, 1), (2, 2)");
        assertThat(explain("SELECT b FROM few WHERE a = 1")).contains("Seq Scan on few");
        t.exec("SET enable_seqscan = off");
        assertThat(explain("SELECT b FROM few WHERE a = 1")).contains("Index Scan using few_a on few");
        assertThat(explain("SELECT b FROM few WHERE b = 1")).contains("Index Scan using few_a on few")
                .doesNotContain("Index Cond");
        assertThat(t.rows("SELECT b FROM few WHERE b = 1")).containsExactly("1");
    }

    @Test
    void settingsSteerThePlanAndArePostgresqlBooleans() {
        t.exec("SET enable_indexscan = false");
        assertThat(explain("SELECT name FROM city WHERE country = 'c7'")).contains("Seq Scan");
        assertThat(explain("SELECT name FROM city WHERE id = 5")).contains("Seq Scan");
        t.exec("SET enable_indexscan = on; SET enable_indexonlyscan = off");
        assertThat(explain("SELECT count(*) FROM city WHERE country = 'c7'")).contains("Index Scan using city_country")
                .doesNotContain("Only");
        assertThat(t.value("SHOW enable_indexonlyscan")).isEqualTo("off");
        t.exec("SET enable_seqscan TO 0; SET enable_indexscan = off");
        assertThat(explain("SELECT name FROM city WHERE country = 'c7'")).contains("Index");
        SqlException e = null;
        try {
            t.exec("SET enable_seqscan = maybe");
        } catch (SqlException x) {
            e = x;
        }
        assertThat(e).isNotNull();
        assertThat(e.sqlState()).isEqualTo("22023");
        // a prepared statement is planned again after a change of the settings
        t.exec("RESET enable_seqscan; RESET enable_indexscan; RESET enable_indexonlyscan");
        PreparedSql p = t.session.prepare("EXPLAIN SELECT name FROM city WHERE country = 'c7'");
        assertThat(lines(p)).contains("Index Scan using city_country on city");
        t.exec("SET enable_indexscan = off");
        assertThat(lines(p)).contains("Seq Scan on city");
    }

    private String lines(PreparedSql p) {
        StringBuilder sb = new StringBuilder();
        try (StatementResult r = t.session.execute(p, List.of())) {
            dev.lodedb.sql.exec.DataChunk c;
            while ((c = r.next()) != null) {
                for (int k = 0; k < c.size(); k++) {
                    sb.append(c.rowValues(k)[0]).append('\n');
                }
            }
        }
        return sb.toString();
    }

    @Test
    void dmlFindsItsRowsThroughIndexes() {
        assertThat(explain("UPDATE city SET population = 0 WHERE country = 'c3'")).contains(
                "Index Scan using city_country on city");
        assertThat(t.exec("UPDATE city SET population = 0 WHERE country = 'c3'")).isEqualTo(200);
        assertThat(explain("DELETE FROM city WHERE lower(name) = 'city3'")).contains("Index Scan using city_lower");
        assertThat(t.exec("DELETE FROM city WHERE lower(name) = 'city3'")).isEqualTo(1);
        IndexTestSupport.assertConsistent(t.db);
    }
}
