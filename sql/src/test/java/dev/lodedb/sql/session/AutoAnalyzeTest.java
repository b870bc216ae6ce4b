package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Automatic re-analyze after threshold + scale factor * rows changed rows, synchronous and in the background. */
class AutoAnalyzeTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
        t.exec("CREATE TABLE a (id int, g int); INSERT INTO a SELECT i, i % 10 FROM generate_series(1, 1000) i");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private long analyzedRows() {
        var s = t.db.columnStatistics().get(t.db.catalog().table("public", "a").id());
        return s == null ? -1 : s.rows();
    }

    @Test
    void synchronousModeReanalyzesOnceEnoughRowsChanged() {
        t.exec("SET auto_analyze = sync");
        t.exec("INSERT INTO a SELECT i, 1 FROM generate_series(1, 500) i");
        assertThat(analyzedRows()).as("never analyzed: left alone").isEqualTo(-1);
        t.exec("ANALYZE a");
        assertThat(analyzedRows()).isEqualTo(1500);
        // 50 + 0.1 * 1500 = 200 changes are allowed: ids 1..100 are in both batches
        t.exec("UPDATE a SET g = 0 WHERE id <= 100");
        assertThat(analyzedRows()).isEqualTo(1500);
        t.exec("DELETE FROM a WHERE id BETWEEN 901 AND 950");
        assertThat(analyzedRows()).isEqualTo(1450);
        assertThat(t.value("SELECT n_distinct FROM pg_stats WHERE attname = 'g'")).isEqualTo("10");
        t.exec("SET auto_analyze_scale_factor = 0; SET auto_analyze_threshold = 0");
        t.exec("DELETE FROM a WHERE g = 3");
        long left = Long.parseLong(t.value("SELECT count(*) FROM a"));
        assertThat(left).isLessThan(1450);
        assertThat(analyzedRows()).isEqualTo(left);
        t.exec("SET auto_analyze = off");
        t.exec("DELETE FROM a WHERE id = 2");
        assertThat(analyzedRows()).isEqualTo(left);
    }

    @Test
    void theDefaultModeAnalyzesInTheBackground() throws InterruptedException {
        assertThat(t.value("SHOW auto_analyze")).isEqualTo("on");
        assertThat(t.value("SHOW auto_analyze_scale_factor")).isEqualTo("0.1");
        assertThat(t.value("SHOW auto_analyze_threshold")).isEqualTo("50");
        t.exec("ANALYZE a");
        t.exec("INSERT INTO a SELECT i, 1 FROM generate_series(1, 151) i");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (analyzedRows() != 1151 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(analyzedRows()).isEqualTo(1151);
    }

    @Test
    void settingsAreValidatedAndReset() {
        assertThatThrownBy(() -> t.exec("SET auto_analyze = sometimes")).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("22023"));
        assertThatThrownBy(() -> t.exec("SET auto_analyze_scale_factor = -1")).isInstanceOf(SqlException.class);
        t.exec("SET auto_analyze_threshold = 7");
        assertThat(t.value("SHOW auto_analyze_threshold")).isEqualTo("7");
        t.exec("RESET auto_analyze_threshold");
        assertThat(t.value("SHOW auto_analyze_threshold")).isEqualTo("50");
    }

    @Test
    void backgroundAnalysesOfATableWaitOutTheNaptime() throws InterruptedException {
        assertThat(t.value("SHOW auto_analyze_naptime")).isEqualTo("60s");
        t.exec("ANALYZE a");
        t.exec("INSERT INTO a SELECT i, 1 FROM generate_series(1001, 1151) i");
        awaitAnalyzedRows(1151);
        // due again at once, but the first automatic analysis started less than a minute ago
        t.exec("INSERT INTO a SELECT i, 1 FROM generate_series(1152, 1400) i");
        Thread.sleep(300);
        assertThat(analyzedRows()).isEqualTo(1151);
        // closing the database does not wait for the nap to end (tearDown)
    }

    @Test
    void aShortNaptimeDelaysTheSecondAnalysisByAtLeastTheNap() throws InterruptedException {
        t.exec("SET auto_analyze_naptime = '700ms'");
        assertThat(t.value("SHOW auto_analyze_naptime")).isEqualTo("700ms");
        t.exec("ANALYZE a");
        long before = System.nanoTime();
        t.exec("INSERT INTO a SELECT i, 1 FROM generate_series(1001, 1151) i");
        awaitAnalyzedRows(1151);
        t.exec("INSERT INTO a SELECT i, 1 FROM generate_series(1152, 1400) i");
        awaitAnalyzedRows(1400);
        // the second automatic analysis started at least 700 ms after the first, which started after `before`
        assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(700_000_000L);
    }

    @Test
    void naptimeTakesPostgresTimeUnitsWithSecondsAsTheDefault() {
        t.exec("SET auto_analyze_naptime = 5");
        assertThat(t.value("SHOW auto_analyze_naptime")).isEqualTo("5s");
        t.exec("SET auto_analyze_naptime = '2min'");
        assertThat(t.value("SHOW auto_analyze_naptime")).isEqualTo("120s");
        assertThatThrownBy(() -> t.exec("SET auto_analyze_naptime = 'soon'")).isInstanceOfSatisfying(
                SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("22023"));
        t.exec("RESET auto_analyze_naptime");
        assertThat(t.value("SHOW auto_analyze_naptime")).isEqualTo("60s");
    }

    private void awaitAnalyzedRows(long rows) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (analyzedRows() != rows && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(analyzedRows()).isEqualTo(rows);
    }
}
