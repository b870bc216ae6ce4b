package dev.lodedb.engine;

import java.util.Random;

/**
 * Seeds for randomized tests: a fresh seed per run (so runs explore different inputs), or the
 * value of {@code -Dlode.test.seed=N} to reproduce a failure. Tests put the seed in every
 * assertion message.
 */
public final class TestSeeds {
    private TestSeeds() {
    }

    /** @return the seed for this run */
    public static long seed() {
        String s = System.getProperty("lode.test.seed");
        return s != null && !s.isEmpty() ? Long.parseLong(s) : new Random().nextLong();
    }
}
