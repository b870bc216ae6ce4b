package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.ArrayConstructor;
import dev.lodedb.sql.ast.ArraySubquery;
import dev.lodedb.sql.ast.AtTimeZone;
import dev.lodedb.sql.ast.Between;
import dev.lodedb.sql.ast.BinaryOp;
import dev.lodedb.sql.ast.BitStringLiteral;
import dev.lodedb.sql.ast.BooleanLiteral;
import dev.lodedb.sql.ast.CaseExpr;
import dev.lodedb.sql.ast.Cast;
import dev.lodedb.sql.ast.Collate;
import dev.lodedb.sql.ast.ColumnRef;
import dev.lodedb.sql.ast.DefaultExpr;
import dev.lodedb.sql.ast.Exists;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.Extract;
import dev.lodedb.sql.ast.FieldSelection;
import dev.lodedb.sql.ast.FunctionCall;
import dev.lodedb.sql.ast.GroupingSet;
import dev.lodedb.sql.ast.InList;
import dev.lodedb.sql.ast.InSubquery;
import dev.lodedb.sql.ast.IntegerLiteral;
import dev.lodedb.sql.ast.IsDistinctFrom;
import dev.lodedb.sql.ast.IsTest;
import dev.lodedb.sql.ast.Like;
import dev.lodedb.sql.ast.NamedArgument;
import dev.lodedb.sql.ast.NullLiteral;
import dev.lodedb.sql.ast.NumericLiteral;
import dev.lodedb.sql.ast.OrderItem;
import dev.lodedb.sql.ast.Overlay;
import dev.lodedb.sql.ast.Parameter;
import dev.lodedb.sql.ast.Position;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.ast.QuantifiedComparison;
import dev.lodedb.sql.ast.RowConstructor;
import dev.lodedb.sql.ast.ScalarSubquery;
import dev.lodedb.sql.ast.SqlValueFunction;
import dev.lodedb.sql.ast.Star;
import dev.lodedb.sql.ast.StringLiteral;
import dev.lodedb.sql.ast.Subscript;
import dev.lodedb.sql.ast.Substring;
import dev.lodedb.sql.ast.Trim;
import dev.lodedb.sql.ast.TypeName;
import dev.lodedb.sql.ast.TypedLiteral;
import dev.lodedb.sql.ast.UnaryOp;
import dev.lodedb.sql.ast.WindowFrame;
import dev.lodedb.sql.ast.WindowSpec;
import java.util.List;
import java.util.Set;

/**
 * Canonical SQL for expressions, type names, sort items and window specifications. Every
 * compound expression is fully parenthesized, so the output shows how the parser grouped the
 * input and parses back to an equal tree.
 *
 * <p>Thread-safe (stateless).
 */
final class ExpressionPrinter {

    /** Type names the keyword grammar produces; printed bare. */
    private static final Set<String> KEYWORD_TYPES = Set.of("int", "integer", "smallint", "bigint", "real",
            "boolean", "double precision", "float", "decimal", "dec", "numeric", "bit", "bit varying", "character",
            "character varying", "char", "char varying", "varchar", "national character",
            "national character varying", "national char", "national char varying", "nchar", "nchar varying",
            "timestamp", "time", "interval", "timestamp with time zone", "timestamp without time zone",
            "time with time zone", "time without time zone");

    /** Keywords whose function-call form is a plain call ({@link FunctionCall}); printed bare. */
    private static final Set<String> BARE_FUNCTIONS = Set.of("coalesce", "greatest", "least", "nullif",
            "grouping", "substring", "overlay");

    private ExpressionPrinter() {
    }

    static void expr(StringBuilder out, Expr e) {
        if (e instanceof IntegerLiteral i) {
            out.append(i.value());
        } else if (e instanceof NumericLiteral n) {
            out.append(n.text());
        } else if (e instanceof StringLiteral s) {
            out.append(SqlNames.string(s.value()));
        } else if (e instanceof BitStringLiteral b) {
            out.append(b.hex() ? 'X' : 'B').append(SqlNames.string(b.digits()));
        } else if (e instanceof BooleanLiteral b) {
            out.append(b.value() ? "TRUE" : "FALSE");
        } else if (e instanceof NullLiteral) {
            out.append("NULL");
        } else if (e instanceof DefaultExpr) {
            out.append("DEFAULT");
        } else if (e instanceof TypedLiteral t) {
            typedLiteral(out, t);
        } else if (e instanceof ColumnRef c) {
            out.append(SqlNames.qualified(c.names()));
        } else if (e instanceof Star s) {
            if (!s.qualifier().isEmpty()) {
                out.append(SqlNames.qualified(s.qualifier())).append('.');
            }
            out.append('*');
        } else if (e instanceof Parameter p) {
            out.append('$').append(p.index());
        } else if (e instanceof UnaryOp u) {
            out.append('(').append(u.operator()).append(' ');
            expr(out, u.operand());
            out.append(')');
        } else if (e instanceof BinaryOp b) {
            out.append('(');
            expr(out, b.left());
            out.append(' ').append(b.operator()).append(' ');
            expr(out, b.right());
            out.append(')');
        } else if (e instanceof IsTest t) {
            out.append('(');
            expr(out, t.expr());
            out.append(t.negated() ? " IS NOT " : " IS ").append(t.kind().name()).append(')');
        } else if (e instanceof IsDistinctFrom d) {
            out.append('(');
            expr(out, d.left());
            out.append(d.negated() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
            expr(out, d.right());
            out.append(')');
        } else if (e instanceof Between b) {
            out.append('(');
            expr(out, b.expr());
            out.append(b.negated() ? " NOT BETWEEN " : " BETWEEN ").append(b.symmetric() ? "SYMMETRIC " : "");
            expr(out, b.low());
            out.append(" AND ");
            expr(out, b.high());
            out.append(')');
        } else if (e instanceof InList in) {
            out.append('(');
            expr(out, in.expr());
            out.append(in.negated() ? " NOT IN (" : " IN (");
            list(out, in.values());
            out.append("))");
        } else if (e instanceof InSubquery in) {
            out.append('(');
            expr(out, in.expr());
            out.append(in.negated() ? " NOT IN (" : " IN (");
            QueryPrinter.query(out, in.query());
            out.append("))");
        } else if (e instanceof Like l) {
            out.append('(');
            expr(out, l.expr());
            out.append(l.negated() ? " NOT " : " ")
                    .append(l.kind() == Like.Kind.SIMILAR ? "SIMILAR TO" : l.kind().name()).append(' ');
            expr(out, l.pattern());
            if (l.escape() != null) {
                out.append(" ESCAPE ");
                expr(out, l.escape());
            }
            out.append(')');
        } else {
            special(out, e);
        }
    }

    private static void special(StringBuilder out, Expr e) {
        if (e instanceof CaseExpr c) {
            out.append("CASE");
            if (c.operand() != null) {
                out.append(' ');
                expr(out, c.operand());
            }
            for (CaseExpr.When w : c.whens()) {
                out.append(" WHEN ");
                expr(out, w.condition());
                out.append(" THEN ");
                expr(out, w.result());
            }
            if (c.elseResult() != null) {
                out.append(" ELSE ");
                expr(out, c.elseResult());
            }
            out.append(" END");
        } else if (e instanceof Cast c) {
            out.append("CAST(");
            expr(out, c.expr());
            out.append(" AS ");
            typeName(out, c.type());
            out.append(')');
        } else if (e instanceof FunctionCall f) {
            functionCall(out, f);
        } else if (e instanceof NamedArgument n) {
            out.append(SqlNames.quote(n.name())).append(" => ");
            expr(out, n.value());
        } else if (e instanceof Exists x) {
            out.append("EXISTS (");
            QueryPrinter.query(out, x.query());
            out.append(')');
        } else if (e instanceof ScalarSubquery s) {
            out.append('(');
            QueryPrinter.query(out, s.query());
            out.append(')');
        } else if (e instanceof ArraySubquery a) {
            out.append("ARRAY(");
            QueryPrinter.query(out, a.query());
            out.append(')');
        } else if (e instanceof QuantifiedComparison q) {
            out.append('(');
            expr(out, q.left());
            out.append(' ').append(q.operator()).append(' ').append(q.quantifier().name()).append(" (");
            if (q.subquery() != null) {
                QueryPrinter.query(out, q.subquery());
            } else {
                expr(out, q.array());
            }
            out.append("))");
        } else if (e instanceof ArrayConstructor a) {
            out.append("ARRAY[");
            list(out, a.elements());
            out.append(']');
        } else if (e instanceof Subscript s) {
            out.append('(');
            expr(out, s.base());
            out.append(")[");
            if (s.lower() != null) {
                expr(out, s.lower());
            }
            if (s.slice()) {
                out.append(':');
                if (s.upper() != null) {
                    expr(out, s.upper());
                }
            }
            out.append(']');
        } else if (e instanceof FieldSelection f) {
            out.append('(');
            expr(out, f.base());
            out.append(").").append(f.field().equals("*") ? "*" : SqlNames.quoteLabel(f.field()));
        } else if (e instanceof RowConstructor r) {
            out.append(r.explicitRow() || r.fields().size() < 2 ? "ROW(" : "(");
            list(out, r.fields());
            out.append(')');
        } else {
            sqlFunction(out, e);
        }
    }

    private static void sqlFunction(StringBuilder out, Expr e) {
        if (e instanceof Extract x) {
            String field = x.field();
            boolean bare = SqlNames.isSimple(field) && (!Keywords.isKeyword(field)
                    || Set.of("year", "month", "day", "hour", "minute", "second").contains(field));
            out.append("EXTRACT(").append(bare ? field : SqlNames.string(field)).append(" FROM ");
            expr(out, x.source());
            out.append(')');
        } else if (e instanceof Substring s) {
            out.append("SUBSTRING(");
            expr(out, s.string());
            if (s.start() != null) {
                out.append(" FROM ");
                expr(out, s.start());
            }
            if (s.length() != null) {
                out.append(" FOR ");
                expr(out, s.length());
            }
            out.append(')');
        } else if (e instanceof Position p) {
            out.append("POSITION(");
            expr(out, p.substring());
            out.append(" IN ");
            expr(out, p.string());
            out.append(')');
        } else if (e instanceof Trim t) {
            out.append("TRIM(").append(t.side().name()).append(' ');
            if (t.characters() != null) {
                expr(out, t.characters());
                out.append(' ');
            }
            out.append("FROM ");
            expr(out, t.string());
            out.append(')');
        } else if (e instanceof Overlay o) {
            out.append("OVERLAY(");
            expr(out, o.string());
            out.append(" PLACING ");
            expr(out, o.replacement());
            out.append(" FROM ");
            expr(out, o.start());
            if (o.length() != null) {
                out.append(" FOR ");
                expr(out, o.length());
            }
            out.append(')');
        } else if (e instanceof SqlValueFunction f) {
            out.append(f.name().toUpperCase());
            if (f.precision() != null) {
                out.append('(').append(f.precision()).append(')');
            }
        } else if (e instanceof Collate c) {
            out.append('(');
            expr(out, c.expr());
            out.append(" COLLATE ").append(SqlNames.qualified(c.collation().parts())).append(')');
        } else if (e instanceof AtTimeZone a) {
            out.append('(');
            expr(out, a.expr());
            out.append(" AT TIME ZONE ");
            expr(out, a.zone());
            out.append(')');
        } else if (e instanceof GroupingSet s) {
            switch (s.kind()) {
                case EMPTY:
                    out.append("()");
                    return;
                case ROLLUP:
                    out.append("ROLLUP (");
                    break;
                case CUBE:
                    out.append("CUBE (");
                    break;
                default:
                    out.append("GROUPING SETS (");
                    break;
            }
            list(out, s.items());
            out.append(')');
        } else {
            throw new IllegalArgumentException("unknown expression " + e.getClass().getSimpleName());
        }
    }

    private static void typedLiteral(StringBuilder out, TypedLiteral t) {
        TypeName type = t.type();
        if (type.names().size() == 1 && type.baseName().equals("interval") && type.intervalFields() != null) {
            out.append("interval ").append(SqlNames.string(t.value())).append(' ').append(type.intervalFields());
            if (!type.modifiers().isEmpty()) {
                out.append('(');
                list(out, type.modifiers());
                out.append(')');
            }
            return;
        }
        typeName(out, type);
        out.append(' ').append(SqlNames.string(t.value()));
    }

    static void functionCall(StringBuilder out, FunctionCall f) {
        QualifiedName name = f.name();
        if (name.parts().size() == 1) {
            String n = name.last();
            KeywordCategory c = Keywords.category(n);
            boolean bare = SqlNames.isSimple(n) && (c == null || c == KeywordCategory.UNRESERVED
                    || c == KeywordCategory.TYPE_FUNC_NAME || BARE_FUNCTIONS.contains(n));
            out.append(bare ? n : SqlNames.forceQuote(n));
        } else {
            out.append(SqlNames.qualified(name.parts()));
        }
        out.append('(');
        if (f.star()) {
            out.append('*');
        } else {
            if (f.distinct()) {
                out.append("DISTINCT ");
            }
            for (int i = 0; i < f.args().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                if (f.variadic() && i == f.args().size() - 1) {
                    out.append("VARIADIC ");
                }
                expr(out, f.args().get(i));
            }
            if (!f.orderBy().isEmpty() && !f.withinGroup()) {
                out.append(" ORDER BY ");
                orderItems(out, f.orderBy());
            }
        }
        out.append(')');
        if (f.withinGroup()) {
            out.append(" WITHIN GROUP (ORDER BY ");
            orderItems(out, f.orderBy());
            out.append(')');
        }
        if (f.filter() != null) {
            out.append(" FILTER (WHERE ");
            expr(out, f.filter());
            out.append(')');
        }
        if (f.over() != null) {
            out.append(" OVER ");
            windowSpec(out, f.over());
        } else if (f.windowName() != null) {
            out.append(" OVER ").append(SqlNames.quote(f.windowName()));
        }
    }

    static void list(StringBuilder out, List<? extends Expr> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            expr(out, items.get(i));
        }
    }

    static void typeName(StringBuilder out, TypeName t) {
        String base = t.names().size() == 1 ? t.baseName() : null;
        String suffix = "";
        if (base != null && KEYWORD_TYPES.contains(base)) {
            if (base.endsWith(" time zone")) {
                int space = base.indexOf(' ');
                suffix = base.substring(space);
                base = base.substring(0, space);
            }
            out.append(base);
        } else if (base != null && TypeNameParser.isTypeKeyword(base)) {
            out.append(SqlNames.forceQuote(base));
        } else {
            out.append(SqlNames.qualified(t.names()));
        }
        if (t.intervalFields() != null) {
            out.append(' ').append(t.intervalFields());
        }
        if (!t.modifiers().isEmpty()) {
            out.append('(');
            list(out, t.modifiers());
            out.append(')');
        }
        out.append(suffix);
        for (int bound : t.arrayBounds()) {
            out.append('[');
            if (bound >= 0) {
                out.append(bound);
            }
            out.append(']');
        }
    }

    static void orderItems(StringBuilder out, List<OrderItem> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            OrderItem item = items.get(i);
            expr(out, item.expr());
            switch (item.direction()) {
                case ASC:
                    out.append(" ASC");
                    break;
                case DESC:
                    out.append(" DESC");
                    break;
                case USING:
                    out.append(" USING ").append(item.usingOperator());
                    break;
                default:
                    break;
            }
            if (item.nulls() != OrderItem.NullOrdering.DEFAULT) {
                out.append(" NULLS ").append(item.nulls().name());
            }
        }
    }

    static void windowSpec(StringBuilder out, WindowSpec w) {
        out.append('(');
        String sep = "";
        if (w.refName() != null) {
            String ref = w.refName();
            boolean clash = ref.equals("partition") || ref.equals("range") || ref.equals("rows")
                    || ref.equals("groups");
            out.append(clash ? SqlNames.forceQuote(ref) : SqlNames.quote(ref));
            sep = " ";
        }
        if (!w.partitionBy().isEmpty()) {
            out.append(sep).append("PARTITION BY ");
            list(out, w.partitionBy());
            sep = " ";
        }
        if (!w.orderBy().isEmpty()) {
            out.append(sep).append("ORDER BY ");
            orderItems(out, w.orderBy());
            sep = " ";
        }
        WindowFrame f = w.frame();
        if (f != null) {
            out.append(sep).append(f.unit().name()).append(' ');
            if (f.end() != null) {
                out.append("BETWEEN ");
                frameBound(out, f.start());
                out.append(" AND ");
                frameBound(out, f.end());
            } else {
                frameBound(out, f.start());
            }
            if (f.exclusion() != WindowFrame.Exclusion.NO_OTHERS) {
                out.append(" EXCLUDE ").append(f.exclusion().name().replace('_', ' '));
            }
        }
        out.append(')');
    }

    private static void frameBound(StringBuilder out, WindowFrame.Bound b) {
        switch (b.type()) {
            case UNBOUNDED_PRECEDING:
                out.append("UNBOUNDED PRECEDING");
                break;
            case UNBOUNDED_FOLLOWING:
                out.append("UNBOUNDED FOLLOWING");
                break;
            case CURRENT_ROW:
                out.append("CURRENT ROW");
                break;
            case PRECEDING:
                expr(out, b.offset());
                out.append(" PRECEDING");
                break;
            default:
                expr(out, b.offset());
                out.append(" FOLLOWING");
                break;
        }
    }
}
