package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.plan.BoundExpr;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluators of the logical connectives and conditional expressions, with SQL's three-valued
 * logic. AND, OR, CASE and COALESCE evaluate later operands only for the rows that still need
 * them (a narrowed selection vector), so {@code b <> 0 AND a / b > 1} never divides by zero.
 */
final class LogicalEvaluators {
    private LogicalEvaluators() {
    }

    /** @return a view of {@code chunk} restricted to {@code count} positions */
    static DataChunk narrow(DataChunk chunk, int[] positions, int count) {
        DataChunk view = new DataChunk(chunk.columns());
        view.select(positions, count);
        return view;
    }

    static final class AndOr extends Evaluator {
        final Evaluator[] terms;
        final boolean and;

        AndOr(List<Evaluator> terms, boolean and) {
            super(DataType.BOOLEAN);
            this.terms = terms.toArray(new Evaluator[0]);
            this.and = and;
        }

        @Override
        public Vector evaluate(DataChunk chunk, ExecContext ctx) {
            Vector out = result(chunk);
            int n = chunk.size();
            boolean[] o = out.booleans();
            // start: every row is TRUE for AND (FALSE for OR), not NULL
            int[] pending = new int[n];
            for (int k = 0; k < n; k++) {
                int i = chunk.row(k);
                o[i] = and;
                pending[k] = i;
            }
            int count = n;
            DataChunk view = chunk;
            for (Evaluator t : terms) {
                if (count == 0) {
                    break;
                }
                Vector v = t.evaluate(view, ctx);
                boolean[] vb = v.booleans();
                boolean[] vn = v.nulls();
                int kept = 0;
                for (int k = 0; k < count; k++) {
                    int i = pending[k];
                    if (vn[i]) {
                        out.setNull(i);
                        pending[kept++] = i;
                    } else if (vb[i] != and) {
                        // decided: FALSE for AND, TRUE for OR
                        out.setBoolean(i, !and);
                    } else {
                        pending[kept++] = i;
                    }
                }
                count = kept;
                view = narrow(chunk, pending.clone(), count);
            }
            return out;
        }
    }

    static final class NotEval extends Evaluator {
        final Evaluator input;

        NotEval(Evaluator input) {
            super(DataType.BOOLEAN);
            this.input = input;
        }

        @Override
        public Vector evaluate(DataChunk chunk, ExecContext ctx) {
            Vector in = input.evaluate(chunk, ctx);
            Vector out = result(chunk);
            for (int k = 0; k < chunk.size(); k++) {
                int i = chunk.row(k);
                if (in.isNull(i)) {
                    out.setNull(i);
                } else {
                    out.setBoolean(i, !in.booleans()[i]);
                }
            }
            return out;
        }
    }

    static final class IsNullEval extends Evaluator {
        final Evaluator input;
        final boolean negated;

        IsNullEval(Evaluator input, boolean negated) {
            super(DataType.BOOLEAN);
            this.input = input;
            this.negated = negated;
        }

        @Override
        public Vector evaluate(DataChunk chunk, ExecContext ctx) {
            Vector in = input.evaluate(chunk, ctx);
            Vector out = result(chunk);
            for (int k = 0; k < chunk.size(); k++) {
                int i = chunk.row(k);
                out.setBoolean(i, in.isNull(i) != negated);
            }
            return out;
        }
    }

    static final class IsBooleanEval extends Evaluator {
        final Evaluator input;
        final Boolean value;
        final boolean negated;

        IsBooleanEval(Evaluator input, Boolean value, boolean negated) {
            super(DataType.BOOLEAN);
            this.input = input;
            this.value = value;
            this.negated = negated;
        }

        @Override
        public Vector evaluate(DataChunk chunk, ExecContext ctx) {
            Vector in = input.evaluate(chunk, ctx);
            Vector out = result(chunk);
            for (int k = 0; k < chunk.size(); k++) {
                int i = chunk.row(k);
                boolean is = value == null ? in.isNull(i) : !in.isNull(i) && in.booleans()[i] == value;
                out.setBoolean(i, is != negated);
            }
            return out;
        }
    }

    static final class IsDistinctEval extends Evaluator {
        final Evaluator left;
        final Evaluator right;
        final DataType operandType;
        final boolean negated;

        IsDistinctEval(Evaluator left, Evaluator right, DataType operandType, boolean negated) {
            super(DataType.BOOLEAN);
            this.left = left;
            this.right = right;
            this.operandType = operandType;
            this.negated = negated;
        }

        @Override
        public Vector evaluate(DataChunk chunk, ExecContext ctx) {
            Vector l = left.evaluate(chunk, ctx);
            Vector r = right.evaluate(chunk, ctx);
            Vector out = result(chunk);
            for (int k = 0; k < chunk.size(); k++) {
                int i = chunk.row(k);
                Object x = l.get(i);
                Object y = r.get(i);
                boolean distinct = x == null || y == null ? (x == null) != (y == null)
                        : Values.compare(operandType, x, y) != 0;
                out.setBoolean(i, distinct != negated);
            }
            return out;
        }
    }

    static final class InListEval extends Evaluator {
        final Evaluator input;
        final Evaluator[] values;
        final DataType operandType;
        final boolean negated;
        /** For lists of non-NULL constants: their normalized values. */
        final Set<Object> constants;

        InListEval(Evaluator input, List<BoundExpr> bound, List<Evaluator> values, DataType operandType,
                boolean negated) {
            super(DataType.BOOLEAN);
            this.input = input;
            this.values = values.toArray(new Evaluator[0]);
            this.operandType = operandType;
            this.negated = negated;
            Set<Object> set = new HashSet<>();
            for (BoundExpr b : bound) {
                if (!(b instanceof BoundExpr.Constant c) || c.value() == null) {
                    set = null;
                    break;
                }
                set.add(KeyNormalizer.normalize(operandType, c.value()));
            }
            this.constants = set;
        }

        @Override
        public Vector evaluate(DataChunk chunk, ExecContext ctx) {
            Vector in = input.evaluate(chunk, ctx);
            Vector out = result(chunk);
            int n = chunk.size();
            if (constants != null) {
                for (int k = 0; k < n; k++) {
                    int i = chunk.row(k);
                    Object x = in.get(i);
                    if (x == null) {
                        out.setNull(i);
                    } else {
                        out.setBoolean(i, constants.contains(KeyNormalizer.normalize(operandType, x)) != negated);
                    }
                }
                return out;
            }
            Vector[] vs = new Vector[values.length];
            for (int j = 0; j < values.length; j++) {
                vs[j] = values[j].evaluate(chunk, ctx);
            }
            for (int k = 0; k < n; k++) {
                int i = chunk.row(k);
                Object x = in.get(i);
                if (x == null) {
                    out.setNull(i);
                    continue;
                }
                boolean found = false;
                boolean sawNull = false;
                for (Vector v : vs) {
                    Object y = v.get(i);
                    if (y == null) {
                        sawNull = true;
                    } else if (Values.compare(operandType, x, y) == 0) {
                        found = true;
                        break;
                    }
                }
                if (found) {
                    out.setBoolean(i, !negated);
                } else if (sawNull) {
                    out.setNull(i);
                } else {
                    out.setBoolean(i, negated);
                }
            }
            return out;
        }
    }

    static final class CaseEval extends Evaluator {
        final Evaluator[] conditions;
        final Evaluator[] results;
        final Evaluator otherwise;

        CaseEval(List<Evaluator> conditions, List<Evaluator> results, Evaluator otherwise, DataType type) {
            super(type);
            this.conditions = conditions.toArray(new Evaluator[0]);
            this.results = results.toArray(new Evaluator[0]);
            this.otherwise = otherwise;
        }

        @Override
        public Vector evaluate(DataChunk chunk, ExecContext ctx) {
            Vector out = result(chunk);
            int n = chunk.size();
            int[] pending = new int[n];
            for (int k = 0; k < n; k++) {
                pending[k] = chunk.row(k);
            }
            int count = n;
            for (int w = 0; w < conditions.length && count > 0; w++) {
                DataChunk view = narrow(chunk, pending.clone(), count);
                Vector c = conditions[w].evaluate(view, ctx);
                int[] hit = new int[count];
                int hits = 0;
                int kept = 0;
                for (int k = 0; k < count; k++) {
                    int i = pending[k];
                    if (!c.isNull(i) && c.booleans()[i]) {
                        hit[hits++] = i;
                    } else {
                        pending[kept++] = i;
                    }
                }
                count = kept;
                if (hits > 0) {
                    Vector r = results[w].evaluate(narrow(chunk, hit, hits), ctx);
                    for (int k = 0; k < hits; k++) {
                        out.copyFrom(r, hit[k], hit[k]);
                    }
                }
            }
            if (count > 0) {
                Vector r = otherwise.evaluate(narrow(chunk, pending, count), ctx);
                for (int k = 0; k < count; k++) {
                    out.copyFrom(r, pending[k], pending[k]);
                }
            }
            return out;
        }
    }

    static final class CoalesceEval extends Evaluator {
        final Evaluator[] args;

        CoalesceEval(List<Evaluator> args, DataType type) {
            super(type);
            this.args = args.toArray(new Evaluator[0]);
        }

        @Override
        public Vector evaluate(DataChunk chunk, ExecContext ctx) {
            Vector out = result(chunk);
            int n = chunk.size();
            int[] pending = new int[n];
            for (int k = 0; k < n; k++) {
                pending[k] = chunk.row(k);
                out.setNull(pending[k]);
            }
            int count = n;
            for (Evaluator a : args) {
                if (count == 0) {
                    break;
                }
                Vector v = a.evaluate(narrow(chunk, pending.clone(), count), ctx);
                int kept = 0;
                for (int k = 0; k < count; k++) {
                    int i = pending[k];
                    if (v.isNull(i)) {
                        pending[kept++] = i;
                    } else {
                        out.copyFrom(v, i, i);
                    }
                }
                count = kept;
            }
            return out;
        }
    }

    static final class ExtremumEval extends Evaluator {
        final Evaluator[] args;
        final boolean greatest;

        ExtremumEval(List<Evaluator> args, boolean greatest, DataType type) {
            super(type);
            this.args = args.toArray(new Evaluator[0]);
            this.greatest = greatest;
        }

        @Override
        public Vector evaluate(DataChunk chunk, ExecContext ctx) {
            Vector[] vs = new Vector[args.length];
            for (int j = 0; j < args.length; j++) {
                vs[j] = args[j].evaluate(chunk, ctx);
            }
            Vector out = result(chunk);
            for (int k = 0; k < chunk.size(); k++) {
                int i = chunk.row(k);
                Object best = null;
                for (Vector v : vs) {
                    Object x = v.get(i);
                    if (x != null && (best == null || (Values.compare(type, x, best) > 0) == greatest
                            && Values.compare(type, x, best) != 0)) {
                        best = x;
                    }
                }
                out.set(i, best);
            }
            return out;
        }
    }
}
