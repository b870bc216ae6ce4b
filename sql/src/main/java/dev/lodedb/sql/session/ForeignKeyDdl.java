package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.ForeignKeyDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.TableKeys;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.sql.ast.Constraint;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.storage.StoreIterator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DDL of FOREIGN KEY constraints, kept out of {@link DdlExecutor}: defining one from a column's
 * {@code REFERENCES} or a table's {@code FOREIGN KEY} (resolving, checking and naming it as
 * PostgreSQL does), validating the existing rows of ALTER TABLE ADD CONSTRAINT, and keeping the
 * constraints consistent when tables and columns are dropped. Runs under the database's write
 * lock; stateless helpers.
 */
final class ForeignKeyDdl {
    /** SQLSTATE 42830 invalid_foreign_key. */
    static final String INVALID_FOREIGN_KEY = "42830";

    private ForeignKeyDdl() {
    }

    /** @return a column's {@code REFERENCES} as the table constraint {@code FOREIGN KEY (column) REFERENCES ...} */
    static Constraint ofColumn(String column, Constraint k) {
        return new Constraint(k.name(), k.type(), List.of(column), null, k.references(), false, List.of(),
                k.deferrable(), k.initiallyDeferred(), k.position());
    }

    /**
     * Defines a foreign key of {@code child} (already in {@code cat}, with the columns it names).
     *
     * @throws SqlException 42P01 for an unknown referenced table, 42703 for an unknown column,
     *     42830 when the column counts differ or the referenced columns are not the primary key
     *     or a unique constraint's, 42804 for incomparable types, 42710 for a name in use,
     *     0A000 for MATCH PARTIAL and DEFERRABLE
     */
    static ForeignKeyDef define(Catalog cat, TableDef child, Constraint k) {
        Constraint.ForeignKey ref = k.references();
        if (ref.match() != null && ref.match().equalsIgnoreCase("partial")) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "MATCH PARTIAL not yet implemented", null,
                    null, ref.position() + 1, null);
        }
        boolean matchFull = ref.match() != null && ref.match().equalsIgnoreCase("full");
        if (k.deferrable() || k.initiallyDeferred()) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "DEFERRABLE foreign keys are not supported",
                    null, "Foreign keys are checked at the end of each statement.", k.position() + 1, null);
        }
        QualifiedName pn = ref.table();
        String schema = pn.parts().size() >= 2 ? pn.parts().get(pn.parts().size() - 2) : Catalog.PUBLIC;
        TableDef parent = cat.table(schema, pn.last());
        if (parent == null) {
            throw new SqlException(SqlException.UNDEFINED_TABLE, "relation \"" + pn.last() + "\" does not exist", null,
                    null, pn.position() + 1, null);
        }
        List<Integer> cols = new ArrayList<>();
        for (String c : k.columns()) {
            ColumnDef cd = child.column(c);
            if (cd == null) {
                throw new SqlException(SqlException.UNDEFINED_COLUMN, "column \"" + c
                        + "\" referenced in foreign key constraint does not exist", null, null, k.position() + 1, null);
            }
            cols.add(cd.id());
        }
        List<Integer> refs = new ArrayList<>();
        if (ref.columns().isEmpty()) {
            if (parent.hasHiddenRowId()) {
                throw new SqlException(INVALID_FOREIGN_KEY, "there is no primary key for referenced table \""
                        + parent.name() + "\"", null, null, ref.position() + 1, null);
            }
            refs.addAll(parent.primaryKey());
        } else {
            for (String c : ref.columns()) {
                ColumnDef cd = parent.column(c);
                if (cd == null) {
                    throw new SqlException(SqlException.UNDEFINED_COLUMN, "column \"" + c
                            + "\" referenced in foreign key constraint does not exist", null, null,
                            ref.position() + 1, null);
                }
                refs.add(cd.id());
            }
        }
        if (cols.size() != refs.size()) {
            throw new SqlException(INVALID_FOREIGN_KEY,
                    "number of referencing and referenced columns for foreign key disagree", null, null,
                    k.position() + 1, null);
        }
        if (!isUniqueKey(cat, parent, refs)) {
            throw new SqlException(INVALID_FOREIGN_KEY, "there is no unique constraint matching given keys for "
                    + "referenced table \"" + parent.name() + "\"", null, null, ref.position() + 1, null);
        }
        Set<String> taken = ConstraintDdl.constraintNames(cat, child);
        String name = k.name();
        if (name != null && taken.contains(name)) {
            throw new SqlException(ConstraintDdl.DUPLICATE_OBJECT, "constraint \"" + name + "\" for relation \""
                    + child.name() + "\" already exists", null, null, k.position() + 1, null);
        }
        if (name == null) {
            StringBuilder base = new StringBuilder(child.name());
            for (String c : k.columns()) {
                base.append('_').append(c);
            }
            String b = base.append("_fkey").toString();
            name = b;
            for (int i = 1; taken.contains(name) || cat.hasRelation(child.schema(), name); i++) {
                name = b + i;
            }
        }
        for (int i = 0; i < cols.size(); i++) {
            DataType ct = child.columns().get(child.positionOf(cols.get(i))).type();
            DataType pt = parent.columns().get(parent.positionOf(refs.get(i))).type();
            if (!comparable(ct, pt)) {
                throw new SqlException(SqlException.DATATYPE_MISMATCH, "foreign key constraint \"" + name
                        + "\" cannot be implemented", "Key columns \"" + k.columns().get(i) + "\" and \""
                        + parent.columns().get(parent.positionOf(refs.get(i))).name()
                        + "\" are of incompatible types: " + ct + " and " + pt + ".", null, k.position() + 1, null);
            }
        }
        return new ForeignKeyDef(name, cols, parent.id(), refs, action(ref.onDelete()), action(ref.onUpdate()),
                matchFull);
    }

    private static ForeignKeyDef.Action action(Constraint.ReferentialAction a) {
        return switch (a) {
            case RESTRICT -> ForeignKeyDef.Action.RESTRICT;
            case CASCADE -> ForeignKeyDef.Action.CASCADE;
            case SET_NULL -> ForeignKeyDef.Action.SET_NULL;
            case SET_DEFAULT -> ForeignKeyDef.Action.SET_DEFAULT;
            default -> ForeignKeyDef.Action.NO_ACTION;
        };
    }

    /** @return whether {@code refs} (column ids) are the primary key or a full unique index's columns */
    static boolean isUniqueKey(Catalog cat, TableDef parent, List<Integer> refs) {
        return cat.uniqueKeyName(parent, refs) != null;
    }

    private static final Set<TypeId> NUMBERS = Set.of(TypeId.SMALLINT, TypeId.INTEGER, TypeId.BIGINT, TypeId.NUMERIC,
            TypeId.REAL, TypeId.DOUBLE);
    private static final Set<TypeId> STRINGS = Set.of(TypeId.TEXT, TypeId.VARCHAR, TypeId.CHAR);

    /** @return whether keys of the two types compare (same type, both numbers, or both strings) */
    static boolean comparable(DataType a, DataType b) {
        return a.id() == b.id() || NUMBERS.contains(a.id()) && NUMBERS.contains(b.id())
                || STRINGS.contains(a.id()) && STRINGS.contains(b.id());
    }

    /**
     * Checks that every existing row of {@code child} references an existing key (ALTER TABLE ADD
     * CONSTRAINT); {@code cat} holds the child with the constraint.
     *
     * @throws SqlException 23503 {@code insert or update on table "c" violates foreign key constraint "k"}
     */
    static void validate(SqlDatabase db, StatementExecutor executor, Catalog cat, TableDef child, ForeignKeyDef fk) {
        Transaction.Scope scope = executor.readScope();
        try {
            ExecContext ctx = executor.context(executor.readView(scope), scope, new Object[0]);
            ForeignKeys.LoadCheck check = ForeignKeys.LoadCheck.of(cat, child.withForeignKeys(List.of(fk)), ctx);
            var codec = dev.lodedb.sql.exec.TableScan.codecOf(child);
            try (StoreIterator it = ctx.store().newIterator(ctx.readOptions().withBounds(
                    TableKeys.prefix(child.storageId()), TableKeys.upperBound(child.storageId())))) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    ctx.checkCancelled();
                    check.add(codec.decode(it.value()));
                }
            }
            check.finish();
        } finally {
            executor.endRead(scope);
        }
    }

    /**
     * DROP TABLE of {@code t}: the foreign keys of other tables (not dropped by the same statement)
     * that reference it are dropped with CASCADE, else refused.
     *
     * @return {@code next} without those constraints
     * @throws SqlException 2BP01 without CASCADE when another table references {@code t}
     */
    static Catalog dropReferenced(Catalog next, TableDef t, Collection<String> droppedNames, boolean cascade) {
        for (Map.Entry<TableDef, ForeignKeyDef> r : ForeignKeys.referencing(next, t.id())) {
            TableDef child = next.tableById(r.getKey().id());
            if (child.id() == t.id() || droppedNames.contains(child.schema() + "." + child.name())) {
                continue;
            }
            if (!cascade) {
                throw new SqlException(Catalog.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop table " + t.name()
                        + " because other objects depend on it", "constraint " + r.getValue().name() + " on table "
                        + child.name() + " depends on table " + t.name(),
                        "Use DROP ... CASCADE to drop the dependent objects too.", 0, null);
            }
            next = next.replaceTable(without(child, r.getValue().name()));
        }
        return next;
    }

    /**
     * @param truncated {@code schema.name} of every table the TRUNCATE names
     * @throws SqlException 0A000 {@code cannot truncate a table referenced in a foreign key
     *     constraint} when a table not truncated with it references {@code t}
     */
    static void requireTruncatable(Catalog cat, TableDef t, Collection<String> truncated, int position) {
        for (Map.Entry<TableDef, ForeignKeyDef> r : ForeignKeys.referencing(cat, t.id())) {
            TableDef child = r.getKey();
            if (!truncated.contains(child.schema() + "." + child.name())) {
                throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED,
                        "cannot truncate a table referenced in a foreign key constraint", "Table \"" + child.name()
                        + "\" references \"" + t.name() + "\".", "Truncate table \"" + child.name()
                        + "\" at the same time, or use TRUNCATE ... CASCADE.", position + 1, null);
            }
        }
    }

    /**
     * TRUNCATE ... CASCADE: adds to {@code tables} every table that references one of them by a
     * foreign key, transitively, as PostgreSQL's {@code heap_truncate_find_FKs} loop does.
     *
     * @param tables the truncated tables by id, in order; the referencing tables are appended
     * @return a NOTICE {@code truncate cascades to table "x"} per added table
     */
    static List<String> truncateCascade(Catalog cat, Map<Integer, TableDef> tables) {
        List<String> notices = new ArrayList<>();
        List<TableDef> pending = new ArrayList<>(tables.values());
        while (!pending.isEmpty()) {
            TableDef t = pending.remove(0);
            for (Map.Entry<TableDef, ForeignKeyDef> r : ForeignKeys.referencing(cat, t.id())) {
                TableDef child = r.getKey();
                if (tables.putIfAbsent(child.id(), child) == null) {
                    notices.add("truncate cascades to table \"" + child.name() + "\"");
                    pending.add(child);
                }
            }
        }
        return notices;
    }

    /** @return {@code t} without the foreign key named {@code name} */
    static TableDef without(TableDef t, String name) {
        List<ForeignKeyDef> kept = new ArrayList<>(t.foreignKeys());
        kept.removeIf(k -> k.name().equals(name));
        return t.withForeignKeys(kept);
    }

    /** @return {@code t} with {@code fk} added */
    static TableDef with(TableDef t, ForeignKeyDef fk) {
        List<ForeignKeyDef> all = new ArrayList<>(t.foreignKeys());
        all.add(fk);
        return t.withForeignKeys(all);
    }

    /**
     * DROP COLUMN {@code columnId} of {@code t}: its own foreign keys using the column are dropped
     * (as PostgreSQL does); other tables' foreign keys referencing it are dropped with CASCADE,
     * else refused.
     *
     * @param after the table without the column
     * @return {@code next} with {@code after} and the changed referencing tables
     * @throws SqlException 2BP01 without CASCADE when another table references the column
     */
    static Catalog dropColumn(Catalog next, TableDef after, int columnId, String column, boolean cascade) {
        List<ForeignKeyDef> kept = new ArrayList<>();
        for (ForeignKeyDef k : after.foreignKeys()) {
            if (!k.columns().contains(columnId) && !(k.refTable() == after.id() && k.refColumns().contains(columnId))) {
                kept.add(k);
            }
        }
        next = next.replaceTable(after.withForeignKeys(kept));
        for (Map.Entry<TableDef, ForeignKeyDef> r : ForeignKeys.referencing(next, after.id())) {
            if (!r.getValue().refColumns().contains(columnId) || r.getKey().id() == after.id()) {
                continue;
            }
            if (!cascade) {
                throw new SqlException(Catalog.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop column " + column
                        + " of table " + after.name() + " because other objects depend on it", "constraint "
                        + r.getValue().name() + " on table " + r.getKey().name() + " depends on column " + column
                        + " of table " + after.name(), "Use DROP ... CASCADE to drop the dependent objects too.", 0,
                        null);
            }
            TableDef child = next.tableById(r.getKey().id());
            next = next.replaceTable(without(child, r.getValue().name()));
        }
        return next;
    }
}
