package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorts its input (stable) by ORDER BY keys. With a row limit (ORDER BY ... LIMIT n, planned as
 * top-N) it keeps only the best {@code n} rows in a bounded heap. Without a limit, input beyond
 * the memory budget is sorted in runs that spill to disk and are merged
 * ({@link ExternalSort}).
 */
final class SortOperator implements Operator {
    private final Operator input;
    private final Evaluator[] keys;
    private final RowComparator keyOrder;
    private final long limit;
    private final List<DataType> keyTypes;
    private ExecContext ctx;
    private ExternalSort sorter;
    /** What the last execution's sort held and spilled (EXPLAIN ANALYZE); -1 bytes: a top-N heap. */
    private long peakBytes;
    private int spilledRuns;
    private java.util.Iterator<Object[]> sorted;
    private ChunkBuilder builder;

    /**
     * @param limit keep only the first {@code limit} rows (top-N), or -1 for a full sort
     */
    SortOperator(Operator input, List<Evaluator> keys, boolean[] descending, boolean[] nullsFirst, long limit) {
        this.input = input;
        this.keys = keys.toArray(new Evaluator[0]);
        List<DataType> kt = new ArrayList<>();
        for (Evaluator k : keys) {
            kt.add(k.type());
        }
        this.keyTypes = kt;
        this.keyOrder = new RowComparator(kt, descending, nullsFirst);
        this.limit = limit;
    }

    @Override
    public List<DataType> types() {
        return input.types();
    }

    @Override
    public void open(ExecContext ctx) {
        this.ctx = ctx;
        peakBytes = 0;
        spilledRuns = 0;
        input.open(ctx);
        int width = input.types().size();
        // entry = key values ++ row values ++ sequence number (for stability)
        java.util.Comparator<Object[]> order = (a, b) -> {
            int c = keyOrder.compare(a, b);
            return c != 0 ? c : Long.compare((Long) a[a.length - 1], (Long) b[b.length - 1]);
        };
        long seq = 0;
        if (limit >= 0) {
            PriorityQueue<Object[]> heap = new PriorityQueue<>(order.reversed());
            DataChunk chunk;
            while ((chunk = input.next()) != null) {
                ctx.checkCancelled();
                Vector[] kv = evaluateKeys(chunk);
                for (int k = 0; k < chunk.size(); k++) {
                    Object[] e = entry(chunk, kv, k, width, seq++);
                    if (heap.size() < limit) {
                        heap.add(e);
                    } else if (limit > 0 && order.compare(e, heap.peek()) < 0) {
                        heap.poll();
                        heap.add(e);
                    }
                }
            }
            Object[][] all = heap.toArray(new Object[0][]);
            Arrays.sort(all, order);
            sorted = Arrays.asList(all).iterator();
        } else {
            List<DataType> entryTypes = new ArrayList<>(keyTypes);
            entryTypes.addAll(input.types());
            entryTypes.add(DataType.BIGINT);
            sorter = new ExternalSort(entryTypes, order, ctx.memoryBudgetBytes(), ctx.spillDirectory());
            DataChunk chunk;
            while ((chunk = input.next()) != null) {
                ctx.checkCancelled();
                Vector[] kv = evaluateKeys(chunk);
                for (int k = 0; k < chunk.size(); k++) {
                    sorter.add(entry(chunk, kv, k, width, seq++));
                }
            }
            sorted = sorter.sorted();
        }
        builder = new ChunkBuilder(input.types());
    }

    private Vector[] evaluateKeys(DataChunk chunk) {
        Vector[] kv = new Vector[keys.length];
        for (int j = 0; j < keys.length; j++) {
            kv[j] = keys[j].evaluate(chunk, ctx);
        }
        return kv;
    }

    private Object[] entry(DataChunk chunk, Vector[] kv, int k, int width, long seq) {
        int i = chunk.row(k);
        Object[] e = new Object[keys.length + width + 1];
        for (int j = 0; j < keys.length; j++) {
            e[j] = kv[j].get(i);
        }
        for (int c = 0; c < width; c++) {
            e[keys.length + c] = chunk.column(c).get(i);
        }
        e[e.length - 1] = seq;
        return e;
    }

    @Override
    public DataChunk next() {
        builder.reset();
        int width = input.types().size();
        while (!builder.isFull() && sorted.hasNext()) {
            Object[] e = sorted.next();
            builder.add(Arrays.copyOfRange(e, keys.length, keys.length + width));
        }
        return builder.finish();
    }

    @Override
    public void close() {
        input.close();
        if (sorter != null) {
            peakBytes = sorter.peakBytes();
            spilledRuns = sorter.spilledRuns();
            sorter.close();
            sorter = null;
        }
    }

    @Override
    public String analyze() {
        return limit >= 0 ? "top-N heap of " + limit + " rows" : Operator.memoryLine(peakBytes, spilledRuns);
    }

    @Override
    public String describe() {
        return limit >= 0 ? "Top-N Sort (limit " + limit + ")" : "Sort";
    }

    @Override
    public List<Operator> children() {
        return List.of(input);
    }
}
