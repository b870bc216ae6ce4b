package dev.lodedb.sql.function;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One overload of a built-in function or operator as the registry stores it (PostgreSQL's
 * {@code pg_proc} / {@code pg_operator} row): declared parameter types, result type, flags and a
 * factory for the body.
 *
 * <p>A {@code null} entry in {@link #params} is a polymorphic parameter ({@code "any"} or {@code
 * anynonarray}): it accepts an argument of any type, and the resolved {@link ScalarFunction} then
 * declares the argument's own type there. When {@link #variadic} is set the last parameter may
 * repeat (at least once), as PostgreSQL's {@code VARIADIC "any"}.
 *
 * <p>The body is made by {@link #body} from the resolved parameter types, so that polymorphic
 * functions ({@code concat}, {@code to_json}, {@code pg_typeof}) can format each argument with its
 * type's output function. Immutable and thread-safe.
 *
 * @param name function name or operator symbol
 * @param params declared parameter types; {@code null} entries are polymorphic
 * @param variadic whether the last parameter repeats
 * @param returnType the result type
 * @param strict PostgreSQL's {@code proisstrict}: null in, null out, body not called
 * @param volatile_ whether the function is volatile (never constant-folded)
 * @param keepUnknown whether an {@code unknown} argument keeps type {@code unknown} at a
 *     polymorphic position (only {@code pg_typeof}); otherwise it becomes {@code text}
 * @param body makes the implementation from the resolved parameter types
 */
record FunctionDef(String name, TypeId[] params, boolean variadic, DataType returnType, boolean strict,
        boolean volatile_, boolean keepUnknown, Function<List<DataType>, ScalarImplementation> body) {

    /** @return the declared type at argument position {@code i} of a call ({@code null} = any) */
    TypeId paramAt(int i) {
        return variadic && i >= params.length - 1 ? params[params.length - 1] : params[i];
    }

    /** @return whether a call with {@code n} arguments can use this overload */
    boolean acceptsArity(int n) {
        return variadic ? n >= params.length : n == params.length;
    }

    /** @return this overload resolved for a call with the given argument types */
    ScalarFunction resolve(List<DataType> argTypes) {
        DataType[] types = new DataType[argTypes.size()];
        for (int i = 0; i < types.length; i++) {
            TypeId p = paramAt(i);
            if (p != null) {
                types[i] = DataType.of(p);
            } else {
                DataType a = argTypes.get(i);
                types[i] = a.id() == TypeId.UNKNOWN && !keepUnknown ? DataType.TEXT : a;
            }
        }
        List<DataType> list = Arrays.asList(types);
        return new ScalarFunction(name, list, returnType, strict, volatile_, body.apply(list));
    }

    @Override
    public String toString() {
        return name + Arrays.toString(params) + (variadic ? "..." : "") + " -> " + returnType;
    }
}
