package dev.lodedb.engine.transaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a serializable transaction has read: key ranges {@code [lower, upper)} (a point read is the
 * range holding just that key). At commit they are checked against the keys written by the
 * transactions that committed since its snapshot ({@link CommitLog#conflict}); an overlap means
 * the transaction may have read a state that no serial order produces, and it aborts. This is
 * backward validation as in Kung and Robinson, "On Optimistic Methods for Concurrency Control"
 * (TODS 1981), over ranges so that phantoms are caught too.
 *
 * <p>Bounded memory: beyond {@link #MAX_RANGES} recorded ranges, every range is widened to the
 * whole table or index it lies in (its first 5 key bytes: kind and id), which may cause an
 * unnecessary abort but never misses a conflict. Not thread-safe.
 */
public final class ReadSet {
    /** Ranges kept exactly before they are widened to whole tables and indexes. */
    public static final int MAX_RANGES = 50_000;
    private static final int OBJECT_PREFIX = 5;

    private final List<byte[][]> ranges = new ArrayList<>();
    private boolean widened;

    /**
     * Records a range read.
     *
     * @param lower the inclusive lower bound, or {@code null} for the start of the key space
     * @param upper the exclusive upper bound, or {@code null} for its end
     */
    public void range(byte[] lower, byte[] upper) {
        add(lower, upper);
    }

    /** Records a read of one key. */
    public void point(byte[] key) {
        byte[] upper = Arrays.copyOf(key, key.length + 1);
        add(key, upper);
    }

    private void add(byte[] lower, byte[] upper) {
        if (widened) {
            byte[][] w = widen(lower, upper);
            if (!ranges.isEmpty()) {
                byte[][] last = ranges.get(ranges.size() - 1);
                if (Arrays.equals(last[0], w[0]) && Arrays.equals(last[1], w[1])) {
                    return;
                }
            }
            ranges.add(w);
            if (ranges.size() > MAX_RANGES) {
                dedupe();
            }
            return;
        }
        ranges.add(new byte[][] {lower, upper});
        if (ranges.size() > MAX_RANGES) {
            widened = true;
            List<byte[][]> old = new ArrayList<>(ranges);
            ranges.clear();
            for (byte[][] r : old) {
                ranges.add(widen(r[0], r[1]));
            }
            dedupe();
        }
    }

    private void dedupe() {
        ranges.sort((a, b) -> compareLower(a[0], b[0]));
        List<byte[][]> out = new ArrayList<>();
        for (byte[][] r : ranges) {
            if (!out.isEmpty()) {
                byte[][] last = out.get(out.size() - 1);
                if (Arrays.equals(last[0], r[0]) && Arrays.equals(last[1], r[1])) {
                    continue;
                }
            }
            out.add(r);
        }
        ranges.clear();
        ranges.addAll(out);
    }

    /** @return the range widened to the table or index its lower bound lies in (unbounded if it spans several) */
    private static byte[][] widen(byte[] lower, byte[] upper) {
        if (lower == null || lower.length < OBJECT_PREFIX) {
            return new byte[][] {null, null};
        }
        byte[] lo = Arrays.copyOf(lower, OBJECT_PREFIX);
        byte[] hi = successor(lo);
        if (upper != null && Arrays.compareUnsigned(upper, hi) > 0) {
            return new byte[][] {null, null};
        }
        return new byte[][] {lo, hi};
    }

    private static byte[] successor(byte[] prefix) {
        byte[] s = prefix.clone();
        for (int i = s.length - 1; i >= 0; i--) {
            if (s[i] != (byte) 0xFF) {
                s[i]++;
                return Arrays.copyOf(s, i + 1);
            }
        }
        return null;
    }

    private static int compareLower(byte[] a, byte[] b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return Arrays.compareUnsigned(a, b);
    }

    /** @return whether {@code key} lies in one of the ranges read */
    public boolean contains(byte[] key) {
        for (byte[][] r : ranges) {
            if ((r[0] == null || Arrays.compareUnsigned(key, r[0]) >= 0)
                    && (r[1] == null || Arrays.compareUnsigned(key, r[1]) < 0)) {
                return true;
            }
        }
        return false;
    }

    /** @return the recorded ranges as {@code [lower, upper]} pairs ({@code null} = unbounded); live view */
    public List<byte[][]> ranges() {
        return ranges;
    }

    /** @return whether nothing has been read */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Forgets everything read. */
    public void clear() {
        ranges.clear();
        widened = false;
    }
}
