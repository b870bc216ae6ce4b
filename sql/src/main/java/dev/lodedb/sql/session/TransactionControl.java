package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.transaction.IsolationLevel;
import dev.lodedb.sql.ast.TransactionStatement;
import java.util.List;

/**
 * Runs the transaction-control statements with PostgreSQL's behaviour: BEGIN / START TRANSACTION,
 * COMMIT / END, ROLLBACK / ABORT, SAVEPOINT, RELEASE, ROLLBACK TO, SET TRANSACTION and SET SESSION
 * CHARACTERISTICS AS TRANSACTION, including their warnings (BEGIN inside a block, COMMIT outside
 * one) and AND CHAIN. Not thread-safe (the session's thread).
 */
final class TransactionControl {
    private final SqlDatabase db;
    private final SqlSession session;

    TransactionControl(SqlDatabase db, SqlSession session) {
        this.db = db;
        this.session = session;
    }

    StatementResult run(TransactionStatement t) {
        Transaction txn = session.transaction();
        int pos = t.position() + 1;
        switch (t.kind()) {
            case BEGIN: {
                if (txn != null) {
                    return MaterializedResult.command("BEGIN", 0)
                            .withNotices(List.of("WARNING: there is already a transaction in progress"));
                }
                session.setTransaction(begin(t, null));
                return MaterializedResult.command("BEGIN", 0);
            }
            case COMMIT: {
                if (txn == null) {
                    return MaterializedResult.command("COMMIT", 0)
                            .withNotices(List.of("WARNING: there is no transaction in progress"));
                }
                session.setTransaction(null);
                if (txn.failed) {
                    txn.rollback();
                    chain(t, txn);
                    return MaterializedResult.command("ROLLBACK", 0);
                }
                txn.commit(session.synchronousCommit());
                chain(t, txn);
                return MaterializedResult.command("COMMIT", 0);
            }
            case ROLLBACK: {
                if (txn == null) {
                    return MaterializedResult.command("ROLLBACK", 0)
                            .withNotices(List.of("WARNING: there is no transaction in progress"));
                }
                session.setTransaction(null);
                txn.rollback();
                chain(t, txn);
                return MaterializedResult.command("ROLLBACK", 0);
            }
            case SAVEPOINT: {
                requireBlock(txn, "SAVEPOINT", pos);
                if (txn.failed) {
                    throw aborted();
                }
                txn.savepoint(t.savepoint());
                return MaterializedResult.command("SAVEPOINT", 0);
            }
            case RELEASE: {
                requireBlock(txn, "RELEASE SAVEPOINT", pos);
                if (txn.failed) {
                    throw aborted();
                }
                txn.release(t.savepoint(), pos);
                return MaterializedResult.command("RELEASE", 0);
            }
            case ROLLBACK_TO: {
                requireBlock(txn, "ROLLBACK TO SAVEPOINT", pos);
                txn.rollbackTo(t.savepoint(), pos);
                return MaterializedResult.command("ROLLBACK", 0);
            }
            case SET_TRANSACTION: {
                if (txn == null) {
                    return MaterializedResult.command("SET", 0)
                            .withNotices(List.of("WARNING: SET TRANSACTION can only be used in transaction blocks"));
                }
                if (txn.failed) {
                    throw aborted();
                }
                session.setTransaction(reconfigure(txn, t, pos));
                return MaterializedResult.command("SET", 0);
            }
            default: { // SET SESSION CHARACTERISTICS AS TRANSACTION
                if (t.isolation() != null) {
                    session.settings().set("default_transaction_isolation", level(t.isolation()).sqlName());
                }
                if (t.readOnly() != null) {
                    session.settings().set("default_transaction_read_only", t.readOnly() ? "on" : "off");
                }
                return MaterializedResult.command("SET", 0);
            }
        }
    }

    /** @return a new block with the statement's modes over the session's defaults (or {@code like}'s) */
    private Transaction begin(TransactionStatement t, Transaction like) {
        IsolationLevel iso = t.isolation() != null ? level(t.isolation())
                : like != null ? like.isolation() : session.settings().defaultIsolation();
        boolean ro = t.readOnly() != null ? t.readOnly()
                : like != null ? like.readOnly() : session.settings().defaultReadOnly();
        return new Transaction(db, session, iso, ro, true);
    }

    /** COMMIT AND CHAIN / ROLLBACK AND CHAIN: a new block with the same modes. */
    private void chain(TransactionStatement t, Transaction ended) {
        if (t.chain()) {
            session.setTransaction(new Transaction(db, session, ended.isolation(), ended.readOnly(), true));
        }
    }

    /**
     * SET TRANSACTION: new modes for the block (the isolation level only before its first statement).
     *
     * @throws SqlException 25001 once the block has run a statement and the level would change, or
     *     when a read-only block would become read-write
     */
    private Transaction reconfigure(Transaction txn, TransactionStatement t, int pos) {
        IsolationLevel iso = t.isolation() == null ? null : level(t.isolation());
        if (txn.started() && iso != null && iso != txn.isolation()) {
            throw new SqlException("25001", "SET TRANSACTION ISOLATION LEVEL must be called before any query",
                    null, null, pos, null);
        }
        if (t.readOnly() != null && !t.readOnly() && txn.readOnly()) {
            if (txn.readOnlyOutside()) {
                throw new SqlException("25001", "cannot set transaction read-write mode inside a read-only "
                        + "transaction", null, null, pos, null);
            }
            if (txn.started()) {
                throw new SqlException("25001", "transaction read-write mode must be set before any query", null,
                        null, pos, null);
            }
        }
        txn.configure(iso, t.readOnly());
        return txn;
    }

    private static IsolationLevel level(TransactionStatement.IsolationLevel l) {
        switch (l) {
            case SERIALIZABLE:
                return IsolationLevel.SERIALIZABLE;
            case REPEATABLE_READ:
                return IsolationLevel.REPEATABLE_READ;
            default:
                return IsolationLevel.READ_COMMITTED;
        }
    }

    private static void requireBlock(Transaction txn, String what, int pos) {
        if (txn == null) {
            throw new SqlException("25P01", what + " can only be used in transaction blocks", null, null, pos, null);
        }
    }

    private static SqlException aborted() {
        return new SqlException("25P02", "current transaction is aborted, commands ignored until end of "
                + "transaction block");
    }
}
