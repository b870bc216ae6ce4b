package dev.lodedb.sql.exec;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.CastContext;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.function.ScalarFunction;
import java.util.List;

/**
 * Evaluators of leaves (columns, constants, parameters, outer references), casts and function
 * calls, with type-specialized loops for integer and float arithmetic.
 */
final class ScalarEvaluators {
    private ScalarEvaluators() {
    }

    /** A column of the input: returns the input's vector itself. */
    static final class ColumnEval extends Evaluator {
        final int index;

        ColumnEval(int index, DataType type) {
            super(type);
            this.index = index;
        }

        @Override
        public Vector evaluate(DataChunk input, ExecContext ctx) {
            return input.column(index);
        }
    }

    /**
     * A value that is the same for every row of a chunk. A constant's vector is filled once; a
     * parameter's or outer reference's value may change between calls, so only the chunk's live
     * positions are written each time.
     */
    abstract static class UniformEval extends Evaluator {
        private Vector filled;
        private boolean complete;

        UniformEval(DataType type) {
            super(type);
        }

        abstract Object value(ExecContext ctx);

        /** @return whether the value never changes (then the vector is filled once) */
        boolean isConstant() {
            return false;
        }

        @Override
        public Vector evaluate(DataChunk input, ExecContext ctx) {
            int capacity = Math.max(input.capacity(), 1);
            if (filled == null || filled.capacity() < capacity) {
                filled = new Vector(type, capacity);
                complete = false;
            }
            if (isConstant()) {
                if (!complete) {
                    Object v = value(ctx);
                    for (int i = 0; i < capacity; i++) {
                        filled.set(i, v);
                    }
                    complete = true;
                }
                return filled;
            }
            Object v = value(ctx);
            int n = input.size();
            for (int k = 0; k < n; k++) {
                filled.set(input.row(k), v);
            }
            return filled;
        }
    }

    static final class ConstantEval extends UniformEval {
        final Object value;

        ConstantEval(Object value, DataType type) {
            super(type);
            this.value = value;
        }

        @Override
        Object value(ExecContext ctx) {
            return value;
        }

        @Override
        boolean isConstant() {
            return true;
        }
    }

    static final class ParameterEval extends UniformEval {
        final int index;

        ParameterEval(int index, DataType type) {
            super(type);
            this.index = index;
        }

        @Override
        Object value(ExecContext ctx) {
            return ctx.parameter(index);
        }
    }

    static final class OuterEval extends UniformEval {
        final int depth;
        final int index;

        OuterEval(int depth, int index, DataType type) {
            super(type);
            this.depth = depth;
            this.index = index;
        }

        @Override
        Object value(ExecContext ctx) {
            return ctx.outerValue(depth, index);
        }
    }

    static final class CastEval extends Evaluator {
        final Evaluator input;
        final DataType from;
        final CastContext context;

        CastEval(Evaluator input, DataType from, DataType to, CastContext context) {
            super(to);
            this.input = input;
            this.from = from.id() == TypeId.UNKNOWN ? DataType.TEXT : from;
            this.context = context;
        }

        @Override
        public Vector evaluate(DataChunk chunk, ExecContext ctx) {
            Vector in = input.evaluate(chunk, ctx);
            Vector out = result(chunk);
            int n = chunk.size();
            if (in.layout() == Vector.Layout.LONG && out.layout() == Vector.Layout.LONG
                    && widening(from.id(), type.id())) {
                long[] a = in.longs();
                long[] r = out.longs();
                boolean[] nulls = in.nulls();
                for (int k = 0; k < n; k++) {
                    int i = chunk.row(k);
                    if (nulls[i]) {
                        out.setNull(i);
                    } else {
                        r[i] = a[i];
                    }
                }
                return out;
            }
            if (in.layout() == Vector.Layout.LONG && out.layout() == Vector.Layout.DOUBLE) {
                long[] a = in.longs();
                double[] r = out.doubles();
                boolean[] nulls = in.nulls();
                for (int k = 0; k < n; k++) {
                    int i = chunk.row(k);
                    if (nulls[i]) {
                        out.setNull(i);
                    } else {
                        r[i] = a[i];
                    }
                }
                return out;
            }
            for (int k = 0; k < n; k++) {
                int i = chunk.row(k);
                Object v = in.get(i);
                out.set(i, v == null ? null : Values.cast(v, from, type, context));
            }
            return out;
        }

        private static boolean widening(TypeId from, TypeId to) {
            return from == to || from == TypeId.SMALLINT || (from == TypeId.INTEGER && to == TypeId.BIGINT);
        }
    }

    /** @return an evaluator for a call, specialized for integer and float arithmetic */
    static Evaluator call(ScalarFunction f, List<Evaluator> args) {
        if (args.size() == 2 && f.parameterTypes().size() == 2) {
            TypeId a = f.parameterTypes().get(0).id();
            TypeId b = f.parameterTypes().get(1).id();
            TypeId r = f.returnType().id();
            String op = f.name();
            boolean arith = op.equals("+") || op.equals("-") || op.equals("*");
            if (arith && a == b && a == r && (a == TypeId.INTEGER || a == TypeId.BIGINT || a == TypeId.SMALLINT)) {
                return new IntegerArithmetic(f, args.get(0), args.get(1), op.charAt(0));
            }
            if (arith && a == b && a == r && a == TypeId.DOUBLE) {
                return new DoubleArithmetic(f, args.get(0), args.get(1), op.charAt(0));
            }
        }
        return new CallEval(f, args);
    }

    /** A function call evaluated row by row. */
    static final class CallEval extends Evaluator {
        final ScalarFunction function;
        final Evaluator[] args;

        CallEval(ScalarFunction function, List<Evaluator> args) {
            super(function.returnType());
            this.function = function;
            this.args = args.toArray(new Evaluator[0]);
        }

        @Override
        public Vector evaluate(DataChunk chunk, ExecContext ctx) {
            Vector[] in = new Vector[args.length];
            for (int j = 0; j < args.length; j++) {
                in[j] = args[j].evaluate(chunk, ctx);
            }
            Vector out = result(chunk);
            int n = chunk.size();
            boolean strict = function.strict();
            row:
            for (int k = 0; k < n; k++) {
                int i = chunk.row(k);
                Object[] values = new Object[in.length];
                for (int j = 0; j < in.length; j++) {
                    Object v = in[j].get(i);
                    if (v == null && strict) {
                        out.setNull(i);
                        continue row;
                    }
                    values[j] = v;
                }
                out.set(i, function.implementation().apply(ctx, values));
            }
            return out;
        }
    }

    /** {@code + - *} on smallint, integer or bigint with PostgreSQL's overflow errors. */
    static final class IntegerArithmetic extends Evaluator {
        final Evaluator left;
        final Evaluator right;
        final char op;
        final long min;
        final long max;

        IntegerArithmetic(ScalarFunction f, Evaluator left, Evaluator right, char op) {
            super(f.returnType());
            this.left = left;
            this.right = right;
            this.op = op;
            switch (f.returnType().id()) {
                case SMALLINT -> {
                    min = Short.MIN_VALUE;
                    max = Short.MAX_VALUE;
                }
                case INTEGER -> {
                    min = Integer.MIN_VALUE;
                    max = Integer.MAX_VALUE;
                }
                default -> {
                    min = Long.MIN_VALUE;
                    max = Long.MAX_VALUE;
                }
            }
        }

        @Override
        public Vector evaluate(DataChunk chunk, ExecContext ctx) {
            Vector l = left.evaluate(chunk, ctx);
            Vector r = right.evaluate(chunk, ctx);
            Vector out = result(chunk);
            long[] a = l.longs();
            long[] b = r.longs();
            long[] o = out.longs();
            boolean[] ln = l.nulls();
            boolean[] rn = r.nulls();
            boolean[] on = out.nulls();
            int n = chunk.size();
            boolean anyNull = false;
            try {
                for (int k = 0; k < n; k++) {
                    int i = chunk.row(k);
                    if (ln[i] || rn[i]) {
                        on[i] = true;
                        anyNull = true;
                        continue;
                    }
                    long v = switch (op) {
                        case '+' -> Math.addExact(a[i], b[i]);
                        case '-' -> Math.subtractExact(a[i], b[i]);
                        default -> Math.multiplyExact(a[i], b[i]);
                    };
                    if (v < min || v > max) {
                        throw overflow();
                    }
                    o[i] = v;
                }
            } catch (ArithmeticException e) {
                throw overflow();
            }
            if (anyNull) {
                out.markMayHaveNulls();
            }
            return out;
        }

        private SqlException overflow() {
            String name = switch (type.id()) {
                case SMALLINT -> "smallint";
                case INTEGER -> "integer";
                default -> "bigint";
            };
            return new SqlException(SqlException.NUMERIC_VALUE_OUT_OF_RANGE, name + " out of range");
        }
    }

    /** {@code + - *} on double precision with PostgreSQL's overflow check. */
    static final class DoubleArithmetic extends Evaluator {
        final Evaluator left;
        final Evaluator right;
        final char op;

        DoubleArithmetic(ScalarFunction f, Evaluator left, Evaluator right, char op) {
            super(f.returnType());
            this.left = left;
            this.right = right;
            this.op = op;
        }

        @Override
        public Vector evaluate(DataChunk chunk, ExecContext ctx) {
            Vector l = left.evaluate(chunk, ctx);
            Vector r = right.evaluate(chunk, ctx);
            Vector out = result(chunk);
            double[] a = l.doubles();
            double[] b = r.doubles();
            double[] o = out.doubles();
            boolean[] ln = l.nulls();
            boolean[] rn = r.nulls();
            boolean[] on = out.nulls();
            int n = chunk.size();
            boolean anyNull = false;
            for (int k = 0; k < n; k++) {
                int i = chunk.row(k);
                if (ln[i] || rn[i]) {
                    on[i] = true;
                    anyNull = true;
                    continue;
                }
                double v = switch (op) {
                    case '+' -> a[i] + b[i];
                    case '-' -> a[i] - b[i];
                    default -> a[i] * b[i];
                };
                if (Double.isInfinite(v) && !Double.isInfinite(a[i]) && !Double.isInfinite(b[i])) {
                    throw new SqlException(SqlException.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
                }
                o[i] = v;
            }
            if (anyNull) {
                out.markMayHaveNulls();
            }
            return out;
        }
    }
}
