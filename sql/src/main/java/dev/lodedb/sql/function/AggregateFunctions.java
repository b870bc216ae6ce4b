package dev.lodedb.sql.function;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Interval;
import dev.lodedb.engine.types.Json;
import dev.lodedb.engine.types.Jsonb;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.function.AggregateFunction.Accumulator;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;

/**
 * The built-in aggregates with PostgreSQL's argument and result types: count, sum, avg, min,
 * max, bool_and, bool_or, every, string_agg, jsonb_agg, json_agg, stddev/variance (sample and
 * population). Sums of integers are exact (bigint sums widen to numeric, as in PostgreSQL);
 * {@code avg} of integers and numerics is a numeric with PostgreSQL's division scale
 * ({@code NumericMath.divide}, PostgreSQL's {@code select_div_scale}). Thread-safe (stateless; state lives in the accumulators).
 */
public final class AggregateFunctions {
    private static final Set<String> NAMES = Set.of("count", "sum", "avg", "min", "max", "bool_and", "bool_or",
            "every", "string_agg", "jsonb_agg", "json_agg", "array_agg", "stddev", "stddev_samp", "stddev_pop",
            "variance", "var_samp", "var_pop");

    private AggregateFunctions() {
    }

    /** @return whether {@code name} (lower case) is an aggregate */
    public static boolean isAggregate(String name) {
        return NAMES.contains(name);
    }

    /**
     * Resolves an aggregate call.
     *
     * @param name lower-case name
     * @param argTypes the argument types (empty for {@code count(*)})
     * @param position 0-based offset for errors
     * @throws SqlException 42883 when no overload accepts the arguments
     */
    public static AggregateFunction resolve(String name, List<DataType> argTypes, int position) {
        int n = argTypes.size();
        DataType t = n > 0 ? argTypes.get(0) : null;
        TypeId id = t == null ? null : t.id();
        switch (name) {
            case "count":
                if (n == 0) {
                    return new AggregateFunction(name, List.of(), DataType.BIGINT, true, Count::new);
                }
                if (n == 1) {
                    return new AggregateFunction(name, List.of(unknownToText(t)), DataType.BIGINT, true, Count::new);
                }
                break;
            case "sum":
                if (n == 1) {
                    switch (id) {
                        case SMALLINT, INTEGER:
                            return new AggregateFunction(name, argTypes, DataType.BIGINT, true, LongSum::new);
                        case BIGINT, NUMERIC:
                            return new AggregateFunction(name, argTypes, DataType.NUMERIC, true, NumericSum::new);
                        case REAL:
                            return new AggregateFunction(name, argTypes, DataType.REAL, true, () -> new DoubleSum(true));
                        case DOUBLE, UNKNOWN:
                            return new AggregateFunction(name, List.of(DataType.DOUBLE), DataType.DOUBLE, true,
                                    () -> new DoubleSum(false));
                        case INTERVAL:
                            return new AggregateFunction(name, argTypes, DataType.INTERVAL, true, IntervalSum::new);
                        default:
                            break;
                    }
                }
                break;
            case "avg":
                if (n == 1) {
                    switch (id) {
                        case SMALLINT, INTEGER, BIGINT, NUMERIC:
                            return new AggregateFunction(name, List.of(DataType.NUMERIC), DataType.NUMERIC, true,
                                    NumericAvg::new);
                        case REAL, DOUBLE, UNKNOWN:
                            return new AggregateFunction(name, List.of(DataType.DOUBLE), DataType.DOUBLE, true,
                                    DoubleAvg::new);
                        case INTERVAL:
                            return new AggregateFunction(name, argTypes, DataType.INTERVAL, true, IntervalAvg::new);
                        default:
                            break;
                    }
                }
                break;
            case "min", "max":
                if (n == 1 && id != TypeId.JSON) {
                    DataType at = unknownToText(t);
                    boolean max = name.equals("max");
                    return new AggregateFunction(name, List.of(at), at, true, () -> new MinMax(at, max));
                }
                break;
            case "bool_and", "every", "bool_or":
                if (n == 1 && (id == TypeId.BOOLEAN || id == TypeId.UNKNOWN)) {
                    boolean and = !name.equals("bool_or");
                    return new AggregateFunction(name, List.of(DataType.BOOLEAN), DataType.BOOLEAN, true,
                            () -> new BoolAgg(and));
                }
                break;
            case "string_agg":
                if (n == 2 && (id.isString() || id == TypeId.UNKNOWN)) {
                    return new AggregateFunction(name, List.of(DataType.TEXT, DataType.TEXT), DataType.TEXT, false,
                            StringAgg::new);
                }
                break;
            case "jsonb_agg", "json_agg":
                if (n == 1) {
                    DataType at = unknownToText(t);
                    boolean jsonb = name.equals("jsonb_agg");
                    return new AggregateFunction(name, List.of(at), jsonb ? DataType.JSONB : DataType.JSON, false,
                            () -> new JsonAgg(at, jsonb));
                }
                break;
            case "array_agg":
                throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED,
                        "array_agg is not supported yet: LodeDB has no array types", null,
                        "Use string_agg or jsonb_agg.", position + 1, null);
            case "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop":
                if (n == 1 && (id.isNumeric() || id == TypeId.UNKNOWN)) {
                    boolean exact = id.isInteger() || id == TypeId.NUMERIC;
                    boolean sample = !name.endsWith("_pop");
                    boolean sqrt = name.startsWith("stddev");
                    return new AggregateFunction(name, List.of(exact ? DataType.NUMERIC : DataType.DOUBLE),
                            exact ? DataType.NUMERIC : DataType.DOUBLE, true, () -> new Variance(exact, sample, sqrt));
                }
                break;
            default:
                break;
        }
        StringBuilder sig = new StringBuilder(name).append('(');
        for (int i = 0; i < n; i++) {
            sig.append(i > 0 ? ", " : "").append(argTypes.get(i));
        }
        throw new SqlException(SqlException.UNDEFINED_FUNCTION, "function " + sig + ") does not exist", null,
                "No function matches the given name and argument types. You might need to add explicit type casts.",
                position + 1, null);
    }

    private static DataType unknownToText(DataType t) {
        return t.id() == TypeId.UNKNOWN ? DataType.TEXT : t;
    }

    private static final class Count implements AggregateFunction.LongAccumulator,
            AggregateFunction.DoubleAccumulator {
        long n;

        @Override
        public void add(Object[] args) {
            n++;
        }

        @Override
        public void addValue(Object v) {
            n++;
        }

        @Override
        public void addLong(long v) {
            n++;
        }

        @Override
        public void addDouble(double v) {
            n++;
        }

        @Override
        public boolean remove(Object[] args) {
            n--;
            return true;
        }

        @Override
        public Object result() {
            return n;
        }
    }

    private static final class LongSum implements AggregateFunction.LongAccumulator {
        long sum;
        long count;

        @Override
        public void addLong(long v) {
            sum += v;
            count++;
        }

        @Override
        public boolean remove(Object[] args) {
            sum -= ((Number) args[0]).longValue();
            count--;
            return true;
        }

        @Override
        public Object result() {
            return count == 0 ? null : sum;
        }
    }

    /** sum(bigint) and sum(numeric): bigints summed in a long until it would overflow, numerics in a BigDecimal. */
    private static final class NumericSum implements AggregateFunction.LongAccumulator {
        long longSum;
        BigDecimal big = BigDecimal.ZERO;
        long count;

        @Override
        public void addValue(Object v) {
            if (v instanceof Long l) {
                addLong(l);
                return;
            }
            big = big.add((BigDecimal) v);
            count++;
        }

        @Override
        public void addLong(long l) {
            long r = longSum + l;
            if (((longSum ^ r) & (l ^ r)) < 0) {
                big = big.add(BigDecimal.valueOf(longSum));
                longSum = l;
            } else {
                longSum = r;
            }
            count++;
        }

        @Override
        public boolean remove(Object[] args) {
            Object v = args[0];
            big = big.subtract(v instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) v);
            count--;
            return true;
        }

        @Override
        public Object result() {
            return count == 0 ? null : big.add(BigDecimal.valueOf(longSum));
        }
    }

    private static final class DoubleSum implements AggregateFunction.DoubleAccumulator {
        final boolean real;
        double sum;
        long count;

        DoubleSum(boolean real) {
            this.real = real;
        }

        @Override
        public void addDouble(double v) {
            sum += v;
            count++;
        }

        @Override
        public Object result() {
            if (count == 0) {
                return null;
            }
            return real ? (Object) (float) sum : (Object) sum;
        }
    }

    private static final class IntervalSum implements Accumulator {
        Interval sum;

        @Override
        public void add(Object[] args) {
            sum = sum == null ? (Interval) args[0] : sum.plus((Interval) args[0]);
        }

        @Override
        public Object result() {
            return sum;
        }
    }

    private static final class NumericAvg implements Accumulator {
        BigDecimal sum = BigDecimal.ZERO;
        long count;

        @Override
        public void add(Object[] args) {
            addValue(args[0]);
        }

        @Override
        public void addValue(Object v) {
            sum = sum.add((BigDecimal) v);
            count++;
        }

        @Override
        public boolean remove(Object[] args) {
            sum = sum.subtract((BigDecimal) args[0]);
            count--;
            return true;
        }

        @Override
        public Object result() {
            return count == 0 ? null : NumericMath.divide(sum, BigDecimal.valueOf(count));
        }
    }

    private static final class DoubleAvg implements AggregateFunction.DoubleAccumulator {
        double sum;
        long count;

        @Override
        public void addDouble(double v) {
            sum += v;
            count++;
        }

        @Override
        public Object result() {
            return count == 0 ? null : sum / count;
        }
    }

    private static final class IntervalAvg implements Accumulator {
        Interval sum;
        long count;

        @Override
        public void add(Object[] args) {
            sum = sum == null ? (Interval) args[0] : sum.plus((Interval) args[0]);
            count++;
        }

        @Override
        public Object result() {
            return count == 0 ? null : DateTimeArithmetic.divide(sum, count);
        }
    }

    private static final class MinMax implements AggregateFunction.LongAccumulator {
        final DataType type;
        final boolean max;
        Object best;

        MinMax(DataType type, boolean max) {
            this.type = type;
            this.max = max;
        }

        /** Only for the integer types (the only ones whose vectors hold longs). */
        @Override
        public void addLong(long v) {
            if (best == null || (max ? v > ((Number) best).longValue() : v < ((Number) best).longValue())) {
                best = switch (type.id()) {
                    case SMALLINT -> (Object) (short) v;
                    case INTEGER -> (Object) (int) v;
                    default -> (Object) v;
                };
            }
        }

        @Override
        public void addValue(Object v) {
            if (best == null) {
                best = v;
            } else {
                int c = Values.compare(type, v, best);
                if (max ? c > 0 : c < 0) {
                    best = v;
                }
            }
        }

        @Override
        public Object result() {
            return best;
        }
    }

    private static final class BoolAgg implements Accumulator {
        final boolean and;
        Boolean state;

        BoolAgg(boolean and) {
            this.and = and;
        }

        @Override
        public void add(Object[] args) {
            boolean v = (Boolean) args[0];
            state = state == null ? v : and ? state && v : state || v;
        }

        @Override
        public Object result() {
            return state;
        }
    }

    private static final class StringAgg implements Accumulator {
        StringBuilder sb;

        @Override
        public void add(Object[] args) {
            if (args[0] == null) {
                return;
            }
            if (sb == null) {
                sb = new StringBuilder();
            } else if (args[1] != null) {
                sb.append((String) args[1]);
            }
            sb.append((String) args[0]);
        }

        @Override
        public Object result() {
            return sb == null ? null : sb.toString();
        }
    }

    private static final class JsonAgg implements Accumulator {
        final DataType type;
        final boolean jsonb;
        StringBuilder sb;

        JsonAgg(DataType type, boolean jsonb) {
            this.type = type;
            this.jsonb = jsonb;
        }

        @Override
        public void add(Object[] args) {
            sb = sb == null ? new StringBuilder("[") : sb.append(", ");
            JsonValues.append(sb, type, args[0], false);
        }

        @Override
        public Object result() {
            if (sb == null) {
                return null;
            }
            String text = sb + "]";
            return jsonb ? Jsonb.parse(text) : Json.parse(text);
        }
    }

    private static final class Variance implements Accumulator {
        final boolean exact;
        final boolean sample;
        final boolean sqrt;
        long n;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal sumSq = BigDecimal.ZERO;
        double mean;
        double m2;

        Variance(boolean exact, boolean sample, boolean sqrt) {
            this.exact = exact;
            this.sample = sample;
            this.sqrt = sqrt;
        }

        @Override
        public void add(Object[] args) {
            n++;
            if (exact) {
                BigDecimal v = (BigDecimal) args[0];
                sum = sum.add(v);
                sumSq = sumSq.add(v.multiply(v));
            } else {
                double v = ((Number) args[0]).doubleValue();
                double d = v - mean;
                mean += d / n;
                m2 += d * (v - mean);
            }
        }

        @Override
        public Object result() {
            if (n == 0 || (sample && n == 1)) {
                return null;
            }
            long div = sample ? n - 1 : n;
            if (!exact) {
                double var = m2 / div;
                return sqrt ? Math.sqrt(var) : var;
            }
            // (n * sumSq - sum^2) / (n * div), PostgreSQL's numeric_stddev_internal
            BigDecimal bn = BigDecimal.valueOf(n);
            BigDecimal numerator = bn.multiply(sumSq).subtract(sum.multiply(sum));
            if (numerator.signum() <= 0) {
                return BigDecimal.ZERO;
            }
            BigDecimal var = NumericMath.divide(numerator, bn.multiply(BigDecimal.valueOf(div)));
            if (!sqrt) {
                return var;
            }
            int scale = var.scale();
            return var.sqrt(new MathContext(Math.max(scale, 0) + var.precision() + 2, RoundingMode.HALF_EVEN))
                    .setScale(scale, RoundingMode.HALF_UP);
        }
    }
}
