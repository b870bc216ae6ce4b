package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.IndexKeys;
import dev.lodedb.sql.ast.Cast;
import dev.lodedb.sql.ast.ColumnRef;
import dev.lodedb.sql.ast.Constraint;
import dev.lodedb.sql.ast.CreateIndex;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.FunctionCall;
import dev.lodedb.sql.ast.IndexElement;
import dev.lodedb.sql.ast.OrderItem;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.binder.IndexBinder;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.exec.IndexBuild;
import dev.lodedb.sql.exec.IndexEntries;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.BoundIndex;
import dev.lodedb.storage.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The DDL of secondary indexes, run by {@link DdlExecutor} under the database's write lock:
 * CREATE [UNIQUE] INDEX (with a build over the table's rows, {@link IndexBuild}), DROP INDEX,
 * UNIQUE constraints of CREATE TABLE and ALTER TABLE ADD CONSTRAINT, and what DROP COLUMN (drops
 * the indexes that use the column, as PostgreSQL does) and RENAME COLUMN (re-prints the index
 * expressions and predicates that name it) do to indexes. Index names are chosen as PostgreSQL's
 * {@code ChooseRelationName} does: {@code table_col1_col2_idx}, {@code table_col_key} for a
 * UNIQUE constraint, with a number appended on a clash. Not thread-safe (one per statement).
 */
final class IndexDdl {
    /** PostgreSQL's {@code NAMEDATALEN - 1}: the longest identifier, in bytes. */
    private static final int MAX_NAME_BYTES = 63;
    private final SqlDatabase db;
    private final StatementExecutor executor;

    IndexDdl(SqlDatabase db, StatementExecutor executor) {
        this.db = db;
        this.executor = executor;
    }

    private static SqlException error(String state, String message, int position) {
        return new SqlException(state, message, null, null, position + 1, null);
    }

    /** CREATE [UNIQUE] INDEX: defines, builds and commits the index. */
    StatementResult create(CreateIndex c, String schema) {
        Catalog cat = executor.catalog();
        TableDef table = cat.table(schema, c.table().last());
        if (table == null) {
            if (cat.view(schema, c.table().last()) != null) {
                throw error(Catalog.WRONG_OBJECT_TYPE, "\"" + c.table().last() + "\" is not a table or materialized view",
                        c.table().position());
            }
            throw error(SqlException.UNDEFINED_TABLE, "relation \"" + c.table() + "\" does not exist",
                    c.table().position());
        }
        if (c.method() != null && !c.method().equals("btree")) {
            boolean known = Set.of("hash", "gist", "gin", "spgist", "brin").contains(c.method());
            throw error(known ? SqlException.FEATURE_NOT_SUPPORTED : SqlException.UNDEFINED_OBJECT, known
                    ? "access method \"" + c.method() + "\" is not supported" : "access method \"" + c.method()
                    + "\" does not exist", c.position());
        }
        if (c.name() != null && cat.hasRelation(schema, c.name())) {
            if (c.ifNotExists()) {
                return MaterializedResult.command("CREATE INDEX", 0);
            }
            throw error(SqlException.DUPLICATE_TABLE, "relation \"" + c.name() + "\" already exists", c.position());
        }
        List<IndexDef.Key> keys = new ArrayList<>();
        List<String> nameParts = new ArrayList<>();
        for (IndexElement el : c.elements()) {
            keys.add(key(table, el, nameParts));
        }
        List<Integer> include = new ArrayList<>();
        for (String n : c.include()) {
            ColumnDef col = table.column(n);
            if (col == null) {
                throw error(SqlException.UNDEFINED_COLUMN, "column \"" + n + "\" does not exist", c.position());
            }
            include.add(col.id());
        }
        String predicate = null;
        if (c.where() != null) {
            IndexBinder.bind(table, c.where(), "index predicates", true);
            predicate = AstRenamer.unqualified(c.where(), table.name());
        }
        if (keys.size() + include.size() > IndexDef.MAX_KEYS) {
            throw error("54011", "cannot use more than " + IndexDef.MAX_KEYS + " columns in an index", c.position());
        }
        String name = c.name() != null ? c.name()
                : chooseName(cat, schema, table.name(), String.join("_", nameParts), "idx");
        IndexDef def = new IndexDef(cat.nextObjectId(), schema, name, table.id(), c.unique(), false, keys, include,
                predicate);
        Catalog next = cat.createIndex(def);
        build(table, def, c.position());
        try {
            executor.commitDdl(new WriteBatch(), java.util.Map.of(), next, List.of(), true);
        } catch (RuntimeException e) {
            db.store().write(dev.lodedb.storage.WriteOptions.DEFAULT, new WriteBatch()
                    .deleteRange(IndexKeys.prefix(def.id()), IndexKeys.upperBound(def.id())));
            throw e;
        }
        return MaterializedResult.command("CREATE INDEX", 0);
    }

    /** Writes the entries of a new index over {@code table}'s rows (visible once the catalog commits). */
    void build(TableDef table, IndexDef def, int position) {
        IndexEntries entries;
        try {
            entries = new IndexEntries(IndexBinder.bind(table, def));
        } catch (SqlException e) {
            throw e.position() == 0 ? e.withPosition(position + 1) : e;
        }
        if (!executor.hasRows(table)) {
            return;
        }
        Transaction.Scope scope = executor.readScope();
        try {
            ExecContext ctx = executor.context(executor.readView(scope), scope, new Object[0]);
            executor.wroteDirectly(IndexKeys.prefix(def.id()), IndexKeys.upperBound(def.id()));
            IndexBuild.build(ctx, table, entries);
        } finally {
            executor.endRead(scope);
        }
    }

    /** @return the key of one CREATE INDEX element, adding its part of a generated name */
    private static IndexDef.Key key(TableDef table, IndexElement el, List<String> nameParts) {
        if (el.collation() != null && !Set.of("C", "POSIX", "default", "c", "posix").contains(el.collation().last())) {
            throw error(SqlException.FEATURE_NOT_SUPPORTED, "collation \"" + el.collation().last()
                    + "\" is not supported: LodeDB orders text by the C collation", el.position());
        }
        if (el.opclass() != null && !el.opclass().last().endsWith("_ops")) {
            throw error(SqlException.UNDEFINED_OBJECT, "operator class \"" + el.opclass().last()
                    + "\" does not exist for access method \"btree\"", el.position());
        }
        boolean desc = el.direction() == OrderItem.Direction.DESC;
        boolean nullsFirst = el.nulls() == OrderItem.NullOrdering.DEFAULT ? desc
                : el.nulls() == OrderItem.NullOrdering.FIRST;
        IndexDef.Key k;
        if (el.column() != null) {
            ColumnDef col = table.column(el.column());
            if (col == null) {
                throw error(SqlException.UNDEFINED_COLUMN, "column \"" + el.column() + "\" does not exist",
                        el.position());
            }
            k = new IndexDef.Key(col.id(), null, null, desc, nullsFirst);
            nameParts.add(col.name());
        } else {
            BoundExpr e = IndexBinder.bind(table, el.expression(), "index expressions", false);
            if (e instanceof BoundExpr.ColumnRef ref) {
                k = new IndexDef.Key(table.columns().get(ref.index()).id(), null, null, desc, nullsFirst);
            } else {
                k = new IndexDef.Key(-1, AstRenamer.unqualified(el.expression(), table.name()), e.type(), desc,
                        nullsFirst);
            }
            nameParts.add(figureName(el.expression()));
        }
        try {
            new dev.lodedb.engine.encoding.KeyEncoder(List.of(new dev.lodedb.engine.encoding.KeyColumn(
                    k.type(table), desc, nullsFirst)));
        } catch (SqlException e) {
            throw e.withPosition(el.position() + 1);
        }
        return k;
    }

    /** PostgreSQL's {@code FigureIndexColname}: a column's name, a function's name, else {@code expr}. */
    private static String figureName(Expr e) {
        if (e instanceof ColumnRef c) {
            return c.names().get(c.names().size() - 1);
        }
        if (e instanceof FunctionCall f) {
            return f.name().last();
        }
        if (e instanceof Cast c) {
            String inner = figureName(c.expr());
            return inner.equals("expr") ? c.type().names().get(c.type().names().size() - 1) : inner;
        }
        return "expr";
    }

    /**
     * PostgreSQL's {@code ChooseRelationName}: {@code name1_name2_label}, each part clipped so the
     * whole fits in 63 bytes (the longer part first), then {@code label1}, {@code label2}, ... until
     * the name is free in the schema.
     */
    static String chooseName(Catalog cat, String schema, String name1, String name2, String label) {
        String l = label;
        for (int pass = 1; ; pass++) {
            String n = makeObjectName(name1, name2, l);
            if (!cat.hasRelation(schema, n)) {
                return n;
            }
            l = label + pass;
        }
    }

    private static String makeObjectName(String name1, String name2, String label) {
        int overhead = label.getBytes(StandardCharsets.UTF_8).length + 1 + (name2.isEmpty() ? 0 : 1);
        String a = name1;
        String b = name2;
        while (bytes(a) + bytes(b) > MAX_NAME_BYTES - overhead) {
            if (bytes(a) > bytes(b)) {
                a = a.substring(0, a.offsetByCodePoints(a.length(), -1));
            } else {
                b = b.substring(0, b.offsetByCodePoints(b.length(), -1));
            }
        }
        return a + (b.isEmpty() ? "" : "_" + b) + "_" + label;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Adds the index of a UNIQUE constraint (CREATE TABLE, ADD CONSTRAINT) to {@code next}; the
     * caller builds it when the table has rows.
     *
     * @param columns the constrained columns
     * @throws SqlException 42703 for an unknown column, 42701 for a repeated one, 42P07 for a
     *     name that is taken, 42704 for a json column
     */
    static IndexDef uniqueConstraint(Catalog next, TableDef table, String constraintName, List<String> columns,
            int position) {
        List<IndexDef.Key> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String n : columns) {
            ColumnDef col = table.column(n);
            if (col == null) {
                throw error(SqlException.UNDEFINED_COLUMN, "column \"" + n + "\" named in key does not exist", position);
            }
            if (!seen.add(n)) {
                throw error(SqlException.DUPLICATE_COLUMN, "column \"" + n + "\" appears twice in unique constraint",
                        position);
            }
            keys.add(IndexDef.Key.column(col.id()));
        }
        String name = constraintName != null ? constraintName
                : chooseName(next, table.schema(), table.name(), String.join("_", columns), "key");
        if (next.hasRelation(table.schema(), name)) {
            throw error(SqlException.DUPLICATE_TABLE, "relation \"" + name + "\" already exists", position);
        }
        IndexDef def = new IndexDef(next.nextObjectId(), table.schema(), name, table.id(), true, true, keys, List.of(),
                null);
        try {
            IndexKeys.keyEncoder(def, table);
        } catch (SqlException e) {
            throw e.withPosition(position + 1);
        }
        return def;
    }

    /** @return the UNIQUE constraints (column and table) of a CREATE TABLE, as (name, columns) */
    static List<Constraint> uniqueConstraints(dev.lodedb.sql.ast.CreateTable c) {
        List<Constraint> out = new ArrayList<>();
        for (dev.lodedb.sql.ast.ColumnDef cd : c.columns()) {
            for (Constraint k : cd.constraints()) {
                if (k.type() == Constraint.Type.UNIQUE) {
                    out.add(Constraint.of(k.name(), Constraint.Type.UNIQUE, List.of(cd.name()), null, k.position()));
                }
            }
        }
        for (Constraint k : c.constraints()) {
            if (k.type() == Constraint.Type.UNIQUE) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * DROP INDEX of one name: the new catalog, with the entries' range tombstone added to {@code batch}.
     *
     * @throws SqlException 42704 if missing (unless {@code ifExists}), 42809 for a table or view,
     *     2BP01 for the index of a UNIQUE constraint
     */
    static Catalog drop(Catalog next, WriteBatch batch, String schema, QualifiedName n, boolean ifExists) {
        IndexDef ix = next.index(schema, n.last());
        if (ix != null && ix.constraint()) {
            TableDef t = next.tableById(ix.tableId());
            throw new SqlException(Catalog.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop index " + ix.name()
                    + " because constraint " + ix.name() + " on table " + t.name() + " requires it", null,
                    "You can drop constraint " + ix.name() + " on table " + t.name() + " instead.", n.position() + 1,
                    null);
        }
        Catalog after = next.dropIndex(schema, n.last(), ifExists);
        if (ix != null) {
            deleteEntries(batch, ix);
        }
        return after;
    }

    /** Adds the range tombstone of an index's entries to {@code batch}. */
    static void deleteEntries(WriteBatch batch, IndexDef ix) {
        batch.deleteRange(IndexKeys.prefix(ix.id()), IndexKeys.upperBound(ix.id()));
    }

    /**
     * ALTER TABLE DROP COLUMN: drops every index whose key, INCLUDE list, expression or predicate
     * uses the column, as PostgreSQL does.
     */
    static Catalog dropColumn(Catalog next, TableDef table, ColumnDef column, WriteBatch batch) {
        int pos = table.columns().indexOf(column);
        for (IndexDef ix : next.indexesOf(table.id())) {
            boolean uses = ix.keyOrIncludeUses(column.id());
            if (!uses && (ix.hasExpressions() || ix.isPartial())) {
                uses = IndexBinder.bind(table, ix).inputColumns().contains(pos) && !table.primaryKey().contains(
                        column.id());
            }
            if (uses) {
                next = next.dropIndex(ix.schema(), ix.name(), false);
                deleteEntries(batch, ix);
            }
        }
        return next;
    }

    /**
     * ALTER TABLE RENAME COLUMN: re-prints the expressions and predicates that name the column
     * (the AST with the column reference renamed), checking that the new text binds over the
     * renamed table to the same expression.
     *
     * @throws SqlException 0A000 when a text cannot be rewritten faithfully
     */
    static Catalog renameColumn(Catalog next, TableDef before, TableDef after, String from, String to) {
        for (IndexDef ix : next.indexesOf(before.id())) {
            if (!ix.hasExpressions() && !ix.isPartial()) {
                continue;
            }
            BoundIndex old = IndexBinder.bind(before, ix);
            List<IndexDef.Key> keys = new ArrayList<>();
            for (IndexDef.Key k : ix.keys()) {
                keys.add(k.isExpression() ? k.withExpression(AstRenamer.rename(k.expression(), before.name(), from, to))
                        : k);
            }
            String predicate = ix.predicate() == null ? null
                    : AstRenamer.rename(ix.predicate(), before.name(), from, to);
            IndexDef renamed = ix.withTexts(keys, predicate);
            BoundIndex now;
            try {
                now = IndexBinder.bind(after, renamed);
            } catch (SqlException e) {
                now = null;
            }
            if (now == null || !AstRenamer.sameShape(old, now)) {
                throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "cannot rename column \"" + from
                        + "\": the expression of index \"" + ix.name() + "\" cannot be rewritten");
            }
            next = next.replaceIndex(renamed);
        }
        return next;
    }
}
