package dev.lodedb.sql.parser;

import static dev.lodedb.sql.parser.ParserAssertions.assertExpr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lodedb.sql.ast.BinaryOp;
import dev.lodedb.sql.ast.ColumnRef;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.IntegerLiteral;
import dev.lodedb.sql.ast.NumericLiteral;
import dev.lodedb.sql.ast.TypedLiteral;
import org.junit.jupiter.api.Test;

/** Operator precedence and associativity (PostgreSQL 15 "Operator Precedence") and expression forms. */
class ExpressionParserTest {

    private static void assertSyntaxErrorAt(String expr, String token) {
        ParseException e = catchThrowableOfType(ParseException.class, () -> Parser.parseExpression(expr));
        assertThat(e).as(expr).isNotNull();
        assertThat(e.getMessage()).isEqualTo("syntax error at or near \"" + token + "\"");
    }

    @Test
    void booleanConnectives() {
        assertExpr("a OR b AND c", "(a OR (b AND c))");
        assertExpr("a AND b OR c AND d", "((a AND b) OR (c AND d))");
        assertExpr("a OR b OR c", "((a OR b) OR c)");
        assertExpr("NOT a = b", "(NOT (a = b))");
        assertExpr("NOT a AND b", "((NOT a) AND b)");
        assertExpr("a AND NOT b OR c", "((a AND (NOT b)) OR c)");
        assertExpr("NOT NOT a", "(NOT (NOT a))");
        assertExpr("NOT a IS NULL", "(NOT (a IS NULL))");
        assertExpr("a = NOT b", "(a = (NOT b))");
    }

    @Test
    void isAndComparisonLevels() {
        assertExpr("a = b IS NULL", "((a = b) IS NULL)");
        assertExpr("a IS NOT TRUE AND b IS UNKNOWN", "((a IS NOT TRUE) AND (b IS UNKNOWN))");
        assertExpr("a ISNULL OR b NOTNULL", "((a IS NULL) OR (b IS NOT NULL))");
        assertExpr("a IS DISTINCT FROM b + 1", "(a IS DISTINCT FROM (b + 1))");
        assertExpr("a IS NOT DISTINCT FROM b", "(a IS NOT DISTINCT FROM b)");
        assertExpr("a < b + 1", "(a < (b + 1))");
        assertExpr("a <> b", "(a <> b)");
        assertExpr("a != b", "(a <> b)");
        assertExpr("a >= b AND c <= d", "((a >= b) AND (c <= d))");
        assertSyntaxErrorAt("a = b = c", "=");
        assertSyntaxErrorAt("a < b > c", ">");
        assertSyntaxErrorAt("a IS NULL IS NULL", "IS");
    }

    @Test
    void patternMatchingLevel() {
        assertExpr("a BETWEEN 1 AND 2 AND b", "((a BETWEEN 1 AND 2) AND b)");
        assertExpr("a NOT BETWEEN SYMMETRIC b + 1 AND c * 2", "(a NOT BETWEEN SYMMETRIC (b + 1) AND (c * 2))");
        assertExpr("a BETWEEN 1 AND 2 = true", "((a BETWEEN 1 AND 2) = TRUE)");
        assertExpr("a LIKE b || c", "(a LIKE (b || c))");
        assertExpr("a NOT ILIKE 'x%' ESCAPE '!'", "(a NOT ILIKE 'x%' ESCAPE '!')");
        assertExpr("a SIMILAR TO 'x' OR b NOT SIMILAR TO 'y'", "((a SIMILAR TO 'x') OR (b NOT SIMILAR TO 'y'))");
        assertExpr("a IN (1, 2) = true", "((a IN (1, 2)) = TRUE)");
        assertExpr("a NOT IN (SELECT b FROM t)", "(a NOT IN (SELECT b FROM t))");
        assertExpr("(a, b) IN (SELECT 1, 2)", "((a, b) IN (SELECT 1, 2))");
        assertExpr("a IN ((SELECT 1), 2)", "(a IN ((SELECT 1), 2))");
        assertExpr("a IN ((SELECT 1) UNION (SELECT 2))", "(a IN ((SELECT 1) UNION (SELECT 2)))");
        assertExpr("a = b LIKE c", "(a = (b LIKE c))");
        assertExpr("(a, b) OVERLAPS (c, d)", "((a, b) OVERLAPS (c, d))");
        assertSyntaxErrorAt("a LIKE b LIKE c", "LIKE");
    }

    @Test
    void arithmeticAndOtherOperators() {
        assertExpr("1 + 2 * 3", "(1 + (2 * 3))");
        assertExpr("1 - 2 - 3", "((1 - 2) - 3)");
        assertExpr("a * b / c % d", "(((a * b) / c) % d)");
        assertExpr("2 ^ 3 ^ 2", "((2 ^ 3) ^ 2)");
        assertExpr("a * b ^ c", "(a * (b ^ c))");
        assertExpr("a || b || c", "((a || b) || c)");
        assertExpr("a + b || c", "((a + b) || c)");
        assertExpr("a || b + c", "(a || (b + c))");
        assertExpr("a || b = c", "((a || b) = c)");
        assertExpr("j -> 'k' ->> 'l'", "((j -> 'k') ->> 'l')");
        assertExpr("a @> b AND b <@ a", "((a @> b) AND (b <@ a))");
        assertExpr("j #>> '{a}' = 'x'", "((j #>> '{a}') = 'x')");
        assertExpr("a OPERATOR(pg_catalog.+) b * c", "(a OPERATOR(pg_catalog.+) (b * c))");
    }

    @Test
    void prefixOperators() {
        assertExpr("- x ^ 2", "((- x) ^ 2)");
        assertExpr("-x::int", "(- CAST(x AS int))");
        assertExpr("-x[1]", "(- (x)[1])");
        assertExpr("~ a + b", "(~ (a + b))");
        assertExpr("~ a || b", "((~ a) || b)");
        assertExpr("+ a", "(+ a)");
        assertExpr("OPERATOR(pg_catalog.-) a", "(OPERATOR(pg_catalog.-) a)");
        assertExpr("a * -1", "(a * -1)");
        assertExpr("a - -b", "(a - (- b))");
    }

    @Test
    void negativeConstantsFoldLikePostgres() {
        Expr e = assertExpr("-2 ^ 2", "(-2 ^ 2)");
        assertThat(((BinaryOp) e).left()).isEqualTo(new IntegerLiteral(-2, 0));
        assertThat(Parser.parseExpression("- - 5")).isEqualTo(new IntegerLiteral(5, 0));
        assertThat(Parser.parseExpression("-9223372036854775808"))
                .isEqualTo(new IntegerLiteral(Long.MIN_VALUE, 0));
        assertThat(Parser.parseExpression("9223372036854775808"))
                .isEqualTo(new NumericLiteral("9223372036854775808", 0));
        assertThat(Parser.parseExpression("-1.5")).isEqualTo(new NumericLiteral("-1.5", 0));
        assertThat(Parser.parseExpression("-(3)")).isEqualTo(new IntegerLiteral(-3, 0));
    }

    @Test
    void postfixCastsSubscriptsFieldsCollateAndTimeZones() {
        assertExpr("x::int + 1", "(CAST(x AS int) + 1)");
        assertExpr("a[1]::text", "CAST((a)[1] AS text)");
        assertExpr("x::text::int", "CAST(CAST(x AS text) AS int)");
        assertExpr("a[1:2][3]", "((a)[1:2])[3]");
        assertExpr("a[:2] || a[1:] || a[:]", "(((a)[:2] || (a)[1:]) || (a)[:])");
        assertExpr("(x).f", "(x).f");
        assertExpr("(x).*", "(x).*");
        assertExpr("(f(x)).a.b", "((f(x)).a).b");
        assertExpr("t.c[1].f", "((t.c)[1]).f");
        assertExpr("$1[2]", "($1)[2]");
        assertExpr("a COLLATE \"C\" || b", "((a COLLATE \"C\") || b)");
        assertExpr("a COLLATE pg_catalog.\"default\" < b", "((a COLLATE pg_catalog.\"default\") < b)");
        assertExpr("ts AT TIME ZONE 'UTC' + i", "((ts AT TIME ZONE 'UTC') + i)");
        assertExpr("a * b AT TIME ZONE z", "(a * (b AT TIME ZONE z))");
    }

    @Test
    void literals() {
        assertExpr("1.5e10 + .5 + 42", "((1.5e10 + .5) + 42)");
        assertExpr("'it''s'", "'it''s'");
        assertExpr("E'a\\tb'", "'a\tb'");
        assertExpr("$$x$$", "'x'");
        assertExpr("B'0101' | X'1F'", "(B'0101' | X'1F')");
        assertExpr("TRUE AND FALSE OR NULL", "((TRUE AND FALSE) OR NULL)");
        assertExpr("DATE '2024-01-01'", "date '2024-01-01'");
        assertExpr("TIMESTAMP '2024-01-01 00:00'", "timestamp '2024-01-01 00:00'");
        assertExpr("TIMESTAMP(3) WITH TIME ZONE 'now'", "timestamp(3) with time zone 'now'");
        assertExpr("TIME WITHOUT TIME ZONE '12:00'", "time without time zone '12:00'");
        assertExpr("INTERVAL '1 day'", "interval '1 day'");
        assertExpr("INTERVAL '1' DAY", "interval '1' day");
        assertExpr("INTERVAL '1' DAY TO SECOND(3)", "interval '1' day to second(3)");
        assertExpr("INTERVAL(2) '1 s'", "interval(2) '1 s'");
        assertExpr("int4 '5'", "int4 '5'");
        assertExpr("pg_catalog.int4 '5'", "pg_catalog.int4 '5'");
        assertExpr("double precision '1.5'", "double precision '1.5'");
        assertExpr("varchar(3) 'abc'", "varchar(3) 'abc'");
        assertExpr("$1 + $2", "($1 + $2)");
        Expr typed = Parser.parseExpression("INTERVAL '2' HOUR");
        assertThat(((TypedLiteral) typed).type().intervalFields()).isEqualTo("hour");
    }

    @Test
    void typeNames() {
        assertExpr("CAST(x AS numeric(10, 2))", "CAST(x AS numeric(10, 2))");
        assertExpr("x::double precision", "CAST(x AS double precision)");
        assertExpr("x::character varying(10)", "CAST(x AS character varying(10))");
        assertExpr("x::char varying", "CAST(x AS char varying)");
        assertExpr("x::national character(2)", "CAST(x AS national character(2))");
        assertExpr("x::bit varying(8)", "CAST(x AS bit varying(8))");
        assertExpr("x::float(24)", "CAST(x AS float(24))");
        assertExpr("x::timestamp(3) with time zone", "CAST(x AS timestamp(3) with time zone)");
        assertExpr("x::interval hour to minute", "CAST(x AS interval hour to minute)");
        assertExpr("x::int[]", "CAST(x AS int[])");
        assertExpr("x::int[3][]", "CAST(x AS int[3][])");
        assertExpr("x::int ARRAY[4]", "CAST(x AS int[4])");
        assertExpr("x::text ARRAY", "CAST(x AS text[])");
        assertExpr("x::varchar(10)[]", "CAST(x AS varchar(10)[])");
        assertExpr("x::pg_catalog.int4", "CAST(x AS pg_catalog.int4)");
        assertExpr("x::\"MyType\"", "CAST(x AS \"MyType\")");
        assertExpr("x::\"double\"", "CAST(x AS \"double\")");
    }

    @Test
    void functionCalls() {
        assertExpr("count(*)", "count(*)");
        assertExpr("count(DISTINCT x)", "count(DISTINCT x)");
        assertExpr("count(ALL x)", "count(x)");
        assertExpr("string_agg(x, ',' ORDER BY y DESC NULLS LAST)", "string_agg(x, ',' ORDER BY y DESC NULLS LAST)");
        assertExpr("array_agg(x ORDER BY y USING >)", "array_agg(x ORDER BY y USING >)");
        assertExpr("percentile_cont(0.5) WITHIN GROUP (ORDER BY x)", "percentile_cont(0.5) WITHIN GROUP (ORDER BY x)");
        assertExpr("sum(x) FILTER (WHERE x > 0)", "sum(x) FILTER (WHERE (x > 0))");
        assertExpr("count(*) FILTER (WHERE a) OVER w", "count(*) FILTER (WHERE a) OVER w");
        assertExpr("f(a => 1, b := 2)", "f(a => 1, b => 2)");
        assertExpr("f(x, VARIADIC arr)", "f(x, VARIADIC arr)");
        assertExpr("s.f()", "s.f()");
        assertExpr("left('abc', 2) || right('abc', 1)", "(left('abc', 2) || right('abc', 1))");
        assertExpr("coalesce(a, b, c)", "coalesce(a, b, c)");
        assertExpr("nullif(a, b)", "nullif(a, b)");
        assertExpr("greatest(1, 2) + least(3, 4)", "(greatest(1, 2) + least(3, 4))");
        assertExpr("grouping(a, b)", "grouping(a, b)");
        assertExpr("current_schema()", "current_schema()");
    }

    @Test
    void windowCalls() {
        assertExpr("rank() OVER ()", "rank() OVER ()");
        assertExpr("sum(x) OVER w", "sum(x) OVER w");
        assertExpr("sum(x) OVER (w ORDER BY y)", "sum(x) OVER (w ORDER BY y)");
        assertExpr("sum(x) OVER (PARTITION BY a, b ORDER BY c ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
                "sum(x) OVER (PARTITION BY a, b ORDER BY c ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)");
        assertExpr("avg(x) OVER (ORDER BY t RANGE BETWEEN INTERVAL '1 day' PRECEDING AND 2 FOLLOWING EXCLUDE CURRENT ROW)",
                "avg(x) OVER (ORDER BY t RANGE BETWEEN interval '1 day' PRECEDING AND 2 FOLLOWING EXCLUDE CURRENT ROW)");
        assertExpr("first_value(x) OVER (ORDER BY y GROUPS 1 PRECEDING EXCLUDE GROUP)",
                "first_value(x) OVER (ORDER BY y GROUPS 1 PRECEDING EXCLUDE GROUP)");
        assertExpr("lag(x) OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE TIES)",
                "lag(x) OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE TIES)");
        assertExpr("lag(x) OVER (ROWS UNBOUNDED PRECEDING EXCLUDE NO OTHERS)",
                "lag(x) OVER (ROWS UNBOUNDED PRECEDING)");
    }

    @Test
    void specialSyntaxFunctions() {
        assertExpr("EXTRACT(YEAR FROM d)", "EXTRACT(year FROM d)");
        assertExpr("EXTRACT(epoch FROM d)", "EXTRACT(epoch FROM d)");
        assertExpr("EXTRACT('Dow' FROM d)", "EXTRACT('Dow' FROM d)");
        assertExpr("SUBSTRING(s FROM 2 FOR 3)", "SUBSTRING(s FROM 2 FOR 3)");
        assertExpr("SUBSTRING(s FOR 3 FROM 2)", "SUBSTRING(s FROM 2 FOR 3)");
        assertExpr("SUBSTRING(s FROM 2)", "SUBSTRING(s FROM 2)");
        assertExpr("substring(s, 2, 3)", "substring(s, 2, 3)");
        assertExpr("SUBSTRING(s SIMILAR 'a#\"b#\"c' ESCAPE '#')", "substring(s, 'a#\"b#\"c', '#')");
        assertExpr("POSITION('b' IN 'abc')", "POSITION('b' IN 'abc')");
        assertExpr("POSITION(a || b IN c)", "POSITION((a || b) IN c)");
        assertExpr("TRIM(s)", "TRIM(BOTH FROM s)");
        assertExpr("TRIM(BOTH 'x' FROM s)", "TRIM(BOTH 'x' FROM s)");
        assertExpr("TRIM(LEADING FROM s)", "TRIM(LEADING FROM s)");
        assertExpr("TRIM(TRAILING 'x' FROM s)", "TRIM(TRAILING 'x' FROM s)");
        assertExpr("trim(s, 'xy')", "TRIM(BOTH 'xy' FROM s)");
        assertExpr("OVERLAY(s PLACING 'x' FROM 2 FOR 3)", "OVERLAY(s PLACING 'x' FROM 2 FOR 3)");
        assertExpr("OVERLAY(s PLACING 'x' FROM 2)", "OVERLAY(s PLACING 'x' FROM 2)");
        assertExpr("CURRENT_DATE", "CURRENT_DATE");
        assertExpr("CURRENT_TIME(2)", "CURRENT_TIME(2)");
        assertExpr("CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP");
        assertExpr("CURRENT_TIMESTAMP(3)", "CURRENT_TIMESTAMP(3)");
        assertExpr("LOCALTIME + LOCALTIMESTAMP(0)", "(LOCALTIME + LOCALTIMESTAMP(0))");
        assertExpr("CURRENT_USER = SESSION_USER", "(CURRENT_USER = SESSION_USER)");
        assertExpr("CURRENT_ROLE", "CURRENT_ROLE");
        assertExpr("normalize(s, NFKC)", "\"normalize\"(s, 'nfkc')");
    }

    @Test
    void caseCastSubqueriesArraysAndRows() {
        assertExpr("CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' ELSE 'c' END",
                "CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' ELSE 'c' END");
        assertExpr("CASE WHEN a > 1 THEN 1 END", "CASE WHEN (a > 1) THEN 1 END");
        assertExpr("CAST(x AS int)", "CAST(x AS int)");
        assertExpr("EXISTS (SELECT 1 FROM t)", "EXISTS (SELECT 1 FROM t)");
        assertExpr("NOT EXISTS (SELECT 1)", "(NOT EXISTS (SELECT 1))");
        assertExpr("(SELECT max(x) FROM t) + 1", "((SELECT max(x) FROM t) + 1)");
        assertExpr("((SELECT 1)) + 1", "((SELECT 1) + 1)");
        assertExpr("((SELECT 1) + 1)", "((SELECT 1) + 1)");
        assertExpr("(SELECT ARRAY[1])[1]", "((SELECT ARRAY[1]))[1]");
        assertExpr("a = ANY (ARRAY[1, 2])", "(a = ANY (ARRAY[1, 2]))");
        assertExpr("a = SOME (SELECT 1)", "(a = ANY (SELECT 1))");
        assertExpr("a < ALL (SELECT 1)", "(a < ALL (SELECT 1))");
        assertExpr("a = ANY ((SELECT arr))", "(a = ANY (SELECT arr))");
        assertExpr("a LIKE ANY (pats)", "(a LIKE ANY (pats))");
        assertExpr("a NOT ILIKE ALL (pats)", "(a NOT ILIKE ALL (pats))");
        assertExpr("ARRAY[1, 2] || ARRAY[]", "(ARRAY[1, 2] || ARRAY[])");
        assertExpr("ARRAY[[1, 2], [3, 4]]", "ARRAY[ARRAY[1, 2], ARRAY[3, 4]]");
        assertExpr("ARRAY(SELECT x FROM t)", "ARRAY(SELECT x FROM t)");
        assertExpr("ROW(1, 'a')", "ROW(1, 'a')");
        assertExpr("ROW()", "ROW()");
        assertExpr("ROW(1)", "ROW(1)");
        assertExpr("(1, 'a') = (2, 'b')", "((1, 'a') = (2, 'b'))");
    }

    @Test
    void columnReferencesAndStars() {
        Expr c = assertExpr("s.t.c", "s.t.c");
        assertThat(((ColumnRef) c).names()).containsExactly("s", "t", "c");
        assertExpr("\"T\".\"Col\"", "\"T\".\"Col\"");
        assertExpr("t.*", "t.*");
        assertExpr("count(t.*)", "count(t.*)");
    }

    @Test
    void nodesArePositionedAtTheirFirstToken() {
        String sql = "SELECT a.b + f(x) FROM t WHERE NOT c";
        dev.lodedb.sql.ast.Query q = (dev.lodedb.sql.ast.Query) Parser.parse(sql);
        dev.lodedb.sql.ast.Select select = (dev.lodedb.sql.ast.Select) q.body();
        BinaryOp plus = (BinaryOp) select.targets().get(0).expr();
        assertThat(plus.position()).isEqualTo(sql.indexOf("a.b"));
        assertThat(plus.right().position()).isEqualTo(sql.indexOf("f(x)"));
        assertThat(((dev.lodedb.sql.ast.FunctionCall) plus.right()).args().get(0).position()).isEqualTo(sql.indexOf("x)"));
        assertThat(select.from().get(0).position()).isEqualTo(sql.indexOf("t WHERE"));
        assertThat(select.where().position()).isEqualTo(sql.indexOf("NOT"));
        assertThat(select.position()).isZero();
        assertThat(AstEquality.positionFailure(q, sql)).isNull();
    }
}
