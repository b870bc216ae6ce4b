package dev.lodedb.engine.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.TestSeeds;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrderedBytesTest {
    private static byte[] varint(long v) {
        ByteWriter w = new ByteWriter(10);
        OrderedBytes.writeVarint(w, v);
        return w.toByteArray();
    }

    private static byte[] decimal(BigDecimal v) {
        ByteWriter w = new ByteWriter(10);
        OrderedBytes.writeDecimal(w, v);
        return w.toByteArray();
    }

    @Test
    void orderedVarintKeepsOrderAndRoundTrips() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        List<Long> values = new ArrayList<>(List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -120L,
                -121L, 119L, 120L, 375L, 376L, -376L, -377L, 65_655L, -65_657L));
        for (int i = -1000; i <= 1000; i++) {
            values.add((long) i);
        }
        for (int i = 0; i < 5000; i++) {
            values.add(rnd.nextLong() >> rnd.nextInt(64));
        }
        values.sort(null);
        byte[] prev = null;
        for (long v : values) {
            byte[] b = varint(v);
            ByteReader r = new ByteReader(b, 0, b.length, "test");
            assertThat(OrderedBytes.readVarint(r)).as("seed %d", seed).isEqualTo(v);
            assertThat(r.hasRemaining()).isFalse();
            if (prev != null) {
                assertThat(Arrays.compareUnsigned(prev, b)).as("seed %d value %d", seed, v)
                        .isLessThanOrEqualTo(0);
            }
            prev = b;
        }
        assertThat(varint(0)).containsExactly(0x80);
        assertThat(varint(-120)).containsExactly(0x08);
        assertThat(varint(120)).containsExactly(0xf8, 0x00);
    }

    @Test
    void decimalsOrderByValueAcrossScalesAndMagnitudes() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        List<BigDecimal> values = new ArrayList<>();
        for (String s : new String[] {"0", "0.00", "1", "1.0", "10", "9.99", "0.1", "0.01", "0.099",
            "100", "99", "-1", "-1.000", "-0.5", "1e-300", "1e300", "-1e300", "12345.678"}) {
            values.add(new BigDecimal(s));
        }
        for (int i = 0; i < 3000; i++) {
            BigInteger u = new BigInteger(1 + rnd.nextInt(70), rnd);
            values.add(new BigDecimal(rnd.nextBoolean() ? u : u.negate(), rnd.nextInt(60) - 30));
        }
        for (BigDecimal a : values) {
            byte[] ea = decimal(a);
            ByteReader r = new ByteReader(ea, 0, ea.length, "test");
            assertThat(OrderedBytes.readDecimal(r)).as("seed %d", seed).isEqualByComparingTo(a);
            assertThat(r.hasRemaining()).isFalse();
        }
        for (int i = 0; i < 20_000; i++) {
            BigDecimal a = values.get(rnd.nextInt(values.size()));
            BigDecimal b = values.get(rnd.nextInt(values.size()));
            assertThat(Integer.signum(Arrays.compareUnsigned(decimal(a), decimal(b))))
                    .as("seed %d: %s vs %s", seed, a, b).isEqualTo(Integer.signum(a.compareTo(b)));
        }
    }
}
