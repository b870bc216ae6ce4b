package dev.lodedb.sql.binder;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.CastContext;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.FunctionCall;
import dev.lodedb.sql.ast.OrderItem;
import dev.lodedb.sql.ast.WindowFrame;
import dev.lodedb.sql.ast.WindowSpec;
import dev.lodedb.sql.function.AggregateFunction;
import dev.lodedb.sql.function.AggregateFunctions;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.SortKey;
import dev.lodedb.sql.plan.WindowCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binds a window function call ({@code f(args) OVER (PARTITION BY ... ORDER BY ... frame)} or
 * {@code OVER name}) into a {@link WindowCall} of the query level's Window node, returning a
 * placeholder reference to its result column. Thread-safe (stateless).
 */
final class WindowBinder {
    private WindowBinder() {
    }

    static BoundExpr bind(ExpressionBinder binder, BindContext ctx, FunctionCall f, String name) {
        WindowSpec spec = resolveSpec(f, binder.namedWindows);
        ExpressionBinder inner = binder.withoutWindows();
        List<BoundExpr> args = new ArrayList<>();
        for (Expr a : f.args()) {
            args.add(inner.bind(a));
        }
        List<BoundExpr> partition = new ArrayList<>();
        for (Expr p : spec.partitionBy()) {
            partition.add(inner.bind(p));
        }
        List<SortKey> order = new ArrayList<>();
        for (OrderItem o : spec.orderBy()) {
            order.add(QueryBinder.sortKey(o, inner.bind(o.expr())));
        }
        WindowCall.Frame frame = frame(spec.frame(), inner);
        AggregateFunction aggregate = null;
        DataType type;
        List<BoundExpr> cast = args;
        switch (name) {
            case "row_number", "rank", "dense_rank" -> {
                requireArgs(f, args, 0, 0);
                type = DataType.BIGINT;
            }
            case "percent_rank", "cume_dist" -> {
                requireArgs(f, args, 0, 0);
                type = DataType.DOUBLE;
            }
            case "ntile" -> {
                requireArgs(f, args, 1, 1);
                cast = List.of(inner.coerce(args.get(0), DataType.INTEGER, f.position()));
                type = DataType.INTEGER;
            }
            case "lag", "lead" -> {
                requireArgs(f, args, 1, 3);
                type = args.get(0).type().id() == dev.lodedb.engine.types.TypeId.UNKNOWN ? DataType.TEXT
                        : args.get(0).type();
                cast = new ArrayList<>();
                cast.add(inner.coerce(args.get(0), type, f.position()));
                if (args.size() > 1) {
                    cast.add(inner.coerce(args.get(1), DataType.INTEGER, f.position()));
                }
                if (args.size() > 2) {
                    cast.add(inner.coerce(args.get(2), type, CastContext.IMPLICIT, f.position(), null));
                }
            }
            case "first_value", "last_value" -> {
                requireArgs(f, args, 1, 1);
                type = args.get(0).type();
            }
            case "nth_value" -> {
                requireArgs(f, args, 2, 2);
                type = args.get(0).type();
                cast = List.of(args.get(0), inner.coerce(args.get(1), DataType.INTEGER, f.position()));
            }
            default -> {
                if (!AggregateFunctions.isAggregate(name)) {
                    throw new SqlException(SqlException.UNDEFINED_FUNCTION, "function " + name
                            + " is not a window function or aggregate", null, null, f.position() + 1, null);
                }
                if (f.distinct()) {
                    throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED,
                            "DISTINCT is not implemented for window functions", null, null, f.position() + 1, null);
                }
                List<DataType> types = new ArrayList<>();
                for (BoundExpr a : args) {
                    types.add(a.type());
                }
                aggregate = AggregateFunctions.resolve(name, f.star() ? List.of() : types, f.position());
                cast = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) {
                    cast.add(inner.coerce(args.get(i), aggregate.parameterTypes().get(i), f.position()));
                }
                type = aggregate.returnType();
            }
        }
        WindowCall call = new WindowCall(name, aggregate, cast, partition, order, frame, type);
        binder.windows.add(call);
        return new BoundExpr.ColumnRef(ExpressionBinder.WINDOW_BASE + binder.windows.size() - 1, type, name);
    }

    private static void requireArgs(FunctionCall f, List<BoundExpr> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new SqlException(SqlException.UNDEFINED_FUNCTION, "function " + f.name().last() + " with "
                    + args.size() + " arguments does not exist", null, null, f.position() + 1, null);
        }
    }

    private static WindowSpec resolveSpec(FunctionCall f, Map<String, WindowSpec> named) {
        WindowSpec spec = f.over();
        if (spec == null) {
            spec = named == null ? null : named.get(f.windowName());
            if (spec == null) {
                throw new SqlException(SqlException.UNDEFINED_OBJECT, "window \"" + f.windowName()
                        + "\" does not exist", null, null, f.position() + 1, null);
            }
        }
        if (spec.refName() != null) {
            WindowSpec base = named == null ? null : named.get(spec.refName());
            if (base == null) {
                throw new SqlException(SqlException.UNDEFINED_OBJECT, "window \"" + spec.refName()
                        + "\" does not exist", null, null, spec.position() + 1, null);
            }
            spec = new WindowSpec(null, base.partitionBy(), spec.orderBy().isEmpty() ? base.orderBy()
                    : spec.orderBy(), spec.frame() != null ? spec.frame() : base.frame(), spec.position());
        }
        return spec;
    }

    private static WindowCall.Frame frame(WindowFrame f, ExpressionBinder b) {
        if (f == null) {
            return WindowCall.Frame.DEFAULT;
        }
        WindowCall.Unit unit = WindowCall.Unit.valueOf(f.unit().name());
        WindowCall.Bound start = bound(f.start(), b);
        WindowCall.Bound end = f.end() == null ? new WindowCall.Bound(WindowCall.BoundKind.CURRENT_ROW, null)
                : bound(f.end(), b);
        WindowCall.Exclusion exclusion = f.exclusion() == null ? WindowCall.Exclusion.NO_OTHERS
                : WindowCall.Exclusion.valueOf(f.exclusion().name());
        return new WindowCall.Frame(unit, start, end, exclusion);
    }

    private static WindowCall.Bound bound(WindowFrame.Bound bound, ExpressionBinder b) {
        WindowCall.BoundKind kind = WindowCall.BoundKind.valueOf(bound.type().name());
        BoundExpr offset = bound.offset() == null ? null : b.bind(bound.offset());
        return new WindowCall.Bound(kind, offset);
    }
}
