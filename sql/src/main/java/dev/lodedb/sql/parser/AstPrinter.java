package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.Constraint;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.Node;
import dev.lodedb.sql.ast.OrderItem;
import dev.lodedb.sql.ast.QueryBody;
import dev.lodedb.sql.ast.Statement;
import dev.lodedb.sql.ast.TableRef;
import dev.lodedb.sql.ast.TypeName;
import dev.lodedb.sql.ast.WindowSpec;
import java.util.List;

/**
 * Prints a syntax tree as canonical SQL: keywords in upper case, names quoted only when needed
 * (PostgreSQL's {@code quote_identifier} rule), every compound expression parenthesized
 * ({@code ((a + (b * c)) = d)}), every set-operation operand and join parenthesized, casts as
 * {@code CAST(x AS t)}, {@code LIMIT} for row limits and normalized option lists. Parsing the
 * output yields a tree equal to the printed one except for positions.
 *
 * <p>Used by tests to show how the parser grouped its input, and usable wherever SQL must be
 * regenerated from a tree (view definitions, EXPLAIN output).
 *
 * <p>Thread-safe (stateless).
 */
public final class AstPrinter {

    private AstPrinter() {
    }

    /**
     * @param node a statement, query body, expression, table reference, type name, sort item or
     *     window specification
     * @return its canonical SQL text
     * @throws IllegalArgumentException for other node kinds (such as a lone constraint's parts)
     */
    public static String print(Node node) {
        StringBuilder out = new StringBuilder(64);
        if (node instanceof Statement s) {
            StatementPrinter.statement(out, s);
        } else if (node instanceof QueryBody b) {
            QueryPrinter.body(out, b);
        } else if (node instanceof Expr e) {
            ExpressionPrinter.expr(out, e);
        } else if (node instanceof TableRef t) {
            QueryPrinter.tableRef(out, t);
        } else if (node instanceof TypeName t) {
            ExpressionPrinter.typeName(out, t);
        } else if (node instanceof OrderItem o) {
            ExpressionPrinter.orderItems(out, List.of(o));
        } else if (node instanceof WindowSpec w) {
            ExpressionPrinter.windowSpec(out, w);
        } else if (node instanceof Constraint c) {
            DdlPrinter.constraint(out, c);
        } else {
            throw new IllegalArgumentException("cannot print " + node.getClass().getSimpleName());
        }
        return out.toString();
    }
}
