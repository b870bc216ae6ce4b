package dev.lodedb.engine.types;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lodedb.engine.SqlException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Casts between SQL types with PostgreSQL's semantics, and the table of which casts exist in
 * which {@link CastContext} ({@code pg_cast}). Reached through {@link Values#cast} and {@link
 * Values#castContext}.
 *
 * <p>Stateless and thread-safe.
 */
final class Casts {
    private Casts() {
    }

    static SqlException cannotCast(DataType from, DataType to) {
        return new SqlException(SqlException.CANNOT_COERCE,
                "cannot cast type " + from + " to " + to);
    }

    static CastContext castContext(TypeId from, TypeId to) {
        if (from == to || from == TypeId.UNKNOWN) {
            return CastContext.IMPLICIT;
        }
        if (from.isNumeric() && to.isNumeric()) {
            return numericRank(to) > numericRank(from) ? CastContext.IMPLICIT
                    : CastContext.ASSIGNMENT;
        }
        if (from.isString() && to.isString()) {
            return CastContext.IMPLICIT;
        }
        if (to.isString()) {
            return CastContext.ASSIGNMENT;
        }
        if (from.isString()) {
            return CastContext.EXPLICIT;
        }
        switch (from) {
            case BOOLEAN:
                return to == TypeId.INTEGER ? CastContext.EXPLICIT : null;
            case INTEGER:
                return to == TypeId.BOOLEAN ? CastContext.EXPLICIT : null;
            case DATE:
                return to == TypeId.TIMESTAMP || to == TypeId.TIMESTAMPTZ
                        ? CastContext.IMPLICIT : null;
            case TIMESTAMP:
                return to == TypeId.TIMESTAMPTZ ? CastContext.IMPLICIT
                        : to == TypeId.DATE || to == TypeId.TIME ? CastContext.ASSIGNMENT : null;
            case TIMESTAMPTZ:
                return to == TypeId.DATE || to == TypeId.TIME || to == TypeId.TIMESTAMP
                        ? CastContext.ASSIGNMENT : null;
            case TIME:
                return to == TypeId.INTERVAL ? CastContext.IMPLICIT : null;
            case INTERVAL:
                return to == TypeId.TIME ? CastContext.ASSIGNMENT : null;
            case JSON:
                return to == TypeId.JSONB ? CastContext.ASSIGNMENT : null;
            case JSONB:
                if (to == TypeId.JSON) {
                    return CastContext.ASSIGNMENT;
                }
                return to.isNumeric() || to == TypeId.BOOLEAN ? CastContext.EXPLICIT : null;
            default:
                return null;
        }
    }

    private static int numericRank(TypeId t) {
        return switch (t) {
            case SMALLINT -> 0;
            case INTEGER -> 1;
            case BIGINT -> 2;
            case NUMERIC -> 3;
            case REAL -> 4;
            case DOUBLE -> 5;
            default -> throw new IllegalArgumentException(t.toString());
        };
    }

    static Object cast(Object v, DataType from, DataType to, CastContext ctx) {
        if (v == null) {
            return null;
        }
        return applyTypmod(convert(v, from, to), to, ctx);
    }

    private static Object convert(Object v, DataType from, DataType to) {
        TypeId f = from.id();
        TypeId t = to.id();
        if (f == t) {
            return v;
        }
        if (f.isString()) {
            String s = (String) v;
            if (f == TypeId.CHAR) {
                s = Values.stripTrailingBlanks(s);
            }
            return t.isString() ? s : Values.parse(to.withoutModifiers(), s);
        }
        if (t.isString()) {
            if (f == TypeId.BOOLEAN) {
                return (Boolean) v ? "true" : "false";
            }
            return Values.format(from, v);
        }
        if (f.isNumeric() && t.isNumeric()) {
            return numeric(v, f, t);
        }
        switch (f) {
            case BOOLEAN:
                if (t == TypeId.INTEGER) {
                    return (Boolean) v ? 1 : 0;
                }
                break;
            case INTEGER:
                if (t == TypeId.BOOLEAN) {
                    return (Integer) v != 0;
                }
                break;
            case DATE: {
                LocalDate d = (LocalDate) v;
                LocalDateTime ts = d.equals(LocalDate.MAX) ? LocalDateTime.MAX
                        : d.equals(LocalDate.MIN) ? LocalDateTime.MIN : d.atStartOfDay();
                if (t == TypeId.TIMESTAMP) {
                    return ts;
                }
                if (t == TypeId.TIMESTAMPTZ) {
                    return toTz(ts);
                }
                break;
            }
            case TIMESTAMP:
            case TIMESTAMPTZ: {
                LocalDateTime ts = f == TypeId.TIMESTAMP ? (LocalDateTime) v
                        : ((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC)
                                .toLocalDateTime();
                boolean finite = !ts.equals(LocalDateTime.MAX) && !ts.equals(LocalDateTime.MIN);
                switch (t) {
                    case TIMESTAMPTZ:
                        return toTz(ts);
                    case TIMESTAMP:
                        return ts;
                    case DATE:
                        return ts.equals(LocalDateTime.MAX) ? LocalDate.MAX
                                : ts.equals(LocalDateTime.MIN) ? LocalDate.MIN : ts.toLocalDate();
                    case TIME:
                        return finite ? ts.toLocalTime() : null;
                    default:
                        break;
                }
                break;
            }
            case TIME:
                if (t == TypeId.INTERVAL) {
                    return new Interval(0, 0, PgEpoch.toMicrosOfDay((LocalTime) v));
                }
                break;
            case INTERVAL:
                if (t == TypeId.TIME) {
                    long us = ((Interval) v).micros() % Interval.MICROS_PER_DAY;
                    return PgEpoch.fromMicrosOfDay(us < 0 ? us + Interval.MICROS_PER_DAY : us);
                }
                break;
            case JSON:
                if (t == TypeId.JSONB) {
                    return Jsonb.parse(((Json) v).text());
                }
                break;
            case JSONB:
                if (t == TypeId.JSON) {
                    return new Json(v.toString());
                }
                if (t == TypeId.BOOLEAN || t.isNumeric()) {
                    return fromJsonb((Jsonb) v, to);
                }
                break;
            default:
                break;
        }
        throw cannotCast(from, to);
    }

    private static OffsetDateTime toTz(LocalDateTime ts) {
        if (ts.equals(LocalDateTime.MAX)) {
            return Values.TIMESTAMPTZ_INFINITY;
        }
        if (ts.equals(LocalDateTime.MIN)) {
            return Values.TIMESTAMPTZ_MINUS_INFINITY;
        }
        return ts.atOffset(ZoneOffset.UTC);
    }

    /** PostgreSQL 11+ jsonb-to-scalar casts: the jsonb must be a scalar of the matching kind. */
    private static Object fromJsonb(Jsonb j, DataType to) {
        JsonNode n = j.rootUnsafe();
        if (to.id() == TypeId.BOOLEAN) {
            if (!n.isBoolean()) {
                throw jsonbKind(n, to);
            }
            return n.booleanValue();
        }
        if (!n.isNumber()) {
            throw jsonbKind(n, to);
        }
        return numeric(n.decimalValue(), TypeId.NUMERIC, to.id());
    }

    private static SqlException jsonbKind(JsonNode n, DataType to) {
        String kind = switch (n.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case NUMBER -> "numeric";
            case BOOLEAN -> "boolean";
            default -> "null";
        };
        return new SqlException(SqlException.INVALID_PARAMETER_VALUE,
                "cannot cast jsonb " + kind + " to type " + to.withoutModifiers());
    }

    private static SqlException intOutOfRange(TypeId t) {
        return new SqlException(SqlException.NUMERIC_VALUE_OUT_OF_RANGE,
                t.sqlName() + " out of range");
    }

    private static Object integer(long x, TypeId t) {
        switch (t) {
            case SMALLINT:
                if (x < Short.MIN_VALUE || x > Short.MAX_VALUE) {
                    throw intOutOfRange(t);
                }
                return (short) x;
            case INTEGER:
                if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
                    throw intOutOfRange(t);
                }
                return (int) x;
            default:
                return x;
        }
    }

    /** Conversions inside the numeric category (integers, real, double, numeric). */
    private static Object numeric(Object v, TypeId f, TypeId t) {
        if (f.isInteger()) {
            long x = ((Number) v).longValue();
            return switch (t) {
                case SMALLINT, INTEGER, BIGINT -> integer(x, t);
                case REAL -> (float) x;
                case DOUBLE -> (double) x;
                default -> BigDecimal.valueOf(x);
            };
        }
        if (f == TypeId.REAL || f == TypeId.DOUBLE) {
            double d = ((Number) v).doubleValue();
            switch (t) {
                case SMALLINT, INTEGER, BIGINT: {
                    double r = Math.rint(d);
                    boolean fits = t == TypeId.BIGINT
                            ? r >= -0x1p63 && r < 0x1p63
                            : r >= (t == TypeId.SMALLINT ? Short.MIN_VALUE : Integer.MIN_VALUE)
                                    && r <= (t == TypeId.SMALLINT ? Short.MAX_VALUE
                                    : Integer.MAX_VALUE);
                    if (Double.isNaN(d) || !fits) {
                        throw intOutOfRange(t);
                    }
                    return integer((long) r, t);
                }
                case REAL: {
                    float r = (float) d;
                    if (Float.isInfinite(r) && !Double.isInfinite(d)) {
                        throw new SqlException(SqlException.NUMERIC_VALUE_OUT_OF_RANGE,
                                "value out of range: overflow");
                    }
                    if (r == 0 && d != 0) {
                        throw new SqlException(SqlException.NUMERIC_VALUE_OUT_OF_RANGE,
                                "value out of range: underflow");
                    }
                    return r;
                }
                case DOUBLE:
                    return d;
                default: {
                    if (Double.isNaN(d)) {
                        throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED,
                                "cannot convert NaN to numeric");
                    }
                    if (Double.isInfinite(d)) {
                        throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED,
                                "cannot convert infinity to numeric");
                    }
                    // float8_numeric / float4_numeric: "%.*g" with DBL_DIG (15) or FLT_DIG (6)
                    int digits = f == TypeId.REAL ? 6 : 15;
                    if (d == 0) {
                        return BigDecimal.ZERO;
                    }
                    BigDecimal b = new BigDecimal(d).round(new MathContext(digits,
                            RoundingMode.HALF_EVEN)).stripTrailingZeros();
                    return b.scale() < 0 ? b.setScale(0) : b;
                }
            }
        }
        BigDecimal b = (BigDecimal) v;
        switch (t) {
            case SMALLINT, INTEGER, BIGINT: {
                BigDecimal r = b.setScale(0, RoundingMode.HALF_UP);
                if (r.precision() > 19) {
                    throw intOutOfRange(t);
                }
                try {
                    return integer(r.longValueExact(), t);
                } catch (ArithmeticException e) {
                    throw intOutOfRange(t);
                }
            }
            case REAL:
                return (float) FloatText.parse(b.toString(), true);
            case DOUBLE:
                return FloatText.parse(b.toString(), false);
            default:
                return b;
        }
    }

    /**
     * Applies {@code type}'s modifier to a value already of {@code type.id()} (PostgreSQL's
     * length-coercion functions {@code numeric()}, {@code varchar()}, {@code bpchar()}, {@code
     * timestamp()}, ...). Values of types without modifiers pass through.
     */
    static Object applyTypmod(Object v, DataType type, CastContext ctx) {
        if (v == null) {
            return null;
        }
        switch (type.id()) {
            case NUMERIC:
                return NumericText.applyTypmod((BigDecimal) v, type);
            case VARCHAR:
                return type.length() < 0 ? v : fitLength((String) v, type, ctx, false);
            case CHAR:
                return type.length() < 0 ? v : fitLength((String) v, type, ctx, true);
            case TIME: {
                if (type.precision() < 0) {
                    return v;
                }
                long us = DateTimeText.roundMicros(PgEpoch.toMicrosOfDay((LocalTime) v),
                        type.precision());
                return PgEpoch.fromMicrosOfDay(us);
            }
            case TIMESTAMP: {
                LocalDateTime ts = (LocalDateTime) v;
                if (type.precision() < 0 || ts.equals(LocalDateTime.MAX)
                        || ts.equals(LocalDateTime.MIN)) {
                    return v;
                }
                return PgEpoch.fromPgMicros(DateTimeText.roundMicros(PgEpoch.toPgMicros(ts),
                        type.precision()));
            }
            case TIMESTAMPTZ: {
                OffsetDateTime ts = (OffsetDateTime) v;
                if (type.precision() < 0) {
                    return v;
                }
                long us = PgEpoch.toPgMicros(ts);
                if (us == Long.MAX_VALUE || us == Long.MIN_VALUE) {
                    return v;
                }
                return PgEpoch.fromPgMicrosTz(DateTimeText.roundMicros(us, type.precision()));
            }
            case INTERVAL: {
                Interval iv = (Interval) v;
                if (type.precision() < 0) {
                    return v;
                }
                return new Interval(iv.months(), iv.days(),
                        DateTimeText.roundMicros(iv.micros(), type.precision()));
            }
            default:
                return v;
        }
    }

    /**
     * PostgreSQL's {@code varchar()} / {@code bpchar()}: lengths are in characters (code points);
     * too long is truncated when explicit, else an error unless only spaces would be lost;
     * {@code char(n)} is blank-padded to n.
     */
    /** Blank strings {@code BLANKS[k]} of k spaces, for padding char(n) values. */
    private static final String[] BLANKS = new String[65];

    static {
        for (int k = 0; k < BLANKS.length; k++) {
            BLANKS[k] = " ".repeat(k);
        }
    }

    private static String fitLength(String s, DataType type, CastContext ctx, boolean pad) {
        int n = type.length();
        if (!pad && s.length() <= n) {
            return s; // at most n chars: at most n code points
        }
        int len = s.codePointCount(0, s.length());
        if (len > n) {
            int cut = s.offsetByCodePoints(0, n);
            if (ctx != CastContext.EXPLICIT) {
                for (int i = cut; i < s.length(); i++) {
                    if (s.charAt(i) != ' ') {
                        throw new SqlException(SqlException.STRING_DATA_RIGHT_TRUNCATION,
                                "value too long for type " + type);
                    }
                }
            }
            return s.substring(0, cut);
        }
        if (pad && len < n) {
            return s.concat(n - len < BLANKS.length ? BLANKS[n - len] : " ".repeat(n - len));
        }
        return s;
    }
}
