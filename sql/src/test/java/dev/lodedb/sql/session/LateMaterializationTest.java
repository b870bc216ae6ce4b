package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A filtered table scan decodes the columns its filter reads first and the others only for the rows
 * that pass ({@code TableScan}'s late materialization). Rows that fail must never be seen above the
 * scan, not even by expressions that would fail on them, and every passing row must carry all of its
 * columns: NULLs, values of rows written before ADD COLUMN, the row key of UPDATE and DELETE.
 */
class LateMaterializationTest {
    @TempDir
    Path dir;

    @Test
    void passingRowsCarryEveryColumnAndFailingRowsNone() {
        try (SqlTestDatabase t = new SqlTestDatabase(dir)) {
            t.exec("CREATE TABLE w (id int PRIMARY KEY, x int, s text, n numeric, d date);"
                    + "INSERT INTO w SELECT i, i % 7, 's' || i, i / 4.0, date '2024-01-01' + i"
                    + " FROM generate_series(1, 5000) i;"
                    + "UPDATE w SET s = NULL WHERE id % 11 = 0;"
                    + "ALTER TABLE w ADD COLUMN e int DEFAULT 42;"
                    + "INSERT INTO w VALUES (5001, 3, 'late', 1.5, date '2030-01-01', 7)");
            // 100 / x fails for x = 0: those rows are filtered out and must not reach the division
            assertThat(t.rows("SELECT sum(100 / x), count(s), count(*), sum(e) FROM w WHERE x <> 0"))
                    .containsExactly("174399|3897|4287|180019");
            assertThat(t.rows("SELECT id, x, s, n, d, e FROM w WHERE x = 3 AND id > 4990 ORDER BY id")).containsExactly(
                    "4994|3|NULL|1248.5000000000000000|2037-09-03|42",
                    "5001|3|late|1.5|2030-01-01|7");
            assertThat(t.rows("SELECT id, s FROM w WHERE s LIKE 's49%7' AND x > 1 ORDER BY id"))
                    .containsExactly("4927|s4927", "4937|s4937", "4947|s4947", "4967|s4967", "4987|s4987",
                    "4997|s4997");
            // UPDATE and DELETE read the row key through the same scans
            t.exec("UPDATE w SET e = e + 1 WHERE x = 6 AND d < date '2024-02-01'");
            assertThat(t.rows("SELECT count(*), sum(e) FROM w WHERE e = 43")).containsExactly("4|172");
            assertThat(t.exec("DELETE FROM w WHERE x = 0 AND s IS NULL")).isEqualTo(64);
            assertThat(t.rows("SELECT count(*) FROM w")).containsExactly("4937");
        }
    }
}
