package dev.lodedb.engine.types;

import dev.lodedb.engine.SqlException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Text input of the integer types and {@code numeric}, and numeric type-modifier coercion, as
 * PostgreSQL 16 does them ({@code pg_strtoint16/32/64}, {@code numeric_in}, {@code
 * apply_typmod}): surrounding whitespace is ignored; integers accept a sign, decimal digits,
 * {@code 0x}/{@code 0o}/{@code 0b} prefixes and single underscores between digits; numerics also
 * accept a fraction and an exponent.
 *
 * <p>Stateless and thread-safe.
 */
final class NumericText {
    /** Most digits before the decimal point of a numeric ({@code NUMERIC_WEIGHT_MAX} digits). */
    static final int MAX_INTEGER_DIGITS = 131_072;
    /** Largest numeric display scale ({@code NUMERIC_DSCALE_MAX}). */
    static final int MAX_SCALE = 16_383;
    /** Largest absolute exponent accepted in numeric input ({@code NUMERIC_MAX_PRECISION}). */
    static final int MAX_EXPONENT = 1000;

    private NumericText() {
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f';
    }

    static SqlException invalidSyntax(String typeName, String text) {
        return new SqlException(SqlException.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    /**
     * @param text PostgreSQL integer input
     * @param min smallest allowed value
     * @param max largest allowed value
     * @param typeName {@code smallint}, {@code integer} or {@code bigint}, for messages
     * @return the value
     * @throws SqlException 22P02 for bad syntax, 22003 {@code value "..." is out of range for
     *     type ...} when outside {@code [min, max]}
     */
    static long parseInteger(String text, long min, long max, String typeName) {
        int n0 = text.length();
        if (n0 > 0 && n0 <= 19) {
            // fast path: [sign] up to 18 decimal digits, nothing else (what COPY and drivers send)
            char c0 = text.charAt(0);
            int k = c0 == '-' || c0 == '+' ? 1 : 0;
            if (k < n0 && n0 - k <= 18) {
                long v = 0;
                while (k < n0) {
                    char c = text.charAt(k);
                    if (c < '0' || c > '9') {
                        break;
                    }
                    v = v * 10 + (c - '0');
                    k++;
                }
                if (k == n0) {
                    if (c0 == '-') {
                        v = -v;
                    }
                    if (v >= min && v <= max) {
                        return v;
                    }
                }
            }
        }
        int i = 0;
        int n = text.length();
        while (i < n && isSpace(text.charAt(i))) {
            i++;
        }
        while (n > i && isSpace(text.charAt(n - 1))) {
            n--;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < n && text.charAt(i) == '0') {
            char p = Character.toLowerCase(text.charAt(i + 1));
            radix = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
            if (radix != 10) {
                i += 2;
            }
        }
        String digits = digits(text, i, n, radix, radix != 10);
        if (digits == null) {
            throw invalidSyntax(typeName, text);
        }
        BigInteger v = new BigInteger(digits, radix);
        if (negative) {
            v = v.negate();
        }
        if (v.bitLength() > 63 || v.longValue() < min || v.longValue() > max) {
            throw new SqlException(SqlException.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value \"" + text + "\" is out of range for type " + typeName);
        }
        return v.longValue();
    }

    /**
     * @return the digits of {@code text[from, to)} in {@code radix} with single underscores
     *     between digits removed, or {@code null} if the range is not such a digit string
     *     ({@code afterPrefix} allows one underscore right after a radix prefix, as PostgreSQL)
     */
    private static String digits(String text, int from, int to, int radix, boolean afterPrefix) {
        if (from >= to) {
            return null;
        }
        StringBuilder sb = new StringBuilder(to - from);
        boolean prevDigit = afterPrefix;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '_') {
                if (!prevDigit || i + 1 >= to || Character.digit(text.charAt(i + 1), radix) < 0) {
                    return null;
                }
                prevDigit = false;
            } else if (Character.digit(c, radix) >= 0 && c < 128) {
                sb.append(c);
                prevDigit = true;
            } else {
                return null;
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** Powers of ten that fit a long: {@code POW10[i] = 10^i}. */
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /**
     * Scans the common form {@code [-]digits[.digits]} with 1 to 18 digits in all (what COPY and
     * drivers send), without allocating.
     *
     * @return {@code digits << 8 | scale} with the magnitude in {@code out[0]}, or -1 for any
     *     other form, which the general parser then handles and reports
     */
    private static int scanPlainDecimal(String text, long[] out) {
        int n = text.length();
        if (n == 0 || n > 20) {
            return -1;
        }
        int i = text.charAt(0) == '-' ? 1 : 0;
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 18) {
                    return -1;
                }
                unscaled = unscaled * 10 + (c - '0');
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                return -1;
            }
        }
        if (digits == 0 || scale == 0) {
            return -1;
        }
        out[0] = unscaled;
        return digits << 8 | Math.max(scale, 0);
    }

    /**
     * Numeric input followed by the type modifier of {@code type} ({@code numeric(p, s)}), as
     * {@code applyTypmod(parseNumeric(text), type)} but in long arithmetic for plain decimals of
     * up to 18 digits when {@code p <= 18}: the result is the same value with the same scale.
     *
     * @throws SqlException as {@link #parseNumeric} and {@link #applyTypmod}
     */
    static BigDecimal parseNumeric(String text, DataType type) {
        int p = type.precision();
        int s = type.scale();
        if (p < 0) {
            return parseNumeric(text);
        }
        if (p <= 18 && s >= 0 && s <= p) {
            long[] m = new long[1];
            int scanned = scanPlainDecimal(text, m);
            if (scanned >= 0) {
                int digits = scanned >>> 8;
                int scale = scanned & 0xff;
                long u = m[0];
                if (scale <= s) {
                    if (digits + (s - scale) <= 18) {
                        u *= POW10[s - scale];
                    } else {
                        u = Long.MAX_VALUE; // too many digits for numeric(p, s) anyway: the general path reports it
                    }
                } else {
                    long unit = POW10[scale - s];
                    long rest = u % unit;
                    u /= unit;
                    if (rest * 2 >= unit) {
                        u++; // half away from zero, on the magnitude
                    }
                }
                if (u < POW10[p]) {
                    return BigDecimal.valueOf(text.charAt(0) == '-' ? -u : u, s);
                }
            }
        }
        return applyTypmod(parseNumeric(text), type);
    }

    /**
     * Parses PostgreSQL numeric input: {@code [sign] digits [. digits] [e [sign] digits]} or a
     * {@code 0x/0o/0b} integer. The result's scale is the number of digits after the point minus
     * the exponent, but not below 0 ({@code 1.50} has scale 2, {@code 1.5e3} is {@code 1500}).
     *
     * @throws SqlException 22P02 for bad syntax, 22003 {@code value overflows numeric format}
     *     beyond PostgreSQL's limits, 0A000 for {@code NaN} and {@code Infinity}, which
     *     PostgreSQL's numeric has but {@link BigDecimal} has not
     */
    static BigDecimal parseNumeric(String text) {
        long[] m = new long[1];
        int scanned = scanPlainDecimal(text, m);
        if (scanned >= 0) {
            return BigDecimal.valueOf(text.charAt(0) == '-' ? -m[0] : m[0], scanned & 0xff);
        }
        int i = 0;
        int n = text.length();
        while (i < n && isSpace(text.charAt(i))) {
            i++;
        }
        while (n > i && isSpace(text.charAt(n - 1))) {
            n--;
        }
        String body = text.substring(i, n);
        String unsigned = body.startsWith("+") || body.startsWith("-") ? body.substring(1) : body;
        if (unsigned.equalsIgnoreCase("nan") || unsigned.equalsIgnoreCase("infinity")
                || unsigned.equalsIgnoreCase("inf")) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED,
                    "numeric NaN and Infinity are not supported");
        }
        boolean negative = body.startsWith("-");
        int p = body.length() - unsigned.length();
        int end = body.length();
        if (unsigned.length() > 2 && unsigned.charAt(0) == '0'
                && "xob".indexOf(Character.toLowerCase(unsigned.charAt(1))) >= 0) {
            char c = Character.toLowerCase(unsigned.charAt(1));
            int radix = c == 'x' ? 16 : c == 'o' ? 8 : 2;
            String d = digits(body, p + 2, end, radix, true);
            if (d == null) {
                throw invalidSyntax("numeric", text);
            }
            BigInteger v = new BigInteger(d, radix);
            return checkLimits(new BigDecimal(negative ? v.negate() : v), text);
        }
        int e = end;
        for (int k = p; k < end; k++) {
            char c = body.charAt(k);
            if (c == 'e' || c == 'E') {
                e = k;
                break;
            }
        }
        int dot = body.indexOf('.', p);
        if (dot >= e) {
            dot = -1;
        }
        String intPart = dot < 0 ? body.substring(p, e) : body.substring(p, dot);
        String fracPart = dot < 0 ? "" : body.substring(dot + 1, e);
        String intDigits = intPart.isEmpty() ? "" : digits(intPart, 0, intPart.length(), 10, false);
        String fracDigits = fracPart.isEmpty() ? ""
                : digits(fracPart, 0, fracPart.length(), 10, false);
        if (intDigits == null || fracDigits == null
                || (intDigits.isEmpty() && fracDigits.isEmpty())) {
            throw invalidSyntax("numeric", text);
        }
        long exponent = 0;
        if (e < end) {
            String exp = body.substring(e + 1, end);
            boolean negExp = exp.startsWith("-");
            if (exp.startsWith("+") || exp.startsWith("-")) {
                exp = exp.substring(1);
            }
            String expDigits = exp.isEmpty() ? null : digits(exp, 0, exp.length(), 10, false);
            if (expDigits == null) {
                throw invalidSyntax("numeric", text);
            }
            if (expDigits.length() > 9 || Long.parseLong(expDigits) > MAX_EXPONENT) {
                throw overflow();
            }
            exponent = negExp ? -Long.parseLong(expDigits) : Long.parseLong(expDigits);
        }
        BigInteger unscaled = new BigInteger(intDigits + fracDigits);
        long scale = fracDigits.length() - exponent;
        BigDecimal v = new BigDecimal(negative ? unscaled.negate() : unscaled, (int) scale);
        if (scale < 0) {
            v = v.setScale(0);
        }
        return checkLimits(v, text);
    }

    /**
     * @return whether {@code chars[off, off + len)} is a number whose numeric output is itself:
     *     {@code [-]digits[.digits]} with 1 to 18 digits, no leading zero before other digits, and
     *     not a minus zero (the forms {@link #canonicalText} returns unchanged)
     */
    static boolean isCanonicalPlainDecimal(char[] chars, int off, int len) {
        if (len == 0 || len > 20) {
            return false;
        }
        int end = off + len;
        int i = off;
        boolean negative = chars[i] == '-';
        if (negative) {
            i++;
        }
        if (i >= end || chars[i] < '0' || chars[i] > '9' || (chars[i] == '0' && i + 1 < end && chars[i + 1] != '.')) {
            return false;
        }
        int digits = 0;
        boolean dot = false;
        boolean nonZero = false;
        for (; i < end; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                digits++;
                nonZero |= c != '0';
            } else if (c == '.' && !dot && i + 1 < end) {
                dot = true;
            } else {
                return false;
            }
        }
        return digits <= 18 && (nonZero || !negative);
    }

    /**
     * @param text a JSON number as written
     * @return its numeric output, as jsonb prints the number of a Jackson tree ({@link
     *     #normalize} of its exact value), which for a plain decimal without a minus zero or
     *     leading zeros is the text itself
     * @throws SqlException 22003 beyond numeric's limits
     */
    static String canonicalText(String text) {
        long[] m = new long[1];
        int scanned = scanPlainDecimal(text, m);
        if (scanned >= 0) {
            int i = text.charAt(0) == '-' ? 1 : 0;
            boolean digitFirst = i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9';
            boolean leadingZero = text.length() > i + 1 && text.charAt(i) == '0' && text.charAt(i + 1) != '.';
            if (digitFirst && !leadingZero && !(i == 1 && m[0] == 0)) {
                return text;
            }
        }
        // as Jsonb.of takes Jackson's BigDecimal: E-notation beyond numeric input's exponent
        // limit is fine when the value is within numeric's limits
        BigDecimal v;
        try {
            v = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return parseNumeric(text).toPlainString(); // reports it as numeric input does
        }
        return normalize(v).toPlainString();
    }

    static SqlException overflow() {
        return new SqlException(SqlException.NUMERIC_VALUE_OUT_OF_RANGE,
                "value overflows numeric format");
    }

    private static BigDecimal checkLimits(BigDecimal v, String text) {
        if (!withinLimits(v)) {
            throw overflow();
        }
        return v;
    }

    /**
     * @return whether {@code v} fits PostgreSQL's numeric: at most {@link #MAX_INTEGER_DIGITS}
     *     digits before the point and a scale of at most {@link #MAX_SCALE}; computed in long
     *     arithmetic, so a scale near {@code Integer.MIN_VALUE} cannot overflow the check
     */
    static boolean withinLimits(BigDecimal v) {
        return v.scale() <= MAX_SCALE
                && (long) v.precision() - v.scale() <= MAX_INTEGER_DIGITS;
    }

    /**
     * Brings a {@link BigDecimal} from outside the text parser (Jackson, the Java API) to the
     * form {@link #parseNumeric} produces: limits checked first (so a huge negative scale is
     * never expanded), then a negative scale raised to 0 ({@code 1E+3} becomes {@code 1000}).
     *
     * @throws SqlException 22003 {@code value overflows numeric format} beyond the limits
     */
    static BigDecimal normalize(BigDecimal v) {
        if (!withinLimits(v)) {
            throw overflow();
        }
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /**
     * Applies a {@code numeric(p, s)} modifier as PostgreSQL's {@code apply_typmod}: rounds to
     * {@code s} digits after the point, half away from zero, then requires fewer than {@code p -
     * s} digits before it.
     *
     * @throws SqlException 22003 {@code numeric field overflow} if the rounded value does not fit
     */
    static BigDecimal applyTypmod(BigDecimal v, DataType type) {
        if (type.precision() < 0) {
            return v;
        }
        int p = type.precision();
        int s = type.scale();
        BigDecimal r = v.setScale(s, RoundingMode.HALF_UP);
        if (s < 0) {
            r = r.setScale(0);
        }
        int maxDigits = p - s;
        if (r.signum() != 0 && r.precision() - r.scale() > maxDigits) {
            throw new SqlException(SqlException.NUMERIC_VALUE_OUT_OF_RANGE,
                    "numeric field overflow")
                    .withDetail("A field with precision " + p + ", scale " + s
                            + " must round to an absolute value less than "
                            + (maxDigits != 0 ? "10^" + maxDigits : "1") + ".");
        }
        return r;
    }

    /** @return {@code v} in PostgreSQL's {@code numeric_out} form: plain digits, scale kept */
    static String format(BigDecimal v) {
        return v.toPlainString();
    }
}
