package dev.lodedb.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link ModelChecker} on a backend as JUnit tests. A backend extends this class in its test
 * sources and supplies its {@link StoreFactory} (and optionally a lockstep peer):
 * <pre>{@code
 * class RocksDbModelTest extends StoreModelTest {
 *     protected StoreFactory factory() { return ...; }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #randomOperationsMatchTheModel()}: the default-suite run, {@link #defaultSeeds()}
 *       × {@link #defaultSteps()} (a few seconds on a healthy backend);</li>
 *   <li>{@link #lockstepWithPeer()}: the same against {@link #lockstepPeer()}, when there is one;</li>
 *   <li>{@link #stress()}: tagged {@code stress} (excluded by default; run with
 *       {@code mvn -Pstress test}, which also sets {@code lode.stress=true}): several seeds, one of
 *       them new each run, {@link #stressSteps()} steps each, alone and in lockstep.</li>
 * </ul>
 * System properties: {@code -Dlode.seed=N} replays one seed in every test of this class (the
 * seed a failure message names), {@code -Dlode.steps=N} overrides the step count.
 */
public abstract class StoreModelTest {
    /** Directory for the stores of one test. */
    @TempDir
    protected Path tmp;

    /** @return the factory of the backend under test */
    protected abstract StoreFactory factory();

    /**
     * @return a second backend to run in lockstep with {@link #factory()}, or {@code null} (the
     *     default) to skip the lockstep test
     */
    protected StoreFactory lockstepPeer() {
        return null;
    }

    /** @return the seeds of the default run (default 1, 2, 3) */
    protected long[] defaultSeeds() {
        return new long[] {1, 2, 3};
    }

    /** @return the steps per seed of the default run (default 2500) */
    protected int defaultSteps() {
        return 2500;
    }

    /** @return the steps per seed of the stress run (default 100,000, or {@code lode.stress.steps}) */
    protected int stressSteps() {
        return Integer.getInteger("lode.stress.steps", 100_000);
    }

    /** @return the configured checker for one run; override to tune it for a backend */
    protected ModelChecker.Builder checker(StoreFactory factory, Path dir, long seed, int steps) {
        return ModelChecker.builder(factory, dir).seed(seed).steps(steps);
    }

    /** The default-suite randomized run against the model. */
    @Test
    void randomOperationsMatchTheModel() {
        for (long seed : seeds(defaultSeeds())) {
            run(seed, steps(defaultSteps()), false);
        }
    }

    /** The default-suite randomized run in lockstep with {@link #lockstepPeer()}. */
    @Test
    void lockstepWithPeer() {
        assumeTrue(lockstepPeer() != null, "no lockstep peer");
        for (long seed : seeds(new long[] {defaultSeeds()[0]})) {
            run(seed, steps(defaultSteps()), true);
        }
    }

    /** Long runs with several seeds, alone and in lockstep when there is a peer. */
    @Test
    @Tag("stress")
    void stress() {
        long fresh = System.nanoTime() & 0xffff_ffffL;
        for (long seed : seeds(new long[] {101, 202, 303, fresh})) {
            run(seed, steps(stressSteps()), false);
            if (lockstepPeer() != null) {
                run(seed, steps(stressSteps()) / 2, true);
            }
        }
    }

    private void run(long seed, int steps, boolean lockstep) {
        String label = factory().name() + (lockstep ? "+" + lockstepPeer().name() : "") + "-" + seed;
        Path dir = tmp.resolve(label + "-" + System.nanoTime());
        ModelChecker.Builder b = checker(factory(), dir.resolve("a"), seed, steps);
        if (lockstep) {
            b.lockstep(lockstepPeer(), dir.resolve("b"));
        }
        ModelChecker.Result r = b.build().run();
        System.out.println("ModelChecker " + label + ": " + r.steps() + " steps in " + r.millis() + " ms, "
                + r.finalKeys() + " keys at the end (max " + r.maxKeys() + "), ops " + r.opCounts());
    }

    private static long[] seeds(long[] defaults) {
        String replay = System.getProperty("lode.seed");
        if (replay != null && !replay.isBlank()) {
            return new long[] {Long.parseLong(replay.trim())};
        }
        return defaults;
    }

    private static int steps(int defaults) {
        return Integer.getInteger("lode.steps", defaults);
    }

    /** @return the seeds a run would use, for tests that drive {@link ModelChecker} themselves */
    protected static List<Long> seedsFor(long... defaults) {
        List<Long> out = new ArrayList<>();
        for (long s : seeds(defaults)) {
            out.add(s);
        }
        return out;
    }
}
