package dev.lodedb.sql.function;

import static dev.lodedb.engine.types.TypeId.BIGINT;
import static dev.lodedb.engine.types.TypeId.DOUBLE;
import static dev.lodedb.engine.types.TypeId.INTEGER;
import static dev.lodedb.engine.types.TypeId.NUMERIC;
import static dev.lodedb.engine.types.TypeId.REAL;
import static dev.lodedb.engine.types.TypeId.SMALLINT;

import dev.lodedb.engine.types.TypeId;
import java.math.BigDecimal;

/**
 * The arithmetic and bitwise operators on numbers, with PostgreSQL's result types and errors
 * ({@code src/backend/utils/adt/int.c}, {@code int8.c}, {@code float.c}, {@code numeric.c}):
 *
 * <ul>
 *   <li>{@code + - * / %} and prefix {@code - +} on smallint, integer and bigint: exact
 *       two's-complement arithmetic in the operand type; overflow raises 22003 {@code integer
 *       out of range} (or {@code smallint}/{@code bigint}); {@code /} truncates toward zero;
 *       {@code /} and {@code %} by zero raise 22012 {@code division by zero}; {@code MIN % -1}
 *       is 0 as in PostgreSQL. Mixed integer widths resolve to the wider type by implicit
 *       casts, giving PostgreSQL's result types ({@code int2 + int4} is integer).</li>
 *   <li>{@code + - * /} and prefix {@code - +} on real and double precision (no {@code %}, as in
 *       PostgreSQL), also real with double precision (result double, PostgreSQL's {@code
 *       float48pl} family); an infinite result from finite operands raises 22003 {@code value
 *       out of range: overflow}, a zero product or quotient of non-zero operands {@code
 *       underflow}; division by zero raises 22012 (except NaN / 0, which is NaN).</li>
 *   <li>{@code + - * / %} and prefix {@code - +} on numeric: exact; the product has the sum of
 *       the scales; the quotient has PostgreSQL's {@code select_div_scale} scale and is rounded
 *       half away from zero ({@link NumericMath#divide}).</li>
 *   <li>{@code ^} (power) on double precision and numeric, prefix {@code |/} (square root),
 *       {@code ||/} (cube root) and {@code @} (absolute value).</li>
 *   <li>Bitwise {@code & | # ~ << >>} on the integer types; shift counts are integers and, as in
 *       PostgreSQL on x86-64 (C shifts), taken modulo the operand width.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class ArithmeticOperators {
    private ArithmeticOperators() {
    }

    /** Registers the operators. */
    static void register(Registrar r) {
        integerOps(r);
        floatOps(r);
        numericOps(r);
    }

    private static long checkRange(long v, TypeId t) {
        if (t == SMALLINT && (v < Short.MIN_VALUE || v > Short.MAX_VALUE)
                || t == INTEGER && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            throw Errors.outOfRange(t.sqlName());
        }
        return v;
    }

    /** @return {@code v} boxed as the Java class of integer type {@code t}, range-checked */
    static Object box(long v, TypeId t) {
        checkRange(v, t);
        return switch (t) {
            case SMALLINT -> (short) v;
            case INTEGER -> (int) v;
            default -> v;
        };
    }

    private static long l(Object o) {
        return ((Number) o).longValue();
    }

    private static double d(Object o) {
        return ((Number) o).doubleValue();
    }

    private static void integerOps(Registrar r) {
        // integer is the hot type: dedicated bodies without the long round trip
        r.infix("+", INTEGER, INTEGER, INTEGER, (a, b) -> {
            try {
                return Math.addExact((Integer) a, (Integer) b);
            } catch (ArithmeticException e) {
                throw Errors.outOfRange("integer");
            }
        });
        r.infix("-", INTEGER, INTEGER, INTEGER, (a, b) -> {
            try {
                return Math.subtractExact((Integer) a, (Integer) b);
            } catch (ArithmeticException e) {
                throw Errors.outOfRange("integer");
            }
        });
        r.infix("*", INTEGER, INTEGER, INTEGER, (a, b) -> {
            try {
                return Math.multiplyExact((Integer) a, (Integer) b);
            } catch (ArithmeticException e) {
                throw Errors.outOfRange("integer");
            }
        });
        for (TypeId t : new TypeId[] {SMALLINT, BIGINT}) {
            String name = t.sqlName();
            r.infix("+", t, t, t, (a, b) -> {
                try {
                    return box(Math.addExact(l(a), l(b)), t);
                } catch (ArithmeticException e) {
                    throw Errors.outOfRange(name);
                }
            });
            r.infix("-", t, t, t, (a, b) -> {
                try {
                    return box(Math.subtractExact(l(a), l(b)), t);
                } catch (ArithmeticException e) {
                    throw Errors.outOfRange(name);
                }
            });
            r.infix("*", t, t, t, (a, b) -> {
                try {
                    return box(Math.multiplyExact(l(a), l(b)), t);
                } catch (ArithmeticException e) {
                    throw Errors.outOfRange(name);
                }
            });
        }
        for (TypeId t : new TypeId[] {SMALLINT, INTEGER, BIGINT}) {
            String name = t.sqlName();
            int bits = t == SMALLINT ? 16 : t == INTEGER ? 32 : 64;
            r.infix("/", t, t, t, (a, b) -> {
                long y = l(b);
                if (y == 0) {
                    throw Errors.divisionByZero();
                }
                long x = l(a);
                if (y == -1) {
                    if (t == BIGINT && x == Long.MIN_VALUE) {
                        throw Errors.outOfRange(name);
                    }
                    return box(-x, t);
                }
                return box(x / y, t);
            });
            r.infix("%", t, t, t, (a, b) -> {
                long y = l(b);
                if (y == 0) {
                    throw Errors.divisionByZero();
                }
                return box(y == -1 ? 0 : l(a) % y, t);
            });
            r.prefix("-", t, t, a -> {
                long x = l(a);
                if (t == BIGINT && x == Long.MIN_VALUE) {
                    throw Errors.outOfRange(name);
                }
                return box(-x, t);
            });
            r.prefix("+", t, t, a -> a);
            r.prefix("@", t, t, a -> {
                long x = l(a);
                if (t == BIGINT && x == Long.MIN_VALUE) {
                    throw Errors.outOfRange(name);
                }
                return box(Math.abs(x), t);
            });
            r.infix("&", t, t, t, (a, b) -> box(l(a) & l(b), t));
            r.infix("|", t, t, t, (a, b) -> box(l(a) | l(b), t));
            r.infix("#", t, t, t, (a, b) -> box(l(a) ^ l(b), t));
            r.prefix("~", t, t, a -> box(~l(a), t));
            r.infix("<<", t, INTEGER, t, (a, b) -> box(narrow(l(a) << shift(b, bits), bits), t));
            r.infix(">>", t, INTEGER, t, (a, b) -> box(narrow(l(a) >> shift(b, bits), bits), t));
        }
    }

    private static int shift(Object count, int bits) {
        // C on x86-64 masks the count of a 32- or 64-bit shift; int2 is shifted as an int
        return (Integer) count & (bits == 64 ? 63 : 31);
    }

    /** Truncates to the operand width, as the C cast back to int16/int32 does. */
    private static long narrow(long v, int bits) {
        return bits == 16 ? (short) v : bits == 32 ? (int) v : v;
    }

    /** PostgreSQL's {@code check_float8_val}. */
    static double checkDouble(double r, boolean infOk, boolean zeroOk) {
        if (Double.isInfinite(r) && !infOk) {
            throw Errors.floatOverflow();
        }
        if (r == 0.0 && !zeroOk) {
            throw Errors.floatUnderflow();
        }
        return r;
    }

    /** PostgreSQL's {@code check_float4_val}. */
    static float checkFloat(float r, boolean infOk, boolean zeroOk) {
        if (Float.isInfinite(r) && !infOk) {
            throw Errors.floatOverflow();
        }
        if (r == 0.0f && !zeroOk) {
            throw Errors.floatUnderflow();
        }
        return r;
    }

    /** {@code float8_div}. */
    static double divide(double x, double y) {
        if (y == 0.0 && !Double.isNaN(x)) {
            throw Errors.divisionByZero();
        }
        double q = x / y;
        if (Double.isInfinite(q) && !Double.isInfinite(x)) {
            throw Errors.floatOverflow();
        }
        if (q == 0.0 && x != 0.0 && !Double.isInfinite(y)) {
            throw Errors.floatUnderflow();
        }
        return q;
    }

    private static void floatOps(Registrar r) {
        TypeId[][] pairs = {{DOUBLE, DOUBLE}, {REAL, DOUBLE}, {DOUBLE, REAL}};
        for (TypeId[] p : pairs) {
            r.infix("+", p[0], p[1], DOUBLE, (a, b) -> {
                double x = d(a);
                double y = d(b);
                return checkDouble(x + y, Double.isInfinite(x) || Double.isInfinite(y), true);
            });
            r.infix("-", p[0], p[1], DOUBLE, (a, b) -> {
                double x = d(a);
                double y = d(b);
                return checkDouble(x - y, Double.isInfinite(x) || Double.isInfinite(y), true);
            });
            r.infix("*", p[0], p[1], DOUBLE, (a, b) -> {
                double x = d(a);
                double y = d(b);
                return checkDouble(x * y, Double.isInfinite(x) || Double.isInfinite(y),
                        x == 0.0 || y == 0.0);
            });
            r.infix("/", p[0], p[1], DOUBLE, (a, b) -> divide(d(a), d(b)));
        }
        r.infix("+", REAL, REAL, REAL, (a, b) -> {
            float x = (Float) a;
            float y = (Float) b;
            return checkFloat(x + y, Float.isInfinite(x) || Float.isInfinite(y), true);
        });
        r.infix("-", REAL, REAL, REAL, (a, b) -> {
            float x = (Float) a;
            float y = (Float) b;
            return checkFloat(x - y, Float.isInfinite(x) || Float.isInfinite(y), true);
        });
        r.infix("*", REAL, REAL, REAL, (a, b) -> {
            float x = (Float) a;
            float y = (Float) b;
            return checkFloat(x * y, Float.isInfinite(x) || Float.isInfinite(y),
                    x == 0.0f || y == 0.0f);
        });
        r.infix("/", REAL, REAL, REAL, (a, b) -> {
            float x = (Float) a;
            float y = (Float) b;
            if (y == 0.0f && !Float.isNaN(x)) {
                throw Errors.divisionByZero();
            }
            float q = x / y;
            if (Float.isInfinite(q) && !Float.isInfinite(x)) {
                throw Errors.floatOverflow();
            }
            if (q == 0.0f && x != 0.0f && !Float.isInfinite(y)) {
                throw Errors.floatUnderflow();
            }
            return q;
        });
        r.prefix("-", REAL, REAL, a -> -(Float) a);
        r.prefix("+", REAL, REAL, a -> a);
        r.prefix("@", REAL, REAL, a -> Math.abs((Float) a));
        r.prefix("-", DOUBLE, DOUBLE, a -> -(Double) a);
        r.prefix("+", DOUBLE, DOUBLE, a -> a);
        r.prefix("@", DOUBLE, DOUBLE, a -> Math.abs((Double) a));
        r.infix("^", DOUBLE, DOUBLE, DOUBLE, (a, b) -> MathFunctions.pow((Double) a, (Double) b));
        r.prefix("|/", DOUBLE, DOUBLE, a -> MathFunctions.sqrt((Double) a));
        r.prefix("||/", DOUBLE, DOUBLE, a -> Math.cbrt((Double) a));
    }

    private static void numericOps(Registrar r) {
        r.infix("+", NUMERIC, NUMERIC, NUMERIC, (a, b) -> ((BigDecimal) a).add((BigDecimal) b));
        r.infix("-", NUMERIC, NUMERIC, NUMERIC,
                (a, b) -> ((BigDecimal) a).subtract((BigDecimal) b));
        r.infix("*", NUMERIC, NUMERIC, NUMERIC, (a, b) -> NumericMath.multiply((BigDecimal) a,
                (BigDecimal) b));
        r.infix("/", NUMERIC, NUMERIC, NUMERIC, (a, b) -> NumericMath.divide((BigDecimal) a,
                (BigDecimal) b));
        r.infix("%", NUMERIC, NUMERIC, NUMERIC, (a, b) -> NumericMath.mod((BigDecimal) a,
                (BigDecimal) b));
        r.infix("^", NUMERIC, NUMERIC, NUMERIC, (a, b) -> NumericMath.power((BigDecimal) a,
                (BigDecimal) b));
        r.prefix("-", NUMERIC, NUMERIC, a -> ((BigDecimal) a).negate());
        r.prefix("+", NUMERIC, NUMERIC, a -> a);
        r.prefix("@", NUMERIC, NUMERIC, a -> ((BigDecimal) a).abs());
    }
}
