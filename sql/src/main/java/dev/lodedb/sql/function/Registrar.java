package dev.lodedb.sql.function;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Collects the overloads the per-area classes define ({@link MathFunctions#register}, ...) into
 * the maps {@link FunctionRegistry} serves from. Used only while the registry class initializes,
 * by one thread; not thread-safe.
 */
final class Registrar {
    /** A strict one-argument body. */
    @FunctionalInterface
    interface F1 {
        Object apply(Object a);
    }

    /** A strict two-argument body. */
    @FunctionalInterface
    interface F2 {
        Object apply(Object a, Object b);
    }

    /** A strict three-argument body. */
    @FunctionalInterface
    interface F3 {
        Object apply(Object a, Object b, Object c);
    }

    final Map<String, List<FunctionDef>> functions = new HashMap<>();
    final Map<String, List<FunctionDef>> infix = new HashMap<>();
    final Map<String, List<FunctionDef>> prefix = new HashMap<>();

    private static void put(Map<String, List<FunctionDef>> m, FunctionDef d) {
        m.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d);
    }

    /** Adds a function overload. */
    void add(FunctionDef d) {
        put(functions, d);
    }

    /** Adds a function with full control of its flags; {@code params} may contain {@code null} (any). */
    void fn(String name, TypeId ret, boolean strict, boolean volatile_, boolean variadic,
            ScalarImplementation body, TypeId... params) {
        add(new FunctionDef(name, params, variadic, DataType.of(ret), strict, volatile_, false,
                t -> body));
    }

    /** Adds a function whose body depends on the resolved parameter types. */
    void fnTyped(String name, TypeId ret, boolean strict, boolean variadic,
                 Function<List<DataType>, ScalarImplementation> body, TypeId... params) {
        add(new FunctionDef(name, params, variadic, DataType.of(ret), strict, false, false, body));
    }

    /** Adds a strict immutable function of no arguments. */
    void f0(String name, TypeId ret, ScalarImplementation body) {
        fn(name, ret, true, false, false, body);
    }

    /** Adds a strict immutable function of one argument. */
    void f1(String name, TypeId ret, TypeId p1, F1 f) {
        fn(name, ret, true, false, false, (c, a) -> f.apply(a[0]), p1);
    }

    /** Adds a strict immutable function of two arguments. */
    void f2(String name, TypeId ret, TypeId p1, TypeId p2, F2 f) {
        fn(name, ret, true, false, false, (c, a) -> f.apply(a[0], a[1]), p1, p2);
    }

    /** Adds a strict immutable function of three arguments. */
    void f3(String name, TypeId ret, TypeId p1, TypeId p2, TypeId p3, F3 f) {
        fn(name, ret, true, false, false, (c, a) -> f.apply(a[0], a[1], a[2]), p1, p2, p3);
    }

    /** Adds a strict binary operator {@code left op right}. */
    void infix(String op, TypeId left, TypeId right, TypeId ret, F2 f) {
        put(infix, new FunctionDef(op, new TypeId[] {left, right}, false, DataType.of(ret), true,
                false, false, t -> (c, a) -> f.apply(a[0], a[1])));
    }

    /** Adds a strict binary operator whose body depends on the resolved operand types. */
    void infixTyped(String op, TypeId left, TypeId right, TypeId ret,
                    BiFunction<DataType, DataType, F2> f) {
        put(infix, new FunctionDef(op, new TypeId[] {left, right}, false, DataType.of(ret), true,
                false, false, t -> {
                    F2 g = f.apply(t.get(0), t.get(1));
                    return (c, a) -> g.apply(a[0], a[1]);
                }));
    }

    /** Adds a strict prefix operator {@code op right}. */
    void prefix(String op, TypeId operand, TypeId ret, F1 f) {
        put(prefix, new FunctionDef(op, new TypeId[] {operand}, false, DataType.of(ret), true,
                false, false, t -> (c, a) -> f.apply(a[0])));
    }
}
