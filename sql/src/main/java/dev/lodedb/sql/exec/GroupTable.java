package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import java.util.Arrays;
import java.util.List;

/**
 * The hash table of a vectorized hash aggregation: maps the group key of a row of key vectors to a
 * dense group number (0, 1, 2, ... in order of first appearance) without allocating per row. Keys
 * compare by SQL equality of their types as {@link KeyNormalizer} defines it (numerics without
 * trailing zeros, {@code char(n)} without trailing blanks, -0.0 = 0.0, NaN = NaN) and NULLs compare
 * equal (GROUP BY semantics). Open addressing with linear probing over a power-of-two slot array
 * kept at most half full; each group's normalized key values and hash are stored once, when the
 * group is created. Integer and floating-point keys are hashed and compared from the vectors'
 * primitive arrays; other types through their normalized objects. Not thread-safe (one per
 * operator execution).
 */
final class GroupTable {
    private final List<DataType> types;
    private final int width;
    /** Slot i holds a group number + 1, or 0 when empty. */
    private int[] slots = new int[64];
    private int[] hashes = new int[16];
    private Object[][] keys = new Object[16][];
    private int size;
    /** The normalized values of the row being looked up. */
    private final Object[] scratch;
    /** The hash of the row {@link #find} last did not find, for the {@link #add} that follows. */
    private int lastHash;

    /** @param types the types of the key columns */
    GroupTable(List<DataType> types) {
        this.types = types;
        this.width = types.size();
        this.scratch = new Object[width];
    }

    /** @return the number of groups */
    int size() {
        return size;
    }

    /** @return the normalized key values of group {@code g} ({@link KeyNormalizer#normalize}) */
    Object[] normalizedKey(int g) {
        return keys[g];
    }

    /**
     * @param vectors the key vectors
     * @param i the row
     * @return the group number of row {@code i}'s key, or {@code -(slot + 1)} when no group has it,
     *     to pass to {@link #add}
     */
    int find(Vector[] vectors, int i) {
        int h = KeyNormalizer.hash(types, vectors, i, scratch);
        int mask = slots.length - 1;
        int s = KeyNormalizer.spread(h) & mask;
        while (true) {
            int g = slots[s] - 1;
            if (g < 0) {
                lastHash = h;
                return -(s + 1);
            }
            if (hashes[g] == h && matches(keys[g], vectors, i)) {
                return g;
            }
            s = (s + 1) & mask;
        }
    }

    /**
     * @return whether row {@code i} of {@code vectors} has the key whose normalized values are
     *     {@code key} (as {@link #normalizedKeyOf} made them), under the same equality as {@link #find}
     */
    boolean sameKey(Object[] key, Vector[] vectors, int i) {
        KeyNormalizer.hash(types, vectors, i, scratch); // normalizes the row's object values into scratch
        return matches(key, vectors, i);
    }

    /** @return the normalized key values of row {@code i} of {@code vectors} (a new array) */
    Object[] normalizedKeyOf(Vector[] vectors, int i) {
        Object[] key = new Object[width];
        for (int j = 0; j < width; j++) {
            key[j] = KeyNormalizer.normalize(types.get(j), vectors[j].get(i));
        }
        return key;
    }

    /**
     * Creates the group of row {@code i}, right after {@link #find} returned {@code notFound} for it.
     *
     * @return the new group's number
     */
    int add(Vector[] vectors, int i, int notFound) {
        int g = size++;
        if (g == hashes.length) {
            hashes = Arrays.copyOf(hashes, g * 2);
            keys = Arrays.copyOf(keys, g * 2);
        }
        Object[] key = normalizedKeyOf(vectors, i);
        hashes[g] = lastHash;
        keys[g] = key;
        slots[-notFound - 1] = g + 1;
        if (size * 2 > slots.length) {
            grow();
        }
        return g;
    }

    private void grow() {
        int[] bigger = new int[slots.length * 2];
        int mask = bigger.length - 1;
        for (int g = 0; g < size; g++) {
            int s = KeyNormalizer.spread(hashes[g]) & mask;
            while (bigger[s] != 0) {
                s = (s + 1) & mask;
            }
            bigger[s] = g + 1;
        }
        slots = bigger;
    }

    /**
     * Compares a stored key with row {@code i}; OBJECT columns use the values {@link
     * KeyNormalizer#hash} just normalized into the scratch array.
     */
    private boolean matches(Object[] key, Vector[] vectors, int i) {
        for (int j = 0; j < width; j++) {
            Vector v = vectors[j];
            Object k = key[j];
            if (v.isNull(i)) {
                if (k != null) {
                    return false;
                }
                continue;
            }
            if (k == null) {
                return false;
            }
            boolean same = switch (v.layout()) {
                case LONG -> ((Long) k) == v.longs()[i];
                case DOUBLE -> Double.doubleToLongBits((Double) k)
                        == Double.doubleToLongBits(KeyNormalizer.normalized(v.doubles()[i]));
                case BOOLEAN -> ((Boolean) k) == v.booleans()[i];
                default -> k.equals(scratch[j]);
            };
            if (!same) {
                return false;
            }
        }
        return true;
    }
}
