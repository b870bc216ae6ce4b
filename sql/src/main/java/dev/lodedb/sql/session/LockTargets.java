package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.catalog.ViewDef;
import dev.lodedb.sql.ast.CommonTableExpr;
import dev.lodedb.sql.ast.FunctionTable;
import dev.lodedb.sql.ast.JoinRef;
import dev.lodedb.sql.ast.LockingClause;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.QueryBody;
import dev.lodedb.sql.ast.Select;
import dev.lodedb.sql.ast.SetOperation;
import dev.lodedb.sql.ast.SubqueryRef;
import dev.lodedb.sql.ast.TableName;
import dev.lodedb.sql.ast.TableRef;
import dev.lodedb.sql.ast.ValuesQuery;
import dev.lodedb.sql.parser.Parser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which tables a query's locking clauses ({@code FOR UPDATE | NO KEY UPDATE | SHARE | KEY SHARE
 * [OF name, ...] [NOWAIT | SKIP LOCKED]}) lock, and how, decided on the query's syntax as
 * PostgreSQL's {@code transformLockingClause} does:
 * <ul>
 *   <li>a clause without OF locks every table the query reads in its FROM clause, through joins,
 *       subqueries and views in FROM, but not WITH queries (PostgreSQL does not lock them) nor
 *       subqueries in WHERE or the select list;
 *   <li>an OF name is a FROM item's alias (or a table's name when it has none): a table, or a
 *       subquery or view in FROM, whose tables are all locked; a join's alias is refused with
 *       0A000 {@code FOR UPDATE cannot be applied to a join}, a function's with 0A000, an unknown
 *       name with 42P01 {@code relation "x" in FOR UPDATE clause not found in FROM clause}, a
 *       qualified one with 42601;
 *   <li>a table named by several clauses gets the strongest strength and the strongest wait
 *       policy (NOWAIT over SKIP LOCKED over waiting).
 * </ul>
 * The query's own shape is checked first, with PostgreSQL's messages and order: 0A000 {@code FOR
 * UPDATE is not allowed with UNION/INTERSECT/EXCEPT}, {@code ... with DISTINCT clause}, {@code ...
 * with GROUP BY clause}, {@code ... with HAVING clause}, and {@code FOR UPDATE cannot be applied
 * to VALUES}, {@code SKIP LOCKED and WITH TIES options cannot be used together}; aggregates and
 * window functions are found in the plan. Immutable once built.
 */
final class LockTargets {

    /** How the rows of a table are locked: strength, wait policy, and the clause (for errors). */
    record Mode(LockingClause.Strength strength, LockingClause.WaitPolicy waitPolicy, int position) {
        /** @return whether the lock is exclusive (UPDATE, NO KEY UPDATE) rather than shared */
        boolean exclusive() {
            return strength == LockingClause.Strength.UPDATE || strength == LockingClause.Strength.NO_KEY_UPDATE;
        }

        /** @return {@code FOR UPDATE}, {@code FOR NO KEY UPDATE}, {@code FOR SHARE} or {@code FOR KEY SHARE} */
        String sql() {
            return LockTargets.sql(strength);
        }

        /** @return the stronger strength and wait policy of the two, as PostgreSQL's applyLockingClause */
        Mode merge(Mode o) {
            if (o == null) {
                return this;
            }
            LockingClause.Strength s = strength.ordinal() <= o.strength.ordinal() ? strength : o.strength;
            LockingClause.WaitPolicy w = rank(waitPolicy) >= rank(o.waitPolicy) ? waitPolicy : o.waitPolicy;
            return new Mode(s, w, strength == s ? position : o.position);
        }

        private static int rank(LockingClause.WaitPolicy w) {
            return w == LockingClause.WaitPolicy.WAIT ? 0 : w == LockingClause.WaitPolicy.SKIP_LOCKED ? 1 : 2;
        }
    }

    private final Mode all;
    private final Set<Integer> fromTables;
    private final Map<Integer, Mode> byTable;
    private final Map<Integer, Integer> namedReferences;

    private LockTargets(Mode all, Set<Integer> fromTables, Map<Integer, Mode> byTable,
            Map<Integer, Integer> namedReferences) {
        this.all = all;
        this.fromTables = fromTables;
        this.byTable = byTable;
        this.namedReferences = namedReferences;
    }

    /** @return the mode of the clauses without OF (every table read in FROM), or {@code null} */
    Mode all() {
        return all;
    }

    /** @return how the rows of {@code t} are locked, or {@code null} when they are not */
    Mode modeOf(TableDef t) {
        Mode everyTable = all != null && fromTables.contains(t.id()) ? all : null;
        Mode named = byTable.get(t.id());
        return named == null ? everyTable : named.merge(everyTable);
    }

    /** @return how many references to table {@code tableId} the OF lists name (0 without OF) */
    int namedReferences(int tableId) {
        return namedReferences.getOrDefault(tableId, 0);
    }

    /**
     * @param q a query with at least one locking clause
     * @param cat the catalog the query is bound against
     * @return the tables to lock
     * @throws SqlException 0A000 for a query shape PostgreSQL refuses, SKIP LOCKED with WITH TIES, or
     *     an OF name of a join, function, WITH query or VALUES; 42P01 for an OF name not in FROM;
     *     42601 for a qualified OF name
     */
    static LockTargets of(Query q, Catalog cat) {
        LockingClause first = q.locking().get(0);
        for (LockingClause c : q.locking()) {
            if (q.withTies() && c.waitPolicy() == LockingClause.WaitPolicy.SKIP_LOCKED) {
                throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED,
                        "SKIP LOCKED and WITH TIES options cannot be used together", null, null, c.position() + 1,
                        null);
            }
        }
        Set<String> ctes = new java.util.HashSet<>();
        QueryBody body = q;
        while (body instanceof Query inner) { // (SELECT ...) FOR UPDATE: the parenthesized query's FROM
            if (inner.with() != null) {
                for (CommonTableExpr c : inner.with().ctes()) {
                    ctes.add(c.name());
                }
            }
            body = inner.body();
        }
        checkShape(body, first);
        Map<String, TableRef> namespace = new HashMap<>();
        List<TableDef> read = new ArrayList<>();
        for (TableRef ref : ((Select) body).from()) {
            visible(ref, namespace);
            tablesOf(ref, cat, ctes, read, 0);
        }
        Set<Integer> fromTables = new java.util.HashSet<>();
        read.forEach(t -> fromTables.add(t.id()));
        Mode all = null;
        Map<Integer, Mode> byTable = new HashMap<>();
        Map<Integer, Integer> named = new HashMap<>();
        for (LockingClause c : q.locking()) {
            Mode mode = new Mode(c.strength(), c.waitPolicy(), c.position());
            if (c.tables().isEmpty()) {
                all = mode.merge(all);
                continue;
            }
            for (QualifiedName n : c.tables()) {
                if (n.parts().size() > 1) {
                    throw new SqlException(SqlException.SYNTAX_ERROR, sql(c.strength())
                            + " must specify unqualified relation names", null, null, n.position() + 1, null);
                }
                TableRef ref = namespace.get(n.last());
                if (ref == null) {
                    throw new SqlException(SqlException.UNDEFINED_TABLE, "relation \"" + n.last() + "\" in "
                            + sql(c.strength()) + " clause not found in FROM clause", null, null, n.position() + 1,
                            null);
                }
                if (ref instanceof JoinRef) {
                    throw cannot(c, "a join", n);
                }
                if (ref instanceof FunctionTable) {
                    throw cannot(c, "a function", n);
                }
                if (ref instanceof TableName t && t.name().parts().size() == 1 && ctes.contains(t.name().last())) {
                    throw cannot(c, "a WITH query", n);
                }
                if (ref instanceof SubqueryRef s && s.query().body() instanceof ValuesQuery) {
                    throw cannot(c, "VALUES", n);
                }
                List<TableDef> tables = new ArrayList<>();
                tablesOf(ref, cat, ctes, tables, 0);
                for (TableDef t : tables) {
                    byTable.put(t.id(), mode.merge(byTable.get(t.id())));
                    named.merge(t.id(), 1, Integer::sum);
                }
            }
        }
        return new LockTargets(all, fromTables, byTable, named);
    }

    /** @throws SqlException 0A000 for set operations, DISTINCT, GROUP BY, HAVING and VALUES */
    private static void checkShape(QueryBody body, LockingClause c) {
        if (body instanceof SetOperation) {
            throw notAllowed(c, "UNION/INTERSECT/EXCEPT");
        }
        if (body instanceof ValuesQuery) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, sql(c.strength())
                    + " cannot be applied to VALUES", null, null, c.position() + 1, null);
        }
        Select s = (Select) body;
        if (s.distinct()) {
            throw notAllowed(c, "DISTINCT clause");
        }
        if (!s.groupBy().isEmpty()) {
            throw notAllowed(c, "GROUP BY clause");
        }
        if (s.having() != null) {
            throw notAllowed(c, "HAVING clause");
        }
    }

    /** Adds the names a FROM item makes visible; a join's children are hidden by the join's alias. */
    private static void visible(TableRef ref, Map<String, TableRef> namespace) {
        if (ref instanceof JoinRef j) {
            if (j.alias() != null) {
                namespace.putIfAbsent(j.alias().name(), j);
                return;
            }
            if (j.usingAlias() != null) {
                namespace.putIfAbsent(j.usingAlias(), j);
            }
            visible(j.left(), namespace);
            visible(j.right(), namespace);
            return;
        }
        if (ref.alias() != null) {
            namespace.putIfAbsent(ref.alias().name(), ref);
        } else if (ref instanceof TableName t) {
            namespace.putIfAbsent(t.name().last(), ref);
        }
    }

    /**
     * Collects the tables a FROM item reads: itself, or those of a subquery's or view's FROM items;
     * not the WITH queries named {@code ctes}.
     */
    private static void tablesOf(TableRef ref, Catalog cat, Set<String> ctes, List<TableDef> out, int depth) {
        if (depth > 64) {
            return; // a view defined over itself cannot exist; this only bounds the recursion
        }
        if (ref instanceof JoinRef j) {
            tablesOf(j.left(), cat, ctes, out, depth + 1);
            tablesOf(j.right(), cat, ctes, out, depth + 1);
        } else if (ref instanceof SubqueryRef s) {
            tablesOf(s.query(), cat, ctes, out, depth + 1);
        } else if (ref instanceof TableName t) {
            List<String> parts = t.name().parts();
            if (parts.size() == 1 && ctes.contains(parts.get(0))) {
                return;
            }
            String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : Catalog.PUBLIC;
            TableDef table = cat.table(schema, t.name().last());
            if (table != null) {
                out.add(table);
                return;
            }
            ViewDef v = cat.view(schema, t.name().last());
            if (v != null) {
                tablesOf((Query) Parser.parse(v.sql()), cat, Set.of(), out, depth + 1);
            }
        }
    }

    private static void tablesOf(QueryBody body, Catalog cat, Set<String> ctes, List<TableDef> out, int depth) {
        if (body instanceof Query q) {
            tablesOf(q.body(), cat, ctes, out, depth + 1);
        } else if (body instanceof Select s) {
            for (TableRef r : s.from()) {
                tablesOf(r, cat, ctes, out, depth);
            }
        } else if (body instanceof SetOperation o) {
            tablesOf(o.left(), cat, ctes, out, depth);
            tablesOf(o.right(), cat, ctes, out, depth);
        }
    }

    /** @return {@code FOR UPDATE}, {@code FOR NO KEY UPDATE}, {@code FOR SHARE} or {@code FOR KEY SHARE} */
    static String sql(LockingClause.Strength strength) {
        return switch (strength) {
            case UPDATE -> "FOR UPDATE";
            case NO_KEY_UPDATE -> "FOR NO KEY UPDATE";
            case SHARE -> "FOR SHARE";
            default -> "FOR KEY SHARE";
        };
    }

    /** @return 0A000 {@code FOR UPDATE is not allowed with <what>} */
    static SqlException notAllowed(LockingClause c, String what) {
        return new SqlException(SqlException.FEATURE_NOT_SUPPORTED, sql(c.strength()) + " is not allowed with "
                + what, null, null, c.position() + 1, null);
    }

    private static SqlException cannot(LockingClause c, String what, QualifiedName n) {
        return new SqlException(SqlException.FEATURE_NOT_SUPPORTED, sql(c.strength()) + " cannot be applied to "
                + what, null, null, n.position() + 1, null);
    }
}
