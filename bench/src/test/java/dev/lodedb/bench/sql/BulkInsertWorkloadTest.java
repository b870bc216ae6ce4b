package dev.lodedb.bench.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bulk-insert workload's row generator: sysbench's digit groups, uniform, seeded. */
class BulkInsertWorkloadTest {
    @Test
    void stringsAreElevenDigitGroupsSeparatedByDashes() {
        SplittableRandom rnd = new SplittableRandom(42);
        long[] digitCounts = new long[10];
        for (int len : new int[] {120, 60, 11, 12, 13}) {
            for (int n = 0; n < 2_000; n++) {
                String s = BulkInsertWorkload.sysbenchString(rnd, new char[len]);
                assertEquals(len, s.length());
                for (int i = 0; i < len; i++) {
                    char c = s.charAt(i);
                    if (i % 12 == 11) {
                        assertEquals('-', c, "position " + i + " of " + s);
                    } else {
                        assertTrue(c >= '0' && c <= '9', "position " + i + " of " + s);
                        digitCounts[c - '0']++;
                    }
                }
            }
        }
        long total = Arrays.stream(digitCounts).sum();
        for (int d = 0; d < 10; d++) {
            double share = digitCounts[d] / (double) total;
            assertTrue(share > 0.095 && share < 0.105, "share of digit " + d + ": " + share);
        }
        assertEquals(BulkInsertWorkload.sysbenchString(new SplittableRandom(7), new char[60]),
                BulkInsertWorkload.sysbenchString(new SplittableRandom(7), new char[60]), "seeded");
    }
}
