package dev.lodedb.engine.encoding;

import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.catalog.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The entries of secondary indexes in the store ({@code docs/engine/encoding.md}, "Index
 * entries"):
 * <pre>
 *   key   = 0x03 | index id (4 bytes, big-endian) | key columns (KeyEncoder, each column in the
 *           index's direction and NULL placement) | row suffix
 *   value = empty, or the stored columns as a RowCodec row (slots = the table's column ids)
 * </pre>
 * The row suffix is the row's key without its 5-byte table prefix ({@code 0x02 | table id}): the
 * primary key in its ascending KeyEncoder form, or the 8-byte hidden row id. It makes every entry
 * unique and lets a scan rebuild the row key by putting the table prefix back. The stored columns
 * are the INCLUDE columns plus the key and primary-key columns whose key form is lossy ({@link
 * KeyEncoder#isLossless}), so an index-only scan returns every value exactly; the row records
 * schema version 0 whatever the table's version.
 *
 * <p>Stateless and thread-safe.
 */
public final class IndexKeys {
    /** Leading byte of index entries. */
    public static final byte PREFIX = 0x03;
    /** Length of the table prefix of a row key, which an entry's row suffix leaves out. */
    public static final int ROW_PREFIX_LENGTH = 5;
    private static final byte[] EMPTY = new byte[0];

    private IndexKeys() {
    }

    /** @return the 5-byte prefix of every entry of index {@code indexId} */
    public static byte[] prefix(int indexId) {
        return new byte[] {PREFIX, (byte) (indexId >>> 24), (byte) (indexId >>> 16), (byte) (indexId >>> 8),
                (byte) indexId};
    }

    /** @return the exclusive upper bound of the entries of index {@code indexId} */
    public static byte[] upperBound(int indexId) {
        return KeyEncoder.prefixSuccessor(prefix(indexId));
    }

    /** @return the prefix of the row keys of {@code table} (what an entry's row suffix follows) */
    public static byte[] rowPrefix(TableDef table) {
        return TableKeys.prefix(table.storageId());
    }

    /**
     * @return the encoder of the index's key columns, in the index's directions and NULL placement
     * @throws dev.lodedb.engine.SqlException 42704 for a json key (no btree order)
     */
    public static KeyEncoder keyEncoder(IndexDef index, TableDef table) {
        List<KeyColumn> cols = new ArrayList<>();
        for (IndexDef.Key k : index.keys()) {
            cols.add(new KeyColumn(k.type(table), k.descending(), k.nullsFirst()));
        }
        return new KeyEncoder(cols);
    }

    /**
     * @param head {@link #prefix} followed by the encoded key columns
     * @param rowKey the row's key in the table
     * @return the entry's key: {@code head} followed by the row suffix
     */
    public static byte[] entryKey(byte[] head, byte[] rowKey) {
        byte[] k = new byte[head.length + rowKey.length - ROW_PREFIX_LENGTH];
        System.arraycopy(head, 0, k, 0, head.length);
        System.arraycopy(rowKey, ROW_PREFIX_LENGTH, k, head.length, rowKey.length - ROW_PREFIX_LENGTH);
        return k;
    }

    /**
     * @param rowPrefix {@link #rowPrefix} of the table
     * @param entryKey an entry's key
     * @param suffixOffset where its row suffix starts ({@link KeyEncoder#decodeLeading} after the prefix)
     * @return the key of the row the entry points to
     */
    public static byte[] rowKey(byte[] rowPrefix, byte[] entryKey, int suffixOffset) {
        byte[] k = new byte[rowPrefix.length + entryKey.length - suffixOffset];
        System.arraycopy(rowPrefix, 0, k, 0, rowPrefix.length);
        System.arraycopy(entryKey, suffixOffset, k, rowPrefix.length, entryKey.length - suffixOffset);
        return k;
    }

    /**
     * @return the ids of the columns stored in each entry's value, in storage order: the INCLUDE
     *     columns, then the lossy plain key columns and lossy primary-key columns not already named
     */
    public static List<Integer> storedColumns(IndexDef index, TableDef table) {
        Set<Integer> ids = new LinkedHashSet<>(index.include());
        for (IndexDef.Key k : index.keys()) {
            if (!k.isExpression() && !KeyEncoder.isLossless(k.type(table))) {
                ids.add(k.columnId());
            }
        }
        for (int pk : table.primaryKey()) {
            if (!KeyEncoder.isLossless(column(table, pk).type())) {
                ids.add(pk);
            }
        }
        return new ArrayList<>(ids);
    }

    /** @return the codec of the stored columns ({@link #storedColumns}), or {@code null} when there are none */
    public static RowCodec storedCodec(IndexDef index, TableDef table) {
        List<Integer> ids = storedColumns(index, table);
        if (ids.isEmpty()) {
            return null;
        }
        List<RowColumn> cols = new ArrayList<>();
        for (int id : ids) {
            cols.add(new RowColumn(id, column(table, id).type(), null));
        }
        // schema version 0: the slots (column ids) carry the meaning, and equal values must give
        // equal entries whatever the table's version (an UPDATE compares them to skip rewrites)
        return new RowCodec(new RowSchema(0, cols));
    }

    /**
     * @param codec {@link #storedCodec}, or {@code null}
     * @param values the stored columns' values in {@link #storedColumns} order
     * @return an entry's value
     */
    public static byte[] entryValue(RowCodec codec, Object[] values) {
        return codec == null ? EMPTY : codec.encode(values);
    }

    /** @return the column with id {@code id} */
    private static ColumnDef column(TableDef table, int id) {
        for (ColumnDef c : table.columns()) {
            if (c.id() == id) {
                return c;
            }
        }
        throw new IllegalStateException("no column with id " + id + " in table " + table.name());
    }
}
