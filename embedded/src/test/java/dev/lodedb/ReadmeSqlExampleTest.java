package dev.lodedb;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Using SQL from Java" example, run as written (printing replaced by collecting). */
class ReadmeSqlExampleTest {
    @TempDir
    Path dir;

    @Test
    void readmeExampleRuns() {
        List<String> printed = new ArrayList<>();
        try (Database db = Lode.open(dir.resolve("shop.lode"));
             Session s = db.session()) {
            s.execute("CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL, price numeric(8,2))");
            s.execute("INSERT INTO item VALUES ($1, $2, $3)", 1, "tea", new BigDecimal("3.50"));
            s.execute("INSERT INTO item VALUES (2, 'cake', 4.25), (3, 'jam', 2.00)");
            try (Rows rows = s.query("SELECT name, price FROM item WHERE price > $1 ORDER BY price DESC", 3)) {
                while (rows.next()) {
                    printed.add(rows.getString(1) + " " + rows.getBigDecimal(2));
                }
            }
        }
        assertThat(printed).containsExactly("cake 4.25", "tea 3.50");
        try (Database db = Lode.open(dir.resolve("shop.lode"));
             Session s = db.session();
             Rows rows = s.query("SELECT count(*) FROM item")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(3);
        }
    }

    @Test
    void readmeTransactionExampleRuns() {
        try (Database db = Lode.openInMemory()) {
            try (Session s = db.session()) {
                s.execute("CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL, price numeric(8,2))");
                s.execute("INSERT INTO item VALUES (1, 'tea', 3.50), (2, 'cake', 4.25), (3, 'jam', 2.00)");
            }
            int moved = db.inTransaction(dev.lodedb.engine.transaction.IsolationLevel.REPEATABLE_READ, s -> {
                s.execute("UPDATE item SET price = price * 1.1 WHERE name = $1", "tea");
                return (int) s.execute("UPDATE item SET price = price * 0.9 WHERE name <> $1", "tea");
            });
            assertThat(moved).isEqualTo(2);
            try (Session s = db.session(); Rows rows = s.query("SELECT price FROM item WHERE id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getBigDecimal(1)).isEqualByComparingTo("3.85");
            }
        }
    }
}
