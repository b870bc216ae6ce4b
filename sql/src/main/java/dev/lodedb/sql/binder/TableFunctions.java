package dev.lodedb.sql.binder;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.FunctionCall;
import dev.lodedb.sql.ast.FunctionTable;
import dev.lodedb.sql.ast.NamedArgument;
import dev.lodedb.sql.copy.ReadFunctions;
import dev.lodedb.engine.types.Values;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.PlanColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds set-returning functions in FROM: {@code generate_series(start, stop [, step])} over
 * integers, numerics and timestamps; {@code jsonb_array_elements[_text]},
 * {@code json_array_elements[_text]}, {@code jsonb_each[_text]}, {@code json_each[_text]};
 * {@code read_csv} and {@code read_json} (file scans whose columns are inferred from the file
 * when the query is bound, see {@link ReadFunctions}).
 * Thread-safe (stateless).
 */
final class TableFunctions {
    private TableFunctions() {
    }

    static LogicalPlan bind(FunctionTable f, ExpressionBinder b) {
        if (!(f.function() instanceof FunctionCall call)) {
            throw new SqlException(SqlException.SYNTAX_ERROR, "a function call is expected in FROM", null, null,
                    f.position() + 1, null);
        }
        String name = call.name().last().toLowerCase();
        if (ReadFunctions.canonical(name) != null) {
            return bindRead(name, call, f, b);
        }
        List<BoundExpr> args = new ArrayList<>();
        for (Expr a : call.args()) {
            args.add(b.bind(a));
        }
        List<PlanColumn> cols = new ArrayList<>();
        List<BoundExpr> cast = new ArrayList<>();
        switch (name) {
            case "generate_series" -> {
                if (args.size() < 2 || args.size() > 3) {
                    throw undefined(name, args, call.position());
                }
                DataType t = TypeCoercion.commonType(args.get(0).type(), args.get(1).type());
                if (t == null) {
                    throw undefined(name, args, call.position());
                }
                if (t.id() == TypeId.UNKNOWN || t.id() == TypeId.TEXT) {
                    t = DataType.TIMESTAMPTZ;
                }
                if (t.id() == TypeId.DATE) {
                    t = DataType.TIMESTAMP;
                }
                boolean time = t.id() == TypeId.TIMESTAMP || t.id() == TypeId.TIMESTAMPTZ;
                if (!time && !(t.id() == TypeId.INTEGER || t.id() == TypeId.BIGINT || t.id() == TypeId.NUMERIC
                        || t.id() == TypeId.SMALLINT)) {
                    throw undefined(name, args, call.position());
                }
                if (t.id() == TypeId.SMALLINT) {
                    t = DataType.INTEGER;
                }
                cast.add(b.coerce(args.get(0), t, call.position()));
                cast.add(b.coerce(args.get(1), t, call.position()));
                if (args.size() == 3) {
                    DataType step = time ? DataType.INTERVAL : TypeCoercion.commonType(t, args.get(2).type());
                    if (step == null || (!time && !step.id().isNumeric())) {
                        throw undefined(name, args, call.position());
                    }
                    if (!time && !step.equals(t)) {
                        t = step.withoutModifiers();
                        cast.set(0, b.coerce(args.get(0), t, call.position()));
                        cast.set(1, b.coerce(args.get(1), t, call.position()));
                    }
                    cast.add(b.coerce(args.get(2), step, call.position()));
                } else if (time) {
                    throw undefined(name, args, call.position());
                }
                cols.add(PlanColumn.of(name, t));
            }
            case "jsonb_array_elements", "jsonb_array_elements_text", "json_array_elements",
                    "json_array_elements_text" -> {
                DataType in = name.startsWith("jsonb") ? DataType.JSONB : DataType.JSON;
                requireOne(name, args, call.position());
                cast.add(b.coerce(args.get(0), in, call.position()));
                cols.add(PlanColumn.of("value", name.endsWith("_text") ? DataType.TEXT : in));
            }
            case "jsonb_each", "jsonb_each_text", "json_each", "json_each_text" -> {
                DataType in = name.startsWith("jsonb") ? DataType.JSONB : DataType.JSON;
                requireOne(name, args, call.position());
                cast.add(b.coerce(args.get(0), in, call.position()));
                cols.add(PlanColumn.of("key", DataType.TEXT));
                cols.add(PlanColumn.of("value", name.endsWith("_text") ? DataType.TEXT : in));
            }
            default -> throw new SqlException(SqlException.UNDEFINED_FUNCTION, "function " + name
                    + " does not exist or is not a set-returning function", null, null, call.position() + 1, null);
        }
        if (f.withOrdinality()) {
            cols.add(PlanColumn.of("ordinality", DataType.BIGINT));
        }
        return new LogicalPlan.TableFunction(name, cast, f.withOrdinality(), cols);
    }

    /**
     * {@code read_csv('path', name => value, ...)} and {@code read_json(...)}: the arguments must
     * be constants; the file is sampled now to infer the columns, and the resolved options travel
     * in the plan as constant (name, value) pairs after the path.
     */
    private static LogicalPlan bindRead(String name, FunctionCall call, FunctionTable f, ExpressionBinder b) {
        String path = null;
        Map<String, String> options = new LinkedHashMap<>();
        for (Expr a : call.args()) {
            Expr value = a instanceof NamedArgument n ? n.value() : a;
            BoundExpr bound = b.bind(value);
            if (!(bound instanceof BoundExpr.Constant c) || c.value() == null) {
                throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, name
                        + "'s arguments must be constants (not NULL)", null, null, value.position() + 1, null);
            }
            Object v = c.value();
            String text = v instanceof String s ? s : v instanceof Boolean || v instanceof Number ? v.toString()
                    : Values.format(c.type(), v);
            if (a instanceof NamedArgument n) {
                if (options.put(n.name().toLowerCase(), text) != null) {
                    throw new SqlException(SqlException.SYNTAX_ERROR, "option \"" + n.name() + "\" of " + name
                            + " given more than once", null, null, n.position() + 1, null);
                }
            } else if (path == null) {
                path = text;
            } else {
                throw new SqlException(SqlException.UNDEFINED_FUNCTION, "function " + name + " takes one positional "
                        + "argument (the file) and named options (name => value)", null, null, a.position() + 1, null);
            }
        }
        if (path == null) {
            throw new SqlException(SqlException.UNDEFINED_FUNCTION, "function " + name + " needs a file: " + name
                    + "('path' [, name => value ...])", null, null, call.position() + 1, null);
        }
        ReadFunctions.Bound bound;
        try {
            bound = ReadFunctions.bind(name, path, options);
        } catch (SqlException e) {
            throw e.position() == 0 ? e.withPosition(call.position() + 1) : e;
        }
        List<BoundExpr> args = new ArrayList<>();
        for (Map.Entry<String, String> e : bound.options().entrySet()) {
            args.add(new BoundExpr.Constant(e.getKey(), DataType.TEXT));
            args.add(new BoundExpr.Constant(e.getValue(), DataType.TEXT));
        }
        List<PlanColumn> cols = new ArrayList<>();
        for (int i = 0; i < bound.names().size(); i++) {
            cols.add(PlanColumn.of(bound.names().get(i), bound.types().get(i)));
        }
        if (f.withOrdinality()) {
            cols.add(PlanColumn.of("ordinality", DataType.BIGINT));
        }
        return new LogicalPlan.TableFunction(bound.function(), args, f.withOrdinality(), cols);
    }

    private static void requireOne(String name, List<BoundExpr> args, int position) {
        if (args.size() != 1) {
            throw undefined(name, args, position);
        }
    }

    private static SqlException undefined(String name, List<BoundExpr> args, int position) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(args.get(i).type().id() == TypeId.UNKNOWN ? "unknown"
                    : args.get(i).type().toString());
        }
        return new SqlException(SqlException.UNDEFINED_FUNCTION, "function " + name + "(" + sb + ") does not exist",
                null, "No function matches the given name and argument types. You might need to add explicit type casts.",
                position + 1, null);
    }
}
