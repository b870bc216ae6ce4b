package dev.lodedb.sql.binder;

import dev.lodedb.sql.ast.ArrayConstructor;
import dev.lodedb.sql.ast.ArraySubquery;
import dev.lodedb.sql.ast.CaseExpr;
import dev.lodedb.sql.ast.Cast;
import dev.lodedb.sql.ast.Collate;
import dev.lodedb.sql.ast.ColumnRef;
import dev.lodedb.sql.ast.Exists;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.Extract;
import dev.lodedb.sql.ast.FieldSelection;
import dev.lodedb.sql.ast.FunctionCall;
import dev.lodedb.sql.ast.Overlay;
import dev.lodedb.sql.ast.Position;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.QueryBody;
import dev.lodedb.sql.ast.RowConstructor;
import dev.lodedb.sql.ast.ScalarSubquery;
import dev.lodedb.sql.ast.Select;
import dev.lodedb.sql.ast.SelectItem;
import dev.lodedb.sql.ast.SetOperation;
import dev.lodedb.sql.ast.SqlValueFunction;
import dev.lodedb.sql.ast.Star;
import dev.lodedb.sql.ast.Subscript;
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
        Label l = label(e);
        return l == null ? "?column?" : l.name;
    }

    /** A name and how strongly it was chosen (PostgreSQL: 1 for a cast's type name, 2 otherwise). */
    private record Label(String name, int strength) {
    }

    /** @return the label of {@code e} as {@code FigureColnameInternal} computes it, or null for none */
    private static Label label(Expr e) {
        if (e instanceof ColumnRef c) {
            return new Label(c.name(), 2);
        }
        if (e instanceof FunctionCall f) {
            return new Label(f.name().last(), 2);
        }
        if (e instanceof Cast c) {
            // a cast is named after its operand unless the operand's own name is only a cast's
            // type name (or it has none): CAST('42'::int2 AS int8) is "int8"
            Label inner = label(c.expr());
            return inner == null || inner.strength <= 1 ? new Label(typeLabel(c.type()), 1) : inner;
        }
        if (e instanceof TypedLiteral t) {
            return new Label(typeLabel(t.type()), 1);
        }
        if (e instanceof Collate c) {
            return label(c.expr());
        }
        if (e instanceof FieldSelection f) {
            return new Label(f.field(), 2);
        }
        if (e instanceof Subscript s) {
            return label(s.base());
        }
        if (e instanceof ScalarSubquery q) {
            // the name of the subquery's single output column
            QueryBody b = q.query().body();
            while (b instanceof SetOperation so) {
                b = so.left();
            }
            while (b instanceof Query inner) {
                b = inner.body();
                while (b instanceof SetOperation so) {
                    b = so.left();
                }
            }
            if (b instanceof Select sel && !sel.targets().isEmpty() && !(sel.targets().get(0).expr() instanceof Star)) {
                SelectItem first = sel.targets().get(0);
                return new Label(first.alias() != null ? first.alias() : of(first.expr()), 2);
            }
            return null;
        }
        String fixed = null;
        if (e instanceof CaseExpr) {
            fixed = "case";
        } else if (e instanceof Exists) {
            fixed = "exists";
        } else if (e instanceof ArrayConstructor || e instanceof ArraySubquery) {
            fixed = "array";
        } else if (e instanceof RowConstructor) {
            fixed = "row";
        } else if (e instanceof Extract) {
            fixed = "extract";
        } else if (e instanceof Substring) {
            fixed = "substring";
        } else if (e instanceof Position) {
            fixed = "position";
        } else if (e instanceof Overlay) {
            fixed = "overlay";
        } else if (e instanceof Trim t) {
            fixed = switch (t.side()) {
                case BOTH -> "btrim";
                case LEADING -> "ltrim";
                case TRAILING -> "rtrim";
            };
        } else if (e instanceof SqlValueFunction v) {
            fixed = v.name().toLowerCase();
        }
        return fixed == null ? null : new Label(fixed, 2);
    }

    private static String typeLabel(dev.lodedb.sql.ast.TypeName t) {
        try {
            return TypeResolver.resolve(t).id().typname();
        } catch (RuntimeException ex) {
            return t.baseName();
        }
    }
}
