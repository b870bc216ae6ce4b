package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A date compared with a timestamp constant is compared as a date ({@code
 * ExpressionCompiler.dateAgainstTimestamp}); the answers must be those of promoting each date to a
 * timestamp at midnight, for constants at and after midnight, every operator, either side, NULL and
 * the infinities. The reference defeats the rewrite by adding a zero interval to the promoted date.
 */
class DateTimestampCompareTest {
    @TempDir
    Path dir;

    @Test
    void sameAnswersAsPromotingEveryDate() {
        try (SqlTestDatabase t = new SqlTestDatabase(dir)) {
            t.exec("CREATE TABLE d (id int PRIMARY KEY, x date);"
                    + "INSERT INTO d VALUES (1, '1994-12-31'), (2, '1995-01-01'), (3, '1995-01-02'), (4, NULL),"
                    + " (5, 'infinity'), (6, '-infinity'), (7, '1994-01-01')");
            for (String constant : List.of("DATE '1994-01-01' + INTERVAL '1' YEAR", "TIMESTAMP '1995-01-01 00:00:00'",
                    "TIMESTAMP '1995-01-01 12:30:00'", "TIMESTAMP '1994-12-31 23:59:59.999999'",
                    "TIMESTAMP 'infinity'", "TIMESTAMP '-infinity'", "DATE '1998-12-01' - INTERVAL '90' DAY")) {
                for (String op : List.of("<", "<=", ">", ">=", "=", "<>")) {
                    for (boolean dateLeft : new boolean[] {true, false}) {
                        String fast = dateLeft ? "x " + op + " " + constant : constant + " " + op + " x";
                        String slow = dateLeft ? "x::timestamp + INTERVAL '0 days' " + op + " " + constant
                                : constant + " " + op + " x::timestamp + INTERVAL '0 days'";
                        assertThat(t.rows("SELECT id, " + fast + " FROM d ORDER BY id")).as(fast)
                                .isEqualTo(t.rows("SELECT id, " + slow + " FROM d ORDER BY id"));
                        assertThat(t.rows("SELECT id FROM d WHERE " + fast + " ORDER BY id")).as(fast)
                                .isEqualTo(t.rows("SELECT id FROM d WHERE " + slow + " ORDER BY id"));
                    }
                }
            }
        }
    }
}
