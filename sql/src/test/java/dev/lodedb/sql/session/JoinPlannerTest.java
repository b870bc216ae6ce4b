package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The join planner asserted from EXPLAIN (COSTS OFF) on analyzed tables of known sizes: the join
 * order follows the tables' sizes (dynamic programming, or the greedy order beyond {@code
 * geqo_threshold}, or the written order under {@code join_collapse_limit = 1}), an index
 * nested-loop join probes an index or the primary key for a selective outer side, and the
 * {@code enable_*} settings force the alternatives.
 */
class JoinPlannerTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
        // explicit ANALYZEs only (a background re-analyze still writing at close fails the close)
        t.exec("SET auto_analyze = off");
        // a star: fact f (20,000 rows) with dimensions d1 (10), d2 (100), d3 (1,000), keyed by primary keys
        t.exec("CREATE TABLE d1 (id int PRIMARY KEY, name text); CREATE TABLE d2 (id int PRIMARY KEY, name text);"
                + "CREATE TABLE d3 (id int PRIMARY KEY, name text);"
                + "CREATE TABLE f (id int PRIMARY KEY, a int, b int, c int, v int)");
        t.exec("INSERT INTO d1 SELECT i, 'a' || i FROM generate_series(1, 10) i;"
                + "INSERT INTO d2 SELECT i, 'b' || i FROM generate_series(1, 100) i;"
                + "INSERT INTO d3 SELECT i, 'c' || i FROM generate_series(1, 1000) i;"
                + "INSERT INTO f SELECT i, 1 + i % 10, 1 + i % 100, 1 + i % 1000, i % 7 FROM generate_series(1, 20000) i");
        t.exec("ANALYZE");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private List<String> plan(String sql) {
        return t.rows("EXPLAIN (COSTS OFF) " + sql);
    }

    /** @return the tables in the order their scans appear in the plan (depth first, left first) */
    private List<String> scanOrder(List<String> plan) {
        List<String> out = new ArrayList<>();
        for (String line : plan) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(" on (\\w+)").matcher(line);
            if ((line.contains("Scan") || line.contains("Lookup")) && m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    @Test
    void theBuildSidesAreTheSmallTablesAndFlipWithTheirSizes() {
        String q = "SELECT count(*) FROM f JOIN d2 ON f.b = d2.id JOIN d3 ON f.c = d3.id WHERE d2.name <> 'x'";
        // every dimension is smaller than f: f probes, the dimensions build
        List<String> p = plan(q);
        assertThat(p).noneMatch(l -> l.contains("Nested Loop"));
        assertThat(scanOrder(p).get(0)).isEqualTo("f");
        // d3 grows past f: now f builds a hash table and d3 probes it
        t.exec("INSERT INTO d3 SELECT i, 'c' || i FROM generate_series(1001, 60000) i; ANALYZE d3");
        List<String> probed = plan(q);
        // 19,800 probes of d3's primary key are cheaper than hashing f ⋈ d2 and probing with all of d3
        assertThat(probed.get(probed.size() - 1)).contains("Primary Key Lookup on d3");
        t.exec("SET enable_nestloop = off");
        List<String> flipped = plan(q);
        assertThat(scanOrder(flipped).get(0)).isEqualTo("d3");
        assertThat(t.value(q)).isEqualTo(t.value("SELECT count(*) FROM f WHERE c <= 1000"));
    }

    @Test
    void aSelectiveOuterSideProbesThePrimaryKeyOrAnIndex() {
        // 10 rows of f probe d3's primary key instead of hashing all of d3
        List<String> p = plan("SELECT * FROM f JOIN d3 ON f.c = d3.id WHERE f.id <= 10");
        assertThat(String.join("\n", p)).contains("Nested Loop");
        assertThat(p.get(p.size() - 1)).contains("Primary Key Lookup on d3");
        // an index on the fact's join column: one dimension row probes it
        t.exec("CREATE INDEX f_c ON f (c); ANALYZE f");
        List<String> q = plan("SELECT * FROM d3 JOIN f ON f.c = d3.id WHERE d3.name = 'c7'");
        String text = String.join("\n", q);
        assertThat(text).contains("Nested Loop", "Index Scan using f_c on f", "Index Cond: (c = id)");
        assertThat(t.value("SELECT count(*) FROM d3 JOIN f ON f.c = d3.id WHERE d3.name = 'c7'")).isEqualTo("20");
        // disabled: the hash join comes back
        t.exec("SET enable_nestloop = off");
        assertThat(String.join("\n", plan("SELECT * FROM d3 JOIN f ON f.c = d3.id WHERE d3.name = 'c7'")))
                .contains("Hash Join").doesNotContain("Nested Loop");
        t.exec("RESET enable_nestloop; SET enable_hashjoin = off; SET enable_mergejoin = off");
        // a large outer side still probes when hashing (and merging, which sorts f) is disabled
        assertThat(String.join("\n", plan("SELECT * FROM f JOIN d3 ON f.c = d3.id"))).contains("Nested Loop")
                .doesNotContain("Hash Join");
    }

    @Test
    void leftSemiAndAntiJoinsProbeToo() {
        String p = String.join("\n", plan("SELECT * FROM (SELECT * FROM f WHERE id < 5) f LEFT JOIN d3 ON f.c = d3.id"));
        assertThat(p).contains("Nested Loop Left Join", "Primary Key Lookup on d3");
        assertThat(t.rows("SELECT f.id, d3.name FROM (SELECT * FROM f WHERE id < 4) f LEFT JOIN d3 ON f.c = d3.id AND d3.id <> 3"
                + " ORDER BY 1")).containsExactly("1|c2", "2|NULL", "3|c4");
        // EXISTS and NOT EXISTS, decorrelated into semi and anti joins
        String semi = "SELECT f.id FROM (SELECT * FROM f WHERE id < 5) f WHERE f.c + 997 IN (SELECT id FROM d3)";
        assertThat(String.join("\n", plan(semi))).contains("Nested Loop Semi Join", "Primary Key Lookup on d3");
        assertThat(t.rows(semi + " ORDER BY 1")).containsExactly("1", "2");
        // a large outer side keeps the hash anti join unless hashing is disabled
        String anti = "SELECT count(*) FROM f WHERE NOT EXISTS (SELECT 1 FROM d3 WHERE d3.id = f.c + 997)";
        assertThat(String.join("\n", plan(anti))).contains("Hash Anti Join");
        t.exec("SET enable_hashjoin = off");
        assertThat(String.join("\n", plan(anti))).contains("Nested Loop Anti Join", "Primary Key Lookup on d3");
        assertThat(t.value(anti)).isEqualTo("19940");

    }

    @Test
    void theJoinOrderSettingsSteer() {
        String q = "SELECT count(*) FROM f, d1, d2 WHERE f.a = d1.id AND f.b = d2.id";
        // written order: d1 first, then d2 although d1 and d2 share no condition (a cross product)
        t.exec("SET join_collapse_limit = 1");
        List<String> written = plan("SELECT count(*) FROM d1, d2, f WHERE f.a = d1.id AND f.b = d2.id");
        assertThat(scanOrder(written)).containsExactly("d1", "d2", "f");
        assertThat(t.value("SELECT count(*) FROM d1, d2, f WHERE f.a = d1.id AND f.b = d2.id")).isEqualTo("20000");
        t.exec("RESET join_collapse_limit");
        assertThat(scanOrder(plan(q)).get(0)).isEqualTo("f");
        // greedy beyond geqo_threshold: the same answer
        t.exec("SET geqo_threshold = 2");
        assertThat(t.value(q)).isEqualTo("20000");
        assertThat(t.value("SHOW geqo_threshold")).isEqualTo("2");
        t.exec("RESET geqo_threshold");
        assertThat(t.value("SHOW join_collapse_limit")).isEqualTo("8");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.exec("SET join_collapse_limit = 0"))
                .hasMessageContaining("outside the valid range");
    }

    @Test
    void manyRelationsAreOrderedWithoutCrossProducts() {
        // a chain of 10 tables: dynamic programming joins neighbours only
        StringBuilder from = new StringBuilder("SELECT count(*) FROM c0");
        for (int i = 0; i < 10; i++) {
            t.exec("CREATE TABLE c" + i + " (k int, n int); INSERT INTO c" + i
                    + " SELECT g, g % " + (5 + i) + " FROM generate_series(1, " + (50 * (i + 1)) + ") g");
            if (i > 0) {
                from.append(" JOIN c").append(i).append(" ON c").append(i - 1).append(".k = c").append(i).append(".k");
            }
        }
        t.exec("ANALYZE");
        String text = String.join("\n", plan(from.toString()));
        assertThat(text).doesNotContain("Nested Loop");
        assertThat(t.value(from.toString())).isEqualTo("50");
    }
}
