package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import java.util.Arrays;
import java.util.List;

/**
 * BitmapAnd and BitmapOr (PostgreSQL's nodes, over sorted row keys instead of page bitmaps; the
 * intersection and union of record-identifier lists of Mohan et al., "Single Table Access Using
 * Multiple Indexes", ICDE 1990): merges inputs that each return row keys as one bytea column in
 * ascending unsigned byte order without duplicates, and returns, in the same order and once each,
 * the keys every input returns (intersection) or any input returns (union). A streaming k-way
 * merge: it holds one key per input, so its memory is that of its inputs (whose sorts spill).
 * Checks for cancellation between chunks. Not thread-safe.
 */
public final class BitmapMerge implements Operator {
    private static final List<DataType> TYPES = List.of(DataType.BYTEA);
    private final List<Operator> inputs;
    private final boolean intersect;
    private RowKeyCursor[] cursors;
    /** Whether every cursor has been moved to its first key. */
    private boolean started;
    private ExecContext ctx;
    private DataChunk chunk;

    /**
     * @param inputs two or more row-key sources, in ascending order without duplicates
     * @param intersect whether the keys of all inputs are returned (BitmapAnd), else of any (BitmapOr)
     */
    public BitmapMerge(List<Operator> inputs, boolean intersect) {
        this.inputs = List.copyOf(inputs);
        this.intersect = intersect;
    }

    @Override
    public List<DataType> types() {
        return TYPES;
    }

    @Override
    public void open(ExecContext context) {
        this.ctx = context;
        cursors = new RowKeyCursor[inputs.size()];
        for (int i = 0; i < cursors.length; i++) {
            inputs.get(i).open(context);
            cursors[i] = new RowKeyCursor(inputs.get(i));
        }
        started = false;
        if (chunk == null) {
            chunk = DataChunk.allocate(TYPES, DataChunk.CAPACITY);
        }
    }

    @Override
    public DataChunk next() {
        ctx.checkCancelled();
        if (!started) {
            for (RowKeyCursor c : cursors) {
                c.advance();
            }
            started = true;
        }
        chunk.reset();
        Vector keys = chunk.column(0);
        int n = 0;
        while (n < DataChunk.CAPACITY) {
            byte[] key = intersect ? nextCommon() : nextAny();
            if (key == null) {
                break;
            }
            keys.set(n++, key);
        }
        if (n == 0) {
            return null;
        }
        chunk.setSize(n);
        return chunk;
    }

    /** @return the least key of all inputs, moving every input past it, or {@code null} at the end */
    private byte[] nextAny() {
        byte[] min = null;
        for (RowKeyCursor c : cursors) {
            if (c.key() != null && (min == null || Arrays.compareUnsigned(c.key(), min) < 0)) {
                min = c.key();
            }
        }
        if (min == null) {
            return null;
        }
        for (RowKeyCursor c : cursors) {
            if (c.key() != null && Arrays.equals(c.key(), min)) {
                c.advance();
            }
        }
        return min;
    }

    /** @return the next key every input has, moving every input past it, or {@code null} at the end */
    private byte[] nextCommon() {
        while (true) {
            byte[] max = null;
            for (RowKeyCursor c : cursors) {
                if (c.key() == null) {
                    return null;
                }
                if (max == null || Arrays.compareUnsigned(c.key(), max) > 0) {
                    max = c.key();
                }
            }
            boolean all = true;
            for (RowKeyCursor c : cursors) {
                while (Arrays.compareUnsigned(c.key(), max) < 0) {
                    if (!c.advance()) {
                        return null;
                    }
                }
                all &= Arrays.equals(c.key(), max);
            }
            if (all) {
                for (RowKeyCursor c : cursors) {
                    c.advance();
                }
                return max;
            }
        }
    }

    @Override
    public void close() {
        for (Operator in : inputs) {
            in.close();
        }
    }

    @Override
    public String describe() {
        return intersect ? "BitmapAnd" : "BitmapOr";
    }

    @Override
    public List<Operator> children() {
        return inputs;
    }
}
