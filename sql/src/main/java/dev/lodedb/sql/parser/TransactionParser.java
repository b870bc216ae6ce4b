package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.Statement;
import dev.lodedb.sql.ast.TransactionStatement;
import dev.lodedb.sql.ast.TransactionStatement.IsolationLevel;

/**
 * Transaction control: BEGIN / START TRANSACTION with modes, COMMIT / END, ROLLBACK / ABORT
 * (with AND [NO] CHAIN), SAVEPOINT, RELEASE, ROLLBACK TO, and the mode lists of SET TRANSACTION
 * and SET SESSION CHARACTERISTICS.
 *
 * <p>Not thread-safe.
 */
final class TransactionParser extends GrammarRule {

    TransactionParser(Grammar g) {
        super(g);
    }

    /** At BEGIN, START, COMMIT, END, ROLLBACK, ABORT, SAVEPOINT or RELEASE. */
    Statement transaction() {
        Token t = next();
        int pos = t.start();
        switch (t.text()) {
            case "begin":
                if (!acceptKw("work")) {
                    acceptKw("transaction");
                }
                return modes(TransactionStatement.Kind.BEGIN, pos);
            case "start":
                expectKw("transaction");
                return modes(TransactionStatement.Kind.BEGIN, pos);
            case "commit":
            case "end":
                if (t.isKeyword("commit") && isKw("prepared")) {
                    throw unsupported(peek(), "COMMIT PREPARED is not supported");
                }
                return finish(TransactionStatement.Kind.COMMIT, pos);
            case "rollback":
            case "abort":
                if (t.isKeyword("rollback") && isKw("prepared")) {
                    throw unsupported(peek(), "ROLLBACK PREPARED is not supported");
                }
                if (!acceptKw("work")) {
                    acceptKw("transaction");
                }
                if (t.isKeyword("rollback") && acceptKw("to")) {
                    acceptKw("savepoint");
                    return new TransactionStatement(TransactionStatement.Kind.ROLLBACK_TO, colId(), null, null, null,
                            false, pos);
                }
                return finish(TransactionStatement.Kind.ROLLBACK, pos);
            case "savepoint":
                return new TransactionStatement(TransactionStatement.Kind.SAVEPOINT, colId(), null, null, null, false,
                        pos);
            case "release":
                acceptKw("savepoint");
                return new TransactionStatement(TransactionStatement.Kind.RELEASE, colId(), null, null, null, false,
                        pos);
            default:
                throw in.syntaxErrorAt(t);
        }
    }

    private Statement finish(TransactionStatement.Kind kind, int pos) {
        if (!acceptKw("work")) {
            acceptKw("transaction");
        }
        boolean chain = false;
        if (acceptKw("and")) {
            chain = !acceptKw("no");
            expectKw("chain");
        }
        return new TransactionStatement(kind, null, null, null, null, chain, pos);
    }

    /** {@code transaction_mode_list}: isolation level, READ ONLY/WRITE, [NOT] DEFERRABLE. */
    TransactionStatement modes(TransactionStatement.Kind kind, int pos) {
        IsolationLevel isolation = null;
        Boolean readOnly = null;
        Boolean deferrable = null;
        boolean first = true;
        while (true) {
            if (!first) {
                accept(TokenType.COMMA);
            }
            first = false;
            if (isKw("isolation")) {
                next();
                expectKw("level");
                isolation = isolationLevel();
            } else if (isKw("read") && (isKw(1, "only") || isKw(1, "write"))) {
                next();
                readOnly = next().isKeyword("only");
            } else if (acceptKw("deferrable")) {
                deferrable = Boolean.TRUE;
            } else if (isKw("not") && isKw(1, "deferrable")) {
                next();
                next();
                deferrable = Boolean.FALSE;
            } else {
                if (in.previous().type() == TokenType.COMMA) {
                    throw error();
                }
                return new TransactionStatement(kind, null, isolation, readOnly, deferrable, false, pos);
            }
        }
    }

    private IsolationLevel isolationLevel() {
        if (acceptKw("serializable")) {
            return IsolationLevel.SERIALIZABLE;
        }
        if (acceptKw("repeatable")) {
            expectKw("read");
            return IsolationLevel.REPEATABLE_READ;
        }
        expectKw("read");
        if (acceptKw("committed")) {
            return IsolationLevel.READ_COMMITTED;
        }
        expectKw("uncommitted");
        return IsolationLevel.READ_UNCOMMITTED;
    }
}

