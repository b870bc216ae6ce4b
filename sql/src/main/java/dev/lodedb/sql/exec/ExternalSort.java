package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * External merge sort: rows are collected in memory until the memory budget is reached, then
 * sorted and written as a run to a {@link SpillFile}; at the end the runs and the in-memory rest
 * are merged with a heap (Knuth, TAOCP vol. 3, 5.4.1). Not thread-safe.
 */
final class ExternalSort implements AutoCloseable {
    private final List<DataType> types;
    private final Comparator<Object[]> order;
    private final long budget;
    private final Path directory;
    private final List<Object[]> buffer = new ArrayList<>();
    private final List<SpillFile> runs = new ArrayList<>();
    private long bytes;
    private long peakBytes;

    ExternalSort(List<DataType> types, Comparator<Object[]> order, long budgetBytes, Path directory) {
        this.types = types;
        this.order = order;
        this.budget = budgetBytes;
        this.directory = directory;
    }

    /** Adds a row. */
    void add(Object[] row) {
        buffer.add(row);
        bytes += SpillFile.estimateBytes(row);
        peakBytes = Math.max(peakBytes, bytes);
        if (bytes > budget) {
            spill();
        }
    }

    private void spill() {
        buffer.sort(order);
        SpillFile run = new SpillFile(types, directory);
        for (Object[] r : buffer) {
            run.write(r);
        }
        run.finishWriting();
        runs.add(run);
        buffer.clear();
        bytes = 0;
    }

    /** @return the most bytes (estimated) held in memory at once */
    long peakBytes() {
        return peakBytes;
    }

    /** @return the number of runs written to disk so far */
    int spilledRuns() {
        return runs.size();
    }

    /** @return all rows in order */
    Iterator<Object[]> sorted() {
        buffer.sort(order);
        if (runs.isEmpty()) {
            return buffer.iterator();
        }
        List<Iterator<Object[]>> sources = new ArrayList<>();
        for (SpillFile r : runs) {
            sources.add(r.read());
        }
        sources.add(buffer.iterator());
        PriorityQueue<Object[]> heap = new PriorityQueue<>((a, b) -> order.compare((Object[]) a[0], (Object[]) b[0]));
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).hasNext()) {
                heap.add(new Object[] {sources.get(i).next(), i});
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heap.isEmpty();
            }

            @Override
            public Object[] next() {
                Object[] top = heap.poll();
                if (top == null) {
                    throw new NoSuchElementException();
                }
                int src = (Integer) top[1];
                if (sources.get(src).hasNext()) {
                    heap.add(new Object[] {sources.get(src).next(), src});
                }
                return (Object[]) top[0];
            }
        };
    }

    @Override
    public void close() {
        for (SpillFile r : runs) {
            r.close();
        }
        runs.clear();
        buffer.clear();
    }
}
