package dev.lodedb.storage;

import static dev.lodedb.storage.ModelGenerator.show;
import static dev.lodedb.storage.ModelGenerator.showValue;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;

/**
 * The iterator part of a {@link ModelChecker} run: random moves (seeks, steps in both directions)
 * applied to a {@link StoreModel.Cursor} and to the iterators of the stores under test alike, and
 * the comparisons after each move and of full scans. Not thread-safe.
 */
final class IteratorWalk {
    private final Random rnd;
    private final ModelGenerator gen;
    private final String[] names;

    /**
     * @param rnd the run's random source
     * @param gen draws seek targets
     * @param names the names of the stores, in iterator order
     */
    IteratorWalk(Random rnd, ModelGenerator gen, String[] names) {
        this.rnd = rnd;
        this.gen = gen;
        this.names = names;
    }

    /** Makes one random move on the cursor and on every iterator, and appends it to {@code op}. */
    void move(StringBuilder op, StoreModel.Cursor cursor, StoreIterator[] its) {
        int r = rnd.nextInt(cursor.isValid() ? 100 : 50);
        if (r < 8) {
            op.append(" first");
            cursor.seekToFirst();
            for (StoreIterator it : its) {
                it.seekToFirst();
            }
        } else if (r < 16) {
            op.append(" last");
            cursor.seekToLast();
            for (StoreIterator it : its) {
                it.seekToLast();
            }
        } else if (r < 33) {
            byte[] t = gen.seekTarget();
            op.append(" seek(").append(show(t)).append(')');
            cursor.seek(t);
            for (StoreIterator it : its) {
                it.seek(t);
            }
        } else if (r < 50) {
            byte[] t = gen.seekTarget();
            op.append(" seekForPrev(").append(show(t)).append(')');
            cursor.seekForPrev(t);
            for (StoreIterator it : its) {
                it.seekForPrev(t);
            }
        } else if (r < 75) {
            op.append(" next");
            cursor.next();
            for (StoreIterator it : its) {
                it.next();
            }
        } else {
            op.append(" prev");
            cursor.prev();
            for (StoreIterator it : its) {
                it.prev();
            }
        }
    }

    /**
     * Compares every iterator's position and entry with the cursor's.
     *
     * @throws AssertionError naming the store that differs and what the others say
     */
    void compare(StoreModel.Cursor cursor, StoreIterator[] its) {
        for (int i = 0; i < its.length; i++) {
            StoreIterator it = its[i];
            boolean valid = it.isValid();
            if (valid != cursor.isValid()) {
                fail("iterator: model " + (cursor.isValid() ? "at " + show(cursor.key()) : "invalid") + ", "
                        + names[i] + " " + (valid ? "at " + show(it.key()) : "invalid")
                        + others(its, i));
            }
            if (valid) {
                byte[] k = it.key();
                if (!Arrays.equals(k, cursor.key())) {
                    fail("iterator: model at " + show(cursor.key()) + ", " + names[i] + " at " + show(k)
                            + others(its, i));
                }
                byte[] v = it.value();
                if (!Arrays.equals(v, cursor.value())) {
                    fail("iterator at " + show(k) + ": model value " + showValue(cursor.value()) + ", " + names[i]
                            + " " + showValue(v));
                }
            }
        }
    }

    private String others(StoreIterator[] its, int except) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < its.length; i++) {
            if (i != except) {
                sb.append(", ").append(names[i]).append(' ')
                        .append(its[i].isValid() ? "at " + show(its[i].key()) : "invalid");
            }
        }
        return sb.toString();
    }

    /**
     * Walks {@code it} from one end to the other and compares it entry by entry with {@code m}.
     *
     * @throws AssertionError at the first difference
     */
    static void scan(StoreIterator it, String name, StoreModel m, boolean forward) {
        Iterator<Map.Entry<byte[], byte[]>> expected = forward ? m.entries().entrySet().iterator()
                : m.entries().descendingMap().entrySet().iterator();
        if (forward) {
            it.seekToFirst();
        } else {
            it.seekToLast();
        }
        for (int n = 0; it.isValid(); n++) {
            byte[] k = it.key();
            if (!expected.hasNext()) {
                throw new AssertionError("scan: " + name + " has extra key " + show(k) + " after " + n + " entries");
            }
            Map.Entry<byte[], byte[]> e = expected.next();
            if (!Arrays.equals(e.getKey(), k)) {
                throw new AssertionError("scan entry #" + n + ": model " + show(e.getKey()) + ", " + name + " "
                        + show(k));
            }
            if (!Arrays.equals(e.getValue(), it.value())) {
                throw new AssertionError("scan at " + show(k) + ": model value " + showValue(e.getValue()) + ", "
                        + name + " " + showValue(it.value()));
            }
            if (forward) {
                it.next();
            } else {
                it.prev();
            }
        }
        if (expected.hasNext()) {
            throw new AssertionError("scan: " + name + " ends early, model continues with "
                    + show(expected.next().getKey()) + " (" + m.size() + " keys)");
        }
    }

    private static void fail(String message) {
        throw new AssertionError(message);
    }
}
