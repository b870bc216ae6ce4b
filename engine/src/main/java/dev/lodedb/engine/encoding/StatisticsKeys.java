package dev.lodedb.engine.encoding;

/**
 * The keys of the column statistics ANALYZE gathers (docs/engine/encoding.md, "Column
 * statistics"): {@code 0x07 | table id (4 bytes, big-endian)} holds the table's entry (rows when
 * analyzed), {@code 0x07 | table id | column id (4 bytes, big-endian)} one column's. All of a table's
 * statistics share the 5-byte prefix, so dropping them is one range delete. The per-table row
 * counts kept by every statement stay under {@code 0x05} ({@link TableKeys#statsKey}). Thread-safe
 * (stateless).
 */
public final class StatisticsKeys {
    /** Leading byte of column statistics. */
    public static final byte PREFIX = 0x07;

    private StatisticsKeys() {
    }

    /** @return the key of table {@code tableId}'s entry, also the prefix of its column entries */
    public static byte[] tableKey(int tableId) {
        return new byte[] {PREFIX, (byte) (tableId >>> 24), (byte) (tableId >>> 16), (byte) (tableId >>> 8),
                (byte) tableId};
    }

    /** @return the key of column {@code columnId}'s statistics of table {@code tableId} */
    public static byte[] columnKey(int tableId, int columnId) {
        byte[] k = new byte[9];
        System.arraycopy(tableKey(tableId), 0, k, 0, 5);
        k[5] = (byte) (columnId >>> 24);
        k[6] = (byte) (columnId >>> 16);
        k[7] = (byte) (columnId >>> 8);
        k[8] = (byte) columnId;
        return k;
    }

    /** @return the column id of a column key */
    public static int columnId(byte[] columnKey) {
        return ((columnKey[5] & 0xff) << 24) | ((columnKey[6] & 0xff) << 16) | ((columnKey[7] & 0xff) << 8)
                | (columnKey[8] & 0xff);
    }

    /** @return the exclusive upper bound of every statistics key of table {@code tableId} */
    public static byte[] upperBound(int tableId) {
        return KeyEncoder.prefixSuccessor(tableKey(tableId));
    }
}
