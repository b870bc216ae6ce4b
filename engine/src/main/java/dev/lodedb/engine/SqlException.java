package dev.lodedb.engine;

import java.util.Objects;

/**
 * A user-facing error with a PostgreSQL SQLSTATE code: what the server sends as an
 * {@code ErrorResponse} and what JDBC surfaces as an {@code SQLException}. Every error the engine
 * and the SQL layer report to a user is one of these (ARCHITECTURE.md, "Principles").
 *
 * <p>Fields follow the fields of PostgreSQL's {@code ErrorResponse} message
 * (<a href="https://www.postgresql.org/docs/15/protocol-error-fields.html">protocol error
 * fields</a>): {@link #sqlState()} (field {@code C}), the primary message ({@code M}), an optional
 * {@link #detail()} ({@code D}) and {@link #hint()} ({@code H}), and an optional
 * {@link #position()} ({@code P}): a 1-based character (not byte) offset into the statement
 * text, 0 when the error has no position. Codes are the ones of
 * <a href="https://www.postgresql.org/docs/15/errcodes-appendix.html">PostgreSQL's error codes
 * appendix</a>; the constants below name the ones LodeDB raises, spelled as PostgreSQL's
 * condition names.
 *
 * <p>Immutable and thread-safe; {@code with*} methods return a copy that keeps the cause and the
 * stack trace.
 */
public class SqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** 42601 syntax_error. */
    public static final String SYNTAX_ERROR = "42601";
    /** 42P01 undefined_table. */
    public static final String UNDEFINED_TABLE = "42P01";
    /** 42703 undefined_column. */
    public static final String UNDEFINED_COLUMN = "42703";
    /** 42883 undefined_function (also: no comparison or equality operator for a type). */
    public static final String UNDEFINED_FUNCTION = "42883";
    /** 42804 datatype_mismatch. */
    public static final String DATATYPE_MISMATCH = "42804";
    /** 42846 cannot_coerce: no cast exists between two types. */
    public static final String CANNOT_COERCE = "42846";
    /** 42704 undefined_object (e.g. an unknown type name). */
    public static final String UNDEFINED_OBJECT = "42704";
    /** 42P07 duplicate_table. */
    public static final String DUPLICATE_TABLE = "42P07";
    /** 42701 duplicate_column. */
    public static final String DUPLICATE_COLUMN = "42701";
    /** 42P18 indeterminate_datatype. */
    public static final String INDETERMINATE_DATATYPE = "42P18";
    /** 22012 division_by_zero. */
    public static final String DIVISION_BY_ZERO = "22012";
    /** 22003 numeric_value_out_of_range. */
    public static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";
    /** 22P02 invalid_text_representation. */
    public static final String INVALID_TEXT_REPRESENTATION = "22P02";
    /** 22P05 untranslatable_character (e.g. {@code \u0000} in jsonb). */
    public static final String UNTRANSLATABLE_CHARACTER = "22P05";
    /** 22007 invalid_datetime_format. */
    public static final String INVALID_DATETIME_FORMAT = "22007";
    /** 22008 datetime_field_overflow. */
    public static final String DATETIME_FIELD_OVERFLOW = "22008";
    /** 22001 string_data_right_truncation. */
    public static final String STRING_DATA_RIGHT_TRUNCATION = "22001";
    /** 22021 character_not_in_repertoire: e.g. a NUL character in text. */
    public static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";
    /** 22023 invalid_parameter_value. */
    public static final String INVALID_PARAMETER_VALUE = "22023";
    /** 23502 not_null_violation. */
    public static final String NOT_NULL_VIOLATION = "23502";
    /** 23505 unique_violation. */
    public static final String UNIQUE_VIOLATION = "23505";
    /** 23514 check_violation. */
    public static final String CHECK_VIOLATION = "23514";
    /** 23503 foreign_key_violation. */
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    /** 54011 too_many_columns. */
    public static final String TOO_MANY_COLUMNS = "54011";
    /** 0A000 feature_not_supported. */
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    /** XX000 internal_error. */
    public static final String INTERNAL_ERROR = "XX000";
    /** XX001 data_corrupted: a stored row or key that cannot be decoded. */
    public static final String DATA_CORRUPTED = "XX001";

    private final String sqlState;
    private final String detail;
    private final String hint;
    private final int position;

    /**
     * @param sqlState a 5-character SQLSTATE, e.g. {@link #SYNTAX_ERROR}
     * @param message the primary message, PostgreSQL style: lower case, no trailing period
     * @throws IllegalArgumentException if {@code sqlState} is not 5 characters
     */
    public SqlException(String sqlState, String message) {
        this(sqlState, message, null, null, 0, null);
    }

    /**
     * @param sqlState a 5-character SQLSTATE
     * @param message the primary message
     * @param cause the underlying exception, or {@code null}
     */
    public SqlException(String sqlState, String message, Throwable cause) {
        this(sqlState, message, null, null, 0, cause);
    }

    /**
     * @param sqlState a 5-character SQLSTATE
     * @param message the primary message
     * @param detail a secondary message with more detail (full sentences), or {@code null}
     * @param hint a suggestion what to do about it (full sentences), or {@code null}
     * @param position 1-based character offset into the statement text, or 0 for none
     * @param cause the underlying exception, or {@code null}
     * @throws IllegalArgumentException if {@code sqlState} is not 5 characters or
     *     {@code position} is negative
     */
    public SqlException(String sqlState, String message, String detail, String hint, int position,
                        Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        if (sqlState == null || sqlState.length() != 5) {
            throw new IllegalArgumentException("SQLSTATE must be 5 characters: " + sqlState);
        }
        if (position < 0) {
            throw new IllegalArgumentException("position must be >= 0: " + position);
        }
        this.sqlState = sqlState;
        this.detail = detail;
        this.hint = hint;
        this.position = position;
    }

    /** @return the 5-character SQLSTATE code */
    public String sqlState() {
        return sqlState;
    }

    /** @return the secondary message, or {@code null} */
    public String detail() {
        return detail;
    }

    /** @return the hint, or {@code null} */
    public String hint() {
        return hint;
    }

    /** @return the 1-based character offset into the statement text, or 0 for none */
    public int position() {
        return position;
    }

    /** @return a copy with the given 1-based statement position (0 = none) */
    public SqlException withPosition(int newPosition) {
        return copy(detail, hint, newPosition);
    }

    /** @return a copy with the given detail message */
    public SqlException withDetail(String newDetail) {
        return copy(newDetail, hint, position);
    }

    /** @return a copy with the given hint */
    public SqlException withHint(String newHint) {
        return copy(detail, newHint, position);
    }

    private SqlException copy(String d, String h, int p) {
        SqlException e = new SqlException(sqlState, getMessage(), d, h, p, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** @return {@code "ERROR: <message> (SQLSTATE <code>)"} plus detail and hint when present */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ERROR: ").append(getMessage())
                .append(" (SQLSTATE ").append(sqlState).append(')');
        if (detail != null) {
            sb.append(" DETAIL: ").append(detail);
        }
        if (hint != null) {
            sb.append(" HINT: ").append(hint);
        }
        if (position > 0) {
            sb.append(" POSITION: ").append(position);
        }
        return sb.toString();
    }
}
