package dev.lodedb.sql.exec;

import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.IndexKeys;
import dev.lodedb.engine.encoding.KeyEncoder;
import dev.lodedb.sql.plan.BoundIndex;
import dev.lodedb.storage.StoreIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps a table's secondary indexes in step with its rows inside one DML statement: every entry
 * put or delete goes into the statement's {@link PendingWrites}, the same atomic batch as the
 * row, so a failed statement leaves no entry behind. Unique indexes are checked against the
 * statement's snapshot plus its own pending writes (PostgreSQL's NULLS DISTINCT: a key with a NULL
 * never conflicts). Not thread-safe: one per statement.
 */
public final class IndexMaintainer {
    private final List<IndexEntries> indexes = new ArrayList<>();
    private final byte[] rowPrefix;

    /**
     * @param table the table's current version
     * @param bound its indexes, bound over {@code table}
     */
    public IndexMaintainer(TableDef table, List<BoundIndex> bound) {
        for (BoundIndex b : bound) {
            indexes.add(new IndexEntries(b));
        }
        this.rowPrefix = IndexKeys.rowPrefix(table);
    }

    /** @return whether the table has no index */
    public boolean isEmpty() {
        return indexes.isEmpty();
    }

    /** @return the maintained indexes, in id order */
    public List<IndexEntries> indexes() {
        return indexes;
    }

    /**
     * Adds the entries of a new row, checking unique indexes first.
     *
     * @throws dev.lodedb.engine.SqlException 23505 when a unique index already holds the key
     */
    public void insert(Object[] row, byte[] rowKey, ExecContext ctx, PendingWrites pending) {
        for (IndexEntries ix : indexes) {
            IndexEntries.Entry e = ix.entry(row, rowKey, ctx);
            if (e != null) {
                add(ix, e, ctx, pending);
            }
        }
    }

    private static void add(IndexEntries ix, IndexEntries.Entry e, ExecContext ctx, PendingWrites pending) {
        if (ix.index().unique() && !e.hasNull() && conflict(e.head(), ctx, pending) != null) {
            throw ix.duplicate(e.keyValues());
        }
        pending.put(e.key(), e.value());
    }

    /** Removes the entries of a deleted row. */
    public void delete(Object[] row, byte[] rowKey, ExecContext ctx, PendingWrites pending) {
        for (IndexEntries ix : indexes) {
            IndexEntries.Entry e = ix.entry(row, rowKey, ctx);
            if (e != null) {
                pending.delete(e.key());
            }
        }
    }

    /**
     * Replaces the entries of rows that changed, all old entries first and then the new ones, so
     * that the outcome does not depend on the order of the rows (swapping two unique values in one
     * UPDATE succeeds). Entries that stay the same are not rewritten.
     *
     * @param oldRows the rows before, with their keys in {@code oldKeys}
     * @param newRows the rows after, with their keys in {@code newKeys}
     * @throws dev.lodedb.engine.SqlException 23505 when a new key is already taken
     */
    public void update(List<Object[]> oldRows, List<byte[]> oldKeys, List<Object[]> newRows, List<byte[]> newKeys,
            ExecContext ctx, PendingWrites pending) {
        for (IndexEntries ix : indexes) {
            List<IndexEntries.Entry> added = new ArrayList<>();
            for (int r = 0; r < oldRows.size(); r++) {
                ctx.checkCancelled();
                IndexEntries.Entry before = ix.entry(oldRows.get(r), oldKeys.get(r), ctx);
                IndexEntries.Entry after = ix.entry(newRows.get(r), newKeys.get(r), ctx);
                if (after != null && after.sameAs(before)) {
                    continue;
                }
                if (before != null) {
                    pending.delete(before.key());
                }
                if (after != null) {
                    added.add(after);
                }
            }
            for (IndexEntries.Entry e : added) {
                add(ix, e, ctx, pending);
            }
        }
    }

    /**
     * For ON CONFLICT: the row that already holds {@code row}'s key in unique index {@code ix}.
     *
     * @return the existing row's key, or {@code null} when there is none (or the row is not in a
     *     partial index, or its key has a NULL)
     */
    public byte[] conflictingRow(IndexEntries ix, Object[] row, byte[] rowKey, ExecContext ctx,
            PendingWrites pending) {
        IndexEntries.Entry e = ix.entry(row, rowKey, ctx);
        if (e == null || e.hasNull()) {
            return null;
        }
        byte[] entry = conflict(e.head(), ctx, pending);
        return entry == null ? null : IndexKeys.rowKey(rowPrefix, entry, e.head().length);
    }

    /** @return the maintained index {@code id}, or {@code null} */
    public IndexEntries index(int id) {
        for (IndexEntries ix : indexes) {
            if (ix.index().id() == id) {
                return ix;
            }
        }
        return null;
    }

    /**
     * @return the key of a live entry starting with {@code head} (the statement's own writes over
     *     its snapshot), or {@code null}
     */
    static byte[] conflict(byte[] head, ExecContext ctx, PendingWrites pending) {
        byte[] upper = KeyEncoder.prefixSuccessor(head);
        pending.claim(head, true, head, upper);
        try (StoreIterator it = pending.checkStore(ctx).newIterator(pending.checkOptions(ctx).withBounds(head, upper))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] mine = pending.lookup(it.key());
                if (mine == null || !PendingWrites.isDeleted(mine)) {
                    return it.key();
                }
            }
        }
        for (Map.Entry<byte[], byte[]> p : pending.view().subMap(head, true, upper, false).entrySet()) {
            if (!PendingWrites.isDeleted(p.getValue())) {
                return p.getKey();
            }
        }
        return null;
    }
}
