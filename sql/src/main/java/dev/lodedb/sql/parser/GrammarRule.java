package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of the recursive-descent rule classes: token tests, expectations and PostgreSQL's name
 * productions ({@code ColId}, {@code ColLabel}, {@code type_function_name}, {@code BareColLabel},
 * {@code NonReservedWord}), which decide where keywords may serve as names.
 *
 * <p>Not thread-safe: rules share one {@link TokenCursor}.
 */
abstract class GrammarRule {

    final Grammar g;
    final TokenCursor in;

    GrammarRule(Grammar g) {
        this.g = g;
        this.in = g.in;
    }

    final Token peek() {
        return in.peek();
    }

    final Token peek(int ahead) {
        return in.peek(ahead);
    }

    final Token next() {
        return in.next();
    }

    final boolean is(TokenType type) {
        return in.peek().type() == type;
    }

    final boolean accept(TokenType type) {
        if (in.peek().type() == type) {
            in.next();
            return true;
        }
        return false;
    }

    final Token expect(TokenType type) {
        if (in.peek().type() != type) {
            throw in.syntaxError();
        }
        return in.next();
    }

    final boolean isKw(String keyword) {
        return in.peek().isKeyword(keyword);
    }

    final boolean isKw(int ahead, String keyword) {
        return in.peek(ahead).isKeyword(keyword);
    }

    final boolean acceptKw(String keyword) {
        if (in.peek().isKeyword(keyword)) {
            in.next();
            return true;
        }
        return false;
    }

    final Token expectKw(String keyword) {
        if (!in.peek().isKeyword(keyword)) {
            throw in.syntaxError();
        }
        return in.next();
    }

    final boolean isOp(String operator) {
        return in.peek().isOperator(operator);
    }

    final boolean acceptOp(String operator) {
        if (in.peek().isOperator(operator)) {
            in.next();
            return true;
        }
        return false;
    }

    final Token expectOp(String operator) {
        if (!in.peek().isOperator(operator)) {
            throw in.syntaxError();
        }
        return in.next();
    }

    final ParseException error() {
        return in.syntaxError();
    }

    final ParseException unsupported(Token at, String message) {
        return in.unsupported(at, message);
    }

    // ---------------------------------------------------------------- name classes

    static KeywordCategory category(Token t) {
        return t.type() == TokenType.KEYWORD ? Keywords.category(t.text()) : null;
    }

    /** {@code ColId}: identifier, unreserved or col_name keyword (columns, tables, aliases). */
    static boolean isColId(Token t) {
        if (t.type() == TokenType.IDENTIFIER || t.type() == TokenType.QUOTED_IDENTIFIER) {
            return true;
        }
        KeywordCategory c = category(t);
        return c == KeywordCategory.UNRESERVED || c == KeywordCategory.COL_NAME;
    }

    /** {@code type_function_name}: identifier, unreserved or type_func_name keyword. */
    static boolean isTypeFunctionName(Token t) {
        if (t.type() == TokenType.IDENTIFIER || t.type() == TokenType.QUOTED_IDENTIFIER) {
            return true;
        }
        KeywordCategory c = category(t);
        return c == KeywordCategory.UNRESERVED || c == KeywordCategory.TYPE_FUNC_NAME;
    }

    /** {@code NonReservedWord}: identifier or any non-reserved keyword. */
    static boolean isNonReservedWord(Token t) {
        if (t.type() == TokenType.IDENTIFIER || t.type() == TokenType.QUOTED_IDENTIFIER) {
            return true;
        }
        KeywordCategory c = category(t);
        return c != null && c != KeywordCategory.RESERVED;
    }

    /** {@code ColLabel}: identifier or any keyword (after AS and after a dot). */
    static boolean isColLabel(Token t) {
        return t.type() == TokenType.IDENTIFIER || t.type() == TokenType.QUOTED_IDENTIFIER
                || t.type() == TokenType.KEYWORD;
    }

    /** {@code BareColLabel}: a select-list alias written without AS. */
    static boolean isBareLabel(Token t) {
        return t.type() == TokenType.IDENTIFIER || t.type() == TokenType.QUOTED_IDENTIFIER
                || (t.type() == TokenType.KEYWORD && Keywords.isBareLabel(t.text()));
    }

    final String colId() {
        if (!isColId(peek())) {
            throw error();
        }
        return next().text();
    }

    final String colLabel() {
        if (!isColLabel(peek())) {
            throw error();
        }
        return next().text();
    }

    final String typeFunctionName() {
        if (!isTypeFunctionName(peek())) {
            throw error();
        }
        return next().text();
    }

    final String nonReservedWord() {
        if (!isNonReservedWord(peek())) {
            throw error();
        }
        return next().text();
    }

    /** {@code qualified_name} / {@code any_name}: {@code ColId { . ColLabel }}. */
    final QualifiedName qualifiedName() {
        Token first = peek();
        List<String> parts = new ArrayList<>(2);
        parts.add(colId());
        while (is(TokenType.DOT) && isColLabel(peek(1))) {
            next();
            parts.add(next().text());
        }
        if (is(TokenType.DOT)) {
            next();
            throw error();
        }
        return new QualifiedName(parts, first.start());
    }

    /** {@code qualified_name_list}. */
    final List<QualifiedName> qualifiedNameList() {
        List<QualifiedName> names = new ArrayList<>();
        do {
            names.add(qualifiedName());
        } while (accept(TokenType.COMMA));
        return names;
    }

    /** {@code name_list}: {@code ColId {, ColId}}. */
    final List<String> nameList() {
        List<String> names = new ArrayList<>();
        do {
            names.add(colId());
        } while (accept(TokenType.COMMA));
        return names;
    }

    /** {@code ( name_list )}. */
    final List<String> parenNameList() {
        expect(TokenType.LPAREN);
        List<String> names = nameList();
        expect(TokenType.RPAREN);
        return names;
    }

    /**
     * @param ahead lookahead distance of an opening parenthesis
     * @return lookahead distance of the matching closing parenthesis, or -1 when the statement
     *     ends first
     */
    final int matchingParen(int ahead) {
        int depth = 0;
        for (int k = ahead; ; k++) {
            Token t = peek(k);
            if (t.type() == TokenType.LPAREN) {
                depth++;
            } else if (t.type() == TokenType.RPAREN) {
                if (--depth == 0) {
                    return k;
                }
            } else if (t.type() == TokenType.EOF || t.type() == TokenType.SEMICOLON) {
                return -1;
            }
        }
    }

    /** {@code [IF NOT EXISTS]}. */
    final boolean ifNotExists() {
        if (isKw("if") && isKw(1, "not") && isKw(2, "exists")) {
            next();
            next();
            next();
            return true;
        }
        return false;
    }

    /** {@code [IF EXISTS]}. */
    final boolean ifExists() {
        if (isKw("if") && isKw(1, "exists")) {
            next();
            next();
            return true;
        }
        return false;
    }

    /** {@code [CASCADE | RESTRICT]}. */
    final dev.lodedb.sql.ast.DropBehavior dropBehavior() {
        if (acceptKw("cascade")) {
            return dev.lodedb.sql.ast.DropBehavior.CASCADE;
        }
        if (acceptKw("restrict")) {
            return dev.lodedb.sql.ast.DropBehavior.RESTRICT;
        }
        return dev.lodedb.sql.ast.DropBehavior.DEFAULT;
    }

    /** @return whether {@code t} can start a query: SELECT, VALUES, WITH or TABLE */
    static boolean startsQuery(Token t) {
        return t.isKeyword("select") || t.isKeyword("values") || t.isKeyword("with") || t.isKeyword("table");
    }
}
