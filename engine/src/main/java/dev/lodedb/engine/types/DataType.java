package dev.lodedb.engine.types;

import dev.lodedb.engine.SqlException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A SQL type: a {@link TypeId} plus its type modifiers, PostgreSQL's {@code typmod}. Modifiers:
 * <ul>
 *   <li>{@code numeric(p, s)}: precision {@code p} in 1..1000 decimal digits and scale {@code s}
 *       in -1000..1000 (PostgreSQL 15 rules); plain {@code numeric} has none (precision -1);</li>
 *   <li>{@code character varying(n)} and {@code character(n)}: maximum or fixed length in
 *       characters, 1..10485760; {@code varchar} and {@code bpchar} without a length are
 *       unbounded (length -1); {@code char} and {@code character} without a length mean {@code
 *       character(1)}, as in PostgreSQL;</li>
 *   <li>{@code time(p)}, {@code timestamp(p)}, {@code timestamptz(p)}, {@code interval(p)}:
 *       fractional-second digits 0..6 (precision -1 = 6, unrounded).</li>
 * </ul>
 *
 * <p>{@link #parse(String)} accepts every spelling PostgreSQL's grammar accepts for these types;
 * {@link #toString()} prints PostgreSQL's {@code format_type} display name, e.g. {@code character
 * varying(10)}, {@code numeric(10,2)}, {@code timestamp(3) with time zone}.
 *
 * <p>Immutable and thread-safe; equal types are {@link #equals equal}.
 */
public final class DataType {
    /** Maximum numeric precision ({@code NUMERIC_MAX_PRECISION}). */
    public static final int NUMERIC_MAX_PRECISION = 1000;
    /** Minimum numeric scale ({@code NUMERIC_MIN_SCALE}, PostgreSQL 15). */
    public static final int NUMERIC_MIN_SCALE = -1000;
    /** Maximum numeric scale ({@code NUMERIC_MAX_SCALE}, PostgreSQL 15). */
    public static final int NUMERIC_MAX_SCALE = 1000;
    /** Maximum declared character length ({@code MaxAttrSize} in characters, 10 MiB). */
    public static final int MAX_LENGTH = 10 * 1024 * 1024;
    /** Maximum fractional-second precision of time, timestamp and interval (microseconds). */
    public static final int MAX_TIME_PRECISION = 6;

    /** {@code boolean}. */
    public static final DataType BOOLEAN = new DataType(TypeId.BOOLEAN, -1, 0, -1);
    /** {@code smallint}. */
    public static final DataType SMALLINT = new DataType(TypeId.SMALLINT, -1, 0, -1);
    /** {@code integer}. */
    public static final DataType INTEGER = new DataType(TypeId.INTEGER, -1, 0, -1);
    /** {@code bigint}. */
    public static final DataType BIGINT = new DataType(TypeId.BIGINT, -1, 0, -1);
    /** {@code real}. */
    public static final DataType REAL = new DataType(TypeId.REAL, -1, 0, -1);
    /** {@code double precision}. */
    public static final DataType DOUBLE = new DataType(TypeId.DOUBLE, -1, 0, -1);
    /** {@code numeric} without precision and scale. */
    public static final DataType NUMERIC = new DataType(TypeId.NUMERIC, -1, 0, -1);
    /** {@code text}. */
    public static final DataType TEXT = new DataType(TypeId.TEXT, -1, 0, -1);
    /** {@code character varying} without a length limit. */
    public static final DataType VARCHAR = new DataType(TypeId.VARCHAR, -1, 0, -1);
    /** {@code bpchar}: blank-padded string without a length (trailing blanks insignificant). */
    public static final DataType BPCHAR = new DataType(TypeId.CHAR, -1, 0, -1);
    /** {@code bytea}. */
    public static final DataType BYTEA = new DataType(TypeId.BYTEA, -1, 0, -1);
    /** {@code date}. */
    public static final DataType DATE = new DataType(TypeId.DATE, -1, 0, -1);
    /** {@code time without time zone}. */
    public static final DataType TIME = new DataType(TypeId.TIME, -1, 0, -1);
    /** {@code timestamp without time zone}. */
    public static final DataType TIMESTAMP = new DataType(TypeId.TIMESTAMP, -1, 0, -1);
    /** {@code timestamp with time zone}. */
    public static final DataType TIMESTAMPTZ = new DataType(TypeId.TIMESTAMPTZ, -1, 0, -1);
    /** {@code interval}. */
    public static final DataType INTERVAL = new DataType(TypeId.INTERVAL, -1, 0, -1);
    /** {@code uuid}. */
    public static final DataType UUID = new DataType(TypeId.UUID, -1, 0, -1);
    /** {@code json}. */
    public static final DataType JSON = new DataType(TypeId.JSON, -1, 0, -1);
    /** {@code jsonb}. */
    public static final DataType JSONB = new DataType(TypeId.JSONB, -1, 0, -1);
    /** {@code unknown}. */
    public static final DataType UNKNOWN = new DataType(TypeId.UNKNOWN, -1, 0, -1);

    private final TypeId id;
    private final int precision;
    private final int scale;
    private final int length;

    private DataType(TypeId id, int precision, int scale, int length) {
        this.id = id;
        this.precision = precision;
        this.scale = scale;
        this.length = length;
    }

    /** @return the type {@code id} without modifiers */
    public static DataType of(TypeId id) {
        return switch (id) {
            case BOOLEAN -> BOOLEAN;
            case SMALLINT -> SMALLINT;
            case INTEGER -> INTEGER;
            case BIGINT -> BIGINT;
            case REAL -> REAL;
            case DOUBLE -> DOUBLE;
            case NUMERIC -> NUMERIC;
            case TEXT -> TEXT;
            case VARCHAR -> VARCHAR;
            case CHAR -> BPCHAR;
            case BYTEA -> BYTEA;
            case DATE -> DATE;
            case TIME -> TIME;
            case TIMESTAMP -> TIMESTAMP;
            case TIMESTAMPTZ -> TIMESTAMPTZ;
            case INTERVAL -> INTERVAL;
            case UUID -> UUID;
            case JSON -> JSON;
            case JSONB -> JSONB;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /**
     * @return {@code numeric(precision, scale)}
     * @throws SqlException 22023 if precision is outside 1..1000 or scale outside -1000..1000
     */
    public static DataType numeric(int precision, int scale) {
        if (precision < 1 || precision > NUMERIC_MAX_PRECISION) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "NUMERIC precision "
                    + precision + " must be between 1 and " + NUMERIC_MAX_PRECISION);
        }
        if (scale < NUMERIC_MIN_SCALE || scale > NUMERIC_MAX_SCALE) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "NUMERIC scale " + scale
                    + " must be between " + NUMERIC_MIN_SCALE + " and " + NUMERIC_MAX_SCALE);
        }
        return new DataType(TypeId.NUMERIC, precision, scale, -1);
    }

    /**
     * @return {@code character varying(length)}
     * @throws SqlException 22023 if length is outside 1..10485760
     */
    public static DataType varchar(int length) {
        return new DataType(TypeId.VARCHAR, -1, 0, checkLength("varchar", length));
    }

    /**
     * @return {@code character(length)}
     * @throws SqlException 22023 if length is outside 1..10485760
     */
    public static DataType character(int length) {
        return new DataType(TypeId.CHAR, -1, 0, checkLength("char", length));
    }

    /**
     * @param id one of TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL
     * @param precision fractional-second digits; values above 6 are reduced to 6, as PostgreSQL
     *     does (with a warning there)
     * @return the type with that precision
     * @throws SqlException 22023 if precision is negative
     * @throws IllegalArgumentException if {@code id} is not a time type
     */
    public static DataType withTimePrecision(TypeId id, int precision) {
        if (id != TypeId.TIME && id != TypeId.TIMESTAMP && id != TypeId.TIMESTAMPTZ
                && id != TypeId.INTERVAL) {
            throw new IllegalArgumentException("not a time type: " + id);
        }
        if (precision < 0) {
            String name = id == TypeId.TIMESTAMPTZ ? "TIMESTAMP(" + precision + ") WITH TIME ZONE"
                    : id.typname().toUpperCase(Locale.ROOT) + "(" + precision + ")";
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE,
                    name + " precision must not be negative");
        }
        return new DataType(id, Math.min(precision, MAX_TIME_PRECISION), 0, -1);
    }

    private static int checkLength(String name, int length) {
        if (length < 1) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE,
                    "length for type " + name + " must be at least 1");
        }
        if (length > MAX_LENGTH) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE,
                    "length for type " + name + " cannot exceed " + MAX_LENGTH);
        }
        return length;
    }

    /** @return the type's identity */
    public TypeId id() {
        return id;
    }

    /**
     * @return numeric precision in decimal digits, or fractional-second digits of a time type;
     *     -1 when not declared
     */
    public int precision() {
        return precision;
    }

    /** @return numeric scale in decimal digits after the point; meaningful when precision >= 0 */
    public int scale() {
        return scale;
    }

    /** @return declared length in characters of varchar(n) / char(n), or -1 when unbounded */
    public int length() {
        return length;
    }

    /** @return whether the type has a modifier (precision or length) */
    public boolean hasModifiers() {
        return precision >= 0 || length >= 0;
    }

    /** @return the same type without modifiers, e.g. {@code numeric} for {@code numeric(10,2)} */
    public DataType withoutModifiers() {
        return hasModifiers() ? of(id) : this;
    }

    /**
     * @return PostgreSQL's {@code atttypmod} encoding of the modifiers (what the wire protocol
     *     sends in {@code RowDescription}): {@code length + 4} for varchar/char, {@code ((p << 16)
     *     | (s & 0x7ff)) + 4} for numeric, {@code p} for time types, {@code (0x7fff << 16) | p}
     *     for interval; -1 when there is no modifier
     */
    public int typmod() {
        return switch (id) {
            case VARCHAR, CHAR -> length >= 0 ? length + 4 : -1;
            case NUMERIC -> precision >= 0 ? ((precision << 16) | (scale & 0x7ff)) + 4 : -1;
            case TIME, TIMESTAMP, TIMESTAMPTZ -> precision;
            case INTERVAL -> precision >= 0 ? (0x7fff << 16) | precision : -1;
            default -> -1;
        };
    }

    /**
     * Parses a type name as written in SQL, case-insensitively for unquoted names, accepting all of
     * PostgreSQL's spellings of the supported types: {@code int, int2, int4, int8, integer,
     * smallint, bigint, float4, float8, real, double precision, float, float(p)} (p 1..24 is real,
     * 25..53 double precision), {@code numeric, numeric(p), numeric(p,s), decimal, dec}, {@code
     * text, varchar(n), character varying(n), char varying(n), char(n), character(n), char
     * (= char(1)), bpchar, nchar, national character [varying]}, {@code bool, boolean, bytea,
     * date, time[(p)] [without time zone], timestamp[(p)] [without time zone], timestamptz[(p)],
     * timestamp[(p)] with time zone, interval[(p)], uuid, json, jsonb, unknown}, {@code serial,
     * serial4, bigserial, serial8, smallserial, serial2} (the integer type; the caller adds the
     * sequence default, see {@link #isSerial}), a {@code pg_catalog.} qualifier, and a
     * double-quoted internal name such as {@code "int4"}.
     *
     * @param text the type name
     * @return the type
     * @throws SqlException 42704 {@code type "foo" does not exist} for an unknown name, 42601 for a
     *     modifier on a type that takes none or a malformed name, 22023 for an out-of-range
     *     modifier, 0A000 for a known PostgreSQL type LodeDB does not support yet (arrays,
     *     {@code time with time zone}, interval fields)
     */
    public static DataType parse(String text) {
        return TypeNameParser.parse(text);
    }

    /**
     * @param text a type name as accepted by {@link #parse}
     * @return whether it names a serial pseudo-type ({@code serial, serial4, bigserial, serial8,
     *     smallserial, serial2}), which {@link #parse} maps to the integer type and for which the
     *     DDL binder must add a sequence default and NOT NULL
     */
    public static boolean isSerial(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("pg_catalog.")) {
            s = s.substring("pg_catalog.".length());
        }
        return List.of("serial", "serial4", "bigserial", "serial8", "smallserial", "serial2")
                .contains(s);
    }

    /** @return PostgreSQL's display name ({@code format_type}), e.g. {@code numeric(10,2)} */
    @Override
    public String toString() {
        return switch (id) {
            case NUMERIC -> precision >= 0 ? "numeric(" + precision + "," + scale + ")" : "numeric";
            case VARCHAR -> length >= 0 ? "character varying(" + length + ")" : "character varying";
            case CHAR -> length >= 0 ? "character(" + length + ")" : "bpchar";
            case TIME -> precision >= 0 ? "time(" + precision + ") without time zone" : id.sqlName();
            case TIMESTAMP -> precision >= 0
                    ? "timestamp(" + precision + ") without time zone" : id.sqlName();
            case TIMESTAMPTZ -> precision >= 0
                    ? "timestamp(" + precision + ") with time zone" : id.sqlName();
            case INTERVAL -> precision >= 0 ? "interval(" + precision + ")" : "interval";
            default -> id.sqlName();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataType t && t.id == id && t.precision == precision
                && t.scale == scale && t.length == length;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, precision, scale, length);
    }
}
