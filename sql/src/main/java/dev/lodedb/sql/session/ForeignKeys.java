package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.ForeignKeyDef;
import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.IndexKeys;
import dev.lodedb.engine.encoding.KeyEncoder;
import dev.lodedb.engine.encoding.TableKeys;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.binder.Binder;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.exec.ExpressionCompiler;
import dev.lodedb.sql.exec.PendingWrites;
import dev.lodedb.storage.StoreIterator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enforces the FOREIGN KEY constraints touched by one writing statement, PostgreSQL's RI triggers
 * as one end-of-statement pass over the statement's own pending writes.
 *
 * <p>The statement reports each row it writes ({@link #inserted}, {@link #updated}, {@link
 * #deleted}); {@link #finish} then (1) runs the referential actions of every referenced key that
 * was deleted or changed — CASCADE deletes or updates the child rows, SET NULL / SET DEFAULT
 * update them, each change maintaining the child's indexes, NOT NULL and CHECK constraints and
 * reported again, so actions recurse (a row already deleted is not found again, which makes
 * cycles end) — (2) refuses a RESTRICT key still referenced, or a NO ACTION key still referenced
 * and not supplied again by another parent row (23503 {@code update or delete on table ...}), and
 * (3) checks that every written child row's key exists in the referenced table (23503 {@code
 * insert or update on table ...}). Everything reads the statement's snapshot plus its pending
 * writes, and writes into the same {@link PendingWrites}, so the statement stays atomic.
 *
 * <p>Lookups: a referenced key by the parent's primary key (a point get) or a unique index on
 * exactly the referenced columns, else a scan of the parent; referencing rows by an index of the
 * child whose leading columns are the referencing columns, else a scan of the child. MATCH
 * SIMPLE: a key with a NULL is neither checked nor looked for; MATCH FULL refuses a key with some
 * but not all of its columns NULL. Not thread-safe: one per statement.
 */
final class ForeignKeys {
    private final Catalog catalog;
    private final ExecContext ctx;
    private final PendingWrites pending;
    private final Map<Integer, DmlExecutor.Target> targets = new HashMap<>();
    private final Map<Integer, Long> deltas = new HashMap<>();
    /** Referenced rows deleted or updated: (table, old row, new row or null). */
    private final ArrayDeque<Object[]> parentEvents = new ArrayDeque<>();
    /** Written child rows to check: (table, fk, row key, row). */
    private final List<Object[]> childChecks = new ArrayList<>();
    /** Referenced keys to verify unreferenced at the end: (parent, child, fk, key values, action). */
    private final List<Object[]> restricted = new ArrayList<>();
    private int actions;
    /** {@link #referencing} per table id, computed once per statement. */
    private final Map<Integer, List<Map.Entry<TableDef, ForeignKeyDef>>> referencedBy = new HashMap<>();

    ForeignKeys(Catalog catalog, ExecContext ctx, PendingWrites pending) {
        this.catalog = catalog;
        this.ctx = ctx;
        this.pending = pending;
    }

    /** @return whether writes to {@code table} can involve a foreign key (it has one, or is referenced) */
    static boolean involves(Catalog catalog, TableDef table) {
        return !table.foreignKeys().isEmpty() || !referencing(catalog, table.id()).isEmpty();
    }

    /** @return the (child table, constraint) pairs that reference table {@code tableId} */
    static List<Map.Entry<TableDef, ForeignKeyDef>> referencing(Catalog catalog, int tableId) {
        List<Map.Entry<TableDef, ForeignKeyDef>> out = new ArrayList<>();
        for (TableDef t : catalog.tables()) {
            for (ForeignKeyDef k : t.foreignKeys()) {
                if (k.refTable() == tableId) {
                    out.add(Map.entry(t, k));
                }
            }
        }
        return out;
    }

    /** @return row-count changes of tables other than the statement's own (cascaded deletes) */
    Map<Integer, Long> deltas() {
        return deltas;
    }

    /** A row was inserted into {@code table}. */
    void inserted(TableDef table, byte[] key, Object[] row) {
        for (ForeignKeyDef k : table.foreignKeys()) {
            childChecks.add(new Object[] {table, k, key, row});
        }
    }

    /** A row of {@code table} changed from {@code old} to {@code row}, now under key {@code key}. */
    void updated(TableDef table, Object[] old, byte[] key, Object[] row) {
        for (ForeignKeyDef k : table.foreignKeys()) {
            if (!sameValues(table, k.columns(), old, row)) {
                childChecks.add(new Object[] {table, k, key, row});
            }
        }
        parentEvents.add(new Object[] {table, old, row});
    }

    /** A row was deleted from {@code table}. */
    void deleted(TableDef table, Object[] old) {
        parentEvents.add(new Object[] {table, old, null});
    }

    /**
     * Runs the actions, then the checks (see the class comment).
     *
     * @throws SqlException 23503 for a missing or still referenced key; 23502, 23514, 23505 from
     *     the child rows an action changes
     */
    void finish() {
        while (!parentEvents.isEmpty()) {
            Object[] e = parentEvents.poll();
            TableDef parent = (TableDef) e[0];
            List<Map.Entry<TableDef, ForeignKeyDef>> refs = referencedBy.computeIfAbsent(parent.id(),
                    id -> referencing(catalog, id));
            for (Map.Entry<TableDef, ForeignKeyDef> ref : refs) {
                act(parent, (Object[]) e[1], (Object[]) e[2], ref.getKey(), ref.getValue());
            }
        }
        for (Object[] r : restricted) {
            TableDef parent = (TableDef) r[0];
            TableDef child = (TableDef) r[1];
            ForeignKeyDef k = (ForeignKeyDef) r[2];
            Object[] key = (Object[]) r[3];
            if (r[4] == ForeignKeyDef.Action.NO_ACTION && parentHas(parent, k, key)) {
                continue;
            }
            if (!referencingRows(parent, child, k, key, true).isEmpty()) {
                throw new SqlException(SqlException.FOREIGN_KEY_VIOLATION, "update or delete on table \""
                        + parent.name() + "\" violates foreign key constraint \"" + k.name() + "\" on table \""
                        + child.name() + "\"", "Key " + describe(parent, k.refColumns(), key)
                        + " is still referenced from table \"" + child.name() + "\".", null, 0, null);
            }
        }
        checkChildren(true);
    }

    /** Checks and forgets the queued child rows; {@code live}: skip rows deleted or changed since. */
    private void checkChildren(boolean live) {
        for (Object[] c : childChecks) {
            TableDef child = (TableDef) c[0];
            ForeignKeyDef k = (ForeignKeyDef) c[1];
            Object[] row = (Object[]) c[3];
            Object[] key = values(child, k.columns(), row);
            if (key == null && !k.matchFull() || live && !stillWritten(child, (byte[]) c[2], k, row)) {
                continue;
            }
            if (key == null) {
                requireFullMatch(child, k, row);
                continue;
            }
            TableDef parent = catalog.tableById(k.refTable());
            Object[] parentKey = toParent(child, parent, k, key);
            if (parentKey == null || !parentHas(parent, k, parentKey)) {
                throw missing(child, parent, k, key);
            }
        }
        childChecks.clear();
    }

    private void act(TableDef parent, Object[] old, Object[] row, TableDef child, ForeignKeyDef k) {
        Object[] key = values(parent, k.refColumns(), old);
        if (key == null || row != null && sameValues(parent, k.refColumns(), old, row)) {
            return;
        }
        ForeignKeyDef.Action a = row == null ? k.onDelete() : k.onUpdate();
        if (a == ForeignKeyDef.Action.NO_ACTION || a == ForeignKeyDef.Action.RESTRICT) {
            restricted.add(new Object[] {parent, child, k, key, a});
            return;
        }
        DmlExecutor.Target t = target(child);
        for (Object[] match : referencingRows(parent, child, k, key, false)) {
            ctx.checkCancelled();
            if (++actions > 10_000_000) {
                throw new SqlException(SqlException.FOREIGN_KEY_VIOLATION, "foreign key actions on table \""
                        + child.name() + "\" do not end");
            }
            byte[] oldKey = (byte[]) match[0];
            Object[] childOld = (Object[]) match[1];
            if (a == ForeignKeyDef.Action.CASCADE && row == null) {
                pending.delete(oldKey);
                t.indexes.delete(childOld, oldKey, ctx, pending);
                deltas.merge(child.id(), -1L, Long::sum);
                deleted(child, childOld);
                continue;
            }
            Object[] changed = childOld.clone();
            for (int i = 0; i < k.columns().size(); i++) {
                int c = child.positionOf(k.columns().get(i));
                ColumnDef cd = child.columns().get(c);
                Object v = switch (a) {
                    case SET_NULL -> null;
                    case SET_DEFAULT -> ExpressionCompiler.compile(Binder.bindDefault(catalog, cd)).evaluateOnce(ctx);
                    default -> {
                        Object p = row[parent.positionOf(k.refColumns().get(i))];
                        DataType pt = parent.columns().get(parent.positionOf(k.refColumns().get(i))).type();
                        yield p == null || pt.equals(cd.type()) ? p : Values.cast(p, pt, cd.type());
                    }
                };
                changed[c] = v;
            }
            t.checkRow(changed, ctx);
            byte[] newKey = t.pk == null ? oldKey : t.key(changed);
            if (!Arrays.equals(newKey, oldKey)) {
                if (read(newKey) != null) {
                    throw t.duplicate(changed);
                }
                pending.delete(oldKey);
            }
            pending.put(newKey, t.codec.encode(changed));
            t.indexes.update(List.<Object[]>of(childOld), List.of(oldKey), List.<Object[]>of(changed),
                    List.of(newKey), ctx, pending);
            updated(child, childOld, newKey, changed);
        }
    }

    private DmlExecutor.Target target(TableDef t) {
        return targets.computeIfAbsent(t.id(), id -> new DmlExecutor.Target(t, catalog));
    }

    /** @return whether the row written under {@code key} still has the checked key (not deleted or changed since) */
    private boolean stillWritten(TableDef child, byte[] key, ForeignKeyDef k, Object[] row) {
        byte[] now = read(key);
        if (now == null) {
            return false;
        }
        return sameValues(child, k.columns(), target(child).codec.decode(now), row);
    }

    private byte[] read(byte[] key) {
        pending.claimKey(key, false);
        byte[] mine = pending.lookup(key);
        if (mine != null) {
            return PendingWrites.isDeleted(mine) ? null : mine;
        }
        return pending.checkStore(ctx).get(pending.checkOptions(ctx), key);
    }

    /** @return the values of {@code columns} (ids) of {@code row}, or {@code null} when one is NULL */
    private static Object[] values(TableDef t, List<Integer> columns, Object[] row) {
        Object[] out = new Object[columns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = row[t.positionOf(columns.get(i))];
            if (out[i] == null) {
                return null;
            }
        }
        return out;
    }

    private static boolean sameValues(TableDef t, List<Integer> columns, Object[] a, Object[] b) {
        for (int id : columns) {
            int c = t.positionOf(id);
            if (a[c] == null || b[c] == null) {
                if (a[c] != b[c]) {
                    return false;
                }
            } else if (Values.compare(t.columns().get(c).type(), a[c], b[c]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** @return the child's key values converted to the parent's column types, or {@code null} when one cannot be */
    private static Object[] toParent(TableDef child, TableDef parent, ForeignKeyDef k, Object[] key) {
        Object[] out = new Object[key.length];
        for (int i = 0; i < key.length; i++) {
            DataType from = child.columns().get(child.positionOf(k.columns().get(i))).type();
            DataType to = parent.columns().get(parent.positionOf(k.refColumns().get(i))).type();
            out[i] = convert(key[i], from, to);
            if (out[i] == null) {
                return null;
            }
        }
        return out;
    }

    /** @return {@code v} as type {@code to} when that keeps its value, else {@code null} */
    static Object convert(Object v, DataType from, DataType to) {
        if (from.equals(to)) {
            return v;
        }
        try {
            Object c = Values.cast(v, from, to);
            return c != null && Values.compare(from, Values.cast(c, to, from), v) == 0 ? c : null;
        } catch (SqlException e) {
            return null;
        }
    }

    /** @return whether a live row of {@code parent} has the referenced key {@code key} (parent types) */
    private boolean parentHas(TableDef parent, ForeignKeyDef k, Object[] key) {
        List<Integer> refs = k.refColumns();
        if (!parent.hasHiddenRowId() && refs.size() == parent.primaryKey().size()
                && new HashSet<>(refs).equals(new HashSet<>(parent.primaryKey()))) {
            List<Object> pk = new ArrayList<>();
            for (int id : parent.primaryKey()) {
                pk.add(key[refs.indexOf(id)]);
            }
            return read(TableKeys.rowKey(parent.storageId(), TableKeys.primaryKeyEncoder(parent), pk)) != null;
        }
        for (IndexDef ix : catalog.indexesOf(parent.id())) {
            List<Object> head = indexPrefix(ix, parent, refs, key, true);
            if (head != null) {
                byte[] lo = IndexKeys.keyEncoder(ix, parent).encodePrefix(IndexKeys.prefix(ix.id()), head);
                List<Object[]> found = new ArrayList<>();
                scanLive(lo, KeyEncoder.prefixSuccessor(lo), (ek, ev) -> {
                    found.add(null);
                    return false;
                });
                return !found.isEmpty();
            }
        }
        boolean[] found = {false};
        scanLive(TableKeys.prefix(parent.storageId()), TableKeys.upperBound(parent.storageId()), (rk, rv) -> {
            Object[] r = target(parent).codec.decode(rv);
            found[0] = matches(parent, refs, r, parent, refs, key);
            return !found[0];
        });
        return found[0];
    }

    /**
     * @return the values of {@code ix}'s leading key elements in index order when they are exactly
     *     {@code columns} (plain columns of the same types; for {@code unique}, the whole key of a
     *     full unique index), else {@code null}
     */
    private static List<Object> indexPrefix(IndexDef ix, TableDef t, List<Integer> columns, Object[] key,
            boolean unique) {
        if (ix.isPartial() || ix.keys().size() < columns.size() || unique && (!ix.unique()
                || ix.keys().size() != columns.size())) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            IndexDef.Key e = ix.keys().get(i);
            int at = e.isExpression() ? -1 : columns.indexOf(e.columnId());
            if (at < 0) {
                return null;
            }
            out.add(key[at]);
        }
        return out;
    }

    /**
     * @param key the referenced key in the parent's types
     * @param any stop at the first row found
     * @return the live child rows whose referencing columns equal {@code key}: (row key, row) pairs
     */
    private List<Object[]> referencingRows(TableDef parent, TableDef child, ForeignKeyDef k, Object[] key,
            boolean any) {
        List<Object[]> out = new ArrayList<>();
        DmlExecutor.Target t = target(child);
        Object[] childKey = new Object[key.length];
        for (int i = 0; i < key.length; i++) {
            childKey[i] = convert(key[i], parent.columns().get(parent.positionOf(k.refColumns().get(i))).type(),
                    child.columns().get(child.positionOf(k.columns().get(i))).type());
            if (childKey[i] == null) {
                return out; // no child value equals a key its type cannot hold
            }
        }
        for (IndexDef ix : catalog.indexesOf(child.id())) {
            List<Object> head = indexPrefix(ix, child, k.columns(), childKey, false);
            if (head == null) {
                continue;
            }
            byte[] lo = IndexKeys.keyEncoder(ix, child).encodePrefix(IndexKeys.prefix(ix.id()), head);
            KeyEncoder enc = IndexKeys.keyEncoder(ix, child);
            byte[] rowPrefix = IndexKeys.rowPrefix(child);
            List<byte[]> rowKeys = new ArrayList<>();
            scanLive(lo, KeyEncoder.prefixSuccessor(lo), (ek, ev) -> {
                int from = IndexKeys.prefix(0).length;
                rowKeys.add(IndexKeys.rowKey(rowPrefix, ek, enc.decodeLeading(ek, from, ek.length - from, null)));
                return true;
            });
            for (byte[] rk : rowKeys) {
                byte[] v = read(rk);
                Object[] r = v == null ? null : t.codec.decode(v);
                if (r != null && matches(child, k.columns(), r, parent, k.refColumns(), key)) {
                    out.add(new Object[] {rk, r});
                    if (any) {
                        return out;
                    }
                }
            }
            return out;
        }
        scanLive(TableKeys.prefix(child.storageId()), TableKeys.upperBound(child.storageId()), (rk, rv) -> {
            Object[] r = t.codec.decode(rv);
            if (matches(child, k.columns(), r, parent, k.refColumns(), key)) {
                out.add(new Object[] {rk, r});
                return !any;
            }
            return true;
        });
        return out;
    }

    /** @return whether {@code row}'s {@code columns} of {@code t} equal {@code key} (of {@code p}'s {@code refs} types) */
    private static boolean matches(TableDef t, List<Integer> columns, Object[] row, TableDef p, List<Integer> refs,
            Object[] key) {
        for (int i = 0; i < key.length; i++) {
            Object v = row[t.positionOf(columns.get(i))];
            if (v == null) {
                return false;
            }
            DataType pt = p.columns().get(p.positionOf(refs.get(i))).type();
            Object c = convert(v, t.columns().get(t.positionOf(columns.get(i))).type(), pt);
            if (c == null || Values.compare(pt, c, key[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** A visitor of live entries; returns whether to go on. */
    private interface Visitor {
        boolean visit(byte[] key, byte[] value);
    }

    /** Visits the live keys in [lo, hi): the snapshot's, overlaid with the statement's pending writes. */
    private void scanLive(byte[] lo, byte[] hi, Visitor v) {
        Set<java.nio.ByteBuffer> seen = new HashSet<>();
        pending.claim(null, false, lo, hi);
        try (StoreIterator it = pending.checkStore(ctx).newIterator(pending.checkOptions(ctx).withBounds(lo, hi))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] key = it.key();
                byte[] mine = pending.lookup(key);
                if (mine != null) {
                    seen.add(java.nio.ByteBuffer.wrap(key));
                    if (PendingWrites.isDeleted(mine)) {
                        continue;
                    }
                }
                if (!v.visit(key, mine != null ? mine : it.value())) {
                    return;
                }
            }
        }
        for (Map.Entry<byte[], byte[]> p : new ArrayList<>(pending.view().subMap(lo, true, hi, false).entrySet())) {
            if (!PendingWrites.isDeleted(p.getValue()) && !seen.contains(java.nio.ByteBuffer.wrap(p.getKey()))
                    && !v.visit(p.getKey(), p.getValue())) {
                return;
            }
        }
    }

    /**
     * Checks the rows a bulk load ({@link BulkLoader}) adds to a referencing table: a key of another
     * table is looked up when the row is added (that table does not change during the load); a
     * key of the table itself (a self-reference) is remembered and checked at the end against the
     * keys the load added and the table's rows before it (their encoded keys are kept in memory).
     */
    static final class LoadCheck {
        private final TableDef table;
        private final ForeignKeys lookups;
        private final List<ForeignKeyDef> self = new ArrayList<>();
        private final List<Set<java.nio.ByteBuffer>> loaded = new ArrayList<>();
        private final List<List<Object[]>> deferred = new ArrayList<>();
        private final List<KeyEncoder> encoders = new ArrayList<>();

        /**
         * @param ctx the load's context (its snapshot)
         * @return the check, or {@code null} when {@code table} has no foreign key
         */
        static LoadCheck of(Catalog catalog, TableDef table, ExecContext ctx) {
            return table.foreignKeys().isEmpty() ? null : new LoadCheck(catalog, table, ctx);
        }

        private LoadCheck(Catalog catalog, TableDef table, ExecContext ctx) {
            this.table = table;
            this.lookups = new ForeignKeys(catalog, ctx, new PendingWrites());
            for (ForeignKeyDef k : table.foreignKeys()) {
                if (k.refTable() == table.id()) {
                    self.add(k);
                    loaded.add(new HashSet<>());
                    deferred.add(new ArrayList<>());
                    List<dev.lodedb.engine.encoding.KeyColumn> cols = new ArrayList<>();
                    for (int id : k.refColumns()) {
                        cols.add(new dev.lodedb.engine.encoding.KeyColumn(
                                table.columns().get(table.positionOf(id)).type(), false, false));
                    }
                    encoders.add(new KeyEncoder(cols));
                }
            }
        }

        /** @throws SqlException 23503 when {@code row} references a missing key of another table */
        void add(Object[] row) {
            for (ForeignKeyDef k : table.foreignKeys()) {
                int s = self.indexOf(k);
                if (s < 0) {
                    lookups.childChecks.add(new Object[] {table, k, null, row});
                    continue;
                }
                Object[] ref = values(table, k.refColumns(), row);
                if (ref != null) {
                    loaded.get(s).add(java.nio.ByteBuffer.wrap(encoders.get(s).encode(ref)));
                }
                Object[] key = values(table, k.columns(), row);
                if (key != null) {
                    deferred.get(s).add(key);
                } else {
                    requireFullMatch(table, k, row);
                }
            }
            lookups.checkChildren(false);
        }

        /** @throws SqlException 23503 for a self-reference to a key neither loaded nor in the table */
        void finish() {
            for (int s = 0; s < self.size(); s++) {
                ForeignKeyDef k = self.get(s);
                for (Object[] key : deferred.get(s)) {
                    Object[] parentKey = toParent(table, table, k, key);
                    if (parentKey == null || !loaded.get(s).contains(java.nio.ByteBuffer.wrap(
                            encoders.get(s).encode(parentKey))) && !lookups.parentHas(table, k, parentKey)) {
                        throw missing(table, table, k, key);
                    }
                }
            }
        }
    }

    /**
     * MATCH FULL: a key is either all NULL (not checked) or has no NULL.
     *
     * @throws SqlException 23503 when {@code k} is MATCH FULL and {@code row} has some but not all of
     *     its referencing columns NULL
     */
    private static void requireFullMatch(TableDef child, ForeignKeyDef k, Object[] row) {
        if (!k.matchFull()) {
            return;
        }
        int nulls = 0;
        for (int id : k.columns()) {
            nulls += row[child.positionOf(id)] == null ? 1 : 0;
        }
        if (nulls != 0 && nulls != k.columns().size()) {
            throw new SqlException(SqlException.FOREIGN_KEY_VIOLATION, "insert or update on table \""
                    + child.name() + "\" violates foreign key constraint \"" + k.name() + "\"",
                    "MATCH FULL does not allow mixing of null and nonnull key values.", null, 0, null);
        }
    }

    private static SqlException missing(TableDef child, TableDef parent, ForeignKeyDef k, Object[] key) {
        return new SqlException(SqlException.FOREIGN_KEY_VIOLATION, "insert or update on table \""
                + child.name() + "\" violates foreign key constraint \"" + k.name() + "\"", "Key "
                + describe(child, k.columns(), key) + " is not present in table \"" + parent.name() + "\".",
                null, 0, null);
    }

    /** @return {@code (a, b)=(1, x)} for the DETAIL of a violation */
    static String describe(TableDef t, List<Integer> columns, Object[] key) {
        StringBuilder cols = new StringBuilder("(");
        StringBuilder vals = new StringBuilder("(");
        for (int i = 0; i < columns.size(); i++) {
            ColumnDef c = t.columns().get(t.positionOf(columns.get(i)));
            cols.append(i > 0 ? ", " : "").append(c.name());
            vals.append(i > 0 ? ", " : "").append(key[i] == null ? "null" : Values.format(c.type(), key[i]));
        }
        return cols.append(")=").append(vals).append(')').toString();
    }
}
