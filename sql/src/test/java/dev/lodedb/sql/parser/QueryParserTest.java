package dev.lodedb.sql.parser;

import static dev.lodedb.sql.parser.ParserAssertions.assertPrints;
import static dev.lodedb.sql.parser.ParserAssertions.assertSyntaxError;
import static dev.lodedb.sql.parser.ParserAssertions.assertUnsupported;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.sql.ast.FunctionTable;
import dev.lodedb.sql.ast.JoinRef;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.Select;
import dev.lodedb.sql.ast.SetOperation;
import dev.lodedb.sql.ast.SubqueryRef;
import dev.lodedb.sql.ast.ValuesQuery;
import org.junit.jupiter.api.Test;

class QueryParserTest {

    @Test
    void selectClauses() {
        assertPrints("SELECT DISTINCT ON (a, b) a, b AS \"B\", c d FROM t WHERE x GROUP BY a, 2 HAVING count(*) > 1",
                "SELECT DISTINCT ON (a, b) a, b AS \"B\", c AS d FROM t WHERE x GROUP BY a, 2 HAVING (count(*) > 1)");
        assertPrints("SELECT ALL a FROM t", "SELECT a FROM t");
        assertPrints("SELECT DISTINCT a FROM t", "SELECT DISTINCT a FROM t");
        assertPrints("select *, t.* from t", "SELECT *, t.* FROM t");
        assertPrints("SELECT FROM t", "SELECT FROM t");
        assertPrints("SELECT", "SELECT");
        assertPrints("SELECT a FROM t GROUP BY DISTINCT a", "SELECT a FROM t GROUP BY DISTINCT a");
        assertPrints("SELECT a FROM t GROUP BY GROUPING SETS ((a, b), a, ()), ROLLUP (a, (b, c)), CUBE (a), ()",
                "SELECT a FROM t GROUP BY GROUPING SETS ((a, b), a, ()), ROLLUP (a, (b, c)), CUBE (a), ()");
        assertPrints("SELECT sum(x) OVER w FROM t WINDOW w AS (PARTITION BY a), w2 AS (w ORDER BY b)",
                "SELECT sum(x) OVER w FROM t WINDOW w AS (PARTITION BY a), w2 AS (w ORDER BY b)");
    }

    @Test
    void orderLimitOffsetFetchAndLocking() {
        assertPrints("SELECT a FROM t ORDER BY a DESC NULLS FIRST, b USING <, c ASC NULLS LAST LIMIT 10 OFFSET 20",
                "SELECT a FROM t ORDER BY a DESC NULLS FIRST, b USING <, c ASC NULLS LAST LIMIT 10 OFFSET 20");
        assertPrints("SELECT a FROM t OFFSET 5 ROWS LIMIT ALL", "SELECT a FROM t OFFSET 5");
        assertPrints("SELECT a FROM t FETCH FIRST 5 ROWS ONLY", "SELECT a FROM t LIMIT 5");
        assertPrints("SELECT a FROM t FETCH NEXT ROW ONLY", "SELECT a FROM t LIMIT 1");
        Query q = (Query) assertPrints("SELECT a FROM t ORDER BY a OFFSET 2 ROWS FETCH FIRST 3 ROWS WITH TIES",
                "SELECT a FROM t ORDER BY a OFFSET 2 FETCH FIRST 3 ROWS WITH TIES");
        assertThat(q.withTies()).isTrue();
        assertPrints("SELECT * FROM t FOR UPDATE", "SELECT * FROM t FOR UPDATE");
        assertPrints("SELECT * FROM t FOR SHARE OF t, u NOWAIT", "SELECT * FROM t FOR SHARE OF t, u NOWAIT");
        assertPrints("SELECT * FROM t FOR NO KEY UPDATE SKIP LOCKED FOR KEY SHARE",
                "SELECT * FROM t FOR NO KEY UPDATE SKIP LOCKED FOR KEY SHARE");
        assertPrints("SELECT * FROM t LIMIT 1 FOR UPDATE", "SELECT * FROM t LIMIT 1 FOR UPDATE");
        assertUnsupported("SELECT * FROM t LIMIT 1, 2");
    }

    @Test
    void setOperationsFollowPostgresPrecedence() {
        Query q = (Query) assertPrints("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT ALL SELECT 4",
                "((SELECT 1) UNION ((SELECT 2) INTERSECT (SELECT 3))) EXCEPT ALL (SELECT 4)");
        SetOperation top = (SetOperation) q.body();
        assertThat(top.operator()).isEqualTo(SetOperation.Operator.EXCEPT);
        assertThat(top.all()).isTrue();
        assertPrints("SELECT 1 UNION DISTINCT SELECT 2 ORDER BY 1 LIMIT 1", "(SELECT 1) UNION (SELECT 2) ORDER BY 1 LIMIT 1");
        assertPrints("(SELECT 1 ORDER BY 1 LIMIT 1) UNION ALL (SELECT 2)",
                "(SELECT 1 ORDER BY 1 LIMIT 1) UNION ALL (SELECT 2)");
        assertPrints("SELECT 1 INTERSECT (SELECT 2 UNION SELECT 3)",
                "(SELECT 1) INTERSECT ((SELECT 2) UNION (SELECT 3))");
        assertPrints("((SELECT 1))", "SELECT 1");
        assertPrints("(SELECT 1) ORDER BY 1", "SELECT 1 ORDER BY 1");
    }

    @Test
    void valuesAndTable() {
        Query q = (Query) assertPrints("VALUES (1, 'a'), (2, DEFAULT) ORDER BY 1", "VALUES (1, 'a'), (2, DEFAULT) ORDER BY 1");
        assertThat(((ValuesQuery) q.body()).rows()).hasSize(2);
        assertPrints("TABLE t", "SELECT * FROM t");
        assertPrints("TABLE ONLY s.t", "SELECT * FROM ONLY s.t");
        assertPrints("SELECT 1 UNION TABLE t", "(SELECT 1) UNION (SELECT * FROM t)");
    }

    @Test
    void withClauses() {
        assertPrints("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT * FROM r",
                "WITH RECURSIVE r (n) AS ((SELECT 1) UNION ALL (SELECT (n + 1) FROM r WHERE (n < 10))) SELECT * FROM r");
        assertPrints("WITH a AS MATERIALIZED (SELECT 1), b AS NOT MATERIALIZED (SELECT 2) SELECT * FROM a, b",
                "WITH a AS MATERIALIZED (SELECT 1), b AS NOT MATERIALIZED (SELECT 2) SELECT * FROM a, b");
        assertPrints("WITH d AS (DELETE FROM t WHERE a RETURNING *) INSERT INTO u SELECT * FROM d",
                "WITH d AS (DELETE FROM t WHERE a RETURNING *) INSERT INTO u SELECT * FROM d");
        assertPrints("WITH u AS (UPDATE t SET a = 1 RETURNING a), i AS (INSERT INTO t VALUES (1) RETURNING a) SELECT 1",
                "WITH u AS (UPDATE t SET a = 1 RETURNING a), i AS (INSERT INTO t VALUES (1) RETURNING a) SELECT 1");
        assertPrints("WITH x AS (SELECT 1) UPDATE t SET a = (SELECT * FROM x)",
                "WITH x AS (SELECT 1) UPDATE t SET a = (SELECT * FROM x)");
        assertPrints("WITH RECURSIVE t(n) AS (SELECT 1) SEARCH BREADTH FIRST BY n SET ord SELECT * FROM t",
                "WITH RECURSIVE t (n) AS (SELECT 1) SEARCH BREADTH FIRST BY n SET ord SELECT * FROM t");
        assertPrints("WITH RECURSIVE t(n) AS (SELECT 1) CYCLE n SET c TO 'y' DEFAULT 'n' USING p SELECT * FROM t",
                "WITH RECURSIVE t (n) AS (SELECT 1) CYCLE n SET c TO 'y' DEFAULT 'n' USING p SELECT * FROM t");
        assertPrints("SELECT * FROM (WITH x AS (SELECT 1) SELECT * FROM x) s",
                "SELECT * FROM (WITH x AS (SELECT 1) SELECT * FROM x) AS s");
    }

    @Test
    void fromClauseItems() {
        assertPrints("SELECT * FROM ONLY s.t AS x (p, q), u v", "SELECT * FROM ONLY s.t AS x (p, q), u AS v");
        assertPrints("SELECT * FROM t *", "SELECT * FROM t");
        Query q = (Query) assertPrints("SELECT * FROM (SELECT 1) s, LATERAL (SELECT 2) AS l (x)",
                "SELECT * FROM (SELECT 1) AS s, LATERAL (SELECT 2) AS l (x)");
        assertThat(((SubqueryRef) ((Select) q.body()).from().get(1)).lateral()).isTrue();
        assertPrints("SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v (n, s)",
                "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v (n, s)");
        q = (Query) assertPrints("SELECT * FROM generate_series(1, 10) AS g(x), LATERAL unnest(a) WITH ORDINALITY u (v, i)",
                "SELECT * FROM generate_series(1, 10) AS g (x), LATERAL unnest(a) WITH ORDINALITY AS u (v, i)");
        assertThat(((FunctionTable) ((Select) q.body()).from().get(1)).withOrdinality()).isTrue();
        assertPrints("SELECT * FROM read_csv('f.csv', header => true, delim := ',')",
                "SELECT * FROM read_csv('f.csv', header => TRUE, delim => ',')");
        assertPrints("SELECT * FROM ((SELECT 1) UNION (SELECT 2)) AS u",
                "SELECT * FROM ((SELECT 1) UNION (SELECT 2)) AS u");
        assertPrints("SELECT * FROM ((SELECT 1) AS a JOIN b ON true)", "SELECT * FROM ((SELECT 1) AS a JOIN b ON TRUE)");
        assertUnsupported("SELECT * FROM f() AS t(a int)");
        assertUnsupported("SELECT * FROM t TABLESAMPLE system (10)");
        assertSyntaxError("SELECT * FROM (t)", "syntax error at or near \")\"");
    }

    @Test
    void joins() {
        Query q = (Query) assertPrints("SELECT * FROM a JOIN b ON a.x = b.x LEFT JOIN c USING (y) CROSS JOIN d",
                "SELECT * FROM (((a JOIN b ON (a.x = b.x)) LEFT JOIN c USING (y)) CROSS JOIN d)");
        JoinRef top = (JoinRef) ((Select) q.body()).from().get(0);
        assertThat(top.type()).isEqualTo(JoinRef.Type.CROSS);
        assertPrints("SELECT * FROM a INNER JOIN b ON true RIGHT OUTER JOIN c ON true FULL OUTER JOIN d ON true",
                "SELECT * FROM (((a JOIN b ON TRUE) RIGHT JOIN c ON TRUE) FULL JOIN d ON TRUE)");
        assertPrints("SELECT * FROM a NATURAL JOIN b NATURAL LEFT OUTER JOIN c",
                "SELECT * FROM ((a NATURAL JOIN b) NATURAL LEFT JOIN c)");
        assertPrints("SELECT * FROM a JOIN b JOIN c ON x ON y", "SELECT * FROM (a JOIN (b JOIN c ON x) ON y)");
        assertPrints("SELECT * FROM (a JOIN b USING (k)) AS j (p, q)", "SELECT * FROM (a JOIN b USING (k)) AS j (p, q)");
        assertPrints("SELECT * FROM a JOIN b USING (k) AS j", "SELECT * FROM (a JOIN b USING (k) AS j)");
        assertPrints("SELECT * FROM ((a JOIN b ON x) JOIN c ON y)", "SELECT * FROM ((a JOIN b ON x) JOIN c ON y)");
        assertPrints("SELECT * FROM t1 t JOIN t2 u ON t.a = u.a, t3",
                "SELECT * FROM (t1 AS t JOIN t2 AS u ON (t.a = u.a)), t3");
        assertSyntaxError("SELECT * FROM a JOIN b", "syntax error at end of input");
    }

    @Test
    void subqueriesInExpressions() {
        assertPrints("SELECT (SELECT 1) UNION (SELECT 2)", "(SELECT (SELECT 1)) UNION (SELECT 2)");
        assertPrints("SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.a) AND b IN (SELECT b FROM v)",
                "SELECT a FROM t WHERE (EXISTS (SELECT 1 FROM u WHERE (u.a = t.a)) AND (b IN (SELECT b FROM v)))");
    }
}
