package dev.lodedb.jdbc;

import dev.lodedb.sql.exec.DataChunk;
import dev.lodedb.sql.session.ResultColumn;
import dev.lodedb.sql.session.StatementResult;
import java.util.List;

/**
 * The rows behind a {@link LodeResultSet}: streamed from a statement's result, or a list built in
 * memory (metadata calls). Not thread-safe.
 */
interface RowSource extends AutoCloseable {
    /** @return the result columns */
    List<ResultColumn> columns();

    /**
     * Moves to the next row.
     *
     * @return false at the end
     * @throws dev.lodedb.engine.SqlException on an execution error
     */
    boolean next();

    /**
     * @return whether a row follows the current one (before the first row: whether there is any),
     *     without moving
     */
    boolean hasNext();

    /** @return the value of column {@code column} (0-based) in the current row */
    Object get(int column);

    /** Releases the statement's snapshot. */
    @Override
    void close();

    /**
     * Reads the rows not yet returned into memory and releases the statement's result, so that the
     * rows stay readable when the transaction they were read in moves on or ends (pgjdbc holds a
     * result's rows in memory from the start). An error met while reading ahead is thrown by the
     * {@link #next()} that reaches it. Does nothing for rows already in memory.
     */
    default void readAhead() {
    }

    /** @return rows streamed chunk by chunk from {@code result} */
    static RowSource of(StatementResult result) {
        return new Streaming(result);
    }

    /** @return the given rows (each an array of values of the columns' Java classes) */
    static RowSource of(List<ResultColumn> columns, List<Object[]> rows) {
        return new Listed(columns, rows);
    }

    /** Streams a {@link StatementResult}; peeking past a chunk copies the current row first. */
    final class Streaming implements RowSource {
        private final StatementResult result;
        private DataChunk chunk;
        private int position = -1;
        private boolean done;
        /** The current row, copied because the next chunk was fetched early (peek). */
        private Object[] held;
        /** A chunk fetched early by {@link #hasNext()}, or null; {@code peeked} says whether it was. */
        private DataChunk pending;
        private boolean peeked;
        /** The rows after the current one once {@link #readAhead()} ran, else null. */
        private java.util.ArrayDeque<Object[]> ahead;
        /** The error that stopped {@link #readAhead()}, thrown after the rows before it. */
        private RuntimeException aheadFailure;

        Streaming(StatementResult result) {
            this.result = result;
        }

        private static Object[] copy(DataChunk c, int position) {
            Object[] row = new Object[c.columnCount()];
            for (int i = 0; i < row.length; i++) {
                row[i] = c.column(i).get(c.row(position));
            }
            return row;
        }

        @Override
        public void readAhead() {
            if (done || ahead != null) {
                return;
            }
            java.util.ArrayDeque<Object[]> rows = new java.util.ArrayDeque<>();
            if (!peeked && chunk != null) {
                held = copy(chunk, position);
                for (int p = position + 1; p < chunk.size(); p++) {
                    rows.add(copy(chunk, p));
                }
            }
            try {
                for (DataChunk c = peeked ? pending : result.next(); c != null; c = result.next()) {
                    for (int p = 0; p < c.size(); p++) {
                        rows.add(copy(c, p));
                    }
                }
            } catch (RuntimeException e) {
                aheadFailure = e;
            }
            chunk = null;
            pending = null;
            peeked = false;
            ahead = rows;
            result.close();
        }

        /** {@link #next()} over the rows read ahead. */
        private boolean nextAhead() {
            held = ahead.poll();
            if (held != null) {
                return true;
            }
            done = true;
            if (aheadFailure != null) {
                RuntimeException e = aheadFailure;
                aheadFailure = null;
                throw e;
            }
            return false;
        }

        @Override
        public List<ResultColumn> columns() {
            return result.columns();
        }

        @Override
        public boolean next() {
            held = null;
            if (done) {
                return false;
            }
            if (ahead != null) {
                return nextAhead();
            }
            if (!peeked && chunk != null && position + 1 < chunk.size()) {
                position++;
                return true;
            }
            DataChunk c = peeked ? pending : result.next();
            peeked = false;
            pending = null;
            if (c == null) {
                done = true;
                chunk = null;
                return false;
            }
            chunk = c;
            position = 0;
            return true;
        }

        @Override
        public boolean hasNext() {
            if (done) {
                return false;
            }
            if (ahead != null) {
                return !ahead.isEmpty() || aheadFailure != null;
            }
            if (peeked) {
                return pending != null;
            }
            if (chunk != null && position + 1 < chunk.size()) {
                return true;
            }
            if (chunk != null) {
                held = copy(chunk, position);
            }
            pending = result.next();
            peeked = true;
            return pending != null;
        }

        @Override
        public Object get(int column) {
            if (held != null) {
                return held[column];
            }
            return chunk.column(column).get(chunk.row(position));
        }

        @Override
        public void close() {
            result.close();
        }
    }

    /** Rows held in a list. */
    final class Listed implements RowSource {
        private final List<ResultColumn> columns;
        private final List<Object[]> rows;
        private int position = -1;

        Listed(List<ResultColumn> columns, List<Object[]> rows) {
            this.columns = columns;
            this.rows = rows;
        }

        @Override
        public List<ResultColumn> columns() {
            return columns;
        }

        @Override
        public boolean next() {
            if (position < rows.size()) {
                position++;
            }
            return position < rows.size();
        }

        @Override
        public boolean hasNext() {
            return position + 1 < rows.size();
        }

        @Override
        public Object get(int column) {
            return rows.get(position)[column];
        }

        @Override
        public void close() {
        }
    }
}
