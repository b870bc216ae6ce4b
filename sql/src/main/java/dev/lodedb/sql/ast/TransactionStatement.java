package dev.lodedb.sql.ast;

/**
 * A transaction-control statement. {@code START TRANSACTION} reads as {@link Kind#BEGIN},
 * {@code END} as {@link Kind#COMMIT}, {@code ABORT} as {@link Kind#ROLLBACK}.
 *
 * @param kind the statement
 * @param savepoint the savepoint of SAVEPOINT, RELEASE and ROLLBACK TO, else {@code null}
 * @param isolation the ISOLATION LEVEL of BEGIN / SET TRANSACTION, or {@code null}
 * @param readOnly {@code TRUE} for READ ONLY, {@code FALSE} for READ WRITE, {@code null} when unspecified
 * @param deferrable {@code TRUE} for DEFERRABLE, {@code FALSE} for NOT DEFERRABLE, {@code null} when unspecified
 * @param chain whether {@code AND CHAIN} was written (COMMIT, ROLLBACK)
 * @param position offset of the first token
 */
public record TransactionStatement(Kind kind, String savepoint, IsolationLevel isolation, Boolean readOnly,
        Boolean deferrable, boolean chain, int position) implements Statement {

    /**
     * @param kind the statement
     * @param position offset of the first token
     * @return a statement without options
     */
    public static TransactionStatement of(Kind kind, int position) {
        return new TransactionStatement(kind, null, null, null, null, false, position);
    }

    /** The transaction-control statement. */
    public enum Kind {
        /** {@code BEGIN} / {@code START TRANSACTION} */
        BEGIN,
        /** {@code COMMIT} / {@code END} */
        COMMIT,
        /** {@code ROLLBACK} / {@code ABORT} */
        ROLLBACK,
        /** {@code SAVEPOINT name} */
        SAVEPOINT,
        /** {@code RELEASE [SAVEPOINT] name} */
        RELEASE,
        /** {@code ROLLBACK TO [SAVEPOINT] name} */
        ROLLBACK_TO,
        /** {@code SET TRANSACTION ...} */
        SET_TRANSACTION,
        /** {@code SET SESSION CHARACTERISTICS AS TRANSACTION ...} */
        SET_SESSION_DEFAULTS
    }

    /** The SQL isolation levels. */
    public enum IsolationLevel {
        /** {@code READ UNCOMMITTED} */
        READ_UNCOMMITTED,
        /** {@code READ COMMITTED} */
        READ_COMMITTED,
        /** {@code REPEATABLE READ} */
        REPEATABLE_READ,
        /** {@code SERIALIZABLE} */
        SERIALIZABLE
    }
}
