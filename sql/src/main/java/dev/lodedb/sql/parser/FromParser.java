package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.Alias;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.FunctionTable;
import dev.lodedb.sql.ast.JoinRef;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.SubqueryRef;
import dev.lodedb.sql.ast.TableName;
import dev.lodedb.sql.ast.TableRef;
import java.util.ArrayList;
import java.util.List;

/**
 * FROM clauses: comma lists of table references; named tables with {@code ONLY} and aliases
 * ({@code [AS] alias [(columns)]}); subqueries and {@code (VALUES ...)}; table functions with
 * named arguments and {@code WITH ORDINALITY}; {@code LATERAL}; joins ({@code [INNER]},
 * {@code LEFT|RIGHT|FULL [OUTER]}, {@code CROSS}, {@code NATURAL}) with {@code ON} or
 * {@code USING}, left-associative, parenthesized joins with aliases, and right-nested joins
 * ({@code a JOIN b JOIN c ON x ON y}).
 *
 * <p>Not thread-safe.
 */
final class FromParser extends GrammarRule {

    FromParser(Grammar g) {
        super(g);
    }

    /** {@code from_list}. */
    List<TableRef> fromList() {
        List<TableRef> items = new ArrayList<>();
        do {
            items.add(tableRef());
        } while (accept(TokenType.COMMA));
        return items;
    }

    private TableRef tableRef() {
        in.enter();
        try {
            TableRef left = tablePrimary();
            while (isJoinStart()) {
                left = join(left);
            }
            return left;
        } finally {
            in.exit();
        }
    }

    private boolean isJoinStart() {
        Token t = peek();
        if (t.type() != TokenType.KEYWORD) {
            return false;
        }
        switch (t.text()) {
            case "join":
            case "inner":
            case "left":
            case "right":
            case "full":
            case "natural":
                return true;
            case "cross":
                return isKw(1, "join");
            default:
                return false;
        }
    }

    private TableRef join(TableRef left) {
        int pos = left.position();
        if (acceptKw("cross")) {
            expectKw("join");
            TableRef right = tablePrimary();
            return new JoinRef(JoinRef.Type.CROSS, false, left, right, null, List.of(), null, null, pos);
        }
        boolean natural = acceptKw("natural");
        JoinRef.Type type = JoinRef.Type.INNER;
        if (acceptKw("left")) {
            type = JoinRef.Type.LEFT;
            acceptKw("outer");
        } else if (acceptKw("right")) {
            type = JoinRef.Type.RIGHT;
            acceptKw("outer");
        } else if (acceptKw("full")) {
            type = JoinRef.Type.FULL;
            acceptKw("outer");
        } else {
            acceptKw("inner");
        }
        expectKw("join");
        TableRef right = tablePrimary();
        if (natural) {
            return new JoinRef(type, true, left, right, null, List.of(), null, null, pos);
        }
        in.enter();
        try {
            while (isJoinStart()) {
                right = join(right);
            }
        } finally {
            in.exit();
        }
        if (acceptKw("on")) {
            Expr condition = g.expressions.expression();
            return new JoinRef(type, false, left, right, condition, List.of(), null, null, pos);
        }
        if (acceptKw("using")) {
            List<String> columns = parenNameList();
            String usingAlias = acceptKw("as") ? colId() : null;
            return new JoinRef(type, false, left, right, null, columns, usingAlias, null, pos);
        }
        throw error();
    }

    private TableRef tablePrimary() {
        Token start = peek();
        boolean lateral = acceptKw("lateral");
        Token t = peek();
        if (t.type() == TokenType.LPAREN) {
            return parenthesized(start, lateral);
        }
        if (t.isKeyword("rows") && isKw(1, "from")) {
            throw unsupported(t, "ROWS FROM (...) is not supported");
        }
        if (t.type() == TokenType.KEYWORD && FunctionParser.isSpecialFunction(t.text())
                && peek(1).type() == TokenType.LPAREN) {
            Expr call = g.functions.specialFunction();
            return functionTable(call, lateral, start.start());
        }
        if (!lateral && t.isKeyword("only")) {
            next();
            boolean parens = accept(TokenType.LPAREN);
            QualifiedName name = qualifiedName();
            if (parens) {
                expect(TokenType.RPAREN);
            }
            return new TableName(name, true, alias(false), start.start());
        }
        if (!isColId(t) && !(isTypeFunctionName(t) && peek(1).type() == TokenType.LPAREN)) {
            throw error();
        }
        QualifiedName name = functionOrTableName();
        if (is(TokenType.LPAREN)) {
            return functionTable(g.functions.call(name), lateral, start.start());
        }
        if (lateral) {
            throw error();
        }
        acceptOp("*");
        if (isKw("tablesample")) {
            throw unsupported(peek(), "TABLESAMPLE is not supported");
        }
        return new TableName(name, false, alias(false), start.start());
    }

    private QualifiedName functionOrTableName() {
        Token first = next();
        List<String> parts = new ArrayList<>(2);
        parts.add(first.text());
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

    private TableRef functionTable(Expr call, boolean lateral, int pos) {
        boolean ordinality = false;
        if (isKw("with") && isKw(1, "ordinality")) {
            next();
            next();
            ordinality = true;
        }
        return new FunctionTable(call, lateral, ordinality, alias(true), pos);
    }

    private TableRef parenthesized(Token start, boolean lateral) {
        Query query = g.primaries.tryParenthesizedQuery();
        if (query != null) {
            return new SubqueryRef(query, lateral, alias(false), start.start());
        }
        if (lateral) {
            throw error();
        }
        Token open = next();
        TableRef inner = tableRef();
        if (!(inner instanceof JoinRef join)) {
            throw error();
        }
        expect(TokenType.RPAREN);
        Alias alias = alias(false);
        if (alias == null) {
            return join;
        }
        return new JoinRef(join.type(), join.natural(), join.left(), join.right(), join.condition(), join.using(),
                join.usingAlias(), alias, open.start());
    }

    /**
     * {@code opt_alias_clause}: {@code [AS] ColId [(names)]}; for table functions, a column
     * definition list ({@code AS t(a int)}) is reported as unsupported.
     */
    Alias alias(boolean function) {
        Token t = peek();
        boolean as = acceptKw("as");
        if (!as && !isColId(t)) {
            return null;
        }
        if (as && function && is(TokenType.LPAREN)) {
            throw unsupported(peek(), "column definition lists for table functions are not supported");
        }
        Token nameToken = peek();
        String name = colId();
        List<String> columns = List.of();
        if (is(TokenType.LPAREN)) {
            next();
            columns = new ArrayList<>();
            do {
                columns.add(colId());
                if (function && !is(TokenType.COMMA) && !is(TokenType.RPAREN)) {
                    throw unsupported(peek(), "column definition lists for table functions are not supported");
                }
            } while (accept(TokenType.COMMA));
            expect(TokenType.RPAREN);
        }
        return new Alias(name, columns, nameToken.start());
    }

    /**
     * The target of UPDATE and DELETE: {@code [ONLY] name [*] [[AS] alias]}; an alias without AS
     * may not be {@code SET}.
     */
    TableName targetTable() {
        Token start = peek();
        boolean only = acceptKw("only");
        QualifiedName name = qualifiedName();
        acceptOp("*");
        Alias alias = null;
        Token t = peek();
        if (acceptKw("as") || (isColId(t) && !t.isKeyword("set"))) {
            Token n = peek();
            alias = new Alias(colId(), List.of(), n.start());
        }
        return new TableName(name, only, alias, start.start());
    }
}
