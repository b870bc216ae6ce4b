package dev.lodedb.engine.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.SqlException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The long-arithmetic fast paths of integer and numeric input ({@code NumericText.parseInteger},
 * {@code NumericText.parseNumeric(text, type)}) give exactly what the general rules give: the same
 * value with the same scale, or the same error. Random inputs from a fixed seed.
 */
class NumericFastPathTest {
    private static final long SEED = 20261122L;

    /** The outcome of a parse as comparable text: the value with its scale, or SQLSTATE, message and detail. */
    private static String outcome(java.util.function.Supplier<Object> parse) {
        try {
            Object v = parse.get();
            return v instanceof BigDecimal b ? b.unscaledValue() + "e-" + b.scale() : String.valueOf(v);
        } catch (SqlException e) {
            return e.sqlState() + " " + e.getMessage() + " / " + e.detail();
        }
    }

    /** PostgreSQL's apply_typmod on the exact value of a plain decimal, computed with BigDecimal alone. */
    private static String reference(String text, int p, int s) {
        BigDecimal parsed = new BigDecimal(text);
        BigDecimal v = parsed.scale() < 0 ? parsed.setScale(0) : parsed;
        return outcome(() -> {
            if (p < 0) {
                return v;
            }
            BigDecimal r = v.setScale(s, RoundingMode.HALF_UP);
            int maxDigits = p - s;
            if (r.signum() != 0 && r.precision() - r.scale() > maxDigits) {
                throw new SqlException(SqlException.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow")
                        .withDetail("A field with precision " + p + ", scale " + s
                                + " must round to an absolute value less than "
                                + (maxDigits != 0 ? "10^" + maxDigits : "1") + ".");
            }
            return r;
        });
    }

    private static String digits(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    @Test
    void plainDecimalsWithAModifierMatchTheGeneralRules() {
        Random r = new Random(SEED);
        for (int i = 0; i < 200_000; i++) {
            int intDigits = r.nextInt(12);
            int fracDigits = r.nextInt(10);
            if (intDigits + fracDigits == 0) {
                continue;
            }
            String text = (r.nextInt(4) == 0 ? "-" : "") + digits(r, intDigits)
                    + (fracDigits > 0 || r.nextInt(8) == 0 ? "." + digits(r, fracDigits) : "");
            if (text.endsWith(".") && !text.matches(".*[0-9]\\.")) {
                continue;
            }
            int p = 1 + r.nextInt(20);
            int s = r.nextInt(p + 1);
            DataType type = DataType.parse("numeric(" + p + "," + s + ")");
            String got = outcome(() -> Values.parse(type, text));
            assertThat(got).as("%s as numeric(%d,%d)", text, p, s).isEqualTo(reference(text, p, s));
        }
    }

    @Test
    void edgeCasesOfTheNumericFastPath() {
        String[][] cases = {
            {"0.005", "15", "2"}, {"-0.005", "15", "2"}, {"-0.004", "15", "2"}, {"999999999999999.994", "18", "2"},
            {"9999999999999.995", "15", "2"}, {"9999999999999.99", "15", "2"}, {"123456789012345678", "18", "0"},
            {"12345678901234567.8", "18", "0"}, {"0.000000000000000001", "18", "18"}, {"1", "18", "18"},
            {"0.1", "1", "1"}, {"1.", "3", "1"}, {"-0", "3", "1"}, {"00012.50", "6", "2"},
        };
        for (String[] c : cases) {
            int p = Integer.parseInt(c[1]);
            int s = Integer.parseInt(c[2]);
            DataType type = DataType.parse("numeric(" + p + "," + s + ")");
            assertThat(outcome(() -> Values.parse(type, c[0]))).as(c[0]).isEqualTo(reference(c[0], p, s));
        }
        // forms the fast path leaves to the general parser
        assertThat(Values.parse(DataType.parse("numeric(6,2)"), " 1.5 ")).isEqualTo(new BigDecimal("1.50"));
        assertThat(Values.parse(DataType.parse("numeric(6,2)"), "+1.5")).isEqualTo(new BigDecimal("1.50"));
        assertThat(Values.parse(DataType.parse("numeric(6,2)"), "1e2")).isEqualTo(new BigDecimal("100.00"));
        assertThat(Values.parse(DataType.parse("numeric(6,2)"), "1_0.5")).isEqualTo(new BigDecimal("10.50"));
    }

    @Test
    void integersMatchBigIntegerAndTheRangeOfTheirType() {
        Random r = new Random(SEED);
        String[] types = {"smallint", "integer", "bigint"};
        long[][] ranges = {{Short.MIN_VALUE, Short.MAX_VALUE}, {Integer.MIN_VALUE, Integer.MAX_VALUE},
            {Long.MIN_VALUE, Long.MAX_VALUE}};
        for (int i = 0; i < 200_000; i++) {
            int n = 1 + r.nextInt(21);
            String sign = switch (r.nextInt(5)) {
                case 0 -> "-";
                case 1 -> "+";
                default -> "";
            };
            String text = sign + digits(r, n);
            int k = r.nextInt(3);
            DataType type = DataType.parse(types[k]);
            BigInteger v = new BigInteger(text);
            String expected = v.compareTo(BigInteger.valueOf(ranges[k][0])) < 0
                    || v.compareTo(BigInteger.valueOf(ranges[k][1])) > 0
                    ? "22003 value \"" + text + "\" is out of range for type " + types[k] + " / null" : v.toString();
            assertThat(outcome(() -> Values.parse(type, text))).as(text).isEqualTo(expected);
        }
        assertThat(Values.parse(DataType.BIGINT, "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(Values.parse(DataType.BIGINT, "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Values.parse(DataType.INTEGER, "-2147483648")).isEqualTo(Integer.MIN_VALUE);
        assertThat(outcome(() -> Values.parse(DataType.INTEGER, "-"))).startsWith("22P02");
        assertThat(outcome(() -> Values.parse(DataType.INTEGER, "12a"))).startsWith("22P02");
        assertThat(Values.parse(DataType.INTEGER, "0x1F")).isEqualTo(31);
    }

    @Test
    void numbersRecognizedAsCanonicalArePrintedAsWritten() {
        Random r = new Random(SEED);
        String[] forms = {"0", "-0", "0.0", "-0.0", "00", "01", "-01", "0.5", "-0.50", "5.", ".5", "1e2", "-", "",
            "123456789012345678", "1234567890123456789", "12.345678901234567", "-9.99", "1.0"};
        for (String f : forms) {
            check(f);
        }
        for (int i = 0; i < 100_000; i++) {
            String text = (r.nextBoolean() ? "-" : "") + digits(r, 1 + r.nextInt(12))
                    + (r.nextBoolean() ? "." + digits(r, 1 + r.nextInt(8)) : "");
            check(text);
        }
    }

    private static void check(String text) {
        char[] padded = ("xx" + text + "yy").toCharArray();
        if (NumericText.isCanonicalPlainDecimal(padded, 2, text.length())) {
            assertThat(NumericText.canonicalText(text)).as(text).isEqualTo(text);
            assertThat(new BigDecimal(text).toPlainString()).as(text).isEqualTo(text);
        }
    }
}
