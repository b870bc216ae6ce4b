package dev.lodedb.sql.function;

import dev.lodedb.engine.SqlException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * {@code numeric} arithmetic with PostgreSQL's result scales ({@code src/backend/utils/adt/
 * numeric.c}): exact sums, differences and products; quotients, roots, logarithms, exponentials
 * and powers rounded (half away from zero) to a scale that gives at least {@code
 * NUMERIC_MIN_SIG_DIGITS} = 16 significant digits and never less than the inputs' scales, capped
 * at 1000 ({@code select_div_scale}, {@code numeric_sqrt}, {@code numeric_exp}, {@code
 * numeric_ln}, {@code numeric_log}, {@code power_var}). The transcendental functions are computed
 * in {@link BigDecimal} with guard digits, so all returned digits are correct.
 *
 * <p>Scales here are PostgreSQL's display scales: a {@link BigDecimal} with a negative scale is
 * treated as scale 0. Stateless and thread-safe.
 */
final class NumericMath {
    /** PostgreSQL's {@code NUMERIC_MIN_SIG_DIGITS}. */
    static final int MIN_SIG_DIGITS = 16;
    /** PostgreSQL's {@code NUMERIC_MAX_DISPLAY_SCALE}. */
    static final int MAX_DISPLAY_SCALE = 1000;
    /** Beyond this decimal weight numeric overflows (131072 digits before the point). */
    private static final int MAX_WEIGHT = 131072;

    private static final BigDecimal LN10_SEED = new BigDecimal(
            "2.302585092994045684017991454684364207601101488628772976033327900967572609677352");
    private static volatile BigDecimal ln10 = LN10_SEED;

    private NumericMath() {
    }

    /** @return the display scale of {@code x} (at least 0) */
    static int dscale(BigDecimal x) {
        return Math.max(0, x.scale());
    }

    private static int clampScale(int s) {
        return Math.max(0, Math.min(MAX_DISPLAY_SCALE, s));
    }

    /** @return {@code x} with display scale at least 0 (negative BigDecimal scales are widened) */
    static BigDecimal norm(BigDecimal x) {
        return x.scale() < 0 ? x.setScale(0) : x;
    }

    /** @return the exact product, scale = sum of the scales ({@code numeric_mul}) */
    static BigDecimal multiply(BigDecimal x, BigDecimal y) {
        return norm(x).multiply(norm(y));
    }

    /**
     * @return the base-10000 weight and first base-10000 digit of {@code |x|}, as PostgreSQL's
     *     {@code NumericVar} holds them ({@code {0, 0}} for zero)
     */
    private static int[] weightAndFirstDigit(BigDecimal x) {
        if (x.signum() == 0) {
            return new int[] {0, 0};
        }
        BigDecimal a = x.abs();
        int e = a.precision() - a.scale() - 1; // decimal exponent of the leading digit
        int w = Math.floorDiv(e, 4);
        int first = a.movePointLeft(4 * w).setScale(0, RoundingMode.DOWN).intValue();
        return new int[] {w, first};
    }

    /** @return PostgreSQL's {@code select_div_scale} for {@code x / y} */
    static int divScale(BigDecimal x, BigDecimal y) {
        int[] a = weightAndFirstDigit(x);
        int[] b = weightAndFirstDigit(y);
        int qweight = a[0] - b[0];
        if (a[1] <= b[1]) {
            qweight--;
        }
        int rscale = MIN_SIG_DIGITS - qweight * 4;
        rscale = Math.max(rscale, dscale(x));
        rscale = Math.max(rscale, dscale(y));
        return clampScale(rscale);
    }

    /**
     * @return {@code x / y} rounded half away from zero to {@link #divScale}
     * @throws SqlException 22012 if {@code y} is zero
     */
    static BigDecimal divide(BigDecimal x, BigDecimal y) {
        if (y.signum() == 0) {
            throw Errors.divisionByZero();
        }
        return x.divide(y, divScale(x, y), RoundingMode.HALF_UP);
    }

    /**
     * @return {@code x - trunc(x / y) * y}, the sign of {@code x}, scale max of the scales
     *     ({@code numeric_mod})
     * @throws SqlException 22012 if {@code y} is zero
     */
    static BigDecimal mod(BigDecimal x, BigDecimal y) {
        if (y.signum() == 0) {
            throw Errors.divisionByZero();
        }
        return norm(x).remainder(norm(y)).setScale(Math.max(dscale(x), dscale(y)));
    }

    /**
     * @return {@code trunc(x / y)} with scale 0 ({@code numeric_div_trunc}, SQL {@code div})
     * @throws SqlException 22012 if {@code y} is zero
     */
    static BigDecimal div(BigDecimal x, BigDecimal y) {
        if (y.signum() == 0) {
            throw Errors.divisionByZero();
        }
        return x.divideToIntegralValue(y).setScale(0, RoundingMode.DOWN);
    }

    /**
     * @return the square root with scale {@code max(16 - sweight, dscale)} where sweight is
     *     PostgreSQL's estimate of the result's decimal weight
     * @throws SqlException 2201F for a negative argument
     */
    static BigDecimal sqrt(BigDecimal x) {
        if (x.signum() < 0) {
            throw Errors.error(Errors.INVALID_ARGUMENT_FOR_POWER,
                    "cannot take square root of a negative number");
        }
        int w = weightAndFirstDigit(x)[0];
        int sweight = (w + 1) * 4 / 2 - 1;
        int rscale = clampScale(Math.max(MIN_SIG_DIGITS - sweight, dscale(x)));
        if (x.signum() == 0) {
            return BigDecimal.ZERO.setScale(rscale);
        }
        int digits = Math.max(0, x.precision() - x.scale()) / 2 + rscale + 10;
        return x.sqrt(new MathContext(digits, RoundingMode.DOWN)).setScale(rscale,
                RoundingMode.HALF_UP);
    }

    /** @return {@code e^x} with PostgreSQL's {@code numeric_exp} scale */
    static BigDecimal exp(BigDecimal x) {
        double val = x.doubleValue() * 0.434294481903252;
        if (val > MAX_WEIGHT) {
            throw Errors.numericOverflow();
        }
        val = Math.max(val, -2000);
        int rscale = clampScale(Math.max(MIN_SIG_DIGITS - (int) val, dscale(x)));
        if (val < -rscale - 1) {
            return BigDecimal.ZERO.setScale(rscale);
        }
        int digits = Math.max(0, (int) val) + rscale + 10;
        return expRaw(x, digits).setScale(rscale, RoundingMode.HALF_UP);
    }

    /** PostgreSQL's {@code estimate_ln_dweight}: the decimal weight of {@code ln(x)}, x > 0. */
    private static int lnDweight(BigDecimal x) {
        if (x.compareTo(new BigDecimal("0.9")) >= 0 && x.compareTo(new BigDecimal("1.1")) <= 0) {
            BigDecimal d = x.subtract(BigDecimal.ONE);
            if (d.signum() == 0) {
                return 0;
            }
            return d.precision() - d.scale() - 1;
        }
        double ln = Math.log(x.doubleValue());
        if (Double.isInfinite(ln) || Double.isNaN(ln)) {
            // beyond double range: ln(x) ~ decimal exponent * ln 10
            ln = (x.precision() - x.scale()) * 2.302585092994046;
        }
        return ln == 0 ? 0 : (int) Math.log10(Math.abs(ln));
    }

    private static void checkLogArg(BigDecimal x) {
        if (x.signum() == 0) {
            throw Errors.error(Errors.INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of zero");
        }
        if (x.signum() < 0) {
            throw Errors.error(Errors.INVALID_ARGUMENT_FOR_LOG,
                    "cannot take logarithm of a negative number");
        }
    }

    /**
     * @return the natural logarithm with PostgreSQL's {@code numeric_ln} scale
     * @throws SqlException 2201E for zero or a negative argument
     */
    static BigDecimal ln(BigDecimal x) {
        checkLogArg(x);
        int rscale = clampScale(Math.max(MIN_SIG_DIGITS - lnDweight(x), dscale(x)));
        return lnRaw(x, rscale + 10).setScale(rscale, RoundingMode.HALF_UP);
    }

    /**
     * @return the logarithm of {@code x} to base {@code b} with PostgreSQL's {@code numeric_log}
     *     scale
     * @throws SqlException 2201E for zero or negative arguments, 22012 for base 1
     */
    static BigDecimal log(BigDecimal b, BigDecimal x) {
        checkLogArg(b);
        checkLogArg(x);
        int rscale = MIN_SIG_DIGITS - (lnDweight(x) - lnDweight(b));
        rscale = clampScale(Math.max(rscale, Math.max(dscale(b), dscale(x))));
        int guard = rscale + 10 + Math.max(0, lnDweight(x));
        BigDecimal lb = lnRaw(b, guard);
        if (lb.signum() == 0) {
            throw Errors.divisionByZero();
        }
        return lnRaw(x, guard).divide(lb, rscale, RoundingMode.HALF_UP);
    }

    /**
     * @return {@code b ^ e} with PostgreSQL's {@code power_var} scale: for an integral exponent
     *     {@code max(16, dscale(b))}, else {@code 16 - decimal weight of the result}, at least
     *     the inputs' scales
     * @throws SqlException 2201F for zero to a negative power or a negative base to a
     *     non-integral power; 22003 when the result overflows numeric
     */
    static BigDecimal power(BigDecimal b, BigDecimal e) {
        b = norm(b);
        e = norm(e);
        if (b.signum() == 0 && e.signum() < 0) {
            throw Errors.error(Errors.INVALID_ARGUMENT_FOR_POWER,
                    "zero raised to a negative power is undefined");
        }
        boolean integral = e.signum() == 0 || e.stripTrailingZeros().scale() <= 0;
        if (b.signum() < 0 && !integral) {
            throw Errors.error(Errors.INVALID_ARGUMENT_FOR_POWER,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        if (integral && e.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            int n = e.intValueExact();
            int rscale = clampScale(Math.max(MIN_SIG_DIGITS, dscale(b)));
            if (n == 0) {
                return BigDecimal.ONE.setScale(rscale);
            }
            if (b.signum() == 0) {
                return BigDecimal.ZERO.setScale(rscale);
            }
            double weight = Math.log10(b.abs().doubleValue());
            if (Double.isInfinite(weight)) {
                weight = b.precision() - b.scale() - 1;
            }
            weight *= n;
            if (weight > MAX_WEIGHT) {
                throw Errors.numericOverflow();
            }
            if (weight < -rscale - 2) {
                return BigDecimal.ZERO.setScale(rscale);
            }
            BigDecimal p = b.pow(Math.abs(n));
            if (n > 0) {
                return p.setScale(rscale, RoundingMode.HALF_UP);
            }
            return BigDecimal.ONE.divide(p, rscale, RoundingMode.HALF_UP);
        }
        if (b.signum() == 0) {
            return BigDecimal.ZERO.setScale(clampScale(Math.max(MIN_SIG_DIGITS,
                    Math.max(dscale(b), dscale(e)))));
        }
        double val = Math.log10(b.doubleValue()) * e.doubleValue();
        if (Double.isNaN(val) || Double.isInfinite(val)) {
            val = (b.precision() - b.scale()) * e.doubleValue();
        }
        if (val > MAX_WEIGHT) {
            throw Errors.numericOverflow();
        }
        val = Math.max(val, -2000);
        int rscale = MIN_SIG_DIGITS - (int) val;
        rscale = clampScale(Math.max(rscale, Math.max(dscale(b), dscale(e))));
        if (val < -rscale - 1) {
            return BigDecimal.ZERO.setScale(rscale);
        }
        int digits = Math.max(0, (int) val) + rscale + 10;
        BigDecimal lnb = lnRaw(b, digits + Math.max(0, (int) Math.log10(Math.abs(
                e.doubleValue()) + 1)) + 2);
        return expRaw(lnb.multiply(e), digits).setScale(rscale, RoundingMode.HALF_UP);
    }

    /** @return {@code ln(10)} to at least {@code scale} decimals */
    private static BigDecimal ln10(int scale) {
        BigDecimal v = ln10;
        if (v.scale() < scale + 5) {
            v = lnSeries(BigDecimal.TEN, scale + 20);
            ln10 = v;
        }
        return v;
    }

    /** @return {@code ln(x)} for {@code x > 0} with about {@code scale} correct decimals */
    static BigDecimal lnRaw(BigDecimal x, int scale) {
        // x = m * 10^k with 0.1 <= m < 1 ... reduce to m in [1, 10)
        int k = x.precision() - x.scale() - 1;
        BigDecimal m = x.movePointLeft(k);
        BigDecimal r = lnSeries(m, scale + 5);
        if (k != 0) {
            r = r.add(ln10(scale + 5 + String.valueOf(Math.abs(k)).length())
                    .multiply(BigDecimal.valueOf(k)));
        }
        return r.setScale(scale + 2, RoundingMode.HALF_EVEN);
    }

    /** ln by square-root range reduction and the atanh series; {@code m} moderate (0.1 .. 100). */
    private static BigDecimal lnSeries(BigDecimal m, int scale) {
        MathContext mc = new MathContext(scale + 20, RoundingMode.HALF_EVEN);
        int halvings = 0;
        BigDecimal lo = new BigDecimal("0.99");
        BigDecimal hi = new BigDecimal("1.01");
        while (m.compareTo(lo) < 0 || m.compareTo(hi) > 0) {
            m = m.sqrt(mc);
            halvings++;
        }
        BigDecimal z = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), mc);
        BigDecimal z2 = z.multiply(z, mc);
        BigDecimal term = z;
        BigDecimal sum = z;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(scale + 15);
        for (int i = 3; term.abs().compareTo(eps) > 0; i += 2) {
            term = term.multiply(z2, mc);
            sum = sum.add(term.divide(BigDecimal.valueOf(i), mc), mc);
        }
        return sum.multiply(BigDecimal.valueOf(2L).multiply(BigDecimal.valueOf(2L).pow(halvings)),
                mc);
    }

    /** @return {@code e^x} with about {@code digits} correct significant digits */
    static BigDecimal expRaw(BigDecimal x, int digits) {
        MathContext mc = new MathContext(digits + 25, RoundingMode.HALF_EVEN);
        int squarings = 0;
        BigDecimal r = x;
        BigDecimal limit = new BigDecimal("0.001");
        while (r.abs().compareTo(limit) > 0) {
            r = r.divide(BigDecimal.valueOf(2), mc);
            squarings++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(digits + 25);
        for (int i = 1; term.abs().compareTo(eps) > 0; i++) {
            term = term.multiply(r, mc).divide(BigDecimal.valueOf(i), mc);
            sum = sum.add(term, mc);
        }
        MathContext sq = new MathContext(digits + 25 + squarings / 3, RoundingMode.HALF_EVEN);
        for (int i = 0; i < squarings; i++) {
            sum = sum.multiply(sum, sq);
        }
        return sum;
    }

    /**
     * @return {@code x} rounded half away from zero to {@code s} decimals; a negative {@code s}
     *     rounds left of the point; the result scale is {@code max(s, 0)} ({@code numeric_round})
     */
    static BigDecimal round(BigDecimal x, int s) {
        s = Math.max(-MAX_DISPLAY_SCALE, Math.min(MAX_DISPLAY_SCALE, s));
        BigDecimal r = x.setScale(s, RoundingMode.HALF_UP);
        return s < 0 ? r.setScale(0) : r;
    }

    /** @return {@code x} truncated toward zero to {@code s} decimals ({@code numeric_trunc}) */
    static BigDecimal trunc(BigDecimal x, int s) {
        s = Math.max(-MAX_DISPLAY_SCALE, Math.min(MAX_DISPLAY_SCALE, s));
        BigDecimal r = x.setScale(s, RoundingMode.DOWN);
        return s < 0 ? r.setScale(0) : r;
    }

    /** @return the integer part of {@code x} as a {@link BigInteger}-backed numeric of scale 0 */
    static BigDecimal integral(BigDecimal x, RoundingMode mode) {
        return x.setScale(0, mode);
    }
}
