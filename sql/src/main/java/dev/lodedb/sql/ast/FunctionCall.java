package dev.lodedb.sql.ast;

import java.util.List;

/**
 * A function or aggregate call: {@code f(a, b)}, {@code count(*)}, {@code count(DISTINCT x)},
 * {@code string_agg(x, ',' ORDER BY y)}, {@code percentile_cont(0.5) WITHIN GROUP (ORDER BY x)},
 * {@code sum(x) FILTER (WHERE p)}, {@code rank() OVER (...)} or {@code OVER w}. COALESCE,
 * NULLIF, GREATEST, LEAST and GROUPING are plain calls with those names.
 *
 * @param name the function name
 * @param args the arguments, possibly {@link NamedArgument}s
 * @param distinct whether {@code DISTINCT} was written
 * @param star whether the argument list was {@code *}
 * @param variadic whether the last argument was marked {@code VARIADIC}
 * @param orderBy ORDER BY inside the parentheses, or the WITHIN GROUP ordering
 * @param withinGroup whether {@code orderBy} came from {@code WITHIN GROUP}
 * @param filter the FILTER condition, or {@code null}
 * @param over the inline window of {@code OVER (...)}, or {@code null}
 * @param windowName the window named by {@code OVER name}, or {@code null}
 * @param position offset of the function name
 */
public record FunctionCall(QualifiedName name, List<Expr> args, boolean distinct, boolean star,
        boolean variadic, List<OrderItem> orderBy, boolean withinGroup, Expr filter, WindowSpec over,
        String windowName, int position) implements Expr {

    /**
     * Copies the lists.
     *
     * @param name the function name
     * @param args the arguments, possibly {@link NamedArgument}s
     * @param distinct whether {@code DISTINCT} was written
     * @param star whether the argument list was {@code *}
     * @param variadic whether the last argument was marked {@code VARIADIC}
     * @param orderBy ORDER BY inside the parentheses, or the WITHIN GROUP ordering
     * @param withinGroup whether {@code orderBy} came from {@code WITHIN GROUP}
     * @param filter the FILTER condition, or {@code null}
     * @param over the inline window of {@code OVER (...)}, or {@code null}
     * @param windowName the window named by {@code OVER name}, or {@code null}
     * @param position offset of the function name
     */
    public FunctionCall {
        args = List.copyOf(args);
        orderBy = List.copyOf(orderBy);
    }

    /**
     * @param name the function name
     * @param args its arguments
     * @param position offset of the name
     * @return a plain call without DISTINCT, ORDER BY, FILTER or OVER
     */
    public static FunctionCall of(QualifiedName name, List<Expr> args, int position) {
        return new FunctionCall(name, args, false, false, false, List.of(), false, null, null, null, position);
    }

    /** @return whether the call has an OVER clause (it is a window function call) */
    public boolean isWindow() {
        return over != null || windowName != null;
    }
}
