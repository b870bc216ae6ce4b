package dev.lodedb.sql.function;

/**
 * The body of a scalar function or operator, called once per row.
 *
 * <p>Arguments arrive already converted to the resolved parameter types of the {@link
 * ScalarFunction} (the binder inserts the casts), as the Java classes {@link
 * dev.lodedb.engine.types.Values#javaClass} names. For a strict function the executor never calls
 * the body with a {@code null} argument (the result is {@code null}); a non-strict body sees
 * {@code null}s and decides. Implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface ScalarImplementation {
    /**
     * @param context the calling statement's context
     * @param args the argument values
     * @return the result as the Java class of the function's return type, or {@code null}
     * @throws dev.lodedb.engine.SqlException for data errors (22012 division by zero, 22003 out of
     *     range, 22P02 invalid input, ...)
     */
    Object apply(FunctionContext context, Object[] args);
}
