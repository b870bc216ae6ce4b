package dev.lodedb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.cli.ScriptScanner.Item;
import dev.lodedb.cli.ScriptScanner.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ScriptScanner}: where statements end, and meta-commands among them. */
class CliScriptScannerTest {
    private static List<String> texts(String script) {
        return ScriptScanner.split(script).stream().map(Item::text).toList();
    }

    @Test
    void statementsEndAtSemicolons() {
        assertThat(texts("SELECT 1; SELECT 2;\nSELECT\n  3;")).containsExactly("SELECT 1;", "SELECT 2;", "SELECT\n  3;");
    }

    @Test
    void semicolonsInsideQuotesCommentsDollarQuotesAndParenthesesDoNotEnd() {
        assertThat(texts("SELECT 'a;b', \"x;y\" FROM t;")).containsExactly("SELECT 'a;b', \"x;y\" FROM t;");
        assertThat(texts("SELECT 'it''s;';")).containsExactly("SELECT 'it''s;';");
        assertThat(texts("SELECT E'\\';' AS q;")).containsExactly("SELECT E'\\';' AS q;");
        assertThat(texts("SELECT $$a;\nb$$, $fn$ ; $$ ; $fn$;")).containsExactly("SELECT $$a;\nb$$, $fn$ ; $$ ; $fn$;");
        assertThat(texts("SELECT 1 /* ; /* nested ; */ still ; */ + 1;")).containsExactly(
                "SELECT 1 /* ; /* nested ; */ still ; */ + 1;");
        assertThat(texts("SELECT 1 -- ; not the end\n+ 1;")).containsExactly("SELECT 1 -- ; not the end\n+ 1;");
        assertThat(texts("CREATE RULE r AS ON INSERT TO t DO (SELECT 1; SELECT 2);")).hasSize(1);
        assertThat(texts("SELECT $1, a$b$c FROM t; SELECT 2;")).containsExactly("SELECT $1, a$b$c FROM t;", "SELECT 2;");
    }

    @Test
    void leadingCommentsAndBlankStatementsAreDropped() {
        assertThat(texts("-- a comment\n\n  SELECT 1;;\n;  -- trailing\n")).containsExactly("SELECT 1;");
    }

    @Test
    void theLastStatementRunsWithoutSemicolonAtTheEnd() {
        assertThat(texts("SELECT 1; SELECT 2")).containsExactly("SELECT 1;", "SELECT 2");
    }

    @Test
    void metaCommandsAreItemsInOrderAndLeaveAHalfTypedStatementBuffered() {
        List<Item> items = ScriptScanner.split("\\x\nSELECT 1;\nSELECT\n\\timing on\n2;\n");
        assertThat(items).extracting(Item::kind).containsExactly(Kind.META, Kind.SQL, Kind.META, Kind.SQL);
        assertThat(items).extracting(Item::text).containsExactly("\\x", "SELECT 1;", "\\timing on", "SELECT\n2;");
        assertThat(items).extracting(Item::line).containsExactly(1, 2, 4, 5);
    }

    @Test
    void backslashGSendsTheBuffer() {
        assertThat(ScriptScanner.split("SELECT 1 \\g\n")).extracting(Item::kind, Item::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.SQL, "SELECT 1"));
    }

    @Test
    void feedsLineByLineAndKnowsWhenAStatementIsPending() {
        ScriptScanner s = new ScriptScanner();
        s.feed("SELECT 'a\n");
        assertThat(s.inStatement()).isTrue();
        s.feed("; still in the string\n");
        assertThat(s.drain()).isEmpty();
        s.feed("';\n");
        assertThat(s.drain()).extracting(Item::text).containsExactly("SELECT 'a\n; still in the string\n';");
        assertThat(s.inStatement()).isFalse();
        s.feed("-- only a comment\n");
        assertThat(s.inStatement()).isFalse();
        s.feed("SELECT 1");
        assertThat(s.inStatement()).isTrue();
        s.reset();
        assertThat(s.inStatement()).isFalse();
        assertThat(s.pendingText()).isEmpty();
    }

    @Test
    void theLineParserAcceptsCompleteInputOnly() {
        assertThat(SqlLineParser.isComplete("", "SELECT 1;")).isTrue();
        assertThat(SqlLineParser.isComplete("", "SELECT 1")).isFalse();
        assertThat(SqlLineParser.isComplete("", "SELECT 'a;")).isFalse();
        assertThat(SqlLineParser.isComplete("", "SELECT $$ ; $$ ;")).isTrue();
        assertThat(SqlLineParser.isComplete("", "")).isTrue();
        assertThat(SqlLineParser.isComplete("", "-- comment")).isTrue();
        assertThat(SqlLineParser.isComplete("", "\\d t")).isTrue();
        assertThat(SqlLineParser.isComplete("", "SELECT\n\\x")).isTrue();
        assertThat(SqlLineParser.isComplete("SELECT 1", "")).isFalse();
        assertThat(SqlLineParser.isComplete("SELECT 1", "+ 1;")).isTrue();
        assertThat(SqlLineParser.isComplete("", "SELECT '\\x")).isFalse();
    }
}
