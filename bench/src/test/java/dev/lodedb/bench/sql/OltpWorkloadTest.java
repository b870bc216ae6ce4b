package dev.lodedb.bench.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lodedb.bench.PhaseResult;
import dev.lodedb.bench.Runner;
import dev.lodedb.bench.sql.OltpSchema.Params;
import dev.lodedb.bench.sql.OltpSchema.Sums;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The oltp workload's key and parameter generators, consistency check, retry rules, options, and a small run. */
class OltpWorkloadTest {
    @Test
    void secondaryKeyIsAPermutationOfTheAccountIds() {
        for (int scale : new int[] {1, 3}) {
            int n = OltpSchema.accounts(scale);
            BitSet seen = new BitSet(n + 1);
            for (int aid = 1; aid <= n; aid++) {
                int k = OltpSchema.akey(aid, n);
                assertTrue(k >= 1 && k <= n, "akey " + k);
                assertFalse(seen.get(k), "akey " + k + " twice");
                seen.set(k);
            }
            assertEquals(n, seen.cardinality());
        }
        // neighbouring accounts get keys far apart: the index order is unrelated to the table's
        assertTrue(Math.abs(OltpSchema.akey(2, 100_000) - OltpSchema.akey(1, 100_000)) > 1000);
        // the largest scale still fits INTEGER account ids and the multiplier divides no account count
        assertTrue((long) OltpSchema.accounts(OltpSchema.MAX_SCALE) <= Integer.MAX_VALUE);
        assertTrue(OltpSchema.AKEY_MULTIPLIER > OltpSchema.MAX_SCALE);
    }

    @Test
    void parametersAreDrawnAsPgbenchDrawsThemAndRepeatPerSeed() {
        int scale = 2;
        SplittableRandom rnd = new SplittableRandom(7);
        boolean lowDelta = false;
        boolean highDelta = false;
        for (int i = 0; i < 200_000; i++) {
            Params p = Params.next(rnd, scale);
            assertTrue(p.aid() >= 1 && p.aid() <= 200_000, p.toString());
            assertTrue(p.bid() >= 1 && p.bid() <= 2, p.toString());
            assertTrue(p.tid() >= 1 && p.tid() <= 20, p.toString());
            assertTrue(p.delta() >= -5000 && p.delta() <= 5000, p.toString());
            lowDelta |= p.delta() == -5000;
            highDelta |= p.delta() == 5000;
        }
        assertTrue(lowDelta && highDelta, "both ends of random(-5000, 5000) are drawn");
        assertEquals(Params.next(new SplittableRandom(42), 1), Params.next(new SplittableRandom(42), 1));
    }

    @Test
    void consistencyCheckTakesOutTheAutocommitPhases() {
        // 3 TPC-B commits totalling +700; update phase +50 on accounts; insert phase -20 in 4 history rows
        Sums ok = new Sums(750, 700, 700, 680, 7);
        assertNull(ok.check(50, -20, 4, 3));
        assertNotNull(new Sums(750, 700, 699, 680, 7).check(50, -20, 4, 3), "teller total off");
        assertNotNull(new Sums(700, 700, 700, 680, 7).check(50, -20, 4, 3), "an update phase delta lost");
        assertNotNull(new Sums(750, 700, 700, 680, 6).check(50, -20, 4, 3), "a history row missing");
        String msg = new Sums(751, 700, 700, 680, 7).check(50, -20, 4, 3);
        assertTrue(msg.contains("sum(abalance) - update phase deltas = 701"), msg);
    }

    @Test
    void retriesSerializationDeadlockAndThePeersBusyErrorsOnly() {
        assertEquals("40001", Retries.reason(JdbcEngine.LODE, new SQLException("could not serialize", "40001")));
        assertEquals("40P01", Retries.reason(JdbcEngine.LODE, new SQLException("deadlock detected", "40P01")));
        assertNull(Retries.reason(JdbcEngine.LODE, new SQLException("duplicate key", "23505")));
        assertNull(Retries.reason(JdbcEngine.LODE, new SQLException("busy?", null, 5)), "SQLite's codes only for SQLite");
        assertEquals("SQLITE_BUSY", Retries.reason(JdbcEngine.SQLITE, new SQLException("[SQLITE_BUSY]", null, 5)));
        assertEquals("SQLITE_BUSY", Retries.reason(JdbcEngine.SQLITE, new SQLException("[SQLITE_BUSY_SNAPSHOT]", null, 517)));
        assertEquals("SQLITE_LOCKED", Retries.reason(JdbcEngine.SQLITE, new SQLException("[SQLITE_LOCKED]", null, 6)));
        assertNull(Retries.reason(JdbcEngine.SQLITE, new SQLException("[SQLITE_CONSTRAINT]", null, 19)));
        assertEquals("HYT00 lock timeout", Retries.reason(JdbcEngine.H2, new SQLException("Timeout", "HYT00", 50200)));
        assertEquals("90131 concurrent update", Retries.reason(JdbcEngine.H2, new SQLException("Concurrent update", "90131", 90131)));
        assertEquals("40001", Retries.reason(JdbcEngine.H2, new SQLException("Deadlock", "40001", 40001)));

        Retries r = new Retries();
        assertEquals("retries 0", r.describe());
        r.count("40P01");
        r.count("40001");
        r.count("40001");
        assertEquals(3, r.total());
        assertEquals("retries 3 (40001 x2, 40P01 x1)", r.describe());
    }

    @Test
    void oltpOptions() {
        SqlBenchOptions d = SqlBenchOptions.parse(new String[] {"--workload", "oltp"});
        assertEquals(List.of(JdbcEngine.LODE, JdbcEngine.SQLITE, JdbcEngine.H2), d.oltpEngines, "DuckDB left out unless named");
        assertEquals(List.of(1, 2, 8), d.oltpThreads);
        assertEquals(1, d.threads);
        assertEquals(1, d.scale);
        assertEquals(5.0, d.oltpSeconds);
        assertEquals(0, d.oltpOps, "timed phases unless --ops is given");
        assertEquals("FULL", d.sqliteSynchronous);
        assertTrue(d.summary().contains("oltp: engines=[lode, sqlite, h2] threads=[1, 2, 8] scale=1"), d.summary());

        SqlBenchOptions o = SqlBenchOptions.parse(new String[] {"--workload", "oltp", "--engines", "lode,duckdb", "--threads",
            "2,4,2", "--scale", "3", "--ops", "500", "--duration", "0.5", "--sqlite-synchronous", "normal"});
        assertEquals(List.of(JdbcEngine.LODE, JdbcEngine.DUCKDB), o.oltpEngines);
        assertEquals(List.of(2, 4), o.oltpThreads);
        assertEquals(3, o.scale);
        assertEquals(500, o.oltpOps);
        assertEquals(0.5, o.oltpSeconds);
        assertEquals("NORMAL", o.sqliteSynchronous);

        for (String[] bad : List.of(new String[] {"--workload", "point-select", "--threads", "1,2"},
                new String[] {"--workload", "oltp", "--threads", "1,0"}, new String[] {"--workload", "oltp", "--scale", "0"},
                new String[] {"--workload", "oltp", "--scale", "30000"}, new String[] {"--workload", "oltp", "--duration", "0"},
                new String[] {"--workload", "oltp", "--sqlite-synchronous", "fast"})) {
            assertThrows(IllegalArgumentException.class, () -> SqlBenchOptions.parse(bad), String.join(" ", bad));
        }
    }

    @Test
    void resultLinesCarryPhaseAndThreads() {
        assertEquals("RESULT workload=oltp metric=ops_per_s phase=tpcb threads=8 lode=3000 peer=h2 value=1500 ratio=2.00",
                ResultLine.format("oltp", ResultLine.Metric.OPS_PER_S, "phase=tpcb threads=8", 3000.0, "h2", 1500.0));
    }

    @Test
    void runnerStopsATimedPhase() {
        PhaseResult r = Runner.run("timed", 2, Long.MAX_VALUE, 50_000_000L, 1, (thread, op, rnd, tally) -> Thread.sleep(1));
        assertTrue(r.ops() > 0 && r.nanos() < 5_000_000_000L, r.describe());
    }

    /**
     * Every phase on LodeDB, SQLite and H2 (transactions through JDBC), two client counts, a few operations
     * each; the consistency check runs after each tpcb run and would fail the run.
     */
    @Test
    void smallRunCompletesAndBalancesOnEveryEngine(@TempDir Path dir) {
        SqlBenchOptions o = SqlBenchOptions.parse(new String[] {"--workload", "oltp", "--engines", "lode,sqlite,h2",
            "--threads", "1,3", "--ops", "30", "--no-warmup", "--data-dir", dir.toString()});
        OltpWorkload.Results r = OltpWorkload.run(o, dir);
        assertTrue(r.complete(), String.join("\n", r.tables()));
        List<String> lines = r.resultLines();
        assertEquals(4 * 2 * 2, lines.size());
        for (String line : lines) {
            assertFalse(line.contains("nan"), line);
        }
        assertTrue(lines.get(0).startsWith("RESULT workload=oltp metric=ops_per_s phase=select threads=1 lode="), lines.get(0));
    }
}
