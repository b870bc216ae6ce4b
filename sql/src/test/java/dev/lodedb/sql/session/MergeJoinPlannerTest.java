package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner's use of input order, asserted from EXPLAIN on analyzed tables of known sizes: a
 * join of two inputs in primary-key order on their keys is a merge join and a GROUP BY on a
 * primary-key prefix a group aggregate, both keeping the order so that an ORDER BY on the keys
 * sorts nothing; joins and groupings whose inputs would need a sort stay hash joins and hash
 * aggregates; the {@code enable_*} settings force either.
 */
class MergeJoinPlannerTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
        t.exec("SET auto_analyze = off");
        // orders o (20,000) and their lines l (80,000, four per order, keyed by (oid, n)), suppliers s (100)
        t.exec("CREATE TABLE o (id int PRIMARY KEY, c int, v int);"
                + "CREATE TABLE l (oid int, n int, q int, PRIMARY KEY (oid, n));"
                + "CREATE TABLE s (id int PRIMARY KEY, name text)");
        t.exec("INSERT INTO o SELECT i, i % 100, i % 7 FROM generate_series(1, 20000) i;"
                + "INSERT INTO l SELECT i / 4, i % 4, i % 13 FROM generate_series(4, 80003) i;"
                + "INSERT INTO s SELECT i, 's' || i FROM generate_series(1, 100) i; ANALYZE");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private String plan(String sql) {
        return String.join("\n", t.rows("EXPLAIN (COSTS OFF) " + sql));
    }

    @Test
    void twoInputsInKeyOrderMergeWithoutSorting() {
        String q = "SELECT count(*), sum(l.q + o.v) FROM o JOIN l ON o.id = l.oid";
        assertThat(plan(q)).contains("Merge Join").containsPattern("Merge Cond: \\((oid = id|id = oid)\\)")
                .doesNotContain("Sort", "Hash");
        String sum = t.value(q);
        t.exec("SET enable_mergejoin = off");
        // four lines per order: probing l's primary key per order costs about what hashing l does
        assertThat(plan(q)).containsPattern("Hash Join|Nested Loop").doesNotContain("Merge");
        assertThat(t.value(q)).isEqualTo(sum);
    }

    @Test
    void aJoinWhoseInputsNeedSortingStaysAHashJoin() {
        // o is not in the order of o.c: sorting 20,000 rows costs more than hashing 100
        String q = "SELECT count(*) FROM o JOIN s ON o.c = s.id";
        assertThat(plan(q)).contains("Hash Join").doesNotContain("Merge");
        // neither in order: l.q and o.v
        assertThat(plan("SELECT count(*) FROM l JOIN o ON l.q = o.v")).contains("Hash Join").doesNotContain("Merge");
        String count = t.value(q);
        // without hash and nested-loop joins the merge join sorts the unordered input, as PostgreSQL's does
        t.exec("SET enable_hashjoin = off; SET enable_nestloop = off");
        assertThat(plan(q)).contains("Merge Join", "Sort").doesNotContain("Hash");
        assertThat(t.value(q)).isEqualTo(count);
    }

    @Test
    void outerJoinsMergeToo() {
        String left = "SELECT o.id, l.n FROM o LEFT JOIN l ON o.id = l.oid AND l.q > 11";
        // l.q > 11 reads only the nullable side: it filters the scan of l, not the pairs
        assertThat(plan(left)).contains("Merge Left Join", "Merge Cond: (id = oid)").doesNotContain("Join Filter");
        // an order has at most one line with q = 12 (four consecutive values of i % 13): one row per order
        assertThat(t.value("SELECT count(*) FROM (" + left + ") x")).isEqualTo("20000");
        assertThat(t.value("SELECT count(x.n) FROM (" + left + ") x")).isEqualTo("6154");
        String full = "SELECT count(*) FROM (SELECT * FROM o WHERE id > 19990) o FULL JOIN l ON o.id = l.oid";
        assertThat(plan(full)).contains("Merge Full Join");
        // 80,000 lines, each matched or not, and no order without lines
        assertThat(t.value(full)).isEqualTo("80000");
    }

    @Test
    void aGroupByOnAKeyPrefixStreamsAndKeepsTheOrder() {
        String q = "SELECT oid, count(*), sum(q) FROM l GROUP BY oid ORDER BY oid";
        String p = plan(q);
        assertThat(p).contains("GroupAggregate", "Group Key: oid").doesNotContain("Sort", "HashAggregate");
        assertThat(t.rows(q + " LIMIT 3")).containsExactly("1|4|22", "2|4|38", "3|4|15");
        // after a merge join on the same key: neither a hash table nor a sort
        String joined = "SELECT o.id, sum(l.q) FROM o JOIN l ON o.id = l.oid GROUP BY o.id ORDER BY o.id LIMIT 3";
        assertThat(plan(joined)).contains("Merge Join", "GroupAggregate").doesNotContain("Sort", "Hash");
        assertThat(t.rows(joined)).containsExactly("1|22", "2|38", "3|15");
        // a descending order is not one the scan gives: sorted after the aggregate
        assertThat(plan("SELECT oid, count(*) FROM l GROUP BY oid ORDER BY oid DESC"))
                .contains("Sort", "GroupAggregate");
        // groups longer than a chunk (1,024 rows), starting and ending inside chunks
        t.exec("CREATE TABLE big (g int, i int, PRIMARY KEY (g, i));"
                + "INSERT INTO big SELECT i / 1500, i FROM generate_series(1000, 5999) i; ANALYZE big");
        String big = "SELECT g, count(*), min(i), max(i) FROM big GROUP BY g";
        assertThat(plan(big)).contains("GroupAggregate");
        assertThat(t.rows(big)).containsExactly("0|500|1000|1499", "1|1500|1500|2999", "2|1500|3000|4499",
                "3|1500|4500|5999");
    }

    @Test
    void aGroupByOnUnorderedInputStaysAHashAggregate() {
        String q = "SELECT c, count(*) FROM o GROUP BY c";
        assertThat(plan(q)).contains("HashAggregate").doesNotContain("GroupAggregate");
        String counts = String.join(",", t.rows(q + " ORDER BY c"));
        t.exec("SET enable_hashagg = off");
        assertThat(plan(q)).contains("GroupAggregate", "Sort").doesNotContain("HashAggregate");
        assertThat(String.join(",", t.rows(q + " ORDER BY c"))).isEqualTo(counts);
        // an ORDER BY on the key then needs no second sort
        assertThat(plan(q + " ORDER BY c").split("Sort", -1)).hasSize(2);
    }

    @Test
    void explainAnalyzeCountsTheRowsOfBoth() {
        String text = String.join("\n", t.rows("EXPLAIN ANALYZE SELECT o.id, count(*) FROM o JOIN l ON o.id = l.oid"
                + " GROUP BY o.id"));
        assertThat(text).containsPattern("GroupAggregate  \\(cost=.*\\(actual time=.* rows=20000 loops=1\\)")
                .containsPattern("Merge Join  \\(cost=.*\\(actual time=.* rows=80000 loops=1\\)")
                .containsPattern("Seq Scan on l .* rows=80000 loops=1")
                .contains("Group Key: id", "Memory: ");
    }
}
