package dev.lodedb.engine.encoding;

import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.TableDef;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of table rows in the store (docs/sql/design.md, "Data in the store"):
 * {@code 0x02 | table id (4 bytes, big-endian) | primary key (KeyEncoder)} or, for a table without
 * a primary key, {@code ... | row id (8 bytes, big-endian)}. Also the per-table statistics key
 * {@code 0x05 | table id} and the staging marker {@code 0x06 | storage id} of a bulk load that
 * writes a table's new storage before its catalog entry points there.
 *
 * <p>The 4 bytes after {@code 0x02} are the table's <em>storage id</em> ({@code
 * TableDef.storageId()}, PostgreSQL's relfilenode), which is its table id until a bulk load
 * rewrites it; callers pass {@code table.storageId()}, never {@code table.id()}, to the row-key
 * methods. Thread-safe (stateless apart from the immutable encoders it builds).
 */
public final class TableKeys {
    /** Leading byte of table rows. */
    public static final byte ROW_PREFIX = 0x02;
    /** Leading byte of table statistics. */
    public static final byte STATS_PREFIX = 0x05;
    /** Leading byte of staging markers: storage written by a bulk load that has not committed yet. */
    public static final byte STAGING_PREFIX = 0x06;

    private TableKeys() {
    }

    /** @return the key of the staging marker of storage id {@code storageId} */
    public static byte[] stagingKey(int storageId) {
        return new byte[] {STAGING_PREFIX, (byte) (storageId >>> 24), (byte) (storageId >>> 16),
                (byte) (storageId >>> 8), (byte) storageId};
    }

    /** @return the storage id of a staging marker key */
    public static int stagingStorageId(byte[] stagingKey) {
        return ((stagingKey[1] & 0xff) << 24) | ((stagingKey[2] & 0xff) << 16) | ((stagingKey[3] & 0xff) << 8)
                | (stagingKey[4] & 0xff);
    }

    /** @return the 5-byte prefix of every row key of storage id {@code tableId} */
    public static byte[] prefix(int tableId) {
        return new byte[] {ROW_PREFIX, (byte) (tableId >>> 24), (byte) (tableId >>> 16), (byte) (tableId >>> 8),
                (byte) tableId};
    }

    /** @return the exclusive upper bound of the row keys of table {@code tableId} */
    public static byte[] upperBound(int tableId) {
        return KeyEncoder.prefixSuccessor(prefix(tableId));
    }

    /** @return the key encoder of {@code table}'s primary key (ascending, NULLs last) */
    public static KeyEncoder primaryKeyEncoder(TableDef table) {
        List<KeyColumn> cols = new ArrayList<>();
        for (int id : table.primaryKey()) {
            for (ColumnDef c : table.columns()) {
                if (c.id() == id) {
                    cols.add(KeyColumn.asc(c.type()));
                }
            }
        }
        return new KeyEncoder(cols);
    }

    /** @return the key of the row with primary-key values {@code pk} */
    public static byte[] rowKey(int tableId, KeyEncoder pkEncoder, List<?> pk) {
        return pkEncoder.encodePrefix(prefix(tableId), pk);
    }

    /** @return the key of the row with hidden row id {@code rowId} */
    public static byte[] rowIdKey(int tableId, long rowId) {
        byte[] k = new byte[13];
        System.arraycopy(prefix(tableId), 0, k, 0, 5);
        for (int i = 0; i < 8; i++) {
            k[5 + i] = (byte) (rowId >>> (56 - 8 * i));
        }
        return k;
    }

    /** @return the row id of a hidden-row-id key */
    public static long rowId(byte[] key) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (key[5 + i] & 0xff);
        }
        return v;
    }

    /** @return the key under which table {@code tableId}'s row count is kept */
    public static byte[] statsKey(int tableId) {
        return new byte[] {STATS_PREFIX, (byte) (tableId >>> 24), (byte) (tableId >>> 16), (byte) (tableId >>> 8),
                (byte) tableId};
    }
}
