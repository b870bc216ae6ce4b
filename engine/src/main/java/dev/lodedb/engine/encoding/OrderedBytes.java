package dev.lodedb.engine.encoding;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Order-preserving ("memcomparable") encodings of single values: for two values {@code a < b} of
 * the same type, {@code encode(a)} is lexicographically smaller than {@code encode(b)} as unsigned
 * bytes, and no encoding is a proper prefix of another of the same type, so encodings can be
 * concatenated into composite keys and complemented for descending order. The techniques are the
 * standard ones of CockroachDB's {@code util/encoding} package, MySQL/MyRocks' memcmp key format
 * and the FoundationDB tuple layer; byte layouts are in {@code docs/engine/encoding.md}.
 *
 * <p>Stateless and thread-safe.
 */
final class OrderedBytes {
    /** Escape of a 0x00 byte inside a string: 0x00 0xFF. */
    static final int ESCAPE = 0xff;
    /** String terminator: 0x00 0x01. */
    static final int TERMINATOR = 0x01;

    /** Decimal sign tags: negative < zero < positive (< NaN, reserved). */
    static final int DECIMAL_NEGATIVE = 0x01;
    static final int DECIMAL_ZERO = 0x02;
    static final int DECIMAL_POSITIVE = 0x03;

    /**
     * Largest base-100 exponent of a valid numeric: PostgreSQL allows 131072 digits before the
     * point, and {@code 0.d1.. * 100^E} has at most {@code 2E} of them.
     */
    static final long MAX_DECIMAL_EXPONENT = 131_072 / 2;
    /**
     * Smallest base-100 exponent of a valid numeric: the leading digit of a value with scale at
     * most 16383 is at {@code 10^-16383} or above, so the decimal exponent of {@code 0.d1..} is
     * at least -16382.
     */
    static final long MIN_DECIMAL_EXPONENT = -16_382 / 2;

    private OrderedBytes() {
    }

    // ---- integers: big-endian two's complement with the sign bit flipped ----

    static void writeInt16(ByteWriter w, short v) {
        int u = v ^ 0x8000;
        w.put(u >>> 8);
        w.put(u);
    }

    static short readInt16(ByteReader r) {
        int hi = r.get();
        int lo = r.get();
        return (short) (((hi << 8) | lo) ^ 0x8000);
    }

    static void writeInt32(ByteWriter w, int v) {
        w.putIntBE(v ^ Integer.MIN_VALUE);
    }

    static int readInt32(ByteReader r) {
        return r.getIntBE() ^ Integer.MIN_VALUE;
    }

    static void writeInt64(ByteWriter w, long v) {
        w.putLongBE(v ^ Long.MIN_VALUE);
    }

    static long readInt64(ByteReader r) {
        return r.getLongBE() ^ Long.MIN_VALUE;
    }

    // ---- IEEE 754: sign bit flipped for positives, all bits inverted for negatives ----

    /** Writes {@code d} with -0.0 as 0.0 and every NaN as the canonical NaN (above +Infinity). */
    static void writeFloat64(ByteWriter w, double d) {
        long bits = Double.doubleToLongBits(d == 0.0 ? 0.0 : d);
        w.putLongBE(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
    }

    static double readFloat64(ByteReader r) {
        long x = r.getLongBE();
        return Double.longBitsToDouble(x < 0 ? x ^ Long.MIN_VALUE : ~x);
    }

    static void writeFloat32(ByteWriter w, float f) {
        int bits = Float.floatToIntBits(f == 0.0f ? 0.0f : f);
        w.putIntBE(bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE);
    }

    static float readFloat32(ByteReader r) {
        int x = r.getIntBE();
        return Float.intBitsToFloat(x < 0 ? x ^ Integer.MIN_VALUE : ~x);
    }

    // ---- byte strings: 0x00 escaped as 0x00 0xFF, terminated by 0x00 0x01 ----

    static void writeBytes(ByteWriter w, byte[] b) {
        int runStart = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                w.put(b, runStart, i - runStart + 1);
                w.put(ESCAPE);
                runStart = i + 1;
            }
        }
        w.put(b, runStart, b.length - runStart);
        w.put(0);
        w.put(TERMINATOR);
    }

    static byte[] readBytes(ByteReader r) {
        ByteWriter out = new ByteWriter(32);
        while (true) {
            int b = r.get();
            if (b != 0) {
                out.put(b);
                continue;
            }
            int next = r.get();
            if (next == TERMINATOR) {
                return out.toByteArray();
            }
            if (next != ESCAPE) {
                throw r.corrupt("bad escape 0x00 0x" + Integer.toHexString(next) + " in a string");
            }
            out.put(0);
        }
    }

    // ---- order-preserving signed varint ----

    /**
     * Writes {@code v} so that byte order is numeric order: values in [-120, 119] take one byte
     * {@code v + 128} (0x08..0xF7); larger values {@code 0xF7 + n} then the n big-endian bytes of
     * {@code v - 120}; smaller values {@code 0x08 - n} then the n complemented bytes of {@code
     * -121 - v}; n is minimal (1..8).
     */
    static void writeVarint(ByteWriter w, long v) {
        if (v >= -120 && v <= 119) {
            w.put((int) (v + 128));
        } else if (v >= 120) {
            long u = v - 120;
            int n = byteLength(u);
            w.put(0xf7 + n);
            putBE(w, u, n);
        } else {
            long u = -121 - v;
            int n = byteLength(u);
            w.put(0x08 - n);
            putBE(w, ~u, n);
        }
    }

    static long readVarint(ByteReader r) {
        int b0 = r.get();
        if (b0 >= 0x08 && b0 <= 0xf7) {
            return b0 - 128L;
        }
        if (b0 > 0xf7) {
            int n = b0 - 0xf7;
            long u = getBE(r, n);
            if ((n > 1 && (u >>> (8 * (n - 1))) == 0) || u < 0 || u > Long.MAX_VALUE - 120) {
                throw r.corrupt("non-canonical ordered varint");
            }
            return u + 120;
        }
        int n = 0x08 - b0;
        long u = ~getBE(r, n) & (n == 8 ? -1L : (1L << (8 * n)) - 1);
        if ((n > 1 && (u >>> (8 * (n - 1))) == 0) || u < 0 || u > Long.MAX_VALUE - 120) {
            throw r.corrupt("non-canonical ordered varint");
        }
        return -121 - u;
    }

    private static int byteLength(long u) {
        return u == 0 ? 1 : (64 - Long.numberOfLeadingZeros(u) + 7) / 8;
    }

    private static void putBE(ByteWriter w, long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            w.put((int) (v >>> (8 * i)));
        }
    }

    private static long getBE(ByteReader r, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | r.get();
        }
        return v;
    }

    // ---- decimals: sign tag, base-100 exponent, base-100 digits ----

    /**
     * Writes a decimal so that numerically equal values ({@code 1.0} and {@code 1.00}) encode
     * identically. A non-zero {@code |v|} is written as {@code 0.d1 d2 ... dn * 100^E} with base-100
     * digits {@code d1 != 0} and {@code dn != 0}: tag {@link #DECIMAL_POSITIVE}, {@code E} as an
     * ordered varint, then each digit as one byte {@code 2d + 1}, the last as {@code 2d} (so an
     * even byte ends the number and a shorter mantissa sorts first). A negative value is tag
     * {@link #DECIMAL_NEGATIVE} followed by the complement of the encoding of its magnitude.
     * This is the shape of CockroachDB's and SQLite4's decimal key encodings.
     */
    static void writeDecimal(ByteWriter w, BigDecimal v) {
        int sign = v.signum();
        if (sign == 0) {
            w.put(DECIMAL_ZERO);
            return;
        }
        w.put(sign > 0 ? DECIMAL_POSITIVE : DECIMAL_NEGATIVE);
        int from = w.size();
        // Trailing zeros are dropped from the digit string, not with stripTrailingZeros(), which
        // divides by ten once per zero: quadratic, minutes for a 131072-digit 10^131071.
        String all = v.unscaledValue().abs().toString();
        int end = all.length();
        while (all.charAt(end - 1) == '0') {
            end--;
        }
        String digits = all.substring(0, end);
        long scale = (long) v.scale() - (all.length() - end);
        long e10 = digits.length() - scale;
        if (Math.floorMod(e10, 2) != 0) {
            digits = "0" + digits;
            e10++;
        }
        if (digits.length() % 2 != 0) {
            digits = digits + "0";
        }
        writeVarint(w, e10 / 2);
        int pairs = digits.length() / 2;
        for (int i = 0; i < pairs; i++) {
            int d = (digits.charAt(2 * i) - '0') * 10 + (digits.charAt(2 * i + 1) - '0');
            w.put(i == pairs - 1 ? 2 * d : 2 * d + 1);
        }
        if (sign < 0) {
            w.complementFrom(from);
        }
    }

    /**
     * @return the decimal, normalized: trailing zeros removed but scale at least 0 (so {@code
     *     1.50} decodes as {@code 1.5} and {@code 100} as {@code 100})
     */
    static BigDecimal readDecimal(ByteReader r) {
        int tag = r.get();
        if (tag == DECIMAL_ZERO) {
            return BigDecimal.ZERO;
        }
        if (tag != DECIMAL_POSITIVE && tag != DECIMAL_NEGATIVE) {
            throw r.corrupt("bad decimal tag 0x" + Integer.toHexString(tag));
        }
        int saved = r.mask();
        if (tag == DECIMAL_NEGATIVE) {
            r.setMask(saved ^ 0xff);
        }
        long e = readVarint(r);
        if (e < MIN_DECIMAL_EXPONENT || e > MAX_DECIMAL_EXPONENT) {
            // checked before any digit is materialized: a flipped exponent byte must not make
            // the decoder expand a number with billions of digits
            throw r.corrupt("decimal exponent " + e + " outside PostgreSQL's numeric range");
        }
        StringBuilder digits = new StringBuilder();
        while (true) {
            int b = r.get();
            int d = b >>> 1;
            if (d > 99) {
                throw r.corrupt("bad decimal digit byte 0x" + Integer.toHexString(b));
            }
            digits.append((char) ('0' + d / 10)).append((char) ('0' + d % 10));
            if ((b & 1) == 0) {
                if (d == 0) {
                    throw r.corrupt("decimal ends in a zero digit");
                }
                break;
            }
        }
        r.setMask(saved);
        // The last pair is non-zero, so at most its second digit is a zero to drop (a linear-time
        // stripTrailingZeros, see writeDecimal).
        int len = digits.charAt(digits.length() - 1) == '0' ? digits.length() - 1 : digits.length();
        long scale = len - 2 * e;
        BigDecimal v = new BigDecimal(new BigInteger(digits.substring(0, len)), (int) scale);
        if (v.scale() < 0) {
            v = v.setScale(0);
        }
        if (v.scale() > 16_383) {
            throw r.corrupt("decimal scale " + v.scale() + " beyond numeric's 16383");
        }
        return tag == DECIMAL_NEGATIVE ? v.negate() : v;
    }
}
