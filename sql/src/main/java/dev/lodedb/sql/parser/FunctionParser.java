package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.Extract;
import dev.lodedb.sql.ast.FunctionCall;
import dev.lodedb.sql.ast.NamedArgument;
import dev.lodedb.sql.ast.OrderItem;
import dev.lodedb.sql.ast.Overlay;
import dev.lodedb.sql.ast.Position;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.ast.SqlValueFunction;
import dev.lodedb.sql.ast.StringLiteral;
import dev.lodedb.sql.ast.Substring;
import dev.lodedb.sql.ast.Trim;
import dev.lodedb.sql.ast.WindowFrame;
import dev.lodedb.sql.ast.WindowSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Function calls and what hangs off them: argument lists with DISTINCT, VARIADIC, named
 * arguments ({@code name => v}, {@code name := v}) and ORDER BY; WITHIN GROUP; FILTER; OVER with
 * window specifications and frames; sort lists; and the SQL-standard functions with keyword
 * syntax (EXTRACT, POSITION, SUBSTRING, TRIM, OVERLAY, COALESCE, NULLIF, GREATEST, LEAST,
 * GROUPING, NORMALIZE, CURRENT_TIMESTAMP and friends).
 *
 * <p>Not thread-safe.
 */
final class FunctionParser extends GrammarRule {

    FunctionParser(Grammar g) {
        super(g);
    }

    /** @return whether {@code keyword} followed by {@code (} is one of the special-syntax functions */
    static boolean isSpecialFunction(String keyword) {
        switch (keyword) {
            case "extract":
            case "position":
            case "substring":
            case "trim":
            case "overlay":
            case "coalesce":
            case "greatest":
            case "least":
            case "nullif":
            case "grouping":
            case "normalize":
            case "treat":
            case "xmlconcat":
            case "xmlelement":
            case "xmlexists":
            case "xmlforest":
            case "xmlparse":
            case "xmlpi":
            case "xmlroot":
            case "xmlserialize":
                return true;
            default:
                return false;
        }
    }

    /** A call of {@code name} at its opening parenthesis, with trailing WITHIN GROUP / FILTER / OVER. */
    FunctionCall call(QualifiedName name) {
        expect(TokenType.LPAREN);
        boolean star = false;
        boolean distinct = false;
        boolean variadic = false;
        List<Expr> args = new ArrayList<>();
        List<OrderItem> orderBy = List.of();
        if (isOp("*") && peek(1).type() == TokenType.RPAREN) {
            next();
            star = true;
        } else if (!is(TokenType.RPAREN)) {
            if (!acceptKw("all")) {
                distinct = acceptKw("distinct");
            }
            do {
                if (acceptKw("variadic")) {
                    variadic = true;
                    args.add(argument());
                    break;
                }
                args.add(argument());
            } while (accept(TokenType.COMMA));
            if (isKw("order")) {
                next();
                expectKw("by");
                orderBy = sortList();
            }
        }
        expect(TokenType.RPAREN);
        boolean withinGroup = false;
        if (isKw("within") && isKw(1, "group")) {
            Token within = next();
            next();
            if (!orderBy.isEmpty() || distinct || star) {
                throw in.syntaxErrorAt(within);
            }
            expect(TokenType.LPAREN);
            expectKw("order");
            expectKw("by");
            orderBy = sortList();
            expect(TokenType.RPAREN);
            withinGroup = true;
        }
        Expr filter = null;
        if (isKw("filter") && peek(1).type() == TokenType.LPAREN) {
            next();
            next();
            expectKw("where");
            filter = g.expressions.expression();
            expect(TokenType.RPAREN);
        }
        WindowSpec over = null;
        String windowName = null;
        if (acceptKw("over")) {
            if (is(TokenType.LPAREN)) {
                over = windowSpec();
            } else {
                windowName = colId();
            }
        }
        return new FunctionCall(name, args, distinct, star, variadic, orderBy, withinGroup, filter, over,
                windowName, name.position());
    }

    private Expr argument() {
        Token t = peek();
        if (isTypeFunctionName(t)
                && (peek(1).isOperator("=>") || peek(1).type() == TokenType.COLON_EQUALS)) {
            next();
            next();
            return new NamedArgument(t.text(), g.expressions.expression(), t.start());
        }
        return g.expressions.expression();
    }

    // ---------------------------------------------------------------- ordering and windows

    /** {@code sortby_list}. */
    List<OrderItem> sortList() {
        List<OrderItem> items = new ArrayList<>();
        do {
            items.add(orderItem());
        } while (accept(TokenType.COMMA));
        return items;
    }

    private OrderItem orderItem() {
        Expr expr = g.expressions.expression();
        OrderItem.Direction direction = OrderItem.Direction.DEFAULT;
        String using = null;
        if (acceptKw("asc")) {
            direction = OrderItem.Direction.ASC;
        } else if (acceptKw("desc")) {
            direction = OrderItem.Direction.DESC;
        } else if (acceptKw("using")) {
            direction = OrderItem.Direction.USING;
            using = isKw("operator") ? g.expressions.qualifiedOperator() : expect(TokenType.OPERATOR).text();
        }
        return new OrderItem(expr, direction, using, nullOrdering(), expr.position());
    }

    /** {@code [NULLS FIRST | NULLS LAST]}. */
    OrderItem.NullOrdering nullOrdering() {
        if (isKw("nulls") && (isKw(1, "first") || isKw(1, "last"))) {
            next();
            return next().isKeyword("first") ? OrderItem.NullOrdering.FIRST : OrderItem.NullOrdering.LAST;
        }
        return OrderItem.NullOrdering.DEFAULT;
    }

    /** {@code ( [existing] [PARTITION BY ...] [ORDER BY ...] [frame] )}. */
    WindowSpec windowSpec() {
        Token open = expect(TokenType.LPAREN);
        String refName = null;
        Token t = peek();
        if (isColId(t) && !t.isKeyword("partition") && !t.isKeyword("range") && !t.isKeyword("rows")
                && !t.isKeyword("groups")) {
            refName = next().text();
        }
        List<Expr> partitionBy = List.of();
        if (isKw("partition")) {
            next();
            expectKw("by");
            partitionBy = g.expressions.expressionList();
        }
        List<OrderItem> orderBy = List.of();
        if (isKw("order")) {
            next();
            expectKw("by");
            orderBy = sortList();
        }
        WindowFrame frame = null;
        if (isKw("rows") || isKw("range") || isKw("groups")) {
            frame = frame();
        }
        expect(TokenType.RPAREN);
        return new WindowSpec(refName, partitionBy, orderBy, frame, open.start());
    }

    private WindowFrame frame() {
        Token unitToken = next();
        WindowFrame.Unit unit = WindowFrame.Unit.valueOf(unitToken.text().toUpperCase());
        WindowFrame.Bound start;
        WindowFrame.Bound end = null;
        if (acceptKw("between")) {
            start = frameBound();
            expectKw("and");
            end = frameBound();
        } else {
            start = frameBound();
        }
        WindowFrame.Exclusion exclusion = WindowFrame.Exclusion.NO_OTHERS;
        if (acceptKw("exclude")) {
            if (acceptKw("current")) {
                expectKw("row");
                exclusion = WindowFrame.Exclusion.CURRENT_ROW;
            } else if (acceptKw("group")) {
                exclusion = WindowFrame.Exclusion.GROUP;
            } else if (acceptKw("ties")) {
                exclusion = WindowFrame.Exclusion.TIES;
            } else {
                expectKw("no");
                expectKw("others");
            }
        }
        return new WindowFrame(unit, start, end, exclusion, unitToken.start());
    }

    private WindowFrame.Bound frameBound() {
        Token t = peek();
        if (isKw("unbounded") && (isKw(1, "preceding") || isKw(1, "following"))) {
            next();
            WindowFrame.BoundType type = next().isKeyword("preceding")
                    ? WindowFrame.BoundType.UNBOUNDED_PRECEDING : WindowFrame.BoundType.UNBOUNDED_FOLLOWING;
            return new WindowFrame.Bound(type, null, t.start());
        }
        if (isKw("current") && isKw(1, "row")) {
            next();
            next();
            return new WindowFrame.Bound(WindowFrame.BoundType.CURRENT_ROW, null, t.start());
        }
        Expr offset = g.expressions.expression();
        if (acceptKw("preceding")) {
            return new WindowFrame.Bound(WindowFrame.BoundType.PRECEDING, offset, t.start());
        }
        expectKw("following");
        return new WindowFrame.Bound(WindowFrame.BoundType.FOLLOWING, offset, t.start());
    }

    // ---------------------------------------------------------------- SQL-standard functions

    /** CURRENT_DATE, CURRENT_TIMESTAMP[(p)], CURRENT_USER, ... at the keyword. */
    Expr sqlValueFunction() {
        Token t = next();
        Integer precision = null;
        boolean takesPrecision = t.isKeyword("current_time") || t.isKeyword("current_timestamp")
                || t.isKeyword("localtime") || t.isKeyword("localtimestamp");
        if (takesPrecision && is(TokenType.LPAREN)) {
            next();
            Token p = expect(TokenType.INTEGER);
            expect(TokenType.RPAREN);
            try {
                precision = Integer.valueOf(p.text());
            } catch (NumberFormatException e) {
                throw in.syntaxErrorAt(p);
            }
        }
        return new SqlValueFunction(t.text(), precision, t.start());
    }

    /** A special-syntax function at its keyword (see {@link #isSpecialFunction(String)}). */
    Expr specialFunction() {
        Token kw = peek();
        int pos = kw.start();
        switch (kw.text()) {
            case "coalesce":
            case "greatest":
            case "least":
            case "nullif":
            case "grouping":
                next();
                return call(QualifiedName.of(kw.text(), pos));
            case "extract": {
                next();
                expect(TokenType.LPAREN);
                String field = extractField();
                expectKw("from");
                Expr source = g.expressions.expression();
                expect(TokenType.RPAREN);
                return new Extract(field, source, pos);
            }
            case "position": {
                next();
                expect(TokenType.LPAREN);
                Expr substring = g.expressions.restrictedExpression();
                expectKw("in");
                Expr string = g.expressions.restrictedExpression();
                expect(TokenType.RPAREN);
                return new Position(substring, string, pos);
            }
            case "substring":
                return substring();
            case "trim":
                return trim();
            case "overlay":
                return overlay();
            case "normalize": {
                next();
                expect(TokenType.LPAREN);
                List<Expr> args = new ArrayList<>();
                args.add(g.expressions.expression());
                if (accept(TokenType.COMMA)) {
                    Token form = next();
                    if (!(form.isKeyword("nfc") || form.isKeyword("nfd") || form.isKeyword("nfkc")
                            || form.isKeyword("nfkd"))) {
                        throw in.syntaxErrorAt(form);
                    }
                    args.add(new StringLiteral(form.text(), form.start()));
                }
                expect(TokenType.RPAREN);
                return FunctionCall.of(QualifiedName.of("normalize", pos), args, pos);
            }
            default:
                throw unsupported(kw, kw.text().toUpperCase() + "() is not supported");
        }
    }

    private String extractField() {
        Token t = next();
        if (t.type() == TokenType.IDENTIFIER || t.type() == TokenType.QUOTED_IDENTIFIER
                || t.type() == TokenType.STRING) {
            return t.text();
        }
        if (t.type() == TokenType.KEYWORD) {
            switch (t.text()) {
                case "year":
                case "month":
                case "day":
                case "hour":
                case "minute":
                case "second":
                    return t.text();
                default:
                    break;
            }
        }
        throw in.syntaxErrorAt(t);
    }

    private Expr substring() {
        Token kw = next();
        int pos = kw.start();
        QualifiedName name = QualifiedName.of("substring", pos);
        expect(TokenType.LPAREN);
        if (accept(TokenType.RPAREN)) {
            return FunctionCall.of(name, List.of(), pos);
        }
        Expr string = g.expressions.expression();
        Expr start = null;
        Expr length = null;
        if (acceptKw("from")) {
            start = g.expressions.expression();
            if (acceptKw("for")) {
                length = g.expressions.expression();
            }
        } else if (acceptKw("for")) {
            length = g.expressions.expression();
            if (acceptKw("from")) {
                start = g.expressions.expression();
            }
        } else if (acceptKw("similar")) {
            Expr pattern = g.expressions.expression();
            expectKw("escape");
            Expr escape = g.expressions.expression();
            expect(TokenType.RPAREN);
            return FunctionCall.of(name, List.of(string, pattern, escape), pos);
        } else {
            List<Expr> args = new ArrayList<>();
            args.add(string);
            if (accept(TokenType.COMMA)) {
                args.addAll(g.expressions.expressionList());
            }
            expect(TokenType.RPAREN);
            return FunctionCall.of(name, args, pos);
        }
        expect(TokenType.RPAREN);
        return new Substring(string, start, length, pos);
    }

    private Expr trim() {
        Token kw = next();
        expect(TokenType.LPAREN);
        Trim.Side side = Trim.Side.BOTH;
        if (acceptKw("leading")) {
            side = Trim.Side.LEADING;
        } else if (acceptKw("trailing")) {
            side = Trim.Side.TRAILING;
        } else {
            acceptKw("both");
        }
        Expr characters = null;
        List<Expr> list;
        if (acceptKw("from")) {
            list = g.expressions.expressionList();
        } else {
            Expr first = g.expressions.expression();
            if (acceptKw("from")) {
                characters = first;
                list = g.expressions.expressionList();
            } else {
                list = new ArrayList<>();
                list.add(first);
                if (accept(TokenType.COMMA)) {
                    list.addAll(g.expressions.expressionList());
                }
            }
        }
        Token close = peek();
        if (list.size() > 2 || (characters != null && list.size() > 1)) {
            throw in.syntaxErrorAt(close);
        }
        if (list.size() == 2) {
            characters = list.get(1);
        }
        expect(TokenType.RPAREN);
        return new Trim(side, characters, list.get(0), kw.start());
    }

    private Expr overlay() {
        Token kw = next();
        expect(TokenType.LPAREN);
        Expr string = g.expressions.expression();
        if (acceptKw("placing")) {
            Expr replacement = g.expressions.expression();
            expectKw("from");
            Expr start = g.expressions.expression();
            Expr length = acceptKw("for") ? g.expressions.expression() : null;
            expect(TokenType.RPAREN);
            return new Overlay(string, replacement, start, length, kw.start());
        }
        List<Expr> args = new ArrayList<>();
        args.add(string);
        if (accept(TokenType.COMMA)) {
            args.addAll(g.expressions.expressionList());
        }
        expect(TokenType.RPAREN);
        return FunctionCall.of(QualifiedName.of("overlay", kw.start()), args, kw.start());
    }
}
