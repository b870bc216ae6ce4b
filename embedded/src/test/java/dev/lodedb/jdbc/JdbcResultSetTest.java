package dev.lodedb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every type through setters and getters, NULLs, conversions and result set metadata. */
class JdbcResultSetTest {
    private static final UUID ID = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:lode:mem:" + UUID.randomUUID());
        c.createStatement().execute("CREATE TABLE all_types ("
                + "id int PRIMARY KEY, b boolean, s smallint, i integer, l bigint, r real, d double precision,"
                + " n numeric(10,2), t text, v varchar(10), ch char(3), by bytea, dt date, tm time,"
                + " ts timestamp, tz timestamptz, iv interval, u uuid, j json, jb jsonb)");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private void insertFullRow() throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO all_types VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setInt(1, 1);
            p.setBoolean(2, true);
            p.setShort(3, (short) 12);
            p.setInt(4, 123456);
            p.setLong(5, 1L << 40);
            p.setFloat(6, 1.5f);
            p.setDouble(7, 2.25);
            p.setBigDecimal(8, new BigDecimal("1234.5"));
            p.setString(9, "hello");
            p.setString(10, "short");
            p.setString(11, "ab");
            p.setBytes(12, new byte[] {1, 2, (byte) 0xff});
            p.setDate(13, Date.valueOf("2024-02-29"));
            p.setTime(14, Time.valueOf("13:45:30"));
            p.setTimestamp(15, Timestamp.valueOf("2024-02-29 13:45:30.123456"));
            p.setObject(16, OffsetDateTime.of(2024, 2, 29, 15, 45, 30, 0, ZoneOffset.ofHours(2)));
            p.setString(17, "1 day 02:00:00");
            p.setObject(18, ID);
            p.setString(19, "{\"a\": 1}");
            p.setString(20, "{\"b\": [1, 2]}");
            assertThat(p.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void everyTypeRoundTrips() throws SQLException {
        insertFullRow();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM all_types")) {
            assertThat(rs.isBeforeFirst()).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.isFirst()).isTrue();
            assertThat(rs.getRow()).isEqualTo(1);
            assertThat(rs.getBoolean("b")).isTrue();
            assertThat(rs.getString("b")).isEqualTo("t");
            assertThat(rs.getShort("s")).isEqualTo((short) 12);
            assertThat(rs.getInt("i")).isEqualTo(123456);
            assertThat(rs.getLong("l")).isEqualTo(1L << 40);
            assertThat(rs.getFloat("r")).isEqualTo(1.5f);
            assertThat(rs.getDouble("d")).isEqualTo(2.25);
            assertThat(rs.getBigDecimal("n")).isEqualTo(new BigDecimal("1234.50"));
            assertThat(rs.getString("n")).isEqualTo("1234.50");
            assertThat(rs.getString("t")).isEqualTo("hello");
            assertThat(rs.getString("v")).isEqualTo("short");
            assertThat(rs.getString("ch")).isEqualTo("ab ");
            assertThat(rs.getBytes("by")).containsExactly(1, 2, 0xff);
            assertThat(rs.getString("by")).isEqualTo("\\x0102ff");
            assertThat(rs.getDate("dt")).isEqualTo(Date.valueOf("2024-02-29"));
            assertThat(rs.getTime("tm")).isEqualTo(Time.valueOf("13:45:30"));
            assertThat(rs.getTimestamp("ts")).isEqualTo(Timestamp.valueOf("2024-02-29 13:45:30.123456"));
            assertThat(rs.getTimestamp("tz").toInstant()).isEqualTo(Instant.parse("2024-02-29T13:45:30Z"));
            assertThat(rs.getString("tz")).isEqualTo("2024-02-29 13:45:30+00");
            assertThat(rs.getString("iv")).isEqualTo("1 day 02:00:00");
            assertThat(rs.getObject("u")).isEqualTo(ID);
            assertThat(rs.getString("j")).isEqualTo("{\"a\": 1}");
            assertThat(rs.getString("jb")).isEqualTo("{\"b\": [1, 2]}");

            // getObject: pgjdbc's classes
            assertThat(rs.getObject("b")).isEqualTo(Boolean.TRUE);
            assertThat(rs.getObject("s")).isEqualTo(12);
            assertThat(rs.getObject("i")).isEqualTo(123456);
            assertThat(rs.getObject("l")).isEqualTo(1L << 40);
            assertThat(rs.getObject("r")).isEqualTo(1.5f);
            assertThat(rs.getObject("d")).isEqualTo(2.25);
            assertThat(rs.getObject("n")).isEqualTo(new BigDecimal("1234.50"));
            assertThat(rs.getObject("t")).isEqualTo("hello");
            assertThat(rs.getObject("by")).isEqualTo(new byte[] {1, 2, (byte) 0xff});
            assertThat(rs.getObject("dt")).isEqualTo(Date.valueOf("2024-02-29"));
            assertThat(rs.getObject("tm")).isEqualTo(Time.valueOf("13:45:30"));
            assertThat(rs.getObject("ts")).isEqualTo(Timestamp.valueOf("2024-02-29 13:45:30.123456"));
            assertThat(rs.getObject("tz")).isEqualTo(Timestamp.from(Instant.parse("2024-02-29T13:45:30Z")));
            assertThat(rs.getObject("iv")).isEqualTo("1 day 02:00:00");
            assertThat(rs.getObject("j")).isEqualTo("{\"a\": 1}");
            assertThat(rs.getObject("jb")).isEqualTo("{\"b\": [1, 2]}");

            // getObject(column, Class): java.time
            assertThat(rs.getObject("dt", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(rs.getObject("tm", LocalTime.class)).isEqualTo(LocalTime.of(13, 45, 30));
            assertThat(rs.getObject("ts", LocalDateTime.class))
                    .isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000));
            assertThat(rs.getObject("tz", OffsetDateTime.class))
                    .isEqualTo(OffsetDateTime.of(2024, 2, 29, 13, 45, 30, 0, ZoneOffset.UTC));
            assertThat(rs.getObject("tz", Instant.class)).isEqualTo(Instant.parse("2024-02-29T13:45:30Z"));
            assertThat(rs.getObject("u", UUID.class)).isEqualTo(ID);
            assertThat(rs.getObject("i", Long.class)).isEqualTo(123456L);
            assertThat(rs.getObject("n", String.class)).isEqualTo("1234.50");
            assertThat(rs.getObject("b", Boolean.class)).isTrue();
            assertThatThrownBy(() -> rs.getObject("tz", LocalDateTime.class)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> rs.getObject("u", LocalDate.class)).isInstanceOf(SQLException.class);

            assertThat(rs.isLast()).isTrue();
            assertThat(rs.next()).isFalse();
            assertThat(rs.isAfterLast()).isTrue();
            assertThat(rs.getRow()).isZero();
            assertThatThrownBy(() -> rs.getInt(1)).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void nullsReadAsNullOrZeroWithWasNull() throws SQLException {
        c.createStatement().execute("INSERT INTO all_types (id) VALUES (1)");
        try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM all_types")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt("id")).isEqualTo(1);
            assertThat(rs.wasNull()).isFalse();
            for (int col = 2; col <= rs.getMetaData().getColumnCount(); col++) {
                assertThat(rs.getObject(col)).isNull();
                assertThat(rs.wasNull()).isTrue();
                assertThat(rs.getString(col)).isNull();
                assertThat(rs.getObject(col, String.class)).isNull();
                assertThat(rs.getBytes(col)).isNull();
            }
            assertThat(rs.getBoolean("b")).isFalse();
            assertThat(rs.wasNull()).isTrue();
            assertThat(rs.getInt("i")).isZero();
            assertThat(rs.getLong("l")).isZero();
            assertThat(rs.getDouble("d")).isZero();
            assertThat(rs.getBigDecimal("n")).isNull();
            assertThat(rs.getDate("dt")).isNull();
            assertThat(rs.getTime("tm")).isNull();
            assertThat(rs.getTimestamp("ts")).isNull();
            assertThat(rs.getObject("i", Integer.class)).isNull();
        }
    }

    @Test
    void settersBindNullAndObjects() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO all_types (id, i, t, dt, ts, tz, u, n, b) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setObject(1, 1);
            p.setNull(2, Types.INTEGER);
            p.setObject(3, null);
            p.setObject(4, LocalDate.of(2000, 1, 1));
            p.setObject(5, LocalDateTime.of(2000, 1, 1, 12, 0, 0, 999_999_999)); // rounds to micros
            p.setObject(6, Instant.parse("2000-01-01T00:00:00Z"));
            p.setString(7, ID.toString());
            p.setObject(8, "3.14159", Types.NUMERIC);
            p.setObject(9, 1, Types.BOOLEAN);
            p.executeUpdate();
            p.setInt(1, 2);
            p.setByte(2, (byte) 7);
            p.setString(3, "x");
            p.setObject(4, new java.util.Date(0));
            p.setTimestamp(5, Timestamp.valueOf("2001-02-03 04:05:06"), Calendar.getInstance(TimeZone.getTimeZone("UTC")));
            p.setObject(6, OffsetDateTime.parse("2000-01-01T00:00:00+05:00"));
            p.setObject(7, null);
            p.setObject(8, 2, Types.DECIMAL, 3);
            p.setString(9, "false");
            p.executeUpdate();
        }
        try (ResultSet rs = c.createStatement().executeQuery("SELECT id, i, t, dt, ts, tz, u, n, b FROM all_types ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject("i")).isNull();
            assertThat(rs.getObject("t")).isNull();
            assertThat(rs.getObject("dt", LocalDate.class)).isEqualTo(LocalDate.of(2000, 1, 1));
            assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2000, 1, 1, 12, 0, 1));
            assertThat(rs.getObject("tz", Instant.class)).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
            assertThat(rs.getObject("u")).isEqualTo(ID);
            assertThat(rs.getString("n")).isEqualTo("3.14");
            assertThat(rs.getBoolean("b")).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt("i")).isEqualTo(7);
            assertThat(rs.getString("ts")).isEqualTo(
                    Timestamp.valueOf("2001-02-03 04:05:06").toInstant().atOffset(ZoneOffset.UTC).toLocalDateTime()
                            .toString().replace('T', ' '));
            assertThat(rs.getObject("tz", Instant.class)).isEqualTo(Instant.parse("1999-12-31T19:00:00Z"));
            assertThat(rs.getString("n")).isEqualTo("2.00");
            assertThat(rs.getBoolean("b")).isFalse();
        }
    }

    @Test
    void numericGettersConvertLikePgjdbc() throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT 3.7::numeric, -2.9::float8, '42'::text, 'abc'::text, 3000000000::bigint, true, 'yes'::text, 2::int")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(3);
            assertThat(rs.getLong(2)).isEqualTo(-2);
            assertThat(rs.getInt(3)).isEqualTo(42);
            assertThat(rs.getDouble(3)).isEqualTo(42.0);
            assertThat(rs.getBigDecimal(3)).isEqualTo(new BigDecimal("42"));
            assertThat(rs.getBigDecimal(2)).isEqualTo(new BigDecimal("-2.9"));
            SQLException bad = catchSql(() -> rs.getInt(4));
            assertThat((Throwable) bad).isInstanceOf(SQLDataException.class);
            assertThat(bad.getSQLState()).isEqualTo("22003");
            assertThat(bad.getMessage()).isEqualTo("Bad value for type int : abc");
            assertThat(catchSql(() -> rs.getInt(5)).getSQLState()).isEqualTo("22003");
            assertThat(catchSql(() -> rs.getShort(5)).getSQLState()).isEqualTo("22003");
            assertThat(catchSql(() -> rs.getByte(5)).getSQLState()).isEqualTo("22003");
            assertThat(rs.getLong(5)).isEqualTo(3_000_000_000L);
            assertThat(rs.getInt(6)).isEqualTo(1);
            assertThat(rs.getBoolean(7)).isTrue();
            assertThat(catchSql(() -> rs.getBoolean(4)).getSQLState()).isEqualTo("22P02");
            assertThatThrownBy(() -> rs.getBoolean(8)).isInstanceOf(SQLException.class);
            assertThat(rs.getByte(8)).isEqualTo((byte) 2);
        }
    }

    private static SQLException catchSql(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(t).isInstanceOf(SQLException.class);
        return (SQLException) t;
    }

    @Test
    void dateTimeGettersConvertBetweenTypes() throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT '2024-05-06 07:08:09'::timestamp, '2024-05-06'::date, '2024-05-06'::text, "
                        + "'infinity'::timestamp, '2024-05-06 07:08:09+00'::timestamptz")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDate(1)).isEqualTo(Date.valueOf("2024-05-06"));
            assertThat(rs.getTime(1)).isEqualTo(Time.valueOf("07:08:09"));
            assertThat(rs.getTimestamp(2)).isEqualTo(Timestamp.valueOf("2024-05-06 00:00:00"));
            assertThat(rs.getDate(3)).isEqualTo(Date.valueOf("2024-05-06"));
            assertThat(rs.getTimestamp(4).getTime()).isEqualTo(LodeResultSet.POSITIVE_INFINITY);
            Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
            assertThat(rs.getTimestamp(1, utc).toInstant()).isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
            assertThat(rs.getTimestamp(5, utc).toInstant()).isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
            assertThat(rs.getObject(5, OffsetDateTime.class).toInstant()).isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
            assertThat(rs.getObject(1, OffsetDateTime.class)).isEqualTo(OffsetDateTime.parse("2024-05-06T07:08:09Z"));
        }
    }

    @Test
    void forwardOnlyAndReadOnly() throws SQLException {
        ResultSet rs = c.createStatement().executeQuery("SELECT 1 AS one, 2 AS \"Two\"");
        {
            assertThat(rs.getType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
            assertThat(rs.getConcurrency()).isEqualTo(ResultSet.CONCUR_READ_ONLY);
            assertThat(rs.getHoldability()).isEqualTo(ResultSet.HOLD_CURSORS_OVER_COMMIT);
            assertThatThrownBy(() -> rs.getInt(1)).isInstanceOf(SQLException.class).hasMessageContaining("next");
            assertThat(rs.next()).isTrue();
            assertThat(rs.findColumn("ONE")).isEqualTo(1);
            assertThat(rs.findColumn("Two")).isEqualTo(2);
            assertThat(rs.findColumn("two")).isEqualTo(2);
            assertThatThrownBy(() -> rs.findColumn("three")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> rs.getInt(3)).isInstanceOf(SQLException.class);
            assertThatThrownBy(rs::previous).isInstanceOf(SQLException.class);
            assertThatThrownBy(rs::first).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> rs.updateInt(1, 5)).isInstanceOf(java.sql.SQLFeatureNotSupportedException.class);
            rs.close();
            assertThat(rs.isClosed()).isTrue();
            assertThatThrownBy(rs::next).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void emptyResult() throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM all_types")) {
            assertThat(rs.isBeforeFirst()).isFalse();
            assertThat(rs.next()).isFalse();
            assertThat(rs.isAfterLast()).isFalse();
        }
    }

    @Test
    void streamsManyRowsAcrossChunks() throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT g FROM generate_series(1, 5000) AS g")) {
            long sum = 0;
            int n = 0;
            while (rs.next()) {
                n++;
                if (n == 1024) {
                    assertThat(rs.isLast()).isFalse(); // peeks the next chunk, keeping the current row
                    assertThat(rs.getInt(1)).isEqualTo(1024);
                }
                sum += rs.getInt(1);
            }
            assertThat(n).isEqualTo(5000);
            assertThat(sum).isEqualTo(5000L * 5001 / 2);
        }
    }

    @Test
    void resultSetMetaData() throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT id, n, v, ch, tz, u, jb, b, by, id + 1 AS computed, 1.5 FROM all_types")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(11);
            assertThat(md.getColumnLabel(1)).isEqualTo("id");
            assertThat(md.getColumnName(10)).isEqualTo("computed");
            assertThat(md.getColumnLabel(11)).isEqualTo("?column?");
            assertThat(md.getTableName(1)).isEqualTo("all_types");
            assertThat(md.getSchemaName(1)).isEqualTo("public");
            assertThat(md.getTableName(10)).isEmpty();
            assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);
            assertThat(md.isNullable(2)).isEqualTo(ResultSetMetaData.columnNullable);
            assertThat(md.isNullable(10)).isEqualTo(ResultSetMetaData.columnNullableUnknown);
            assertThat(md.getColumnType(1)).isEqualTo(Types.INTEGER);
            assertThat(md.getColumnTypeName(1)).isEqualTo("int4");
            assertThat(md.getColumnClassName(1)).isEqualTo("java.lang.Integer");
            assertThat(md.getColumnType(2)).isEqualTo(Types.NUMERIC);
            assertThat(md.getColumnTypeName(2)).isEqualTo("numeric");
            assertThat(md.getPrecision(2)).isEqualTo(10);
            assertThat(md.getScale(2)).isEqualTo(2);
            assertThat(md.getColumnTypeName(3)).isEqualTo("varchar");
            assertThat(md.getPrecision(3)).isEqualTo(10);
            assertThat(md.getColumnType(4)).isEqualTo(Types.CHAR);
            assertThat(md.getColumnTypeName(4)).isEqualTo("bpchar");
            assertThat(md.getColumnType(5)).isEqualTo(Types.TIMESTAMP);
            assertThat(md.getColumnTypeName(5)).isEqualTo("timestamptz");
            assertThat(md.getColumnType(6)).isEqualTo(Types.OTHER);
            assertThat(md.getColumnClassName(6)).isEqualTo("java.util.UUID");
            assertThat(md.getColumnTypeName(7)).isEqualTo("jsonb");
            assertThat(md.getColumnType(8)).isEqualTo(Types.BIT);
            assertThat(md.getColumnType(9)).isEqualTo(Types.BINARY);
            assertThat(md.getColumnClassName(9)).isEqualTo("[B");
            assertThat(md.isSigned(1)).isTrue();
            assertThat(md.isSigned(3)).isFalse();
            assertThat(md.isAutoIncrement(1)).isFalse();
            assertThat(md.getColumnTypeName(11)).isEqualTo("numeric");
        }
    }
}
