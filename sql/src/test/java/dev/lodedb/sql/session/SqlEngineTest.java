package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end SQL through the session API on a file-backed store: DDL, DML, queries, errors. */
class SqlEngineTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
        t.exec("CREATE TABLE emp (id int PRIMARY KEY, name text NOT NULL, dept text, salary numeric(10,2), hired date);"
                + "INSERT INTO emp VALUES (1, 'ann', 'eng', 120.50, '2020-01-15'), (2, 'bob', 'eng', 99.00, '2021-03-01'),"
                + " (3, 'cy', 'ops', 80.25, '2019-07-30'), (4, 'di', NULL, NULL, NULL);"
                + "CREATE TABLE dept (name text PRIMARY KEY, floor int);"
                + "INSERT INTO dept VALUES ('eng', 3), ('ops', 1), ('hr', 2)");
    }

    @AfterEach
    void tearDown() {
        t.close();
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
    void selectsFiltersAndOrders() {
        assertThat(t.rows("SELECT name, salary FROM emp WHERE salary > 90 ORDER BY salary DESC"))
                .containsExactly("ann|120.50", "bob|99.00");
        assertThat(t.rows("SELECT name FROM emp ORDER BY dept NULLS FIRST, name")).containsExactly("di", "ann", "bob", "cy");
        assertThat(t.rows("SELECT name FROM emp ORDER BY id LIMIT 2 OFFSET 1")).containsExactly("bob", "cy");
        assertThat(t.value("SELECT count(*) FROM emp WHERE dept IS NULL")).isEqualTo("1");
        assertThat(t.rows("SELECT DISTINCT dept FROM emp ORDER BY 1")).containsExactly("eng", "ops", "NULL");
    }

    @Test
    void aggregatesGroupAndHave() {
        assertThat(t.rows("SELECT dept, count(*), sum(salary), avg(salary), min(name), max(hired) FROM emp "
                + "GROUP BY dept HAVING count(*) > 0 ORDER BY dept"))
                .containsExactly("eng|2|219.50|109.7500000000000000|ann|2021-03-01",
                        "ops|1|80.25|80.2500000000000000|cy|2019-07-30", "NULL|1|NULL|NULL|di|NULL");
        assertThat(t.value("SELECT count(DISTINCT dept) FROM emp")).isEqualTo("2");
        assertThat(t.value("SELECT string_agg(name, ',' ORDER BY name DESC) FROM emp")).isEqualTo("di,cy,bob,ann");
        assertThat(t.value("SELECT count(*) FILTER (WHERE salary > 90) FROM emp")).isEqualTo("2");
        assertThat(t.value("SELECT sum(id) FROM emp WHERE false")).isEqualTo("NULL");
        SqlException e = error(() -> t.rows("SELECT name, count(*) FROM emp"));
        assertThat(e.sqlState()).isEqualTo("42803");
        assertThat(e.getMessage()).contains("must appear in the GROUP BY clause");
    }

    @Test
    void joinsOfEveryKind() {
        assertThat(t.rows("SELECT e.name, d.floor FROM emp e JOIN dept d ON e.dept = d.name ORDER BY 1"))
                .containsExactly("ann|3", "bob|3", "cy|1");
        assertThat(t.rows("SELECT e.name, d.floor FROM emp e LEFT JOIN dept d ON e.dept = d.name ORDER BY 1"))
                .containsExactly("ann|3", "bob|3", "cy|1", "di|NULL");
        // unmatched rows with a non-NULL key are padded with NULLs, not with the probe key
        assertThat(t.rows("SELECT d.name, count(e.id), min(e.dept) FROM dept d LEFT JOIN emp e ON e.dept = d.name"
                + " AND e.salary > 100 GROUP BY d.name ORDER BY 1")).containsExactly("eng|1|eng", "hr|0|NULL", "ops|0|NULL");
        assertThat(t.rows("SELECT e.name, d.name FROM emp e RIGHT JOIN dept d ON e.dept = d.name ORDER BY 2, 1"))
                .containsExactly("ann|eng", "bob|eng", "NULL|hr", "cy|ops");
        assertThat(t.rows("SELECT e.name, d.name FROM emp e FULL JOIN dept d ON e.dept = d.name ORDER BY 1, 2"))
                .containsExactly("ann|eng", "bob|eng", "cy|ops", "di|NULL", "NULL|hr");
        assertThat(t.rows("SELECT emp.name, floor FROM emp, dept WHERE dept = dept.name AND floor < 3 ORDER BY 1"))
                .containsExactly("cy|1");
        assertThat(t.value("SELECT count(*) FROM emp CROSS JOIN dept")).isEqualTo("12");
        t.exec("CREATE TABLE d2 (dept text, boss text); INSERT INTO d2 VALUES ('eng', 'zed')");
        assertThat(t.rows("SELECT * FROM emp JOIN d2 USING (dept) ORDER BY id"))
                .containsExactly("eng|1|ann|120.50|2020-01-15|zed", "eng|2|bob|99.00|2021-03-01|zed");
        assertThat(t.rows("SELECT dept, name FROM emp NATURAL JOIN d2 ORDER BY name")).containsExactly("eng|ann", "eng|bob");
    }

    @Test
    void subqueriesCorrelatedAndNot() {
        assertThat(t.rows("SELECT name FROM emp WHERE dept IN (SELECT name FROM dept WHERE floor > 2) ORDER BY 1"))
                .containsExactly("ann", "bob");
        assertThat(t.rows("SELECT name FROM emp e WHERE salary > (SELECT avg(salary) FROM emp x WHERE x.dept = e.dept)"))
                .containsExactly("ann");
        assertThat(t.rows("SELECT name FROM dept d WHERE NOT EXISTS (SELECT 1 FROM emp WHERE dept = d.name)"))
                .containsExactly("hr");
        assertThat(t.value("SELECT 3 > ALL (SELECT floor FROM dept WHERE floor < 3)")).isEqualTo("t");
        assertThat(t.value("SELECT 5 NOT IN (SELECT floor FROM dept UNION ALL SELECT NULL)")).isEqualTo("NULL");
        assertThat(t.rows("SELECT (SELECT floor FROM dept WHERE name = e.dept) FROM emp e ORDER BY id"))
                .containsExactly("3", "3", "1", "NULL");
        SqlException e = error(() -> t.rows("SELECT (SELECT floor FROM dept)"));
        assertThat(e.sqlState()).isEqualTo("21000");
    }

    @Test
    void setOperationsCtesAndWindows() {
        assertThat(t.rows("SELECT dept FROM emp UNION SELECT name FROM dept ORDER BY 1"))
                .containsExactly("eng", "hr", "ops", "NULL");
        assertThat(t.rows("SELECT name FROM dept EXCEPT SELECT dept FROM emp")).containsExactly("hr");
        assertThat(t.rows("SELECT dept FROM emp INTERSECT ALL SELECT 'eng'")).containsExactly("eng");
        assertThat(t.rows("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5) "
                + "SELECT sum(x) FROM n")).containsExactly("15");
        assertThat(t.rows("WITH e AS (SELECT * FROM emp WHERE dept = 'eng') SELECT count(*) FROM e"))
                .containsExactly("2");
        assertThat(t.rows("SELECT name, row_number() OVER (ORDER BY id), rank() OVER (PARTITION BY dept ORDER BY salary DESC),"
                + " sum(id) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), lag(name) OVER (ORDER BY id)"
                + " FROM emp ORDER BY id"))
                .containsExactly("ann|1|1|1|NULL", "bob|2|2|3|ann", "cy|3|1|5|bob", "di|4|1|7|cy");
        assertThat(t.rows("SELECT DISTINCT ON (dept) dept, name FROM emp ORDER BY dept, salary"))
                .containsExactly("eng|bob", "ops|cy", "NULL|di");
        assertThat(t.rows("SELECT * FROM generate_series(1, 10, 4) AS g")).containsExactly("1", "5", "9");
        assertThat(t.rows("VALUES (1, 'a'), (2, 'b')")).containsExactly("1|a", "2|b");
    }

    @Test
    void expressionsFollowPostgresSemantics() {
        assertThat(t.value("SELECT 7 / 2, 7 % 3, 7.0 / 2, -7 / 2")).isEqualTo("3|1|3.5000000000000000|-3");
        assertThat(t.value("SELECT CASE WHEN 1 = 0 THEN 'a' WHEN NULL THEN 'b' ELSE 'c' END")).isEqualTo("c");
        assertThat(t.value("SELECT coalesce(NULL, 2, 3), nullif(1, 1), greatest(1, 5, NULL), least('b', 'a')"))
                .isEqualTo("2|NULL|5|a");
        assertThat(t.value("SELECT NULL AND false, NULL OR true, NOT NULL::boolean")).isEqualTo("f|t|NULL");
        assertThat(t.value("SELECT 1 IS DISTINCT FROM NULL, NULL IS NOT DISTINCT FROM NULL")).isEqualTo("t|t");
        assertThat(t.value("SELECT 'abc' LIKE 'a%', 'ABC' ILIKE 'a_c', 5 BETWEEN 1 AND 4")).isEqualTo("t|t|f");
        assertThat(t.value("SELECT CAST('12' AS int) + 1, '2020-01-01'::date + 31, 'x' || 1")).isEqualTo("13|2020-02-01|x1");
        assertThat(t.value("SELECT b <> 0 AND 10 / b > 1 FROM (VALUES (0)) v(b)")).isEqualTo("f");
        assertThat(t.value("SELECT extract(year FROM date '1998-12-01' - interval '90' day)")).isEqualTo("1998");
        assertThat(t.value("SELECT date('1994-01-01') + interval '1' year, int4('7') + 1")).isEqualTo("1995-01-01 00:00:00|8");
    }

    @Test
    void insertUpdateDeleteWithReturningAndConflicts() {
        assertThat(t.rows("INSERT INTO emp (id, name) VALUES (5, 'ed') RETURNING id, dept")).containsExactly("5|NULL");
        assertThat(t.rows("UPDATE emp SET salary = salary * 2 WHERE dept = 'ops' RETURNING name, salary"))
                .containsExactly("cy|160.50");
        assertThat(t.exec("DELETE FROM emp WHERE dept IS NULL")).isEqualTo(2);
        assertThat(t.value("SELECT count(*) FROM emp")).isEqualTo("3");
        t.exec("INSERT INTO emp (id, name) VALUES (1, 'zz') ON CONFLICT DO NOTHING");
        assertThat(t.value("SELECT name FROM emp WHERE id = 1")).isEqualTo("ann");
        t.exec("INSERT INTO emp (id, name) VALUES (1, 'zz') ON CONFLICT (id) DO UPDATE SET name = excluded.name || emp.name");
        assertThat(t.value("SELECT name FROM emp WHERE id = 1")).isEqualTo("zzann");
        t.exec("UPDATE emp SET id = id + 10 WHERE id = 3");
        assertThat(t.rows("SELECT id FROM emp ORDER BY id")).containsExactly("1", "2", "13");
        t.exec("UPDATE emp SET floor_hint = 1 FROM dept WHERE false".replace("floor_hint", "salary"));
        t.exec("UPDATE emp SET salary = d.floor FROM dept d WHERE d.name = emp.dept");
        assertThat(t.rows("SELECT id, salary FROM emp ORDER BY id")).containsExactly("1|3.00", "2|3.00", "13|1.00");
        t.exec("INSERT INTO dept SELECT name || '2', floor + 10 FROM dept");
        assertThat(t.value("SELECT count(*) FROM dept")).isEqualTo("6");
    }

    @Test
    void constraintErrorsCarrySqlStatesAndChangeNothing() {
        SqlException dup = error(() -> t.exec("INSERT INTO emp VALUES (9, 'x'), (1, 'dup')"));
        assertThat(dup.sqlState()).isEqualTo("23505");
        assertThat(dup.detail()).isEqualTo("Key (id)=(1) already exists.");
        assertThat(t.value("SELECT count(*) FROM emp WHERE id = 9")).isEqualTo("0");
        SqlException nn = error(() -> t.exec("INSERT INTO emp (id) VALUES (10)"));
        assertThat(nn.sqlState()).isEqualTo("23502");
        assertThat(nn.getMessage()).contains("column \"name\"");
        assertThat(error(() -> t.rows("SELECT 1 / 0")).sqlState()).isEqualTo("22012");
        assertThat(error(() -> t.rows("SELECT 2147483647 + 1")).sqlState()).isEqualTo("22003");
        assertThat(error(() -> t.rows("SELECT 'abc'::int")).sqlState()).isEqualTo("22P02");
        assertThat(error(() -> t.exec("INSERT INTO emp (id, name, hired) VALUES (11, 'x', 'not a date')")).sqlState())
                .isEqualTo("22007");
        assertThat(t.value("SELECT count(*) FROM emp")).isEqualTo("4");
    }

    @Test
    void binderErrorsHavePositions() {
        SqlException e = error(() -> t.rows("SELECT nope FROM emp"));
        assertThat(e.sqlState()).isEqualTo("42703");
        assertThat(e.position()).isEqualTo(8);
        e = error(() -> t.rows("SELECT * FROM nothing"));
        assertThat(e.sqlState()).isEqualTo("42P01");
        assertThat(e.position()).isEqualTo(15);
        assertThat(error(() -> t.rows("SELECT foo(1)")).sqlState()).isEqualTo("42883");
        assertThat(error(() -> t.rows("SELECT 1 + 'a'::text")).sqlState()).isEqualTo("42883");
        assertThat(error(() -> t.rows("SELECT * FROM emp WHERE 1")).sqlState()).isEqualTo("42804");
        assertThat(error(() -> t.rows("SELECT id FROM emp, dept d, emp")).sqlState()).isIn("42702", "42712");
        e = error(() -> t.rows("SELECT * FORM emp"));
        assertThat(e.sqlState()).isEqualTo("42601");
        assertThat(e.getMessage()).contains("syntax error at or near");
        assertThat(error(() -> t.exec("CREATE TABLE emp (x int)")).sqlState()).isEqualTo("42P07");
    }

    @Test
    void ddlPersistsAcrossReopen() {
        t.exec("ALTER TABLE emp ADD COLUMN bonus int DEFAULT 7; ALTER TABLE emp RENAME COLUMN dept TO team;"
                + "CREATE VIEW rich AS SELECT name FROM emp WHERE salary > 100; CREATE SCHEMA s;"
                + "CREATE TABLE s.t AS SELECT id, name FROM emp WHERE id < 3; ALTER TABLE dept RENAME TO depts;"
                + "DROP TABLE depts");
        t.reopen();
        assertThat(t.rows("SELECT id, team, bonus FROM emp ORDER BY id LIMIT 2")).containsExactly("1|eng|7", "2|eng|7");
        assertThat(t.rows("SELECT * FROM rich")).containsExactly("ann");
        assertThat(t.rows("SELECT name FROM s.t ORDER BY id")).containsExactly("ann", "bob");
        assertThat(error(() -> t.rows("SELECT * FROM dept")).sqlState()).isEqualTo("42P01");
        t.exec("ALTER TABLE emp DROP COLUMN bonus; INSERT INTO emp (id, name) VALUES (6, 'fay')");
        assertThat(t.value("SELECT count(*) FROM emp")).isEqualTo("5");
        assertThat(t.db.rowCount(t.db.catalog().table("public", "emp").id())).isEqualTo(5);
    }

    @Test
    void preparedStatementsBindParametersOnce() {
        PreparedSql p = t.session.prepare("SELECT name FROM emp WHERE id = $1 OR dept = $2");
        assertThat(p.parameterTypes()).extracting(Object::toString).containsExactly("integer", "text");
        assertThat(t.rows("SELECT name FROM emp WHERE id = $1 OR dept = $2 ORDER BY 1", 3, "eng"))
                .containsExactly("ann", "bob", "cy");
        assertThat(t.rows("SELECT $1::text || 'x'", "a")).containsExactly("ax");
        t.exec("ALTER TABLE emp ADD COLUMN extra int");
        try (StatementResult r = t.session.execute(p, List.of(4, "none"))) {
            assertThat(r.next().size()).isEqualTo(1);
        }
    }

    @Test
    void batchedInsertIsOneAtomicStatement() {
        PreparedSql ins = t.session.prepare("INSERT INTO dept VALUES ($1, $2)");
        long[] counts = t.session.executeBatch(ins, List.of(List.of("a", 1), List.of("b", 2), List.of("c", 3)));
        assertThat(counts).containsExactly(1, 1, 1);
        assertThat(t.value("SELECT count(*) FROM dept")).isEqualTo("6");
        SqlException e = error(() -> t.session.executeBatch(ins, List.of(List.of("d", 4), List.of("d", 5))));
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(t.value("SELECT count(*) FROM dept WHERE name = 'd'")).isEqualTo("0");
        PreparedSql upd = t.session.prepare("UPDATE dept SET floor = floor + 1 WHERE name = $1");
        assertThat(t.session.executeBatch(upd, List.of(List.of("a"), List.of("a"), List.of("zz")))).containsExactly(1, 1, 0);
        assertThat(t.value("SELECT floor FROM dept WHERE name = 'a'")).isEqualTo("3");
    }

    @Test
    void primaryKeyEqualityBecomesALookupOrPrefixScan() {
        t.exec("CREATE TABLE kv (a int, b text, v int, PRIMARY KEY (a, b));"
                + "INSERT INTO kv VALUES (1, 'x', 10), (1, 'y', 11), (2, 'x', 20), (10, 'x', 100)");
        assertThat(String.join("\n", t.rows("EXPLAIN SELECT v FROM kv WHERE a = 1 AND b = 'y'")))
                .contains("Primary Key Lookup on kv");
        assertThat(t.rows("SELECT v FROM kv WHERE a = 1 AND b = 'y'")).containsExactly("11");
        assertThat(t.rows("SELECT v FROM kv WHERE b = 'q' AND a = $1", 1)).isEmpty();
        assertThat(String.join("\n", t.rows("EXPLAIN SELECT v FROM kv WHERE a = 1"))).contains("Primary Key Range Scan");
        assertThat(t.rows("SELECT v FROM kv WHERE a = 1 ORDER BY v")).containsExactly("10", "11");
        assertThat(t.rows("SELECT v FROM kv WHERE a = $1", (Object) null)).isEmpty();
        assertThat(t.rows("SELECT v FROM kv WHERE a = 1 AND v > 10")).containsExactly("11");
        assertThat(t.rows("SELECT e.id, (SELECT floor FROM dept d WHERE d.name = e.dept) FROM emp e ORDER BY 1"))
                .containsExactly("1|3", "2|3", "3|1", "4|NULL");
        assertThat(t.exec("UPDATE kv SET v = v + 1 WHERE a = 2 AND b = 'x'")).isEqualTo(1);
        assertThat(t.exec("DELETE FROM kv WHERE a = 10 AND b = 'x'")).isEqualTo(1);
        assertThat(t.rows("SELECT a, b, v FROM kv ORDER BY a, b")).containsExactly("1|x|10", "1|y|11", "2|x|21");
    }

    @Test
    void joinConditionsRepeatedInEveryOrBranchBecomeHashKeys() {
        String q = "SELECT e.name FROM emp e, dept d WHERE (e.dept = d.name AND d.floor = 3 AND e.salary > 100)"
                + " OR (e.dept = d.name AND d.floor = 1) ORDER BY 1";
        assertThat(String.join("\n", t.rows("EXPLAIN " + q))).contains("Hash Join").doesNotContain("Nested Loop");
        assertThat(t.rows(q)).containsExactly("ann", "cy");
    }

    @Test
    void correlatedSubqueriesAreMemoizedPerDistinctOuterValue() {
        t.exec("CREATE TABLE r AS SELECT g % 3 AS k, g AS v FROM generate_series(1, 3000) g");
        // 3,000 outer rows but only three distinct k: the subquery runs three times; answers as without memo
        assertThat(t.rows("SELECT k, count(*), min(s) FROM (SELECT k, (SELECT count(*) FROM r r2 WHERE r2.k = r.k"
                + " AND r2.v < 100) AS s FROM r) x GROUP BY k ORDER BY k")).containsExactly("0|1000|33", "1|1000|33",
                "2|1000|33");
        // a volatile function in the subquery disables memoization: values differ between rows
        assertThat(t.value("SELECT count(DISTINCT (SELECT r.k + random() FROM dept WHERE name = 'eng')) FROM r"))
                .isNotEqualTo("3");
    }

    @Test
    void preparedQueriesReuseTheirOperatorTreeSafely() {
        PreparedSql p = t.session.prepare("SELECT d.name, (SELECT count(*) FROM emp e WHERE e.dept = d.name)"
                + " FROM dept d WHERE d.floor >= $1 ORDER BY 1");
        for (int round = 0; round < 3; round++) {
            assertThat(rowsOf(p, 2)).containsExactly("eng|2", "hr|0");
            assertThat(rowsOf(p, 1)).containsExactly("eng|2", "hr|0", "ops|1");
            t.exec("INSERT INTO emp (id, name, dept) VALUES (" + (100 + round) + ", 'x', 'hr')");
            assertThat(rowsOf(p, 2)).containsExactly("eng|2", "hr|1");
            t.exec("DELETE FROM emp WHERE id >= 100");
        }
        // two open results of the same statement do not share operators
        try (StatementResult a = t.session.execute(p, List.of(1));
             StatementResult b = t.session.execute(p, List.of(3))) {
            assertThat(b.next().size()).isEqualTo(1);
            assertThat(a.next().size()).isEqualTo(3);
        }
    }

    @Test
    void preparedWritesReuseTheirOperatorTreeSafely() {
        PreparedSql upd = t.session.prepare("UPDATE emp SET salary = salary + $1 WHERE dept = $2");
        PreparedSql div = t.session.prepare("UPDATE emp SET salary = salary / $1 WHERE dept = 'eng'");
        PreparedSql del = t.session.prepare("DELETE FROM emp WHERE id = $1");
        for (int round = 0; round < 50; round++) {
            assertThat(updateCount(upd, 1, "eng")).isEqualTo(2);
            assertThat(updateCount(upd, 1, "ops")).isEqualTo(1);
            assertThat(updateCount(upd, 1, "none")).isZero();
            // a statement that fails mid-scan hands its tree back closed; the next execution starts afresh
            assertThat(error(() -> updateCount(div, 0)).sqlState()).isEqualTo("22012");
        }
        assertThat(t.rows("SELECT id, salary FROM emp ORDER BY id")).containsExactly("1|170.50", "2|149.00",
                "3|130.25", "4|NULL");
        assertThat(updateCount(del, 2)).isEqualTo(1);
        assertThat(updateCount(del, 2)).isZero();
        assertThat(updateCount(del, 3)).isEqualTo(1);
        assertThat(t.rows("SELECT id FROM emp ORDER BY id")).containsExactly("1", "4");
    }

    /**
     * A prepared INSERT reuses what it built for its table (key encoder, indexes, CHECK
     * constraints, compiled VALUES row) only while the catalog is the one it was built under: an
     * index, a CHECK constraint or a dropped column added between two executions is honoured.
     */
    @Test
    void preparedInsertSeesCatalogChangesBetweenExecutions() {
        t.exec("CREATE TABLE pi (id INT PRIMARY KEY, v INT, w TEXT)");
        PreparedSql ins = t.session.prepare("INSERT INTO pi (id, v) VALUES ($1, $2)");
        for (int i = 1; i <= 3; i++) {
            assertThat(updateCount(ins, i, i * 10)).isEqualTo(1);
        }
        t.exec("CREATE UNIQUE INDEX pi_v ON pi (v)");
        assertThat(error(() -> updateCount(ins, 4, 10)).sqlState()).isEqualTo("23505");
        assertThat(updateCount(ins, 4, 40)).isEqualTo(1);
        t.exec("ALTER TABLE pi ADD CONSTRAINT v_small CHECK (v < 100)");
        assertThat(error(() -> updateCount(ins, 5, 500)).sqlState()).isEqualTo("23514");
        assertThat(updateCount(ins, 5, 50)).isEqualTo(1);
        t.exec("ALTER TABLE pi DROP COLUMN w");
        assertThat(updateCount(ins, 6, 60)).isEqualTo(1);
        assertThat(error(() -> updateCount(ins, 6, 61)).sqlState()).isEqualTo("23505");
        assertThat(t.rows("SELECT id, v FROM pi WHERE v >= 40 ORDER BY v")).containsExactly("4|40", "5|50", "6|60");
    }

    private long updateCount(PreparedSql p, Object... params) {
        try (StatementResult r = t.session.execute(p, List.of(params))) {
            return r.updateCount();
        }
    }

    private List<String> rowsOf(PreparedSql p, Object param) {
        List<String> out = new java.util.ArrayList<>();
        try (StatementResult r = t.session.execute(p, List.of(param))) {
            dev.lodedb.sql.exec.DataChunk c;
            while ((c = r.next()) != null) {
                for (int k = 0; k < c.size(); k++) {
                    Object[] row = c.rowValues(k);
                    out.add(row[0] + "|" + row[1]);
                }
            }
        }
        return out;
    }

    @Test
    void explainShowsThePhysicalPlan() {
        List<String> plan = t.rows("EXPLAIN SELECT e.name FROM emp e JOIN dept d ON e.dept = d.name WHERE d.floor > 2 ORDER BY 1 LIMIT 1");
        assertThat(String.join("\n", plan)).contains("Limit", "Top-N Sort", "Hash Join", "Hash Cond: ", "Seq Scan on dept",
                "Seq Scan on emp");
    }

    @Test
    void spillingOperatorsGiveTheSameAnswers() {
        SqlTestDatabase small = new SqlTestDatabase(dir.resolve("small"), new SqlOptions(64 * 1024, dir, false));
        try {
            small.exec("CREATE TABLE big AS SELECT g AS id, g % 97 AS k, 'row ' || g AS s FROM generate_series(1, 20000) g");
            assertThat(small.value("SELECT count(*), sum(id) FROM (SELECT id FROM big ORDER BY s DESC) x"))
                    .isEqualTo("20000|200010000");
            assertThat(small.rows("SELECT id FROM big ORDER BY s DESC LIMIT 2")).containsExactly("9999", "9998");
            assertThat(small.value("SELECT count(*) FROM (SELECT k, count(*) FROM big GROUP BY id, k) x")).isEqualTo("20000");
            assertThat(small.value("SELECT count(*) FROM big a JOIN big b ON a.id = b.id")).isEqualTo("20000");
            assertThat(small.value("SELECT count(*) FROM (SELECT DISTINCT k FROM big) x")).isEqualTo("97");
        } finally {
            small.close();
        }
    }
}
