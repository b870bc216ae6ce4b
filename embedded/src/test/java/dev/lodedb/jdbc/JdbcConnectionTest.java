package dev.lodedb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.Collections;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's URLs, registration and connection behaviour, through {@link DriverManager} only. */
class JdbcConnectionTest {
    @TempDir
    Path tmp;

    private static String memUrl() {
        return "jdbc:lode:mem:" + UUID.randomUUID();
    }

    @Test
    void driverIsFoundThroughTheServiceLoader() throws SQLException {
        Driver d = DriverManager.getDriver("jdbc:lode:mem:x");
        assertThat(d.getClass().getName()).isEqualTo("dev.lodedb.jdbc.LodeDriver");
        assertThat(d.acceptsURL("jdbc:lode:/data")).isTrue();
        assertThat(d.acceptsURL("jdbc:postgresql://localhost/x")).isFalse();
        assertThat(d.connect("jdbc:postgresql://localhost/x", null)).isNull();
        assertThat(d.jdbcCompliant()).isFalse();
        assertThat(d.getMajorVersion()).isZero();
        assertThat(d.getMinorVersion()).isEqualTo(1);
        assertThat(d.getPropertyInfo("jdbc:lode:mem:", null)).extracting(p -> p.name)
                .containsExactly("user", "password", "synchronous_commit");
        assertThat(Collections.list(DriverManager.getDrivers())).anyMatch(x -> x instanceof LodeDriver);
    }

    @Test
    void synchronousCommitIsASettingOfTheUrlAndOfSet() throws SQLException {
        Path dir = tmp.resolve("async");
        try (Connection c = DriverManager.getConnection("jdbc:lode:" + dir + "?synchronous_commit=off");
             java.sql.Statement s = c.createStatement()) {
            try (java.sql.ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("off");
            }
            s.execute("CREATE TABLE t (x int)");
            s.execute("INSERT INTO t VALUES (1)");
            s.execute("SET synchronous_commit = on");
            try (java.sql.ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("on");
            }
            SQLException bad = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> s.execute("SET synchronous_commit = sometimes"));
            assertThat(bad.getSQLState()).isEqualTo("22023");
            SQLException unknown = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> s.execute("SET no_such_setting = 1"));
            assertThat(unknown.getSQLState()).isEqualTo("42704");
        }
        SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:lode:" + dir + "?fsync=maybe"));
        assertThat(e.getSQLState()).isEqualTo("08001");
    }

    @Test
    void fileDatabaseIsCreatedAndPersists() throws SQLException {
        Path dir = tmp.resolve("db");
        String url = "jdbc:lode:" + dir;
        try (Connection c = DriverManager.getConnection(url, "anyone", "secret");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY, name text)");
            assertThat(s.executeUpdate("INSERT INTO t VALUES (1, 'one'), (2, 'two')")).isEqualTo(2);
        }
        assertThat(Files.isDirectory(dir)).isTrue();
        assertThat(LodeDriver.connectionsTo(dir)).isZero();
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.createStatement().executeQuery("SELECT name FROM t ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("one");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("NAME")).isEqualTo("two");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void relativePathIsRelativeToTheWorkingDirectory() throws SQLException {
        String name = "target/jdbc-relative-" + UUID.randomUUID();
        Path abs = Path.of(name).toAbsolutePath();
        try (Connection a = DriverManager.getConnection("jdbc:lode:" + name);
             Connection b = DriverManager.getConnection("jdbc:lode:" + abs)) {
            assertThat(LodeDriver.connectionsTo(abs)).isEqualTo(2);
            assertThat(((LodeConnection) a).database()).isSameAs(((LodeConnection) b).database());
        }
        assertThat(Files.isDirectory(abs)).isTrue();
    }

    @Test
    void twoConnectionsToOnePathShareTheDatabase() throws SQLException {
        Path dir = tmp.resolve("shared");
        String url = "jdbc:lode:" + dir;
        Connection a = DriverManager.getConnection(url);
        Connection b = DriverManager.getConnection(url); // would fail on the directory lock if not shared
        assertThat(LodeDriver.connectionsTo(dir)).isEqualTo(2);
        a.createStatement().execute("CREATE TABLE t (x int)");
        a.createStatement().execute("INSERT INTO t VALUES (7)");
        try (ResultSet rs = b.createStatement().executeQuery("SELECT x FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(7);
        }
        a.close();
        assertThat(LodeDriver.connectionsTo(dir)).isEqualTo(1);
        assertThat(b.isValid(1)).isTrue();
        b.createStatement().execute("INSERT INTO t VALUES (8)");
        b.close();
        assertThat(LodeDriver.connectionsTo(dir)).isZero();
        // the database was closed, so it can be opened again (the lock was released)
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(2);
        }
    }

    @Test
    void namedInMemoryDatabaseIsSharedWhileAConnectionIsOpen() throws SQLException {
        String name = "shared-" + UUID.randomUUID();
        String url = "jdbc:lode:mem:" + name;
        try (Connection a = DriverManager.getConnection(url)) {
            a.createStatement().execute("CREATE TABLE t (x int)");
            a.createStatement().execute("INSERT INTO t VALUES (1)");
            try (Connection b = DriverManager.getConnection(url);
                 ResultSet rs = b.createStatement().executeQuery("SELECT x FROM t")) {
                assertThat(LodeDriver.connectionsToMemory(name)).isEqualTo(2);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
        assertThat(LodeDriver.connectionsToMemory(name)).isZero();
        // gone with the last connection
        try (Connection c = DriverManager.getConnection(url)) {
            assertThatThrownBy(() -> c.createStatement().executeQuery("SELECT x FROM t"))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42P01");
        }
    }

    @Test
    void unnamedInMemoryDatabaseIsPrivate() throws SQLException {
        try (Connection a = DriverManager.getConnection("jdbc:lode:mem:");
             Connection b = DriverManager.getConnection("jdbc:lode:mem:")) {
            a.createStatement().execute("CREATE TABLE t (x int)");
            assertThatThrownBy(() -> b.createStatement().executeQuery("SELECT * FROM t"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("does not exist");
        }
    }

    @Test
    void autoCommitIsOnByDefaultAndCanBeTurnedOff() throws SQLException {
        try (Connection c = DriverManager.getConnection(memUrl())) {
            assertThat(c.getAutoCommit()).isTrue();
            c.setAutoCommit(true);
            assertThatThrownBy(c::commit).isInstanceOf(SQLException.class)
                    .hasMessage("Cannot commit when autoCommit is enabled.");
            assertThatThrownBy(c::rollback).isInstanceOf(SQLException.class)
                    .hasMessage("Cannot rollback when autoCommit is enabled.");
            c.setAutoCommit(false);
            assertThat(c.getAutoCommit()).isFalse();
            c.commit();
            c.rollback();
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        }
    }

    @Test
    void connectionProperties() throws SQLException {
        Connection c = DriverManager.getConnection(memUrl());
        assertThat(c.isValid(0)).isTrue();
        assertThat(c.getSchema()).isEqualTo("public");
        c.setSchema("public");
        c.setCatalog("ignored");
        assertThat(c.getCatalog()).isNull();
        assertThat(c.isReadOnly()).isFalse();
        assertThat(c.getHoldability()).isEqualTo(ResultSet.HOLD_CURSORS_OVER_COMMIT);
        assertThat((Object) c.getWarnings()).isNull();
        c.clearWarnings();
        assertThat(c.nativeSQL("SELECT ?, '?'")).isEqualTo("SELECT $1, '?'");
        assertThat(c.isWrapperFor(LodeConnection.class)).isTrue();
        assertThat(c.unwrap(LodeConnection.class)).isSameAs(c);
        assertThatThrownBy(() -> c.unwrap(String.class)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> c.prepareCall("SELECT 1")).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY))
                .isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> c.prepareStatement("SELECT 1", Statement.RETURN_GENERATED_KEYS))
                .isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> c.prepareStatement("SELECT 1", new String[] {"id"}))
                .isInstanceOf(SQLFeatureNotSupportedException.class);
        Statement s = c.createStatement();
        PreparedStatement p = c.prepareStatement("SELECT 1");
        ResultSet rs = s.executeQuery("SELECT 1");
        c.close();
        c.close();
        assertThat(c.isClosed()).isTrue();
        assertThat(c.isValid(0)).isFalse();
        assertThat(s.isClosed()).isTrue();
        assertThat(p.isClosed()).isTrue();
        assertThat(rs.isClosed()).isTrue();
        assertThatThrownBy(c::createStatement).isInstanceOf(SQLNonTransientConnectionException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08003");
    }

    @Test
    void openingALockedDirectoryFailsWith08001() throws Exception {
        Path dir = tmp.resolve("locked");
        // A database opened through the embedded API (not the driver's registry) holds the lock.
        try (var db = dev.lodedb.Lode.open(dir)) {
            assertThat(db.path()).isEqualTo(dir);
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:lode:" + dir))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
        }
        assertThat(LodeDriver.connectionsTo(dir)).isZero();
    }
}
