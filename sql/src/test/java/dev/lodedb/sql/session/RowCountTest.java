package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.lsm.LsmStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row counts (the planner's table sizes) are exact while the database is open and after a clean
 * close; commits store them only when they moved far ({@code SqlDatabase.worthStoring}), so after a
 * crash a count can be off until a later commit or ANALYZE stores it again.
 */
class RowCountTest {
    @TempDir
    Path dir;

    @Test
    void storedWhenTheyMoveFarAndAtClose() {
        assertThat(SqlDatabase.worthStoring(-1, 0)).isTrue();
        assertThat(SqlDatabase.worthStoring(1000, 1400)).isFalse();
        assertThat(SqlDatabase.worthStoring(1000, 1501)).isTrue();
        assertThat(SqlDatabase.worthStoring(1000, 499)).isTrue();
        assertThat(SqlDatabase.worthStoring(10, 70)).isFalse();
        assertThat(SqlDatabase.worthStoring(10, 75)).isTrue();
        assertThat(SqlDatabase.worthStoring(10, 0)).isTrue();
        assertThat(SqlDatabase.worthStoring(0, 0)).isFalse();
    }

    @Test
    void exactAfterACleanCloseApproximateAfterACrashUntilAnalyze() {
        SqlOptions options = new SqlOptions(64L << 20, dir, false);
        SqlDatabase db = SqlDatabase.open(LsmStore.open(dir.resolve("db"), new LsmOptions()), options);
        SqlSession s = db.openSession();
        s.executeScript("CREATE TABLE t (id int PRIMARY KEY)").close();
        for (int b = 0; b < 10; b++) {
            String range = (b * 1000 + 1) + ", " + (b + 1) * 1000;
            s.executeScript("INSERT INTO t SELECT i FROM generate_series(" + range + ") i").close();
        }
        int id = db.catalog().table("public", "t").id();
        assertThat(db.rowCount(id)).isEqualTo(10_000);
        db.close();
        db = SqlDatabase.open(LsmStore.open(dir.resolve("db"), new LsmOptions()), options);
        assertThat(db.rowCount(id)).as("a clean close stores every count").isEqualTo(10_000);
        s = db.openSession();
        s.executeScript("INSERT INTO t SELECT i FROM generate_series(10001, 12000) i").close();
        assertThat(db.rowCount(id)).isEqualTo(12_000);
        // a crash: the store closes without the database storing its counts
        db.store().close();
        db = SqlDatabase.open(LsmStore.open(dir.resolve("db"), new LsmOptions()), options);
        assertThat(db.rowCount(id)).as("the last stored count (12,000 was not far enough from 10,000)")
                .isEqualTo(10_000);
        s = db.openSession();
        s.executeScript("ANALYZE t").close();
        assertThat(db.rowCount(id)).as("ANALYZE counted the rows").isEqualTo(12_000);
        db.store().close();
        db = SqlDatabase.open(LsmStore.open(dir.resolve("db"), new LsmOptions()), options);
        assertThat(db.rowCount(id)).as("and stored the count").isEqualTo(12_000);
        db.close();
    }
}
