package dev.lodedb.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lodedb.storage.KeyValueStore;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fast checks of the benchmark driver; each workload runs once on a tiny RocksDB store. */
class BenchTest {
    @TempDir
    Path tmp;

    @Test
    void workloadNamesAndGroups() {
        assertEquals(List.of("ycsb-a"), Workloads.expand("workloada"));
        assertEquals(List.of("ycsb-f"), Workloads.expand("YCSB_F"));
        assertEquals(List.of("ycsb-c"), Workloads.expand("ycsbc"));
        assertEquals(14, Workloads.expand("all").size());
        assertThrows(IllegalArgumentException.class, () -> Workloads.expand("ycsb-g"));
        assertThrows(IllegalArgumentException.class, () -> Workloads.expand("fillfast"));
    }

    @Test
    void resultLineFormat() {
        assertEquals("RESULT workload=readrandom lode_ops=1500 rocksdb_ops=1000 ratio=1.50",
                BenchMain.resultLine("readrandom", 1500.2, 1000.0));
        assertEquals("RESULT workload=x lode_ops=NA rocksdb_ops=7 ratio=NA", BenchMain.resultLine("x", null, 7.0));
    }

    @Test
    void permutationVisitsEveryRecordOnce() {
        for (long n : new long[] {1, 7, 1000, 4096}) {
            Data.Permutation p = new Data.Permutation(n, 42);
            BitSet seen = new BitSet();
            for (long i = 0; i < n; i++) {
                seen.set((int) p.at(i));
            }
            assertEquals(n, seen.cardinality());
        }
    }

    @Test
    void optionsParse() {
        BenchOptions o = BenchOptions.parse(new String[] {"--workload", "readrandom,ycsb", "--records=1,000",
            "--threads", "3", "--engines", "rocksdb", "--compression", "zstd", "--keep"});
        assertEquals(7, o.workloads.size());
        assertEquals(1000, o.records);
        assertEquals(3, o.threadsOr(1));
        assertEquals(List.of(Engine.ROCKSDB), o.engines);
        assertTrue(o.keep);
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--records", "1"}));
        assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--workload", "readseq", "--engines", "sqlite"}));
    }

    @Test
    void everyWorkloadRunsOnRocksDb() {
        BenchOptions o = BenchOptions.parse(new String[] {"--workload", "all", "--records", "2000",
            "--threads", "2", "--engines", "rocksdb", "--data-dir", tmp.toString()});
        for (String name : o.workloads) {
            Workload w = Workloads.create(name);
            try (KeyValueStore s = Engine.ROCKSDB.open(tmp.resolve(name), o.lsmOptions())) {
                PhaseResult load = w.load(s, o);
                if (load != null) {
                    assertEquals(2000, load.ops(), name);
                }
                PhaseResult run = w.run(s, o);
                assertTrue(run.ops() > 0 && run.opsPerSecond() > 0, name);
                if (name.startsWith("read") || name.equals("seekrandom") || name.equals("ycsb-c")) {
                    assertTrue(run.note().startsWith("found " + String.format("%,d", run.ops())), name + ": " + run.note());
                }
            }
        }
    }
}
