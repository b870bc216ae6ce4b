package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.AtTimeZone;
import dev.lodedb.sql.ast.Between;
import dev.lodedb.sql.ast.BinaryOp;
import dev.lodedb.sql.ast.Cast;
import dev.lodedb.sql.ast.Collate;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.InList;
import dev.lodedb.sql.ast.InSubquery;
import dev.lodedb.sql.ast.IntegerLiteral;
import dev.lodedb.sql.ast.IsDistinctFrom;
import dev.lodedb.sql.ast.IsTest;
import dev.lodedb.sql.ast.Like;
import dev.lodedb.sql.ast.NumericLiteral;
import dev.lodedb.sql.ast.QuantifiedComparison;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.TypeName;
import dev.lodedb.sql.ast.UnaryOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Value expressions by precedence climbing over PostgreSQL 15's operator precedence (documentation
 * "Operator Precedence", {@code gram.y}'s precedence declarations), lowest to highest:
 *
 * <pre>
 *  1 OR                                  left
 *  2 AND                                 left
 *  3 NOT                                 right (prefix)
 *  4 IS, ISNULL, NOTNULL                 non-associative
 *  5 &lt; &gt; = &lt;= &gt;= &lt;&gt;                   non-associative
 *  6 BETWEEN IN LIKE ILIKE SIMILAR       non-associative
 *  7 any other operator (||, -&gt;, @&gt;, ...) left (also prefix)
 *  8 + -                                 left
 *  9 * / %                               left
 * 10 ^                                   left
 * 11 AT TIME ZONE                        left
 * 12 COLLATE                             left
 * 13 unary + -                           right (prefix)
 *    [ ] subscripts, :: casts, . fields  postfix, tightest
 * </pre>
 *
 * A prefix operator parses its operand at its own level, so {@code NOT a = b} is
 * {@code NOT (a = b)} and {@code -2 ^ 2} is {@code (-2) ^ 2}, exactly as PostgreSQL's grammar.
 * A minus sign before a numeric constant is folded into the constant. In restricted mode
 * (PostgreSQL's {@code b_expr}, used for column DEFAULT and POSITION) AND, OR, NOT, IS [NOT]
 * NULL/TRUE/..., and the pattern operators are not operators, so that {@code DEFAULT 0 NOT NULL}
 * reads as intended.
 *
 * <p>Not thread-safe.
 */
final class ExpressionParser extends GrammarRule {

    static final int OR = 1;
    static final int AND = 2;
    static final int NOT = 3;
    static final int IS = 4;
    static final int COMPARISON = 5;
    static final int PATTERN = 6;
    static final int OTHER = 7;
    static final int ADDITIVE = 8;
    static final int MULTIPLICATIVE = 9;
    static final int EXPONENT = 10;
    static final int AT_TIME_ZONE = 11;
    static final int COLLATE = 12;

    private boolean restricted;

    ExpressionParser(Grammar g) {
        super(g);
    }

    /** {@code a_expr}: a full expression. */
    Expr expression() {
        return withMode(false);
    }

    /** {@code b_expr}: an expression without boolean and pattern operators. */
    Expr restrictedExpression() {
        return withMode(true);
    }

    /** {@code expr_list}. */
    List<Expr> expressionList() {
        List<Expr> list = new ArrayList<>();
        do {
            list.add(expression());
        } while (accept(TokenType.COMMA));
        return list;
    }

    private Expr withMode(boolean mode) {
        boolean saved = restricted;
        restricted = mode;
        try {
            return parse(0);
        } finally {
            restricted = saved;
        }
    }

    /** Parses an expression whose infix operators all bind at least as tightly as {@code minPrecedence}. */
    private Expr parse(int minPrecedence) {
        in.enter();
        try {
            Expr left = prefix();
            while (true) {
                int p = infixPrecedence();
                if (p == 0 || p < minPrecedence) {
                    return left;
                }
                left = infix(left, p);
            }
        } finally {
            in.exit();
        }
    }

    // ---------------------------------------------------------------- infix operators

    private int infixPrecedence() {
        Token t = peek();
        if (t.type() == TokenType.OPERATOR) {
            return operatorPrecedence(t.text());
        }
        if (t.type() != TokenType.KEYWORD) {
            return 0;
        }
        switch (t.text()) {
            case "or":
                return restricted ? 0 : OR;
            case "and":
                return restricted ? 0 : AND;
            case "is":
                if (restricted) {
                    boolean distinct = isKw(1, "distinct") || (isKw(1, "not") && isKw(2, "distinct"));
                    return distinct ? IS : 0;
                }
                return IS;
            case "isnull":
            case "notnull":
                return restricted ? 0 : IS;
            case "not":
                if (restricted) {
                    return 0;
                }
                return isKw(1, "between") || isKw(1, "in") || isKw(1, "like") || isKw(1, "ilike")
                        || (isKw(1, "similar") && isKw(2, "to")) ? PATTERN : 0;
            case "between":
            case "in":
            case "like":
            case "ilike":
            case "overlaps":
                return restricted ? 0 : PATTERN;
            case "similar":
                return !restricted && isKw(1, "to") ? PATTERN : 0;
            case "at":
                return isKw(1, "time") && isKw(2, "zone") ? AT_TIME_ZONE : 0;
            case "collate":
                return COLLATE;
            case "operator":
                return peek(1).type() == TokenType.LPAREN ? OTHER : 0;
            default:
                return 0;
        }
    }

    private static int operatorPrecedence(String op) {
        switch (op) {
            case "=":
            case "<":
            case ">":
            case "<=":
            case ">=":
            case "<>":
                return COMPARISON;
            case "+":
            case "-":
                return ADDITIVE;
            case "*":
            case "/":
            case "%":
                return MULTIPLICATIVE;
            case "^":
                return EXPONENT;
            case "=>":
                return 0;
            default:
                return OTHER;
        }
    }

    private Expr infix(Expr left, int p) {
        Token t = peek();
        int pos = left.position();
        if (t.type() == TokenType.OPERATOR || t.isKeyword("operator")) {
            String op = t.type() == TokenType.OPERATOR ? next().text() : qualifiedOperator();
            Expr quantified = quantified(left, op);
            if (quantified != null) {
                return quantified;
            }
            Expr result = new BinaryOp(op, left, parse(p + 1), pos);
            if (p == COMPARISON) {
                rejectChained(COMPARISON);
            }
            return result;
        }
        switch (t.text()) {
            case "or":
            case "and":
                next();
                return new BinaryOp(t.text().toUpperCase(), left, parse(p + 1), pos);
            case "is":
                return isPredicate(left);
            case "isnull":
            case "notnull":
                next();
                Expr test = new IsTest(left, IsTest.Kind.NULL, t.text().equals("notnull"), pos);
                rejectChained(IS);
                return test;
            case "at":
                next();
                next();
                next();
                return new AtTimeZone(left, parse(AT_TIME_ZONE + 1), pos);
            case "collate":
                next();
                return new Collate(left, qualifiedName(), pos);
            default:
                Expr pattern = patternPredicate(left);
                rejectChained(PATTERN);
                return pattern;
        }
    }

    /** Non-associative levels: a second operator of the same level is a syntax error. */
    private void rejectChained(int level) {
        if (infixPrecedence() == level) {
            throw error();
        }
    }

    private Expr isPredicate(Expr left) {
        next();
        boolean negated = acceptKw("not");
        Token t = peek();
        Expr result;
        if (acceptKw("null")) {
            result = new IsTest(left, IsTest.Kind.NULL, negated, left.position());
        } else if (acceptKw("true")) {
            result = new IsTest(left, IsTest.Kind.TRUE, negated, left.position());
        } else if (acceptKw("false")) {
            result = new IsTest(left, IsTest.Kind.FALSE, negated, left.position());
        } else if (acceptKw("unknown")) {
            result = new IsTest(left, IsTest.Kind.UNKNOWN, negated, left.position());
        } else if (acceptKw("distinct")) {
            expectKw("from");
            result = new IsDistinctFrom(left, parse(IS + 1), negated, left.position());
        } else if (t.isKeyword("document") || t.isKeyword("normalized") || t.isKeyword("nfc")
                || t.isKeyword("nfd") || t.isKeyword("nfkc") || t.isKeyword("nfkd")) {
            throw unsupported(t, "IS " + t.text().toUpperCase() + " is not supported");
        } else {
            throw error();
        }
        rejectChained(IS);
        return result;
    }

    private Expr patternPredicate(Expr left) {
        int pos = left.position();
        boolean negated = acceptKw("not");
        Token t = next();
        switch (t.text()) {
            case "between": {
                boolean symmetric = acceptKw("symmetric");
                if (!symmetric) {
                    acceptKw("asymmetric");
                }
                Expr low = parse(PATTERN + 1);
                expectKw("and");
                Expr high = parse(PATTERN + 1);
                return new Between(left, low, high, negated, symmetric, pos);
            }
            case "in": {
                if (!is(TokenType.LPAREN)) {
                    throw error();
                }
                Query query = g.primaries.tryParenthesizedQuery();
                if (query != null) {
                    return new InSubquery(left, query, negated, pos);
                }
                next();
                List<Expr> values = expressionList();
                expect(TokenType.RPAREN);
                return new InList(left, values, negated, pos);
            }
            case "like":
            case "ilike": {
                String op = (negated ? "NOT " : "") + t.text().toUpperCase();
                Expr quantified = quantified(left, op);
                if (quantified != null) {
                    return quantified;
                }
                Like.Kind kind = t.text().equals("like") ? Like.Kind.LIKE : Like.Kind.ILIKE;
                Expr pattern = parse(PATTERN + 1);
                Expr escape = acceptKw("escape") ? parse(PATTERN + 1) : null;
                return new Like(left, pattern, escape, kind, negated, pos);
            }
            case "similar": {
                expectKw("to");
                Expr pattern = parse(PATTERN + 1);
                Expr escape = acceptKw("escape") ? parse(PATTERN + 1) : null;
                return new Like(left, pattern, escape, Like.Kind.SIMILAR, negated, pos);
            }
            case "overlaps":
                if (negated) {
                    throw in.syntaxErrorAt(t);
                }
                return new BinaryOp("OVERLAPS", left, parse(PATTERN + 1), pos);
            default:
                throw in.syntaxErrorAt(t);
        }
    }

    /** {@code op ANY|SOME|ALL (subquery | array)} after the operator; {@code null} when not quantified. */
    private Expr quantified(Expr left, String op) {
        Token q = peek();
        if (!(q.isKeyword("any") || q.isKeyword("some") || q.isKeyword("all")) || peek(1).type() != TokenType.LPAREN) {
            return null;
        }
        next();
        QuantifiedComparison.Quantifier quantifier = q.isKeyword("all")
                ? QuantifiedComparison.Quantifier.ALL : QuantifiedComparison.Quantifier.ANY;
        Query query = g.primaries.tryParenthesizedQuery();
        if (query != null) {
            return new QuantifiedComparison(left, op, quantifier, query, null, left.position());
        }
        expect(TokenType.LPAREN);
        Expr array = expression();
        expect(TokenType.RPAREN);
        return new QuantifiedComparison(left, op, quantifier, null, array, left.position());
    }

    /** {@code OPERATOR(schema.op)}, returned as that canonical text. */
    String qualifiedOperator() {
        expectKw("operator");
        expect(TokenType.LPAREN);
        StringBuilder text = new StringBuilder("OPERATOR(");
        while (isColId(peek()) && peek(1).type() == TokenType.DOT) {
            text.append(next().text()).append('.');
            next();
        }
        Token op = expect(TokenType.OPERATOR);
        text.append(op.text()).append(')');
        expect(TokenType.RPAREN);
        return text.toString();
    }

    // ---------------------------------------------------------------- prefix operators

    private Expr prefix() {
        Token t = peek();
        if (t.type() == TokenType.OPERATOR) {
            String op = t.text();
            if (op.equals("-") || op.equals("+")) {
                next();
                in.enter();
                try {
                    Expr operand = prefix();
                    return op.equals("-") ? negate(operand, t.start()) : new UnaryOp("+", operand, t.start());
                } finally {
                    in.exit();
                }
            }
            if (isPrefixOperator(op)) {
                next();
                return new UnaryOp(op, parse(OTHER + 1), t.start());
            }
            throw error();
        }
        if (t.isKeyword("not") && !restricted) {
            next();
            return new UnaryOp("NOT", parse(IS), t.start());
        }
        if (t.isKeyword("operator") && peek(1).type() == TokenType.LPAREN) {
            String op = qualifiedOperator();
            return new UnaryOp(op, parse(OTHER + 1), t.start());
        }
        return casts(g.primaries.primary());
    }

    /** Operators PostgreSQL accepts in prefix position ({@code qual_Op}): not the one-character arithmetic and comparison tokens. */
    private static boolean isPrefixOperator(String op) {
        switch (op) {
            case "*":
            case "/":
            case "%":
            case "^":
            case "<":
            case ">":
            case "=":
            case "<=":
            case ">=":
            case "<>":
            case "=>":
                return false;
            default:
                return true;
        }
    }

    /** Folds a minus sign into a numeric constant, as PostgreSQL's {@code doNegate}. */
    private static Expr negate(Expr operand, int pos) {
        if (operand instanceof IntegerLiteral i) {
            if (i.value() == Long.MIN_VALUE) {
                return new NumericLiteral("9223372036854775808", pos);
            }
            return new IntegerLiteral(-i.value(), pos);
        }
        if (operand instanceof NumericLiteral n) {
            String text = n.text().startsWith("-") ? n.text().substring(1) : "-" + n.text();
            if (isIntegerText(text)) {
                try {
                    return new IntegerLiteral(Long.parseLong(text), pos);
                } catch (NumberFormatException e) {
                    return new NumericLiteral(text, pos);
                }
            }
            return new NumericLiteral(text, pos);
        }
        return new UnaryOp("-", operand, pos);
    }

    private static boolean isIntegerText(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (!Lexer.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Postfix {@code ::type} casts. */
    private Expr casts(Expr expr) {
        while (is(TokenType.TYPECAST)) {
            next();
            TypeName type = g.types.typeName();
            expr = new Cast(expr, type, expr.position());
        }
        return expr;
    }
}
