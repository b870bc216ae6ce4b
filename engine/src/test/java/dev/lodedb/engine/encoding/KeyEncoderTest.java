package dev.lodedb.engine.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.RandomValues;
import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.TestSeeds;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Interval;
import dev.lodedb.engine.types.Jsonb;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyEncoderTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String hex(DataType t, Object v) {
        return HEX.formatHex(new KeyEncoder(List.of(KeyColumn.asc(t))).encode(v));
    }

    /** The examples of docs/engine/encoding.md; the key format must never change. */
    @Test
    void goldenEncodings() {
        assertThat(hex(DataType.INTEGER, 1)).isEqualTo("0180000001");
        assertThat(hex(DataType.INTEGER, -1)).isEqualTo("017fffffff");
        assertThat(hex(DataType.SMALLINT, (short) 0)).isEqualTo("018000");
        assertThat(hex(DataType.BIGINT, Long.MIN_VALUE)).isEqualTo("010000000000000000");
        assertThat(hex(DataType.DOUBLE, 1.0)).isEqualTo("01bff0000000000000");
        assertThat(hex(DataType.DOUBLE, -1.0)).isEqualTo("01400fffffffffffff");
        assertThat(hex(DataType.DOUBLE, -0.0)).isEqualTo("018000000000000000");
        assertThat(hex(DataType.DOUBLE, Double.NaN)).isEqualTo("01fff8000000000000");
        assertThat(hex(DataType.REAL, 1.0f)).isEqualTo("01bf800000");
        assertThat(hex(DataType.NUMERIC, BigDecimal.ZERO)).isEqualTo("0102");
        assertThat(hex(DataType.NUMERIC, new BigDecimal("1.00"))).isEqualTo("01038102");
        assertThat(hex(DataType.NUMERIC, new BigDecimal("123.45"))).isEqualTo("010382032f5a");
        assertThat(hex(DataType.NUMERIC, new BigDecimal("-123.45"))).isEqualTo("01017dfcd0a5");
        assertThat(hex(DataType.NUMERIC, new BigDecimal("0.001"))).isEqualTo("01037f14");
        assertThat(hex(DataType.TEXT, "ab")).isEqualTo("0161620001");
        assertThat(hex(DataType.TEXT, "")).isEqualTo("010001");
        assertThat(hex(DataType.BYTEA, new byte[] {0, (byte) 0xff})).isEqualTo("0100ffff0001");
        assertThat(hex(DataType.character(3), "a  ")).isEqualTo("01610001");
        assertThat(hex(DataType.BOOLEAN, true)).isEqualTo("0101");
        assertThat(hex(DataType.DATE, LocalDate.of(2000, 1, 1))).isEqualTo("0180000000");
        assertThat(hex(DataType.DATE, LocalDate.MAX)).isEqualTo("01ffffffff");
        assertThat(hex(DataType.INTERVAL, new Interval(0, 0, 1)))
                .isEqualTo("0180000000000000000000000000000001");
        assertThat(hex(DataType.UUID, new UUID(0x0102030405060708L, 0x090a0b0c0d0e0f10L)))
                .isEqualTo("01" + "0102030405060708090a0b0c0d0e0f10");
        assertThat(hex(DataType.JSONB, Jsonb.parse("{\"a\": [true, null]}")))
                .isEqualTo("01" + "0781" + "610001" + "06" + "82" + "01" + "05" + "01");
        assertThat(hex(DataType.JSONB, Jsonb.parse("\"x\""))).isEqualTo("01" + "068100" + "02780001");
        KeyEncoder two = new KeyEncoder(List.of(KeyColumn.desc(DataType.INTEGER),
                new KeyColumn(DataType.TEXT, false, true)));
        assertThat(HEX.formatHex(two.encode(1, null))).isEqualTo("017ffffffe" + "00");
        assertThat(HEX.formatHex(two.encode(null, "a"))).isEqualTo("00" + "01610001");
        KeyEncoder last = new KeyEncoder(List.of(KeyColumn.asc(DataType.INTEGER)));
        assertThat(HEX.formatHex(last.encode((Object) null))).isEqualTo("02");
    }

    @Test
    void nullPlacementIsIndependentOfDirection() {
        for (boolean desc : new boolean[] {false, true}) {
            for (boolean nullsFirst : new boolean[] {false, true}) {
                KeyEncoder e = new KeyEncoder(List.of(new KeyColumn(DataType.INTEGER, desc, nullsFirst)));
                byte[] nul = e.encode((Object) null);
                for (int v : new int[] {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE}) {
                    int c = Arrays.compareUnsigned(nul, e.encode(v));
                    assertThat(c < 0).as("desc %s nullsFirst %s value %d", desc, nullsFirst, v)
                            .isEqualTo(nullsFirst);
                }
            }
        }
    }

    @Test
    void prefixScansBoundTheirKeys() {
        KeyEncoder e = new KeyEncoder(List.of(KeyColumn.asc(DataType.TEXT), KeyColumn.desc(DataType.BIGINT)));
        byte[] lo = e.encodePrefix(List.of("b"));
        byte[] hi = KeyEncoder.prefixSuccessor(lo);
        for (String s : new String[] {"a", "b", "b\u0001", "ba", "c"}) {
            for (Long v : new Long[] {null, Long.MIN_VALUE, 0L, Long.MAX_VALUE}) {
                byte[] k = e.encode(s, v);
                boolean inside = Arrays.compareUnsigned(k, lo) >= 0 && Arrays.compareUnsigned(k, hi) < 0;
                assertThat(inside).as("%s %s", s, v).isEqualTo(s.equals("b"));
            }
        }
        assertThat(KeyEncoder.prefixSuccessor(new byte[] {1, (byte) 0xff})).containsExactly(2);
        assertThat(KeyEncoder.prefixSuccessor(new byte[] {(byte) 0xff})).isNull();
        assertThat(KeyEncoder.prefixSuccessor(new byte[0])).isNull();
        byte[] headed = e.encodePrefix(new byte[] {9, 9}, List.of("b", 5L));
        assertThat(Arrays.copyOfRange(headed, 0, 2)).containsExactly(9, 9);
        assertThat(e.decode(headed, 2, headed.length - 2)).containsExactly("b", 5L);
    }

    @Test
    void numericKeysIgnoreScaleAndDecodeNormalized() {
        KeyEncoder e = new KeyEncoder(List.of(KeyColumn.asc(DataType.NUMERIC)));
        assertThat(e.encode(new BigDecimal("1.0"))).isEqualTo(e.encode(new BigDecimal("1.000")));
        assertThat(e.decode(e.encode(new BigDecimal("1.500")))).containsExactly(new BigDecimal("1.5"));
        assertThat(e.decode(e.encode(new BigDecimal("1E+5")))).containsExactly(new BigDecimal("100000"));
        assertThat(e.decode(e.encode(new BigDecimal("-0.00012300")))).containsExactly(new BigDecimal("-0.000123"));
        assertThat(KeyEncoder.isLossless(DataType.NUMERIC)).isFalse();
        assertThat(KeyEncoder.isLossless(DataType.character(4))).isTrue();
        assertThat(KeyEncoder.isLossless(DataType.BPCHAR)).isFalse();
        assertThat(KeyEncoder.isLossless(DataType.TEXT)).isTrue();
    }

    @Test
    void jsonIsNotAKeyType() {
        assertThatThrownBy(() -> new KeyEncoder(List.of(KeyColumn.asc(DataType.JSON))))
                .isInstanceOf(SqlException.class)
                .hasMessage("data type json has no default operator class for access method \"btree\"")
                .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo("42704"));
    }

    @Test
    void badArgumentsAreProgrammingErrors() {
        KeyEncoder e = new KeyEncoder(List.of(KeyColumn.asc(DataType.INTEGER)));
        assertThatThrownBy(() -> e.encode(1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.encode(1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.encodePrefix(List.of(1, 2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyEncoder(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void corruptKeysFailWithDataCorrupted() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        RandomValues gen = new RandomValues(rnd);
        List<KeyColumn> cols = RandomValues.KEY_TYPES.stream()
                .map(t -> new KeyColumn(t, rnd.nextBoolean(), rnd.nextBoolean())).toList();
        KeyEncoder e = new KeyEncoder(cols);
        for (int round = 0; round < 100; round++) {
            Object[] values = cols.stream().map(c -> rnd.nextInt(5) == 0 ? null : gen.value(c.type()))
                    .toArray();
            byte[] key = e.encode(values);
            for (int len = 0; len < key.length; len++) {
                byte[] cut = Arrays.copyOf(key, len);
                assertThatThrownBy(() -> e.decode(cut)).as("seed %d cut %d", seed, len)
                        .isInstanceOf(SqlException.class)
                        .satisfies(x -> assertThat(((SqlException) x).sqlState()).isEqualTo("XX001"));
            }
            byte[] longer = Arrays.copyOf(key, key.length + 1);
            assertThatThrownBy(() -> e.decode(longer)).isInstanceOf(SqlException.class)
                    .hasMessageContaining("1 trailing bytes");
            for (int k = 0; k < 30; k++) {
                byte[] bad = key.clone();
                bad[rnd.nextInt(bad.length)] ^= (byte) (1 + rnd.nextInt(255));
                try {
                    e.decode(bad);
                } catch (SqlException x) {
                    assertThat(x.sqlState()).as("seed %d: %s", seed, x).isEqualTo("XX001");
                }
            }
        }
    }
}
