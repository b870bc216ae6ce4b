package dev.lodedb.sql.plan;

import dev.lodedb.engine.types.CastContext;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.function.ScalarFunction;
import java.util.List;

/**
 * A typed expression with every name resolved: what the binder makes of an AST expression. Column
 * references are positions in the input row of the operator that evaluates the expression. Records
 * compare structurally, which the binder uses to match GROUP BY expressions.
 */
public sealed interface BoundExpr {
    /** @return the result type */
    DataType type();

    /** Column {@code index} of the input row. */
    record ColumnRef(int index, DataType type, String name) implements BoundExpr {
    }

    /**
     * Column {@code index} of the row of an enclosing query, {@code depth} levels out (1 = the
     * query directly around a subquery): a correlated reference.
     */
    record OuterRef(int depth, int index, DataType type, String name) implements BoundExpr {
    }

    /** A constant ({@code null} for SQL NULL). */
    record Constant(Object value, DataType type) implements BoundExpr {
    }

    /** Parameter {@code $index+1} of a prepared statement, converted to {@code type}. */
    record Parameter(int index, DataType type) implements BoundExpr {
    }

    /** A scalar function or operator call; arguments already have the parameter types. */
    record Call(ScalarFunction function, List<BoundExpr> args) implements BoundExpr {
        @Override
        public DataType type() {
            return function.returnType();
        }
    }

    /** A cast of {@code input} to {@code type} in {@code context}. */
    record Cast(BoundExpr input, DataType type, CastContext context) implements BoundExpr {
    }

    /** Comparison operators. */
    enum CompareOp {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        CompareOp(String symbol) {
            this.symbol = symbol;
        }

        /** @return the operator text */
        public String symbol() {
            return symbol;
        }

        /** @return the operator for the same comparison with the operands swapped */
        public CompareOp flip() {
            return switch (this) {
                case LT -> GT;
                case LE -> GE;
                case GT -> LT;
                case GE -> LE;
                default -> this;
            };
        }

        /** @return the negated operator */
        public CompareOp negate() {
            return switch (this) {
                case EQ -> NE;
                case NE -> EQ;
                case LT -> GE;
                case LE -> GT;
                case GT -> LE;
                case GE -> LT;
            };
        }

        /** @return the operator for {@code symbol}, or {@code null} */
        public static CompareOp of(String symbol) {
            return switch (symbol) {
                case "=" -> EQ;
                case "<>", "!=" -> NE;
                case "<" -> LT;
                case "<=" -> LE;
                case ">" -> GT;
                case ">=" -> GE;
                default -> null;
            };
        }

        /** @return whether a comparison result {@code c} (negative, 0, positive) satisfies the operator */
        public boolean test(int c) {
            return switch (this) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
            };
        }
    }

    /** {@code left op right}; both operands have the type {@code operandType}. Result boolean. */
    record Compare(CompareOp op, BoundExpr left, BoundExpr right, DataType operandType) implements BoundExpr {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }
    }

    /** Conjunction with three-valued logic. */
    record And(List<BoundExpr> terms) implements BoundExpr {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }
    }

    /** Disjunction with three-valued logic. */
    record Or(List<BoundExpr> terms) implements BoundExpr {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }
    }

    /** {@code NOT input}. */
    record Not(BoundExpr input) implements BoundExpr {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }
    }

    /** {@code input IS [NOT] NULL}. */
    record IsNull(BoundExpr input, boolean negated) implements BoundExpr {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }
    }

    /** {@code input IS [NOT] TRUE | FALSE | UNKNOWN}; never NULL. */
    record IsBoolean(BoundExpr input, Boolean value, boolean negated) implements BoundExpr {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }
    }

    /** {@code left IS [NOT] DISTINCT FROM right}; never NULL. */
    record IsDistinct(BoundExpr left, BoundExpr right, DataType operandType, boolean negated)
            implements BoundExpr {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }
    }

    /** {@code input [NOT] IN (values)}, all of {@code operandType}. */
    record InList(BoundExpr input, List<BoundExpr> values, DataType operandType, boolean negated)
            implements BoundExpr {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }
    }

    /** One branch of a {@link Case}. */
    record When(BoundExpr condition, BoundExpr result) {
    }

    /** Searched CASE (a simple CASE is bound to comparisons). */
    record Case(List<When> whens, BoundExpr otherwise, DataType type) implements BoundExpr {
    }

    /** COALESCE: the first non-NULL argument. */
    record Coalesce(List<BoundExpr> args, DataType type) implements BoundExpr {
    }

    /** GREATEST ({@code greatest = true}) or LEAST, ignoring NULLs. */
    record Extremum(List<BoundExpr> args, boolean greatest, DataType type) implements BoundExpr {
    }

    /** Kinds of subquery expressions. */
    enum SubqueryKind {
        /** {@code (SELECT x ...)}: one value, NULL for no rows, error for more than one */
        SCALAR,
        /** {@code EXISTS (...)} */
        EXISTS,
        /** {@code left op ANY (...)}, also {@code IN} */
        ANY,
        /** {@code left op ALL (...)}, also {@code NOT IN} */
        ALL
    }

    /**
     * A subquery used as a value. {@code plan} may contain {@link OuterRef}s to the row that
     * evaluates this expression ({@code correlated}); uncorrelated subqueries run once per statement.
     *
     * @param kind the kind
     * @param plan the subquery's plan (one column except for EXISTS)
     * @param left the left operand of ANY/ALL, else {@code null}
     * @param op the comparison of ANY/ALL, else {@code null}
     * @param operandType the comparison type of ANY/ALL, else {@code null}
     * @param correlated whether the plan references enclosing rows
     * @param type the result type
     */
    record Subquery(SubqueryKind kind, LogicalPlan plan, BoundExpr left, CompareOp op, DataType operandType,
            boolean correlated, DataType type) implements BoundExpr {
    }
}
