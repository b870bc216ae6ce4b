package dev.lodedb.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Interval;
import dev.lodedb.engine.types.Json;
import dev.lodedb.engine.types.Jsonb;
import dev.lodedb.engine.types.PgEpoch;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Random SQL values of every type for property tests, biased towards edge cases: extremes,
 * zeros of both signs, NaN, infinities, values equal under SQL comparison but not {@code equals}
 * (1.0 and 1.00, '1 mon' and '30 days'), strings that are prefixes of each other, embedded 0x00
 * and 0xFF bytes, supplementary characters.
 */
public final class RandomValues {
    /** Every type that can be a key column, with and without modifiers. */
    public static final List<DataType> KEY_TYPES = List.of(DataType.BOOLEAN, DataType.SMALLINT,
            DataType.INTEGER, DataType.BIGINT, DataType.REAL, DataType.DOUBLE, DataType.NUMERIC,
            DataType.TEXT, DataType.varchar(20), DataType.character(5), DataType.BPCHAR,
            DataType.BYTEA, DataType.DATE, DataType.TIME, DataType.TIMESTAMP,
            DataType.TIMESTAMPTZ, DataType.INTERVAL, DataType.UUID, DataType.JSONB);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] STRING_ATOMS = {"", "a", "b", "ab", "a\u0001", "\u00ff",
        "é", "日本", "\uD83D\uDE00", "\uFFFD", "\uE000", " ", "z", "A", "aa"};

    private final Random rnd;

    public RandomValues(Random rnd) {
        this.rnd = rnd;
    }

    /** @return a random non-null value of {@code type} */
    public Object value(DataType type) {
        return switch (type.id()) {
            case BOOLEAN -> rnd.nextBoolean();
            case SMALLINT -> (short) integer(16);
            case INTEGER -> (int) integer(32);
            case BIGINT -> integer(64);
            case REAL -> (float) floating(true);
            case DOUBLE -> floating(false);
            case NUMERIC -> numeric();
            case TEXT, VARCHAR, UNKNOWN -> string(type.length() < 0 ? 12 : type.length());
            case CHAR -> character(type);
            case BYTEA -> bytes();
            case DATE -> date();
            case TIME -> LocalTime.ofNanoOfDay(pick(0L, 1L, 86_399_999_999L,
                    (long) (rnd.nextDouble() * 86_400_000_000L)) * 1000);
            case TIMESTAMP -> timestamp();
            case TIMESTAMPTZ -> {
                LocalDateTime t = timestamp();
                yield t.equals(LocalDateTime.MAX) ? Values.TIMESTAMPTZ_INFINITY
                        : t.equals(LocalDateTime.MIN) ? Values.TIMESTAMPTZ_MINUS_INFINITY
                        : t.atOffset(ZoneOffset.UTC);
            }
            case INTERVAL -> interval();
            case UUID -> rnd.nextInt(4) == 0
                    ? new UUID(pick(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE),
                            pick(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE))
                    : new UUID(rnd.nextLong(), rnd.nextLong());
            case JSON -> new Json(Jsonb.of(json(3)).toString());
            case JSONB -> rnd.nextInt(4) == 0 ? Jsonb.of(scalar()) : Jsonb.of(json(3));
        };
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[rnd.nextInt(options.length)];
    }

    private long integer(int bits) {
        long min = bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        return switch (rnd.nextInt(5)) {
            case 0 -> pick(min, max, 0L, -1L, 1L, min + 1, max - 1);
            case 1 -> rnd.nextInt(21) - 10;
            default -> {
                long v = rnd.nextLong() >> rnd.nextInt(64);
                yield Math.max(min, Math.min(max, v));
            }
        };
    }

    private double floating(boolean single) {
        switch (rnd.nextInt(6)) {
            case 0:
                return pick(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0,
                        -0.0, 1.0, -1.0, 0.1, -0.1);
            case 1:
                return single ? pick(Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE,
                        -Float.MAX_VALUE, Float.MIN_NORMAL)
                        : pick(Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE,
                        -Double.MAX_VALUE, Double.MIN_NORMAL);
            case 2:
                return rnd.nextInt(21) - 10;
            case 3:
                return single ? Float.intBitsToFloat(rnd.nextInt())
                        : Double.longBitsToDouble(rnd.nextLong());
            default:
                double d = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(40) - 20);
                return single ? (float) d : d;
        }
    }

    private BigDecimal numeric() {
        switch (rnd.nextInt(6)) {
            case 0:
                return pick(BigDecimal.ZERO, new BigDecimal("0.00"), BigDecimal.ONE,
                        new BigDecimal("1.0"), new BigDecimal("1.00"), new BigDecimal("-1"),
                        new BigDecimal("100"), new BigDecimal("0.01"), new BigDecimal("-0.010"),
                        new BigDecimal("99.99"), new BigDecimal("10"));
            case 1:
                return BigDecimal.valueOf(rnd.nextInt(2001) - 1000, rnd.nextInt(4));
            default:
                BigInteger unscaled = new BigInteger(1 + rnd.nextInt(120), rnd);
                if (rnd.nextBoolean()) {
                    unscaled = unscaled.negate();
                }
                BigDecimal v = new BigDecimal(unscaled, rnd.nextInt(80) - 20);
                return v.scale() < 0 ? v.setScale(0) : v;
        }
    }

    private String string(int maxLength) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(4) == 0) {
                int cp = 1 + rnd.nextInt(0x10FFFF);
                sb.appendCodePoint(cp >= 0xD800 && cp <= 0xDFFF ? 'x' : cp);
            } else {
                sb.append(pick(STRING_ATOMS));
            }
        }
        String s = sb.toString();
        int cps = s.codePointCount(0, s.length());
        return cps <= maxLength ? s : s.substring(0, s.offsetByCodePoints(0, maxLength));
    }

    private String character(DataType type) {
        int n = type.length() < 0 ? 6 : type.length();
        String s = string(n);
        if (type.length() >= 0) {
            return s + " ".repeat(n - s.codePointCount(0, s.length()));
        }
        return rnd.nextBoolean() ? Values.stripTrailingBlanks(s) : s;
    }

    private byte[] bytes() {
        byte[] b = new byte[rnd.nextInt(6)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) pick(0, 0xff, 1, 0x80, rnd.nextInt(256)).intValue();
        }
        return b;
    }

    private LocalDate date() {
        return switch (rnd.nextInt(6)) {
            case 0 -> pick(LocalDate.MAX, LocalDate.MIN, PgEpoch.MIN_DATE, PgEpoch.MAX_DATE,
                    LocalDate.of(2000, 1, 1), LocalDate.of(1999, 12, 31), LocalDate.of(0, 6, 1));
            default -> LocalDate.ofEpochDay(PgEpoch.MIN_DATE.toEpochDay() + (long) (rnd.nextDouble()
                    * (rnd.nextBoolean() ? 3_000_000 : PgEpoch.MAX_DATE.toEpochDay()
                    - PgEpoch.MIN_DATE.toEpochDay())));
        };
    }

    private LocalDateTime timestamp() {
        if (rnd.nextInt(8) == 0) {
            return pick(LocalDateTime.MAX, LocalDateTime.MIN, PgEpoch.MIN_TIMESTAMP,
                    PgEpoch.MAX_TIMESTAMP, LocalDateTime.of(2000, 1, 1, 0, 0));
        }
        long min = PgEpoch.toPgMicros(PgEpoch.MIN_TIMESTAMP);
        long max = PgEpoch.toPgMicros(PgEpoch.MAX_TIMESTAMP);
        long us = rnd.nextBoolean() ? (long) (rnd.nextDouble() * 4e18) - (long) 2e18
                : min + (long) (rnd.nextDouble() * ((double) max - min));
        return PgEpoch.fromPgMicros(Math.max(min, Math.min(max, us)));
    }

    private Interval interval() {
        return switch (rnd.nextInt(5)) {
            case 0 -> pick(new Interval(1, 0, 0), new Interval(0, 30, 0),
                    new Interval(0, 1, 0), new Interval(0, 0, 86_400_000_000L), Interval.ZERO,
                    new Interval(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE),
                    new Interval(Integer.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE),
                    new Interval(-1, 30, 0), new Interval(0, -1, 86_400_000_000L));
            case 1 -> new Interval(rnd.nextInt(25) - 12, rnd.nextInt(61) - 30,
                    (rnd.nextInt(49) - 24) * 3_600_000_000L);
            default -> new Interval(rnd.nextInt(), rnd.nextInt(), rnd.nextLong());
        };
    }

    private JsonNode scalar() {
        return switch (rnd.nextInt(5)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(rnd.nextBoolean());
            case 2 -> NODES.numberNode(numeric());
            default -> NODES.textNode(string(6));
        };
    }

    private JsonNode json(int depth) {
        int kind = rnd.nextInt(depth <= 0 ? 1 : 3);
        if (kind == 0) {
            return scalar();
        }
        if (kind == 1) {
            ArrayNode a = NODES.arrayNode();
            int n = rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                a.add(json(depth - 1));
            }
            return a;
        }
        ObjectNode o = NODES.objectNode();
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            o.set(string(4), json(depth - 1));
        }
        return o;
    }

    /** @return whether {@code type} is orderable and may be a key column */
    public static boolean isKeyType(DataType type) {
        return type.id() != TypeId.JSON;
    }
}
