package dev.lodedb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.SqlException;
import org.junit.jupiter.api.Test;

/** {@link ErrorReport}: psql's error layout with the statement line and a caret. */
class CliErrorReportTest {
    @Test
    void caretUnderThePositionOnTheFirstLine() {
        SqlException e = new SqlException("42601", "syntax error at or near \"FORM\"", null, null, 10, null);
        assertThat(ErrorReport.format(e, "SELECT * FORM t;", "")).isEqualTo("""
                ERROR:  42601: syntax error at or near "FORM"
                LINE 1: SELECT * FORM t;
                                 ^
                """);
    }

    @Test
    void laterLinesAreNumberedAndDetailAndHintFollow() {
        String sql = "SELECT 1,\n  zz\nFROM t;";
        SqlException e = new SqlException("42703", "column \"zz\" does not exist", "It is not there.",
                "Check the spelling.", sql.indexOf("zz") + 1, null);
        assertThat(ErrorReport.format(e, sql, "lode:f.sql:3: ")).isEqualTo("""
                lode:f.sql:3: ERROR:  42703: column "zz" does not exist
                LINE 2:   zz
                          ^
                DETAIL:  It is not there.
                HINT:  Check the spelling.
                """);
    }

    @Test
    void withoutPositionOnlyTheMessage() {
        SqlException e = new SqlException("22012", "division by zero");
        assertThat(ErrorReport.format(e, "SELECT 1/0;", "")).isEqualTo("ERROR:  22012: division by zero\n");
    }

    @Test
    void positionAtTheEndOfInput() {
        assertThat(ErrorReport.positionBlock("SELECT (1", 10)).isEqualTo("LINE 1: SELECT (1\n                 ^\n");
    }

    @Test
    void longLinesAreCutAroundThePosition() {
        String sql = "SELECT " + "a, ".repeat(40) + "zz, " + "b, ".repeat(40) + "c FROM t";
        String block = ErrorReport.positionBlock(sql, sql.indexOf("zz") + 1);
        String[] lines = block.split("\n");
        assertThat(lines[0]).startsWith("LINE 1: ...").endsWith("...");
        assertThat(lines[0].length()).isLessThanOrEqualTo("LINE 1: ".length() + 3 + 60 + 3);
        int caret = lines[1].indexOf('^');
        assertThat(lines[0].substring(caret, caret + 2)).isEqualTo("zz");
    }
}
