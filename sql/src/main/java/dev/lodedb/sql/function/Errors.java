package dev.lodedb.sql.function;

import dev.lodedb.engine.SqlException;

/**
 * The data errors the function bodies raise, with PostgreSQL's SQLSTATEs and messages
 * ({@code src/backend/utils/errcodes.txt}). Stateless and thread-safe.
 */
final class Errors {
    /** 2201B invalid_regular_expression. */
    static final String INVALID_REGULAR_EXPRESSION = "2201B";
    /** 2201F invalid_argument_for_power_function. */
    static final String INVALID_ARGUMENT_FOR_POWER = "2201F";
    /** 2201E invalid_argument_for_logarithm. */
    static final String INVALID_ARGUMENT_FOR_LOG = "2201E";
    /** 22011 substring_error. */
    static final String SUBSTRING_ERROR = "22011";
    /** 54000 program_limit_exceeded. */
    static final String PROGRAM_LIMIT_EXCEEDED = "54000";
    /** 22004 null_value_not_allowed. */
    static final String NULL_VALUE_NOT_ALLOWED = "22004";
    /** 22025 invalid_escape_sequence. */
    static final String INVALID_ESCAPE_SEQUENCE = "22025";
    /** 22016 invalid_argument_for_nth_value... used here for width_bucket's 2201G. */
    static final String INVALID_ARGUMENT_FOR_WIDTH_BUCKET = "2201G";
    /** 22009 invalid_time_zone_displacement_value. */
    static final String INVALID_TIME_ZONE = "22009";

    private Errors() {
    }

    static SqlException divisionByZero() {
        return new SqlException(SqlException.DIVISION_BY_ZERO, "division by zero");
    }

    /** @return 22003 {@code <type> out of range} ({@code integer}, {@code bigint}, {@code smallint}) */
    static SqlException outOfRange(String typeName) {
        return new SqlException(SqlException.NUMERIC_VALUE_OUT_OF_RANGE, typeName + " out of range");
    }

    static SqlException floatOverflow() {
        return new SqlException(SqlException.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
    }

    static SqlException floatUnderflow() {
        return new SqlException(SqlException.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
    }

    static SqlException numericOverflow() {
        return new SqlException(SqlException.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
    }

    static SqlException invalidParameter(String message) {
        return new SqlException(SqlException.INVALID_PARAMETER_VALUE, message);
    }

    static SqlException error(String sqlState, String message) {
        return new SqlException(sqlState, message);
    }
}
