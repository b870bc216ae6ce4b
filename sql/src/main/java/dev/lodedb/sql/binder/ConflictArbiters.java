package dev.lodedb.sql.binder;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.sql.ast.IndexElement;
import dev.lodedb.sql.ast.OnConflict;
import dev.lodedb.sql.parser.AstPrinter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Infers the arbiters of {@code INSERT ... ON CONFLICT} as PostgreSQL does
 * ({@code infer_arbiter_indexes}): with {@code ON CONSTRAINT name}, that constraint; with a target
 * {@code (columns | (expressions)) [WHERE predicate]}, every unique constraint whose key is exactly
 * that set (a partial unique index only when the target's WHERE is its predicate); without a
 * target, every unique constraint of the table. Thread-safe (stateless).
 */
final class ConflictArbiters {
    /**
     * The inferred arbiters.
     *
     * @param primaryKey whether the primary key is one
     * @param indexes ids of the unique indexes that are
     */
    record Arbiters(boolean primaryKey, List<Integer> indexes) {
    }

    private ConflictArbiters() {
    }

    /**
     * @throws SqlException 42P10 when no unique constraint matches a target (or the table has
     *     none for DO UPDATE), 42704 for an unknown constraint name
     */
    static Arbiters infer(Catalog catalog, TableDef t, OnConflict oc) {
        List<IndexDef> unique = new ArrayList<>();
        for (IndexDef ix : catalog.indexesOf(t.id())) {
            if (ix.unique()) {
                unique.add(ix);
            }
        }
        boolean hasPk = !t.hasHiddenRowId();
        if (oc.constraint() != null) {
            if (hasPk && oc.constraint().equals(t.name() + "_pkey")) {
                return new Arbiters(true, List.of());
            }
            for (IndexDef ix : unique) {
                if (ix.name().equals(oc.constraint())) {
                    return new Arbiters(false, List.of(ix.id()));
                }
            }
            throw new SqlException(SqlException.UNDEFINED_OBJECT, "constraint \"" + oc.constraint()
                    + "\" for table \"" + t.name() + "\" does not exist", null, null, oc.position() + 1, null);
        }
        if (oc.target().isEmpty()) {
            List<Integer> ids = new ArrayList<>();
            unique.forEach(ix -> ids.add(ix.id()));
            if (!hasPk && ids.isEmpty() && oc.doUpdate()) {
                throw noMatch(oc);
            }
            return new Arbiters(hasPk, ids);
        }
        Set<String> target = new HashSet<>();
        for (IndexElement el : oc.target()) {
            target.add(el.column() != null ? "c:" + el.column() : "e:" + AstPrinter.print(el.expression()));
        }
        String where = oc.targetWhere() == null ? null : AstPrinter.print(oc.targetWhere());
        boolean pk = false;
        if (hasPk && oc.targetWhere() == null) {
            Set<String> pkCols = new HashSet<>();
            for (int id : t.primaryKey()) {
                pkCols.add("c:" + column(t, id).name());
            }
            pk = pkCols.equals(target);
        }
        List<Integer> ids = new ArrayList<>();
        for (IndexDef ix : unique) {
            Set<String> keys = new HashSet<>();
            for (IndexDef.Key k : ix.keys()) {
                keys.add(k.isExpression() ? "e:" + k.expression() : "c:" + column(t, k.columnId()).name());
            }
            if (keys.equals(target) && (!ix.isPartial() || ix.predicate().equals(where))) {
                ids.add(ix.id());
            }
        }
        if (!pk && ids.isEmpty()) {
            throw noMatch(oc);
        }
        return new Arbiters(pk, ids);
    }

    private static SqlException noMatch(OnConflict oc) {
        return new SqlException("42P10", "there is no unique or exclusion constraint matching the ON CONFLICT "
                + "specification", null, null, oc.position() + 1, null);
    }

    private static ColumnDef column(TableDef t, int id) {
        return t.columns().get(IndexBinder.position(t, id));
    }
}
