package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.plan.BoundExpr.CompareOp;

/**
 * {@code = <> < <= > >=} over two operands of the same type, with tight loops over {@code long[]}
 * and {@code double[]} vectors (PostgreSQL float order: NaN above everything and equal to itself)
 * and {@link Values#compare} for every other type. NULL in, NULL out.
 */
final class CompareEvaluator extends Evaluator {
    private final CompareOp op;
    private final Evaluator left;
    private final Evaluator right;
    private final DataType operandType;

    CompareEvaluator(CompareOp op, Evaluator left, Evaluator right, DataType operandType) {
        super(DataType.BOOLEAN);
        this.op = op;
        this.left = left;
        this.right = right;
        this.operandType = operandType;
    }

    @Override
    public Vector evaluate(DataChunk chunk, ExecContext ctx) {
        Vector l = left.evaluate(chunk, ctx);
        Vector r = right.evaluate(chunk, ctx);
        Vector out = result(chunk);
        boolean[] o = out.booleans();
        boolean[] on = out.nulls();
        boolean[] ln = l.nulls();
        boolean[] rn = r.nulls();
        int n = chunk.size();
        boolean anyNull = false;
        if (l.layout() == Vector.Layout.LONG && r.layout() == Vector.Layout.LONG) {
            long[] a = l.longs();
            long[] b = r.longs();
            for (int k = 0; k < n; k++) {
                int i = chunk.row(k);
                if (ln[i] || rn[i]) {
                    on[i] = true;
                    anyNull = true;
                    continue;
                }
                long x = a[i];
                long y = b[i];
                o[i] = switch (op) {
                    case EQ -> x == y;
                    case NE -> x != y;
                    case LT -> x < y;
                    case LE -> x <= y;
                    case GT -> x > y;
                    case GE -> x >= y;
                };
            }
        } else if (l.layout() == Vector.Layout.DOUBLE && r.layout() == Vector.Layout.DOUBLE) {
            double[] a = l.doubles();
            double[] b = r.doubles();
            for (int k = 0; k < n; k++) {
                int i = chunk.row(k);
                if (ln[i] || rn[i]) {
                    on[i] = true;
                    anyNull = true;
                    continue;
                }
                double x = a[i];
                double y = b[i];
                if (Double.isNaN(x) || Double.isNaN(y)) {
                    o[i] = op.test(Double.isNaN(x) ? (Double.isNaN(y) ? 0 : 1) : -1);
                } else {
                    o[i] = switch (op) {
                        case EQ -> x == y;
                        case NE -> x != y;
                        case LT -> x < y;
                        case LE -> x <= y;
                        case GT -> x > y;
                        case GE -> x >= y;
                    };
                }
            }
        } else {
            for (int k = 0; k < n; k++) {
                int i = chunk.row(k);
                Object x = l.get(i);
                Object y = r.get(i);
                if (x == null || y == null) {
                    on[i] = true;
                    anyNull = true;
                    continue;
                }
                o[i] = op.test(Values.compare(operandType, x, y));
            }
        }
        if (anyNull) {
            out.markMayHaveNulls();
        }
        return out;
    }
}
