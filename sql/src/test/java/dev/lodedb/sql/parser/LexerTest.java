package dev.lodedb.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LexerTest {

    private static List<Token> lex(String sql) {
        List<Token> tokens = Lexer.tokenize(sql);
        assertThat(tokens.get(tokens.size() - 1).type()).isEqualTo(TokenType.EOF);
        return tokens.subList(0, tokens.size() - 1);
    }

    private static String texts(String sql) {
        return lex(sql).stream().map(Token::text).collect(Collectors.joining(" | "));
    }

    private static String types(String sql) {
        return lex(sql).stream().map(t -> t.type().name()).collect(Collectors.joining(" "));
    }

    private static Token single(String sql) {
        List<Token> tokens = lex(sql);
        assertThat(tokens).hasSize(1);
        return tokens.get(0);
    }

    private static ParseException error(String sql) {
        ParseException e = catchThrowableOfType(ParseException.class, () -> Lexer.tokenize(sql));
        assertThat(e).as("lexing %s", sql).isNotNull();
        return e;
    }

    @Test
    void foldsUnquotedWordsAndClassifiesKeywords() {
        List<Token> tokens = lex("SELECT MyCol FROM Tbl");
        assertThat(tokens).extracting(Token::type).containsExactly(TokenType.KEYWORD, TokenType.IDENTIFIER,
                TokenType.KEYWORD, TokenType.IDENTIFIER);
        assertThat(tokens).extracting(Token::text).containsExactly("select", "mycol", "from", "tbl");
        assertThat(single("_a$1").text()).isEqualTo("_a$1");
        assertThat(single("ÄbC").text()).as("only ASCII letters fold").isEqualTo("Äbc");
        assertThat(Keywords.category("select")).isEqualTo(KeywordCategory.RESERVED);
        assertThat(Keywords.category("left")).isEqualTo(KeywordCategory.TYPE_FUNC_NAME);
        assertThat(Keywords.category("position")).isEqualTo(KeywordCategory.COL_NAME);
        assertThat(Keywords.category("value")).isEqualTo(KeywordCategory.UNRESERVED);
        assertThat(Keywords.category("date")).isNull();
        assertThat(Keywords.isBareLabel("year")).isFalse();
        assertThat(Keywords.isBareLabel("name")).isTrue();
    }

    @Test
    void quotedIdentifiersKeepCaseAndUnescapeQuotes() {
        Token t = single("\"My \"\"Col\"\"\"");
        assertThat(t.type()).isEqualTo(TokenType.QUOTED_IDENTIFIER);
        assertThat(t.text()).isEqualTo("My \"Col\"");
        assertThat(single("\"select\"").type()).isEqualTo(TokenType.QUOTED_IDENTIFIER);
        assertThat(single("U&\"d\\0061t\\+000061\"").text()).isEqualTo("data");
        assertThat(single("U&\"d!0061t\" UESCAPE '!'").text()).isEqualTo("dat");
        assertThat(error("\"\"").getMessage()).isEqualTo("zero-length delimited identifier at or near \"\"\"\"");
        ParseException e = error("SELECT \"abc");
        assertThat(e.getMessage()).isEqualTo("unterminated quoted identifier at or near \"\"abc\"");
        assertThat(e.position()).isEqualTo(7);
    }

    @Test
    void standardStringsDoubleQuotesAndContinueAcrossNewlines() {
        assertThat(single("'it''s'").text()).isEqualTo("it's");
        assertThat(single("'a\\nb'").text()).as("backslash is literal").isEqualTo("a\\nb");
        assertThat(single("'foo'\n'bar'").text()).isEqualTo("foobar");
        assertThat(single("'foo'  \n  -- comment\n 'bar'").text()).isEqualTo("foobar");
        assertThat(texts("'foo' 'bar'")).as("no newline, no continuation").isEqualTo("foo | bar");
        assertThat(single("N'x'").text()).isEqualTo("x");
        assertThat(single("''").text()).isEmpty();
        ParseException e = error("SELECT 'abc");
        assertThat(e.getMessage()).isEqualTo("unterminated quoted string at or near \"'abc\"");
        assertThat(e.position()).isEqualTo(7);
        assertThat(e.column()).isEqualTo(8);
    }

    @Test
    void escapeStringsDecodeBackslashEscapes() {
        assertThat(single("E'a\\nb\\tc\\\\d\\'e'").text()).isEqualTo("a\nb\tc\\d'e");
        assertThat(single("e'\\b\\f\\r'").text()).isEqualTo("\b\f\r");
        assertThat(single("E'\\x41\\x4a\\101'").text()).isEqualTo("AJA");
        assertThat(single("E'\\xC3\\xA9'").text()).as("bytes decode as UTF-8").isEqualTo("é");
        assertThat(single("E'\\u00e9\\U0001F600'").text()).isEqualTo("é\uD83D\uDE00");
        assertThat(single("E'\\uD83D\\uDE00'").text()).as("surrogate pair").isEqualTo("\uD83D\uDE00");
        assertThat(single("E'\\q'").text()).isEqualTo("q");
        assertThat(single("E'it''s'").text()).isEqualTo("it's");
        assertThat(single("E'a\\n'\n'\\t'").text()).as("continuation keeps escape mode").isEqualTo("a\n\t");
        assertThat(error("E'\\u12'").getMessage()).isEqualTo("invalid Unicode escape");
        assertThat(error("E'\\uD83D'").getMessage()).isEqualTo("invalid Unicode surrogate pair");
        assertThat(error("E'\\xff'").sqlState()).isEqualTo(ParseException.CHARACTER_NOT_IN_REPERTOIRE);
        assertThat(error("E'\\000'").sqlState()).isEqualTo(ParseException.CHARACTER_NOT_IN_REPERTOIRE);
        assertThat(error("E'abc\\'").getMessage()).startsWith("unterminated quoted string");
    }

    @Test
    void unicodeStrings() {
        assertThat(single("U&'d\\0061t\\+000061'").text()).isEqualTo("data");
        assertThat(single("u&'d!0061t' UESCAPE '!'").text()).isEqualTo("dat");
        assertThat(single("U&'a\\\\b'").text()).isEqualTo("a\\b");
        assertThat(error("U&'\\06'").getMessage()).isEqualTo("invalid Unicode escape");
        assertThat(error("U&'x' UESCAPE '+'").getMessage()).isEqualTo("invalid Unicode escape character");
    }

    @Test
    void dollarQuotedStrings() {
        assertThat(single("$$it's $x$ \\n$$").text()).isEqualTo("it's $x$ \\n");
        assertThat(single("$tag$a $$ b$tag$").text()).isEqualTo("a $$ b");
        assertThat(single("$Ta_1$x$Ta_1$").text()).isEqualTo("x");
        assertThat(texts("$a$x$a$$b$y$b$")).isEqualTo("x | y");
        ParseException e = error("SELECT $x$abc");
        assertThat(e.getMessage()).isEqualTo("unterminated dollar-quoted string at or near \"$x$abc\"");
        assertThat(e.position()).isEqualTo(7);
    }

    @Test
    void bitStrings() {
        Token b = single("B'0101'");
        assertThat(b.type()).isEqualTo(TokenType.BIT_STRING);
        assertThat(b.text()).isEqualTo("0101");
        Token x = single("x'1F'");
        assertThat(x.type()).isEqualTo(TokenType.HEX_STRING);
        assertThat(x.text()).isEqualTo("1F");
        assertThat(error("B'01").getMessage()).startsWith("unterminated quoted string");
    }

    @Test
    void numbers() {
        assertThat(types("123 1.5 .5 1e10 1.5E-3 5. 2e+4")).isEqualTo("INTEGER NUMERIC NUMERIC NUMERIC NUMERIC NUMERIC NUMERIC");
        assertThat(texts("123 1.5 .5 1e10 1.5E-3")).isEqualTo("123 | 1.5 | .5 | 1e10 | 1.5E-3");
        assertThat(single("9223372036854775807").type()).isEqualTo(TokenType.INTEGER);
        assertThat(single("9223372036854775808").type()).isEqualTo(TokenType.NUMERIC);
        assertThat(single("000000000000000000001").type()).isEqualTo(TokenType.INTEGER);
        assertThat(types("1..2")).as("1. is not taken before ..").isEqualTo("INTEGER DOT NUMERIC");
        assertThat(types("1e")).as("exponent without digits").isEqualTo("INTEGER IDENTIFIER");
        assertThat(types("123abc")).isEqualTo("INTEGER IDENTIFIER");
    }

    @Test
    void parameters() {
        Token p = single("$12");
        assertThat(p.type()).isEqualTo(TokenType.PARAMETER);
        assertThat(p.text()).isEqualTo("12");
        assertThat(single("$").type()).isEqualTo(TokenType.UNKNOWN);
    }

    @Test
    void operatorsFollowPostgresMultiCharacterRules() {
        assertThat(texts("<= >= <> != || -> ->> #> #>> @> <@ ?| ?& && ~~* !~ @@"))
                .isEqualTo("<= | >= | <> | <> | || | -> | ->> | #> | #>> | @> | <@ | ?| | ?& | && | ~~* | !~ | @@");
        assertThat(texts("a+-b")).as("trailing - dropped").isEqualTo("a | + | - | b");
        assertThat(texts("2*-3")).isEqualTo("2 | * | - | 3");
        assertThat(texts("a<-1")).isEqualTo("a | < | - | 1");
        assertThat(texts("a@-b")).as("@ allows a trailing -").isEqualTo("a | @- | b");
        assertThat(texts("a ~- b")).isEqualTo("a | ~- | b");
        assertThat(texts("a+--comment\nb")).as("comment start ends an operator").isEqualTo("a | + | b");
        assertThat(texts("a*/*c*/b")).isEqualTo("a | * | b");
        assertThat(types(":: := : ( ) [ ] , ; .")).isEqualTo(
                "TYPECAST COLON_EQUALS COLON LPAREN RPAREN LBRACKET RBRACKET COMMA SEMICOLON DOT");
        assertThat(single("\\").type()).isEqualTo(TokenType.UNKNOWN);
    }

    @Test
    void commentsNestAndReportUnterminated() {
        assertThat(texts("a -- x\n b /* c /* d */ e */ f")).isEqualTo("a | b | f");
        assertThat(texts("/**/a")).isEqualTo("a");
        ParseException e = error("SELECT 1 /* a /* b */");
        assertThat(e.getMessage()).isEqualTo("unterminated /* comment at or near \"/* a /* b */\"");
        assertThat(e.position()).isEqualTo(9);
    }

    @Test
    void tokensRecordOffsetsAndOffsetsMapToLineAndColumn() {
        String sql = "SELECT a,\n  \"B\" FROM t";
        List<Token> tokens = lex(sql);
        assertThat(tokens).extracting(Token::start).containsExactly(0, 7, 8, 12, 16, 21);
        assertThat(tokens.get(3).source(sql)).isEqualTo("\"B\"");
        assertThat(tokens.get(3).end()).isEqualTo(15);
        SourcePosition p = new Lexer(sql).position(12);
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.column()).isEqualTo(3);
        assertThat(SourcePosition.of(sql, 0)).isEqualTo(new SourcePosition(0, 1, 1));
        assertThat(SourcePosition.of(sql, 999).offset()).isEqualTo(sql.length());
        Lexer lexer = new Lexer("");
        assertThat(lexer.next().type()).isEqualTo(TokenType.EOF);
        assertThat(lexer.next().type()).isEqualTo(TokenType.EOF);
    }
}
