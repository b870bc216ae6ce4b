package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.IntegerLiteral;
import dev.lodedb.sql.ast.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * Type names ({@code Typename} in PostgreSQL's grammar): the SQL-standard keyword types with
 * their multi-word spellings ({@code double precision}, {@code character varying(n)},
 * {@code bit varying}, {@code timestamp(p) with time zone}, {@code interval day to second(p)}),
 * generic names ({@code text}, {@code int4}, {@code pg_catalog.numeric(10,2)}), and array
 * suffixes ({@code []}, {@code [3]}, {@code ARRAY}, {@code ARRAY[3]}).
 *
 * <p>Not thread-safe.
 */
final class TypeNameParser extends GrammarRule {

    /**
     * An interval field restriction and its optional seconds precision.
     *
     * @param fields e.g. {@code "day to second"}
     * @param precision the precision of {@code SECOND(p)}, or {@code null}
     */
    record IntervalQualifier(String fields, Expr precision) {
    }

    TypeNameParser(Grammar g) {
        super(g);
    }

    /** @return whether {@code keyword} begins one of SQL's keyword type names */
    static boolean isTypeKeyword(String keyword) {
        switch (keyword) {
            case "int":
            case "integer":
            case "smallint":
            case "bigint":
            case "real":
            case "float":
            case "double":
            case "decimal":
            case "dec":
            case "numeric":
            case "boolean":
            case "bit":
            case "character":
            case "char":
            case "varchar":
            case "national":
            case "nchar":
            case "timestamp":
            case "time":
            case "interval":
                return true;
            default:
                return false;
        }
    }

    /** {@code Typename}: a simple type name followed by array bounds. */
    TypeName typeName() {
        Token start = peek();
        if (start.isKeyword("setof")) {
            throw unsupported(start, "SETOF types are not supported");
        }
        TypeName base = simpleTypeName();
        List<Integer> bounds = new ArrayList<>();
        if (acceptKw("array")) {
            if (accept(TokenType.LBRACKET)) {
                bounds.add(arrayBound());
                expect(TokenType.RBRACKET);
            } else {
                bounds.add(-1);
            }
        } else {
            while (accept(TokenType.LBRACKET)) {
                bounds.add(is(TokenType.INTEGER) ? arrayBound() : -1);
                expect(TokenType.RBRACKET);
            }
        }
        if (bounds.isEmpty()) {
            return base;
        }
        return new TypeName(base.names(), base.modifiers(), bounds, base.intervalFields(), base.position());
    }

    private int arrayBound() {
        Token t = expect(TokenType.INTEGER);
        try {
            return Integer.parseInt(t.text());
        } catch (NumberFormatException e) {
            throw in.syntaxErrorAt(t);
        }
    }

    /** {@code SimpleTypename}: a type without array bounds. */
    TypeName simpleTypeName() {
        Token t = peek();
        int pos = t.start();
        if (t.type() == TokenType.KEYWORD && isTypeKeyword(t.text())) {
            next();
            switch (t.text()) {
                case "int":
                case "integer":
                case "smallint":
                case "bigint":
                case "real":
                case "boolean":
                    return TypeName.of(t.text(), pos);
                case "double":
                    expectKw("precision");
                    return TypeName.of("double precision", pos);
                case "float":
                case "decimal":
                case "dec":
                case "numeric":
                    return withModifiers(t.text(), pos);
                case "bit":
                    return withModifiers(acceptKw("varying") ? "bit varying" : "bit", pos);
                case "character":
                case "char":
                case "varchar":
                case "national":
                case "nchar":
                    return character(t, pos);
                case "timestamp":
                case "time":
                    return datetime(t.text(), pos);
                case "interval":
                    return interval(pos);
                default:
                    throw in.syntaxErrorAt(t);
            }
        }
        if (!isTypeFunctionName(t)) {
            throw error();
        }
        List<String> names = new ArrayList<>(2);
        names.add(next().text());
        while (is(TokenType.DOT) && isColLabel(peek(1))) {
            next();
            names.add(next().text());
        }
        List<Expr> modifiers = List.of();
        if (is(TokenType.LPAREN)) {
            next();
            modifiers = g.expressions.expressionList();
            expect(TokenType.RPAREN);
        }
        return new TypeName(names, modifiers, List.of(), null, pos);
    }

    private TypeName withModifiers(String name, int pos) {
        List<Expr> modifiers = List.of();
        if (is(TokenType.LPAREN)) {
            next();
            modifiers = g.expressions.expressionList();
            expect(TokenType.RPAREN);
        }
        return new TypeName(List.of(name), modifiers, List.of(), null, pos);
    }

    private TypeName character(Token first, int pos) {
        String name;
        switch (first.text()) {
            case "national":
                if (!acceptKw("character") && !acceptKw("char")) {
                    throw error();
                }
                name = "national " + in.previous().text();
                break;
            default:
                name = first.text();
                break;
        }
        if (!first.isKeyword("varchar") && acceptKw("varying")) {
            name = name + " varying";
        }
        return withModifiers(name, pos);
    }

    private TypeName datetime(String base, int pos) {
        List<Expr> modifiers = List.of();
        if (is(TokenType.LPAREN)) {
            next();
            modifiers = List.of(g.expressions.expression());
            expect(TokenType.RPAREN);
        }
        String name = base;
        if ((isKw("with") || isKw("without")) && isKw(1, "time") && isKw(2, "zone")) {
            name = base + " " + next().text() + " time zone";
            next();
            next();
        }
        return new TypeName(List.of(name), modifiers, List.of(), null, pos);
    }

    private TypeName interval(int pos) {
        if (is(TokenType.LPAREN)) {
            next();
            Expr precision = g.expressions.expression();
            expect(TokenType.RPAREN);
            return new TypeName(List.of("interval"), List.of(precision), List.of(), null, pos);
        }
        IntervalQualifier q = intervalQualifier();
        if (q == null) {
            return TypeName.of("interval", pos);
        }
        return new TypeName(List.of("interval"), q.precision() == null ? List.of() : List.of(q.precision()),
                List.of(), q.fields(), pos);
    }

    /**
     * {@code opt_interval}: {@code YEAR | MONTH | DAY | HOUR | MINUTE | SECOND[(p)] | YEAR TO MONTH |
     * DAY TO HOUR | DAY TO MINUTE | DAY TO SECOND[(p)] | HOUR TO MINUTE | HOUR TO SECOND[(p)] |
     * MINUTE TO SECOND[(p)]}.
     *
     * @return the qualifier, or {@code null} when none follows
     */
    IntervalQualifier intervalQualifier() {
        Token t = peek();
        String first;
        switch (t.type() == TokenType.KEYWORD ? t.text() : "") {
            case "year":
            case "month":
            case "day":
            case "hour":
            case "minute":
            case "second":
                first = next().text();
                break;
            default:
                return null;
        }
        if (first.equals("second")) {
            return new IntervalQualifier("second", secondPrecision());
        }
        if (!isKw("to")) {
            return new IntervalQualifier(first, null);
        }
        Token to = next();
        Token last = next();
        boolean valid;
        switch (first) {
            case "year":
                valid = last.isKeyword("month");
                break;
            case "day":
                valid = last.isKeyword("hour") || last.isKeyword("minute") || last.isKeyword("second");
                break;
            case "hour":
                valid = last.isKeyword("minute") || last.isKeyword("second");
                break;
            case "minute":
                valid = last.isKeyword("second");
                break;
            default:
                valid = false;
                break;
        }
        if (!valid) {
            throw in.syntaxErrorAt(last.type() == TokenType.EOF ? last : (valid ? to : last));
        }
        Expr precision = last.isKeyword("second") ? secondPrecision() : null;
        return new IntervalQualifier(first + " to " + last.text(), precision);
    }

    private Expr secondPrecision() {
        if (!is(TokenType.LPAREN)) {
            return null;
        }
        next();
        Token p = expect(TokenType.INTEGER);
        expect(TokenType.RPAREN);
        return new IntegerLiteral(Long.parseLong(p.text()), p.start());
    }
}
