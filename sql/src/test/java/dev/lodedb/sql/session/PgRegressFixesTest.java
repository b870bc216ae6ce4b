package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.SqlException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine fixes found by running PostgreSQL's regression scripts (docs/sql/conformance.md). */
class PgRegressFixesTest {
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

    private static SqlException error(Runnable r) {
        try {
            r.run();
        } catch (SqlException e) {
            return e;
        }
        throw new AssertionError("no error");
    }

    @Test
    void vacuumAndAnalyzeAreAcceptedForExistingTables() {
        t.exec("CREATE TABLE v (a int, b text); INSERT INTO v VALUES (1, 'x')");
        t.exec("VACUUM v");
        t.exec("VACUUM ANALYZE v");
        t.exec("ANALYZE v (a)");
        t.exec("ANALYZE");
        assertThat(t.value("SELECT count(*) FROM v")).isEqualTo("1");
        assertThat(error(() -> t.exec("VACUUM nope")).sqlState()).isEqualTo("42P01");
        assertThat(error(() -> t.exec("ANALYZE v (c)")).sqlState()).isEqualTo("42703");
    }

    @Test
    void nameTypeIsText() {
        t.exec("CREATE TABLE n (s name); INSERT INTO n VALUES ('AAAAxx'), ('BBBB')");
        assertThat(t.rows("SELECT s FROM n WHERE s < 'B' ORDER BY s")).containsExactly("AAAAxx");
        assertThat(t.value("SELECT 'abc'::name || 'd'")).isEqualTo("abcd");
    }

    @Test
    void starExpandsColumnsOfTheSameNameFromSeveralRelations() {
        t.exec("CREATE TABLE a (i int, f int); CREATE TABLE b (i int, j int);"
                + "INSERT INTO a VALUES (1, 2), (4, NULL); INSERT INTO b VALUES (2, 3), (1, -1)");
        assertThat(t.rows("SELECT * FROM a, b WHERE COALESCE(a.f, b.i) = 2 ORDER BY b.i"))
                .containsExactly("1|2|1|-1", "1|2|2|3", "4|NULL|2|3");
        assertThat(t.rows("SELECT * FROM a x JOIN b y ON x.i = y.i")).containsExactly("1|2|1|-1");
        assertThat(t.rows("SELECT * FROM (SELECT 1 AS x, 2 AS x) s")).containsExactly("1|2");
        assertThat(t.rows("SELECT * FROM a JOIN b USING (i)")).containsExactly("1|2|-1");
        assertThat(t.rows("SELECT * FROM a GROUP BY i, f ORDER BY i")).containsExactly("1|2", "4|NULL");
        assertThat(error(() -> t.rows("SELECT * FROM a GROUP BY i")).sqlState()).isEqualTo("42803");
    }

    @Test
    void temporaryViewsAreRegularViewsAndRecursiveViewsAreRecursiveCtes() {
        t.exec("CREATE TEMP VIEW tv AS SELECT 1 AS one");
        assertThat(t.rows("SELECT * FROM tv")).containsExactly("1");
        t.exec("CREATE RECURSIVE VIEW nums (n) AS VALUES (1) UNION ALL SELECT n + 1 FROM nums WHERE n < 4");
        assertThat(t.rows("SELECT n FROM nums ORDER BY n")).containsExactly("1", "2", "3", "4");
        assertThat(error(() -> t.exec("CREATE RECURSIVE VIEW bad AS SELECT 1")).sqlState()).isEqualTo("42601");
    }

    @Test
    void insertWithCommonTableExpressions() {
        t.exec("CREATE TABLE tt (a int)");
        assertThat(t.exec("WITH w AS (SELECT 1 AS a) INSERT INTO tt SELECT a FROM w")).isEqualTo(1);
        t.exec("WITH w AS (SELECT 2 AS a) INSERT INTO tt WITH v AS (SELECT a + 1 AS a FROM w) SELECT a FROM v");
        t.exec("WITH w AS (VALUES (7)) INSERT INTO tt VALUES ((SELECT * FROM w))");
        t.exec("WITH RECURSIVE r (n) AS (VALUES (10) UNION ALL SELECT n + 1 FROM r WHERE n < 11) INSERT INTO tt "
                + "SELECT n FROM r");
        assertThat(t.rows("SELECT a FROM tt ORDER BY a")).containsExactly("1", "3", "7", "10", "11");
    }

    @Test
    void booleanComparisonFunctions() {
        assertThat(t.value("SELECT booleq(true, true), boolne(true, false), boollt(false, true), "
                + "boolle(true, true), boolgt(false, true), boolge(false, false), booleq(NULL, true)"))
                .isEqualTo("t|t|t|t|f|t|NULL");
    }

    @Test
    void windowFrameExclusion() {
        t.exec("CREATE TABLE w (x int, g int); INSERT INTO w VALUES (1, 1), (2, 1), (3, 2), (4, 3), (5, 3)");
        String all = "ORDER BY g ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING";
        assertThat(t.rows("SELECT x, sum(x) OVER (" + all + " EXCLUDE CURRENT ROW), sum(x) OVER (" + all
                + " EXCLUDE GROUP), sum(x) OVER (" + all + " EXCLUDE TIES), sum(x) OVER (" + all
                + " EXCLUDE NO OTHERS) FROM w ORDER BY x"))
                .containsExactly("1|14|12|13|15", "2|13|12|14|15", "3|12|12|15|15", "4|11|6|10|15", "5|10|6|11|15");
        assertThat(t.rows("SELECT x, first_value(x) OVER (ORDER BY x ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING "
                + "EXCLUDE CURRENT ROW), last_value(x) OVER (ORDER BY g RANGE BETWEEN UNBOUNDED PRECEDING AND "
                + "CURRENT ROW EXCLUDE GROUP), count(*) OVER (ORDER BY g RANGE UNBOUNDED PRECEDING EXCLUDE GROUP) FROM w ORDER BY x"))
                .containsExactly("1|2|NULL|0", "2|3|NULL|0", "3|4|2|2", "4|5|3|3", "5|NULL|3|3");
    }

    @Test
    void groupByExpressionsMatchTheSameSelectListExpressions() {
        t.exec("CREATE TABLE g (a int, b int); INSERT INTO g VALUES (1, 2), (3, 4), (2, 9)");
        assertThat(t.rows("SELECT a / 2, a / 2 FROM g GROUP BY a / 2 ORDER BY a / 2")).containsExactly("0|0", "1|1");
        assertThat(t.rows("SELECT a % 2, count(b) FROM g GROUP BY g.a % 2 ORDER BY g.a % 2"))
                .containsExactly("0|1", "1|2");
        assertThat(t.rows("SELECT count(b) FROM g GROUP BY (b + 1) / 2 ORDER BY (b + 1) / 2 DESC"))
                .containsExactly("1", "1", "1");
        assertThat(t.rows("SELECT lower(a::text) FROM g GROUP BY lower(a::text) ORDER BY 1"))
                .containsExactly("1", "2", "3");
        assertThat(error(() -> t.rows("SELECT a + 1 FROM g GROUP BY a + 2")).sqlState()).isEqualTo("42803");
    }

    @Test
    void castsAreNamedLikePostgreSql() {
        t.exec("CREATE TABLE c (a int)");
        PreparedSql p = t.session.prepare("SELECT CAST('42'::int2 AS int8), CAST(1 AS int8), 1::int2::int8, int4 '1', "
                + "CAST(a AS int8), a::text, (SELECT 1 AS z), (SELECT 2), 'x' COLLATE \"C\" FROM c");
        assertThat(p.columns().stream().map(ResultColumn::name).toList()).containsExactly("int8", "int8", "int8",
                "int4", "a", "a", "z", "?column?", "?column?");
    }

    @Test
    void functionStyleCastsWhenNoFunctionHasTheTypeName() {
        assertThat(t.value("SELECT float8(4567890123456789::int8), int4(2.6), text(12), int8('77')"))
                .isEqualTo("4.567890123456789e+15|3|12|77");
        assertThat(t.value("SELECT pg_typeof(float8(1))")).isEqualTo("double precision");
        assertThat(error(() -> t.value("SELECT int4(1, 2)")).sqlState()).isEqualTo("42883");
        assertThat(error(() -> t.value("SELECT nope(1)")).sqlState()).isEqualTo("42883");
        assertThat(error(() -> t.value("SELECT int4('x')")).sqlState()).isEqualTo("22P02");
    }

    @Test
    void unmatchedRowsOfAnOuterJoinHaveNullsOnTheOtherSideIncludingTheKey() {
        t.exec("CREATE TABLE l (a int, b int); CREATE TABLE r (a int, b int);"
                + "INSERT INTO l VALUES (5, 10), (200, 1000); INSERT INTO r VALUES (200, 2000), (7, 1)");
        assertThat(t.rows("SELECT l.a, l.b, r.a, r.b FROM l LEFT JOIN r ON l.a = r.a ORDER BY l.a"))
                .containsExactly("5|10|NULL|NULL", "200|1000|200|2000");
        assertThat(t.rows("SELECT * FROM l FULL JOIN r ON l.a = r.a ORDER BY l.a, r.a"))
                .containsExactly("5|10|NULL|NULL", "200|1000|200|2000", "NULL|NULL|7|1");
        assertThat(t.rows("SELECT r.a FROM l LEFT JOIN r ON l.a = r.a AND l.b > 100 ORDER BY l.a"))
                .containsExactly("NULL", "200");
        assertThat(t.value("SELECT count(*) FROM l LEFT JOIN r ON l.a = r.a WHERE r.a IS NULL")).isEqualTo("1");
    }
}
