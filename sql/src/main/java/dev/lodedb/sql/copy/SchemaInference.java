package dev.lodedb.sql.copy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import java.util.regex.Pattern;

/**
 * Infers a column's SQL type from sample values, for {@code read_csv} and {@code read_json}.
 * Each value is classified ({@link #classifyText} for CSV fields, {@link #classifyJson} for JSON
 * values) and the column's type is the {@link #widen widening} of all its values' kinds:
 * <ul>
 *   <li>NULL (and, in CSV, the NULL string) says nothing; a column of only NULLs is text;</li>
 *   <li>bigint widens to numeric (an integer beyond 64 bits) and both to double precision;</li>
 *   <li>date widens to timestamp and both to timestamp with time zone;</li>
 *   <li>in JSON, objects and arrays are jsonb, and jsonb absorbs every other kind (any JSON value
 *       is a jsonb value, so nothing is lost);</li>
 *   <li>any other mix is text.</li>
 * </ul>
 * CSV text is classified as boolean ({@code true}/{@code false}, any case), bigint (an optional
 * sign and digits, without a leading zero, so {@code 007} and ZIP codes stay text), numeric
 * (such an integer beyond bigint's range), double precision (a decimal fraction or exponent),
 * date ({@code YYYY-MM-DD}), timestamp ({@code YYYY-MM-DD hh:mm[:ss[.ffffff]]}, with a space or
 * {@code T}), timestamptz (a timestamp followed by {@code Z} or an offset), uuid
 * ({@code 8-4-4-4-12} hex digits), else text. JSON strings are only ever date, timestamp,
 * timestamptz, uuid or text — a JSON string of digits stays text. Stateless and thread-safe.
 */
public final class SchemaInference {
    /** The kinds a value can be classified as, from narrow to wide. */
    public enum Kind {
        /** Nothing known (NULL). */
        NULL,
        /** boolean. */
        BOOLEAN,
        /** bigint. */
        BIGINT,
        /** numeric (integers beyond bigint). */
        NUMERIC,
        /** double precision. */
        DOUBLE,
        /** date. */
        DATE,
        /** timestamp without time zone. */
        TIMESTAMP,
        /** timestamp with time zone. */
        TIMESTAMPTZ,
        /** uuid. */
        UUID,
        /** text. */
        TEXT,
        /** jsonb. */
        JSONB
    }

    private static final Pattern INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)?");
    private static final Pattern TIMESTAMPTZ = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)? ?(Z|z|[-+][0-9]{2}(:?[0-9]{2})?)");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private SchemaInference() {
    }

    /** @return the kind of a CSV field ({@code null} = NULL) */
    public static Kind classifyText(String s) {
        if (s == null) {
            return Kind.NULL;
        }
        if (s.isEmpty()) {
            return Kind.TEXT;
        }
        char c = s.charAt(0);
        if (c == 't' || c == 'T' || c == 'f' || c == 'F') {
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return Kind.BOOLEAN;
            }
            return Kind.TEXT;
        }
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
            if (INTEGER.matcher(s).matches()) {
                return fitsLong(s) ? Kind.BIGINT : Kind.NUMERIC;
            }
            if (FLOAT.matcher(s).matches()) {
                return Kind.DOUBLE;
            }
            Kind k = temporalOrUuid(s);
            if (k != Kind.TEXT) {
                return k;
            }
        }
        if (s.length() == 36 && UUID.matcher(s).matches()) {
            return Kind.UUID;
        }
        return Kind.TEXT;
    }

    /** @return the kind of a JSON value */
    public static Kind classifyJson(JsonValue v) {
        return switch (v.kind()) {
            case NULL -> Kind.NULL;
            case TRUE, FALSE -> Kind.BOOLEAN;
            case INTEGER -> fitsLong(v.text()) ? Kind.BIGINT : Kind.NUMERIC;
            case FLOAT -> Kind.DOUBLE;
            case NESTED, JSONB -> Kind.JSONB;
            case STRING -> {
                String s = v.text();
                if (!s.isEmpty() && s.charAt(0) >= '0' && s.charAt(0) <= '9') {
                    yield temporalOrUuid(s);
                }
                yield s.length() == 36 && UUID.matcher(s).matches() ? Kind.UUID : Kind.TEXT;
            }
        };
    }

    private static Kind temporalOrUuid(String s) {
        int n = s.length();
        if (n == 10 && DATE.matcher(s).matches()) {
            return valid(DataType.DATE, s) ? Kind.DATE : Kind.TEXT;
        }
        if (n >= 16 && n <= 26 && TIMESTAMP.matcher(s).matches()) {
            return valid(DataType.TIMESTAMP, s) ? Kind.TIMESTAMP : Kind.TEXT;
        }
        if (n >= 17 && TIMESTAMPTZ.matcher(s).matches()) {
            return valid(DataType.TIMESTAMPTZ, s) ? Kind.TIMESTAMPTZ : Kind.TEXT;
        }
        if (n == 36 && UUID.matcher(s).matches()) {
            return Kind.UUID;
        }
        return Kind.TEXT;
    }

    private static boolean valid(DataType type, String s) {
        try {
            Values.parse(type, s);
            return true;
        } catch (SqlException e) {
            return false;
        }
    }

    private static boolean fitsLong(String s) {
        try {
            Long.parseLong(s.charAt(0) == '+' ? s.substring(1) : s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** @return the narrowest kind that holds values of both kinds */
    public static Kind widen(Kind a, Kind b) {
        if (a == b || b == Kind.NULL) {
            return a;
        }
        if (a == Kind.NULL) {
            return b;
        }
        if (a == Kind.JSONB || b == Kind.JSONB) {
            return Kind.JSONB;
        }
        if (numeric(a) && numeric(b)) {
            return a == Kind.DOUBLE || b == Kind.DOUBLE ? Kind.DOUBLE : Kind.NUMERIC;
        }
        if (temporal(a) && temporal(b)) {
            return a.ordinal() > b.ordinal() ? a : b;
        }
        return Kind.TEXT;
    }

    private static boolean numeric(Kind k) {
        return k == Kind.BIGINT || k == Kind.NUMERIC || k == Kind.DOUBLE;
    }

    private static boolean temporal(Kind k) {
        return k == Kind.DATE || k == Kind.TIMESTAMP || k == Kind.TIMESTAMPTZ;
    }

    /** @return the SQL type of a column whose values widened to {@code k} (NULL: text) */
    public static DataType type(Kind k) {
        return switch (k) {
            case NULL, TEXT -> DataType.TEXT;
            case BOOLEAN -> DataType.BOOLEAN;
            case BIGINT -> DataType.BIGINT;
            case NUMERIC -> DataType.NUMERIC;
            case DOUBLE -> DataType.DOUBLE;
            case DATE -> DataType.DATE;
            case TIMESTAMP -> DataType.TIMESTAMP;
            case TIMESTAMPTZ -> DataType.TIMESTAMPTZ;
            case UUID -> DataType.UUID;
            case JSONB -> DataType.JSONB;
        };
    }
}
