package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.AlterSequence;
import dev.lodedb.sql.ast.CreateIndex;
import dev.lodedb.sql.ast.CreateSchema;
import dev.lodedb.sql.ast.CreateSequence;
import dev.lodedb.sql.ast.CreateView;
import dev.lodedb.sql.ast.Drop;
import dev.lodedb.sql.ast.DropBehavior;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.IndexElement;
import dev.lodedb.sql.ast.IntegerLiteral;
import dev.lodedb.sql.ast.NumericLiteral;
import dev.lodedb.sql.ast.OrderItem;
import dev.lodedb.sql.ast.Persistence;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.SequenceOption;
import dev.lodedb.sql.ast.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE (dispatch; VIEW, INDEX, SCHEMA, SEQUENCE here, TABLE in {@link TableDdlParser}), DROP,
 * ALTER (dispatch), ALTER SEQUENCE, sequence options and index elements. CREATE/DROP of objects
 * LodeDB does not have (functions, triggers, types, ...) are reported with SQLSTATE 0A000.
 *
 * <p>Not thread-safe.
 */
final class DdlParser extends GrammarRule {

    DdlParser(Grammar g) {
        super(g);
    }

    /** At CREATE. */
    Statement create() {
        Token create = next();
        int pos = create.start();
        boolean orReplace = false;
        if (acceptKw("or")) {
            expectKw("replace");
            orReplace = true;
        }
        Persistence persistence = Persistence.PERMANENT;
        if ((isKw("global") || isKw("local")) && (isKw(1, "temp") || isKw(1, "temporary"))) {
            next();
            next();
            persistence = Persistence.TEMPORARY;
        } else if (acceptKw("temp") || acceptKw("temporary")) {
            persistence = Persistence.TEMPORARY;
        } else if (acceptKw("unlogged")) {
            persistence = Persistence.UNLOGGED;
        }
        Token t = peek();
        switch (t.type() == TokenType.KEYWORD ? t.text() : "") {
            case "table":
                if (orReplace) {
                    throw error();
                }
                next();
                return g.tables.createTable(pos, persistence);
            case "view":
            case "recursive":
                if (persistence == Persistence.UNLOGGED) {
                    throw unsupported(t, "unlogged views are not supported");
                }
                return createView(pos, orReplace, persistence == Persistence.TEMPORARY);
            case "sequence":
                if (orReplace) {
                    throw error();
                }
                next();
                return createSequence(pos, persistence);
            case "unique":
            case "index":
                if (orReplace || persistence != Persistence.PERMANENT) {
                    throw error();
                }
                return createIndex(pos);
            case "schema":
                if (orReplace || persistence != Persistence.PERMANENT) {
                    throw error();
                }
                next();
                return createSchema(pos);
            default:
                throw unsupportedObject("CREATE", t);
        }
    }

    /** The 0A000 error for CREATE/DROP of an object kind LodeDB does not have, or a syntax error. */
    private ParseException unsupportedObject(String verb, Token t) {
        if (t.type() != TokenType.KEYWORD) {
            return error();
        }
        String what = t.text();
        switch (what) {
            case "materialized":
            case "foreign":
            case "event":
            case "text":
            case "access":
            case "operator":
            case "constraint":
            case "default":
                if (peek(1).type() == TokenType.KEYWORD || peek(1).type() == TokenType.IDENTIFIER) {
                    what = what + " " + peek(1).text();
                }
                break;
            default:
                break;
        }
        switch (t.text()) {
            case "function":
            case "procedure":
            case "trigger":
            case "constraint":
            case "aggregate":
            case "type":
            case "domain":
            case "extension":
            case "role":
            case "user":
            case "group":
            case "rule":
            case "operator":
            case "cast":
            case "collation":
            case "conversion":
            case "database":
            case "event":
            case "foreign":
            case "language":
            case "trusted":
            case "procedural":
            case "policy":
            case "publication":
            case "server":
            case "statistics":
            case "subscription":
            case "tablespace":
            case "text":
            case "transform":
            case "access":
            case "materialized":
            case "routine":
            case "owned":
            case "default":
                return unsupported(t, verb + " " + what.toUpperCase() + " is not supported");
            default:
                return error();
        }
    }

    private Statement createView(int pos, boolean orReplace, boolean temporary) {
        boolean recursive = acceptKw("recursive");
        expectKw("view");
        QualifiedName name = qualifiedName();
        List<String> columns = is(TokenType.LPAREN) ? parenNameList() : List.of();
        if (isKw("with") && peek(1).type() == TokenType.LPAREN) {
            throw unsupported(peek(), "view options are not supported");
        }
        expectKw("as");
        Query query = g.queries.query();
        String checkOption = null;
        if (isKw("with") && (isKw(1, "check") || isKw(1, "cascaded") || isKw(1, "local"))) {
            next();
            checkOption = "cascaded";
            if (acceptKw("local")) {
                checkOption = "local";
            } else {
                acceptKw("cascaded");
            }
            expectKw("check");
            expectKw("option");
        }
        return new CreateView(name, orReplace, temporary, recursive, columns, query, checkOption, pos);
    }

    private Statement createIndex(int pos) {
        boolean unique = acceptKw("unique");
        expectKw("index");
        boolean concurrently = acceptKw("concurrently");
        boolean ifNotExists = ifNotExists();
        String name = null;
        if (ifNotExists || !isKw("on")) {
            name = colId();
        }
        expectKw("on");
        acceptKw("only");
        QualifiedName table = qualifiedName();
        acceptOp("*");
        String method = acceptKw("using") ? colId() : null;
        expect(TokenType.LPAREN);
        List<IndexElement> elements = indexElements();
        expect(TokenType.RPAREN);
        List<String> include = List.of();
        if (acceptKw("include")) {
            include = parenNameList();
        }
        Token t = peek();
        if (t.isKeyword("nulls") || (t.isKeyword("with") && peek(1).type() == TokenType.LPAREN)
                || t.isKeyword("tablespace")) {
            throw unsupported(t, t.text().toUpperCase() + " clause of CREATE INDEX is not supported");
        }
        Expr where = acceptKw("where") ? g.expressions.expression() : null;
        return new CreateIndex(name, table, unique, concurrently, ifNotExists, method, elements, include, where, pos);
    }

    /** {@code index_params}: index elements separated by commas. */
    List<IndexElement> indexElements() {
        List<IndexElement> elements = new ArrayList<>();
        do {
            elements.add(indexElement());
        } while (accept(TokenType.COMMA));
        return elements;
    }

    private IndexElement indexElement() {
        Token t = peek();
        String column = null;
        Expr expression = null;
        if (t.type() == TokenType.LPAREN) {
            next();
            expression = g.expressions.expression();
            expect(TokenType.RPAREN);
        } else if (t.type() == TokenType.KEYWORD && FunctionParser.isSpecialFunction(t.text())
                && peek(1).type() == TokenType.LPAREN) {
            expression = g.functions.specialFunction();
        } else if (isTypeFunctionName(t) && (peek(1).type() == TokenType.LPAREN || peek(1).type() == TokenType.DOT)) {
            QualifiedName name = qualifiedFunctionName();
            expression = g.functions.call(name);
        } else {
            column = colId();
        }
        QualifiedName collation = acceptKw("collate") ? qualifiedName() : null;
        QualifiedName opclass = null;
        Token o = peek();
        if (isColId(o) && !(o.isKeyword("nulls") && (isKw(1, "first") || isKw(1, "last")))) {
            opclass = qualifiedName();
            if (is(TokenType.LPAREN)) {
                throw unsupported(peek(), "operator class parameters are not supported");
            }
        }
        OrderItem.Direction direction = OrderItem.Direction.DEFAULT;
        if (acceptKw("asc")) {
            direction = OrderItem.Direction.ASC;
        } else if (acceptKw("desc")) {
            direction = OrderItem.Direction.DESC;
        }
        OrderItem.NullOrdering nulls = g.functions.nullOrdering();
        return new IndexElement(column, expression, collation, opclass, direction, nulls, t.start());
    }

    private QualifiedName qualifiedFunctionName() {
        Token first = next();
        List<String> parts = new ArrayList<>(2);
        parts.add(first.text());
        while (is(TokenType.DOT) && isColLabel(peek(1))) {
            next();
            parts.add(next().text());
        }
        return new QualifiedName(parts, first.start());
    }

    private Statement createSchema(int pos) {
        boolean ifNotExists = ifNotExists();
        String name;
        String authorization = null;
        if (acceptKw("authorization")) {
            authorization = roleName();
            name = authorization;
        } else {
            name = colId();
            if (acceptKw("authorization")) {
                authorization = roleName();
            }
        }
        if (!in.atEnd()) {
            Token t = peek();
            if (t.isKeyword("create") || t.isKeyword("grant")) {
                throw unsupported(t, "CREATE SCHEMA with schema elements is not supported");
            }
            throw error();
        }
        return new CreateSchema(name, ifNotExists, authorization, pos);
    }

    private String roleName() {
        Token t = peek();
        if (t.isKeyword("current_user") || t.isKeyword("session_user") || t.isKeyword("current_role")) {
            return next().text();
        }
        return nonReservedWord();
    }

    private Statement createSequence(int pos, Persistence persistence) {
        if (persistence == Persistence.UNLOGGED) {
            throw unsupported(in.previous(), "unlogged sequences are not supported");
        }
        boolean ifNotExists = ifNotExists();
        QualifiedName name = qualifiedName();
        List<SequenceOption> options = sequenceOptions();
        return new CreateSequence(name, persistence == Persistence.TEMPORARY, ifNotExists, options, pos);
    }

    /** At ALTER. */
    Statement alter() {
        Token alter = next();
        Token t = peek();
        if (acceptKw("table")) {
            return g.tables.alterTable(alter.start());
        }
        if (acceptKw("sequence")) {
            boolean ifExists = ifExists();
            QualifiedName name = qualifiedName();
            Token o = peek();
            if (o.isKeyword("rename") || o.isKeyword("owner") || o.isKeyword("set")) {
                throw unsupported(o, "ALTER SEQUENCE ... " + o.text().toUpperCase() + " is not supported");
            }
            List<SequenceOption> options = sequenceOptions();
            if (options.isEmpty()) {
                throw error();
            }
            return new AlterSequence(name, ifExists, options, alter.start());
        }
        if (t.type() == TokenType.KEYWORD) {
            throw unsupported(t, "ALTER " + t.text().toUpperCase() + " is not supported");
        }
        throw error();
    }

    /** At DROP. */
    Statement drop() {
        Token drop = next();
        Token t = peek();
        Drop.ObjectType type;
        switch (t.type() == TokenType.KEYWORD ? t.text() : "") {
            case "table":
                type = Drop.ObjectType.TABLE;
                break;
            case "view":
                type = Drop.ObjectType.VIEW;
                break;
            case "index":
                type = Drop.ObjectType.INDEX;
                break;
            case "schema":
                type = Drop.ObjectType.SCHEMA;
                break;
            case "sequence":
                type = Drop.ObjectType.SEQUENCE;
                break;
            default:
                throw unsupportedObject("DROP", t);
        }
        next();
        boolean concurrently = type == Drop.ObjectType.INDEX && acceptKw("concurrently");
        boolean ifExists = ifExists();
        List<QualifiedName> names = qualifiedNameList();
        DropBehavior behavior = dropBehavior();
        return new Drop(type, ifExists, names, behavior, concurrently, drop.start());
    }

    /** {@code SeqOptList}: options of CREATE/ALTER SEQUENCE and identity columns, possibly none. */
    List<SequenceOption> sequenceOptions() {
        List<SequenceOption> options = new ArrayList<>();
        while (true) {
            Token t = peek();
            int pos = t.start();
            if (t.type() != TokenType.KEYWORD) {
                return options;
            }
            switch (t.text()) {
                case "as":
                    next();
                    options.add(new SequenceOption(SequenceOption.Kind.AS, null, g.types.simpleTypeName(), null, pos));
                    break;
                case "cache":
                    next();
                    options.add(numberOption(SequenceOption.Kind.CACHE, pos));
                    break;
                case "cycle":
                    next();
                    options.add(new SequenceOption(SequenceOption.Kind.CYCLE, null, null, null, pos));
                    break;
                case "no":
                    if (isKw(1, "cycle")) {
                        options.add(flag(SequenceOption.Kind.NO_CYCLE, pos));
                    } else if (isKw(1, "minvalue")) {
                        options.add(flag(SequenceOption.Kind.NO_MINVALUE, pos));
                    } else if (isKw(1, "maxvalue")) {
                        options.add(flag(SequenceOption.Kind.NO_MAXVALUE, pos));
                    } else {
                        return options;
                    }
                    break;
                case "increment":
                    next();
                    acceptKw("by");
                    options.add(numberOption(SequenceOption.Kind.INCREMENT, pos));
                    break;
                case "minvalue":
                    next();
                    options.add(numberOption(SequenceOption.Kind.MINVALUE, pos));
                    break;
                case "maxvalue":
                    next();
                    options.add(numberOption(SequenceOption.Kind.MAXVALUE, pos));
                    break;
                case "start":
                    next();
                    acceptKw("with");
                    options.add(numberOption(SequenceOption.Kind.START, pos));
                    break;
                case "restart":
                    next();
                    if (acceptKw("with") || isNumberStart()) {
                        options.add(numberOption(SequenceOption.Kind.RESTART, pos));
                    } else {
                        options.add(new SequenceOption(SequenceOption.Kind.RESTART, null, null, null, pos));
                    }
                    break;
                case "owned":
                    next();
                    expectKw("by");
                    if (acceptKw("none")) {
                        options.add(new SequenceOption(SequenceOption.Kind.OWNED_BY_NONE, null, null, null, pos));
                    } else {
                        options.add(new SequenceOption(SequenceOption.Kind.OWNED_BY, null, null, qualifiedName(), pos));
                    }
                    break;
                case "sequence":
                    if (!isKw(1, "name")) {
                        return options;
                    }
                    next();
                    next();
                    options.add(new SequenceOption(SequenceOption.Kind.SEQUENCE_NAME, null, null, qualifiedName(), pos));
                    break;
                case "logged":
                case "unlogged":
                    throw unsupported(t, "sequence option " + t.text().toUpperCase() + " is not supported");
                default:
                    return options;
            }
        }
    }

    private SequenceOption flag(SequenceOption.Kind kind, int pos) {
        next();
        next();
        return new SequenceOption(kind, null, null, null, pos);
    }

    private boolean isNumberStart() {
        Token t = peek();
        return t.type() == TokenType.INTEGER || t.type() == TokenType.NUMERIC
                || ((t.isOperator("-") || t.isOperator("+"))
                    && (peek(1).type() == TokenType.INTEGER || peek(1).type() == TokenType.NUMERIC));
    }

    private SequenceOption numberOption(SequenceOption.Kind kind, int pos) {
        return new SequenceOption(kind, signedNumber(), null, null, pos);
    }

    /** {@code NumericOnly}: an optionally signed integer or numeric constant. */
    Expr signedNumber() {
        Token start = peek();
        boolean negative = false;
        if (acceptOp("-")) {
            negative = true;
        } else {
            acceptOp("+");
        }
        Token n = next();
        if (n.type() == TokenType.INTEGER) {
            long v = Long.parseLong(n.text());
            return new IntegerLiteral(negative ? -v : v, start.start());
        }
        if (n.type() == TokenType.NUMERIC) {
            String text = negative ? "-" + n.text() : n.text();
            if (negative && n.text().equals("9223372036854775808")) {
                return new IntegerLiteral(Long.MIN_VALUE, start.start());
            }
            return new NumericLiteral(text, start.start());
        }
        throw in.syntaxErrorAt(n);
    }
}
