package dev.lodedb.sql.exec;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An operator's rows as {@code Object[]} arrays of the row's {@code width} column values followed
 * by its key values (the key evaluators' results on that row), read a chunk at a time; shared by
 * the joins that hold rows by key ({@link HashJoin}, {@link MergeJoin}). Checks for cancellation
 * once per chunk. {@link #peek()} looks one row ahead without consuming it (a merge join's look at
 * the next key). The operator must be open. Not thread-safe.
 */
final class KeyedRows implements Iterator<Object[]> {
    private final Operator op;
    private final Evaluator[] keys;
    private final int width;
    private final ExecContext ctx;
    private DataChunk chunk;
    private Vector[] keyValues;
    private int k;
    private Object[] peeked;
    private KeyFilter filter;

    /** Tells from a row's key vectors that the row cannot be wanted, before it is materialized. */
    interface KeyFilter {
        /** @return false when row {@code i} of key vectors {@code keys} is certainly not wanted */
        boolean mayMatch(Vector[] keys, int i);
    }

    /** Skips, from now on, the rows {@code filter} rejects (without building their arrays). */
    void filter(KeyFilter filter) {
        this.filter = filter;
    }

    /**
     * @param op the open operator to read
     * @param keys evaluators over the operator's output whose values are appended to each row
     * @param width the operator's column count
     * @param ctx the statement's context
     */
    KeyedRows(Operator op, Evaluator[] keys, int width, ExecContext ctx) {
        this.op = op;
        this.keys = keys;
        this.width = width;
        this.ctx = ctx;
    }

    @Override
    public boolean hasNext() {
        if (peeked != null) {
            return true;
        }
        while (true) {
            while (chunk == null || k >= chunk.size()) {
                chunk = op.next();
                if (chunk == null) {
                    return false;
                }
                ctx.checkCancelled();
                k = 0;
                keyValues = new Vector[keys.length];
                for (int j = 0; j < keys.length; j++) {
                    keyValues[j] = keys[j].evaluate(chunk, ctx);
                }
            }
            if (filter == null || filter.mayMatch(keyValues, chunk.row(k))) {
                return true;
            }
            k++;
        }
    }

    @Override
    public Object[] next() {
        if (peeked != null) {
            Object[] r = peeked;
            peeked = null;
            return r;
        }
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int i = chunk.row(k++);
        Object[] r = new Object[width + keys.length];
        for (int c = 0; c < width; c++) {
            r[c] = chunk.column(c).get(i);
        }
        for (int j = 0; j < keys.length; j++) {
            r[width + j] = keyValues[j].get(i);
        }
        return r;
    }

    /** @return the next row without consuming it, or {@code null} at the end */
    Object[] peek() {
        if (peeked == null && hasNext()) {
            peeked = next();
        }
        return peeked;
    }
}
