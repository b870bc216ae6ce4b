package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lodedb.engine.SqlException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EXPLAIN's options: ANALYZE with actual rows and loops per operator, memory and spills, FORMAT JSON, errors. */
class ExplainTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;

    @BeforeEach
    void open() {
        t = new SqlTestDatabase(dir.resolve("db"));
        t.exec("CREATE TABLE item (id int PRIMARY KEY, grp int, name text)");
        t.exec("INSERT INTO item SELECT g, g % 7, 'item ' || g FROM generate_series(1, 1000) g");
        t.exec("CREATE TABLE grp (id int PRIMARY KEY, label text)");
        t.exec("INSERT INTO grp SELECT g, 'group ' || g FROM generate_series(0, 6) g");
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void analyzeCountsTheRowsEveryOperatorReturned() {
        List<String> plan = t.rows("EXPLAIN ANALYZE SELECT g.label, count(*) FROM item i JOIN grp g ON g.id = i.grp"
                + " WHERE i.id <= 700 GROUP BY g.label ORDER BY g.label");
        String text = String.join("\n", plan);
        assertThat(plan.get(0)).matches("Sort  \\(cost=[0-9.]+\\.\\.[0-9.]+ rows=\\d+ width=\\d+\\) "
                + "\\(actual time=[0-9.]+\\.\\.[0-9.]+ rows=7 loops=1\\)");
        assertThat(text).containsPattern("Hash Join  .*rows=700 loops=1")
                .containsPattern("Primary Key Range Scan on item.*rows=700 loops=1")
                .containsPattern("Seq Scan on grp.*rows=7 loops=1")
                .containsPattern("HashAggregate.*rows=7 loops=1")
                .contains("Memory: ");
        assertThat(plan.get(plan.size() - 1)).matches("Execution Time: [0-9.]+ ms");
        // startup time never exceeds the total time
        for (String line : plan) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("actual time=([0-9.]+)\\.\\.([0-9.]+)").matcher(line);
            if (m.find()) {
                assertThat(Double.parseDouble(m.group(1))).as(line).isLessThanOrEqualTo(Double.parseDouble(m.group(2)));
            }
        }
    }

    @Test
    void timingOffLeavesRowsAndLoops() {
        List<String> plan = t.rows("EXPLAIN (ANALYZE, TIMING off) SELECT * FROM item WHERE id = 5");
        assertThat(plan.get(0)).endsWith("(actual rows=1 loops=1)");
        assertThat(String.join("\n", plan)).doesNotContain("actual time");
    }

    @Test
    void analyzeReportsSpillsOfASortBeyondTheBudget() {
        SqlTestDatabase small = new SqlTestDatabase(dir.resolve("small"), new SqlOptions(64 * 1024, dir, false));
        try {
            small.exec("CREATE TABLE big AS SELECT g AS id, 'row ' || g AS s FROM generate_series(1, 20000) g");
            String text = String.join("\n", small.rows("EXPLAIN ANALYZE SELECT id FROM big ORDER BY s DESC"));
            assertThat(text).containsPattern("Sort  \\(cost=.*\\) \\(actual time=.* rows=20000 loops=1\\)")
                    .containsPattern("Memory: \\d+ kB, spilled to \\d+ files");
        } finally {
            small.close();
        }
    }

    @Test
    void formatJsonIsPostgresLayout() throws Exception {
        String doc = t.value("EXPLAIN (ANALYZE, FORMAT JSON) SELECT grp, count(*) FROM item GROUP BY grp");
        JsonNode root = new ObjectMapper().readTree(doc);
        assertThat(root.isArray()).isTrue();
        JsonNode plan = root.get(0).get("Plan");
        assertThat(plan.get("Actual Rows").asLong()).isEqualTo(7);
        assertThat(plan.get("Actual Loops").asLong()).isEqualTo(1);
        JsonNode leaf = plan;
        while (leaf.has("Plans")) {
            leaf = leaf.get("Plans").get(0);
        }
        assertThat(leaf.get("Node Type").asText()).startsWith("Seq Scan on item");
        assertThat(leaf.get("Actual Rows").asLong()).isEqualTo(1000);
        assertThat(root.get(0).get("Execution Time").isNumber()).isTrue();
        // without ANALYZE: the plan only
        JsonNode plain = new ObjectMapper().readTree(t.value("EXPLAIN (FORMAT JSON) SELECT * FROM item WHERE id < 3"));
        assertThat(plain.get(0).get("Plan").has("Actual Rows")).isFalse();
        assertThat(plain.get(0).has("Execution Time")).isFalse();
    }

    @Test
    void badOptionsAndDataChangesAreRefused() {
        assertThatThrownBy(() -> t.rows("EXPLAIN (BOGUS) SELECT 1"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("42601"))
                .hasMessageContaining("unrecognized EXPLAIN option \"bogus\"");
        assertThatThrownBy(() -> t.rows("EXPLAIN (FORMAT xml) SELECT 1"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("0A000"));
        assertThatThrownBy(() -> t.rows("EXPLAIN (FORMAT csv) SELECT 1"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("22023"));
        assertThatThrownBy(() -> t.rows("EXPLAIN (ANALYZE maybe) SELECT 1"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("22023"));
        assertThatThrownBy(() -> t.rows("EXPLAIN ANALYZE DELETE FROM item"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("0A000"));
        assertThat(t.value("SELECT count(*) FROM item")).isEqualTo("1000");
        // EXPLAIN without ANALYZE of a DELETE shows its plan and changes nothing
        assertThat(t.rows("EXPLAIN DELETE FROM item WHERE id > 10").get(0)).isEqualTo("Delete on item");
        assertThat(t.value("SELECT count(*) FROM item")).isEqualTo("1000");
        // accepted options that change nothing yet
        assertThat(t.rows("EXPLAIN (VERBOSE, COSTS off, BUFFERS) SELECT * FROM item")).contains("->  Seq Scan on item");
    }
}
