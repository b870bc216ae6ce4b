package dev.lodedb.jdbc;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.session.ResultColumn;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntUnaryOperator;

/**
 * A forward-only, read-only result set, streamed from the executor chunk by chunk as
 * {@link #next()} is called (or built in memory, for {@link java.sql.DatabaseMetaData} calls).
 *
 * <p>Getters convert as pgjdbc does: {@link #getString} returns PostgreSQL's text output
 * ({@code t}/{@code f} for booleans, {@code 1.50} for {@code numeric(10,2)}); the numeric getters
 * accept every numeric column, booleans and numeric text, truncating fractions toward zero, and
 * throw SQLSTATE 22003 ({@code Bad value for type int}) when the value does not fit; the date/time
 * getters convert between date, timestamp and timestamptz (a timestamptz is the instant it names).
 * {@link #getObject(int)} returns the classes listed in {@code docs/jdbc.md}, and
 * {@link #getObject(int, Class)} also the {@code java.time} types. Not thread-safe.
 */
public final class LodeResultSet implements ResultSet {
    /** pgjdbc's {@code PGStatement.DATE_POSITIVE_INFINITY}: how {@code 'infinity'} reads as a date or timestamp. */
    static final long POSITIVE_INFINITY = 9223372036825200000L;
    /** pgjdbc's {@code PGStatement.DATE_NEGATIVE_INFINITY}. */
    static final long NEGATIVE_INFINITY = -9223372036832400000L;

    private final LodeStatement statement;
    private final RowSource source;
    private final List<ResultColumn> columns;
    private final int maxRows;
    private final IntUnaryOperator positionMap;
    private Map<String, Integer> labels;
    private int row;
    private boolean afterLast;
    private boolean closed;
    private boolean wasNull;
    private int fetchSize;
    /** Whether the rows are read in a transaction block (see {@link #detachFromTransaction()}). */
    private final boolean inTransaction;

    LodeResultSet(LodeStatement statement, RowSource source, int maxRows, IntUnaryOperator positionMap) {
        this.statement = statement;
        this.inTransaction = statement != null && statement.connection.session().inTransaction();
        this.source = source;
        this.columns = source.columns();
        this.maxRows = maxRows;
        this.positionMap = positionMap;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw Errors.of("This ResultSet is closed.", Errors.INVALID_CURSOR);
        }
    }

    /**
     * Moves to the next row, reading the next chunk from the executor when the current one is done.
     *
     * @throws SQLException with the engine's SQLSTATE when executing the query fails (e.g. 22012)
     */
    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (afterLast) {
            return false;
        }
        if (maxRows > 0 && row >= maxRows) {
            afterLast = true;
            return false;
        }
        boolean more;
        try {
            more = source.next();
        } catch (SqlException e) {
            throw Errors.of(e, positionMap);
        } catch (RuntimeException e) {
            throw Errors.of(e);
        }
        if (more) {
            row++;
        } else {
            afterLast = true;
        }
        return more;
    }

    private boolean hasNextRow() throws SQLException {
        if (maxRows > 0 && row >= maxRows) {
            return false;
        }
        try {
            return source.hasNext();
        } catch (SqlException e) {
            throw Errors.of(e, positionMap);
        } catch (RuntimeException e) {
            throw Errors.of(e);
        }
    }

    /** Closes the result set and releases the query's snapshot. Closing twice is harmless. */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closeQuietly();
        if (statement != null) {
            statement.resultSetClosed(this);
        }
    }

    /**
     * Makes the rows not yet read independent of the transaction block they were read in: reads
     * them into memory before the block runs another statement or ends, as pgjdbc has them in
     * memory already. Result sets read outside a block keep streaming from their own snapshot.
     */
    void detachFromTransaction() {
        if (!closed && inTransaction) {
            source.readAhead();
        }
    }

    void closeQuietly() {
        if (!closed) {
            closed = true;
            source.close();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    private void checkColumn(int column) throws SQLException {
        if (column < 1 || column > columns.size()) {
            throw Errors.of("The column index is out of range: " + column + ", number of columns: "
                    + columns.size() + ".", Errors.INVALID_PARAMETER);
        }
    }

    /** @return the raw value of {@code column} in the current row; sets {@link #wasNull()} */
    private Object value(int column) throws SQLException {
        checkOpen();
        checkColumn(column);
        if (row == 0 || afterLast) {
            throw Errors.of("ResultSet not positioned properly, perhaps you need to call next.",
                    Errors.INVALID_CURSOR);
        }
        Object v = source.get(column - 1);
        wasNull = v == null;
        return v;
    }

    private DataType type(int column) {
        return columns.get(column - 1).type();
    }

    /**
     * @return the 1-based index of the column with label {@code columnLabel}, matched exactly
     *     first, then case-insensitively; the first of equal labels
     * @throws SQLException 42703 if there is none
     */
    @Override
    public int findColumn(String columnLabel) throws SQLException {
        checkOpen();
        if (labels == null) {
            Map<String, Integer> m = new HashMap<>();
            for (int i = columns.size() - 1; i >= 0; i--) {
                m.put(columns.get(i).name(), i + 1);
            }
            for (int i = columns.size() - 1; i >= 0; i--) {
                m.putIfAbsent(columns.get(i).name().toLowerCase(Locale.ROOT), i + 1);
            }
            labels = m;
        }
        Integer i = columnLabel == null ? null : labels.get(columnLabel);
        if (i == null && columnLabel != null) {
            i = labels.get(columnLabel.toLowerCase(Locale.ROOT));
            if (i == null) {
                for (int k = 0; k < columns.size(); k++) {
                    if (columns.get(k).name().equalsIgnoreCase(columnLabel)) {
                        i = k + 1;
                        break;
                    }
                }
            }
        }
        if (i == null) {
            throw Errors.of("The column name " + columnLabel + " was not found in this ResultSet.", "42703");
        }
        return i;
    }

    // ---- conversions ----

    private SQLException bad(String target, int column, Object v) {
        return Errors.of("Bad value for type " + target + " : " + text(column, v), Errors.OUT_OF_RANGE);
    }

    private String text(int column, Object v) {
        try {
            return Values.format(type(column), v);
        } catch (RuntimeException e) {
            return String.valueOf(v);
        }
    }

    private SQLException cannotConvert(int column, String target) {
        return Errors.of("Cannot convert the column of type " + type(column).id().typname()
                + " to requested type " + target + ".", Errors.CANNOT_COERCE);
    }

    /** @return {@code v} as an integer in [min, max], fractions truncated toward zero */
    private long toLong(int column, Object v, long min, long max, String target) throws SQLException {
        long n;
        if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            n = ((Number) v).longValue();
        } else if (v instanceof Boolean b) {
            n = b ? 1 : 0;
        } else {
            BigDecimal d;
            if (v instanceof BigDecimal b) {
                d = b;
            } else if (v instanceof Float || v instanceof Double) {
                double x = ((Number) v).doubleValue();
                if (Double.isNaN(x) || Double.isInfinite(x)) {
                    throw bad(target, column, v);
                }
                d = new BigDecimal(x);
            } else if (v instanceof String s) {
                try {
                    d = new BigDecimal(s.trim());
                } catch (NumberFormatException e) {
                    throw bad(target, column, v);
                }
            } else {
                throw bad(target, column, v);
            }
            d = d.setScale(0, RoundingMode.DOWN);
            if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
                throw bad(target, column, v);
            }
            n = d.longValue();
        }
        if (n < min || n > max) {
            throw bad(target, column, v);
        }
        return n;
    }

    private double toDouble(int column, Object v, String target) throws SQLException {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw bad(target, column, v);
            }
        }
        throw bad(target, column, v);
    }

    private BigDecimal toBigDecimal(int column, Object v) throws SQLException {
        if (v instanceof BigDecimal b) {
            return b;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Float || v instanceof Double) {
            double x = ((Number) v).doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                throw bad("BigDecimal", column, v);
            }
            return new BigDecimal(text(column, v));
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw bad("BigDecimal", column, v);
            }
        }
        throw bad("BigDecimal", column, v);
    }

    private boolean toBoolean(int column, Object v) throws SQLException {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number) {
            BigDecimal d = toBigDecimal(column, v);
            if (d.compareTo(BigDecimal.ONE) == 0) {
                return true;
            }
            if (d.signum() == 0) {
                return false;
            }
        } else if (v instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "t", "true", "y", "yes", "on", "1":
                    return true;
                case "f", "false", "n", "no", "off", "0":
                    return false;
                default:
                    break;
            }
        }
        throw Errors.of("Cannot cast to boolean: \"" + text(column, v) + "\"", "22P02");
    }

    /** Converts text and other date/time types with the engine's casts. */
    private Object castTo(int column, Object v, DataType to, String target) throws SQLException {
        try {
            return Values.cast(v, type(column), to);
        } catch (SqlException e) {
            throw Errors.of("Bad value for type " + target + " : " + text(column, v), Errors.BAD_DATETIME, e);
        } catch (RuntimeException e) {
            throw cannotConvert(column, target);
        }
    }

    private LocalDate toLocalDate(int column, Object v, ZoneId zone) throws SQLException {
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        if (v instanceof OffsetDateTime t) {
            return t.atZoneSameInstant(zone).toLocalDate();
        }
        if (v instanceof String) {
            return (LocalDate) castTo(column, v, DataType.DATE, "date");
        }
        throw cannotConvert(column, "date");
    }

    private LocalDateTime toLocalDateTime(int column, Object v) throws SQLException {
        if (v instanceof LocalDateTime t) {
            return t;
        }
        if (v instanceof LocalDate d) {
            return d.equals(LocalDate.MAX) ? LocalDateTime.MAX : d.equals(LocalDate.MIN) ? LocalDateTime.MIN
                    : d.atStartOfDay();
        }
        if (v instanceof String) {
            return (LocalDateTime) castTo(column, v, DataType.TIMESTAMP, "timestamp");
        }
        throw cannotConvert(column, "timestamp");
    }

    private static Timestamp timestamp(LocalDateTime t, ZoneId zone) {
        if (t.equals(LocalDateTime.MAX)) {
            return new Timestamp(POSITIVE_INFINITY);
        }
        if (t.equals(LocalDateTime.MIN)) {
            return new Timestamp(NEGATIVE_INFINITY);
        }
        if (zone == null) {
            return Timestamp.valueOf(t);
        }
        Timestamp ts = Timestamp.from(t.atZone(zone).toInstant());
        return ts;
    }

    private static Timestamp timestamp(OffsetDateTime t) {
        if (t.equals(Values.TIMESTAMPTZ_INFINITY)) {
            return new Timestamp(POSITIVE_INFINITY);
        }
        if (t.equals(Values.TIMESTAMPTZ_MINUS_INFINITY)) {
            return new Timestamp(NEGATIVE_INFINITY);
        }
        return Timestamp.from(t.toInstant());
    }

    private static Date date(LocalDate d, ZoneId zone) {
        if (d.equals(LocalDate.MAX)) {
            return new Date(POSITIVE_INFINITY);
        }
        if (d.equals(LocalDate.MIN)) {
            return new Date(NEGATIVE_INFINITY);
        }
        return zone == null ? Date.valueOf(d) : new Date(d.atStartOfDay(zone).toInstant().toEpochMilli());
    }

    private static Time time(LocalTime t, ZoneId zone) {
        if (zone != null) {
            return new Time(t.atDate(LocalDate.EPOCH).atZone(zone).toInstant().toEpochMilli());
        }
        Time r = Time.valueOf(t);
        r.setTime(r.getTime() + t.getNano() / 1_000_000);
        return r;
    }

    // ---- getters by index ----

    /** @return PostgreSQL's text output of the value, or {@code null} */
    @Override
    public String getString(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? null : text(columnIndex, v);
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v != null && toBoolean(columnIndex, v);
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? 0 : (byte) toLong(columnIndex, v, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? 0 : (short) toLong(columnIndex, v, Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? 0 : (int) toLong(columnIndex, v, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? 0 : toLong(columnIndex, v, Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? 0 : (float) toDouble(columnIndex, v, "float");
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? 0 : toDouble(columnIndex, v, "double");
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? null : toBigDecimal(columnIndex, v);
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(columnIndex);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    /** @return a bytea value's bytes; for other types the UTF-8 bytes of the text output */
    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return b.clone();
        }
        return text(columnIndex, v).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Date getDate(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? null : date(toLocalDate(columnIndex, v, ZoneId.systemDefault()), null);
    }

    /** @return for a date or timestamp: midnight of that date in {@code cal}'s time zone */
    @Override
    public Date getDate(int columnIndex, Calendar cal) throws SQLException {
        if (cal == null) {
            return getDate(columnIndex);
        }
        Object v = value(columnIndex);
        ZoneId zone = cal.getTimeZone().toZoneId();
        return v == null ? null : date(toLocalDate(columnIndex, v, zone), zone);
    }

    private LocalTime toLocalTime(int column, Object v, ZoneId zone) throws SQLException {
        if (v instanceof LocalTime t) {
            return t;
        }
        if (v instanceof LocalDateTime t) {
            return t.toLocalTime();
        }
        if (v instanceof OffsetDateTime t) {
            return t.atZoneSameInstant(zone).toLocalTime();
        }
        if (v instanceof String) {
            return (LocalTime) castTo(column, v, DataType.TIME, "time");
        }
        throw cannotConvert(column, "time");
    }

    @Override
    public Time getTime(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? null : time(toLocalTime(columnIndex, v, ZoneId.systemDefault()), null);
    }

    /** @return for a time or timestamp: that wall-clock time in {@code cal}'s time zone */
    @Override
    public Time getTime(int columnIndex, Calendar cal) throws SQLException {
        if (cal == null) {
            return getTime(columnIndex);
        }
        Object v = value(columnIndex);
        ZoneId zone = cal.getTimeZone().toZoneId();
        return v == null ? null : time(toLocalTime(columnIndex, v, zone), zone);
    }

    /** @return a timestamp's wall-clock time in the JVM's zone; a timestamptz's instant */
    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        if (v == null) {
            return null;
        }
        if (v instanceof OffsetDateTime t) {
            return timestamp(t);
        }
        return timestamp(toLocalDateTime(columnIndex, v), null);
    }

    /**
     * @return a timestamp (or date) as that wall-clock time in {@code cal}'s time zone; a
     *     timestamptz's instant (the calendar does not matter)
     */
    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
        if (cal == null) {
            return getTimestamp(columnIndex);
        }
        Object v = value(columnIndex);
        if (v == null) {
            return null;
        }
        if (v instanceof OffsetDateTime t) {
            return timestamp(t);
        }
        return timestamp(toLocalDateTime(columnIndex, v), cal.getTimeZone().toZoneId());
    }

    /**
     * @return the value as pgjdbc returns it: Boolean, Integer (int2 and int4), Long, Float,
     *     Double, BigDecimal, String (text types, and the text form of interval, json, jsonb),
     *     byte[], java.sql.Date, java.sql.Time, java.sql.Timestamp (timestamp and timestamptz),
     *     UUID; {@code null} for SQL NULL
     */
    @Override
    public Object getObject(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        if (v == null) {
            return null;
        }
        return switch (type(columnIndex).id()) {
            case SMALLINT -> ((Short) v).intValue();
            case BYTEA -> ((byte[]) v).clone();
            case DATE -> date((LocalDate) v, null);
            case TIME -> time((LocalTime) v, null);
            case TIMESTAMP -> timestamp((LocalDateTime) v, null);
            case TIMESTAMPTZ -> timestamp((OffsetDateTime) v);
            case INTERVAL, JSON, JSONB -> text(columnIndex, v);
            default -> v;
        };
    }

    /**
     * Converts to {@code type}: the classes of {@link #getObject(int)}, the primitive wrappers,
     * {@link LocalDate}, {@link LocalTime}, {@link LocalDateTime} (not from timestamptz, as in
     * pgjdbc), {@link OffsetDateTime} (a timestamp is taken at UTC), {@link Instant},
     * {@link ZonedDateTime}, {@link UUID}, and the engine's own classes
     * ({@link dev.lodedb.engine.types.Interval}, {@link dev.lodedb.engine.types.Json},
     * {@link dev.lodedb.engine.types.Jsonb}).
     *
     * @throws SQLException 42846 when the value cannot be converted
     */
    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        if (type == null) {
            throw Errors.of("the requested type is null", Errors.INVALID_PARAMETER);
        }
        Object v = value(columnIndex);
        if (v == null) {
            return null;
        }
        TypeId id = type(columnIndex).id();
        Object out;
        if (type == String.class) {
            out = getString(columnIndex);
        } else if (type == Integer.class) {
            out = getInt(columnIndex);
        } else if (type == Long.class) {
            out = getLong(columnIndex);
        } else if (type == Short.class) {
            out = getShort(columnIndex);
        } else if (type == Byte.class) {
            out = getByte(columnIndex);
        } else if (type == Double.class) {
            out = getDouble(columnIndex);
        } else if (type == Float.class) {
            out = getFloat(columnIndex);
        } else if (type == BigDecimal.class) {
            out = getBigDecimal(columnIndex);
        } else if (type == Boolean.class) {
            out = getBoolean(columnIndex);
        } else if (type == byte[].class) {
            out = getBytes(columnIndex);
        } else if (type == Date.class) {
            out = getDate(columnIndex);
        } else if (type == Time.class) {
            out = getTime(columnIndex);
        } else if (type == Timestamp.class) {
            out = getTimestamp(columnIndex);
        } else if (type == LocalDate.class) {
            out = toLocalDate(columnIndex, v, ZoneOffset.UTC);
        } else if (type == LocalTime.class) {
            out = toLocalTime(columnIndex, v, ZoneOffset.UTC);
        } else if (type == LocalDateTime.class) {
            if (id == TypeId.TIMESTAMPTZ) {
                throw cannotConvert(columnIndex, type.getName());
            }
            out = toLocalDateTime(columnIndex, v);
        } else if (type == OffsetDateTime.class || type == Instant.class || type == ZonedDateTime.class) {
            OffsetDateTime t;
            if (v instanceof OffsetDateTime o) {
                t = o;
            } else if (id == TypeId.TIMESTAMP || id.isString()) {
                LocalDateTime l = toLocalDateTime(columnIndex, v);
                t = l.atOffset(ZoneOffset.UTC);
            } else {
                throw cannotConvert(columnIndex, type.getName());
            }
            out = type == OffsetDateTime.class ? t : type == Instant.class ? t.toInstant() : t.toZonedDateTime();
        } else if (type == UUID.class) {
            if (v instanceof UUID) {
                out = v;
            } else if (v instanceof String s) {
                try {
                    out = UUID.fromString(s.trim());
                } catch (IllegalArgumentException e) {
                    throw bad("uuid", columnIndex, v);
                }
            } else {
                throw cannotConvert(columnIndex, type.getName());
            }
        } else if (type == Object.class) {
            out = getObject(columnIndex);
        } else if (type.isInstance(v)) {
            out = v;
        } else {
            throw cannotConvert(columnIndex, type.getName());
        }
        return type.cast(out);
    }

    /** Type maps are not supported: only an empty or null map is accepted. */
    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        if (map != null && !map.isEmpty()) {
            throw Errors.notSupported("custom type maps");
        }
        return getObject(columnIndex);
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        return getString(columnIndex);
    }

    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getNCharacterStream(int columnIndex) throws SQLException {
        return getCharacterStream(columnIndex);
    }

    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public InputStream getBinaryStream(int columnIndex) throws SQLException {
        byte[] b = getBytes(columnIndex);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        throw Errors.notSupported("getUnicodeStream");
    }

    @Override
    public Ref getRef(int columnIndex) throws SQLException {
        throw Errors.notSupported("getRef");
    }

    @Override
    public Blob getBlob(int columnIndex) throws SQLException {
        throw Errors.notSupported("getBlob (use getBytes)");
    }

    @Override
    public Clob getClob(int columnIndex) throws SQLException {
        throw Errors.notSupported("getClob (use getString)");
    }

    @Override
    public NClob getNClob(int columnIndex) throws SQLException {
        throw Errors.notSupported("getNClob (use getString)");
    }

    @Override
    public Array getArray(int columnIndex) throws SQLException {
        throw Errors.notSupported("arrays");
    }

    @Override
    public URL getURL(int columnIndex) throws SQLException {
        throw Errors.notSupported("getURL");
    }

    @Override
    public RowId getRowId(int columnIndex) throws SQLException {
        throw Errors.notSupported("getRowId");
    }

    @Override
    public SQLXML getSQLXML(int columnIndex) throws SQLException {
        throw Errors.notSupported("getSQLXML");
    }

    // ---- getters by label ----

    @Override
    public String getString(String columnLabel) throws SQLException {
        return getString(findColumn(columnLabel));
    }

    @Override
    public boolean getBoolean(String columnLabel) throws SQLException {
        return getBoolean(findColumn(columnLabel));
    }

    @Override
    public byte getByte(String columnLabel) throws SQLException {
        return getByte(findColumn(columnLabel));
    }

    @Override
    public short getShort(String columnLabel) throws SQLException {
        return getShort(findColumn(columnLabel));
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        return getInt(findColumn(columnLabel));
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        return getLong(findColumn(columnLabel));
    }

    @Override
    public float getFloat(String columnLabel) throws SQLException {
        return getFloat(findColumn(columnLabel));
    }

    @Override
    public double getDouble(String columnLabel) throws SQLException {
        return getDouble(findColumn(columnLabel));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
        return getBigDecimal(findColumn(columnLabel), scale);
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
        return getBigDecimal(findColumn(columnLabel));
    }

    @Override
    public byte[] getBytes(String columnLabel) throws SQLException {
        return getBytes(findColumn(columnLabel));
    }

    @Override
    public Date getDate(String columnLabel) throws SQLException {
        return getDate(findColumn(columnLabel));
    }

    @Override
    public Date getDate(String columnLabel, Calendar cal) throws SQLException {
        return getDate(findColumn(columnLabel), cal);
    }

    @Override
    public Time getTime(String columnLabel) throws SQLException {
        return getTime(findColumn(columnLabel));
    }

    @Override
    public Time getTime(String columnLabel, Calendar cal) throws SQLException {
        return getTime(findColumn(columnLabel), cal);
    }

    @Override
    public Timestamp getTimestamp(String columnLabel) throws SQLException {
        return getTimestamp(findColumn(columnLabel));
    }

    @Override
    public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(columnLabel), cal);
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        return getObject(findColumn(columnLabel));
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return getObject(findColumn(columnLabel), type);
    }

    @Override
    public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(columnLabel), map);
    }

    @Override
    public String getNString(String columnLabel) throws SQLException {
        return getNString(findColumn(columnLabel));
    }

    @Override
    public Reader getCharacterStream(String columnLabel) throws SQLException {
        return getCharacterStream(findColumn(columnLabel));
    }

    @Override
    public Reader getNCharacterStream(String columnLabel) throws SQLException {
        return getNCharacterStream(findColumn(columnLabel));
    }

    @Override
    public InputStream getAsciiStream(String columnLabel) throws SQLException {
        return getAsciiStream(findColumn(columnLabel));
    }

    @Override
    public InputStream getBinaryStream(String columnLabel) throws SQLException {
        return getBinaryStream(findColumn(columnLabel));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(String columnLabel) throws SQLException {
        return getUnicodeStream(findColumn(columnLabel));
    }

    @Override
    public Ref getRef(String columnLabel) throws SQLException {
        return getRef(findColumn(columnLabel));
    }

    @Override
    public Blob getBlob(String columnLabel) throws SQLException {
        return getBlob(findColumn(columnLabel));
    }

    @Override
    public Clob getClob(String columnLabel) throws SQLException {
        return getClob(findColumn(columnLabel));
    }

    @Override
    public NClob getNClob(String columnLabel) throws SQLException {
        return getNClob(findColumn(columnLabel));
    }

    @Override
    public Array getArray(String columnLabel) throws SQLException {
        return getArray(findColumn(columnLabel));
    }

    @Override
    public URL getURL(String columnLabel) throws SQLException {
        return getURL(findColumn(columnLabel));
    }

    @Override
    public RowId getRowId(String columnLabel) throws SQLException {
        return getRowId(findColumn(columnLabel));
    }

    @Override
    public SQLXML getSQLXML(String columnLabel) throws SQLException {
        return getSQLXML(findColumn(columnLabel));
    }

    // ---- metadata, position, properties ----

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new LodeResultSetMetaData(columns,
                statement == null ? null : statement.connection.database().sqlDatabase().catalog());
    }

    /** @return the statement, or {@code null} for a result set of a metadata call */
    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    /** @return the current row number (1-based), 0 before the first and after the last row */
    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return afterLast ? 0 : row;
    }

    /** @return whether the cursor is before the first row of a non-empty result (may read ahead one chunk) */
    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return row == 0 && !afterLast && hasNextRow();
    }

    /** @return whether the cursor moved past the last row of a non-empty result */
    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return afterLast && row > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return row == 1 && !afterLast;
    }

    /** @return whether the current row is the last (may read ahead one chunk) */
    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        return row > 0 && !afterLast && !hasNextRow();
    }

    private static SQLException forwardOnly() {
        return Errors.of("Operation requires a scrollable ResultSet, but this ResultSet is FORWARD_ONLY.",
                Errors.INVALID_CURSOR);
    }

    @Override
    public void beforeFirst() throws SQLException {
        checkOpen();
        throw forwardOnly();
    }

    @Override
    public void afterLast() throws SQLException {
        checkOpen();
        throw forwardOnly();
    }

    @Override
    public boolean first() throws SQLException {
        checkOpen();
        throw forwardOnly();
    }

    @Override
    public boolean last() throws SQLException {
        checkOpen();
        throw forwardOnly();
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        checkOpen();
        throw forwardOnly();
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        checkOpen();
        throw forwardOnly();
    }

    @Override
    public boolean previous() throws SQLException {
        checkOpen();
        throw forwardOnly();
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != FETCH_FORWARD) {
            throw forwardOnly();
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return FETCH_FORWARD;
    }

    /** Accepted; rows arrive in the executor's chunks whatever the fetch size. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw Errors.of("Fetch size must be a value greater to or equal to 0.", Errors.INVALID_PARAMETER);
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public String getCursorName() throws SQLException {
        throw Errors.notSupported("named cursors");
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public boolean rowInserted() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        checkOpen();
        return false;
    }

    private static SQLFeatureNotSupportedException readOnly() {
        return new SQLFeatureNotSupportedException(
                "ResultSets with concurrency CONCUR_READ_ONLY cannot be updated.", Errors.NOT_SUPPORTED);
    }

    @Override
    public void insertRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void deleteRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void refreshRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw readOnly();
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw Errors.of("Cannot unwrap to " + iface.getName(), Errors.INVALID_PARAMETER);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    // ---- updaters: never supported (CONCUR_READ_ONLY) ----

    @Override
    public void updateArray(int columnIndex, Array x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateArray(String columnLabel, Array x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(String columnLabel, InputStream x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(int columnIndex, InputStream x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(String columnLabel, Blob x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(int columnIndex, Blob x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(String columnLabel, InputStream x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(int columnIndex, InputStream x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBoolean(int columnIndex, boolean x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBoolean(String columnLabel, boolean x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateByte(int columnIndex, byte x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateByte(String columnLabel, byte x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBytes(int columnIndex, byte[] x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBytes(String columnLabel, byte[] x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader x, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(String columnLabel, Clob x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(int columnIndex, Clob x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(int columnIndex, Reader x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(String columnLabel, Reader x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(int columnIndex, Reader x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(String columnLabel, Reader x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateDate(String columnLabel, Date x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateDate(int columnIndex, Date x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateDouble(int columnIndex, double x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateDouble(String columnLabel, double x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateFloat(int columnIndex, float x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateFloat(String columnLabel, float x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateInt(int columnIndex, int x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateInt(String columnLabel, int x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateLong(String columnLabel, long x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateLong(int columnIndex, long x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(String columnLabel, Reader x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(int columnIndex, Reader x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(int columnIndex, NClob x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(String columnLabel, NClob x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(String columnLabel, Reader x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(int columnIndex, Reader x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNString(String columnLabel, String x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNString(int columnIndex, String x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNull(int columnIndex) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNull(String columnLabel) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(int columnIndex, Object x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(String columnLabel, Object x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(String columnLabel, Object x, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(int columnIndex, Object x, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRef(int columnIndex, Ref x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRef(String columnLabel, Ref x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRowId(int columnIndex, RowId x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRowId(String columnLabel, RowId x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateSQLXML(String columnLabel, SQLXML x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateSQLXML(int columnIndex, SQLXML x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateShort(int columnIndex, short x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateShort(String columnLabel, short x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateString(String columnLabel, String x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateString(int columnIndex, String x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateTime(int columnIndex, Time x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateTime(String columnLabel, Time x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateTimestamp(String columnLabel, Timestamp x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateTimestamp(int columnIndex, Timestamp x) throws SQLException {
        throw readOnly();
    }

}
