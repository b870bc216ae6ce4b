package dev.lodedb.bench;

import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.sstable.CompressionType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of the key-value benchmarks ({@code ./bench.sh kv ...}), parsed. Immutable
 * after {@link #parse}.
 */
public final class BenchOptions {
    /** Usage text, printed by {@code --help} and on errors. */
    public static final String USAGE = String.join("\n",
            "usage: bench.sh kv --workload NAME[,NAME...] [options]",
            "",
            "workloads: fillseq fillrandom overwrite readrandom readseq seekrandom readwhilewriting fillsync",
            "           ycsb-a ycsb-b ycsb-c ycsb-d ycsb-e ycsb-f   (groups: dbbench, ycsb, all)",
            "",
            "options:",
            "  --records N         records loaded / key space (default 1,000,000)",
            "  --ops N             operations of the measured phase (default: per workload, usually N records)",
            "  --threads T         client threads (default 1; fillsync 16)",
            "  --value-size B      value bytes (default 100); keys are 16 bytes",
            "  --engines LIST      engines to run, in order (default lode,rocksdb)",
            "  --data-dir DIR      where fresh store directories are made (default bench-data)",
            "  --keep              keep the store directories afterwards",
            "  --compact           compact the whole key range after the load phase",
            "  --no-settle         do not wait for flushes and compactions after the load phase",
            "  --cache-mb N        block cache (default 32)",
            "  --write-buffer-mb N memtable size (default 64)",
            "  --compression C     none, lz4 or zstd for every level (default lz4)",
            "  --bloom-bits N      bloom filter bits per key, 0 for none (default 10)",
            "  --seed N            seed of keys and values (default 42)",
            "  --no-mmap           read table files with pread instead of mmap (both engines)",
            "  --warmup N          unmeasured warm-up per engine first: load and read N records (default 200000, 0 = none)");

    /** Workload names, in the order given. */
    public final List<String> workloads;
    /** Records loaded, and the key space of random operations. */
    public final long records;
    /** Operations of the measured phase, or -1 for the workload's default. */
    public final long ops;
    /** Client threads, or -1 for the workload's default. */
    public final int threads;
    /** Value size in bytes. */
    public final int valueSize;
    /** Engines to run, in order. */
    public final List<Engine> engines;
    /** Parent of the store directories. */
    public final Path dataDir;
    /** Keep the store directories. */
    public final boolean keep;
    /** Compact the whole range after loading. */
    public final boolean compact;
    /** Wait for background work after loading. */
    public final boolean settle;
    /** Whether both engines memory-map table files for reading. */
    public final boolean mmap;
    /** Records of the unmeasured warm-up run per engine (0 = none). */
    public final long warmup;
    /** Seed of the random sources. */
    public final long seed;
    private final long cacheMb;
    private final long writeBufferMb;
    private final CompressionType compression;
    private final int bloomBits;

    private BenchOptions(Builder b) {
        workloads = List.copyOf(b.workloads);
        records = b.records;
        ops = b.ops;
        threads = b.threads;
        valueSize = b.valueSize;
        engines = List.copyOf(b.engines);
        dataDir = b.dataDir;
        keep = b.keep;
        compact = b.compact;
        settle = b.settle;
        mmap = b.mmap;
        warmup = b.warmup;
        seed = b.seed;
        cacheMb = b.cacheMb;
        writeBufferMb = b.writeBufferMb;
        compression = b.compression;
        bloomBits = b.bloomBits;
    }

    /** @return {@link #ops} if given, else {@code dflt} */
    public long opsOr(long dflt) {
        return ops > 0 ? ops : dflt;
    }

    /** @return {@link #threads} if given, else {@code dflt} */
    public int threadsOr(int dflt) {
        return threads > 0 ? threads : dflt;
    }

    /** @return the store tuning both engines are opened with */
    public LsmOptions lsmOptions() {
        return new LsmOptions()
                .blockCacheSize(cacheMb << 20)
                .writeBufferSize(writeBufferMb << 20)
                .compression(compression)
                .bloomBitsPerKey(bloomBits)
                .mmapReads(mmap);
    }

    /** @return a one-line summary of the settings shared by all workloads */
    public String summary() {
        return String.format(Locale.ROOT,
                "records=%,d value-size=%d key-size=%d cache=%d MiB write-buffer=%d MiB compression=%s bloom-bits=%d reads=%s",
                records, valueSize, Data.KEY_SIZE, cacheMb, writeBufferMb, compression.name().toLowerCase(Locale.ROOT),
                bloomBits, mmap ? "mmap" : "pread");
    }

    /**
     * Parses the arguments after {@code kv}.
     *
     * @throws IllegalArgumentException with a message for the user on a bad argument
     */
    public static BenchOptions parse(String[] args) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--keep" -> b.keep = true;
                case "--compact" -> b.compact = true;
                case "--no-settle" -> b.settle = false;
                case "--no-mmap" -> b.mmap = false;
                case "--help", "-h" -> throw new IllegalArgumentException("");
                default -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("missing value after " + a);
                        }
                        value = args[++i];
                    }
                    b.set(a, value);
                }
            }
        }
        if (b.workloads.isEmpty()) {
            throw new IllegalArgumentException("--workload is required");
        }
        return new BenchOptions(b);
    }

    private static final class Builder {
        final List<String> workloads = new ArrayList<>();
        long records = 1_000_000;
        long ops = -1;
        int threads = -1;
        int valueSize = 100;
        List<Engine> engines = Engine.parseList("lode,rocksdb");
        Path dataDir = Path.of("bench-data");
        boolean keep;
        boolean compact;
        boolean settle = true;
        boolean mmap = true;
        long warmup = 200_000;
        long seed = 42;
        long cacheMb = 32;
        long writeBufferMb = 64;
        CompressionType compression = CompressionType.LZ4;
        int bloomBits = 10;

        void set(String name, String v) {
            try {
                switch (name) {
                    case "--workload", "--workloads" -> {
                        for (String w : v.split(",")) {
                            if (!w.isBlank()) {
                                workloads.addAll(Workloads.expand(w.trim()));
                            }
                        }
                    }
                    case "--records" -> records = positive(name, parseCount(v));
                    case "--ops" -> ops = positive(name, parseCount(v));
                    case "--threads" -> threads = (int) positive(name, parseCount(v));
                    case "--value-size" -> valueSize = (int) positive(name, parseCount(v));
                    case "--engines", "--engine" -> engines = Engine.parseList(v);
                    case "--data-dir" -> dataDir = Path.of(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--warmup" -> warmup = parseCount(v);
                    case "--cache-mb" -> cacheMb = parseCount(v);
                    case "--write-buffer-mb" -> writeBufferMb = positive(name, parseCount(v));
                    case "--compression" -> compression = compression(v);
                    case "--bloom-bits" -> bloomBits = (int) parseCount(v);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number for " + name + ": " + v);
            }
        }

        private static CompressionType compression(String v) {
            for (CompressionType c : CompressionType.values()) {
                if (c.name().equalsIgnoreCase(v)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown compression '" + v + "' (none, lz4 or zstd)");
        }

        private static long parseCount(String v) {
            return Long.parseLong(v.replace(",", "").replace("_", ""));
        }

        private static long positive(String name, long v) {
            if (v <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + v);
            }
            return v;
        }
    }
}
