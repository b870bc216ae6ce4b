package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.Analyze;
import dev.lodedb.sql.ast.BooleanLiteral;
import dev.lodedb.sql.ast.Copy;
import dev.lodedb.sql.ast.Deallocate;
import dev.lodedb.sql.ast.Discard;
import dev.lodedb.sql.ast.Execute;
import dev.lodedb.sql.ast.Explain;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.GenericOption;
import dev.lodedb.sql.ast.Prepare;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.ResetVariable;
import dev.lodedb.sql.ast.RowConstructor;
import dev.lodedb.sql.ast.SetVariable;
import dev.lodedb.sql.ast.ShowVariable;
import dev.lodedb.sql.ast.Star;
import dev.lodedb.sql.ast.Statement;
import dev.lodedb.sql.ast.StringLiteral;
import dev.lodedb.sql.ast.TransactionStatement;
import dev.lodedb.sql.ast.Truncate;
import dev.lodedb.sql.ast.TypeName;
import dev.lodedb.sql.ast.Vacuum;
import dev.lodedb.sql.ast.VacuumTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * Utility statements: EXPLAIN, ANALYZE, VACUUM, SET / SHOW / RESET, COPY,
 * TRUNCATE, PREPARE / EXECUTE / DEALLOCATE and DISCARD.
 *
 * <p>Not thread-safe.
 */
final class UtilityParser extends GrammarRule {

    UtilityParser(Grammar g) {
        super(g);
    }

    // ---------------------------------------------------------------- SET / SHOW / RESET

    /** At SET. */
    Statement set() {
        Token set = next();
        int pos = set.start();
        if (isKw("transaction") && !isKw(1, "to") && peek(1).type() != TokenType.OPERATOR) {
            next();
            if (isKw("snapshot")) {
                throw unsupported(peek(), "SET TRANSACTION SNAPSHOT is not supported");
            }
            return g.transactions.modes(TransactionStatement.Kind.SET_TRANSACTION, pos);
        }
        if (isKw("session") && isKw(1, "characteristics")) {
            next();
            next();
            expectKw("as");
            expectKw("transaction");
            return g.transactions.modes(TransactionStatement.Kind.SET_SESSION_DEFAULTS, pos);
        }
        if (isKw("constraints")) {
            throw unsupported(peek(), "SET CONSTRAINTS is not supported");
        }
        boolean local = false;
        if (acceptKw("local")) {
            local = true;
        } else if (isKw("session") && !isKw(1, "to") && !peek(1).isOperator("=")) {
            next();
        }
        Token t = peek();
        if (t.isKeyword("time") && isKw(1, "zone")) {
            next();
            next();
            return new SetVariable("timezone", local, timeZoneValue(), pos);
        }
        if (t.isKeyword("schema") && peek(1).type() == TokenType.STRING) {
            next();
            return new SetVariable("search_path", local, List.of(stringValue(next())), pos);
        }
        if (t.isKeyword("names") && !isKw(1, "to") && !peek(1).isOperator("=")) {
            next();
            List<Expr> values = isKw("default") || in.atEnd() ? List.of() : List.of(setValue());
            acceptKw("default");
            return new SetVariable("client_encoding", local, values, pos);
        }
        if ((t.isKeyword("role") || (t.isKeyword("session") && isKw(1, "authorization")))
                && !isKw(1, "to") && !peek(1).isOperator("=")) {
            throw unsupported(t, "SET ROLE and SET SESSION AUTHORIZATION are not supported");
        }
        String name = variableName();
        if (!acceptKw("to") && !acceptOp("=")) {
            if (isKw("from") && isKw(1, "current")) {
                throw unsupported(peek(), "SET ... FROM CURRENT is not supported");
            }
            throw error();
        }
        if (acceptKw("default")) {
            return new SetVariable(name, local, List.of(), pos);
        }
        List<Expr> values = new ArrayList<>();
        do {
            values.add(setValue());
        } while (accept(TokenType.COMMA));
        return new SetVariable(name, local, values, pos);
    }

    private List<Expr> timeZoneValue() {
        Token t = peek();
        if (acceptKw("default") || acceptKw("local")) {
            return t.isKeyword("default") ? List.of() : List.of(new StringLiteral("local", t.start()));
        }
        if (t.isKeyword("interval")) {
            return List.of(g.expressions.expression());
        }
        return List.of(setValue());
    }

    /** {@code var_name}: {@code ColId { . ColId }}, joined with dots. */
    private String variableName() {
        StringBuilder name = new StringBuilder(colId());
        while (accept(TokenType.DOT)) {
            name.append('.').append(colId());
        }
        return name.toString();
    }

    /** {@code var_value}: a string, number, boolean or word (words become strings). */
    private Expr setValue() {
        Token t = peek();
        switch (t.type()) {
            case STRING:
                return stringValue(next());
            case INTEGER:
            case NUMERIC:
                return g.ddl.signedNumber();
            case OPERATOR:
                if (t.isOperator("-") || t.isOperator("+")) {
                    return g.ddl.signedNumber();
                }
                throw error();
            default:
                if (t.isKeyword("true") || t.isKeyword("false")) {
                    next();
                    return new BooleanLiteral(t.isKeyword("true"), t.start());
                }
                if (t.isKeyword("on") || isNonReservedWord(t)) {
                    next();
                    return new StringLiteral(t.text(), t.start());
                }
                throw error();
        }
    }

    private static StringLiteral stringValue(Token t) {
        return new StringLiteral(t.text(), t.start());
    }

    /** At SHOW. */
    Statement show() {
        Token show = next();
        return new ShowVariable(settingName(), show.start());
    }

    /** At RESET. */
    Statement reset() {
        Token reset = next();
        return new ResetVariable(settingName(), reset.start());
    }

    private String settingName() {
        if (acceptKw("all")) {
            return "all";
        }
        if (isKw("time") && isKw(1, "zone")) {
            next();
            next();
            return "timezone";
        }
        if (isKw("transaction") && isKw(1, "isolation")) {
            next();
            next();
            expectKw("level");
            return "transaction_isolation";
        }
        if (isKw("session") && isKw(1, "authorization")) {
            next();
            next();
            return "session_authorization";
        }
        return variableName();
    }

    // ---------------------------------------------------------------- EXPLAIN, ANALYZE, VACUUM

    /** At EXPLAIN. */
    Statement explain() {
        Token explain = next();
        List<GenericOption> options = new ArrayList<>();
        if (is(TokenType.LPAREN) && !startsQuery(peek(1)) && peek(1).type() != TokenType.LPAREN) {
            options.addAll(optionList());
        } else {
            if (isKw("analyze") || isKw("analyse")) {
                Token a = next();
                options.add(new GenericOption("analyze", null, a.start()));
            }
            if (isKw("verbose")) {
                Token v = next();
                options.add(new GenericOption("verbose", null, v.start()));
            }
        }
        Token t = peek();
        if (!(startsQuery(t) || t.type() == TokenType.LPAREN || t.isKeyword("insert") || t.isKeyword("update")
                || t.isKeyword("delete") || t.isKeyword("execute") || t.isKeyword("create")
                || t.isKeyword("merge") || t.isKeyword("declare"))) {
            throw error();
        }
        Statement statement = g.statements.statement();
        return new Explain(statement, options, explain.start());
    }

    /** At ANALYZE / ANALYSE. */
    Statement analyze() {
        Token analyze = next();
        List<GenericOption> options = new ArrayList<>();
        if (is(TokenType.LPAREN)) {
            options.addAll(optionList());
        } else if (isKw("verbose")) {
            Token v = next();
            options.add(new GenericOption("verbose", null, v.start()));
        }
        return new Analyze(options, vacuumTargets(), analyze.start());
    }

    /** At VACUUM. */
    Statement vacuum() {
        Token vacuum = next();
        List<GenericOption> options = new ArrayList<>();
        if (is(TokenType.LPAREN)) {
            options.addAll(optionList());
        } else {
            for (String flag : new String[] {"full", "freeze", "verbose", "analyze"}) {
                Token t = peek();
                if (acceptKw(flag) || (flag.equals("analyze") && acceptKw("analyse"))) {
                    options.add(new GenericOption(flag, null, t.start()));
                }
            }
        }
        return new Vacuum(options, vacuumTargets(), vacuum.start());
    }

    private List<VacuumTarget> vacuumTargets() {
        List<VacuumTarget> targets = new ArrayList<>();
        if (in.atEnd()) {
            return targets;
        }
        do {
            QualifiedName table = qualifiedName();
            List<String> columns = is(TokenType.LPAREN) ? parenNameList() : List.of();
            targets.add(new VacuumTarget(table, columns, table.position()));
        } while (accept(TokenType.COMMA));
        return targets;
    }

    /** {@code ( name [value] [, ...] )}: the generic option list of EXPLAIN, COPY, VACUUM, ANALYZE. */
    private List<GenericOption> optionList() {
        expect(TokenType.LPAREN);
        List<GenericOption> options = new ArrayList<>();
        do {
            Token name = peek();
            String optionName = colLabel();
            Expr value = null;
            if (!is(TokenType.COMMA) && !is(TokenType.RPAREN)) {
                value = optionValue();
            }
            options.add(new GenericOption(optionName, value, name.start()));
        } while (accept(TokenType.COMMA));
        expect(TokenType.RPAREN);
        return options;
    }

    private Expr optionValue() {
        Token t = peek();
        if (t.isOperator("*")) {
            next();
            return new Star(List.of(), t.start());
        }
        if (t.type() == TokenType.LPAREN) {
            next();
            List<Expr> items = new ArrayList<>();
            do {
                items.add(setValue());
            } while (accept(TokenType.COMMA));
            expect(TokenType.RPAREN);
            return new RowConstructor(items, false, t.start());
        }
        if (t.type() == TokenType.KEYWORD && !isNonReservedWord(t) && !t.isKeyword("true")
                && !t.isKeyword("false") && !t.isKeyword("on")) {
            next();
            return new StringLiteral(t.text(), t.start());
        }
        return setValue();
    }

    // ---------------------------------------------------------------- COPY

    /** At COPY. */
    Statement copy() {
        Token copy = next();
        List<GenericOption> options = new ArrayList<>();
        Token binary = peek();
        if (acceptKw("binary")) {
            options.add(new GenericOption("format", new StringLiteral("binary", binary.start()), binary.start()));
        }
        QualifiedName table = null;
        List<String> columns = List.of();
        Query query = null;
        if (is(TokenType.LPAREN)) {
            next();
            query = queryOrDml();
            expect(TokenType.RPAREN);
        } else {
            table = qualifiedName();
            if (is(TokenType.LPAREN)) {
                columns = parenNameList();
            }
        }
        boolean from;
        if (acceptKw("from")) {
            from = true;
            if (query != null) {
                throw in.syntaxErrorAt(in.previous());
            }
        } else {
            expectKw("to");
            from = false;
        }
        boolean program = acceptKw("program");
        String file = null;
        Token target = peek();
        if (target.type() == TokenType.STRING) {
            file = next().text();
        } else if ((from && acceptKw("stdin")) || (!from && acceptKw("stdout"))) {
            if (program) {
                throw in.syntaxErrorAt(target);
            }
        } else {
            throw error();
        }
        if (isKw("using") && isKw(1, "delimiters") || isKw("delimiters")) {
            acceptKw("using");
            Token d = next();
            options.add(new GenericOption("delimiter", stringValue(expect(TokenType.STRING)), d.start()));
        }
        boolean with = acceptKw("with");
        if (is(TokenType.LPAREN)) {
            options.addAll(optionList());
        } else {
            options.addAll(legacyCopyOptions(with));
        }
        Expr where = null;
        if (acceptKw("where")) {
            if (!from) {
                throw in.syntaxErrorAt(in.previous());
            }
            where = g.expressions.expression();
        }
        return new Copy(table, columns, query, from, file, program, options, where, copy.start());
    }

    private Query queryOrDml() {
        Token t = peek();
        if (t.isKeyword("insert") || t.isKeyword("update") || t.isKeyword("delete")) {
            throw unsupported(t, "COPY (" + t.text().toUpperCase() + " ... RETURNING) TO is not supported");
        }
        return g.queries.query();
    }

    /** Pre-9.0 COPY options, normalized to the generic option names. */
    private List<GenericOption> legacyCopyOptions(boolean required) {
        List<GenericOption> options = new ArrayList<>();
        while (true) {
            Token t = peek();
            int pos = t.start();
            if (t.type() != TokenType.KEYWORD) {
                break;
            }
            switch (t.text()) {
                case "binary":
                    next();
                    options.add(new GenericOption("format", new StringLiteral("binary", pos), pos));
                    continue;
                case "csv":
                    next();
                    options.add(new GenericOption("format", new StringLiteral("csv", pos), pos));
                    continue;
                case "header":
                    next();
                    options.add(new GenericOption("header", new BooleanLiteral(true, pos), pos));
                    continue;
                case "freeze":
                    next();
                    options.add(new GenericOption("freeze", new BooleanLiteral(true, pos), pos));
                    continue;
                case "delimiter":
                case "null":
                case "quote":
                case "escape":
                case "encoding":
                    next();
                    acceptKw("as");
                    options.add(new GenericOption(t.text(), stringValue(expect(TokenType.STRING)), pos));
                    continue;
                case "force":
                    next();
                    options.add(forceOption(pos));
                    continue;
                default:
                    break;
            }
            break;
        }
        if (required && options.isEmpty()) {
            throw error();
        }
        return options;
    }

    private GenericOption forceOption(int pos) {
        String name;
        if (acceptKw("quote")) {
            name = "force_quote";
            if (isOp("*")) {
                Token star = next();
                return new GenericOption(name, new Star(List.of(), star.start()), pos);
            }
        } else if (acceptKw("not")) {
            expectKw("null");
            name = "force_not_null";
        } else {
            expectKw("null");
            name = "force_null";
        }
        Token first = peek();
        List<Expr> columns = new ArrayList<>();
        do {
            Token c = peek();
            columns.add(new StringLiteral(colId(), c.start()));
        } while (accept(TokenType.COMMA));
        return new GenericOption(name, new RowConstructor(columns, false, first.start()), pos);
    }

    // ---------------------------------------------------------------- TRUNCATE, PREPARE, ...

    /** At TRUNCATE. */
    Statement truncate() {
        Token truncate = next();
        acceptKw("table");
        List<QualifiedName> tables = new ArrayList<>();
        do {
            acceptKw("only");
            tables.add(qualifiedName());
            acceptOp("*");
        } while (accept(TokenType.COMMA));
        boolean restart = false;
        if (acceptKw("restart")) {
            expectKw("identity");
            restart = true;
        } else if (acceptKw("continue")) {
            expectKw("identity");
        }
        return new Truncate(tables, restart, dropBehavior(), truncate.start());
    }

    /** At PREPARE. */
    Statement prepare() {
        Token prepare = next();
        if (isKw("transaction")) {
            throw unsupported(peek(), "PREPARE TRANSACTION is not supported");
        }
        String name = colId();
        List<TypeName> types = new ArrayList<>();
        if (accept(TokenType.LPAREN)) {
            do {
                types.add(g.types.typeName());
            } while (accept(TokenType.COMMA));
            expect(TokenType.RPAREN);
        }
        expectKw("as");
        Token t = peek();
        if (!(startsQuery(t) || t.type() == TokenType.LPAREN || t.isKeyword("insert") || t.isKeyword("update")
                || t.isKeyword("delete"))) {
            throw error();
        }
        return new Prepare(name, types, g.statements.preparableStatement(), prepare.start());
    }

    /** At EXECUTE. */
    Statement execute() {
        Token execute = next();
        String name = colId();
        List<Expr> args = List.of();
        if (accept(TokenType.LPAREN)) {
            args = g.expressions.expressionList();
            expect(TokenType.RPAREN);
        }
        return new Execute(name, args, execute.start());
    }

    /** At DEALLOCATE. */
    Statement deallocate() {
        Token deallocate = next();
        acceptKw("prepare");
        if (acceptKw("all")) {
            return new Deallocate(null, deallocate.start());
        }
        return new Deallocate(colId(), deallocate.start());
    }

    /** At DISCARD. */
    Statement discard() {
        Token discard = next();
        Token t = next();
        String target;
        if (t.isKeyword("all") || t.isKeyword("plans") || t.isKeyword("sequences")) {
            target = t.text();
        } else if (t.isKeyword("temp") || t.isKeyword("temporary")) {
            target = "temp";
        } else {
            throw in.syntaxErrorAt(t);
        }
        return new Discard(target, discard.start());
    }
}
