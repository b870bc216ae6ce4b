package dev.lodedb.storage.sstable;

import java.util.Random;

/**
 * Seeds for randomized tests: a fresh seed per run (so runs explore different inputs), or the
 * value of {@code -Dlode.test.seed=N} to reproduce a failure. Tests put the seed in every
 * assertion message.
 */
final class TestSeeds {
    private TestSeeds() {
    }

    static long seed() {
        String s = System.getProperty("lode.test.seed");
        return s != null && !s.isEmpty() ? Long.parseLong(s) : new Random().nextLong();
    }
}
