package dev.lodedb.jdbc;

import dev.lodedb.engine.SqlException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.util.function.IntUnaryOperator;

/**
 * Builds the driver's {@link SQLException}s: the subclass follows the SQLSTATE class (40, serialization
 * failures and deadlocks, gives {@link SQLTransactionRollbackException}).
 */
final class Errors {
    /** 0A000 feature_not_supported. */
    static final String NOT_SUPPORTED = "0A000";
    /** 08003 connection_does_not_exist (pgjdbc uses it for a closed connection). */
    static final String CONNECTION_CLOSED = "08003";
    /** 08001 sqlclient_unable_to_establish_sqlconnection. */
    static final String CANNOT_CONNECT = "08001";
    /** 22003 numeric_value_out_of_range (pgjdbc: "Bad value for type int"). */
    static final String OUT_OF_RANGE = "22003";
    /** 22007 invalid_datetime_format. */
    static final String BAD_DATETIME = "22007";
    /** 42846 cannot_coerce. */
    static final String CANNOT_COERCE = "42846";
    /** 22023 invalid_parameter_value. */
    static final String INVALID_PARAMETER = "22023";
    /** 02000 no_data (pgjdbc: "No results were returned by the query."). */
    static final String NO_DATA = "02000";
    /** 0100E too many results (pgjdbc: "A result was returned when none was expected."). */
    static final String TOO_MANY_RESULTS = "0100E";
    /** 24000 invalid_cursor_state. */
    static final String INVALID_CURSOR = "24000";
    /** 25P01 no_active_sql_transaction (pgjdbc: "Cannot commit when autoCommit is enabled."). */
    static final String NO_TRANSACTION = "25P01";
    /** 25001 active_sql_transaction (pgjdbc: "Cannot change ... in the middle of a transaction."). */
    static final String ACTIVE_TRANSACTION = "25001";
    /** 25P02 in_failed_sql_transaction. */
    static final String FAILED_TRANSACTION = "25P02";
    /** 07009 invalid descriptor index (a bad column or parameter index). */
    static final String BAD_INDEX = "07009";
    /** 07002 wrong number of parameters / parameter not set. */
    static final String PARAMETER_NOT_SET = "07002";

    private Errors() {
    }

    /** @return an exception of the subclass that matches {@code sqlState}'s class */
    static SQLException of(String message, String sqlState, Throwable cause) {
        String cls = sqlState == null || sqlState.length() < 2 ? "" : sqlState.substring(0, 2);
        return switch (cls) {
            case "42" -> new SQLSyntaxErrorException(message, sqlState, cause);
            case "23" -> new SQLIntegrityConstraintViolationException(message, sqlState, cause);
            case "22" -> new SQLDataException(message, sqlState, cause);
            case "0A" -> new SQLFeatureNotSupportedException(message, sqlState, cause);
            case "08" -> new SQLNonTransientConnectionException(message, sqlState, cause);
            case "40" -> new SQLTransactionRollbackException(message, sqlState, cause);
            default -> new SQLException(message, sqlState, cause);
        };
    }

    static SQLException of(String message, String sqlState) {
        return of(message, sqlState, null);
    }

    /**
     * Converts an engine error, in pgjdbc's message form: {@code ERROR: message}, then
     * {@code Detail:}, {@code Hint:} and {@code Position:} lines when present.
     *
     * @param positionMap maps the engine's 1-based position in the SQL it ran back to the SQL the
     *     application wrote (they differ when {@code ?} became {@code $n}); {@code null} for none
     */
    static SQLException of(SqlException e, IntUnaryOperator positionMap) {
        StringBuilder sb = new StringBuilder("ERROR: ").append(e.getMessage());
        if (e.detail() != null) {
            sb.append("\n  Detail: ").append(e.detail());
        }
        if (e.hint() != null) {
            sb.append("\n  Hint: ").append(e.hint());
        }
        if (e.position() > 0) {
            int p = positionMap == null ? e.position() : positionMap.applyAsInt(e.position());
            sb.append("\n  Position: ").append(p);
        }
        return of(sb.toString(), e.sqlState(), e);
    }

    static SQLException of(SqlException e) {
        return of(e, null);
    }

    /** Converts any runtime failure of the engine (a {@link SqlException} or an internal error). */
    static SQLException of(RuntimeException e) {
        if (e instanceof SqlException s) {
            return of(s);
        }
        return of("internal error: " + e, "XX000", e);
    }

    static SQLFeatureNotSupportedException notSupported(String what) {
        return new SQLFeatureNotSupportedException(what + " is not supported by LodeDB's JDBC driver yet",
                NOT_SUPPORTED);
    }
}
