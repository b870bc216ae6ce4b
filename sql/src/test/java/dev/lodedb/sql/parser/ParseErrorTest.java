package dev.lodedb.sql.parser;

import static dev.lodedb.sql.parser.ParserAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** Error messages, SQLSTATEs, positions and psql-style rendering. */
class ParseErrorTest {

    private static final String SYNTAX = ParseException.SYNTAX_ERROR;

    @Test
    void misspelledKeywordIsReportedAtTheOffendingToken() {
        String sql = "SELECT * FORM t";
        ParseException e = assertError(sql, SYNTAX, "syntax error at or near \"FORM\"", 1, 10);
        assertThat(e.position()).isEqualTo(9);
        assertThat(e.render(sql)).isEqualTo("LINE 1: SELECT * FORM t\n                 ^");
    }

    @Test
    void errorsOnLaterLinesReportLineAndColumn() {
        String sql = "SELECT a,\n       b\n  FROM t\n WHERE a = = 1";
        ParseException e = assertError(sql, SYNTAX, "syntax error at or near \"=\"", 4, 12);
        assertThat(e.render(sql)).isEqualTo("LINE 4:  WHERE a = = 1\n                   ^");
    }

    @Test
    void endOfInput() {
        String sql = "SELECT 1 +";
        ParseException e = assertError(sql, SYNTAX, "syntax error at end of input", 1, 11);
        assertThat(e.render(sql)).isEqualTo("LINE 1: SELECT 1 +\n                  ^");
        assertError("SELECT (1", SYNTAX, "syntax error at end of input", 1, 10);
        assertError("", SYNTAX, "syntax error at end of input", 1, 1);
        assertError("   -- only a comment", SYNTAX, "syntax error at end of input", 1, 21);
    }

    @Test
    void typicalMistakes() {
        assertError("SELECT FROM WHERE", SYNTAX, "syntax error at or near \"WHERE\"", 1, 13);
        assertError("SELECT a, FROM t", SYNTAX, "syntax error at or near \"FROM\"", 1, 11);
        assertError("SELECT * FROM t WHERE", SYNTAX, "syntax error at end of input", 1, 22);
        assertError("SELECT * FROM WHERE x", SYNTAX, "syntax error at or near \"WHERE\"", 1, 15);
        assertError("SELECT 1 * * 2", SYNTAX, "syntax error at or near \"*\"", 1, 12);
        assertError("SELECT 1 2", SYNTAX, "syntax error at or near \"2\"", 1, 10);
        assertError("SELECT * FROM t ORDER a", SYNTAX, "syntax error at or near \"a\"", 1, 23);
        assertError("INSERT INTO t VALUES (1,)", SYNTAX, "syntax error at or near \")\"", 1, 25);
        assertError("CREATE TABLE t (a int,)", SYNTAX, "syntax error at or near \")\"", 1, 23);
        assertError("SELECT * FROM select", SYNTAX, "syntax error at or near \"select\"", 1, 15);
        assertError("SELECT left FROM t", SYNTAX, "syntax error at or near \"left\"", 1, 8);
        assertError("SELECT 1 +; SELECT 2", SYNTAX, "syntax error at or near \";\"", 1, 11);
        assertError("SELECT 1 \\ 2", SYNTAX, "syntax error at or near \"\\\"", 1, 10);
        assertError("FOO BAR", SYNTAX, "syntax error at or near \"FOO\"", 1, 1);
        assertError("SELECT (1 + 2))", SYNTAX, "syntax error at or near \")\"", 1, 15);
        assertError("SELECT CASE WHEN a THEN 1", SYNTAX, "syntax error at end of input", 1, 26);
    }

    @Test
    void lexicalErrorsArePositionedAtTheLiteral() {
        assertError("SELECT 'abc", SYNTAX, "unterminated quoted string at or near \"'abc\"", 1, 8);
        assertError("SELECT 1 /* x", SYNTAX, "unterminated /* comment at or near \"/* x\"", 1, 10);
        assertError("SELECT \"abc", SYNTAX, "unterminated quoted identifier at or near \"\"abc\"", 1, 8);
        assertError("SELECT $$abc", SYNTAX, "unterminated dollar-quoted string at or near \"$$abc\"", 1, 8);
        assertError("SELECT\n  ''''y'", SYNTAX, "unterminated quoted string at or near \"'\"", 2, 8);
    }

    @Test
    void unsupportedFeaturesHaveSqlState0A000() {
        assertError("CREATE FUNCTION f() RETURNS int AS 'select 1' LANGUAGE sql", ParseException.FEATURE_NOT_SUPPORTED,
                "CREATE FUNCTION is not supported", 1, 8);
        assertError("DROP TRIGGER t ON x", ParseException.FEATURE_NOT_SUPPORTED, "DROP TRIGGER is not supported", 1, 6);
        assertError("CREATE TRIGGER t AFTER INSERT ON x EXECUTE FUNCTION f()", ParseException.FEATURE_NOT_SUPPORTED,
                "CREATE TRIGGER is not supported", 1, 8);
    }

    @Test
    void multipleStatementsNeedParseScript() {
        ParseException e = catchThrowableOfType(ParseException.class, () -> Parser.parse("SELECT 1; SELECT 2"));
        assertThat(e.sqlState()).isEqualTo(SYNTAX);
        assertThat(e.position()).isEqualTo(10);
        assertThat(Parser.parse("SELECT 1;")).isNotNull();
        assertThat(Parser.parse("SELECT 1 ; ;")).isNotNull();
    }

    @Test
    void deepNestingIsAStackDepthErrorNotACrash() {
        String deep = "SELECT " + "(".repeat(100_000) + "1" + ")".repeat(100_000);
        ParseException e = catchThrowableOfType(ParseException.class, () -> Parser.parse(deep));
        assertThat(e.sqlState()).isEqualTo(ParseException.STATEMENT_TOO_COMPLEX);
        assertThat(e.getMessage()).startsWith("stack depth limit exceeded");
        String minus = "SELECT " + "- ".repeat(100_000) + "1";
        assertThat(catchThrowableOfType(ParseException.class, () -> Parser.parse(minus)).sqlState())
                .isEqualTo(ParseException.STATEMENT_TOO_COMPLEX);
        String not = "SELECT " + "NOT ".repeat(100_000) + "true";
        assertThat(catchThrowableOfType(ParseException.class, () -> Parser.parse(not)).sqlState())
                .isEqualTo(ParseException.STATEMENT_TOO_COMPLEX);
        String subqueries = "SELECT " + "(SELECT ".repeat(50_000) + "1" + ")".repeat(50_000);
        assertThat(catchThrowableOfType(ParseException.class, () -> Parser.parse(subqueries)).sqlState())
                .isEqualTo(ParseException.STATEMENT_TOO_COMPLEX);
        String arrays = "SELECT ARRAY" + "[".repeat(50_000) + "1" + "]".repeat(50_000);
        assertThat(catchThrowableOfType(ParseException.class, () -> Parser.parse(arrays)).sqlState())
                .isEqualTo(ParseException.STATEMENT_TOO_COMPLEX);
        String joins = "SELECT * FROM " + "(".repeat(50_000) + "a JOIN b ON true" + ")".repeat(50_000);
        assertThat(catchThrowableOfType(ParseException.class, () -> Parser.parse(joins)).sqlState())
                .isEqualTo(ParseException.STATEMENT_TOO_COMPLEX);
    }

    @Test
    void reasonableNestingParses() {
        String nested = "SELECT " + "(".repeat(200) + "1" + ")".repeat(200);
        assertThat(AstPrinter.print(Parser.parse(nested))).isEqualTo("SELECT 1");
        String sums = "SELECT " + "1 + ".repeat(50_000) + "1";
        assertThat(Parser.parse(sums)).isNotNull();
        String subqueries = "SELECT " + "(SELECT ".repeat(50) + "1" + ")".repeat(50);
        assertThat(Parser.parse(subqueries)).isNotNull();
        String doubled = "SELECT " + "((SELECT 1) + ".repeat(40) + "1" + ")".repeat(40);
        assertThat(Parser.parse(doubled)).isNotNull();
    }

    @Test
    void renderCutsLongLinesAroundTheCaretLikePsql() {
        String sql = "SELECT " + "aaaaaaaaaa + ".repeat(10) + ") FROM t WHERE " + "bbbbbbbbbb AND ".repeat(10) + "c";
        ParseException e = catchThrowableOfType(ParseException.class, () -> Parser.parse(sql));
        String[] lines = e.render(sql).split("\n");
        assertThat(lines[0]).startsWith("LINE 1: ...").endsWith("...");
        assertThat(lines[0].length()).isEqualTo("LINE 1: ".length() + 3 + 60 + 3);
        int caret = lines[1].indexOf('^');
        assertThat(lines[0].substring(caret)).startsWith(") FROM");
        String shortLine = "SELECT ) FROM t WHERE " + "bbbbbbbbbb AND ".repeat(10) + "c";
        ParseException r = catchThrowableOfType(ParseException.class, () -> Parser.parse(shortLine));
        assertThat(r.render(shortLine).split("\n")[0]).isEqualTo("LINE 1: " + shortLine.substring(0, 60) + "...");
        String tabbed = "SELECT\t*\tFORM t";
        ParseException t = catchThrowableOfType(ParseException.class, () -> Parser.parse(tabbed));
        assertThat(t.render(tabbed)).isEqualTo("LINE 1: SELECT * FORM t\n                 ^");
        assertThat(new ParseException(SYNTAX, "x", -1, 0, 0).render("abc")).isEmpty();
        assertThat(t.toString()).contains("42601").contains("line 1, column 10");
    }
}
