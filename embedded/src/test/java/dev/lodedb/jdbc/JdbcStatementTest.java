package dev.lodedb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.sql.Types;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Statements, prepared statements, batches and errors. */
class JdbcStatementTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:lode:mem:" + UUID.randomUUID());
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private static SQLException sqlError(ThrowingCallable call) {
        try {
            call.call();
        } catch (SQLException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("expected an SQLException, got " + t, t);
        }
        throw new AssertionError("expected an SQLException");
    }

    @Test
    void executeReportsRowsOrUpdateCounts() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThat(s.execute("CREATE TABLE t (id int PRIMARY KEY, v text)")).isFalse();
            assertThat(s.getUpdateCount()).isZero();
            assertThat(s.getResultSet()).isNull();
            assertThat(s.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')")).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(3);
            assertThat(s.getLargeUpdateCount()).isEqualTo(3);
            assertThat(s.execute("SELECT * FROM t")).isTrue();
            assertThat(s.getUpdateCount()).isEqualTo(-1);
            ResultSet rs = s.getResultSet();
            assertThat(rs.getStatement()).isSameAs(s);
            assertThat(s.getMoreResults()).isFalse();
            assertThat(rs.isClosed()).isTrue();
            assertThat(s.getUpdateCount()).isEqualTo(-1);
            assertThat(s.executeUpdate("UPDATE t SET v = 'z' WHERE id >= 2")).isEqualTo(2);
            assertThat(s.executeLargeUpdate("DELETE FROM t WHERE id = 3")).isEqualTo(1);
            try (ResultSet r = s.executeQuery("INSERT INTO t VALUES (4, 'd') RETURNING id * 10")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isEqualTo(40);
            }
            // a script: every statement runs, the last one's result is returned
            assertThat(s.execute("INSERT INTO t VALUES (5, 'e'); SELECT count(*) FROM t")).isTrue();
            try (ResultSet r = s.getResultSet()) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(4);
            }
        }
    }

    @Test
    void executeQueryAndExecuteUpdateCheckWhatTheyGet() throws SQLException {
        Statement s = c.createStatement();
        s.execute("CREATE TABLE t (x int)");
        SQLException e = sqlError(() -> s.executeQuery("INSERT INTO t VALUES (1)"));
        assertThat(e.getMessage()).isEqualTo("No results were returned by the query.");
        e = sqlError(() -> s.executeUpdate("SELECT 1"));
        assertThat(e.getMessage()).isEqualTo("A result was returned when none was expected.");
        // both statements still ran, as with pgjdbc
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void reExecutingClosesThePreviousResultSet() throws SQLException {
        Statement s = c.createStatement();
        ResultSet a = s.executeQuery("SELECT 1");
        ResultSet b = s.executeQuery("SELECT 2");
        assertThat(a.isClosed()).isTrue();
        assertThat(b.isClosed()).isFalse();
        s.close();
        assertThat(b.isClosed()).isTrue();
        assertThatThrownBy(() -> s.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
    }

    @Test
    void closeOnCompletionClosesTheStatementWithItsResultSet() throws SQLException {
        Statement s = c.createStatement();
        s.closeOnCompletion();
        assertThat(s.isCloseOnCompletion()).isTrue();
        ResultSet rs = s.executeQuery("SELECT 1");
        rs.close();
        assertThat(s.isClosed()).isTrue();
    }

    @Test
    void maxRowsLimitsTheResult() throws SQLException {
        Statement s = c.createStatement();
        s.setMaxRows(2);
        s.setFetchSize(100);
        s.setQueryTimeout(5);
        assertThat(s.getQueryTimeout()).isEqualTo(5);
        assertThat(s.getFetchSize()).isEqualTo(100);
        try (ResultSet rs = s.executeQuery("SELECT * FROM generate_series(1, 5000)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.isLast()).isTrue();
            assertThat(rs.next()).isFalse();
        }
        s.cancel(); // nothing runs: no effect
        assertThatThrownBy(() -> s.setMaxRows(-1)).isInstanceOf(SQLException.class);
    }

    @Test
    void queryTimeoutCancelsALongStatement() throws SQLException {
        Statement s = c.createStatement();
        s.setQueryTimeout(1);
        long start = System.nanoTime();
        // a 4-billion-pair cross product: far longer than a second
        SQLException e = sqlError(() -> s.executeQuery("SELECT count(*) FROM generate_series(1, 200000) a, "
                + "generate_series(1, 20000) b WHERE a + b < 0"));
        assertThat(e.getSQLState()).isEqualTo("57014");
        assertThat(e.getMessage()).contains("statement timeout");
        assertThat(System.nanoTime() - start).isLessThan(60_000_000_000L);
        s.setQueryTimeout(0);
        try (ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void cancelFromAnotherThreadStopsTheStatement() throws Exception {
        Statement s = c.createStatement();
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(300);
                s.cancel();
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        canceller.start();
        SQLException e = sqlError(() -> s.executeQuery("SELECT count(*) FROM generate_series(1, 200000) a, "
                + "generate_series(1, 20000) b WHERE a + b < 0"));
        canceller.join();
        assertThat(e.getSQLState()).isEqualTo("57014");
        assertThat(e.getMessage()).contains("user request");
    }

    @Test
    void statementBatchRunsEachStatement() throws SQLException {
        Statement s = c.createStatement();
        s.execute("CREATE TABLE t (id int PRIMARY KEY)");
        s.addBatch("INSERT INTO t VALUES (1)");
        s.addBatch("INSERT INTO t VALUES (2), (3)");
        s.addBatch("DELETE FROM t WHERE id = 1");
        assertThat(s.executeBatch()).containsExactly(1, 2, 1);
        assertThat(s.executeBatch()).isEmpty();
        s.addBatch("INSERT INTO t VALUES (4)");
        s.addBatch("INSERT INTO t VALUES (2)");
        s.addBatch("INSERT INTO t VALUES (5)");
        SQLException e = sqlError(s::executeBatch);
        assertThat((Throwable) e).isInstanceOf(BatchUpdateException.class);
        assertThat(e.getSQLState()).isEqualTo("23505");
        assertThat(((BatchUpdateException) e).getUpdateCounts()).containsExactly(1);
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3); // 2, 3 and 4: each statement is its own transaction
        }
    }

    @Test
    void preparedStatementBatchInsertsAndReExecutes() throws SQLException {
        c.createStatement().execute("CREATE TABLE items (id bigint PRIMARY KEY, name varchar(20), price numeric(10,2))");
        try (PreparedStatement p = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?)")) {
            for (int i = 1; i <= 1000; i++) {
                p.setLong(1, i);
                p.setString(2, "item " + i);
                p.setBigDecimal(3, new java.math.BigDecimal(i).movePointLeft(2));
                p.addBatch();
            }
            int[] counts = p.executeBatch();
            assertThat(counts).hasSize(1000).containsOnly(1);
            p.setLong(1, 1001);
            p.setString(2, "single");
            p.setNull(3, Types.NUMERIC);
            assertThat(p.executeUpdate()).isEqualTo(1);
        }
        try (PreparedStatement q = c.prepareStatement("SELECT name, price FROM items WHERE id = ?")) {
            for (long id : new long[] {1, 500, 1001}) {
                q.setLong(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(id == 1001 ? "single" : "item " + id);
                    if (id == 1001) {
                        assertThat(rs.getBigDecimal(2)).isNull();
                        assertThat(rs.wasNull()).isTrue();
                    } else {
                        assertThat(rs.getBigDecimal(2)).isEqualByComparingTo(new java.math.BigDecimal(id).movePointLeft(2));
                    }
                    assertThat(rs.next()).isFalse();
                }
            }
            q.clearParameters();
            SQLException e = sqlError(q::executeQuery);
            assertThat(e.getMessage()).contains("No value specified for parameter 1");
            assertThatThrownBy(() -> q.setInt(2, 1)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> q.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void preparedInsertBatchIsAtomic() throws SQLException {
        c.createStatement().execute("CREATE TABLE t (id int PRIMARY KEY)");
        PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?)");
        for (int id : new int[] {1, 2, 1, 3}) {
            p.setInt(1, id);
            p.addBatch();
        }
        SQLException e = sqlError(p::executeBatch);
        assertThat((Throwable) e).isInstanceOf(BatchUpdateException.class);
        assertThat(((BatchUpdateException) e).getUpdateCounts()).isEmpty();
        assertThat(e.getSQLState()).isEqualTo("23505");
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void preparedUpdateBatchFailureReportsCountsBeforeIt() throws SQLException {
        c.createStatement().execute("CREATE TABLE t (id int PRIMARY KEY, v int)");
        c.createStatement().execute("INSERT INTO t VALUES (1, 0), (2, 0), (3, 0)");
        PreparedStatement p = c.prepareStatement("UPDATE t SET v = 10 / ? WHERE id = ?");
        int[][] sets = {{1, 1}, {2, 2}, {0, 3}};
        for (int[] s : sets) {
            p.setInt(1, s[0]);
            p.setInt(2, s[1]);
            p.addBatch();
        }
        SQLException e = sqlError(p::executeBatch);
        assertThat(((BatchUpdateException) e).getUpdateCounts()).containsExactly(1, 1);
        assertThat(e.getSQLState()).isEqualTo("22012");
    }

    @Test
    void questionMarksInLiteralsCommentsAndIdentifiersAreNotParameters() throws SQLException {
        c.createStatement().execute("CREATE TABLE \"odd?\" (\"a?\" text, b int)");
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO \"odd?\" /* ? */ VALUES ('is it?', ?) -- really?\n")) {
            assertThat(p.getParameterMetaData().getParameterCount()).isEqualTo(1);
            p.setInt(1, 42);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement(
                "SELECT \"a?\", b, $$dollar?$$, E'\\'?' FROM \"odd?\" WHERE b = ? AND \"a?\" <> '?'");
             ResultSet rs = bind(p, 42).executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("is it?");
            assertThat(rs.getInt(2)).isEqualTo(42);
            assertThat(rs.getString(3)).isEqualTo("dollar?");
            assertThat(rs.getString(4)).isEqualTo("'?");
        }
    }

    private static PreparedStatement bind(PreparedStatement p, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            p.setObject(i + 1, values[i]);
        }
        return p;
    }

    @Test
    void preparedMetadataComesFromThePlan() throws SQLException {
        c.createStatement().execute("CREATE TABLE t (id int PRIMARY KEY, name varchar(25), amount numeric(15,2))");
        try (PreparedStatement p = c.prepareStatement("SELECT id, name, amount * 2 AS doubled FROM t WHERE id = ? AND name = ?")) {
            ResultSetMetaData md = p.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(3);
            assertThat(md.getColumnLabel(3)).isEqualTo("doubled");
            assertThat(md.getColumnTypeName(1)).isEqualTo("int4");
            assertThat(md.getColumnType(2)).isEqualTo(Types.VARCHAR);
            assertThat(md.getPrecision(2)).isEqualTo(25);
            ParameterMetaData pm = p.getParameterMetaData();
            assertThat(pm.getParameterCount()).isEqualTo(2);
            assertThat(pm.getParameterType(1)).isEqualTo(Types.INTEGER);
            assertThat(pm.getParameterTypeName(1)).isEqualTo("int4");
            assertThat(pm.getParameterClassName(1)).isEqualTo("java.lang.Integer");
            assertThat(pm.getParameterMode(1)).isEqualTo(ParameterMetaData.parameterModeIn);
            assertThat(pm.isNullable(2)).isEqualTo(ParameterMetaData.parameterNullableUnknown);
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
            assertThat(p.getMetaData()).isNull();
            assertThat(p.getParameterMetaData().getParameterTypeName(3)).isEqualTo("numeric");
        }
    }

    @Test
    void errorsCarryTheSqlState() throws SQLException {
        Statement s = c.createStatement();
        s.execute("CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)");
        s.execute("INSERT INTO t VALUES (1, 'a')");

        SQLException syntax = sqlError(() -> s.execute("SELEC 1"));
        assertThat((Throwable) syntax).isInstanceOf(SQLSyntaxErrorException.class);
        assertThat(syntax.getSQLState()).isEqualTo("42601");
        assertThat(syntax.getMessage()).startsWith("ERROR: syntax error").contains("Position: 1");

        SQLException unknown = sqlError(() -> s.executeQuery("SELECT * FROM missing"));
        assertThat((Throwable) unknown).isInstanceOf(SQLSyntaxErrorException.class);
        assertThat(unknown.getSQLState()).isEqualTo("42P01");
        assertThat(unknown.getMessage()).contains("relation \"missing\" does not exist");

        SQLException duplicate = sqlError(() -> s.execute("INSERT INTO t VALUES (1, 'b')"));
        assertThat((Throwable) duplicate).isInstanceOf(SQLIntegrityConstraintViolationException.class);
        assertThat(duplicate.getSQLState()).isEqualTo("23505");

        SQLException notNull = sqlError(() -> s.execute("INSERT INTO t VALUES (2, NULL)"));
        assertThat((Throwable) notNull).isInstanceOf(SQLIntegrityConstraintViolationException.class);
        assertThat(notNull.getSQLState()).isEqualTo("23502");

        SQLException zero = sqlError(() -> {
            try (ResultSet rs = s.executeQuery("SELECT id / (id - 1) FROM t")) {
                rs.next();
            }
        });
        assertThat((Throwable) zero).isInstanceOf(SQLDataException.class);
        assertThat(zero.getSQLState()).isEqualTo("22012");
        assertThat(zero.getCause()).isInstanceOf(dev.lodedb.engine.SqlException.class);

        // the statement and the connection stay usable after errors
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void preparedErrorsReportPositionsInTheOriginalText() throws SQLException {
        c.createStatement().execute("CREATE TABLE t (a int)");
        String sql = "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nosuch FROM t";
        SQLException e = sqlError(() -> c.prepareStatement(sql));
        assertThat(e.getSQLState()).isEqualTo("42703");
        assertThat(e.getMessage()).contains("Position: " + (sql.indexOf("nosuch") + 1));

        SQLException bad = sqlError(() -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?)")) {
                p.setString(1, "not a number");
                p.executeUpdate();
            }
        });
        assertThat(bad.getSQLState()).isEqualTo("22P02");
    }
}
