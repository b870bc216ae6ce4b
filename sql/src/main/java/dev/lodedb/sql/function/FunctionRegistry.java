package dev.lodedb.sql.function;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import java.util.List;

/**
 * The catalog of built-in scalar functions and operators, with PostgreSQL's overload
 * resolution. Thread-safe (immutable after class initialization).
 */
public final class FunctionRegistry {
    private FunctionRegistry() {
    }

    /**
     * Resolves a scalar function call.
     *
     * @param name the function name, lower case
     * @param argumentTypes the argument types; {@link DataType#UNKNOWN} for an untyped literal
     *     or NULL
     * @param position 0-based offset of the call in the statement, for errors
     * @return the chosen overload
     * @throws SqlException 42883 {@code function f(integer) does not exist} with a hint, or 42725
     *     when the call is ambiguous
     */
    public static ScalarFunction resolveFunction(String name, List<DataType> argumentTypes, int position) {
        throw new SqlException(SqlException.UNDEFINED_FUNCTION, "function " + name + " does not exist", null,
                null, position + 1, null);
    }

    /**
     * Resolves an operator.
     *
     * @param operator the operator symbol
     * @param left the left operand's type, or {@code null} for a prefix operator
     * @param right the right operand's type
     * @param position 0-based offset for errors
     * @return the chosen operator implementation
     * @throws SqlException 42883 {@code operator does not exist: integer || boolean}
     */
    public static ScalarFunction resolveOperator(String operator, DataType left, DataType right, int position) {
        throw new SqlException(SqlException.UNDEFINED_FUNCTION, "operator does not exist: " + operator, null,
                null, position + 1, null);
    }
}
