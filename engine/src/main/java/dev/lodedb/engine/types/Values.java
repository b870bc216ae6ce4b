package dev.lodedb.engine.types;

import dev.lodedb.engine.SqlException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * SQL values in Java: their representation, PostgreSQL-compatible text input and output,
 * casts and comparison. A value of SQL type {@code t} is a Java object of class {@link
 * #javaClass javaClass(t)}, and SQL {@code NULL} is Java {@code null}:
 *
 * <table>
 *   <caption>Java representation of each type</caption>
 *   <tr><th>SQL type</th><th>Java class</th><th>notes</th></tr>
 *   <tr><td>boolean</td><td>{@link Boolean}</td><td></td></tr>
 *   <tr><td>smallint, integer, bigint</td><td>{@link Short}, {@link Integer}, {@link Long}</td>
 *       <td></td></tr>
 *   <tr><td>real, double precision</td><td>{@link Float}, {@link Double}</td><td>NaN, infinities
 *       and -0 allowed</td></tr>
 *   <tr><td>numeric</td><td>{@link BigDecimal}</td><td>scale = display scale ({@code 1.50} has
 *       scale 2); numeric NaN and infinities are not supported</td></tr>
 *   <tr><td>text, character varying, character, unknown</td><td>{@link String}</td><td>char(n)
 *       values are blank-padded to n</td></tr>
 *   <tr><td>bytea</td><td>{@code byte[]}</td><td>never modified after creation</td></tr>
 *   <tr><td>date</td><td>{@link LocalDate}</td><td>{@code infinity} = {@link LocalDate#MAX},
 *       {@code -infinity} = {@link LocalDate#MIN}</td></tr>
 *   <tr><td>time</td><td>{@link LocalTime}</td><td>microsecond precision</td></tr>
 *   <tr><td>timestamp</td><td>{@link LocalDateTime}</td><td>microsecond precision; infinities
 *       {@link LocalDateTime#MAX}/{@link LocalDateTime#MIN}</td></tr>
 *   <tr><td>timestamp with time zone</td><td>{@link OffsetDateTime}</td><td>always at offset UTC;
 *       infinities {@link #TIMESTAMPTZ_INFINITY}/{@link #TIMESTAMPTZ_MINUS_INFINITY}</td></tr>
 *   <tr><td>interval</td><td>{@link Interval}</td><td></td></tr>
 *   <tr><td>uuid</td><td>{@link UUID}</td><td></td></tr>
 *   <tr><td>json</td><td>{@link Json}</td><td>text as written</td></tr>
 *   <tr><td>jsonb</td><td>{@link Jsonb}</td><td>canonical tree</td></tr>
 * </table>
 *
 * <p>{@code timestamptz} is an {@link OffsetDateTime} rather than an {@link java.time.Instant}
 * because JDBC 4.2 maps {@code TIMESTAMP WITH TIME ZONE} to {@code OffsetDateTime} (pgjdbc returns
 * it at UTC), and because it prints and does calendar arithmetic without a zone argument. It is
 * always normalized to offset UTC so that {@code equals} is instant equality. Infinite dates and
 * timestamps use the {@code MIN}/{@code MAX} values as pgjdbc does.
 *
 * <p>Text I/O matches PostgreSQL's with its default settings ({@code DateStyle = 'ISO, MDY'},
 * {@code IntervalStyle = postgres}, {@code extra_float_digits = 1}, {@code bytea_output = hex},
 * {@code TimeZone = UTC}); the accepted input forms are listed in {@code docs/engine/types.md}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Values {
    /** {@code 'infinity'::timestamptz}: {@link LocalDateTime#MAX} at UTC. */
    public static final OffsetDateTime TIMESTAMPTZ_INFINITY =
            LocalDateTime.MAX.atOffset(ZoneOffset.UTC);
    /** {@code '-infinity'::timestamptz}: {@link LocalDateTime#MIN} at UTC. */
    public static final OffsetDateTime TIMESTAMPTZ_MINUS_INFINITY =
            LocalDateTime.MIN.atOffset(ZoneOffset.UTC);

    private Values() {
    }

    /** @return the Java class that represents values of {@code type} (see the class table) */
    public static Class<?> javaClass(TypeId type) {
        return switch (type) {
            case BOOLEAN -> Boolean.class;
            case SMALLINT -> Short.class;
            case INTEGER -> Integer.class;
            case BIGINT -> Long.class;
            case REAL -> Float.class;
            case DOUBLE -> Double.class;
            case NUMERIC -> BigDecimal.class;
            case TEXT, VARCHAR, CHAR, UNKNOWN -> String.class;
            case BYTEA -> byte[].class;
            case DATE -> LocalDate.class;
            case TIME -> LocalTime.class;
            case TIMESTAMP -> LocalDateTime.class;
            case TIMESTAMPTZ -> OffsetDateTime.class;
            case INTERVAL -> Interval.class;
            case UUID -> UUID.class;
            case JSON -> Json.class;
            case JSONB -> Jsonb.class;
        };
    }

    /**
     * Checks that {@code value} is a valid non-null value of {@code type} as the encoders require:
     * the right Java class, within PostgreSQL's range (numerics, dates, timestamps), microsecond
     * precision for times, UTC offset for timestamptz, no NUL character or unpaired surrogate in
     * strings.
     * Type modifiers are not checked (use {@link #cast} for that).
     *
     * @throws IllegalArgumentException if it is not; this is a programming error of the caller,
     *     not a user error
     */
    public static void check(DataType type, Object value) {
        Class<?> c = javaClass(type.id());
        if (!c.isInstance(value)) {
            throw new IllegalArgumentException("a " + type + " value must be a "
                    + c.getSimpleName() + ", got "
                    + (value == null ? "null" : value.getClass().getName()));
        }
        try {
            switch (type.id()) {
                case TEXT, VARCHAR, CHAR, UNKNOWN -> checkText((String) value);
                case NUMERIC -> {
                    if (!NumericText.withinLimits((BigDecimal) value)) {
                        throw new IllegalArgumentException("numeric beyond PostgreSQL's limits "
                                + "(131072 digits before the point, scale 16383)");
                    }
                }
                case DATE -> PgEpoch.toPgDays((LocalDate) value);
                case TIME -> PgEpoch.toMicrosOfDay((LocalTime) value);
                case TIMESTAMP -> PgEpoch.toPgMicros((LocalDateTime) value);
                case TIMESTAMPTZ -> {
                    OffsetDateTime t = (OffsetDateTime) value;
                    if (!t.getOffset().equals(ZoneOffset.UTC)) {
                        throw new IllegalArgumentException("timestamptz not at UTC: " + t);
                    }
                    PgEpoch.toPgMicros(t);
                }
                default -> { }
            }
        } catch (SqlException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + value, e);
        }
    }

    private static void checkText(String s) {
        int n = s.length();
        int i = 0;
        // fast scan: one unsigned comparison per char finds NUL and everything from U+D800 up
        while (i < n && (char) (s.charAt(i) - 1) < 0xD7FF) {
            i++;
        }
        for (; i < n; i++) {
            char ch = s.charAt(i);
            if (ch == 0) {
                throw new IllegalArgumentException("NUL character in a string value");
            }
            if (Character.isHighSurrogate(ch) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                throw new IllegalArgumentException("unpaired surrogate in a string value");
            }
        }
    }

    /**
     * Converts text to a value of {@code type}: PostgreSQL's input function for the type, followed
     * by its type modifier with assignment semantics (so {@code varchar(3)} rejects {@code 'abcd'}
     * with 22001 and {@code numeric(5,2)} rounds).
     *
     * @param type the target type
     * @param text the input text, not null
     * @return the value, of class {@code javaClass(type.id())}
     * @throws SqlException 22P02 {@code invalid input syntax for type ...: "..."}, 22003 out of
     *     range, 22007/22008 for dates and times, 22001 too long, 22023 bad hex digits, 0A000 for
     *     input LodeDB does not support
     */
    public static Object parse(DataType type, String text) {
        if (type.id() == TypeId.NUMERIC) {
            return NumericText.parseNumeric(text, type); // applies the modifier itself
        }
        Object v = switch (type.id()) {
            case BOOLEAN -> parseBoolean(text);
            case SMALLINT -> (short) NumericText.parseInteger(text, Short.MIN_VALUE,
                    Short.MAX_VALUE, "smallint");
            case INTEGER -> (int) NumericText.parseInteger(text, Integer.MIN_VALUE,
                    Integer.MAX_VALUE, "integer");
            case BIGINT -> NumericText.parseInteger(text, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
            case REAL -> (float) FloatText.parse(text, true);
            case DOUBLE -> FloatText.parse(text, false);
            case NUMERIC -> NumericText.parseNumeric(text);
            case TEXT, VARCHAR, CHAR, UNKNOWN -> parseText(text);
            case BYTEA -> ByteaText.parse(text);
            case DATE -> DateTimeText.parseDate(text);
            case TIME -> DateTimeText.parseTime(text);
            case TIMESTAMP -> DateTimeText.parseTimestamp(text);
            case TIMESTAMPTZ -> DateTimeText.parseTimestampTz(text);
            case INTERVAL -> IntervalText.parse(text);
            case UUID -> parseUuid(text);
            case JSON -> Json.parse(text);
            case JSONB -> Jsonb.parse(text);
        };
        return Casts.applyTypmod(v, type, CastContext.ASSIGNMENT);
    }

    private static String parseText(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new SqlException(SqlException.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\": 0x00");
        }
        try {
            checkText(text);
        } catch (IllegalArgumentException e) {
            throw new SqlException(SqlException.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\"");
        }
        return text;
    }

    /** PostgreSQL's {@code parse_bool_with_len}: unique prefixes of true/false/yes/no, on/off, 1/0. */
    private static Boolean parseBoolean(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (!s.isEmpty()) {
            switch (s.charAt(0)) {
                case 't':
                    if ("true".startsWith(s)) {
                        return Boolean.TRUE;
                    }
                    break;
                case 'f':
                    if ("false".startsWith(s)) {
                        return Boolean.FALSE;
                    }
                    break;
                case 'y':
                    if ("yes".startsWith(s)) {
                        return Boolean.TRUE;
                    }
                    break;
                case 'n':
                    if ("no".startsWith(s)) {
                        return Boolean.FALSE;
                    }
                    break;
                case 'o':
                    if (s.equals("on")) {
                        return Boolean.TRUE;
                    }
                    if (s.length() >= 2 && "off".startsWith(s)) {
                        return Boolean.FALSE;
                    }
                    break;
                case '1':
                    if (s.length() == 1) {
                        return Boolean.TRUE;
                    }
                    break;
                case '0':
                    if (s.length() == 1) {
                        return Boolean.FALSE;
                    }
                    break;
                default:
                    break;
            }
        }
        throw NumericText.invalidSyntax("boolean", text);
    }

    /**
     * PostgreSQL's {@code uuid_in}: 32 hex digits, optionally in braces, with an optional hyphen
     * after any group of four digits.
     */
    private static UUID parseUuid(String text) {
        String s = text;
        if (s.startsWith("{")) {
            if (!s.endsWith("}") || s.length() < 2) {
                throw NumericText.invalidSyntax("uuid", text);
            }
            s = s.substring(1, s.length() - 1);
        }
        long hi = 0;
        long lo = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' && digits > 0 && digits % 4 == 0 && digits < 32 && i + 1 < s.length()
                    && s.charAt(i - 1) != '-') {
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0 || c > 127 || digits >= 32) {
                throw NumericText.invalidSyntax("uuid", text);
            }
            if (digits < 16) {
                hi = (hi << 4) | d;
            } else {
                lo = (lo << 4) | d;
            }
            digits++;
        }
        if (digits != 32) {
            throw NumericText.invalidSyntax("uuid", text);
        }
        return new UUID(hi, lo);
    }

    /**
     * Converts a value to PostgreSQL's text output for {@code type} (see the class doc for the
     * settings assumed).
     *
     * @param type the value's type
     * @param value a value of class {@code javaClass(type.id())}, or {@code null}
     * @return the text, or {@code null} for SQL NULL
     * @throws ClassCastException if {@code value} has the wrong class
     */
    public static String format(DataType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type.id()) {
            case BOOLEAN -> (Boolean) value ? "t" : "f";
            case SMALLINT, INTEGER, BIGINT -> value.toString();
            case REAL -> FloatText.formatFloat((Float) value);
            case DOUBLE -> FloatText.formatDouble((Double) value);
            case NUMERIC -> NumericText.format((BigDecimal) value);
            case TEXT, VARCHAR, CHAR, UNKNOWN -> (String) value;
            case BYTEA -> ByteaText.format((byte[]) value);
            case DATE -> DateTimeText.formatDate((LocalDate) value);
            case TIME -> DateTimeText.formatTime((LocalTime) value);
            case TIMESTAMP -> DateTimeText.formatTimestamp((LocalDateTime) value);
            case TIMESTAMPTZ -> DateTimeText.formatTimestampTz((OffsetDateTime) value);
            case INTERVAL -> IntervalText.format((Interval) value);
            case UUID -> value.toString();
            case JSON -> ((Json) value).text();
            case JSONB -> value.toString();
        };
    }

    /**
     * An explicit cast ({@code CAST(v AS to)}), as {@link #cast(Object, DataType, DataType,
     * CastContext)} with {@link CastContext#EXPLICIT}.
     */
    public static Object cast(Object value, DataType from, DataType to) {
        return Casts.cast(value, from, to, CastContext.EXPLICIT);
    }

    /**
     * Converts {@code value} of type {@code from} to type {@code to} with PostgreSQL's semantics
     * (see {@code docs/engine/types.md}, "Casts"), then applies {@code to}'s type modifier as
     * {@code context} requires. Whether the cast may be applied in {@code context} at all is the
     * binder's decision ({@link #castContext}); this method performs any cast that exists.
     *
     * @return the converted value, {@code null} for {@code null}
     * @throws SqlException 42846 {@code cannot cast type X to Y} if no cast exists; 22003 when a
     *     number does not fit; 22001 when a string is too long in an implicit or assignment
     *     context; 22P02 and the other input errors when converting from text
     */
    public static Object cast(Object value, DataType from, DataType to, CastContext context) {
        return Casts.cast(value, from, to, context);
    }

    /**
     * @return the least context in which PostgreSQL applies a cast from {@code from} to {@code
     *     to} ({@code pg_cast.castcontext}, plus the I/O conversions to and from string types), or
     *     {@code null} if there is no such cast; a type casts to itself implicitly
     */
    public static CastContext castContext(TypeId from, TypeId to) {
        return Casts.castContext(from, to);
    }

    /**
     * Compares two non-null values of {@code type} in PostgreSQL's btree order (the default
     * operator class), with text in the C collation (UTF-8 byte order, LodeDB's only collation):
     * NaN above every other float and equal to itself, -0.0 equal to 0.0, numerics by value,
     * {@code char(n)} ignoring trailing blanks, uuids as unsigned bytes, intervals by {@link
     * Interval#compareTo}, jsonb by {@link Jsonb#compareTo}.
     *
     * @return negative, zero or positive
     * @throws SqlException 42883 for json, which has no ordering
     */
    public static int compare(DataType type, Object a, Object b) {
        return switch (type.id()) {
            case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
            case SMALLINT, INTEGER, BIGINT -> Long.compare(((Number) a).longValue(),
                    ((Number) b).longValue());
            case REAL, DOUBLE -> compareFloat(((Number) a).doubleValue(),
                    ((Number) b).doubleValue());
            case NUMERIC -> ((BigDecimal) a).compareTo((BigDecimal) b);
            case TEXT, VARCHAR, UNKNOWN -> compareCodePoints((String) a, (String) b);
            case CHAR -> compareCodePoints(stripTrailingBlanks((String) a),
                    stripTrailingBlanks((String) b));
            case BYTEA -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);
            case DATE -> ((LocalDate) a).compareTo((LocalDate) b);
            case TIME -> ((LocalTime) a).compareTo((LocalTime) b);
            case TIMESTAMP -> ((LocalDateTime) a).compareTo((LocalDateTime) b);
            case TIMESTAMPTZ -> ((OffsetDateTime) a).toLocalDateTime()
                    .compareTo(((OffsetDateTime) b).toLocalDateTime());
            case INTERVAL -> ((Interval) a).compareTo((Interval) b);
            case UUID -> compareUuid((UUID) a, (UUID) b);
            case JSONB -> ((Jsonb) a).compareTo((Jsonb) b);
            case JSON -> throw new SqlException(SqlException.UNDEFINED_FUNCTION,
                    "could not identify an ordering operator for type json");
        };
    }

    /** PostgreSQL's {@code float8_cmp_internal}: NaN equals NaN and sorts last; -0 equals 0. */
    static int compareFloat(double a, double b) {
        if (Double.isNaN(a)) {
            return Double.isNaN(b) ? 0 : 1;
        }
        if (Double.isNaN(b)) {
            return -1;
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    /** @return the order of {@code a} and {@code b} by code point, which is UTF-8 byte order */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx != sy) {
                    return sx ? 1 : -1;
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** @return {@code s} without trailing spaces (PostgreSQL's {@code bpchar} comparison rule) */
    public static String stripTrailingBlanks(String s) {
        int e = s.length();
        while (e > 0 && s.charAt(e - 1) == ' ') {
            e--;
        }
        return e == s.length() ? s : s.substring(0, e);
    }

    private static int compareUuid(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(),
                b.getLeastSignificantBits());
    }
}
