package dev.lodedb.engine.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Jsonb;
import dev.lodedb.engine.types.Values;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Damaged keys and rows, and values at PostgreSQL's limits: decoding must fail fast with XX001
 * (never another SQLSTATE, never minutes of work), and every valid value must round-trip.
 */
class HostileInputTest {
    private static final HexFormat HEX = HexFormat.of();

    private static void assertCorrupt(Runnable r, String messagePart) {
        assertThatThrownBy(r::run).isInstanceOf(SqlException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo("XX001"));
    }

    /** A flipped exponent byte once made the decoder expand a 2^31-digit number for minutes. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void hugeDecimalExponentIsRejectedBeforeExpansion() {
        KeyEncoder numeric = new KeyEncoder(List.of(KeyColumn.asc(DataType.NUMERIC)));
        // positive tag, exponent 0xfb + 4 bytes (about 2^31), one digit
        assertCorrupt(() -> numeric.decode(HEX.parseHex("0103" + "fb7fffff00" + "02")),
                "outside PostgreSQL's numeric range");
        // negative exponent of about -2^31 (complemented bytes)
        assertCorrupt(() -> numeric.decode(HEX.parseHex("0103" + "0480000000" + "02")),
                "outside PostgreSQL's numeric range");
        KeyEncoder jsonb = new KeyEncoder(List.of(KeyColumn.asc(DataType.JSONB)));
        // raw scalar number with the same exponent
        assertCorrupt(() -> jsonb.decode(HEX.parseHex("01" + "06" + "81" + "00" + "03"
                + "03" + "fb7fffff00" + "02")), "outside PostgreSQL's numeric range");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void numericAtTheLimitsRoundTrips() {
        KeyEncoder k = new KeyEncoder(List.of(KeyColumn.asc(DataType.NUMERIC)));
        for (BigDecimal v : List.of(new BigDecimal("1E+131071").setScale(0),
                new BigDecimal("-9E+131071").setScale(0), new BigDecimal("1E-16383"),
                new BigDecimal("-1E-16383"))) {
            assertThat(((BigDecimal) k.decode(k.encode(v))[0]).compareTo(v)).isZero();
        }
        assertThatThrownBy(() -> k.encode(new BigDecimal("1E+131072")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> k.encode(new BigDecimal("1E-16384")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A valid number whose E-notation exponent exceeds numeric input's +-1000 (PostgreSQL 15). */
    @Test
    void jsonbWithLongFractionRoundTripsThroughKeysRowsAndOf() {
        String tiny = "0." + "0".repeat(1199) + "1";
        Jsonb v = (Jsonb) Values.parse(DataType.JSONB, "[" + tiny + ", {\"a\": " + tiny + "}]");
        assertThat(Jsonb.of(v.node())).isEqualTo(v);
        KeyEncoder k = new KeyEncoder(List.of(KeyColumn.desc(DataType.JSONB)));
        assertThat(k.decode(k.encode(v))[0]).isEqualTo(v);
        RowCodec rows = new RowCodec(new RowSchema(0, List.of(RowColumn.of(0, DataType.JSONB))));
        assertThat(rows.decode(rows.encode(new Object[] {v}))[0]).isEqualTo(v);
    }

    @Test
    void damagedStringsAndDatesInKeysAreCorruption() {
        KeyEncoder text = new KeyEncoder(List.of(KeyColumn.asc(DataType.TEXT)));
        // 'a', escaped 0x00, 'b', terminator: a NUL no text value can hold
        assertCorrupt(() -> text.decode(HEX.parseHex("01" + "61" + "00ff" + "62" + "0001")),
                "NUL character");
        KeyEncoder jsonb = new KeyEncoder(List.of(KeyColumn.asc(DataType.JSONB)));
        // raw scalar string holding a NUL
        assertCorrupt(() -> jsonb.decode(HEX.parseHex("01" + "06" + "81" + "00" + "02"
                + "6100ff" + "0001")), "NUL character");
        KeyEncoder date = new KeyEncoder(List.of(KeyColumn.asc(DataType.DATE)));
        // 2^31 - 2 days after 2000-01-01 is beyond 5874897-12-31
        assertCorrupt(() -> date.decode(HEX.parseHex("01" + "fffffffe")), "date out of range");
        KeyEncoder ts = new KeyEncoder(List.of(KeyColumn.asc(DataType.TIMESTAMP)));
        assertCorrupt(() -> ts.decode(HEX.parseHex("01" + "fffffffffffffffe")),
                "timestamp out of range");
    }

    @Test
    void damagedNumericScaleAndTimestampInRowsAreCorruption() {
        RowCodec numeric = new RowCodec(new RowSchema(0,
                List.of(RowColumn.of(0, DataType.NUMERIC))));
        byte[] row = numeric.encode(new Object[] {new BigDecimal("1.5")});
        // format 1, version 0, 1 slot, bitmap 0, width 1, end offset, then scale (zigzag 1 = 2)
        assertThat(HEX.formatHex(row)).isEqualTo("010001000102" + "02" + "0f");
        byte[] bad = HEX.parseHex("01000100010" + "6" + "feffffff0f" + "0f");
        assertCorrupt(() -> numeric.decode(bad), "bad numeric");
        RowCodec ts = new RowCodec(new RowSchema(0,
                List.of(RowColumn.of(0, DataType.TIMESTAMPTZ))));
        // zigzag 2^63 - 2 microseconds: finite but far beyond 294276 AD
        byte[] far = HEX.parseHex("0100010001" + "0a" + "fcffffffffffffffff01");
        assertCorrupt(() -> ts.decode(far), "timestamp out of range");
    }
}
