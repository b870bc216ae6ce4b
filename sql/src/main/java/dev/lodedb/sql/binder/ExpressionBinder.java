package dev.lodedb.sql.binder;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.CastContext;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.ast.Between;
import dev.lodedb.sql.ast.BinaryOp;
import dev.lodedb.sql.ast.BooleanLiteral;
import dev.lodedb.sql.ast.CaseExpr;
import dev.lodedb.sql.ast.Cast;
import dev.lodedb.sql.ast.Collate;
import dev.lodedb.sql.ast.ColumnRef;
import dev.lodedb.sql.ast.Exists;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.Extract;
import dev.lodedb.sql.ast.FunctionCall;
import dev.lodedb.sql.ast.InList;
import dev.lodedb.sql.ast.InSubquery;
import dev.lodedb.sql.ast.IntegerLiteral;
import dev.lodedb.sql.ast.IsDistinctFrom;
import dev.lodedb.sql.ast.IsTest;
import dev.lodedb.sql.ast.Like;
import dev.lodedb.sql.ast.NullLiteral;
import dev.lodedb.sql.ast.NumericLiteral;
import dev.lodedb.sql.ast.Parameter;
import dev.lodedb.sql.ast.Position;
import dev.lodedb.sql.ast.QuantifiedComparison;
import dev.lodedb.sql.ast.ScalarSubquery;
import dev.lodedb.sql.ast.StringLiteral;
import dev.lodedb.sql.ast.SqlValueFunction;
import dev.lodedb.sql.ast.Substring;
import dev.lodedb.sql.ast.Trim;
import dev.lodedb.sql.ast.TypedLiteral;
import dev.lodedb.sql.ast.UnaryOp;
import dev.lodedb.sql.function.AggregateFunction;
import dev.lodedb.sql.function.AggregateFunctions;
import dev.lodedb.sql.function.FunctionRegistry;
import dev.lodedb.sql.function.ScalarFunction;
import dev.lodedb.sql.plan.AggregateCall;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.BoundExpr.CompareOp;
import dev.lodedb.sql.plan.ExprRewriter;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.SortKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds AST expressions of one query level to {@link BoundExpr}s: resolves names through a
 * {@link Scope}, assigns types with PostgreSQL's rules ({@link TypeCoercion}), resolves functions
 * and operators ({@link FunctionRegistry}), binds subqueries through the {@link QueryBinder}, and,
 * where the clause allows them, collects aggregate and window function calls (which become
 * column references to the Aggregate and Window nodes' outputs).
 *
 * <p>Not thread-safe; one binder per clause being bound.
 */
final class ExpressionBinder {
    /** Placeholder base for references to window calls, fixed up once the window input is known. */
    static final int WINDOW_BASE = 1 << 24;

    private final BindContext ctx;
    private final Scope scope;
    /** Where aggregates go, or {@code null} when they are not allowed here. */
    Grouping grouping;
    /** Where window calls go, or {@code null} when they are not allowed here. */
    List<dev.lodedb.sql.plan.WindowCall> windows;
    /** The WINDOW clause's named windows, or {@code null}. */
    java.util.Map<String, dev.lodedb.sql.ast.WindowSpec> namedWindows;
    /** The clause name for "not allowed in" errors. */
    String clause = "this context";

    /** The aggregation of one query level. */
    static final class Grouping {
        final Scope inputScope;
        final List<BoundExpr> keys;
        final List<AggregateCall> calls = new ArrayList<>();

        Grouping(Scope inputScope, List<BoundExpr> keys) {
            this.inputScope = inputScope;
            this.keys = keys;
        }
    }

    ExpressionBinder(BindContext ctx, Scope scope) {
        this.ctx = ctx;
        this.scope = scope;
    }

    Scope scope() {
        return scope;
    }

    private static SqlException error(String state, String message, int position) {
        return new SqlException(state, message, null, null, position + 1, null);
    }

    /** Binds {@code e} and requires a boolean result (WHERE, HAVING, ON, CASE WHEN). */
    BoundExpr bindCondition(Expr e, String what) {
        BoundExpr b = bind(e);
        return coerce(b, DataType.BOOLEAN, CastContext.IMPLICIT, e.position(), what);
    }

    /** Binds an expression. */
    BoundExpr bind(Expr e) {
        if (grouping != null && !grouping.keys.isEmpty() && !(e instanceof ColumnRef)
                && !(e instanceof IntegerLiteral) && !(e instanceof StringLiteral)) {
            BoundExpr key = matchGroupKey(e);
            if (key != null) {
                return key;
            }
        }
        if (e instanceof IntegerLiteral i) {
            long v = i.value();
            return v == (int) v ? constant((int) v, DataType.INTEGER) : constant(v, DataType.BIGINT);
        }
        if (e instanceof NumericLiteral n) {
            return constant(new BigDecimal(n.text()), DataType.NUMERIC);
        }
        if (e instanceof StringLiteral s) {
            return constant(s.value(), DataType.UNKNOWN);
        }
        if (e instanceof BooleanLiteral b) {
            return constant(b.value(), DataType.BOOLEAN);
        }
        if (e instanceof NullLiteral) {
            return constant(null, DataType.UNKNOWN);
        }
        if (e instanceof TypedLiteral t) {
            return typedLiteral(t);
        }
        if (e instanceof ColumnRef c) {
            return column(c);
        }
        if (e instanceof Parameter p) {
            int index = p.index() - 1;
            return new BoundExpr.Parameter(index, ctx.parameterType(index));
        }
        if (e instanceof UnaryOp u) {
            return unary(u);
        }
        if (e instanceof BinaryOp b) {
            return binary(b);
        }
        if (e instanceof IsTest t) {
            BoundExpr in = bind(t.expr());
            if (t.kind() == IsTest.Kind.NULL) {
                return new BoundExpr.IsNull(in, t.negated());
            }
            in = coerce(in, DataType.BOOLEAN, CastContext.IMPLICIT, t.position(), "IS " + t.kind());
            Boolean value = t.kind() == IsTest.Kind.TRUE ? Boolean.TRUE
                    : t.kind() == IsTest.Kind.FALSE ? Boolean.FALSE : null;
            return new BoundExpr.IsBoolean(in, value, t.negated());
        }
        if (e instanceof IsDistinctFrom d) {
            BoundExpr l = bind(d.left());
            BoundExpr r = bind(d.right());
            DataType t = comparisonType(l, r, "IS DISTINCT FROM", d.position());
            return new BoundExpr.IsDistinct(coerce(l, t, d.left().position()), coerce(r, t, d.right().position()),
                    t, d.negated());
        }
        if (e instanceof Between b) {
            return between(b);
        }
        if (e instanceof InList in) {
            return inList(in);
        }
        if (e instanceof InSubquery in) {
            BoundExpr left = bind(in.expr());
            BoundExpr sub = quantified(left, CompareOp.EQ, BoundExpr.SubqueryKind.ANY,
                    in.query(), in.position());
            return in.negated() ? new BoundExpr.Not(sub) : sub;
        }
        if (e instanceof Like l) {
            return like(l);
        }
        if (e instanceof CaseExpr c) {
            return caseExpr(c);
        }
        if (e instanceof Cast c) {
            BoundExpr in = bind(c.expr());
            DataType target = TypeResolver.resolve(c.type());
            return cast(in, target, CastContext.EXPLICIT, c.position());
        }
        if (e instanceof FunctionCall f) {
            return function(f);
        }
        if (e instanceof Exists x) {
            LogicalPlan plan = ctx.queries.bindSubquery(x.query(), scope);
            return new BoundExpr.Subquery(BoundExpr.SubqueryKind.EXISTS, plan, null, null, null,
                    ctx.queries.lastCorrelated, DataType.BOOLEAN);
        }
        if (e instanceof ScalarSubquery s) {
            LogicalPlan plan = ctx.queries.bindSubquery(s.query(), scope);
            if (plan.columns().size() != 1) {
                throw error(SqlException.SYNTAX_ERROR, "subquery must return only one column", s.position());
            }
            return new BoundExpr.Subquery(BoundExpr.SubqueryKind.SCALAR, plan, null, null, null,
                    ctx.queries.lastCorrelated, plan.columns().get(0).type());
        }
        if (e instanceof QuantifiedComparison q) {
            CompareOp op = CompareOp.of(q.operator());
            if (q.subquery() == null || op == null) {
                throw error(SqlException.FEATURE_NOT_SUPPORTED, "ANY/ALL over arrays is not supported yet",
                        q.position());
            }
            BoundExpr left = bind(q.left());
            return quantified(left, op, q.quantifier() == QuantifiedComparison.Quantifier.ANY
                    ? BoundExpr.SubqueryKind.ANY : BoundExpr.SubqueryKind.ALL, q.subquery(), q.position());
        }
        if (e instanceof Extract x) {
            return call("extract", List.of(constant(x.field().toLowerCase(), DataType.TEXT), bind(x.source())),
                    x.position());
        }
        if (e instanceof Substring s) {
            List<BoundExpr> args = new ArrayList<>();
            args.add(bind(s.string()));
            args.add(s.start() == null ? constant(1, DataType.INTEGER) : bind(s.start()));
            if (s.length() != null) {
                args.add(bind(s.length()));
            }
            return call("substring", args, s.position());
        }
        if (e instanceof Position p) {
            return call("position", List.of(bind(p.string()), bind(p.substring())), p.position());
        }
        if (e instanceof Trim t) {
            String fn = switch (t.side()) {
                case BOTH -> "btrim";
                case LEADING -> "ltrim";
                case TRAILING -> "rtrim";
            };
            List<BoundExpr> args = new ArrayList<>();
            args.add(bind(t.string()));
            if (t.characters() != null) {
                args.add(bind(t.characters()));
            }
            return call(fn, args, t.position());
        }
        if (e instanceof SqlValueFunction v) {
            return sqlValueFunction(v);
        }
        if (e instanceof Collate c) {
            return bind(c.expr());
        }
        if (e instanceof dev.lodedb.sql.ast.DefaultExpr) {
            throw error(SqlException.SYNTAX_ERROR, "DEFAULT is not allowed in this context", e.position());
        }
        if (e instanceof dev.lodedb.sql.ast.Star) {
            throw error(SqlException.SYNTAX_ERROR, "syntax error at or near \"*\"", e.position());
        }
        throw error(SqlException.FEATURE_NOT_SUPPORTED, "expression not supported yet: "
                + e.getClass().getSimpleName(), e.position());
    }

    private BoundExpr matchGroupKey(Expr e) {
        ExpressionBinder plain = new ExpressionBinder(ctx, grouping.inputScope);
        BoundExpr b;
        try {
            b = plain.bind(e);
        } catch (SqlException ex) {
            return null;
        }
        for (int i = 0; i < grouping.keys.size(); i++) {
            if (grouping.keys.get(i).equals(b)) {
                return new BoundExpr.ColumnRef(i, b.type(), null);
            }
        }
        return null;
    }

    static BoundExpr constant(Object value, DataType type) {
        return new BoundExpr.Constant(value, type);
    }

    private BoundExpr typedLiteral(TypedLiteral t) {
        DataType type = TypeResolver.resolve(t.type());
        String text = t.value();
        if (type.id() == TypeId.INTERVAL && t.type().intervalFields() != null) {
            String trimmed = text.trim();
            if (!trimmed.isEmpty() && trimmed.chars().allMatch(ch -> Character.isDigit(ch) || ch == '-'
                    || ch == '+' || ch == '.')) {
                String unit = t.type().intervalFields().trim().split("\\s+")[0];
                text = trimmed + " " + unit;
            }
        }
        try {
            return constant(Values.parse(type, text), type);
        } catch (SqlException ex) {
            throw ex.position() == 0 ? ex.withPosition(t.position() + 1) : ex;
        }
    }

    private BoundExpr column(ColumnRef c) {
        Scope.Resolution r = scope.resolve(c.names(), c.position());
        if (r == null) {
            if (c.names().size() >= 2) {
                String q = c.names().get(c.names().size() - 2);
                boolean known = false;
                for (Scope s = scope; s != null; s = s.outer) {
                    known |= s.hasQualifier(q);
                }
                if (!known) {
                    throw error(SqlException.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + q + "\"",
                            c.position());
                }
                throw error(SqlException.UNDEFINED_COLUMN, "column " + String.join(".", c.names())
                        + " does not exist", c.position());
            }
            throw error(SqlException.UNDEFINED_COLUMN, "column \"" + c.name() + "\" does not exist", c.position());
        }
        for (Scope s = scope; s != r.found(); s = s.outer) {
            s.correlated = true;
        }
        return r.expr();
    }

    private BoundExpr unary(UnaryOp u) {
        String op = u.operator();
        if (op.equalsIgnoreCase("NOT")) {
            return new BoundExpr.Not(coerce(bind(u.operand()), DataType.BOOLEAN, CastContext.IMPLICIT,
                    u.operand().position(), "NOT"));
        }
        if (op.equals("-") && u.operand() instanceof IntegerLiteral i) {
            long v = -i.value();
            return v == (int) v ? constant((int) v, DataType.INTEGER) : constant(v, DataType.BIGINT);
        }
        if (op.equals("-") && u.operand() instanceof NumericLiteral n) {
            return constant(new BigDecimal(n.text()).negate(), DataType.NUMERIC);
        }
        BoundExpr in = bind(u.operand());
        ScalarFunction f = FunctionRegistry.resolveOperator(op, null, in.type(), u.position());
        return makeCall(f, List.of(in), List.of(u.operand().position()));
    }

    private BoundExpr binary(BinaryOp b) {
        String op = b.operator();
        if (op.equals("AND") || op.equals("OR")) {
            List<BoundExpr> terms = new ArrayList<>();
            flatten(b, op, terms);
            return op.equals("AND") ? new BoundExpr.And(terms) : new BoundExpr.Or(terms);
        }
        CompareOp cmp = CompareOp.of(op);
        BoundExpr l = bind(b.left());
        BoundExpr r = bind(b.right());
        if (cmp != null) {
            return compare(cmp, l, r, b.left().position(), b.right().position(), b.position());
        }
        ScalarFunction f = FunctionRegistry.resolveOperator(op, l.type(), r.type(), b.position());
        return makeCall(f, List.of(l, r), List.of(b.left().position(), b.right().position()));
    }

    private void flatten(Expr e, String op, List<BoundExpr> out) {
        if (e instanceof BinaryOp b && b.operator().equals(op)) {
            flatten(b.left(), op, out);
            flatten(b.right(), op, out);
            return;
        }
        out.add(coerce(bind(e), DataType.BOOLEAN, CastContext.IMPLICIT, e.position(), op));
    }

    BoundExpr compare(CompareOp op, BoundExpr l, BoundExpr r, int lpos, int rpos, int position) {
        DataType t = comparisonType(l, r, op.symbol(), position);
        return new BoundExpr.Compare(op, coerce(l, t, lpos), coerce(r, t, rpos), t);
    }

    private DataType comparisonType(BoundExpr l, BoundExpr r, String op, int position) {
        DataType t = TypeCoercion.commonType(l.type(), r.type());
        if (t != null && t.id() == TypeId.UNKNOWN) {
            t = DataType.TEXT;
        }
        if (t == null || t.id() == TypeId.JSON) {
            throw new SqlException(SqlException.UNDEFINED_FUNCTION, "operator does not exist: " + l.type() + " "
                    + op + " " + r.type(), null,
                    "No operator matches the given name and argument types. You might need to add explicit type casts.",
                    position + 1, null);
        }
        if (t.id() == TypeId.CHAR && !(l.type().id() == TypeId.CHAR && r.type().id() == TypeId.CHAR)) {
            t = l.type().id() == TypeId.CHAR && r.type().id() == TypeId.UNKNOWN ? DataType.BPCHAR
                    : r.type().id() == TypeId.CHAR && l.type().id() == TypeId.UNKNOWN ? DataType.BPCHAR : t;
        }
        return t.id() == TypeId.CHAR ? DataType.BPCHAR : t.withoutModifiers();
    }

    private BoundExpr between(Between b) {
        BoundExpr x = bind(b.expr());
        BoundExpr lo = bind(b.low());
        BoundExpr hi = bind(b.high());
        BoundExpr range = new BoundExpr.And(List.of(
                compare(CompareOp.GE, x, lo, b.expr().position(), b.low().position(), b.position()),
                compare(CompareOp.LE, x, hi, b.expr().position(), b.high().position(), b.position())));
        if (b.symmetric()) {
            BoundExpr swapped = new BoundExpr.And(List.of(
                    compare(CompareOp.GE, x, hi, b.expr().position(), b.high().position(), b.position()),
                    compare(CompareOp.LE, x, lo, b.expr().position(), b.low().position(), b.position())));
            range = new BoundExpr.Or(List.of(range, swapped));
        }
        return b.negated() ? new BoundExpr.Not(range) : range;
    }

    private BoundExpr inList(InList in) {
        BoundExpr x = bind(in.expr());
        List<BoundExpr> values = new ArrayList<>();
        DataType t = x.type();
        for (Expr v : in.values()) {
            BoundExpr bv = bind(v);
            values.add(bv);
            DataType c = TypeCoercion.commonType(t, bv.type());
            if (c == null) {
                throw new SqlException(SqlException.UNDEFINED_FUNCTION, "operator does not exist: " + x.type()
                        + " = " + bv.type(), null, null, v.position() + 1, null);
            }
            t = c;
        }
        if (t.id() == TypeId.UNKNOWN) {
            t = DataType.TEXT;
        }
        t = t.withoutModifiers();
        List<BoundExpr> cast = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            cast.add(coerce(values.get(i), t, in.values().get(i).position()));
        }
        return new BoundExpr.InList(coerce(x, t, in.expr().position()), cast, t, in.negated());
    }

    private BoundExpr quantified(BoundExpr left, CompareOp op, BoundExpr.SubqueryKind kind,
            dev.lodedb.sql.ast.Query query, int position) {
        LogicalPlan plan = ctx.queries.bindSubquery(query, scope);
        boolean correlated = ctx.queries.lastCorrelated;
        if (plan.columns().size() != 1) {
            throw error(SqlException.SYNTAX_ERROR, plan.columns().size() > 1 ? "subquery has too many columns"
                    : "subquery has too few columns", position);
        }
        DataType sub = plan.columns().get(0).type();
        DataType t = TypeCoercion.commonType(left.type(), sub);
        if (t != null && t.id() == TypeId.UNKNOWN) {
            t = DataType.TEXT;
        }
        if (t == null) {
            throw new SqlException(SqlException.UNDEFINED_FUNCTION, "operator does not exist: " + left.type() + " "
                    + op.symbol() + " " + sub, null, null, position + 1, null);
        }
        t = t.withoutModifiers();
        if (!sub.equals(t)) {
            plan = QueryBinder.castColumns(plan, List.of(t));
        }
        return new BoundExpr.Subquery(kind, plan, coerce(left, t, position), op, t, correlated, DataType.BOOLEAN);
    }

    private BoundExpr like(Like l) {
        BoundExpr x = bind(l.expr());
        BoundExpr p = bind(l.pattern());
        List<BoundExpr> args = new ArrayList<>(List.of(x, p));
        if (l.escape() != null) {
            args.add(bind(l.escape()));
        }
        String fn = switch (l.kind()) {
            case LIKE -> "like";
            case ILIKE -> "ilike";
            case SIMILAR -> "similar_to";
        };
        BoundExpr call = call(fn, args, l.position());
        return l.negated() ? new BoundExpr.Not(call) : call;
    }

    private BoundExpr caseExpr(CaseExpr c) {
        BoundExpr operand = c.operand() == null ? null : bind(c.operand());
        List<BoundExpr> conditions = new ArrayList<>();
        List<BoundExpr> results = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (CaseExpr.When w : c.whens()) {
            if (operand == null) {
                conditions.add(bindCondition(w.condition(), "CASE/WHEN"));
            } else {
                BoundExpr v = bind(w.condition());
                conditions.add(compare(CompareOp.EQ, operand, v, c.operand().position(), w.condition().position(),
                        w.position()));
            }
            BoundExpr r = bind(w.result());
            results.add(r);
            types.add(r.type());
        }
        BoundExpr otherwise = c.elseResult() == null ? null : bind(c.elseResult());
        if (otherwise != null) {
            types.add(otherwise.type());
        }
        DataType t = TypeCoercion.commonType(types, "CASE", c.position());
        List<BoundExpr.When> whens = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            whens.add(new BoundExpr.When(conditions.get(i), coerce(results.get(i), t, c.whens().get(i).position())));
        }
        BoundExpr other = otherwise == null ? constant(null, t) : coerce(otherwise, t, c.elseResult().position());
        return new BoundExpr.Case(whens, other, t);
    }

    private BoundExpr sqlValueFunction(SqlValueFunction v) {
        String n = v.name().toLowerCase();
        return switch (n) {
            case "current_date" -> call("current_date", List.of(), v.position());
            case "current_timestamp" -> call("now", List.of(), v.position());
            case "localtimestamp" -> call("localtimestamp", List.of(), v.position());
            case "current_time" -> call("current_time", List.of(), v.position());
            case "localtime" -> call("localtime", List.of(), v.position());
            case "current_user", "user", "session_user", "current_role" -> constant("lode", DataType.TEXT);
            case "current_schema" -> constant("public", DataType.TEXT);
            case "current_catalog" -> constant("lode", DataType.TEXT);
            default -> throw error(SqlException.FEATURE_NOT_SUPPORTED, n + " is not supported", v.position());
        };
    }

    private BoundExpr function(FunctionCall f) {
        String name = f.name().last().toLowerCase();
        if (f.name().parts().size() > 1) {
            String schema = f.name().parts().get(0);
            if (!schema.equals("pg_catalog") && !schema.equals("public")) {
                throw error(SqlException.UNDEFINED_FUNCTION, "function " + f.name() + " does not exist",
                        f.position());
            }
        }
        if (f.isWindow()) {
            return window(f, name);
        }
        if (AggregateFunctions.isAggregate(name)) {
            return aggregate(f, name);
        }
        if (f.distinct() || f.star() || f.filter() != null || !f.orderBy().isEmpty()) {
            throw error("42809", (f.star() ? "" : "DISTINCT/ORDER BY/FILTER specified, but ") + name
                    + " is not an aggregate function", f.position());
        }
        switch (name) {
            case "coalesce", "greatest", "least": {
                List<BoundExpr> args = bindArgs(f);
                List<DataType> types = new ArrayList<>();
                for (BoundExpr a : args) {
                    types.add(a.type());
                }
                DataType t = TypeCoercion.commonType(types, name.toUpperCase(), f.position());
                List<BoundExpr> cast = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) {
                    cast.add(coerce(args.get(i), t, f.args().get(i).position()));
                }
                return name.equals("coalesce") ? new BoundExpr.Coalesce(cast, t)
                        : new BoundExpr.Extremum(cast, name.equals("greatest"), t);
            }
            case "nullif": {
                List<BoundExpr> args = bindArgs(f);
                if (args.size() != 2) {
                    throw error(SqlException.UNDEFINED_FUNCTION, "function nullif with " + args.size()
                            + " arguments does not exist", f.position());
                }
                BoundExpr a = args.get(0);
                BoundExpr eq = compare(CompareOp.EQ, a, args.get(1), f.args().get(0).position(),
                        f.args().get(1).position(), f.position());
                DataType t = a.type().id() == TypeId.UNKNOWN ? DataType.TEXT : a.type();
                return new BoundExpr.Case(List.of(new BoundExpr.When(eq, constant(null, t))), coerce(a, t,
                        f.position()), t);
            }
            default: {
                List<BoundExpr> args = bindArgs(f);
                try {
                    return call(name, args, f.position());
                } catch (SqlException ex) {
                    BoundExpr coercion = functionStyleCast(f, args);
                    if (coercion == null || !ex.sqlState().equals(SqlException.UNDEFINED_FUNCTION)) {
                        throw ex;
                    }
                    return coercion;
                }
            }
        }
    }

    /**
     * PostgreSQL's function-style cast: when no function {@code t(x)} exists and {@code t} names a
     * type, {@code t(x)} is {@code CAST(x AS t)} ({@code float8(q1)}, {@code int4(x)}, {@code text(n)}).
     *
     * @return the cast, or {@code null} when {@code f} is not one
     */
    private BoundExpr functionStyleCast(FunctionCall f, List<BoundExpr> args) {
        if (args.size() != 1 || f.name().parts().size() > 2 || f.distinct() || f.orderBy().size() > 0
                || f.filter() != null || f.over() != null || f.windowName() != null || f.star()) {
            return null;
        }
        DataType target;
        try {
            target = DataType.parse(f.name().last());
        } catch (SqlException ex) {
            return null;
        }
        if (!TypeCoercion.canCast(args.get(0).type(), target, CastContext.EXPLICIT)
                && args.get(0).type().id() != TypeId.UNKNOWN) {
            return null;
        }
        return cast(args.get(0), target, CastContext.EXPLICIT, f.position());
    }

    private List<BoundExpr> bindArgs(FunctionCall f) {
        List<BoundExpr> args = new ArrayList<>();
        for (Expr a : f.args()) {
            if (a instanceof dev.lodedb.sql.ast.NamedArgument n) {
                throw error(SqlException.FEATURE_NOT_SUPPORTED, "named arguments are not supported here",
                        n.position());
            }
            args.add(bind(a));
        }
        return args;
    }

    /** Resolves and binds a scalar function call over bound arguments. */
    BoundExpr call(String name, List<BoundExpr> args, int position) {
        List<DataType> types = new ArrayList<>();
        for (BoundExpr a : args) {
            types.add(a.type());
        }
        ScalarFunction f = FunctionRegistry.resolveFunction(name, types, position);
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            positions.add(position);
        }
        return makeCall(f, args, positions);
    }

    private BoundExpr makeCall(ScalarFunction f, List<BoundExpr> args, List<Integer> positions) {
        List<BoundExpr> cast = new ArrayList<>(args.size());
        boolean allConstant = !f.volatile_();
        for (int i = 0; i < args.size(); i++) {
            DataType p = i < f.parameterTypes().size() ? f.parameterTypes().get(i) : args.get(i).type();
            BoundExpr a = coerce(args.get(i), p, CastContext.IMPLICIT, positions.get(i), null);
            allConstant &= a instanceof BoundExpr.Constant;
            cast.add(a);
        }
        BoundExpr call = new BoundExpr.Call(f, cast);
        return allConstant ? ConstantFolder.tryFold(call) : call;
    }

    private BoundExpr aggregate(FunctionCall f, String name) {
        if (grouping == null) {
            throw error("42803", "aggregate functions are not allowed in " + clause, f.position());
        }
        ExpressionBinder inner = new ExpressionBinder(ctx, grouping.inputScope);
        inner.clause = "aggregate function calls";
        List<BoundExpr> args = new ArrayList<>();
        if (!f.star()) {
            for (Expr a : f.args()) {
                if (containsAggregate(a)) {
                    throw error("42803", "aggregate function calls cannot be nested", a.position());
                }
                args.add(inner.bind(a));
            }
        }
        List<DataType> types = new ArrayList<>();
        for (BoundExpr a : args) {
            types.add(a.type());
        }
        AggregateFunction fn = AggregateFunctions.resolve(name, types, f.position());
        List<BoundExpr> cast = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            cast.add(inner.coerce(args.get(i), fn.parameterTypes().get(i), CastContext.IMPLICIT,
                    f.args().get(i).position(), null));
        }
        BoundExpr filter = f.filter() == null ? null : inner.bindCondition(f.filter(), "FILTER");
        List<SortKey> order = new ArrayList<>();
        for (dev.lodedb.sql.ast.OrderItem o : f.orderBy()) {
            order.add(QueryBinder.sortKey(o, inner.bind(o.expr())));
        }
        AggregateCall call = new AggregateCall(fn, cast, f.distinct(), filter, order);
        int k = grouping.calls.indexOf(call);
        if (k < 0) {
            grouping.calls.add(call);
            k = grouping.calls.size() - 1;
        }
        return new BoundExpr.ColumnRef(grouping.keys.size() + k, fn.returnType(), name);
    }

    private BoundExpr window(FunctionCall f, String name) {
        if (windows == null) {
            throw error("42P20", "window functions are not allowed in " + clause, f.position());
        }
        BoundExpr ref = WindowBinder.bind(this, ctx, f, name);
        return ref;
    }

    /** Binds a window's parts in this binder's scope with window functions disabled. */
    ExpressionBinder withoutWindows() {
        ExpressionBinder b = new ExpressionBinder(ctx, scope);
        b.grouping = grouping;
        b.namedWindows = namedWindows;
        b.clause = "window definitions";
        return b;
    }

    /** @return whether {@code e} contains an aggregate call outside subqueries */
    static boolean containsAggregate(Expr e) {
        return AstSearch.any(e, n -> n instanceof FunctionCall f && !f.isWindow()
                && AggregateFunctions.isAggregate(f.name().last().toLowerCase()));
    }

    /** @return whether {@code e} contains a window function call outside subqueries */
    static boolean containsWindow(Expr e) {
        return AstSearch.any(e, n -> n instanceof FunctionCall f && f.isWindow());
    }

    /** Implicit coercion for operands (errors as {@code operator does not exist} shapes). */
    BoundExpr coerce(BoundExpr e, DataType target, int position) {
        return coerce(e, target, CastContext.IMPLICIT, position, null);
    }

    /**
     * Converts {@code e} to {@code target} if a cast is allowed in {@code context}: untyped
     * literals are parsed as the target type, parameters take the type.
     *
     * @param what the construct for the error message, or {@code null} for a generic one
     * @throws SqlException 42804 when no such cast exists in that context
     */
    BoundExpr coerce(BoundExpr e, DataType target, CastContext context, int position, String what) {
        DataType from = e.type();
        if (from.equals(target)) {
            return e;
        }
        if (e instanceof BoundExpr.Parameter p && from.id() == TypeId.UNKNOWN) {
            ctx.setParameterType(p.index(), target);
            return new BoundExpr.Parameter(p.index(), target);
        }
        if (from.id() == target.id() && !target.hasModifiers()) {
            return e;
        }
        if (from.id() != TypeId.UNKNOWN && !TypeCoercion.canCast(from, target, context)) {
            if (what != null && target.id() == TypeId.BOOLEAN) {
                throw error(SqlException.DATATYPE_MISMATCH, "argument of " + what + " must be type boolean, not type "
                        + from, position);
            }
            throw error(SqlException.DATATYPE_MISMATCH, (what == null ? "" : what + ": ") + "cannot convert type "
                    + from + " to " + target, position);
        }
        return cast(e, target, context, position);
    }

    /** A cast, folded when the input is a constant. */
    BoundExpr cast(BoundExpr e, DataType target, CastContext context, int position) {
        if (e instanceof BoundExpr.Parameter p && e.type().id() == TypeId.UNKNOWN) {
            ctx.setParameterType(p.index(), target);
            return new BoundExpr.Parameter(p.index(), target);
        }
        if (e.type().equals(target)) {
            return e;
        }
        if (e instanceof BoundExpr.Constant c) {
            try {
                Object v = c.value() == null ? null
                        : c.type().id() == TypeId.UNKNOWN ? Values.cast(c.value(), DataType.TEXT, target, context)
                        : Values.cast(c.value(), c.type(), target, context);
                return constant(v, target);
            } catch (SqlException ex) {
                throw ex.position() == 0 ? ex.withPosition(position + 1) : ex;
            }
        }
        if (e.type().id() != TypeId.UNKNOWN && Values.castContext(e.type().id(), target.id()) == null) {
            throw error(SqlException.CANNOT_COERCE, "cannot cast type " + e.type() + " to " + target, position);
        }
        return new BoundExpr.Cast(e, target, context);
    }

    /** Replaces window placeholders with references to the window node's output columns. */
    static BoundExpr fixWindowRefs(BoundExpr e, int base) {
        return ExprRewriter.rewrite(e, x -> x instanceof BoundExpr.ColumnRef c && c.index() >= WINDOW_BASE
                ? new BoundExpr.ColumnRef(base + c.index() - WINDOW_BASE, c.type(), c.name()) : null);
    }
}
