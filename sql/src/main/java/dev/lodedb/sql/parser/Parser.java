package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry points of LodeDB's SQL front end: text in PostgreSQL's dialect to the syntax tree of
 * {@link dev.lodedb.sql.ast}.
 *
 * <ul>
 *   <li>{@link #parse(String)}: exactly one statement (a trailing {@code ;} is allowed);
 *   <li>{@link #parseScript(String)}: the statements of a script, separated by {@code ;} outside
 *       parentheses, string constants, dollar quotes and comments, each with its source span;
 *   <li>{@link #parseExpression(String)}: one value expression (for tests, defaults, tools).
 * </ul>
 *
 * <p>Errors: every failure is a {@link ParseException} (unchecked) with a PostgreSQL SQLSTATE —
 * {@code 42601} for syntax errors ({@code syntax error at or near "FORM"}, {@code syntax error at
 * end of input}, unterminated literals), {@code 0A000} for valid PostgreSQL syntax LodeDB does not
 * support, {@code 54001} for nesting beyond {@value TokenCursor#MAX_DEPTH} levels — positioned at
 * a 0-based offset with line and column. No other exception escapes for any input.
 *
 * <p>Positions in the tree are offsets into the text passed in (for scripts: into the whole
 * script).
 *
 * <p>Thread-safe: the methods are static and keep no shared state.
 */
public final class Parser {

    private Parser() {
    }

    /**
     * Parses exactly one statement.
     *
     * @param sql the statement, optionally followed by {@code ;}; not {@code null}
     * @return its syntax tree
     * @throws ParseException when the text is not exactly one valid statement
     */
    public static Statement parse(String sql) {
        List<Token> tokens = Lexer.tokenize(sql);
        int end = tokens.size() - 1;
        int semicolon = -1;
        int depth = 0;
        for (int i = 0; i < end; i++) {
            TokenType type = tokens.get(i).type();
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN) {
                depth = Math.max(0, depth - 1);
            } else if (type == TokenType.SEMICOLON && depth == 0) {
                semicolon = i;
                break;
            }
        }
        int limit = semicolon >= 0 ? semicolon : end;
        Statement statement = parseRange(sql, tokens, 0, limit);
        for (int i = limit + 1; i < end; i++) {
            Token extra = tokens.get(i);
            if (extra.type() != TokenType.SEMICOLON) {
                throw ParseException.at(sql, ParseException.SYNTAX_ERROR,
                        "syntax error at or near \"" + extra.source(sql)
                                + "\": expected a single statement; use parseScript for several", extra.start());
            }
        }
        return statement;
    }

    /**
     * Parses a script of statements separated by semicolons. Empty statements are skipped.
     *
     * @param sql the script; not {@code null}
     * @return the statements in order, each with its source span
     * @throws ParseException at the first statement that does not parse (positions refer to
     *     the whole script)
     */
    public static List<ParsedStatement> parseScript(String sql) {
        List<Token> tokens = Lexer.tokenize(sql);
        List<ParsedStatement> statements = new ArrayList<>();
        int end = tokens.size() - 1;
        int start = 0;
        int depth = 0;
        for (int i = 0; i <= end; i++) {
            TokenType type = tokens.get(i).type();
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN) {
                depth = Math.max(0, depth - 1);
            } else if ((type == TokenType.SEMICOLON && depth == 0) || i == end) {
                if (i > start) {
                    Statement statement = parseRange(sql, tokens, start, i);
                    int from = tokens.get(start).start();
                    int to = tokens.get(i - 1).end();
                    statements.add(new ParsedStatement(statement, sql.substring(from, to), from, to));
                }
                start = i + 1;
                depth = 0;
            }
        }
        return statements;
    }

    /**
     * Parses one value expression.
     *
     * @param sql the expression; not {@code null}
     * @return its syntax tree
     * @throws ParseException when the text is not exactly one valid expression
     */
    public static Expr parseExpression(String sql) {
        List<Token> tokens = Lexer.tokenize(sql);
        TokenCursor cursor = new TokenCursor(sql, tokens);
        cursor.range(0, tokens.size() - 1);
        Grammar grammar = new Grammar(cursor);
        try {
            Expr expr = grammar.expressions.expression();
            if (!cursor.atEnd()) {
                throw cursor.syntaxError();
            }
            return expr;
        } catch (ParseException e) {
            throw cursor.furthest(e);
        } catch (StackOverflowError e) {
            throw tooDeep(sql, cursor);
        }
    }

    private static Statement parseRange(String sql, List<Token> tokens, int start, int limit) {
        TokenCursor cursor = new TokenCursor(sql, tokens);
        cursor.range(start, limit);
        Grammar grammar = new Grammar(cursor);
        try {
            if (cursor.atEnd()) {
                throw cursor.syntaxError();
            }
            Statement statement = grammar.statements.statement();
            if (!cursor.atEnd()) {
                throw cursor.syntaxError();
            }
            return statement;
        } catch (ParseException e) {
            throw cursor.furthest(e);
        } catch (StackOverflowError e) {
            throw tooDeep(sql, cursor);
        }
    }

    private static ParseException tooDeep(String sql, TokenCursor cursor) {
        return ParseException.at(sql, ParseException.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded",
                cursor.peek().start());
    }
}
