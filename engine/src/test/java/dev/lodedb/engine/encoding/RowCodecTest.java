package dev.lodedb.engine.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.RandomValues;
import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.TestSeeds;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Interval;
import dev.lodedb.engine.types.Json;
import dev.lodedb.engine.types.Jsonb;
import dev.lodedb.engine.types.TypeId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final List<DataType> ALL_TYPES;

    static {
        List<DataType> all = new ArrayList<>(RandomValues.KEY_TYPES);
        all.add(DataType.JSON);
        all.add(DataType.UNKNOWN);
        all.add(DataType.numeric(10, 2));
        ALL_TYPES = List.copyOf(all);
    }

    private static void assertSameValues(List<RowColumn> cols, Object[] actual, Object[] expected,
                                         String ctx) {
        assertThat(actual).as(ctx).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            Object a = actual[i];
            Object e = expected[i];
            if (e instanceof Double d && a instanceof Double x) {
                assertThat(Double.doubleToRawLongBits(x)).as(ctx + " column " + i)
                        .isEqualTo(Double.doubleToRawLongBits(d));
            } else if (e instanceof Float f && a instanceof Float x) {
                assertThat(Float.floatToRawIntBits(x)).as(ctx + " column " + i)
                        .isEqualTo(Float.floatToRawIntBits(f));
            } else {
                assertThat(Objects.deepEquals(a, e)).as(ctx + " column " + i + " ("
                        + cols.get(i).type() + "): " + a + " vs " + e).isTrue();
            }
        }
    }

    @Test
    void textOfEveryLengthAndKindRoundTripsOrIsRefused() {
        RowCodec codec = new RowCodec(new RowSchema(1, List.of(RowColumn.of(0, DataType.TEXT))));
        String ascii = "0123456789-".repeat(500); // longer than the scratch characters (4,096)
        for (int n : new int[] {0, 1, 63, 64, 65, 200, 4096, 4097, 5500}) {
            for (String tail : new String[] {"", "\u00e9", "\u20ac", "\ud83d\ude00"}) {
                String v = ascii.substring(0, n) + tail + ascii.substring(0, Math.min(n, 70));
                assertThat(codec.decode(codec.encode(new Object[] {v}))[0]).as("length %d, tail %s", n, tail)
                        .isEqualTo(v);
            }
            for (String bad : new String[] {"\u0000", "\ud83d", "\ude00x"}) {
                String v = ascii.substring(0, n) + bad + "x";
                assertThatThrownBy(() -> codec.encode(new Object[] {v}))
                        .as("length %d", n).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void randomRowsRoundTripExactlyIncludingProjections() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        RandomValues gen = new RandomValues(rnd);
        for (int round = 0; round < 300; round++) {
            int n = rnd.nextInt(12);
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ids.add(i);
            }
            Collections.shuffle(ids, rnd);
            List<RowColumn> cols = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                cols.add(RowColumn.of(ids.get(i), ALL_TYPES.get(rnd.nextInt(ALL_TYPES.size()))));
            }
            RowCodec codec = new RowCodec(new RowSchema(rnd.nextInt(1000), cols));
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                values[i] = rnd.nextInt(5) == 0 ? null : gen.value(cols.get(i).type());
            }
            byte[] row = codec.encode(values);
            String ctx = "seed " + seed + " round " + round + " " + cols + " row " + HEX.formatHex(row);
            assertThat(RowCodec.schemaVersion(row)).isEqualTo(codec.schema().version());
            assertSameValues(cols, codec.decode(row), values, ctx);
            if (n > 0) {
                int[] proj = rnd.ints(rnd.nextInt(n) + 1, 0, n).toArray();
                Object[] expected = Arrays.stream(proj).mapToObj(i -> values[i]).toArray();
                List<RowColumn> projCols = Arrays.stream(proj).mapToObj(cols::get).toList();
                assertSameValues(projCols, codec.decode(row, proj), expected, ctx + " projection "
                        + Arrays.toString(proj));
                assertSameValues(projCols, viaProjector(codec, row, proj), expected, ctx + " projector "
                        + Arrays.toString(proj));
                int one = rnd.nextInt(n);
                assertSameValues(List.of(cols.get(one)), new Object[] {codec.decodeColumn(row, one)},
                        new Object[] {values[one]}, ctx + " column " + one);
            }
        }
    }

    /** Decodes {@code proj} of {@code row} with a {@link RowCodec.Projector}, integers through getLong. */
    private static Object[] viaProjector(RowCodec codec, byte[] row, int[] proj) {
        RowCodec.Projector p = codec.projector(proj);
        p.reset(row);
        Object[] out = new Object[proj.length];
        for (int k = 0; k < proj.length; k++) {
            TypeId t = codec.schema().columns().get(proj[k]).type().id();
            if (p.isNull(k)) {
                assertThat(p.get(k)).isNull();
            } else if (t == TypeId.SMALLINT) {
                out[k] = (short) p.getLong(k);
            } else if (t == TypeId.INTEGER) {
                out[k] = (int) p.getLong(k);
            } else if (t == TypeId.BIGINT) {
                out[k] = p.getLong(k);
            } else {
                out[k] = p.get(k);
            }
        }
        return out;
    }

    @Test
    void largeValuesUseWiderOffsets() {
        List<RowColumn> cols = List.of(RowColumn.of(0, DataType.TEXT), RowColumn.of(1, DataType.BYTEA),
                RowColumn.of(2, DataType.INTEGER));
        RowCodec codec = new RowCodec(new RowSchema(1, cols));
        for (int size : new int[] {0, 255, 256, 65_535, 65_536, 300_000}) {
            Object[] values = {"x".repeat(size), new byte[size], 7};
            byte[] row = codec.encode(values);
            assertSameValues(cols, codec.decode(row), values, "size " + size);
            assertThat(codec.decodeColumn(row, 2)).isEqualTo(7);
        }
    }

    @Test
    void olderRowsReadWithNewerSchema() {
        // version 1: id, name, price; version 2: DROP name, ADD stock DEFAULT 0, ADD note (NULL)
        RowSchema v1 = new RowSchema(1, List.of(RowColumn.of(0, DataType.INTEGER),
                RowColumn.of(1, DataType.TEXT), RowColumn.of(2, DataType.numeric(10, 2))));
        RowSchema v2 = new RowSchema(2, List.of(RowColumn.of(0, DataType.INTEGER),
                RowColumn.of(2, DataType.numeric(10, 2)), new RowColumn(3, DataType.BIGINT, 0L),
                RowColumn.of(4, DataType.TEXT)));
        byte[] old = new RowCodec(v1).encode(new Object[] {1, "widget", new BigDecimal("9.99")});
        RowCodec now = new RowCodec(v2);
        assertThat(RowCodec.schemaVersion(old)).isEqualTo(1);
        assertThat(now.decode(old)).containsExactly(1, new BigDecimal("9.99"), 0L, null);
        assertThat(now.decode(old, new int[] {2, 0})).containsExactly(0L, 1);
        assertThat(viaProjector(now, old, new int[] {2, 0, 3, 1})).containsExactly(0L, 1, null,
                new BigDecimal("9.99"));
        byte[] fresh = now.encode(new Object[] {2, null, 5L, "new"});
        assertThat(now.decode(fresh)).containsExactly(2, null, 5L, "new");
        // version 3 drops the last column (id 4): older rows still read, slot 4 is ignored
        RowSchema v3 = new RowSchema(3, List.of(RowColumn.of(0, DataType.INTEGER),
                new RowColumn(3, DataType.BIGINT, 0L)));
        RowCodec v3codec = new RowCodec(v3);
        assertThat(v3codec.decode(fresh)).containsExactly(2, 5L);
        assertThat(v3codec.decode(old)).containsExactly(1, 0L);
        byte[] v3row = v3codec.encode(new Object[] {3, 6L});
        assertThat(new RowCodec(v2).decode(v3row)).containsExactly(3, null, 6L, null);
    }

    @Test
    void columnOrderIsIndependentOfIds() {
        RowSchema s = new RowSchema(0, List.of(RowColumn.of(5, DataType.TEXT),
                RowColumn.of(0, DataType.INTEGER), RowColumn.of(2, DataType.BOOLEAN)));
        RowCodec c = new RowCodec(s);
        byte[] row = c.encode(new Object[] {"five", 0, true});
        assertThat(c.decode(row)).containsExactly("five", 0, true);
        RowSchema reordered = new RowSchema(1, List.of(RowColumn.of(2, DataType.BOOLEAN),
                RowColumn.of(5, DataType.TEXT)));
        assertThat(new RowCodec(reordered).decode(row)).containsExactly(true, "five");
    }

    /** Format 1 byte for byte; this must keep decoding forever (ARCHITECTURE.md). */
    @Test
    void formatOneGoldenRow() {
        RowSchema s = new RowSchema(7, List.of(RowColumn.of(0, DataType.INTEGER),
                RowColumn.of(1, DataType.TEXT), RowColumn.of(3, DataType.BOOLEAN),
                RowColumn.of(4, DataType.numeric(6, 2)), RowColumn.of(5, DataType.DATE)));
        RowCodec c = new RowCodec(s);
        Object[] values = {-3, "hé", null, new BigDecimal("12.50"), LocalDate.of(2000, 1, 2)};
        byte[] row = c.encode(values);
        // 01 format | 07 version | 06 slots | 0c bitmap (slots 2, 3 NULL) | 01 width
        // | 01 04 07 08 end offsets | 05 -3 | 68 c3 a9 "hé" | 04 04e2 scale 2, 1250 | 02 day 1
        String golden = "010706" + "0c" + "01" + "01040708" + "05" + "68c3a9" + "0404e2" + "02";
        assertThat(HEX.formatHex(row)).isEqualTo(golden);
        assertThat(c.decode(HEX.parseHex(golden))).containsExactly(values);
    }

    @Test
    void corruptRowsFailWithDataCorrupted() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        RandomValues gen = new RandomValues(rnd);
        List<RowColumn> cols = new ArrayList<>();
        for (int i = 0; i < ALL_TYPES.size(); i++) {
            cols.add(RowColumn.of(i, ALL_TYPES.get(i)));
        }
        RowCodec codec = new RowCodec(new RowSchema(3, cols));
        for (int round = 0; round < 200; round++) {
            Object[] values = new Object[cols.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rnd.nextInt(4) == 0 ? null : gen.value(cols.get(i).type());
            }
            byte[] row = codec.encode(values);
            for (int len = 0; len < row.length; len++) {
                byte[] cut = Arrays.copyOf(row, len);
                assertThatThrownBy(() -> codec.decode(cut)).as("seed %d truncated to %d", seed, len)
                        .isInstanceOf(SqlException.class)
                        .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo("XX001"));
                int[] every = java.util.stream.IntStream.range(0, cols.size()).toArray();
                assertThatThrownBy(() -> viaProjector(codec, cut, every)).as("seed %d truncated to %d", seed, len)
                        .isInstanceOf(SqlException.class)
                        .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo("XX001"));
            }
            for (int k = 0; k < 50; k++) {
                byte[] bad = row.clone();
                int flips = 1 + rnd.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    bad[rnd.nextInt(bad.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
                try {
                    codec.decode(bad);
                    for (int i = 0; i < cols.size(); i++) {
                        codec.decode(bad, new int[] {i});
                    }
                } catch (SqlException e) {
                    assertThat(e.sqlState()).as("seed %d: %s", seed, e).isEqualTo("XX001");
                    assertThat(e.getMessage()).startsWith("corrupt row");
                }
                try {
                    for (int i = 0; i < cols.size(); i++) {
                        viaProjector(codec, bad, new int[] {i});
                    }
                } catch (SqlException e) {
                    assertThat(e.sqlState()).as("seed %d: %s", seed, e).isEqualTo("XX001");
                    assertThat(e.getMessage()).startsWith("corrupt row");
                }
            }
        }
        assertThatThrownBy(() -> codec.decode(new byte[] {2})).isInstanceOf(SqlException.class)
                .hasMessage("corrupt row: unknown row format 0x2 at byte 1");
    }

    @Test
    void rejectsBadArguments() {
        RowCodec c = new RowCodec(new RowSchema(0, List.of(RowColumn.of(0, DataType.INTEGER))));
        assertThatThrownBy(() -> c.encode(new Object[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.encode(new Object[] {"1"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RowSchema(0, List.of(RowColumn.of(0, DataType.INTEGER),
                RowColumn.of(0, DataType.TEXT)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowColumn.of(RowCodec.MAX_COLUMNS, DataType.TEXT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RowColumn(0, DataType.INTEGER, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        RowCodec empty = new RowCodec(new RowSchema(0, List.of()));
        assertThat(empty.decode(empty.encode(new Object[0]))).isEmpty();
        RowCodec j = new RowCodec(new RowSchema(0, List.of(RowColumn.of(0, DataType.JSON),
                RowColumn.of(1, DataType.JSONB), RowColumn.of(2, DataType.INTERVAL))));
        Object[] v = {new Json("{ \"a\" :1 }"), Jsonb.parse("{\"a\": 1.50}"), new Interval(1, -2, 3)};
        assertThat(j.decode(j.encode(v))).containsExactly(v);
        assertThat(TypeId.values()).allSatisfy(t -> assertThat(ALL_TYPES.stream()
                .anyMatch(d -> d.id() == t)).as(t.toString()).isTrue());
    }

    @Test
    void checksValuesWhileWritingThemAsValuesCheckDoes() {
        RowCodec c = new RowCodec(new RowSchema(0, List.of(RowColumn.of(0, DataType.TEXT),
                RowColumn.of(1, DataType.NUMERIC), RowColumn.of(2, DataType.DATE),
                RowColumn.of(3, DataType.TIMESTAMPTZ))));
        Object[][] bad = {
            {"a\0b", null, null, null}, {"x\ud800", null, null, null}, {"\udc00y", null, null, null},
            {null, new BigDecimal("1e-20000"), null, null}, {null, null, LocalDate.of(-5000, 1, 1), null},
            {null, null, null, java.time.OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.ofHours(1))},
            {null, "1.5", null, null}, {42, null, null, null},
        };
        for (Object[] row : bad) {
            assertThatThrownBy(() -> c.encode(row)).as(Arrays.toString(row)).isInstanceOf(IllegalArgumentException.class);
        }
        Object[] good = {"a\u00e9\u20ac\ud83d\ude00z", new BigDecimal("-1.50"), LocalDate.MAX,
            java.time.OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC)};
        assertThat(c.decode(c.encode(good))).containsExactly(good);
    }

    @Test
    void numericsAreStoredAsTheirUnscaledTwosComplementBytes() {
        RowCodec c = new RowCodec(new RowSchema(0, List.of(RowColumn.of(0, DataType.NUMERIC))));
        long[] unscaled = {0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768, -32769, Long.MAX_VALUE,
            Long.MIN_VALUE, Long.MAX_VALUE / 3, -(1L << 40)};
        for (long u : unscaled) {
            for (int scale : new int[] {0, 2, 7}) {
                BigDecimal v = BigDecimal.valueOf(u, scale);
                byte[] row = c.encode(new Object[] {v});
                byte[] expected = v.unscaledValue().toByteArray();
                // the value ends the row: zigzag scale (one byte here), then the unscaled bytes
                assertThat(Arrays.copyOfRange(row, row.length - expected.length, row.length)).as(v.toString())
                        .isEqualTo(expected);
                assertThat(row[row.length - expected.length - 1]).isEqualTo((byte) (scale * 2));
                assertThat(c.decode(row)).containsExactly(v);
            }
        }
        BigDecimal big = new BigDecimal("123456789012345678901234567890.12");
        assertThat(c.decode(c.encode(new Object[] {big}))).containsExactly(big);
    }
}
