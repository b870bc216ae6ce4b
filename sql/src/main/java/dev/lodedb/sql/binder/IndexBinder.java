package dev.lodedb.sql.binder;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.parser.Parser;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.BoundIndex;
import dev.lodedb.sql.plan.ExprRewriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds index expressions and partial-index predicates over the columns of their table (column
 * {@code i} of the scope is {@code table.columns().get(i)}, named by the column name or the table
 * name qualified), and checks what PostgreSQL requires of them: no subqueries (0A000), no
 * aggregate or window functions (42803, 42P20), no parameters (42P02), only immutable functions
 * (42P17), a boolean predicate (42804). Stored indexes are bound once per table version and
 * kept in a small least-recently-used cache. Thread-safe.
 */
public final class IndexBinder {
    /** Functions whose result depends on the transaction (PostgreSQL's STABLE): not allowed in an index. */
    private static final Set<String> STABLE = Set.of("now", "transaction_timestamp", "statement_timestamp",
            "current_date", "localtimestamp", "current_time", "localtime", "timeofday");
    /** Most bound indexes kept; the least recently used go first. */
    private static final int CACHE_SIZE = 1024;
    private static final Map<List<Object>, BoundIndex> CACHE = Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, BoundIndex> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    private IndexBinder() {
    }

    /**
     * Binds an expression over {@code table}'s columns.
     *
     * @param clause the clause for "not allowed in" errors ({@code index expressions}, {@code index predicates})
     * @param condition whether the result must be boolean (a predicate)
     * @return the bound expression; an unknown-typed literal becomes text
     * @throws SqlException on binding errors and the restrictions above
     */
    public static BoundExpr bind(TableDef table, Expr expr, String clause, boolean condition) {
        BindContext ctx = new BindContext(Catalog.empty(), List.of());
        List<Scope.Entry> entries = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            ColumnDef c = table.columns().get(i);
            entries.add(new Scope.Entry(table.name(), c.name(), c.type(), i, false, table.id(), c.id()));
        }
        ExpressionBinder b = new ExpressionBinder(ctx, new Scope(null, entries));
        b.clause = clause;
        BoundExpr e = condition ? b.bindCondition(expr, "WHERE") : b.bind(expr);
        if (!condition && e.type().id() == TypeId.UNKNOWN) {
            e = b.coerce(e, DataType.TEXT, expr.position());
        }
        int pos = expr.position() + 1;
        ExprRewriter.visit(e, x -> {
            if (x instanceof BoundExpr.Subquery) {
                throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "cannot use subquery in " + singular(clause),
                        null, null, pos, null);
            }
            if (x instanceof BoundExpr.Parameter p) {
                throw new SqlException("42P02", "there is no parameter $" + (p.index() + 1), null, null, pos, null);
            }
            if (x instanceof BoundExpr.Call c && (c.function().volatile_() || STABLE.contains(c.function().name()))) {
                throw new SqlException("42P17", "functions in " + singular(clause) + " must be marked IMMUTABLE",
                        null, null, pos, null);
            }
        });
        return e;
    }

    private static String singular(String clause) {
        return clause.endsWith("s") ? clause.substring(0, clause.length() - 1) : clause;
    }

    /**
     * @return the index bound over {@code table} (the catalog's current version of its table),
     *     from the cache when this table version bound it before
     * @throws SqlException XX001 when a stored expression no longer binds (a damaged catalog)
     */
    public static BoundIndex bind(TableDef table, IndexDef index) {
        List<Object> key = List.of(table, index);
        BoundIndex b = CACHE.get(key);
        if (b == null) {
            b = bindUncached(table, index);
            CACHE.put(key, b);
        }
        return b;
    }

    private static BoundIndex bindUncached(TableDef table, IndexDef index) {
        List<BoundExpr> keys = new ArrayList<>();
        try {
            for (IndexDef.Key k : index.keys()) {
                if (k.isExpression()) {
                    keys.add(bind(table, Parser.parseExpression(k.expression()), "index expressions", false));
                } else {
                    int pos = position(table, k.columnId());
                    ColumnDef c = table.columns().get(pos);
                    keys.add(new BoundExpr.ColumnRef(pos, c.type(), c.name()));
                }
            }
            BoundExpr predicate = index.predicate() == null ? null
                    : bind(table, Parser.parseExpression(index.predicate()), "index predicates", true);
            return new BoundIndex(index, table, keys, predicate);
        } catch (SqlException e) {
            throw new SqlException(SqlException.DATA_CORRUPTED, "index \"" + index.name()
                    + "\" cannot be bound over table \"" + table.name() + "\": " + e.getMessage(), e);
        }
    }

    /** @return the position in {@code table.columns()} of the column with id {@code id} */
    public static int position(TableDef table, int id) {
        for (int i = 0; i < table.columns().size(); i++) {
            if (table.columns().get(i).id() == id) {
                return i;
            }
        }
        throw new IllegalStateException("no column with id " + id + " in table " + table.name());
    }

    /** @return the bound indexes of {@code table} in {@code catalog}, in id order */
    public static List<BoundIndex> indexesOf(Catalog catalog, TableDef table) {
        List<IndexDef> defs = catalog.indexesOf(table.id());
        if (defs.isEmpty()) {
            return List.of();
        }
        List<BoundIndex> out = new ArrayList<>(defs.size());
        for (IndexDef d : defs) {
            out.add(bind(table, d));
        }
        return out;
    }
}
