package dev.lodedb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public embedded API: {@link Lode}, {@link Database}, {@link Session}, {@link PreparedStatement}, {@link Rows}. */
class EmbeddedApiTest {
    @TempDir
    Path tmp;

    @Test
    void classJavadocExampleRuns() {
        List<String> printed = new ArrayList<>();
        try (Database db = Lode.open(tmp.resolve("my.lode"));
             Session s = db.session()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY, name text)");
            s.execute("INSERT INTO t VALUES ($1, $2)", 1, "one");
            try (Rows rows = s.query("SELECT name FROM t WHERE id = $1", 1)) {
                while (rows.next()) {
                    printed.add(rows.getString(1));
                }
            }
        }
        assertThat(printed).containsExactly("one");
    }

    @Test
    void dataPersistsAcrossReopen() {
        Path dir = tmp.resolve("db");
        try (Database db = Lode.open(dir); Session s = db.session()) {
            assertThat(db.path()).isEqualTo(dir);
            assertThat(db.isInMemory()).isFalse();
            s.execute("CREATE TABLE kv (k text PRIMARY KEY, v bigint)");
            assertThat(s.execute("INSERT INTO kv VALUES ('a', 1), ('b', 2)")).isEqualTo(2);
            assertThat(s.execute("UPDATE kv SET v = v + $1 WHERE k = $2", 10, "b")).isEqualTo(1);
        }
        assertThat(Files.isDirectory(dir)).isTrue();
        try (Database db = Lode.open(dir); Session s = db.session();
             Rows rows = s.query("SELECT k, v FROM kv ORDER BY k")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("a");
            assertThat(rows.getLong(2)).isEqualTo(1);
            assertThat(rows.next()).isTrue();
            assertThat(rows.get("k")).isEqualTo("b");
            assertThat(rows.getLong(2)).isEqualTo(12);
            assertThat(rows.next()).isFalse();
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void inMemoryDatabaseIsPrivateAndDeletedOnClose() {
        Database db = Lode.openInMemory();
        assertThat(db.isInMemory()).isTrue();
        assertThat(db.path()).isNull();
        try (Session s = db.session()) {
            s.execute("CREATE TABLE t (x int)");
            s.execute("INSERT INTO t VALUES (1), (2), (3)");
            try (Rows r = s.query("SELECT sum(x) FROM t")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getLong(1)).isEqualTo(6);
            }
        }
        try (Database other = Lode.openInMemory(); Session s = other.session()) {
            assertThatThrownBy(() -> s.query("SELECT * FROM t"))
                    .isInstanceOf(SqlException.class)
                    .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo("42P01"));
        }
        db.close();
        db.close(); // harmless
        assertThatThrownBy(db::session).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void typedGettersAndColumns() {
        try (Database db = Lode.openInMemory(); Session s = db.session()) {
            s.execute("CREATE TABLE t (i int, n numeric(10,2), b boolean, d date, ts timestamp, tz timestamptz, "
                    + "f double precision, txt varchar(5))");
            s.execute("INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", 7, new BigDecimal("2.5"), true,
                    LocalDate.of(2024, 1, 2), LocalDateTime.of(2024, 1, 2, 3, 4, 5),
                    OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC), 0.5, "abc");
            s.execute("INSERT INTO t (i) VALUES (NULL)");
            try (Rows r = s.query("SELECT * FROM t ORDER BY i NULLS LAST")) {
                assertThat(r.columnCount()).isEqualTo(8);
                assertThat(r.columns().get(1)).isEqualTo(new Column("n", DataType.numeric(10, 2)));
                assertThat(r.columns().get(7).type()).isEqualTo(DataType.varchar(5));
                assertThat(r.findColumn("TXT")).isEqualTo(8);
                assertThatThrownBy(() -> r.findColumn("nope")).isInstanceOf(SqlException.class);
                assertThatThrownBy(() -> r.get(1)).isInstanceOf(IllegalStateException.class);
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isEqualTo(7);
                assertThat(r.getLong(1)).isEqualTo(7L);
                assertThat(r.getDouble(1)).isEqualTo(7.0);
                assertThat(r.getBigDecimal(2)).isEqualTo(new BigDecimal("2.50"));
                assertThat(r.getString(2)).isEqualTo("2.50");
                assertThat(r.getBoolean(3)).isTrue();
                assertThat(r.getString(3)).isEqualTo("t");
                assertThat(r.getDate(4)).isEqualTo(LocalDate.of(2024, 1, 2));
                assertThat(r.getTimestamp(5)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
                assertThat(r.getTimestampTz(6)).isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
                assertThat(r.getDouble(7)).isEqualTo(0.5);
                assertThat(r.getString(8)).isEqualTo("abc");
                assertThat(r.wasNull()).isFalse();
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isZero();
                assertThat(r.wasNull()).isTrue();
                assertThat(r.getString(2)).isNull();
                assertThat(r.getBoolean(3)).isFalse();
                assertThat(r.getDate(4)).isNull();
                assertThat(r.next()).isFalse();
                assertThat(r.commandTag()).isEqualTo("SELECT 2");
            }
        }
    }

    @Test
    void preparedStatementIsReExecuted() {
        try (Database db = Lode.openInMemory(); Session s = db.session()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY, v text)");
            try (PreparedStatement insert = s.prepare("INSERT INTO t VALUES ($1, $2)")) {
                assertThat(insert.parameterTypes()).containsExactly(DataType.INTEGER, DataType.TEXT);
                assertThat(insert.columns()).isEmpty();
                for (int i = 0; i < 100; i++) {
                    assertThat(insert.execute(i, "v" + i)).isEqualTo(1);
                }
            }
            try (PreparedStatement q = s.prepare("SELECT v FROM t WHERE id = $1")) {
                assertThat(q.columns()).containsExactly(new Column("v", DataType.TEXT));
                for (int i : new int[] {0, 42, 99}) {
                    try (Rows r = q.query(i)) {
                        assertThat(r.next()).isTrue();
                        assertThat(r.getString(1)).isEqualTo("v" + i);
                        assertThat(r.next()).isFalse();
                    }
                }
                try (Rows r = q.query(1000)) {
                    assertThat(r.next()).isFalse();
                }
                assertThat(q.preparedSql().returnsRows()).isTrue();
            }
            try (PreparedStatement ret = s.prepare("DELETE FROM t WHERE id < $1 RETURNING id")) {
                assertThat(ret.execute(10)).isEqualTo(10);
            }
        }
    }

    @Test
    void errorsCarrySqlStateAndLeaveNothingBehind() {
        try (Database db = Lode.openInMemory(); Session s = db.session()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)");
            s.execute("INSERT INTO t VALUES (1, 'a')");
            assertThatThrownBy(() -> s.execute("SELEC 1"))
                    .isInstanceOfSatisfying(SqlException.class, e -> {
                        assertThat(e.sqlState()).isEqualTo("42601");
                        assertThat(e.position()).isEqualTo(1);
                    });
            assertThatThrownBy(() -> s.execute("INSERT INTO t VALUES (2, 'b'), (1, 'dup')"))
                    .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("23505"));
            assertThatThrownBy(() -> s.execute("INSERT INTO t VALUES ($1, $2)", 3, null))
                    .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("23502"));
            assertThatThrownBy(() -> {
                try (Rows r = s.query("SELECT 1 / (id - 1) FROM t")) {
                    r.next();
                }
            }).isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("22012"));
            assertThatThrownBy(() -> s.prepare("SELECT 1; SELECT 2"))
                    .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("42601"));
            assertThatThrownBy(() -> s.execute("SELECT $1 + 1", 1, 2))
                    .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("08P01"));
            // the failed multi-row INSERT applied nothing
            try (Rows r = s.query("SELECT count(*) FROM t")) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void scriptRunsEveryStatement() {
        try (Database db = Lode.openInMemory(); Session s = db.session()) {
            long n = s.execute("CREATE TABLE a (x int); INSERT INTO a VALUES (1), (2); INSERT INTO a VALUES (3)");
            assertThat(n).isEqualTo(1);
            try (Rows r = s.query("SELECT count(*) FROM a")) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(3);
            }
            assertThatThrownBy(() -> s.execute("INSERT INTO a VALUES (4); SELECT * FROM missing; INSERT INTO a VALUES (5)"))
                    .isInstanceOf(SqlException.class);
            try (Rows r = s.query("SELECT count(*) FROM a")) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(4); // statements before the failing one stay applied
            }
        }
    }

    @Test
    void sessionsOnOneDatabaseSeeEachOthersCommits() {
        try (Database db = Lode.openInMemory(); Session a = db.session(); Session b = db.session()) {
            a.execute("CREATE TABLE t (x int)");
            a.execute("INSERT INTO t VALUES (1)");
            try (Rows r = b.query("SELECT x FROM t")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isEqualTo(1);
            }
            assertThat(a.sqlSession()).isNotSameAs(b.sqlSession());
            assertThat(db.sqlDatabase().catalog().table("public", "t")).isNotNull();
        }
    }
}
