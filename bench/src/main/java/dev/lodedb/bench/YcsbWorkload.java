package dev.lodedb.bench;

import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.StoreIterator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import site.ycsb.generator.AcknowledgedCounterGenerator;
import site.ycsb.generator.DiscreteGenerator;
import site.ycsb.generator.HotspotIntegerGenerator;
import site.ycsb.generator.NumberGenerator;
import site.ycsb.generator.ScrambledZipfianGenerator;
import site.ycsb.generator.SkewedLatestGenerator;
import site.ycsb.generator.UniformLongGenerator;
import site.ycsb.generator.ZipfianGenerator;

/**
 * A YCSB core workload (A–F) on the key-value API, driven by YCSB's own property files (shipped
 * in {@code src/main/resources/ycsb/}, Apache-2.0, see {@code ycsb/LICENSE.txt} there) and YCSB's
 * own request generators ({@code site.ycsb:core}, {@code site.ycsb.generator}), following
 * {@code site.ycsb.workloads.CoreWorkload}:
 * <ul>
 *   <li>operation mix from {@code readproportion}, {@code updateproportion},
 *       {@code insertproportion}, {@code scanproportion}, {@code readmodifywriteproportion}
 *       (CoreWorkload's defaults where absent);</li>
 *   <li>keys chosen by {@code requestdistribution}: {@code zipfian} = ScrambledZipfianGenerator
 *       over the records plus twice the expected inserts, {@code latest} = SkewedLatestGenerator
 *       over the acknowledged insert counter, {@code uniform}, or {@code hotspot}; keys not yet
 *       inserted are redrawn, as CoreWorkload does;</li>
 *   <li>scan lengths from {@code minscanlength}..{@code maxscanlength} with
 *       {@code scanlengthdistribution} uniform or zipfian;</li>
 *   <li>inserts take numbers from an AcknowledgedCounterGenerator starting at {@code records}.</li>
 * </ul>
 * The data model differs from YCSB's table of 10 fields × 100 bytes: a record is one value of
 * {@code --value-size} bytes (default 100) under a 16-byte hashed key ({@link Data#ycsbKey}), so
 * a read reads the whole record and an update rewrites it (read-modify-write reads, then writes).
 * {@code recordcount}/{@code operationcount} are replaced by {@code --records}/{@code --ops}
 * (default ops = records). The load phase inserts records 0..records-1 in batches of
 * {@value DbBenchWorkload#LOAD_BATCH}. Stateless between runs.
 */
public final class YcsbWorkload implements Workload {
    private enum Op { READ, UPDATE, INSERT, SCAN, READMODIFYWRITE }

    private final char letter;
    private final Properties props;

    /**
     * @param letter 'a'..'f'
     * @throws IllegalArgumentException when there is no such workload file
     */
    public YcsbWorkload(char letter) {
        this.letter = Character.toLowerCase(letter);
        this.props = new Properties();
        String resource = "/ycsb/workload" + this.letter;
        try (InputStream in = YcsbWorkload.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no YCSB workload file " + resource);
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "ycsb-" + letter;
    }

    /** {@inheritDoc} */
    @Override
    public String describe(BenchOptions o) {
        StringBuilder sb = new StringBuilder(name()).append(':');
        for (Op op : Op.values()) {
            double p = proportion(op);
            if (p > 0) {
                sb.append(' ').append(op.name().toLowerCase(Locale.ROOT)).append('=').append(p);
            }
        }
        sb.append(" distribution=").append(props.getProperty("requestdistribution", "uniform"));
        if (proportion(Op.SCAN) > 0) {
            sb.append(" scan-length=").append(props.getProperty("minscanlength", "1")).append("..")
                    .append(props.getProperty("maxscanlength", "1000")).append(' ')
                    .append(props.getProperty("scanlengthdistribution", "uniform"));
        }
        return sb.append(String.format(Locale.ROOT, " ops=%,d threads=%d", o.opsOr(o.records), o.threadsOr(1)))
                .toString();
    }

    private double proportion(Op op) {
        String key = op.name().toLowerCase(Locale.ROOT) + "proportion";
        String dflt = switch (op) {
            case READ -> "0.95";
            case UPDATE -> "0.05";
            default -> "0";
        };
        return Double.parseDouble(props.getProperty(key, dflt).trim());
    }

    /** {@inheritDoc} Inserts records 0..records-1 under their hashed keys. */
    @Override
    public PhaseResult load(KeyValueStore store, BenchOptions o) {
        return DbBenchWorkload.load(store, o, i -> i, Data::ycsbKey);
    }

    /** {@inheritDoc} */
    @Override
    public PhaseResult run(KeyValueStore store, BenchOptions o) {
        long records = o.records;
        long ops = o.opsOr(records);
        int threads = o.threadsOr(1);
        Data data = new Data(o.valueSize, o.seed + 2);

        DiscreteGenerator chooser = new DiscreteGenerator();
        for (Op op : Op.values()) {
            double p = proportion(op);
            if (p > 0) {
                chooser.addValue(p, op.name());
            }
        }
        AcknowledgedCounterGenerator inserts = new AcknowledgedCounterGenerator(records);
        NumberGenerator keys = keyChooser(records, ops, inserts);
        NumberGenerator scanLength = scanLengthChooser();

        Map<Op, LongAdder> counts = new EnumMap<>(Op.class);
        for (Op op : Op.values()) {
            counts.put(op, new LongAdder());
        }
        PhaseResult r = Runner.run("run", threads, ops, o.seed * 7919 + letter, (t, i, rnd, tally) -> {
            Op op = Op.valueOf(chooser.nextValue());
            counts.get(op).increment();
            switch (op) {
                case READ -> {
                    tally.reads.increment();
                    if (store.get(Data.ycsbKey(nextKey(keys, inserts))) != null) {
                        tally.found.increment();
                    }
                }
                case UPDATE -> store.put(Data.ycsbKey(nextKey(keys, inserts)), data.value(rnd));
                case INSERT -> {
                    long n = inserts.nextValue();
                    try {
                        store.put(Data.ycsbKey(n), data.value(rnd));
                    } finally {
                        inserts.acknowledge(n);
                    }
                }
                case SCAN -> {
                    long len = scanLength.nextValue().longValue();
                    try (StoreIterator it = store.newIterator()) {
                        it.seek(Data.ycsbKey(nextKey(keys, inserts)));
                        for (long n = 0; n < len && it.isValid(); n++) {
                            it.key();
                            it.value();
                            it.next();
                        }
                    }
                }
                case READMODIFYWRITE -> {
                    byte[] key = Data.ycsbKey(nextKey(keys, inserts));
                    tally.reads.increment();
                    if (store.get(key) != null) {
                        tally.found.increment();
                    }
                    store.put(key, data.value(rnd));
                }
            }
        });
        StringBuilder mix = new StringBuilder(r.note());
        for (Op op : Op.values()) {
            long n = counts.get(op).sum();
            if (n > 0) {
                mix.append(mix.length() == 0 ? "" : ", ").append(op.name().toLowerCase(Locale.ROOT)).append(' ')
                        .append(String.format(Locale.ROOT, "%,d", n));
            }
        }
        return new PhaseResult(r.phase(), r.ops(), r.nanos(), r.latency(), mix.toString());
    }

    /** CoreWorkload's key chooser for {@code requestdistribution}. */
    private NumberGenerator keyChooser(long records, long ops, AcknowledgedCounterGenerator inserts) {
        String dist = props.getProperty("requestdistribution", "uniform").trim();
        return switch (dist) {
            case "uniform" -> new UniformLongGenerator(0, records - 1);
            case "zipfian" -> {
                long expectedNewKeys = (long) (ops * proportion(Op.INSERT) * 2.0);
                yield new ScrambledZipfianGenerator(0, records + expectedNewKeys);
            }
            case "latest" -> new SkewedLatestGenerator(inserts);
            case "hotspot" -> new HotspotIntegerGenerator(0, records - 1,
                    Double.parseDouble(props.getProperty("hotspotdatafraction", "0.2")),
                    Double.parseDouble(props.getProperty("hotspotopnfraction", "0.8")));
            default -> throw new IllegalArgumentException(name() + ": unsupported requestdistribution " + dist);
        };
    }

    private NumberGenerator scanLengthChooser() {
        long min = Long.parseLong(props.getProperty("minscanlength", "1").trim());
        long max = Long.parseLong(props.getProperty("maxscanlength", "1000").trim());
        String dist = props.getProperty("scanlengthdistribution", "uniform").trim();
        return switch (dist) {
            case "uniform" -> new UniformLongGenerator(min, max);
            case "zipfian" -> new ZipfianGenerator(min, max);
            default -> throw new IllegalArgumentException(name() + ": unsupported scanlengthdistribution " + dist);
        };
    }

    /** CoreWorkload.nextKeynum: redraw until the key has been inserted (and acknowledged). */
    private static long nextKey(NumberGenerator keys, AcknowledgedCounterGenerator inserts) {
        long n;
        do {
            n = keys.nextValue().longValue();
        } while (n > inserts.lastValue());
        return n;
    }
}
