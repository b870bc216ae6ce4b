package dev.lodedb.storage.lsm;

import dev.lodedb.storage.sstable.RangeTombstone;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A set of range tombstones cut into non-overlapping fragments, each remembering the highest
 * sequence number of the tombstones covering it, restricted to tombstones with sequence at most
 * a given bound (a snapshot). Answers "is this version of the key deleted by a range tombstone?"
 * with one binary search. The fragmenting idea follows RocksDB's
 * {@code FragmentedRangeTombstoneList} (DeleteRange design notes), simplified to the one question
 * a single snapshot asks: the newest covering tombstone visible to it.
 *
 * <p>Immutable after construction and thread-safe.
 */
final class FragmentedRangeTombstones {
    static final FragmentedRangeTombstones EMPTY = new FragmentedRangeTombstones(new byte[0][], new byte[0][], new long[0]);

    private final byte[][] starts;
    private final byte[][] ends;
    private final long[] maxSeq;

    private FragmentedRangeTombstones(byte[][] starts, byte[][] ends, long[] maxSeq) {
        this.starts = starts;
        this.ends = ends;
        this.maxSeq = maxSeq;
    }

    /**
     * Fragments the tombstones in {@code sources} whose sequence is at most {@code visibleSeq}.
     * Runs in O(n log n + n * f) for n tombstones and f fragments; tombstones are rare.
     */
    static FragmentedRangeTombstones build(Collection<? extends Collection<RangeTombstone>> sources, long visibleSeq) {
        List<RangeTombstone> ts = new ArrayList<>();
        for (Collection<RangeTombstone> c : sources) {
            for (RangeTombstone t : c) {
                if (t.sequence() <= visibleSeq && Arrays.compareUnsigned(t.start(), t.end()) < 0) {
                    ts.add(t);
                }
            }
        }
        if (ts.isEmpty()) {
            return EMPTY;
        }
        TreeSet<byte[]> points = new TreeSet<>(Arrays::compareUnsigned);
        for (RangeTombstone t : ts) {
            points.add(t.start());
            points.add(t.end());
        }
        byte[][] bounds = points.toArray(new byte[0][]);
        long[] seq = new long[bounds.length - 1];
        for (RangeTombstone t : ts) {
            int from = Arrays.binarySearch(bounds, t.start(), Arrays::compareUnsigned);
            int to = Arrays.binarySearch(bounds, t.end(), Arrays::compareUnsigned);
            for (int i = from; i < to; i++) {
                seq[i] = Math.max(seq[i], t.sequence());
            }
        }
        List<byte[]> s = new ArrayList<>();
        List<byte[]> e = new ArrayList<>();
        List<Long> m = new ArrayList<>();
        for (int i = 0; i < seq.length; i++) {
            if (seq[i] == 0) {
                continue;
            }
            int last = s.size() - 1;
            if (last >= 0 && m.get(last) == seq[i] && Arrays.equals(e.get(last), bounds[i])) {
                e.set(last, bounds[i + 1]);
            } else {
                s.add(bounds[i]);
                e.add(bounds[i + 1]);
                m.add(seq[i]);
            }
        }
        long[] ms = new long[m.size()];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = m.get(i);
        }
        return new FragmentedRangeTombstones(s.toArray(new byte[0][]), e.toArray(new byte[0][]), ms);
    }

    boolean isEmpty() {
        return maxSeq.length == 0;
    }

    /** @return the highest sequence of a tombstone covering {@code userKey}, or 0 if none */
    long maxCoveringSequence(byte[] userKey) {
        int hi = lastStartingAtOrBefore(userKey);
        if (hi >= 0 && Arrays.compareUnsigned(userKey, ends[hi]) < 0) {
            return maxSeq[hi];
        }
        return 0;
    }

    /** @return the index of the last fragment whose start is at or before {@code userKey}, or -1 (binary search) */
    private int lastStartingAtOrBefore(byte[] userKey) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Arrays.compareUnsigned(starts[mid], userKey) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    /** @return whether the version of {@code userKey} at {@code sequence} is deleted by a range tombstone */
    boolean covers(byte[] userKey, long sequence) {
        return maxSeq.length != 0 && maxCoveringSequence(userKey) > sequence;
    }

    /** @return a {@link Cursor} over these tombstones, for one iterator */
    Cursor cursor() {
        return new Cursor();
    }

    /**
     * {@link #covers} for an iterator, whose keys come in order: the answer for the last key holds
     * for the whole key range between fragment boundaries that contains it, so a run of keys inside
     * one such range costs two comparisons each instead of a binary search over the fragments.
     * Not thread-safe (one per iterator).
     */
    final class Cursor {
        /** The range [{@code from}, {@code to}) the cached {@code sequence} holds for; {@code to} null = unbounded. */
        private byte[] from;
        private byte[] to;
        private long sequence;

        private Cursor() {
        }

        /** @return whether the version of {@code userKey} at {@code seq} is deleted by a range tombstone */
        boolean covers(byte[] userKey, long seq) {
            if (maxSeq.length == 0) {
                return false;
            }
            if (from == null || Arrays.compareUnsigned(userKey, from) < 0
                    || (to != null && Arrays.compareUnsigned(userKey, to) >= 0)) {
                locate(userKey);
            }
            return sequence > seq;
        }

        private void locate(byte[] userKey) {
            int hi = lastStartingAtOrBefore(userKey);
            if (hi >= 0 && Arrays.compareUnsigned(userKey, ends[hi]) < 0) {
                from = starts[hi];
                to = ends[hi];
                sequence = maxSeq[hi];
            } else {
                from = hi >= 0 ? ends[hi] : NO_KEY;
                to = hi + 1 < starts.length ? starts[hi + 1] : null;
                sequence = 0;
            }
        }
    }

    private static final byte[] NO_KEY = new byte[0];
}
