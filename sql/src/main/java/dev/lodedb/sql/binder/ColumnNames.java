package dev.lodedb.sql.binder;

import dev.lodedb.sql.ast.CaseExpr;
import dev.lodedb.sql.ast.Cast;
import dev.lodedb.sql.ast.ColumnRef;
import dev.lodedb.sql.ast.Exists;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.Extract;
import dev.lodedb.sql.ast.FunctionCall;
import dev.lodedb.sql.ast.Position;
import dev.lodedb.sql.ast.SqlValueFunction;
import dev.lodedb.sql.ast.Substring;
import dev.lodedb.sql.ast.Trim;
import dev.lodedb.sql.ast.TypedLiteral;

/**
 * The label PostgreSQL gives an unaliased select-list expression ({@code FigureColname} in
 * {@code parse_target.c}): a column's name, a function's name, a cast's target type name, or
 * {@code ?column?}. Thread-safe (stateless).
 */
final class ColumnNames {
    private ColumnNames() {
    }

    static String of(Expr e) {
        if (e instanceof ColumnRef c) {
            return c.name();
        }
        if (e instanceof FunctionCall f) {
            return f.name().last();
        }
        if (e instanceof Cast c) {
            String inner = of(c.expr());
            return inner.equals("?column?") ? typeLabel(c.type()) : inner;
        }
        if (e instanceof TypedLiteral t) {
            return typeLabel(t.type());
        }
        if (e instanceof CaseExpr) {
            return "case";
        }
        if (e instanceof Exists) {
            return "exists";
        }
        if (e instanceof Extract) {
            return "extract";
        }
        if (e instanceof Substring) {
            return "substring";
        }
        if (e instanceof Position) {
            return "position";
        }
        if (e instanceof Trim t) {
            return switch (t.side()) {
                case BOTH -> "btrim";
                case LEADING -> "ltrim";
                case TRAILING -> "rtrim";
            };
        }
        if (e instanceof SqlValueFunction v) {
            return v.name().toLowerCase();
        }
        return "?column?";
    }

    private static String typeLabel(dev.lodedb.sql.ast.TypeName t) {
        try {
            return TypeResolver.resolve(t).id().typname();
        } catch (RuntimeException ex) {
            return t.baseName();
        }
    }
}
