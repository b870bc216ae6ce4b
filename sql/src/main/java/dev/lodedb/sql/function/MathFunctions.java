package dev.lodedb.sql.function;

import static dev.lodedb.engine.types.TypeId.BIGINT;
import static dev.lodedb.engine.types.TypeId.DOUBLE;
import static dev.lodedb.engine.types.TypeId.INTEGER;
import static dev.lodedb.engine.types.TypeId.NUMERIC;
import static dev.lodedb.engine.types.TypeId.REAL;
import static dev.lodedb.engine.types.TypeId.SMALLINT;

import dev.lodedb.engine.types.TypeId;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The mathematical functions of PostgreSQL's documentation section 9.3 "Mathematical Functions
 * and Operators", with its argument types, result types and errors ({@code
 * src/backend/utils/adt/float.c}, {@code int.c}, {@code numeric.c}):
 *
 * <ul>
 *   <li>{@code abs}, {@code ceil}/{@code ceiling}, {@code floor}, {@code round(x)} (double:
 *       round half to even, as C {@code rint}; numeric: half away from zero), {@code round(numeric,
 *       int)}, {@code trunc(x)}, {@code trunc(numeric, int)}, {@code sign};</li>
 *   <li>{@code sqrt}, {@code cbrt}, {@code power}/{@code pow}, {@code exp}, {@code ln}, {@code
 *       log(x)} (base 10), {@code log10}, {@code log(b, x)}: double precision and numeric (see
 *       {@link NumericMath} for numeric result scales); errors 2201F (square root or power of a
 *       negative number, zero to a negative power), 2201E (logarithm of zero or a negative
 *       number), 22003 (overflow, underflow);</li>
 *   <li>{@code mod} (smallint, integer, bigint, numeric), {@code div(numeric, numeric)}, {@code
 *       gcd}, {@code lcm} (integer, bigint), {@code scale}, {@code min_scale}, {@code
 *       trim_scale};</li>
 *   <li>{@code pi}, {@code degrees}, {@code radians}, {@code sin cos tan cot asin acos atan
 *       atan2 sinh cosh tanh asinh acosh atanh} in radians on double precision; out-of-domain
 *       inputs raise 22003 {@code input is out of range};</li>
 *   <li>{@code random()} (volatile; uniform in [0, 1) from {@link FunctionContext#random()}),
 *       {@code width_bucket(double, double, double, int)} and its numeric form.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class MathFunctions {
    private MathFunctions() {
    }

    private static double d(Object o) {
        return ((Number) o).doubleValue();
    }

    private static BigDecimal n(Object o) {
        return (BigDecimal) o;
    }

    /** PostgreSQL's {@code dpow}. */
    static double pow(double x, double y) {
        if (Double.isNaN(x)) {
            return Double.isNaN(y) || y != 0.0 ? Double.NaN : 1.0;
        }
        if (Double.isNaN(y)) {
            return x != 1.0 ? Double.NaN : 1.0;
        }
        if (x == 0.0 && y < 0.0) {
            throw Errors.error(Errors.INVALID_ARGUMENT_FOR_POWER,
                    "zero raised to a negative power is undefined");
        }
        if (x < 0.0 && Math.floor(y) != y && !Double.isInfinite(y)) {
            throw Errors.error(Errors.INVALID_ARGUMENT_FOR_POWER,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        double r = Math.pow(x, y);
        if (!Double.isInfinite(x) && !Double.isInfinite(y)) {
            ArithmeticOperators.checkDouble(r, false, x == 0.0);
        }
        return r;
    }

    /** PostgreSQL's {@code dsqrt}. */
    static double sqrt(double x) {
        if (x < 0) {
            throw Errors.error(Errors.INVALID_ARGUMENT_FOR_POWER,
                    "cannot take square root of a negative number");
        }
        return Math.sqrt(x);
    }

    private static double log(double x, boolean base10) {
        if (x == 0.0) {
            throw Errors.error(Errors.INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of zero");
        }
        if (x < 0) {
            throw Errors.error(Errors.INVALID_ARGUMENT_FOR_LOG,
                    "cannot take logarithm of a negative number");
        }
        return base10 ? Math.log10(x) : Math.log(x);
    }

    private static double exp(double x) {
        double r = Math.exp(x);
        if (!Double.isNaN(x) && !Double.isInfinite(x)) {
            ArithmeticOperators.checkDouble(r, false, false);
        }
        return r;
    }

    private static SqlExceptionSupplier outOfRangeInput() {
        return () -> Errors.error(dev.lodedb.engine.SqlException.NUMERIC_VALUE_OUT_OF_RANGE,
                "input is out of range");
    }

    @FunctionalInterface
    private interface SqlExceptionSupplier {
        RuntimeException get();
    }

    /** A trigonometric function: NaN passes, an infinite (or out-of-domain) input is an error. */
    private static Registrar.F1 trig(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
        return a -> {
            double x = d(a);
            if (Double.isNaN(x)) {
                return Double.NaN;
            }
            if (x < lo || x > hi) {
                throw outOfRangeInput().get();
            }
            double r = f.applyAsDouble(x);
            return ArithmeticOperators.checkDouble(r, true, true);
        };
    }

    static void register(Registrar r) {
        double inf = Double.POSITIVE_INFINITY;
        double big = Double.MAX_VALUE;
        // abs
        r.f1("abs", SMALLINT, SMALLINT, a -> ArithmeticOperators.box(Math.abs((long) (Short) a), SMALLINT));
        r.f1("abs", INTEGER, INTEGER, a -> ArithmeticOperators.box(Math.abs((long) (Integer) a), INTEGER));
        r.f1("abs", BIGINT, BIGINT, a -> {
            long x = (Long) a;
            if (x == Long.MIN_VALUE) {
                throw Errors.outOfRange("bigint");
            }
            return Math.abs(x);
        });
        r.f1("abs", REAL, REAL, a -> Math.abs((Float) a));
        r.f1("abs", DOUBLE, DOUBLE, a -> Math.abs((Double) a));
        r.f1("abs", NUMERIC, NUMERIC, a -> n(a).abs());
        // rounding
        for (String name : new String[] {"ceil", "ceiling"}) {
            r.f1(name, DOUBLE, DOUBLE, a -> Math.ceil(d(a)));
            r.f1(name, NUMERIC, NUMERIC, a -> n(a).setScale(0, RoundingMode.CEILING));
        }
        r.f1("floor", DOUBLE, DOUBLE, a -> Math.floor(d(a)));
        r.f1("floor", NUMERIC, NUMERIC, a -> n(a).setScale(0, RoundingMode.FLOOR));
        r.f1("round", DOUBLE, DOUBLE, a -> Math.rint(d(a)));
        r.f1("round", NUMERIC, NUMERIC, a -> NumericMath.round(n(a), 0));
        r.f2("round", NUMERIC, NUMERIC, INTEGER, (a, b) -> NumericMath.round(n(a), (Integer) b));
        r.f1("trunc", DOUBLE, DOUBLE, a -> {
            double x = d(a);
            return x >= 0 ? Math.floor(x) : Math.ceil(x);
        });
        r.f1("trunc", NUMERIC, NUMERIC, a -> NumericMath.trunc(n(a), 0));
        r.f2("trunc", NUMERIC, NUMERIC, INTEGER, (a, b) -> NumericMath.trunc(n(a), (Integer) b));
        r.f1("sign", DOUBLE, DOUBLE, a -> {
            double x = d(a);
            return x > 0 ? 1.0 : x < 0 ? -1.0 : Double.isNaN(x) ? x : 0.0;
        });
        r.f1("sign", NUMERIC, NUMERIC, a -> BigDecimal.valueOf(n(a).signum()));
        // roots, powers, logarithms
        r.f1("sqrt", DOUBLE, DOUBLE, a -> sqrt(d(a)));
        r.f1("sqrt", NUMERIC, NUMERIC, a -> NumericMath.sqrt(n(a)));
        r.f1("cbrt", DOUBLE, DOUBLE, a -> Math.cbrt(d(a)));
        for (String name : new String[] {"power", "pow"}) {
            r.f2(name, DOUBLE, DOUBLE, DOUBLE, (a, b) -> pow(d(a), d(b)));
            r.f2(name, NUMERIC, NUMERIC, NUMERIC, (a, b) -> NumericMath.power(n(a), n(b)));
        }
        r.f1("exp", DOUBLE, DOUBLE, a -> exp(d(a)));
        r.f1("exp", NUMERIC, NUMERIC, a -> NumericMath.exp(n(a)));
        r.f1("ln", DOUBLE, DOUBLE, a -> log(d(a), false));
        r.f1("ln", NUMERIC, NUMERIC, a -> NumericMath.ln(n(a)));
        for (String name : new String[] {"log", "log10"}) {
            r.f1(name, DOUBLE, DOUBLE, a -> log(d(a), true));
            r.f1(name, NUMERIC, NUMERIC, a -> NumericMath.log(BigDecimal.TEN, n(a)));
        }
        r.f2("log", NUMERIC, NUMERIC, NUMERIC, (a, b) -> NumericMath.log(n(a), n(b)));
        // integer and numeric division helpers
        for (TypeId t : new TypeId[] {SMALLINT, INTEGER, BIGINT}) {
            r.f2("mod", t, t, t, (a, b) -> {
                long y = ((Number) b).longValue();
                if (y == 0) {
                    throw Errors.divisionByZero();
                }
                return ArithmeticOperators.box(y == -1 ? 0 : ((Number) a).longValue() % y, t);
            });
        }
        r.f2("mod", NUMERIC, NUMERIC, NUMERIC, (a, b) -> NumericMath.mod(n(a), n(b)));
        r.f2("div", NUMERIC, NUMERIC, NUMERIC, (a, b) -> NumericMath.div(n(a), n(b)));
        r.f2("gcd", INTEGER, INTEGER, INTEGER, (a, b) -> ArithmeticOperators.box(
                gcd((Integer) a, (Integer) b, INTEGER), INTEGER));
        r.f2("gcd", BIGINT, BIGINT, BIGINT, (a, b) -> gcd((Long) a, (Long) b, BIGINT));
        r.f2("lcm", INTEGER, INTEGER, INTEGER, (a, b) -> ArithmeticOperators.box(
                lcm((Integer) a, (Integer) b, INTEGER), INTEGER));
        r.f2("lcm", BIGINT, BIGINT, BIGINT, (a, b) -> lcm((Long) a, (Long) b, BIGINT));
        r.f1("scale", INTEGER, NUMERIC, a -> NumericMath.dscale(n(a)));
        r.f1("min_scale", INTEGER, NUMERIC, a -> minScale(n(a)));
        r.f1("trim_scale", NUMERIC, NUMERIC, a -> n(a).setScale(minScale(n(a))));
        // trigonometry
        r.f0("pi", DOUBLE, (c, a) -> Math.PI);
        r.f1("degrees", DOUBLE, DOUBLE, a -> ArithmeticOperators.checkDouble(
                Math.toDegrees(d(a)), Double.isInfinite(d(a)), true));
        r.f1("radians", DOUBLE, DOUBLE, a -> ArithmeticOperators.checkDouble(
                Math.toRadians(d(a)), Double.isInfinite(d(a)), true));
        r.f1("sin", DOUBLE, DOUBLE, trig(Math::sin, -big, big));
        r.f1("cos", DOUBLE, DOUBLE, trig(Math::cos, -big, big));
        r.f1("tan", DOUBLE, DOUBLE, trig(Math::tan, -big, big));
        r.f1("cot", DOUBLE, DOUBLE, trig(x -> 1.0 / Math.tan(x), -big, big));
        r.f1("asin", DOUBLE, DOUBLE, trig(Math::asin, -1, 1));
        r.f1("acos", DOUBLE, DOUBLE, trig(Math::acos, -1, 1));
        r.f1("atan", DOUBLE, DOUBLE, trig(Math::atan, -inf, inf));
        r.f2("atan2", DOUBLE, DOUBLE, DOUBLE, (a, b) -> Math.atan2(d(a), d(b)));
        r.f1("sinh", DOUBLE, DOUBLE, a -> Math.sinh(d(a)));
        r.f1("cosh", DOUBLE, DOUBLE, a -> Math.cosh(d(a)));
        r.f1("tanh", DOUBLE, DOUBLE, a -> Math.tanh(d(a)));
        r.f1("asinh", DOUBLE, DOUBLE, a -> {
            double x = d(a);
            return Double.isInfinite(x) ? x : Math.log(x + Math.sqrt(x * x + 1));
        });
        r.f1("acosh", DOUBLE, DOUBLE, trig(x -> Math.log(x + Math.sqrt(x * x - 1)), 1, inf));
        r.f1("atanh", DOUBLE, DOUBLE, trig(x -> 0.5 * Math.log((1 + x) / (1 - x)), -1, 1));
        // random and buckets
        r.fn("random", DOUBLE, true, true, false, (c, a) -> c.random().nextDouble());
        r.fn("width_bucket", INTEGER, true, false, false,
                (c, a) -> widthBucket(d(a[0]), d(a[1]), d(a[2]), (Integer) a[3]),
                DOUBLE, DOUBLE, DOUBLE, INTEGER);
        r.fn("width_bucket", INTEGER, true, false, false,
                (c, a) -> widthBucket(n(a[0]), n(a[1]), n(a[2]), (Integer) a[3]),
                NUMERIC, NUMERIC, NUMERIC, INTEGER);
    }

    private static int minScale(BigDecimal x) {
        if (x.signum() == 0) {
            return 0;
        }
        return Math.max(0, x.stripTrailingZeros().scale());
    }

    private static long gcd(long a, long b, TypeId t) {
        long min = t == INTEGER ? Integer.MIN_VALUE : Long.MIN_VALUE;
        if (a == min && (b == 0 || b == min) || b == min && a == 0) {
            throw Errors.outOfRange(t.sqlName());
        }
        a = Math.abs(a == min ? a % b : a);
        b = Math.abs(b == min ? b % a : b);
        while (b != 0) {
            long x = a % b;
            a = b;
            b = x;
        }
        return a;
    }

    private static long lcm(long a, long b, TypeId t) {
        if (a == 0 || b == 0) {
            return 0;
        }
        long g = gcd(a, b, t);
        try {
            long r = Math.abs(Math.multiplyExact(a / g, b));
            if (r < 0 || t == INTEGER && r > Integer.MAX_VALUE) {
                throw new ArithmeticException();
            }
            return r;
        } catch (ArithmeticException e) {
            throw Errors.outOfRange(t.sqlName());
        }
    }

    private static void checkBucketArgs(int count, boolean equal) {
        if (count <= 0) {
            throw Errors.error(Errors.INVALID_ARGUMENT_FOR_WIDTH_BUCKET,
                    "count must be greater than zero");
        }
        if (equal) {
            throw Errors.error(Errors.INVALID_ARGUMENT_FOR_WIDTH_BUCKET,
                    "lower bound cannot equal upper bound");
        }
    }

    private static int bucketResult(long v) {
        if (v > Integer.MAX_VALUE) {
            throw Errors.outOfRange("integer");
        }
        return (int) v;
    }

    /** PostgreSQL's {@code width_bucket_float8}. */
    static int widthBucket(double x, double lo, double hi, int count) {
        checkBucketArgs(count, lo == hi);
        if (Double.isNaN(x) || Double.isNaN(lo) || Double.isNaN(hi)) {
            throw Errors.error(Errors.INVALID_ARGUMENT_FOR_WIDTH_BUCKET,
                    "operand, lower bound, and upper bound cannot be NaN");
        }
        if (Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw Errors.error(Errors.INVALID_ARGUMENT_FOR_WIDTH_BUCKET,
                    "lower and upper bounds must be finite");
        }
        if (lo < hi) {
            if (x < lo) {
                return 0;
            }
            if (x >= hi) {
                return bucketResult(count + 1L);
            }
            return (int) Math.min(count, (long) (count * ((x - lo) / (hi - lo))) + 1);
        }
        if (x > lo) {
            return 0;
        }
        if (x <= hi) {
            return bucketResult(count + 1L);
        }
        return (int) Math.min(count, (long) (count * ((lo - x) / (lo - hi))) + 1);
    }

    /** PostgreSQL's {@code width_bucket_numeric}. */
    static int widthBucket(BigDecimal x, BigDecimal lo, BigDecimal hi, int count) {
        checkBucketArgs(count, lo.compareTo(hi) == 0);
        BigDecimal c = BigDecimal.valueOf(count);
        if (lo.compareTo(hi) < 0) {
            if (x.compareTo(lo) < 0) {
                return 0;
            }
            if (x.compareTo(hi) >= 0) {
                return bucketResult(count + 1L);
            }
            return x.subtract(lo).multiply(c).divide(hi.subtract(lo), 0, RoundingMode.FLOOR)
                    .intValue() + 1;
        }
        if (x.compareTo(lo) > 0) {
            return 0;
        }
        if (x.compareTo(hi) <= 0) {
            return bucketResult(count + 1L);
        }
        return lo.subtract(x).multiply(c).divide(lo.subtract(hi), 0, RoundingMode.FLOOR)
                .intValue() + 1;
    }
}
