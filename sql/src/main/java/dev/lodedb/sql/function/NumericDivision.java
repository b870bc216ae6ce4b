package dev.lodedb.sql.function;

import dev.lodedb.engine.SqlException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numeric division with PostgreSQL's result scale ({@code select_div_scale} in
 * {@code src/backend/utils/adt/numeric.c}): at least 16 significant digits, and never fewer
 * fractional digits than either operand has, rounded half away from zero. Thread-safe.
 */
public final class NumericDivision {
    private static final int MIN_SIG_DIGITS = 16;
    private static final int MAX_DISPLAY_SCALE = 1000;

    private NumericDivision() {
    }

    /**
     * @return {@code a / b} at PostgreSQL's scale
     * @throws SqlException 22012 when {@code b} is zero
     */
    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw new SqlException(SqlException.DIVISION_BY_ZERO, "division by zero");
        }
        int scale = resultScale(a, b);
        return a.divide(b, scale, RoundingMode.HALF_UP);
    }

    /** @return the scale PostgreSQL gives {@code a / b} */
    public static int resultScale(BigDecimal a, BigDecimal b) {
        int w1 = 0;
        int d1 = 0;
        if (a.signum() != 0) {
            w1 = weight(a);
            d1 = firstDigit(a, w1);
        }
        int w2 = weight(b);
        int d2 = firstDigit(b, w2);
        int qweight = w1 - w2;
        if (d1 <= d2) {
            qweight--;
        }
        int rscale = MIN_SIG_DIGITS - qweight * 4;
        rscale = Math.max(rscale, Math.max(a.scale(), 0));
        rscale = Math.max(rscale, Math.max(b.scale(), 0));
        return Math.min(Math.max(rscale, 0), MAX_DISPLAY_SCALE);
    }

    /** The weight of the leading base-10000 digit of a non-zero value. */
    private static int weight(BigDecimal v) {
        int e10 = v.precision() - v.scale() - 1;
        return Math.floorDiv(e10, 4);
    }

    private static int firstDigit(BigDecimal v, int weight) {
        return v.abs().movePointLeft(4 * weight).intValue();
    }
}
