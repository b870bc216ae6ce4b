package dev.lodedb.sql.function;

import dev.lodedb.engine.types.DataType;
import java.util.List;
import java.util.Objects;

/**
 * A resolved scalar function or operator: the overload chosen for a call's argument types.
 *
 * @param name the function name, or the operator symbol ({@code +}, {@code ||}, {@code ->})
 * @param parameterTypes the types the arguments must be cast to before the call (one per
 *     argument of the call, also for variadic functions)
 * @param returnType the result type
 * @param strict whether a {@code null} argument makes the result {@code null} without calling
 *     the body (PostgreSQL's {@code proisstrict})
 * @param volatile_ whether the result may differ between calls with equal arguments
 *     ({@code random()}, {@code gen_random_uuid()}, {@code clock_timestamp()}): such calls are
 *     never folded into constants
 * @param implementation the body
 */
public record ScalarFunction(String name, List<DataType> parameterTypes, DataType returnType, boolean strict,
        boolean volatile_, ScalarImplementation implementation) {
    /** Copies the parameter list. */
    public ScalarFunction {
        Objects.requireNonNull(name, "name");
        parameterTypes = List.copyOf(parameterTypes);
        Objects.requireNonNull(returnType, "returnType");
        Objects.requireNonNull(implementation, "implementation");
    }

    /**
     * Two resolved functions are equal when they are the same overload (name, parameter and return
     * types, strictness, volatility); the implementation is derived from those and is typically a
     * new lambda per resolution, so it takes no part. This lets the binder recognize a select-list
     * expression such as {@code a / 2} as the GROUP BY key {@code a / 2}.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ScalarFunction f && name.equals(f.name) && parameterTypes.equals(f.parameterTypes)
                && returnType.equals(f.returnType) && strict == f.strict && volatile_ == f.volatile_;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, parameterTypes, returnType, strict, volatile_);
    }
}
