package dev.lodedb.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.Statement;

/** Shared assertions: parse, print canonically, re-parse, compare. */
final class ParserAssertions {

    private ParserAssertions() {
    }

    /** Parses {@code sql}, checks its canonical form, and that the form parses back to an equal tree. */
    static Statement assertPrints(String sql, String expected) {
        Statement statement = Parser.parse(sql);
        assertThat(AstPrinter.print(statement)).as("canonical form of %s", sql).isEqualTo(expected);
        assertThat(AstEquality.roundTripFailure(statement)).as("round trip of %s", sql).isNull();
        return statement;
    }

    /** Parses {@code sql} as one expression and checks its fully parenthesized form. */
    static Expr assertExpr(String sql, String expected) {
        Expr expr = Parser.parseExpression(sql);
        assertThat(AstPrinter.print(expr)).as("canonical form of %s", sql).isEqualTo(expected);
        Expr again = Parser.parseExpression(expected);
        assertThat(AstEquality.withoutPositions(again)).as("re-parse of %s", expected)
                .isEqualTo(AstEquality.withoutPositions(expr));
        return expr;
    }

    /** Checks that {@code sql} fails with the given SQLSTATE, message and 1-based line/column. */
    static ParseException assertError(String sql, String sqlState, String message, int line, int column) {
        ParseException e = catchThrowableOfType(ParseException.class, () -> Parser.parse(sql));
        assertThat(e).as("error for %s", sql).isNotNull();
        assertThat(e.sqlState()).as("SQLSTATE for %s", sql).isEqualTo(sqlState);
        assertThat(e.getMessage()).as("message for %s", sql).isEqualTo(message);
        assertThat(e.line()).as("line for %s", sql).isEqualTo(line);
        assertThat(e.column()).as("column for %s", sql).isEqualTo(column);
        return e;
    }

    static ParseException assertSyntaxError(String sql, String message) {
        ParseException e = catchThrowableOfType(ParseException.class, () -> Parser.parse(sql));
        assertThat(e).as("error for %s", sql).isNotNull();
        assertThat(e.sqlState()).isEqualTo(ParseException.SYNTAX_ERROR);
        assertThat(e.getMessage()).isEqualTo(message);
        return e;
    }

    static ParseException assertUnsupported(String sql) {
        ParseException e = catchThrowableOfType(ParseException.class, () -> Parser.parse(sql));
        assertThat(e).as("error for %s", sql).isNotNull();
        assertThat(e.sqlState()).as("SQLSTATE for %s: %s", sql, e.getMessage())
                .isEqualTo(ParseException.FEATURE_NOT_SUPPORTED);
        assertThat(e.getMessage()).contains("not supported");
        return e;
    }
}
