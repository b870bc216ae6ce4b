package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Maps values to objects whose {@code equals}/{@code hashCode} agree with SQL equality of the
 * type, for hash tables (GROUP BY, DISTINCT, hash joins, set operations, IN lists): numerics
 * without trailing zeros (1.0 = 1.00), -0.0 as 0.0, {@code char(n)} without trailing blanks,
 * bytea by content, integers of any width as {@code Long}. Thread-safe (stateless).
 */
public final class KeyNormalizer {
    private KeyNormalizer() {
    }

    /** @return the hash-table form of {@code value} of {@code type} ({@code null} stays null) */
    public static Object normalize(DataType type, Object value) {
        if (value == null) {
            return null;
        }
        switch (type.id()) {
            case SMALLINT, INTEGER, BIGINT:
                return ((Number) value).longValue();
            case REAL, DOUBLE: {
                double d = ((Number) value).doubleValue();
                return d == 0.0 ? 0.0 : Double.isNaN(d) ? Double.NaN : d;
            }
            case NUMERIC: {
                BigDecimal b = (BigDecimal) value;
                return b.signum() == 0 ? BigDecimal.ZERO : b.stripTrailingZeros();
            }
            case CHAR:
                return Values.stripTrailingBlanks((String) value);
            case BYTEA:
                return ByteBuffer.wrap((byte[]) value);
            case TIMESTAMPTZ:
                return ((java.time.OffsetDateTime) value).toInstant();
            default:
                return value;
        }
    }

    /** A row of normalized values usable as a hash key; NULLs compare equal (for DISTINCT and GROUP BY). */
    public record Key(Object[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(values, k.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        /** @return whether any value is NULL (such keys never match in joins) */
        public boolean hasNull() {
            for (Object v : values) {
                if (v == null) {
                    return true;
                }
            }
            return false;
        }
    }

    /** @return the key of the values at {@code row} of {@code vectors} */
    public static Key key(List<DataType> types, Vector[] vectors, int row) {
        Object[] values = new Object[vectors.length];
        for (int j = 0; j < vectors.length; j++) {
            values[j] = normalize(types.get(j), vectors[j].get(row));
        }
        return new Key(values);
    }

    /**
     * @return the hash of row {@code i}'s values in {@code vectors} as {@link Key#hashCode} hashes
     *     their normalized values ({@link java.util.Arrays#hashCode(Object[])}, NULL as 0), computed
     *     from the primitive arrays for integers, floats and booleans
     * @param normalized where the normalized values of the object-layout columns go ({@code
     *     null} elsewhere in it), or {@code null}
     */
    static int hash(List<DataType> types, Vector[] vectors, int i, Object[] normalized) {
        int h = 1;
        for (int j = 0; j < vectors.length; j++) {
            Vector v = vectors[j];
            int x;
            if (v.isNull(i)) {
                x = 0;
                if (normalized != null) {
                    normalized[j] = null;
                }
            } else {
                switch (v.layout()) {
                    case LONG -> x = Long.hashCode(v.longs()[i]);
                    case DOUBLE -> x = Double.hashCode(normalized(v.doubles()[i]));
                    case BOOLEAN -> x = Boolean.hashCode(v.booleans()[i]);
                    default -> {
                        Object n = normalize(types.get(j), v.objects()[i]);
                        if (normalized != null) {
                            normalized[j] = n;
                        }
                        x = n.hashCode();
                    }
                }
            }
            h = 31 * h + x;
        }
        return h;
    }

    /** @return {@code d} as a hash key: -0.0 as 0.0 (NaN hashes as one value already) */
    static double normalized(double d) {
        return d == 0.0 ? 0.0 : d;
    }

    /** @return {@code h} mixed for a power-of-two table: Fibonacci hashing, the high bits folded into the low ones */
    static int spread(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 16);
    }

    /** @return the key of a materialized row */
    public static Key key(List<DataType> types, Object[] row) {
        Object[] values = new Object[row.length];
        for (int j = 0; j < row.length; j++) {
            values[j] = normalize(types.get(j), row[j]);
        }
        return new Key(values);
    }
}
