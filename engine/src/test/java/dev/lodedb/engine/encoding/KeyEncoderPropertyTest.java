package dev.lodedb.engine.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.RandomValues;
import dev.lodedb.engine.TestSeeds;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomized properties of {@link KeyEncoder} over tuples of mixed types, directions and NULL
 * placements: unsigned byte order of encodings equals the SQL order of the tuples, decoding gives
 * back an equal tuple, and a prefix encoding is a prefix of the full encoding. Values are drawn
 * from small per-column pools so that ties are common and later columns decide the order.
 */
class KeyEncoderPropertyTest {
    private static final HexFormat HEX = HexFormat.of();

    static int compareTuples(List<KeyColumn> cols, Object[] a, Object[] b) {
        for (int i = 0; i < cols.size(); i++) {
            KeyColumn c = cols.get(i);
            int r;
            if (a[i] == null || b[i] == null) {
                r = a[i] == null && b[i] == null ? 0
                        : (a[i] == null) == c.nullsFirst() ? -1 : 1;
            } else {
                r = Values.compare(c.type(), a[i], b[i]);
                if (c.descending()) {
                    r = -r;
                }
            }
            if (r != 0) {
                return r;
            }
        }
        return 0;
    }

    @Test
    void byteOrderIsSqlOrderAndDecodeRoundTrips() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        RandomValues gen = new RandomValues(rnd);
        int rounds = Boolean.getBoolean("lode.stress") ? 2000 : 200;
        for (int round = 0; round < rounds; round++) {
            int width = 1 + rnd.nextInt(4);
            List<KeyColumn> cols = new ArrayList<>();
            List<List<Object>> pools = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                DataType t = RandomValues.KEY_TYPES.get(rnd.nextInt(RandomValues.KEY_TYPES.size()));
                cols.add(new KeyColumn(t, rnd.nextBoolean(), rnd.nextBoolean()));
                List<Object> pool = new ArrayList<>();
                int n = 1 + rnd.nextInt(12);
                for (int k = 0; k < n; k++) {
                    pool.add(rnd.nextInt(8) == 0 ? null : gen.value(t));
                }
                pools.add(pool);
            }
            KeyEncoder enc = new KeyEncoder(cols);
            List<Object[]> tuples = new ArrayList<>();
            List<byte[]> keys = new ArrayList<>();
            for (int k = 0; k < 40; k++) {
                Object[] t = new Object[width];
                for (int i = 0; i < width; i++) {
                    t[i] = pools.get(i).get(rnd.nextInt(pools.get(i).size()));
                }
                byte[] key = enc.encode(t);
                tuples.add(t);
                keys.add(key);
                String ctx = "seed " + seed + " round " + round + " columns " + cols
                        + " tuple " + Arrays.deepToString(t) + " key " + HEX.formatHex(key);
                Object[] back = enc.decode(key);
                for (int i = 0; i < width; i++) {
                    DataType type = cols.get(i).type();
                    if (t[i] == null) {
                        assertThat(back[i]).as(ctx).isNull();
                        continue;
                    }
                    assertThat(Values.compare(type, back[i], t[i])).as(ctx + " column " + i)
                            .isZero();
                    if (KeyEncoder.isLossless(type)) {
                        assertThat(Objects.deepEquals(back[i], t[i])).as(ctx + " column " + i
                                + " decoded " + back[i]).isTrue();
                    }
                    assertThat(enc.encode(back)).as(ctx + " re-encode").isEqualTo(key);
                }
                int p = rnd.nextInt(width + 1);
                byte[] prefix = enc.encodePrefix(Arrays.asList(t).subList(0, p));
                assertThat(Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length))
                        .as(ctx + " prefix " + p).isTrue();
                byte[] succ = KeyEncoder.prefixSuccessor(prefix);
                if (succ != null) {
                    assertThat(Arrays.compareUnsigned(key, succ)).as(ctx + " below successor")
                            .isNegative();
                }
            }
            for (int x = 0; x < tuples.size(); x++) {
                for (int y = 0; y < tuples.size(); y++) {
                    int sql = Integer.signum(compareTuples(cols, tuples.get(x), tuples.get(y)));
                    int bytes = Integer.signum(Arrays.compareUnsigned(keys.get(x), keys.get(y)));
                    assertThat(bytes).as("seed %d round %d columns %s: %s vs %s (%s vs %s)",
                            seed, round, cols, Arrays.deepToString(tuples.get(x)),
                            Arrays.deepToString(tuples.get(y)), HEX.formatHex(keys.get(x)),
                            HEX.formatHex(keys.get(y))).isEqualTo(sql);
                }
            }
        }
    }

    @Test
    void singleTypeOrderMatchesComparatorOnWideSamples() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        RandomValues gen = new RandomValues(rnd);
        for (DataType t : RandomValues.KEY_TYPES) {
            for (boolean desc : new boolean[] {false, true}) {
                KeyEncoder enc = new KeyEncoder(List.of(new KeyColumn(t, desc, !desc)));
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    values.add(gen.value(t));
                }
                values.sort((a, b) -> desc ? Values.compare(t, b, a) : Values.compare(t, a, b));
                byte[] prev = null;
                Object prevValue = null;
                for (Object v : values) {
                    byte[] k = enc.encode(v);
                    if (prev != null) {
                        int sql = desc ? Values.compare(t, v, prevValue)
                                : Values.compare(t, prevValue, v);
                        int bytes = Arrays.compareUnsigned(prev, k);
                        assertThat(Integer.signum(bytes)).as("seed %d type %s desc %s: %s then %s",
                                seed, t, desc, prevValue, v).isEqualTo(sql == 0 ? 0 : -1);
                    }
                    prev = k;
                    prevValue = v;
                }
            }
        }
    }
}
