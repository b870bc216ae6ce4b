package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.ArrayConstructor;
import dev.lodedb.sql.ast.ArraySubquery;
import dev.lodedb.sql.ast.BitStringLiteral;
import dev.lodedb.sql.ast.BooleanLiteral;
import dev.lodedb.sql.ast.CaseExpr;
import dev.lodedb.sql.ast.Cast;
import dev.lodedb.sql.ast.ColumnRef;
import dev.lodedb.sql.ast.DefaultExpr;
import dev.lodedb.sql.ast.Exists;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.FieldSelection;
import dev.lodedb.sql.ast.IntegerLiteral;
import dev.lodedb.sql.ast.NullLiteral;
import dev.lodedb.sql.ast.NumericLiteral;
import dev.lodedb.sql.ast.Parameter;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.RowConstructor;
import dev.lodedb.sql.ast.ScalarSubquery;
import dev.lodedb.sql.ast.Star;
import dev.lodedb.sql.ast.StringLiteral;
import dev.lodedb.sql.ast.Subscript;
import dev.lodedb.sql.ast.TypeName;
import dev.lodedb.sql.ast.TypedLiteral;
import java.util.ArrayList;
import java.util.List;

/**
 * Primary expressions (PostgreSQL's {@code c_expr}): constants and typed literals
 * ({@code DATE '...'}, {@code INTERVAL '1' DAY}, {@code int4 '5'}), column references with
 * {@code t.*}, function calls (delegated to {@link FunctionParser}), parameters, parenthesized
 * expressions, row constructors and scalar subqueries (telling {@code ((SELECT 1) + 1)} from
 * {@code ((SELECT 1) UNION (SELECT 2))} by trying the query reading first), CASE, CAST, ARRAY,
 * EXISTS, ROW, and the subscripts and field selections that may follow column references,
 * parameters and parenthesized expressions.
 *
 * <p>Not thread-safe.
 */
final class PrimaryParser extends GrammarRule {

    PrimaryParser(Grammar g) {
        super(g);
    }


    /** {@code c_expr}: a primary expression (before postfix casts). */
    Expr primary() {
        Token t = peek();
        switch (t.type()) {
            case INTEGER:
                next();
                return new IntegerLiteral(Long.parseLong(t.text()), t.start());
            case NUMERIC:
                next();
                return new NumericLiteral(t.text(), t.start());
            case STRING:
                next();
                return new StringLiteral(t.text(), t.start());
            case BIT_STRING:
            case HEX_STRING:
                next();
                return new BitStringLiteral(t.text(), t.type() == TokenType.HEX_STRING, t.start());
            case PARAMETER:
                next();
                return indirection(new Parameter(Integer.parseInt(t.text()), t.start()));
            case LPAREN:
                return parenthesized();
            case IDENTIFIER:
            case QUOTED_IDENTIFIER:
                return nameExpression();
            case KEYWORD:
                return keywordExpression(t);
            default:
                throw error();
        }
    }

    private Expr keywordExpression(Token t) {
        boolean call = peek(1).type() == TokenType.LPAREN;
        switch (t.text()) {
            case "true":
            case "false":
                next();
                return new BooleanLiteral(t.text().equals("true"), t.start());
            case "null":
                next();
                return new NullLiteral(t.start());
            case "default":
                next();
                return new DefaultExpr(t.start());
            case "case":
                return caseExpression();
            case "cast": {
                next();
                expect(TokenType.LPAREN);
                Expr operand = g.expressions.expression();
                expectKw("as");
                TypeName type = g.types.typeName();
                expect(TokenType.RPAREN);
                return new Cast(operand, type, t.start());
            }
            case "array":
                return array();
            case "exists":
                if (call) {
                    next();
                    return new Exists(g.queries.parenthesizedQuery(), t.start());
                }
                break;
            case "row":
                if (call) {
                    next();
                    next();
                    List<Expr> fields = is(TokenType.RPAREN) ? List.of() : g.expressions.expressionList();
                    expect(TokenType.RPAREN);
                    return new RowConstructor(fields, true, t.start());
                }
                break;
            case "current_date":
            case "current_time":
            case "current_timestamp":
            case "localtime":
            case "localtimestamp":
            case "current_role":
            case "current_user":
            case "session_user":
            case "user":
            case "current_catalog":
                return g.functions.sqlValueFunction();
            case "current_schema":
                if (!call) {
                    return g.functions.sqlValueFunction();
                }
                break;
            default:
                if (call && FunctionParser.isSpecialFunction(t.text())) {
                    return g.functions.specialFunction();
                }
                if (TypeNameParser.isTypeKeyword(t.text())) {
                    Expr literal = tryTypedLiteral();
                    if (literal != null) {
                        return literal;
                    }
                }
                break;
        }
        KeywordCategory c = Keywords.category(t.text());
        if (c == KeywordCategory.UNRESERVED || c == KeywordCategory.COL_NAME
                || (c == KeywordCategory.TYPE_FUNC_NAME && call)) {
            return nameExpression();
        }
        throw error();
    }

    /**
     * A name-led expression: column reference {@code a.b.c}, {@code t.*}, function call
     * {@code s.f(...)}, or generic typed literal {@code typename 'string'}.
     */
    private Expr nameExpression() {
        Token first = next();
        List<String> names = new ArrayList<>(2);
        names.add(first.text());
        while (is(TokenType.DOT)) {
            Token after = peek(1);
            if (after.isOperator("*")) {
                next();
                next();
                return new Star(names, first.start());
            }
            if (!isColLabel(after)) {
                next();
                throw error();
            }
            next();
            names.add(next().text());
        }
        if (is(TokenType.LPAREN)) {
            if (names.size() == 1 && category(first) == KeywordCategory.COL_NAME) {
                throw error();
            }
            return g.functions.call(new QualifiedName(names, first.start()));
        }
        if (is(TokenType.STRING) && (names.size() > 1 || isTypeFunctionName(first))) {
            Token value = next();
            return new TypedLiteral(new TypeName(names, List.of(), List.of(), null, first.start()),
                    value.text(), first.start());
        }
        if (names.size() == 1 && category(first) == KeywordCategory.TYPE_FUNC_NAME) {
            throw in.syntaxErrorAt(first);
        }
        return indirection(new ColumnRef(names, first.start()));
    }

    /** {@code TYPE 'literal'} for the SQL type keywords; {@code null} (position unchanged) when no string follows. */
    private Expr tryTypedLiteral() {
        Token start = peek();
        int mark = in.mark();
        try {
            TypeName type;
            if (start.isKeyword("interval")) {
                next();
                List<Expr> precision = List.of();
                if (is(TokenType.LPAREN)) {
                    next();
                    precision = List.of(g.expressions.expression());
                    expect(TokenType.RPAREN);
                }
                if (!is(TokenType.STRING)) {
                    in.reset(mark);
                    return null;
                }
                Token value = next();
                TypeNameParser.IntervalQualifier fields = precision.isEmpty() ? g.types.intervalQualifier() : null;
                if (fields != null) {
                    precision = fields.precision() == null ? List.of() : List.of(fields.precision());
                }
                type = new TypeName(List.of("interval"), precision, List.of(),
                        fields == null ? null : fields.fields(), start.start());
                return new TypedLiteral(type, value.text(), start.start());
            }
            type = g.types.simpleTypeName();
            if (is(TokenType.STRING)) {
                return new TypedLiteral(type, next().text(), start.start());
            }
        } catch (ParseException e) {
            if (!ParseException.SYNTAX_ERROR.equals(e.sqlState())) {
                throw e;
            }
        }
        in.reset(mark);
        return null;
    }

    private Expr parenthesized() {
        Token open = peek();
        Query query = tryParenthesizedQuery();
        if (query != null) {
            return indirection(new ScalarSubquery(query, open.start()));
        }
        next();
        Expr first = g.expressions.expression();
        if (accept(TokenType.COMMA)) {
            List<Expr> fields = new ArrayList<>();
            fields.add(first);
            fields.addAll(g.expressions.expressionList());
            expect(TokenType.RPAREN);
            return new RowConstructor(fields, false, open.start());
        }
        expect(TokenType.RPAREN);
        return indirection(first);
    }

    /**
     * At {@code (}: when the parenthesized text is a query ({@code (SELECT ...)},
     * {@code ((SELECT ...) UNION ...)}), parses and returns it; otherwise returns {@code null}
     * with the position unchanged. Doubly parenthesized text is tried as a query first and, if
     * that fails, left for the caller to parse as an expression.
     */
    Query tryParenthesizedQuery() {
        if (!is(TokenType.LPAREN)) {
            return null;
        }
        int k = 1;
        while (peek(k).type() == TokenType.LPAREN) {
            k++;
        }
        if (!startsQuery(peek(k))) {
            return null;
        }
        if (k == 1) {
            return g.queries.parenthesizedQuery();
        }
        int mark = in.mark();
        try {
            return g.queries.parenthesizedQuery();
        } catch (ParseException e) {
            if (!ParseException.SYNTAX_ERROR.equals(e.sqlState())) {
                throw e;
            }
            in.recordFailure(e);
            in.reset(mark);
            return null;
        }
    }

    /** Subscripts {@code [i]}, slices {@code [a:b]} and field selections {@code .f} / {@code .*}. */
    private Expr indirection(Expr base) {
        while (true) {
            if (is(TokenType.LBRACKET)) {
                next();
                Expr lower = null;
                Expr upper = null;
                boolean slice = false;
                if (!is(TokenType.COLON)) {
                    lower = g.expressions.expression();
                }
                if (accept(TokenType.COLON)) {
                    slice = true;
                    if (!is(TokenType.RBRACKET)) {
                        upper = g.expressions.expression();
                    }
                }
                expect(TokenType.RBRACKET);
                base = new Subscript(base, lower, upper, slice, base.position());
            } else if (is(TokenType.DOT)) {
                Token after = peek(1);
                if (after.isOperator("*")) {
                    next();
                    next();
                    base = new FieldSelection(base, "*", base.position());
                } else if (isColLabel(after)) {
                    next();
                    next();
                    base = new FieldSelection(base, after.text(), base.position());
                } else {
                    next();
                    throw error();
                }
            } else {
                return base;
            }
        }
    }

    private Expr caseExpression() {
        Token start = next();
        Expr operand = isKw("when") ? null : g.expressions.expression();
        List<CaseExpr.When> whens = new ArrayList<>();
        while (isKw("when")) {
            Token when = next();
            Expr condition = g.expressions.expression();
            expectKw("then");
            whens.add(new CaseExpr.When(condition, g.expressions.expression(), when.start()));
        }
        if (whens.isEmpty()) {
            throw error();
        }
        Expr elseResult = acceptKw("else") ? g.expressions.expression() : null;
        expectKw("end");
        return new CaseExpr(operand, whens, elseResult, start.start());
    }

    private Expr array() {
        Token start = next();
        if (is(TokenType.LPAREN)) {
            return new ArraySubquery(g.queries.parenthesizedQuery(), start.start());
        }
        if (!is(TokenType.LBRACKET)) {
            throw error();
        }
        return arrayElements(start.start());
    }

    private ArrayConstructor arrayElements(int pos) {
        expect(TokenType.LBRACKET);
        List<Expr> elements = new ArrayList<>();
        if (accept(TokenType.RBRACKET)) {
            return new ArrayConstructor(elements, pos);
        }
        in.enter();
        try {
            if (is(TokenType.LBRACKET)) {
                do {
                    elements.add(arrayElements(peek().start()));
                } while (accept(TokenType.COMMA));
            } else {
                elements.addAll(g.expressions.expressionList());
            }
        } finally {
            in.exit();
        }
        expect(TokenType.RBRACKET);
        return new ArrayConstructor(elements, pos);
    }
}
