package dev.lodedb.engine.encoding;

import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.TableDef;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of table rows in the store (docs/sql/design.md, "Data in the store"):
 * {@code 0x02 | table id (4 bytes, big-endian) | primary key (KeyEncoder)} or, for a table without
 * a primary key, {@code ... | row id (8 bytes, big-endian)}. Also the per-table statistics key
 * {@code 0x05 | table id}. Thread-safe (stateless apart from the immutable encoders it builds).
 */
public final class TableKeys {
    /** Leading byte of table rows. */
    public static final byte ROW_PREFIX = 0x02;
    /** Leading byte of table statistics. */
    public static final byte STATS_PREFIX = 0x05;

    private TableKeys() {
    }

    /** @return the 5-byte prefix of every row key of table {@code tableId} */
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
