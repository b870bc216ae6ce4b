package dev.lodedb.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lodedb.sql.ast.CreateTable;
import dev.lodedb.sql.ast.Insert;
import dev.lodedb.sql.ast.Query;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptParserTest {

    @Test
    void splitsAtSemicolonsOutsideLiteralsAndComments() {
        String script = "CREATE TABLE t (a text);\n"
                + "INSERT INTO t VALUES ('x;y'), ($$;$$), (E'\\';'); -- a ; in a comment\n"
                + "/* ; */ SELECT \"a;b\" FROM t;;\n"
                + "SELECT 1";
        List<ParsedStatement> statements = Parser.parseScript(script);
        assertThat(statements).hasSize(4);
        assertThat(statements.get(0).statement()).isInstanceOf(CreateTable.class);
        assertThat(statements.get(1).statement()).isInstanceOf(Insert.class);
        assertThat(statements.get(2).statement()).isInstanceOf(Query.class);
        assertThat(statements).extracting(ParsedStatement::text).containsExactly("CREATE TABLE t (a text)",
                "INSERT INTO t VALUES ('x;y'), ($$;$$), (E'\\';')", "SELECT \"a;b\" FROM t", "SELECT 1");
        ParsedStatement third = statements.get(2);
        assertThat(script.substring(third.start(), third.end())).isEqualTo(third.text());
        assertThat(third.statement().position()).isEqualTo(third.start());
    }

    @Test
    void emptyScriptsHaveNoStatements() {
        assertThat(Parser.parseScript("")).isEmpty();
        assertThat(Parser.parseScript(" ;; -- nothing\n ; /* */")).isEmpty();
    }

    @Test
    void errorsReportScriptPositions() {
        String script = "SELECT 1;\nSELECT * FORM t;\nSELECT 2";
        ParseException e = catchThrowableOfType(ParseException.class, () -> Parser.parseScript(script));
        assertThat(e.getMessage()).isEqualTo("syntax error at or near \"FORM\"");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(10);
        assertThat(e.render(script)).isEqualTo("LINE 2: SELECT * FORM t;\n                 ^");
        ParseException unterminated = catchThrowableOfType(ParseException.class,
                () -> Parser.parseScript("SELECT 1; SELECT 'x"));
        assertThat(unterminated.position()).isEqualTo(17);
    }

    @Test
    void semicolonsInsideParenthesesDoNotSplit() {
        ParseException e = catchThrowableOfType(ParseException.class, () -> Parser.parseScript("SELECT (1; 2); SELECT 3"));
        assertThat(e.getMessage()).isEqualTo("syntax error at or near \";\"");
        assertThat(e.position()).isEqualTo(9);
    }
}
