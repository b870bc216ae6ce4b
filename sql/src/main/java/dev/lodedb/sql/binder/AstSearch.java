package dev.lodedb.sql.binder;

import dev.lodedb.sql.ast.Node;
import dev.lodedb.sql.ast.Query;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.function.Predicate;

/**
 * Searches an AST expression for a node, without entering subqueries (which are other query
 * levels). Works on any AST record through its record components. Thread-safe (stateless).
 */
final class AstSearch {
    private AstSearch() {
    }

    /** @return whether {@code node} or a descendant outside subqueries satisfies {@code test} */
    static boolean any(Object node, Predicate<Object> test) {
        if (node == null || node instanceof Query) {
            return false;
        }
        if (node instanceof Collection<?> c) {
            for (Object o : c) {
                if (any(o, test)) {
                    return true;
                }
            }
            return false;
        }
        if (!(node instanceof Node)) {
            return false;
        }
        if (test.test(node)) {
            return true;
        }
        if (node instanceof Record r) {
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                Object child;
                try {
                    child = rc.getAccessor().invoke(r);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                if (child instanceof Node || child instanceof Collection) {
                    if (any(child, test)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
