package dev.lodedb.sql.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written SQL tokenizer following PostgreSQL 15's lexical rules (documentation "Lexical
 * Structure", {@code src/backend/parser/scan.l}), with {@code standard_conforming_strings} on.
 *
 * <ul>
 *   <li>Unquoted words are folded to lower case (ASCII only, as PostgreSQL does for UTF-8) and
 *       looked up in {@link Keywords}; {@code "Quoted"} identifiers keep their case, {@code ""}
 *       escapes a quote.
 *   <li>Strings: {@code '...'} with {@code ''}; a string followed by whitespace containing a
 *       newline and another string continues it; {@code E'...'} backslash escapes; {@code U&'...'}
 *       Unicode escapes with optional {@code UESCAPE}; {@code N'...'}; {@code $$...$$} and
 *       {@code $tag$...$tag$}; {@code B'...'} and {@code X'...'} bit strings.
 *   <li>Numbers: {@code 123}, {@code 1.5}, {@code .5}, {@code 1e10}, {@code 1.5E-3}; an integer too
 *       large for a {@code long} becomes {@link TokenType#NUMERIC}.
 *   <li>Operators: the longest run of {@code + - * / < > = ~ ! @ # % ^ & | ` ?}, cut before an
 *       embedded comment start; a multi-character operator may end in {@code +} or {@code -} only
 *       if it contains one of {@code ~ ! @ # % ^ & | ` ?}.
 *   <li>Comments: {@code --} to end of line and nested {@code /* ... *}{@code /}.
 * </ul>
 *
 * <p>Errors (unterminated string, quoted identifier, comment or dollar quote; zero-length quoted
 * identifier; bad escape) are {@link ParseException}s positioned at the start of the offending
 * token. No regular expressions are used.
 *
 * <p>Not thread-safe: one instance reads one text. The static {@link #tokenize(String)} is
 * thread-safe.
 */
public final class Lexer {

    private final String sql;
    private final int length;
    private int pos;

    /**
     * @param sql the text to read; must not be {@code null}
     */
    public Lexer(String sql) {
        this.sql = sql;
        this.length = sql.length();
    }

    /**
     * Reads all tokens of {@code sql}.
     *
     * @param sql the text
     * @return the tokens, the last one {@link TokenType#EOF} at offset {@code sql.length()}
     * @throws ParseException on a lexical error
     */
    public static List<Token> tokenize(String sql) {
        Lexer lexer = new Lexer(sql);
        List<Token> tokens = new ArrayList<>(Math.max(16, sql.length() / 4));
        Token t;
        do {
            t = lexer.next();
            tokens.add(t);
        } while (t.type() != TokenType.EOF);
        return tokens;
    }

    /**
     * Maps an offset of the text to line and column.
     *
     * @param offset 0-based char index
     * @return its position
     */
    public SourcePosition position(int offset) {
        return SourcePosition.of(sql, offset);
    }

    /**
     * Reads the next token, skipping whitespace and comments.
     *
     * @return the token; {@link TokenType#EOF} (repeatedly) once the text is exhausted
     * @throws ParseException on a lexical error
     */
    public Token next() {
        skipWhitespaceAndComments();
        if (pos >= length) {
            return new Token(TokenType.EOF, "", length, length);
        }
        int start = pos;
        char c = sql.charAt(pos);
        char c1 = pos + 1 < length ? sql.charAt(pos + 1) : '\0';
        switch (c) {
            case '\'':
                return new Token(TokenType.STRING, readQuoted(start, start, false), start, pos);
            case '"':
                return quotedIdentifier(start);
            case '(':
                return single(TokenType.LPAREN);
            case ')':
                return single(TokenType.RPAREN);
            case '[':
                return single(TokenType.LBRACKET);
            case ']':
                return single(TokenType.RBRACKET);
            case ',':
                return single(TokenType.COMMA);
            case ';':
                return single(TokenType.SEMICOLON);
            case ':':
                if (c1 == ':') {
                    pos += 2;
                    return new Token(TokenType.TYPECAST, "::", start, pos);
                }
                if (c1 == '=') {
                    pos += 2;
                    return new Token(TokenType.COLON_EQUALS, ":=", start, pos);
                }
                return single(TokenType.COLON);
            case '.':
                if (isDigit(c1)) {
                    return number(start);
                }
                return single(TokenType.DOT);
            case '$':
                return dollar(start, c1);
            default:
                break;
        }
        if (isDigit(c)) {
            return number(start);
        }
        if (c1 == '\'') {
            switch (c) {
                case 'e':
                case 'E':
                    return new Token(TokenType.STRING, readQuoted(start, start + 1, true), start, pos);
                case 'n':
                case 'N':
                    return new Token(TokenType.STRING, readQuoted(start, start + 1, false), start, pos);
                case 'b':
                case 'B':
                    return new Token(TokenType.BIT_STRING, readQuoted(start, start + 1, false), start, pos);
                case 'x':
                case 'X':
                    return new Token(TokenType.HEX_STRING, readQuoted(start, start + 1, false), start, pos);
                default:
                    break;
            }
        }
        if ((c == 'u' || c == 'U') && c1 == '&' && pos + 2 < length) {
            char c2 = sql.charAt(pos + 2);
            if (c2 == '\'') {
                return unicodeString(start);
            }
            if (c2 == '"') {
                return unicodeIdentifier(start);
            }
        }
        if (isIdentStart(c)) {
            return word(start);
        }
        if (isOperatorChar(c)) {
            return operator(start);
        }
        pos += Character.charCount(sql.codePointAt(pos));
        return new Token(TokenType.UNKNOWN, sql.substring(start, pos), start, pos);
    }

    private Token single(TokenType type) {
        int start = pos++;
        return new Token(type, sql.substring(start, pos), start, pos);
    }

    // ---------------------------------------------------------------- whitespace and comments

    private void skipWhitespaceAndComments() {
        while (pos < length) {
            char c = sql.charAt(pos);
            if (isWhitespace(c)) {
                pos++;
            } else if (c == '-' && pos + 1 < length && sql.charAt(pos + 1) == '-') {
                skipLineComment();
            } else if (c == '/' && pos + 1 < length && sql.charAt(pos + 1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipLineComment() {
        while (pos < length && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int start = pos;
        int depth = 0;
        while (pos < length) {
            char c = sql.charAt(pos);
            char c1 = pos + 1 < length ? sql.charAt(pos + 1) : '\0';
            if (c == '/' && c1 == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && c1 == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw unterminated("unterminated /* comment", start);
    }

    // ---------------------------------------------------------------- identifiers and keywords

    private Token word(int start) {
        pos++;
        boolean hasUpper = false;
        while (pos < length && isIdentContinue(sql.charAt(pos))) {
            pos++;
        }
        for (int i = start; i < pos; i++) {
            char c = sql.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                hasUpper = true;
                break;
            }
        }
        String text = sql.substring(start, pos);
        if (hasUpper) {
            char[] chars = text.toCharArray();
            for (int i = 0; i < chars.length; i++) {
                if (chars[i] >= 'A' && chars[i] <= 'Z') {
                    chars[i] = (char) (chars[i] + ('a' - 'A'));
                }
            }
            text = new String(chars);
        }
        TokenType type = Keywords.isKeyword(text) ? TokenType.KEYWORD : TokenType.IDENTIFIER;
        return new Token(type, text, start, pos);
    }

    private Token quotedIdentifier(int start) {
        String name = readDoubleQuoted(start, start);
        if (name.isEmpty()) {
            throw ParseException.at(sql, ParseException.SYNTAX_ERROR,
                    "zero-length delimited identifier at or near \"\"\"\"", start);
        }
        return new Token(TokenType.QUOTED_IDENTIFIER, name, start, pos);
    }

    /** Reads {@code "..."} whose opening quote is at {@code quoteAt}; returns the unescaped body. */
    private String readDoubleQuoted(int tokenStart, int quoteAt) {
        pos = quoteAt + 1;
        StringBuilder out = new StringBuilder();
        while (true) {
            int close = sql.indexOf('"', pos);
            if (close < 0) {
                throw unterminated("unterminated quoted identifier", tokenStart);
            }
            out.append(sql, pos, close);
            if (close + 1 < length && sql.charAt(close + 1) == '"') {
                out.append('"');
                pos = close + 2;
            } else {
                pos = close + 1;
                return out.toString();
            }
        }
    }

    private Token unicodeIdentifier(int start) {
        String raw = readDoubleQuoted(start, start + 2);
        char escape = readUescape(start);
        String name = UnicodeEscapes.decode(sql, raw, escape, start);
        if (name.isEmpty()) {
            throw ParseException.at(sql, ParseException.SYNTAX_ERROR,
                    "zero-length delimited identifier at or near \"\"\"\"", start);
        }
        return new Token(TokenType.QUOTED_IDENTIFIER, name, start, pos);
    }

    // ---------------------------------------------------------------- strings

    /**
     * Reads a single-quoted string whose opening quote is at {@code quoteAt}, with continuation
     * segments; with {@code escapes} it decodes backslash escapes (E'' strings).
     */
    private String readQuoted(int tokenStart, int quoteAt, boolean escapes) {
        pos = quoteAt + 1;
        StringBuilder out = new StringBuilder();
        EscapeDecoder decoder = escapes ? new EscapeDecoder(sql, out) : null;
        while (true) {
            if (pos >= length) {
                throw unterminated("unterminated quoted string", tokenStart);
            }
            char c = sql.charAt(pos);
            if (c == '\'') {
                if (pos + 1 < length && sql.charAt(pos + 1) == '\'') {
                    append(out, decoder, '\'');
                    pos += 2;
                    continue;
                }
                pos++;
                int resume = continuation();
                if (resume < 0) {
                    if (decoder != null) {
                        decoder.finish(tokenStart);
                    }
                    return out.toString();
                }
                pos = resume;
            } else if (c == '\\' && decoder != null) {
                pos = decoder.escape(pos, tokenStart);
            } else {
                append(out, decoder, c);
                pos++;
            }
        }
    }

    private static void append(StringBuilder out, EscapeDecoder decoder, char c) {
        if (decoder != null) {
            decoder.appendChar(c);
        } else {
            out.append(c);
        }
    }

    /**
     * After a closing quote: if whitespace with at least one newline (and possibly {@code --}
     * comments) separates it from another quote, returns the offset just past that quote;
     * otherwise -1. This is SQL's string continuation.
     */
    private int continuation() {
        int p = pos;
        boolean newline = false;
        while (p < length) {
            char c = sql.charAt(p);
            if (c == '\n' || c == '\r') {
                newline = true;
                p++;
            } else if (c == ' ' || c == '\t' || c == '\f') {
                p++;
            } else if (newline && c == '-' && p + 1 < length && sql.charAt(p + 1) == '-') {
                while (p < length && sql.charAt(p) != '\n' && sql.charAt(p) != '\r') {
                    p++;
                }
            } else {
                break;
            }
        }
        if (newline && p < length && sql.charAt(p) == '\'') {
            return p + 1;
        }
        return -1;
    }

    private Token unicodeString(int start) {
        String raw = readQuoted(start, start + 2, false);
        char escape = readUescape(start);
        return new Token(TokenType.STRING, UnicodeEscapes.decode(sql, raw, escape, start), start, pos);
    }

    /**
     * Reads an optional {@code UESCAPE 'c'} after a U&amp; literal; returns the escape character
     * ({@code \} when absent) and leaves {@link #pos} after the clause.
     */
    private char readUescape(int tokenStart) {
        int save = pos;
        skipWhitespaceAndComments();
        if (pos + 7 <= length && sql.regionMatches(true, pos, "uescape", 0, 7)
                && (pos + 7 == length || !isIdentContinue(sql.charAt(pos + 7)))) {
            pos += 7;
            skipWhitespaceAndComments();
            if (pos + 2 < length && sql.charAt(pos) == '\'' && sql.charAt(pos + 2) == '\''
                    && (pos + 3 >= length || sql.charAt(pos + 3) != '\'')) {
                char escape = sql.charAt(pos + 1);
                if (isHexDigit(escape) || escape == '+' || escape == '\'' || escape == '"'
                        || isWhitespace(escape)) {
                    throw ParseException.at(sql, ParseException.SYNTAX_ERROR,
                            "invalid Unicode escape character", pos);
                }
                pos += 3;
                return escape;
            }
            throw ParseException.at(sql, ParseException.SYNTAX_ERROR,
                    "UESCAPE must be followed by a simple string literal", tokenStart);
        }
        pos = save;
        return '\\';
    }

    private Token dollar(int start, char c1) {
        if (isDigit(c1)) {
            pos++;
            while (pos < length && isDigit(sql.charAt(pos))) {
                pos++;
            }
            String digits = sql.substring(start + 1, pos);
            if (digits.length() > 9) {
                throw ParseException.at(sql, ParseException.SYNTAX_ERROR,
                        "parameter number too large at or near \"" + sql.substring(start, pos) + "\"", start);
            }
            return new Token(TokenType.PARAMETER, digits, start, pos);
        }
        // $tag$ or $$: tag is an identifier without '$'
        int p = start + 1;
        if (p < length && isIdentStart(sql.charAt(p))) {
            p++;
            while (p < length && isIdentContinue(sql.charAt(p)) && sql.charAt(p) != '$') {
                p++;
            }
        }
        if (p < length && sql.charAt(p) == '$') {
            String delimiter = sql.substring(start, p + 1);
            int bodyStart = p + 1;
            int close = sql.indexOf(delimiter, bodyStart);
            if (close < 0) {
                throw unterminated("unterminated dollar-quoted string", start);
            }
            pos = close + delimiter.length();
            return new Token(TokenType.STRING, sql.substring(bodyStart, close), start, pos);
        }
        pos++;
        return new Token(TokenType.UNKNOWN, "$", start, pos);
    }

    // ---------------------------------------------------------------- numbers

    private Token number(int start) {
        boolean real = false;
        while (pos < length && isDigit(sql.charAt(pos))) {
            pos++;
        }
        if (pos < length && sql.charAt(pos) == '.'
                && !(pos + 1 < length && sql.charAt(pos + 1) == '.')) {
            real = true;
            pos++;
            while (pos < length && isDigit(sql.charAt(pos))) {
                pos++;
            }
        }
        if (pos < length && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
            int p = pos + 1;
            if (p < length && (sql.charAt(p) == '+' || sql.charAt(p) == '-')) {
                p++;
            }
            if (p < length && isDigit(sql.charAt(p))) {
                real = true;
                pos = p;
                while (pos < length && isDigit(sql.charAt(pos))) {
                    pos++;
                }
            }
        }
        String text = sql.substring(start, pos);
        if (!real && fitsInLong(text)) {
            return new Token(TokenType.INTEGER, text, start, pos);
        }
        return new Token(TokenType.NUMERIC, text, start, pos);
    }

    private static boolean fitsInLong(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        int significant = digits.length() - i;
        if (significant < 19) {
            return true;
        }
        if (significant > 19) {
            return false;
        }
        return digits.substring(i).compareTo("9223372036854775807") <= 0;
    }

    // ---------------------------------------------------------------- operators

    private Token operator(int start) {
        int p = start;
        while (p < length && isOperatorChar(sql.charAt(p))) {
            char c = sql.charAt(p);
            if (p > start && p + 1 < length
                    && ((c == '-' && sql.charAt(p + 1) == '-') || (c == '/' && sql.charAt(p + 1) == '*'))) {
                break;
            }
            p++;
        }
        int n = p - start;
        char last = sql.charAt(start + n - 1);
        if (n > 1 && (last == '+' || last == '-')) {
            boolean special = false;
            for (int i = start; i < start + n - 1; i++) {
                if ("~!@#^&|`?%".indexOf(sql.charAt(i)) >= 0) {
                    special = true;
                    break;
                }
            }
            if (!special) {
                do {
                    n--;
                } while (n > 1 && (sql.charAt(start + n - 1) == '+' || sql.charAt(start + n - 1) == '-'));
            }
        }
        pos = start + n;
        String text = sql.substring(start, pos);
        if (text.equals("!=")) {
            text = "<>";
        }
        return new Token(TokenType.OPERATOR, text, start, pos);
    }

    // ---------------------------------------------------------------- helpers

    private ParseException unterminated(String what, int start) {
        return ParseException.at(sql, ParseException.SYNTAX_ERROR,
                what + " at or near \"" + sql.substring(start) + "\"", start);
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentContinue(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    static boolean isOperatorChar(char c) {
        switch (c) {
            case '+': case '-': case '*': case '/': case '<': case '>': case '=': case '~':
            case '!': case '@': case '#': case '%': case '^': case '&': case '|': case '`': case '?':
                return true;
            default:
                return false;
        }
    }
}
