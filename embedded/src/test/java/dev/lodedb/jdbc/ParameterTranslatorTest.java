package dev.lodedb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParameterTranslatorTest {
    private static String tr(String sql) {
        return ParameterTranslator.translate(sql).sql();
    }

    @Test
    void numbersMarkersInOrder() {
        assertThat(tr("SELECT * FROM t WHERE a = ? AND b IN (?, ?)"))
                .isEqualTo("SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)");
        assertThat(ParameterTranslator.translate("VALUES (?,?)").parameterCount()).isEqualTo(2);
        assertThat(tr("?")).isEqualTo("$1");
        assertThat(tr("")).isEmpty();
    }

    @Test
    void leavesStringConstantsAlone() {
        assertThat(tr("SELECT '?', ? , 'it''s ?'")).isEqualTo("SELECT '?', $1 , 'it''s ?'");
        // standard strings: a backslash is an ordinary character, so the quote after it closes the string
        assertThat(tr("SELECT 'a\\', ?")).isEqualTo("SELECT 'a\\', $1");
        // E'' strings: backslash escapes the quote
        assertThat(tr("SELECT E'a\\'?', ?")).isEqualTo("SELECT E'a\\'?', $1");
        assertThat(tr("SELECT e'\\\\', ?")).isEqualTo("SELECT e'\\\\', $1");
        // an identifier ending in e before a quote is not an E'' prefix
        assertThat(tr("SELECT some'\\', ?")).isEqualTo("SELECT some'\\', $1");
    }

    @Test
    void leavesQuotedIdentifiersAlone() {
        assertThat(tr("SELECT \"what?\", \"a\"\"?\" FROM t WHERE x = ?"))
                .isEqualTo("SELECT \"what?\", \"a\"\"?\" FROM t WHERE x = $1");
    }

    @Test
    void leavesCommentsAlone() {
        assertThat(tr("SELECT ? -- why?\n, ?")).isEqualTo("SELECT $1 -- why?\n, $2");
        assertThat(tr("SELECT /* a ? /* nested ? */ still ? */ ?")).isEqualTo("SELECT /* a ? /* nested ? */ still ? */ $1");
        assertThat(tr("SELECT 1 -- ? at the end")).isEqualTo("SELECT 1 -- ? at the end");
        assertThat(tr("SELECT 4 - ?")).isEqualTo("SELECT 4 - $1");
        assertThat(tr("SELECT 4 / ?")).isEqualTo("SELECT 4 / $1");
    }

    @Test
    void leavesDollarQuotesAlone() {
        assertThat(tr("SELECT $$?$$, ?")).isEqualTo("SELECT $$?$$, $1");
        assertThat(tr("SELECT $tag$ ? $$ ? $tag$, ?")).isEqualTo("SELECT $tag$ ? $$ ? $tag$, $1");
        // $1 written by the application and an identifier containing $ are not dollar quotes
        assertThat(tr("SELECT $1, ?")).isEqualTo("SELECT $1, $1");
        assertThat(tr("SELECT a$b$, ?")).isEqualTo("SELECT a$b$, $1");
    }

    @Test
    void doubledQuestionMarkIsALiteralQuestionMark() {
        assertThat(tr("SELECT doc ?? 'key', ?")).isEqualTo("SELECT doc ? 'key', $1");
        assertThat(ParameterTranslator.translate("SELECT a ?? b").parameterCount()).isZero();
    }

    @Test
    void unterminatedConstructsDoNotThrow() {
        assertThat(tr("SELECT 'open ?")).isEqualTo("SELECT 'open ?");
        assertThat(tr("SELECT \"open ?")).isEqualTo("SELECT \"open ?");
        assertThat(tr("SELECT /* open ?")).isEqualTo("SELECT /* open ?");
        assertThat(tr("SELECT $x$ open ?")).isEqualTo("SELECT $x$ open ?");
        assertThat(tr("SELECT $")).isEqualTo("SELECT $");
    }

    @Test
    void mapsPositionsBackToTheOriginalText() {
        //                                            1234567890123456789012345
        ParameterTranslator t = ParameterTranslator.translate("SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? + x");
        String s = t.sql();
        assertThat(s).isEqualTo("SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 + x");
        int xInTranslated = s.indexOf('x') + 1;
        int xInOriginal = t.originalSql().indexOf('x') + 1;
        assertThat(t.originalPosition(xInTranslated)).isEqualTo(xInOriginal);
        assertThat(t.originalPosition(1)).isEqualTo(1);
        // inside a marker: the marker's position
        assertThat(t.originalPosition(s.indexOf("$10") + 2)).isEqualTo(t.originalSql().indexOf("?, ? +") + 1);
    }
}
