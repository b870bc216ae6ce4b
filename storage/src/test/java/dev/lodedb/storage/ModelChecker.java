package dev.lodedb.storage;

import static dev.lodedb.storage.ModelGenerator.abbreviate;
import static dev.lodedb.storage.ModelGenerator.show;
import static dev.lodedb.storage.ModelGenerator.showValue;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded, model-based randomized checker for {@link KeyValueStore} backends. It drives one store,
 * or two in lockstep, with a random sequence of operations — puts, deletes, range deletes, mixed
 * batches, snapshots taken and released, gets (now and at snapshots), iterators (random bounds,
 * seeks and steps in both directions, at snapshots, with writes interleaved while they are open),
 * full scans, flushes, range compactions and close/reopen — and compares every answer with a
 * {@link StoreModel} (and, in lockstep, the two stores with each other). The sequence depends only
 * on the seed, so a failure replays exactly.
 *
 * <p>Keys are 1–4 bytes from the alphabet {0x00, 0x01, 'a', 0x7F, 0x80, 0xFF}, so keys collide,
 * ranges cover several keys and unsigned ordering matters; occasionally a key is empty or 5–40
 * bytes long. Values are 0–200 random bytes, and about 1% are 10–12 KiB when large values are on.
 *
 * <p>Usage:
 * <pre>{@code
 * ModelChecker.Result r = ModelChecker.builder(factory, dir)   // dir need not exist
 *         .seed(42).steps(5_000)
 *         .lockstep(otherFactory, otherDir)                 // optional second backend
 *         .build()
 *         .run();                                           // AssertionError on any mismatch
 * }</pre>
 * A failure is an {@link AssertionError} whose message names the backend(s), the seed, the step
 * number, the operation (with the iterator moves made so far) and the operations before it.
 *
 * <p>Not thread-safe; one run at a time per instance. The stores it opens are closed when
 * {@link #run()} returns or throws.
 */
public final class ModelChecker {
    private static final int HISTORY = 20;

    private final StoreFactory[] factories;
    private final Path[] dirs;
    private final String[] names;
    private final long seed;
    private final int steps;
    private final int maxSnapshots;
    private final boolean reopen;
    private final boolean largeValues;
    private final boolean walDisabledWrites;
    private final PrintStream trace;

    private Random rnd;
    private ModelGenerator gen;
    private IteratorWalk walk;
    private KeyValueStore[] stores;
    private StoreModel model;
    private final List<Snap> snaps = new ArrayList<>();
    private final ArrayDeque<String> history = new ArrayDeque<>();
    private final Map<String, Integer> opCounts = new TreeMap<>();
    private StringBuilder op;
    private int step;
    private int maxKeys;

    /** A snapshot taken on every store, with the model's state at that point. */
    private record Snap(int id, Snapshot[] perStore, StoreModel model) {
    }

    /**
     * The outcome of a successful run.
     *
     * @param seed the seed
     * @param steps the steps executed
     * @param opCounts how often each kind of operation ran
     * @param finalKeys live keys at the end
     * @param maxKeys most live keys at any step
     * @param millis wall time of the run
     */
    public record Result(long seed, int steps, Map<String, Integer> opCounts, int finalKeys, int maxKeys,
                         long millis) {
    }

    private ModelChecker(Builder b) {
        this.factories = b.factories.toArray(new StoreFactory[0]);
        this.dirs = b.dirs.toArray(new Path[0]);
        this.names = new String[factories.length];
        for (int i = 0; i < factories.length; i++) {
            String n = factories[i].name();
            names[i] = i > 0 && n.equals(names[0]) ? n + "#" + (i + 1) : n;
        }
        this.seed = b.seed;
        this.steps = b.steps;
        this.maxSnapshots = b.maxSnapshots;
        this.reopen = b.reopen;
        this.largeValues = b.largeValues;
        this.walDisabledWrites = b.walDisabledWrites;
        this.trace = b.trace;
    }

    /**
     * @param factory opens the store under test
     * @param dir its directory (created by the store if missing)
     * @return a builder with seed 1, 2000 steps, up to 6 live snapshots, reopen, large values and
     *     WAL-less writes on
     */
    public static Builder builder(StoreFactory factory, Path dir) {
        return new Builder(factory, dir);
    }

    /** Configures a {@link ModelChecker}. Not thread-safe. */
    public static final class Builder {
        private final List<StoreFactory> factories = new ArrayList<>();
        private final List<Path> dirs = new ArrayList<>();
        private long seed = 1;
        private int steps = 2000;
        private int maxSnapshots = 6;
        private boolean reopen = true;
        private boolean largeValues = true;
        private boolean walDisabledWrites = true;
        private PrintStream trace;

        private Builder(StoreFactory factory, Path dir) {
            factories.add(Objects.requireNonNull(factory));
            dirs.add(Objects.requireNonNull(dir));
        }

        /** Sets the seed of the operation sequence. */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /** Sets the number of random operations (at least 1). */
        public Builder steps(int n) {
            steps = Math.max(1, n);
            return this;
        }

        /** Runs a second store in lockstep; its answers must equal the model's and the first's. */
        public Builder lockstep(StoreFactory other, Path otherDir) {
            if (factories.size() > 1) {
                throw new IllegalStateException("lockstep supports two stores");
            }
            factories.add(Objects.requireNonNull(other));
            dirs.add(Objects.requireNonNull(otherDir));
            return this;
        }

        /** Sets how many snapshots may be live at once (0 disables snapshots). */
        public Builder maxSnapshots(int n) {
            maxSnapshots = Math.max(0, n);
            return this;
        }

        /** Sets whether the run closes and reopens the stores now and then (default on). */
        public Builder reopen(boolean on) {
            reopen = on;
            return this;
        }

        /** Sets whether about 1% of values are 10–12 KiB (default on). */
        public Builder largeValues(boolean on) {
            largeValues = on;
            return this;
        }

        /**
         * Sets whether about 1% of writes use {@code disableWal} (default on); such writes must
         * still survive a clean close and reopen.
         */
        public Builder walDisabledWrites(boolean on) {
            walDisabledWrites = on;
            return this;
        }

        /** Prints every operation to {@code out} as it runs (null: silent, the default). */
        public Builder trace(PrintStream out) {
            trace = out;
            return this;
        }

        /** @return the configured checker */
        public ModelChecker build() {
            return new ModelChecker(this);
        }
    }

    /**
     * Runs the configured number of steps, then a full comparison, a reopen and another full
     * comparison.
     *
     * @return statistics of the run
     * @throws AssertionError on the first difference between a store and the model (or the other
     *     store), or when an operation throws
     */
    public Result run() {
        long start = System.nanoTime();
        rnd = new Random(seed);
        gen = new ModelGenerator(rnd, () -> model);
        walk = new IteratorWalk(rnd, gen, names);
        model = new StoreModel();
        snaps.clear();
        history.clear();
        opCounts.clear();
        maxKeys = 0;
        stores = new KeyValueStore[factories.length];
        try {
            step = 0;
            begin("open");
            try {
                for (int i = 0; i < stores.length; i++) {
                    stores[i] = factories[i].open(dirs[i]);
                }
            } catch (Throwable t) {
                throw failure(t);
            }
            for (step = 1; step <= steps; step++) {
                try {
                    randomStep();
                    spotCheck();
                    maxKeys = Math.max(maxKeys, model.size());
                    if (step % 250 == 0) {
                        begin("scan-check");
                        scan(null, rnd.nextBoolean());
                    }
                } catch (Throwable t) {
                    throw failure(t);
                }
                if (trace != null) {
                    trace.println("step " + step + ": " + op);
                }
                history.addLast(step + ": " + abbreviate(op.toString(), 300));
                if (history.size() > HISTORY) {
                    history.removeFirst();
                }
            }
            try {
                begin("final scan");
                scan(null, true);
                scan(null, false);
                begin("final reopen and scan");
                reopenStores();
                scan(null, true);
            } catch (Throwable t) {
                throw failure(t);
            }
        } finally {
            closeStores();
        }
        return new Result(seed, steps, Map.copyOf(opCounts), model.size(), maxKeys,
                (System.nanoTime() - start) / 1_000_000);
    }

    // ---------------------------------------------------------------- operations

    private void randomStep() {
        int r = rnd.nextInt(100);
        if (r < 22) {
            put();
        } else if (r < 30) {
            delete();
        } else if (r < 34) {
            deleteRange();
        } else if (r < 42) {
            batch();
        } else if (r < 58) {
            get();
        } else if (r < 72) {
            iterate();
        } else if (r < 76) {
            takeSnapshot();
        } else if (r < 79) {
            releaseSnapshot();
        } else if (r < 82) {
            begin("scan");
            Snap s = randomSnap(0.4);
            scan(s, rnd.nextBoolean());
        } else if (r < 83) {
            begin("flush");
            for (KeyValueStore s : stores) {
                s.flush();
            }
        } else if (r < 84) {
            compactRange();
        } else if (r < 85 && reopen) {
            begin("reopen");
            reopenStores();
        } else if (r < 86) {
            begin("properties");
            for (KeyValueStore s : stores) {
                check(s.properties() != null, "properties() returned null");
            }
        } else {
            get();
        }
    }

    private void put() {
        byte[] k = gen.randomKey(0.3);
        byte[] v = gen.randomValue(largeValues);
        begin("put").append(' ').append(show(k)).append(" = ").append(showValue(v));
        if (rnd.nextBoolean()) {
            for (KeyValueStore s : stores) {
                s.put(k, v);
            }
            model.put(k, v);
        } else {
            write(new WriteBatch().put(k, v));
        }
    }

    private void delete() {
        byte[] k = gen.randomKey(0.6);
        begin("delete").append(' ').append(show(k));
        if (rnd.nextBoolean()) {
            for (KeyValueStore s : stores) {
                s.delete(k);
            }
            model.delete(k);
        } else {
            write(new WriteBatch().delete(k));
        }
    }

    private void deleteRange() {
        byte[][] range = gen.randomRange();
        begin("deleteRange").append(' ').append(show(range[0])).append(" .. ").append(show(range[1]));
        write(new WriteBatch().deleteRange(range[0], range[1]));
    }

    private void batch() {
        WriteBatch b = new WriteBatch();
        int n = 1 + rnd.nextInt(12);
        begin("batch[");
        for (int i = 0; i < n; i++) {
            int r = rnd.nextInt(100);
            if (r < 60) {
                byte[] k = gen.randomKey(0.3);
                byte[] v = gen.randomValue(largeValues);
                b.put(k, v);
                op.append(" put ").append(show(k)).append('=').append(showValue(v));
            } else if (r < 85) {
                byte[] k = gen.randomKey(0.6);
                b.delete(k);
                op.append(" delete ").append(show(k));
            } else {
                byte[][] range = gen.randomRange();
                b.deleteRange(range[0], range[1]);
                op.append(" deleteRange ").append(show(range[0])).append("..").append(show(range[1]));
            }
        }
        op.append(" ]");
        write(b);
    }

    /** Writes {@code b} to every store with random write options, then to the model. */
    private void write(WriteBatch b) {
        int r = rnd.nextInt(100);
        WriteOptions wo = r < 2 ? WriteOptions.SYNC
                : r < 3 && walDisabledWrites ? new WriteOptions(false, true) : WriteOptions.DEFAULT;
        if (wo != WriteOptions.DEFAULT) {
            op.append(wo.sync() ? " (sync)" : " (no WAL)");
        }
        for (KeyValueStore s : stores) {
            s.write(wo, b);
        }
        model.apply(b);
    }

    private void get() {
        byte[] k = gen.randomKey(0.6);
        Snap snap = randomSnap(0.3);
        boolean fill = rnd.nextInt(10) != 0;
        begin("get").append(' ').append(show(k)).append(snap == null ? "" : " at snapshot " + snap.id());
        byte[] expected = (snap == null ? model : snap.model()).get(k);
        for (int i = 0; i < stores.length; i++) {
            ReadOptions ro = new ReadOptions(snap == null ? null : snap.perStore()[i], null, null, fill, true);
            byte[] actual = stores[i].get(ro, k);
            if (!Arrays.equals(expected, actual)) {
                fail("get " + show(k) + ": model " + showValue(expected) + ", " + names[i] + " " + showValue(actual)
                        + others(ii -> showValue(stores[ii].get(withSnap(ro, snap, ii), k)), i));
            }
        }
    }

    private void takeSnapshot() {
        if (snaps.size() >= maxSnapshots) {
            releaseSnapshot();
            return;
        }
        int id = step;
        begin("snapshot ").append(id);
        Snapshot[] per = new Snapshot[stores.length];
        for (int i = 0; i < stores.length; i++) {
            per[i] = stores[i].getSnapshot();
        }
        snaps.add(new Snap(id, per, model.copy()));
    }

    private void releaseSnapshot() {
        if (snaps.isEmpty()) {
            begin("release (none)");
            return;
        }
        Snap s = snaps.remove(rnd.nextInt(snaps.size()));
        boolean viaStore = rnd.nextBoolean();
        boolean twice = rnd.nextInt(8) == 0;
        begin("release snapshot ").append(s.id()).append(viaStore ? " via store" : " via close")
                .append(twice ? " twice" : "");
        for (int i = 0; i < stores.length; i++) {
            for (int n = twice ? 2 : 1; n > 0; n--) {
                if (viaStore) {
                    stores[i].releaseSnapshot(s.perStore()[i]);
                } else {
                    s.perStore()[i].close();
                }
            }
        }
    }

    private void compactRange() {
        byte[] lo = rnd.nextInt(4) == 0 ? null : gen.randomKey(0.5);
        byte[] hi = rnd.nextInt(4) == 0 ? null : gen.randomKey(0.5);
        if (lo != null && hi != null && Arrays.compareUnsigned(lo, hi) > 0) {
            byte[] t = lo;
            lo = hi;
            hi = t;
        }
        begin("compactRange ").append(lo == null ? "-inf" : show(lo)).append(" .. ")
                .append(hi == null ? "+inf" : show(hi));
        for (KeyValueStore s : stores) {
            s.compactRange(lo, hi);
        }
    }

    private void reopenStores() {
        boolean releaseFirst = rnd.nextBoolean();
        op.append(releaseFirst ? " (snapshots released first)" : " (snapshots left to close)");
        if (releaseFirst) {
            for (Snap s : snaps) {
                for (Snapshot x : s.perStore()) {
                    x.close();
                }
            }
        }
        snaps.clear();
        for (int i = 0; i < stores.length; i++) {
            KeyValueStore s = stores[i];
            stores[i] = null;
            s.close();
        }
        for (int i = 0; i < stores.length; i++) {
            stores[i] = factories[i].open(dirs[i]);
        }
    }

    /** After every step: one get of a random key against the current model. */
    private void spotCheck() {
        byte[] k = gen.randomKey(0.5);
        byte[] expected = model.get(k);
        for (int i = 0; i < stores.length; i++) {
            byte[] actual = stores[i].get(k);
            if (!Arrays.equals(expected, actual)) {
                fail("after the step, get " + show(k) + ": model " + showValue(expected) + ", " + names[i] + " "
                        + showValue(actual));
            }
        }
    }

    // ---------------------------------------------------------------- iterators

    private void iterate() {
        Snap snap = randomSnap(0.3);
        byte[] lower = null;
        byte[] upper = null;
        int b = rnd.nextInt(10);
        if (b >= 4 && b < 6 || b >= 8) {
            lower = gen.randomKey(0.4);
        }
        if (b >= 6) {
            upper = gen.randomKey(0.4);
        }
        boolean interleave = snap == null ? rnd.nextInt(5) == 0 : rnd.nextInt(3) == 0;
        begin("iterator").append(snap == null ? "" : " at snapshot " + snap.id())
                .append(lower == null ? "" : " lower=" + show(lower))
                .append(upper == null ? "" : " upper=" + show(upper))
                .append(interleave ? " with writes" : "").append(':');
        StoreModel base = snap != null ? snap.model() : interleave ? model.copy() : model;
        StoreModel.Cursor cursor = new StoreModel.Cursor(base.view(lower, upper));
        StoreIterator[] its = new StoreIterator[stores.length];
        try {
            for (int i = 0; i < stores.length; i++) {
                its[i] = stores[i].newIterator(new ReadOptions(snap == null ? null : snap.perStore()[i],
                        lower, upper, rnd.nextBoolean(), true));
            }
            int moves = 1 + rnd.nextInt(40);
            for (int m = 0; m < moves; m++) {
                if (interleave && rnd.nextInt(4) == 0) {
                    interleavedWrite();
                }
                walk.move(op, cursor, its);
                walk.compare(cursor, its);
            }
        } finally {
            for (StoreIterator it : its) {
                if (it != null) {
                    it.close();
                }
            }
        }
    }

    private void interleavedWrite() {
        int r = rnd.nextInt(10);
        WriteBatch b = new WriteBatch();
        if (r < 6) {
            byte[] k = gen.randomKey(0.5);
            b.put(k, gen.randomValue(largeValues));
            op.append(" {put ").append(show(k)).append('}');
        } else if (r < 9) {
            byte[] k = gen.randomKey(0.8);
            b.delete(k);
            op.append(" {delete ").append(show(k)).append('}');
        } else {
            byte[][] range = gen.randomRange();
            b.deleteRange(range[0], range[1]);
            op.append(" {deleteRange ").append(show(range[0])).append("..").append(show(range[1])).append('}');
        }
        write(b);
    }

    /** Full scan of every store (at {@code snap} or now) compared entry by entry with the model. */
    private void scan(Snap snap, boolean forward) {
        op.append(forward ? " forward" : " backward").append(snap == null ? "" : " at snapshot " + snap.id());
        StoreModel m = snap == null ? model : snap.model();
        for (int i = 0; i < stores.length; i++) {
            ReadOptions ro = snap == null ? ReadOptions.DEFAULT : ReadOptions.at(snap.perStore()[i]);
            try (StoreIterator it = stores[i].newIterator(ro)) {
                IteratorWalk.scan(it, names[i], m, forward);
            }
        }
    }

    private Snap randomSnap(double p) {
        return !snaps.isEmpty() && rnd.nextDouble() < p ? snaps.get(rnd.nextInt(snaps.size())) : null;
    }

    // ---------------------------------------------------------------- reporting

    private StringBuilder begin(String kind) {
        int space = kind.indexOf(' ');
        String name = space < 0 ? kind : kind.substring(0, space);
        opCounts.merge(name.endsWith("[") ? "batch" : name, 1, Integer::sum);
        op = new StringBuilder(kind);
        return op;
    }

    private ReadOptions withSnap(ReadOptions ro, Snap snap, int store) {
        return ro.withSnapshot(snap == null ? null : snap.perStore()[store]);
    }

    /** Renders what the other store(s) answer, in lockstep mode; empty otherwise. */
    private String others(java.util.function.IntFunction<String> answer, int except) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < stores.length; i++) {
            if (i != except) {
                String a;
                try {
                    a = answer.apply(i);
                } catch (RuntimeException e) {
                    a = "threw " + e;
                }
                sb.append(", ").append(names[i]).append(' ').append(a);
            }
        }
        return sb.toString();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    private static void fail(String message) {
        throw new AssertionError(message);
    }

    private AssertionError failure(Throwable cause) {
        StringBuilder sb = new StringBuilder("ModelChecker failed on ").append(String.join(" + ", names))
                .append(": seed=").append(seed).append(" step=").append(step > steps ? "final" : step)
                .append('/').append(steps).append("\n  op: ").append(op == null ? "?" : abbreviate(op.toString(), 4000))
                .append("\n  problem: ").append(cause instanceof AssertionError ? cause.getMessage() : cause.toString())
                .append("\n  model holds ").append(model.size()).append(" keys, ").append(snaps.size())
                .append(" live snapshots\n  previous ops:");
        for (String h : history) {
            sb.append("\n    ").append(h);
        }
        sb.append("\n  replay: -Dlode.seed=").append(seed).append(" -Dlode.steps=").append(steps);
        return new AssertionError(sb.toString(), cause);
    }

    private void closeStores() {
        if (stores == null) {
            return;
        }
        for (Snap s : snaps) {
            for (Snapshot x : s.perStore()) {
                try {
                    x.close();
                } catch (RuntimeException ignored) {
                    // closing after a failure; the failure is what matters
                }
            }
        }
        snaps.clear();
        for (KeyValueStore s : stores) {
            if (s != null) {
                try {
                    s.close();
                } catch (RuntimeException ignored) {
                    // as above
                }
            }
        }
    }
}
