package dev.lodedb.sql.binder;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.plan.BoundExpr;
import java.util.ArrayList;
import java.util.List;

/**
 * The names visible to expressions of one query level: the columns of its FROM clause, each with
 * the qualifier (table alias) it can be named by, and the scope of the enclosing query for
 * correlated references. When the query groups, the scope also holds the group keys: a column
 * reference then resolves to the key it equals, and any other column is an error (42803).
 *
 * <p>Not thread-safe; lives for one bind.
 */
final class Scope {
    /**
     * One visible column.
     *
     * @param qualifier the alias or table name that qualifies it, or {@code null}
     * @param name the column name
     * @param type its type
     * @param index its position in the input row
     * @param hidden whether it is left out of {@code *} and unqualified lookups (the right-hand
     *     copy of a USING column)
     * @param tableId the table it comes from, or 0
     * @param columnId the column id in that table, or -1
     */
    record Entry(String qualifier, String name, DataType type, int index, boolean hidden, int tableId, int columnId) {
    }

    /**
     * A resolved name: how many query levels out it was found (0 = this one), the scope that has
     * it, and the expression for it.
     */
    record Resolution(int depth, Scope found, BoundExpr expr) {
    }

    final Scope outer;
    final List<Entry> entries;
    /** The GROUP BY keys over {@link #entries}, or {@code null} when the query does not group. */
    List<BoundExpr> groupKeys;
    /** Set when an expression inside this scope referenced a column of an enclosing scope. */
    boolean correlated;
    /**
     * A transparent scope has no columns and is not a query level (it does not count in {@link
     * BoundExpr.OuterRef#depth()}); it marks the boundary of a subquery to detect correlation.
     */
    boolean transparent;

    Scope(Scope outer, List<Entry> entries) {
        this.outer = outer;
        this.entries = new ArrayList<>(entries);
    }

    /** @return a scope with no columns (SELECT without FROM) */
    static Scope empty(Scope outer) {
        return new Scope(outer, List.of());
    }

    /** @return a transparent boundary scope around {@code outer} */
    static Scope boundary(Scope outer) {
        Scope s = new Scope(outer, List.of());
        s.transparent = true;
        return s;
    }

    /**
     * Resolves a column reference of 1 to 3 parts ({@code c}, {@code t.c}, {@code s.t.c}).
     *
     * @return the resolution, or {@code null} if no scope has the name
     * @throws SqlException 42702 if the name is ambiguous, 42803 if it names an ungrouped column
     */
    Resolution resolve(List<String> names, int position) {
        String column = names.get(names.size() - 1);
        String qualifier = names.size() >= 2 ? names.get(names.size() - 2) : null;
        int depth = 0;
        for (Scope s = this; s != null; s = s.outer) {
            if (s.transparent) {
                continue;
            }
            Entry found = s.find(qualifier, column, position);
            if (found != null) {
                BoundExpr e = s.grouped(found, position);
                if (depth > 0) {
                    e = toOuter(e, depth);
                }
                return new Resolution(depth, s, e);
            }
            depth++;
        }
        return null;
    }

    private static BoundExpr toOuter(BoundExpr e, int depth) {
        BoundExpr.ColumnRef c = (BoundExpr.ColumnRef) e;
        return new BoundExpr.OuterRef(depth, c.index(), c.type(), c.name());
    }

    /**
     * @return the reference to column {@code e} of this scope, or to the group key it equals
     * @throws SqlException 42803 if the query groups and {@code e} is not a key
     */
    BoundExpr grouped(Entry e, int position) {
        BoundExpr ref = new BoundExpr.ColumnRef(e.index, e.type, e.name);
        if (groupKeys == null) {
            return ref;
        }
        for (int i = 0; i < groupKeys.size(); i++) {
            if (groupKeys.get(i) instanceof BoundExpr.ColumnRef c && c.index() == e.index) {
                return new BoundExpr.ColumnRef(i, e.type, e.name);
            }
        }
        String q = e.qualifier == null ? "" : e.qualifier + ".";
        throw new SqlException("42803", "column \"" + q + e.name
                + "\" must appear in the GROUP BY clause or be used in an aggregate function", null, null,
                position + 1, null);
    }

    /** @return whether {@code qualifier} names a relation of this scope (not the outer ones) */
    boolean hasQualifier(String qualifier) {
        for (Entry e : entries) {
            if (qualifier.equals(e.qualifier)) {
                return true;
            }
        }
        return false;
    }

    private Entry find(String qualifier, String column, int position) {
        Entry found = null;
        for (Entry e : entries) {
            if (!e.name.equals(column)) {
                continue;
            }
            if (qualifier == null ? e.hidden : !qualifier.equals(e.qualifier)) {
                continue;
            }
            if (found != null) {
                throw new SqlException("42702", "column reference \"" + column + "\" is ambiguous", null, null,
                        position + 1, null);
            }
            found = e;
        }
        return found;
    }
}
