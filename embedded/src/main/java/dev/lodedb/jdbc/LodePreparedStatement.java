package dev.lodedb.jdbc;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Interval;
import dev.lodedb.engine.types.Json;
import dev.lodedb.engine.types.Jsonb;
import dev.lodedb.sql.session.PreparedSql;
import dev.lodedb.sql.session.StatementResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.JDBCType;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.UUID;

/**
 * A statement parsed and planned once ({@code SqlSession.prepare}) and executed many times.
 *
 * <p>Parameters are JDBC's {@code ?} markers; the driver rewrites them to PostgreSQL's {@code $1,
 * $2, ...} except inside string constants, quoted identifiers, comments and dollar-quoted strings
 * ({@code ??} stands for a literal {@code ?}, as in pgjdbc). {@code $n} markers written directly
 * work too. Values are converted to the type the engine inferred for each parameter (as
 * PostgreSQL converts a bound parameter), so {@code setString} works for any type with a text
 * form: uuid, json, date, numeric, ...
 *
 * <p>Setters take: {@code setNull}, {@code setBoolean}, {@code setByte/Short/Int/Long},
 * {@code setFloat/Double}, {@code setBigDecimal}, {@code setString/NString}, {@code setBytes},
 * {@code setDate/Time/Timestamp} (as {@code date}, {@code time}, {@code timestamp}; with a
 * {@link Calendar}, the wall-clock value in that calendar's time zone), character and binary
 * streams (read completely), and {@code setObject} with {@link LocalDate}, {@link LocalTime},
 * {@link LocalDateTime}, {@link OffsetDateTime}, {@link ZonedDateTime} and {@link Instant} (as
 * {@code timestamptz}), {@link UUID}, {@link BigInteger}, {@link Character} and the types above.
 * Times are rounded to microseconds, the engine's precision.
 *
 * <p>{@link #addBatch()} / {@link #executeBatch()}: a batch of an INSERT without RETURNING runs as
 * one statement, one atomic write of all its rows (if any row fails, none is written and the
 * {@link java.sql.BatchUpdateException} reports no completed entries); other statements re-execute
 * the plan once per parameter set, in auto-commit mode each execution its own transaction. With
 * auto-commit off a batch joins the connection's transaction block like any statement. Not
 * thread-safe.
 */
public final class LodePreparedStatement extends LodeStatement implements PreparedStatement {
    private final ParameterTranslator translator;
    private final PreparedSql prepared;
    private final Object[] values;
    private final boolean[] set;
    private final List<Object[]> batch = new ArrayList<>();

    LodePreparedStatement(LodeConnection connection, String sql) throws SQLException {
        super(connection);
        if (sql == null) {
            throw Errors.of("the SQL text is null", Errors.INVALID_PARAMETER);
        }
        this.translator = ParameterTranslator.translate(sql);
        try {
            this.prepared = connection.session().sqlSession().prepare(translator.sql());
        } catch (SqlException e) {
            throw Errors.of(e, translator::originalPosition);
        } catch (RuntimeException e) {
            throw Errors.of(e);
        }
        int n = prepared.parameterTypes().size();
        this.values = new Object[n];
        this.set = new boolean[n];
    }

    /** @return the SQL the engine runs ({@code ?} rewritten to {@code $n}) */
    public String translatedSql() {
        return translator.sql();
    }

    private StatementResult run() throws SQLException {
        checkOpen();
        clearResult();
        for (int i = 0; i < set.length; i++) {
            if (!set[i]) {
                throw Errors.of("No value specified for parameter " + (i + 1) + ".", Errors.INVALID_PARAMETER);
            }
        }
        return runWith(values);
    }

    private StatementResult runWith(Object[] params) throws SQLException {
        connection.beforeStatement();
        java.util.concurrent.ScheduledFuture<?> timer = startTimeout();
        try {
            return connection.session().sqlSession().execute(prepared, Arrays.asList(params));
        } catch (SqlException e) {
            throw Errors.of(e, translator::originalPosition);
        } catch (RuntimeException e) {
            throw Errors.of(e);
        } finally {
            stopTimeout(timer);
        }
    }


    @Override
    public boolean execute() throws SQLException {
        return accept(run(), translator::originalPosition);
    }

    /** @throws SQLException 02000 {@code No results were returned by the query.} if it returns no rows */
    @Override
    public ResultSet executeQuery() throws SQLException {
        if (!execute()) {
            throw Errors.of("No results were returned by the query.", Errors.NO_DATA);
        }
        return getResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return saturate(executeLargeUpdate());
    }

    /** @throws SQLException 0100E {@code A result was returned when none was expected.} for a query */
    @Override
    public long executeLargeUpdate() throws SQLException {
        if (execute()) {
            clearResult();
            throw Errors.of("A result was returned when none was expected.", Errors.TOO_MANY_RESULTS);
        }
        return getLargeUpdateCount();
    }

    private static SQLException queryStringOnPrepared() {
        return Errors.of("Can't use query methods that take a query string on a PreparedStatement.",
                "42809");
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        throw queryStringOnPrepared();
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw queryStringOnPrepared();
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        throw queryStringOnPrepared();
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        throw queryStringOnPrepared();
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw queryStringOnPrepared();
    }

    /** Adds the current parameter values to the batch. */
    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        for (int i = 0; i < set.length; i++) {
            if (!set[i]) {
                throw Errors.of("No value specified for parameter " + (i + 1) + ".", Errors.INVALID_PARAMETER);
            }
        }
        batch.add(values.clone());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    /**
     * Executes the prepared plan once per batched parameter set (an INSERT: all sets as one
     * statement) and clears the batch; in auto-commit mode each execution is its own transaction,
     * otherwise the batch joins the connection's transaction block.
     *
     * @throws java.sql.BatchUpdateException at the first failure, with the update counts before it
     *     (in auto-commit mode those rows stay applied; in a block, the block has failed)
     */
    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        clearResult();
        List<Object[]> entries = new ArrayList<>(batch);
        batch.clear();
        if (prepared.batchesAtomically() && !entries.isEmpty()) {
            List<List<Object>> sets = new ArrayList<>(entries.size());
            for (Object[] params : entries) {
                sets.add(Arrays.asList(params));
            }
            connection.beforeStatement();
            try {
                return connection.session().sqlSession().executeBatch(prepared, sets);
            } catch (SqlException e) {
                throw batchFailure(0, new long[0], Errors.of(e, translator::originalPosition));
            } catch (RuntimeException e) {
                throw batchFailure(0, new long[0], Errors.of(e));
            }
        }
        long[] counts = new long[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            try {
                StatementResult r = runWith(entries.get(i));
                if (accept(r, translator::originalPosition)) {
                    clearResult();
                    throw Errors.of("A result was returned when none was expected.", Errors.TOO_MANY_RESULTS);
                }
                counts[i] = getLargeUpdateCount();
            } catch (SQLException e) {
                throw batchFailure(i, counts, e);
            }
        }
        clearResult();
        return counts;
    }

    /** @return the result columns, or {@code null} if the statement returns no rows */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        if (!prepared.returnsRows()) {
            return null;
        }
        return new LodeResultSetMetaData(prepared.columns(), connection.database().sqlDatabase().catalog());
    }

    /** @return the parameters' types as the engine inferred them */
    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new LodeParameterMetaData(prepared.parameterTypes());
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(values, null);
        Arrays.fill(set, false);
    }

    private void bind(int index, Object value) throws SQLException {
        checkOpen();
        if (index < 1 || index > values.length) {
            throw Errors.of("The column index is out of range: " + index + ", number of columns: "
                    + values.length + ".", Errors.INVALID_PARAMETER);
        }
        values[index - 1] = value;
        set[index - 1] = true;
    }

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        bind(parameterIndex, null);
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        bind(parameterIndex, null);
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        bind(parameterIndex, x);
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        bind(parameterIndex, (short) x);
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        bind(parameterIndex, x);
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        bind(parameterIndex, x);
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        bind(parameterIndex, x);
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        bind(parameterIndex, x);
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        bind(parameterIndex, x);
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        bind(parameterIndex, x);
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        bind(parameterIndex, x);
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        bind(parameterIndex, value);
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        bind(parameterIndex, x == null ? null : x.clone());
    }

    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        bind(parameterIndex, x == null ? null : x.toLocalDate());
    }

    /** Binds the date that {@code x} is at in {@code cal}'s time zone. */
    @Override
    public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
        if (x == null || cal == null) {
            setDate(parameterIndex, x);
            return;
        }
        bind(parameterIndex, Instant.ofEpochMilli(x.getTime()).atZone(cal.getTimeZone().toZoneId()).toLocalDate());
    }

    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        bind(parameterIndex, x == null ? null : toLocalTime(x));
    }

    /** Binds the wall-clock time that {@code x} is at in {@code cal}'s time zone. */
    @Override
    public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
        if (x == null || cal == null) {
            setTime(parameterIndex, x);
            return;
        }
        bind(parameterIndex, Instant.ofEpochMilli(x.getTime()).atZone(cal.getTimeZone().toZoneId()).toLocalTime());
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        bind(parameterIndex, x == null ? null : micros(x.toLocalDateTime()));
    }

    /** Binds the wall-clock timestamp that {@code x} is at in {@code cal}'s time zone. */
    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        if (x == null || cal == null) {
            setTimestamp(parameterIndex, x);
            return;
        }
        bind(parameterIndex, micros(LocalDateTime.ofInstant(x.toInstant(), cal.getTimeZone().toZoneId())));
    }

    /** Binds {@code x} by its Java class (see the class documentation). */
    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        bind(parameterIndex, toEngineValue(x));
    }

    /**
     * Binds {@code x} converted for {@code targetSqlType}: to its string form for the character
     * types, otherwise as {@link #setObject(int, Object)} (the engine converts it to the
     * parameter's type).
     */
    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        setObject(parameterIndex, x, targetSqlType, -1);
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        if (x == null) {
            bind(parameterIndex, null);
            return;
        }
        Object v = toEngineValue(x);
        switch (targetSqlType) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB -> {
                if (!(v instanceof byte[])) {
                    v = v.toString();
                }
            }
            case Types.NUMERIC, Types.DECIMAL -> {
                if (v instanceof Number n && !(v instanceof BigDecimal)) {
                    v = new BigDecimal(n.toString());
                }
                if (v instanceof BigDecimal b && scaleOrLength >= 0) {
                    v = b.setScale(scaleOrLength, RoundingMode.HALF_UP);
                }
            }
            case Types.BIT, Types.BOOLEAN -> {
                if (v instanceof Number n) {
                    v = n.doubleValue() != 0;
                }
            }
            default -> {
                // the engine converts to the parameter's inferred type
            }
        }
        bind(parameterIndex, v);
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        setObject(parameterIndex, x, vendorType(targetSqlType));
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        setObject(parameterIndex, x, vendorType(targetSqlType), scaleOrLength);
    }

    private static int vendorType(SQLType t) throws SQLException {
        if (t instanceof JDBCType j) {
            return j.getVendorTypeNumber();
        }
        throw Errors.notSupported("SQLType " + t);
    }

    /** @return {@code x} as the Java class the engine takes for a value */
    static Object toEngineValue(Object x) throws SQLException {
        if (x == null || x instanceof Boolean || x instanceof Short || x instanceof Integer || x instanceof Long
                || x instanceof Float || x instanceof Double || x instanceof BigDecimal || x instanceof String
                || x instanceof UUID || x instanceof LocalDate || x instanceof Interval || x instanceof Json
                || x instanceof Jsonb) {
            return x;
        }
        if (x instanceof byte[] b) {
            return b.clone();
        }
        if (x instanceof Byte b) {
            return (short) b.byteValue();
        }
        if (x instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (x instanceof Character c) {
            return c.toString();
        }
        if (x instanceof LocalTime t) {
            return micros(t);
        }
        if (x instanceof LocalDateTime t) {
            return micros(t);
        }
        if (x instanceof OffsetDateTime t) {
            return micros(t.withOffsetSameInstant(ZoneOffset.UTC));
        }
        if (x instanceof ZonedDateTime t) {
            return micros(t.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC));
        }
        if (x instanceof Instant t) {
            return micros(t.atOffset(ZoneOffset.UTC));
        }
        if (x instanceof Date d) {
            return d.toLocalDate();
        }
        if (x instanceof Time t) {
            return toLocalTime(t);
        }
        if (x instanceof Timestamp t) {
            return micros(t.toLocalDateTime());
        }
        if (x instanceof java.util.Date d) {
            return micros(new Timestamp(d.getTime()).toLocalDateTime());
        }
        throw Errors.of("Can't infer the SQL type to use for an instance of " + x.getClass().getName()
                + ". Use setObject() with a supported Java type.", "07006");
    }

    private static LocalTime toLocalTime(Time t) {
        long millis = Math.floorMod(t.getTime(), 1000L);
        return t.toLocalTime().plusNanos(millis * 1_000_000L);
    }

    /** Rounds to microseconds (half up), the engine's precision. */
    private static LocalDateTime micros(LocalDateTime t) {
        return t.getNano() % 1000 == 0 ? t : t.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    private static LocalTime micros(LocalTime t) {
        if (t.getNano() % 1000 == 0) {
            return t;
        }
        LocalTime r = t.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
        return r.isBefore(t.truncatedTo(ChronoUnit.MICROS)) ? LocalTime.MAX.truncatedTo(ChronoUnit.MICROS) : r;
    }

    private static OffsetDateTime micros(OffsetDateTime t) {
        return t.getNano() % 1000 == 0 ? t : t.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    private static byte[] readAll(InputStream in, long length) throws SQLException {
        if (in == null) {
            return null;
        }
        try {
            byte[] all = in.readAllBytes();
            return length >= 0 && length < all.length ? Arrays.copyOf(all, (int) length) : all;
        } catch (IOException e) {
            throw Errors.of("reading the stream failed: " + e.getMessage(), "58030", e);
        }
    }

    private static String readAll(Reader in, long length) throws SQLException {
        if (in == null) {
            return null;
        }
        try {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                sb.append(buf, 0, n);
            }
            return length >= 0 && length < sb.length() ? sb.substring(0, (int) length) : sb.toString();
        } catch (IOException e) {
            throw Errors.of("reading the stream failed: " + e.getMessage(), "58030", e);
        }
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setAsciiStream(parameterIndex, x, (long) length);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        byte[] b = readAll(x, length);
        bind(parameterIndex, b == null ? null : new String(b, StandardCharsets.US_ASCII));
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        setAsciiStream(parameterIndex, x, -1L);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setBinaryStream(parameterIndex, x, (long) length);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        bind(parameterIndex, readAll(x, length));
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        setBinaryStream(parameterIndex, x, -1L);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        setCharacterStream(parameterIndex, reader, (long) length);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        bind(parameterIndex, readAll(reader, length));
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        setCharacterStream(parameterIndex, reader, -1L);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        setCharacterStream(parameterIndex, value, length);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        setCharacterStream(parameterIndex, value, -1L);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        setCharacterStream(parameterIndex, reader, length);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        setCharacterStream(parameterIndex, reader, -1L);
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        bind(parameterIndex, x == null ? null : x.getSubString(1, (int) x.length()));
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        setClob(parameterIndex, value);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        setCharacterStream(parameterIndex, reader, length);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        setCharacterStream(parameterIndex, reader, -1L);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        setBinaryStream(parameterIndex, inputStream, length);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        setBinaryStream(parameterIndex, inputStream, -1L);
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        bind(parameterIndex, x == null ? null : x.getBytes(1, (int) x.length()));
    }

    @Override
    @Deprecated
    public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        throw Errors.notSupported("setUnicodeStream");
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        throw Errors.notSupported("setRef");
    }

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        throw Errors.notSupported("arrays");
    }

    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException {
        throw Errors.notSupported("setURL");
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        throw Errors.notSupported("setRowId");
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        throw Errors.notSupported("setSQLXML");
    }

    /** @return the parameter type of {@code $index} (for tests) */
    DataType parameterType(int index) {
        return prepared.parameterTypes().get(index - 1);
    }
}
