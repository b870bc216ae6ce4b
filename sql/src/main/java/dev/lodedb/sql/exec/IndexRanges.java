package dev.lodedb.sql.exec;

import dev.lodedb.engine.encoding.IndexKeys;
import dev.lodedb.engine.encoding.KeyColumn;
import dev.lodedb.engine.encoding.KeyEncoder;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.IndexBounds;
import dev.lodedb.storage.StoreIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns an index scan's {@link IndexBounds} into byte ranges of the index's key space when the
 * scan opens (evaluating the bound values once), and walks the entries of those ranges in key
 * order through the statement's snapshot.
 *
 * <p>Each combination of the equality values gives the prefix {@code head} = index prefix + the
 * encoded values; without a range the entries are {@code [head, successor(head))}. A range on the
 * next key element starts from its non-NULL part {@code [head 01, head 02)} (marker bytes, see
 * {@link KeyEncoder}) and narrows it by the encoded bound {@code b}: on an ascending element
 * {@code > v} starts at {@code successor(b)}, {@code >= v} at {@code b}, {@code < v} ends at
 * {@code b}, {@code <= v} at {@code successor(b)}; on a descending element the byte order is
 * reversed, so a lower bound of the value narrows the upper end of the bytes and the reverse. A
 * NULL value (in {@code =}, IN or a bound) matches nothing. The ranges are sorted and merged, so
 * duplicate IN values read each entry once and the output is in index order. Not thread-safe.
 */
final class IndexRanges {
    private final KeyEncoder encoder;
    private final byte[] prefix;
    private final IndexBounds bounds;
    private final List<List<Evaluator>> equalityValues = new ArrayList<>();
    private final Evaluator lower;
    private final Evaluator upper;
    private List<byte[][]> ranges;
    private int next;
    private StoreIterator it;
    private ExecContext ctx;

    IndexRanges(KeyEncoder encoder, int indexId, IndexBounds bounds) {
        this.encoder = encoder;
        this.prefix = IndexKeys.prefix(indexId);
        this.bounds = bounds;
        for (IndexBounds.Equality e : bounds.equalities()) {
            equalityValues.add(ExpressionCompiler.all(e.values()));
        }
        this.lower = compile(bounds.lower());
        this.upper = compile(bounds.upper());
    }

    private static Evaluator compile(BoundExpr e) {
        return e == null ? null : ExpressionCompiler.compile(e);
    }

    /** Computes the ranges; the cursor is before the first entry. */
    void open(ExecContext context) {
        close();
        this.ctx = context;
        List<List<Object>> prefixes = new ArrayList<>();
        prefixes.add(new ArrayList<>());
        for (int k = 0; k < equalityValues.size(); k++) {
            List<Object> values = new ArrayList<>();
            if (bounds.equalities().get(k).isNull()) {
                values.add(null);
            } else {
                for (Evaluator e : equalityValues.get(k)) {
                    Object v = e.evaluateOnce(ctx);
                    if (v != null) {
                        values.add(v);
                    }
                }
            }
            List<List<Object>> grown = new ArrayList<>();
            for (List<Object> p : prefixes) {
                for (Object v : values) {
                    List<Object> q = new ArrayList<>(p);
                    q.add(v);
                    grown.add(q);
                }
            }
            prefixes = grown;
        }
        Object lo = lower == null ? null : lower.evaluateOnce(ctx);
        Object hi = upper == null ? null : upper.evaluateOnce(ctx);
        List<byte[][]> out = new ArrayList<>();
        boolean empty = lower != null && lo == null || upper != null && hi == null;
        for (List<Object> p : empty ? List.<List<Object>>of() : prefixes) {
            byte[] head = encoder.encodePrefix(prefix, p);
            if (!bounds.hasRange()) {
                out.add(new byte[][] {head, KeyEncoder.prefixSuccessor(head)});
                continue;
            }
            KeyColumn column = encoder.columns().get(p.size());
            byte[] from = append(head, KeyEncoder.NOT_NULL);
            byte[] to = append(head, KeyEncoder.NULL_LAST);
            if (lower != null) {
                byte[] b = bound(p, lo);
                if (column.descending()) {
                    to = bounds.lowerInclusive() ? KeyEncoder.prefixSuccessor(b) : b;
                } else {
                    from = bounds.lowerInclusive() ? b : KeyEncoder.prefixSuccessor(b);
                }
            }
            if (upper != null) {
                byte[] b = bound(p, hi);
                if (column.descending()) {
                    from = bounds.upperInclusive() ? b : KeyEncoder.prefixSuccessor(b);
                } else {
                    to = bounds.upperInclusive() ? KeyEncoder.prefixSuccessor(b) : b;
                }
            }
            if (Arrays.compareUnsigned(from, to) < 0) {
                out.add(new byte[][] {from, to});
            }
        }
        out.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        List<byte[][]> merged = new ArrayList<>();
        for (byte[][] r : out) {
            byte[][] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && Arrays.compareUnsigned(r[0], last[1]) <= 0) {
                if (Arrays.compareUnsigned(r[1], last[1]) > 0) {
                    last[1] = r[1];
                }
            } else {
                merged.add(r);
            }
        }
        ranges = merged;
        next = 0;
    }

    private byte[] bound(List<Object> p, Object value) {
        List<Object> q = new ArrayList<>(p);
        q.add(value);
        return encoder.encodePrefix(prefix, q);
    }

    private static byte[] append(byte[] head, int b) {
        byte[] out = Arrays.copyOf(head, head.length + 1);
        out[head.length] = (byte) b;
        return out;
    }

    /** @return whether the cursor moved to another entry ({@link #key()}, {@link #value()}) */
    boolean next() {
        if (it != null && it.isValid()) {
            it.next();
        }
        while (it == null || !it.isValid()) {
            if (it != null) {
                it.close();
                it = null;
            }
            if (ranges == null || next >= ranges.size()) {
                return false;
            }
            byte[][] r = ranges.get(next++);
            it = ctx.store().newIterator(ctx.readOptions().withBounds(r[0], r[1]));
            it.seekToFirst();
        }
        return true;
    }

    /** @return the current entry's key */
    byte[] key() {
        return it.key();
    }

    /** @return the current entry's value */
    byte[] value() {
        return it.value();
    }

    /** Closes the open iterator. */
    void close() {
        if (it != null) {
            it.close();
            it = null;
        }
        ranges = null;
    }
}
