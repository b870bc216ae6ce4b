package dev.lodedb.engine.transaction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The keys written by recently committed transactions, kept while a serializable transaction that
 * started before them is still open, so that it can validate its {@link ReadSet} at commit.
 * Each commit is numbered by the database (its commit number); a transaction remembers the number
 * of the last commit its snapshot includes.
 *
 * <p>Bounded memory: a commit of more than {@link #MAX_KEYS} keys is recorded as the ranges of
 * the tables and indexes it touched (whole objects), which may cause an unnecessary abort but
 * never misses a conflict. Thread-safe (synchronized).
 */
public final class CommitLog {
    /** Keys recorded exactly per commit before it is widened to whole tables and indexes. */
    public static final int MAX_KEYS = 10_000;
    /** The length of the key prefix that names a table or index (kind byte and 4-byte id). */
    public static final int OBJECT_PREFIX = 5;

    /** One commit: its number, and its sorted keys or (when widened) sorted object prefixes. */
    private record Entry(long commitNo, byte[][] keys, boolean widened) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    /**
     * Records a commit's written keys.
     *
     * @param commitNo the commit's number (increasing)
     * @param sortedKeys the keys in unsigned byte order
     */
    public synchronized void add(long commitNo, List<byte[]> sortedKeys) {
        if (sortedKeys.size() <= MAX_KEYS) {
            entries.addLast(new Entry(commitNo, sortedKeys.toArray(new byte[0][]), false));
            return;
        }
        List<byte[]> prefixes = new ArrayList<>();
        for (byte[] k : sortedKeys) {
            byte[] p = Arrays.copyOf(k, Math.min(k.length, OBJECT_PREFIX));
            if (prefixes.isEmpty() || !Arrays.equals(prefixes.get(prefixes.size() - 1), p)) {
                prefixes.add(p);
            }
        }
        entries.addLast(new Entry(commitNo, prefixes.toArray(new byte[0][]), true));
    }

    /**
     * Records a commit by the objects it wrote rather than its keys (a transaction too large to
     * list them, see {@link UndoLog}).
     *
     * @param commitNo the commit's number (increasing)
     * @param objectPrefixes the first {@link #OBJECT_PREFIX} bytes (or fewer) of the keys written,
     *     in unsigned byte order
     */
    public synchronized void addObjects(long commitNo, java.util.Collection<byte[]> objectPrefixes) {
        entries.addLast(new Entry(commitNo, objectPrefixes.toArray(new byte[0][]), true));
    }

    /**
     * @param afterCommitNo the last commit the validating transaction's snapshot includes
     * @return a key written by a later commit that lies in {@code reads}, or {@code null} when none
     *     does (for a widened commit, the object prefix that overlaps)
     */
    public synchronized byte[] conflict(long afterCommitNo, ReadSet reads) {
        for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext();) {
            Entry e = it.next();
            if (e.commitNo() <= afterCommitNo) {
                break;
            }
            for (byte[][] r : reads.ranges()) {
                byte[] hit = e.widened() ? overlapWidened(e.keys(), r[0], r[1]) : firstIn(e.keys(), r[0], r[1]);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }

    /** @return the first of the sorted keys in {@code [lo, hi)}, or {@code null} */
    private static byte[] firstIn(byte[][] keys, byte[] lo, byte[] hi) {
        int i = lo == null ? 0 : lowerBound(keys, lo);
        if (i < keys.length && (hi == null || Arrays.compareUnsigned(keys[i], hi) < 0)) {
            return keys[i];
        }
        return null;
    }

    /** @return a prefix whose object overlaps {@code [lo, hi)}, or {@code null} */
    private static byte[] overlapWidened(byte[][] prefixes, byte[] lo, byte[] hi) {
        for (byte[] p : prefixes) {
            // the object's keys are [p, successor(p)); it overlaps unless entirely below lo or at/above hi
            boolean belowHi = hi == null || Arrays.compareUnsigned(p, hi) < 0;
            boolean aboveLo = lo == null || lo.length < p.length
                    ? lo == null || Arrays.compareUnsigned(p, Arrays.copyOf(lo, Math.min(lo.length, p.length))) >= 0
                    : Arrays.compareUnsigned(p, Arrays.copyOf(lo, p.length)) >= 0;
            if (belowHi && aboveLo) {
                return p;
            }
        }
        return null;
    }

    private static int lowerBound(byte[][] keys, byte[] target) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Arrays.compareUnsigned(keys[mid], target) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Forgets the commits at or before {@code commitNo} (no open transaction needs them any more). */
    public synchronized void truncate(long commitNo) {
        while (!entries.isEmpty() && entries.peekFirst().commitNo() <= commitNo) {
            entries.removeFirst();
        }
    }

    /** @return the number of commits recorded */
    public synchronized int size() {
        return entries.size();
    }
}
