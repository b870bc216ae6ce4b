package dev.lodedb.jdbc;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import java.sql.Types;

/** The mapping of LodeDB's SQL types to JDBC, following pgjdbc's {@code TypeInfoCache}. */
final class JdbcTypes {
    /** pgjdbc's length for unbounded strings. */
    static final int UNKNOWN_LENGTH = Integer.MAX_VALUE;

    private JdbcTypes() {
    }

    /** @return the {@link Types} constant pgjdbc reports for {@code t} */
    static int sqlType(TypeId t) {
        return switch (t) {
            case BOOLEAN -> Types.BIT;
            case SMALLINT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case REAL -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case NUMERIC -> Types.NUMERIC;
            case TEXT, VARCHAR -> Types.VARCHAR;
            case CHAR -> Types.CHAR;
            case BYTEA -> Types.BINARY;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP, TIMESTAMPTZ -> Types.TIMESTAMP;
            case INTERVAL, UUID, JSON, JSONB, UNKNOWN -> Types.OTHER;
        };
    }

    /** @return the class {@code ResultSet.getObject} returns for {@code t} */
    static String className(TypeId t) {
        return switch (t) {
            case BOOLEAN -> "java.lang.Boolean";
            case SMALLINT, INTEGER -> "java.lang.Integer";
            case BIGINT -> "java.lang.Long";
            case REAL -> "java.lang.Float";
            case DOUBLE -> "java.lang.Double";
            case NUMERIC -> "java.math.BigDecimal";
            case TEXT, VARCHAR, CHAR, INTERVAL, JSON, JSONB, UNKNOWN -> "java.lang.String";
            case BYTEA -> "[B";
            case DATE -> "java.sql.Date";
            case TIME -> "java.sql.Time";
            case TIMESTAMP, TIMESTAMPTZ -> "java.sql.Timestamp";
            case UUID -> "java.util.UUID";
        };
    }

    /** @return fractional-second digits of a time type (6 when not declared) */
    private static int fractionDigits(DataType t) {
        return t.precision() >= 0 ? t.precision() : 6;
    }

    /**
     * @return pgjdbc's precision: decimal digits for numbers (0 for unconstrained numeric),
     *     characters for strings ({@link #UNKNOWN_LENGTH} when unbounded), display characters for
     *     date/time types
     */
    static int precision(DataType t) {
        return switch (t.id()) {
            case BOOLEAN -> 1;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            case REAL -> 8;
            case DOUBLE -> 17;
            case NUMERIC -> Math.max(t.precision(), 0);
            case VARCHAR, CHAR -> t.length() >= 0 ? t.length() : UNKNOWN_LENGTH;
            case TEXT, BYTEA, JSON, JSONB, UNKNOWN -> UNKNOWN_LENGTH;
            case DATE -> 13;
            case TIME -> 8 + (fractionDigits(t) > 0 ? fractionDigits(t) + 1 : 0);
            case TIMESTAMP -> 19 + (fractionDigits(t) > 0 ? fractionDigits(t) + 1 : 0);
            case TIMESTAMPTZ -> 22 + (fractionDigits(t) > 0 ? fractionDigits(t) + 1 : 0);
            case INTERVAL -> 49;
            case UUID -> 36;
        };
    }

    /** @return the scale: numeric's declared scale, fractional digits of time types, else 0 */
    static int scale(DataType t) {
        return switch (t.id()) {
            case NUMERIC -> t.precision() >= 0 ? t.scale() : 0;
            case REAL -> 8;
            case DOUBLE -> 17;
            case TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> fractionDigits(t);
            default -> 0;
        };
    }

    /** @return the display size in characters */
    static int displaySize(DataType t) {
        return switch (t.id()) {
            case SMALLINT -> 6;
            case INTEGER -> 11;
            case BIGINT -> 20;
            case REAL -> 15;
            case DOUBLE -> 25;
            case NUMERIC -> t.precision() >= 0 ? t.precision() + (t.scale() > 0 ? 2 : 1) : 131089;
            default -> precision(t);
        };
    }

    /** @return whether values of {@code t} are signed numbers */
    static boolean isSigned(TypeId t) {
        return t.isNumeric();
    }

    /** @return whether comparisons of {@code t} are case-sensitive (strings and string-like types) */
    static boolean isCaseSensitive(TypeId t) {
        return t.isString() || t == TypeId.JSON || t == TypeId.JSONB;
    }

    /**
     * @param jdbcType a {@link Types} constant
     * @return the LodeDB type a value declared as {@code jdbcType} becomes, or {@code null}
     */
    static DataType fromJdbc(int jdbcType) {
        return switch (jdbcType) {
            case Types.BIT, Types.BOOLEAN -> DataType.BOOLEAN;
            case Types.TINYINT, Types.SMALLINT -> DataType.SMALLINT;
            case Types.INTEGER -> DataType.INTEGER;
            case Types.BIGINT -> DataType.BIGINT;
            case Types.REAL -> DataType.REAL;
            case Types.FLOAT, Types.DOUBLE -> DataType.DOUBLE;
            case Types.NUMERIC, Types.DECIMAL -> DataType.NUMERIC;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR,
                    Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB -> DataType.TEXT;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> DataType.BYTEA;
            case Types.DATE -> DataType.DATE;
            case Types.TIME -> DataType.TIME;
            case Types.TIMESTAMP -> DataType.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> DataType.TIMESTAMPTZ;
            default -> null;
        };
    }
}
