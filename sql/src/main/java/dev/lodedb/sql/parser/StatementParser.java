package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.Statement;
import dev.lodedb.sql.ast.WithClause;

/**
 * Dispatches on a statement's first keyword. Statements PostgreSQL has but LodeDB does not
 * (GRANT, CREATE FUNCTION, MERGE, cursors, LISTEN/NOTIFY, ...) are reported with SQLSTATE 0A000.
 *
 * <p>Not thread-safe.
 */
final class StatementParser extends GrammarRule {

    StatementParser(Grammar g) {
        super(g);
    }

    /** One statement, up to (not including) its terminator. */
    Statement statement() {
        Token t = peek();
        if (t.type() == TokenType.LPAREN) {
            return g.queries.query();
        }
        if (t.type() != TokenType.KEYWORD) {
            throw error();
        }
        switch (t.text()) {
            case "select":
            case "values":
            case "table":
            case "with":
            case "insert":
            case "update":
            case "delete":
                return preparableStatement();
            case "create":
                return g.ddl.create();
            case "drop":
                return g.ddl.drop();
            case "alter":
                return g.ddl.alter();
            case "begin":
            case "start":
            case "commit":
            case "end":
            case "rollback":
            case "abort":
            case "savepoint":
            case "release":
                return g.transactions.transaction();
            case "set":
                return g.utility.set();
            case "show":
                return g.utility.show();
            case "reset":
                return g.utility.reset();
            case "explain":
                return g.utility.explain();
            case "analyze":
            case "analyse":
                return g.utility.analyze();
            case "vacuum":
                return g.utility.vacuum();
            case "copy":
                return g.utility.copy();
            case "truncate":
                return g.utility.truncate();
            case "prepare":
                return g.utility.prepare();
            case "execute":
                return g.utility.execute();
            case "deallocate":
                return g.utility.deallocate();
            case "discard":
                return g.utility.discard();
            case "merge":
            case "grant":
            case "revoke":
            case "comment":
            case "lock":
            case "declare":
            case "fetch":
            case "close":
            case "move":
            case "listen":
            case "notify":
            case "unlisten":
            case "cluster":
            case "reindex":
            case "checkpoint":
            case "do":
            case "call":
            case "load":
            case "refresh":
            case "security":
            case "reassign":
            case "import":
                throw unsupported(t, t.text().toUpperCase() + " is not supported");
            default:
                throw error();
        }
    }

    /**
     * {@code PreparableStmt}: a query, INSERT, UPDATE or DELETE, with an optional leading WITH
     * (also the body of a common table expression and of PREPARE).
     */
    Statement preparableStatement() {
        Token start = peek();
        WithClause with = isKw("with") ? g.queries.withClause() : null;
        if (isKw("insert")) {
            return g.dml.insert(with, start.start());
        }
        if (isKw("update")) {
            return g.dml.update(with, start.start());
        }
        if (isKw("delete")) {
            return g.dml.delete(with, start.start());
        }
        if (isKw("merge")) {
            throw unsupported(peek(), "MERGE is not supported");
        }
        return g.queries.queryAfterWith(with, start.start());
    }
}
