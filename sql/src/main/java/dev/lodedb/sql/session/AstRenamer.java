package dev.lodedb.sql.session;

import dev.lodedb.sql.ast.ColumnRef;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.Node;
import dev.lodedb.sql.parser.AstPrinter;
import dev.lodedb.sql.parser.Parser;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.BoundIndex;
import dev.lodedb.sql.plan.ExprRewriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renames a column in stored SQL text (index expressions and predicates after RENAME COLUMN):
 * parses the text, replaces every column reference to the old name (bare or qualified by the
 * table name) in the syntax tree, and prints it again. Also prints the texts without the table
 * qualifier in the first place, so that RENAME TABLE leaves them valid. The tree is rebuilt generically through
 * the records' canonical constructors. Thread-safe (stateless).
 */
final class AstRenamer {
    private AstRenamer() {
    }

    /** @return {@code sql} with column {@code from} of table {@code table} renamed to {@code to} */
    static String rename(String sql, String table, String from, String to) {
        Object renamed = rewrite(Parser.parseExpression(sql), table, from, to);
        return AstPrinter.print((Node) renamed);
    }

    /**
     * @return the SQL text of {@code expr} with every column reference qualified by {@code table}
     *     made bare, so that the text survives a rename of the table
     */
    static String unqualified(Expr expr, String table) {
        return AstPrinter.print((Node) rewrite(expr, table, null, null));
    }

    /** Renames column {@code from} to {@code to}; with {@code from} null, drops {@code table} qualifiers. */
    private static Object rewrite(Object node, String table, String from, String to) {
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(rewrite(o, table, from, to));
            }
            return out;
        }
        if (node instanceof ColumnRef c) {
            List<String> names = c.names();
            int n = names.size();
            if (from == null) {
                return n > 1 && names.get(n - 2).equals(table) ? new ColumnRef(List.of(names.get(n - 1)), c.position())
                        : c;
            }
            if (names.get(n - 1).equals(from) && (n == 1 || names.get(n - 2).equals(table))) {
                List<String> copy = new ArrayList<>(names);
                copy.set(n - 1, to);
                return new ColumnRef(copy, c.position());
            }
            return c;
        }
        if (!(node instanceof Node) || !(node instanceof Record r)) {
            return node;
        }
        RecordComponent[] parts = r.getClass().getRecordComponents();
        Object[] args = new Object[parts.length];
        Class<?>[] types = new Class<?>[parts.length];
        boolean changed = false;
        try {
            for (int i = 0; i < parts.length; i++) {
                Object child = parts[i].getAccessor().invoke(r);
                args[i] = rewrite(child, table, from, to);
                types[i] = parts[i].getType();
                changed |= !Objects.equals(args[i], child);
            }
            if (!changed) {
                return node;
            }
            Constructor<?> k = r.getClass().getDeclaredConstructor(types);
            return k.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + r.getClass().getSimpleName(), e);
        }
    }

    /** @return whether two bindings of an index are the same expressions apart from column labels */
    static boolean sameShape(BoundIndex a, BoundIndex b) {
        if (a.keys().size() != b.keys().size()) {
            return false;
        }
        for (int i = 0; i < a.keys().size(); i++) {
            if (!strip(a.keys().get(i)).equals(strip(b.keys().get(i)))) {
                return false;
            }
        }
        return Objects.equals(strip(a.predicate()), strip(b.predicate()));
    }

    private static BoundExpr strip(BoundExpr e) {
        return e == null ? null : ExprRewriter.rewrite(e, x -> x instanceof BoundExpr.ColumnRef c
                ? new BoundExpr.ColumnRef(c.index(), c.type(), null) : null);
    }
}
