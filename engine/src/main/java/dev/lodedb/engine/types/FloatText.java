package dev.lodedb.engine.types;

import dev.lodedb.engine.SqlException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Text input and output of {@code real} and {@code double precision} as PostgreSQL 12+ does them
 * with the default {@code extra_float_digits = 1} ({@code float4in/out}, {@code float8in/out}).
 *
 * <p>Output is the shortest decimal that reads back as the same value (PostgreSQL uses Ryu,
 * Ulf Adams, PLDI 2018), written like C's {@code %g} without trailing zeros: plain notation when
 * the decimal exponent is in {@code [-4, 15)} for double ({@code [-4, 6)} for real), otherwise
 * {@code d.ddde+XX} with at least two exponent digits; {@code NaN}, {@code Infinity}, {@code
 * -Infinity} and {@code -0} as such. The shortest digits are found by rounding the exact binary
 * value to ever fewer significant digits (both directions) and keeping the closest candidate
 * that still round-trips, starting from the JDK's {@code toString}, which always round-trips but
 * on JDK 17 is not always shortest (JDK-4511638).
 *
 * <p>Input is {@code strtod}'s: decimal or hexadecimal floating-point, or {@code NaN}, {@code
 * Infinity}, {@code inf} with optional sign, any case, surrounded by optional whitespace. A finite
 * input that overflows to infinity or underflows to zero is an error, as in PostgreSQL.
 *
 * <p>Stateless and thread-safe.
 */
final class FloatText {
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern HEX = Pattern.compile(
            "[+-]?0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?");

    private FloatText() {
    }

    /**
     * @param text PostgreSQL float input
     * @param single {@code true} for real (binary32), {@code false} for double precision
     * @return the value, as a double (exactly representable as a float when {@code single})
     * @throws SqlException 22P02 for bad syntax, 22003 {@code "..." is out of range for type ...}
     */
    static double parse(String text, boolean single) {
        String typeName = single ? "real" : "double precision";
        int i = 0;
        int n = text.length();
        while (i < n && NumericText.isSpace(text.charAt(i))) {
            i++;
        }
        while (n > i && NumericText.isSpace(text.charAt(n - 1))) {
            n--;
        }
        String s = text.substring(i, n);
        String unsigned = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        boolean negative = s.startsWith("-");
        if (unsigned.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (unsigned.equalsIgnoreCase("infinity") || unsigned.equalsIgnoreCase("inf")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        boolean hex = HEX.matcher(s).matches();
        String javaText;
        if (hex) {
            javaText = s.indexOf('p') < 0 && s.indexOf('P') < 0 ? s + "p0" : s;
        } else if (DECIMAL.matcher(s).matches()) {
            javaText = s;
        } else {
            throw NumericText.invalidSyntax(typeName, text);
        }
        double v = single ? Float.parseFloat(javaText) : Double.parseDouble(javaText);
        boolean nonZeroDigits = false;
        int radix = hex ? 16 : 10;
        for (int k = hex ? s.indexOf(hex && s.indexOf('x') >= 0 ? 'x' : 'X') + 1 : 0;
                k < s.length(); k++) {
            char c = s.charAt(k);
            if (hex ? c == 'p' || c == 'P' : c == 'e' || c == 'E') {
                break;
            }
            if (Character.digit(c, radix) > 0) {
                nonZeroDigits = true;
                break;
            }
        }
        if (Double.isInfinite(v) || (v == 0 && nonZeroDigits)) {
            throw new SqlException(SqlException.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + s + "\" is out of range for type " + typeName);
        }
        return v;
    }

    /** @return PostgreSQL's {@code float8out} text of {@code d} */
    static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        double abs = Math.abs(d);
        BigDecimal exact = new BigDecimal(abs);
        int len = new BigDecimal(Double.toString(abs)).stripTrailingZeros().precision();
        BigDecimal best = null;
        for (int p = len; p >= 1; p--) {
            BigDecimal lo = exact.round(new MathContext(p, RoundingMode.FLOOR));
            BigDecimal hi = exact.round(new MathContext(p, RoundingMode.CEILING));
            boolean loOk = Double.parseDouble(lo.toString()) == abs;
            boolean hiOk = Double.parseDouble(hi.toString()) == abs;
            BigDecimal c = pick(exact, lo, loOk, hi, hiOk);
            if (c == null) {
                break;
            }
            best = c;
        }
        return layout(d < 0, best, 15);
    }

    /** @return PostgreSQL's {@code float4out} text of {@code f} */
    static String formatFloat(float f) {
        if (Float.isNaN(f)) {
            return "NaN";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "Infinity" : "-Infinity";
        }
        if (f == 0) {
            return 1 / f < 0 ? "-0" : "0";
        }
        float abs = Math.abs(f);
        BigDecimal exact = new BigDecimal((double) abs);
        int len = new BigDecimal(Float.toString(abs)).stripTrailingZeros().precision();
        BigDecimal best = null;
        for (int p = len; p >= 1; p--) {
            BigDecimal lo = exact.round(new MathContext(p, RoundingMode.FLOOR));
            BigDecimal hi = exact.round(new MathContext(p, RoundingMode.CEILING));
            boolean loOk = Float.parseFloat(lo.toString()) == abs;
            boolean hiOk = Float.parseFloat(hi.toString()) == abs;
            BigDecimal c = pick(exact, lo, loOk, hi, hiOk);
            if (c == null) {
                break;
            }
            best = c;
        }
        return layout(f < 0, best, 6);
    }

    /** @return the round-tripping candidate closest to {@code exact} (ties: even last digit) */
    private static BigDecimal pick(BigDecimal exact, BigDecimal lo, boolean loOk, BigDecimal hi,
                                   boolean hiOk) {
        if (loOk && hiOk) {
            int c = exact.subtract(lo).compareTo(hi.subtract(exact));
            if (c == 0) {
                return lo.unscaledValue().testBit(0) ? hi : lo;
            }
            return c < 0 ? lo : hi;
        }
        return loOk ? lo : hiOk ? hi : null;
    }

    /**
     * Writes {@code value} as {@code %g} would with exactly its significant digits: plain when the
     * decimal exponent is in {@code [-4, maxPlainExponent)}, else {@code d.ddde+XX}.
     */
    private static String layout(boolean negative, BigDecimal value, int maxPlainExponent) {
        BigDecimal v = value.stripTrailingZeros();
        String digits = v.unscaledValue().toString();
        int exponent = digits.length() - 1 - v.scale();
        StringBuilder sb = new StringBuilder(24);
        if (negative) {
            sb.append('-');
        }
        if (exponent >= -4 && exponent < maxPlainExponent) {
            sb.append(v.toPlainString());
        } else {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int a = Math.abs(exponent);
            if (a < 10) {
                sb.append('0');
            }
            sb.append(a);
        }
        return sb.toString();
    }
}
