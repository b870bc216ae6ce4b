package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import java.util.Comparator;
import java.util.List;

/**
 * Orders materialized sort keys by a list of ORDER BY keys: PostgreSQL's btree order per type
 * ({@link Values#compare}), ASC or DESC, NULLS FIRST or LAST. Thread-safe (immutable).
 */
final class RowComparator implements Comparator<Object[]> {
    private final DataType[] types;
    private final boolean[] descending;
    private final boolean[] nullsFirst;

    RowComparator(List<DataType> types, boolean[] descending, boolean[] nullsFirst) {
        this.types = types.toArray(new DataType[0]);
        this.descending = descending;
        this.nullsFirst = nullsFirst;
    }

    @Override
    public int compare(Object[] a, Object[] b) {
        for (int i = 0; i < types.length; i++) {
            Object x = a[i];
            Object y = b[i];
            int c;
            if (x == null || y == null) {
                if (x == y) {
                    continue;
                }
                c = (x == null) == nullsFirst[i] ? -1 : 1;
                return c;
            }
            c = Values.compare(types[i], x, y);
            if (c != 0) {
                return descending[i] ? -c : c;
            }
        }
        return 0;
    }
}
