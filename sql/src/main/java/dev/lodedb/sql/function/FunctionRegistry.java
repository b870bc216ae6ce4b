package dev.lodedb.sql.function;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The catalog of built-in scalar functions and operators, with PostgreSQL's overload
 * resolution ({@link FunctionResolver}). The overloads are defined by area in {@link
 * ArithmeticOperators}, {@link MathFunctions}, {@link StringFunctions}, {@link RegexFunctions},
 * {@link DateTimeArithmetic}, {@link DateTimeFunctions}, {@link JsonFunctions} and {@link
 * MiscFunctions}; {@code docs/sql/functions.md} lists them.
 *
 * <p>Not here because the binder handles them itself: {@code AND}/{@code OR}/{@code NOT}, the
 * comparison operators, {@code IS [NOT] NULL/DISTINCT FROM}, {@code IN}, {@code BETWEEN}, {@code
 * CASE}, {@code COALESCE}, {@code NULLIF}, {@code GREATEST}, {@code LEAST}, {@code CAST},
 * aggregates and window functions.
 *
 * <p>Thread-safe: immutable after class initialization.
 */
public final class FunctionRegistry {
    private static final Map<String, List<FunctionDef>> FUNCTIONS;
    private static final Map<String, List<FunctionDef>> INFIX;
    private static final Map<String, List<FunctionDef>> PREFIX;

    static {
        Registrar r = new Registrar();
        ArithmeticOperators.register(r);
        MathFunctions.register(r);
        StringFunctions.register(r);
        RegexFunctions.register(r);
        DateTimeArithmetic.register(r);
        DateTimeFunctions.register(r);
        JsonFunctions.register(r);
        MiscFunctions.register(r);
        SequenceFunctions.register(r);
        ToChar.register(r);
        FUNCTIONS = freeze(r.functions);
        INFIX = freeze(r.infix);
        PREFIX = freeze(r.prefix);
    }

    private FunctionRegistry() {
    }

    private static Map<String, List<FunctionDef>> freeze(Map<String, List<FunctionDef>> m) {
        return m.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> List.copyOf(e.getValue())));
    }

    /**
     * Resolves a scalar function call.
     *
     * @param name the function name, lower case
     * @param argumentTypes the argument types; {@link DataType#UNKNOWN} for an untyped literal
     *     or NULL
     * @param position 0-based offset of the call in the statement, for errors
     * @return the chosen overload, with one parameter type per argument (the type each argument
     *     must be cast to)
     * @throws SqlException 42883 {@code function f(integer) does not exist} with a hint, or 42725
     *     {@code function f(unknown) is not unique} when the call is ambiguous; the error
     *     position is {@code position + 1}
     */
    public static ScalarFunction resolveFunction(String name, List<DataType> argumentTypes, int position) {
        String sig = name + "(" + argumentTypes.stream().map(FunctionRegistry::typeName)
                .collect(Collectors.joining(", ")) + ")";
        FunctionDef d;
        try {
            d = FunctionResolver.select(FUNCTIONS.get(name), argumentTypes, false);
        } catch (SqlException e) {
            throw new SqlException(FunctionResolver.AMBIGUOUS_FUNCTION,
                    "function " + sig + " is not unique", null,
                    "Could not choose a best candidate function. You might need to add explicit "
                            + "type casts.", position + 1, null);
        }
        if (d == null) {
            throw new SqlException(SqlException.UNDEFINED_FUNCTION,
                    "function " + sig + " does not exist", null,
                    "No function matches the given name and argument types. You might need to add "
                            + "explicit type casts.", position + 1, null);
        }
        return d.resolve(argumentTypes);
    }

    /**
     * Resolves an operator.
     *
     * @param operator the operator symbol
     * @param left the left operand's type, or {@code null} for a prefix operator
     * @param right the right operand's type
     * @param position 0-based offset for errors
     * @return the chosen operator implementation; its parameter types are {@code [left, right]}
     *     or {@code [right]} for a prefix operator
     * @throws SqlException 42883 {@code operator does not exist: integer || boolean} (prefix:
     *     {@code operator does not exist: - boolean}) or 42725 {@code operator is not unique:
     *     unknown + unknown}, with PostgreSQL's hints, at {@code position + 1}
     */
    public static ScalarFunction resolveOperator(String operator, DataType left, DataType right, int position) {
        List<DataType> args = left == null ? List.of(right) : Arrays.asList(left, right);
        String sig = (left == null ? "" : typeName(left) + " ") + operator + " " + typeName(right);
        FunctionDef d;
        try {
            d = FunctionResolver.select((left == null ? PREFIX : INFIX).get(operator), args,
                    left != null);
        } catch (SqlException e) {
            throw new SqlException(FunctionResolver.AMBIGUOUS_FUNCTION,
                    "operator is not unique: " + sig, null,
                    "Could not choose a best candidate operator. You might need to add explicit "
                            + "type casts.", position + 1, null);
        }
        if (d == null) {
            throw new SqlException(SqlException.UNDEFINED_FUNCTION,
                    "operator does not exist: " + sig, null,
                    "No operator matches the given name and argument types. You might need to add "
                            + "explicit type casts.", position + 1, null);
        }
        return d.resolve(args);
    }

    /** @return the names of all registered functions (for documentation and tests) */
    public static Set<String> functionNames() {
        return FUNCTIONS.keySet();
    }

    /** PostgreSQL's {@code format_type_be}: the type name without modifiers. */
    static String typeName(DataType t) {
        return t.id().sqlName();
    }
}
