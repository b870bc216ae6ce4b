package dev.lodedb.storage;

import java.util.Arrays;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The in-memory reference that {@link ModelChecker} compares stores with: a sorted map in unsigned
 * lexicographic key order, and a reference iterator over a (bounded) view of it. A snapshot of
 * the model is a {@link #copy()}; arrays stored in it are never modified. Not thread-safe.
 */
public final class StoreModel {
    private final TreeMap<byte[], byte[]> map;

    /** Creates an empty model. */
    public StoreModel() {
        map = new TreeMap<>(Arrays::compareUnsigned);
    }

    private StoreModel(TreeMap<byte[], byte[]> map) {
        this.map = map;
    }

    /** @return an independent copy (a snapshot) of this model */
    public StoreModel copy() {
        return new StoreModel(new TreeMap<>(map));
    }

    /** @return the value of {@code key}, or null */
    public byte[] get(byte[] key) {
        return map.get(key);
    }

    /** Sets {@code key} to {@code value}. */
    public void put(byte[] key, byte[] value) {
        map.put(key, value);
    }

    /** Removes {@code key}. */
    public void delete(byte[] key) {
        map.remove(key);
    }

    /** Removes {@code [start, end)}; nothing when {@code start >= end}. */
    public void deleteRange(byte[] start, byte[] end) {
        if (Arrays.compareUnsigned(start, end) < 0) {
            map.subMap(start, true, end, false).clear();
        }
    }

    /** Applies a batch's operations in order. */
    public void apply(WriteBatch batch) {
        batch.forEach(new WriteBatch.Handler() {
            @Override
            public void put(byte[] key, byte[] value) {
                StoreModel.this.put(key, value);
            }

            @Override
            public void delete(byte[] key) {
                StoreModel.this.delete(key);
            }

            @Override
            public void deleteRange(byte[] start, byte[] end) {
                StoreModel.this.deleteRange(start, end);
            }
        });
    }

    /** @return number of live keys */
    public int size() {
        return map.size();
    }

    /** @return the least key {@code >= key}, or null */
    public byte[] ceilingKey(byte[] key) {
        return map.ceilingKey(key);
    }

    /** @return the first key, or null when empty */
    public byte[] firstKey() {
        return map.isEmpty() ? null : map.firstKey();
    }

    /** @return an unmodifiable view of the whole map, in key order */
    public NavigableMap<byte[], byte[]> entries() {
        return Collections.unmodifiableNavigableMap(map);
    }

    /**
     * @param lower inclusive lower bound, or null
     * @param upper exclusive upper bound, or null
     * @return the live view an iterator with these bounds sees (empty when {@code lower >= upper})
     */
    public NavigableMap<byte[], byte[]> view(byte[] lower, byte[] upper) {
        if (lower != null && upper != null) {
            if (Arrays.compareUnsigned(lower, upper) >= 0) {
                return Collections.emptyNavigableMap();
            }
            return map.subMap(lower, true, upper, false);
        }
        if (lower != null) {
            return map.tailMap(lower, true);
        }
        if (upper != null) {
            return map.headMap(upper, false);
        }
        return map;
    }

    /**
     * The reference behaviour of a {@link StoreIterator} over a fixed view: positions are keys of
     * the view, {@code null} meaning invalid.
     */
    public static final class Cursor {
        private final NavigableMap<byte[], byte[]> view;
        private byte[] key;

        /** @param view the entries the cursor ranges over (not modified while it is used) */
        public Cursor(NavigableMap<byte[], byte[]> view) {
            this.view = view;
        }

        /** @return whether positioned at an entry */
        public boolean isValid() {
            return key != null;
        }

        /** @return the current key (null when invalid) */
        public byte[] key() {
            return key;
        }

        /** @return the current value (null when invalid) */
        public byte[] value() {
            return key == null ? null : view.get(key);
        }

        /** Moves to the first key of the view. */
        public void seekToFirst() {
            key = view.isEmpty() ? null : view.firstKey();
        }

        /** Moves to the last key of the view. */
        public void seekToLast() {
            key = view.isEmpty() ? null : view.lastKey();
        }

        /** Moves to the first key {@code >= target}. */
        public void seek(byte[] target) {
            key = view.ceilingKey(target);
        }

        /** Moves to the last key {@code <= target}. */
        public void seekForPrev(byte[] target) {
            key = view.floorKey(target);
        }

        /** Moves to the next key; requires a valid position. */
        public void next() {
            key = view.higherKey(key);
        }

        /** Moves to the previous key; requires a valid position. */
        public void prev() {
            key = view.lowerKey(key);
        }
    }
}
