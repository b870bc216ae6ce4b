package dev.lodedb;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.exec.DataChunk;
import dev.lodedb.sql.session.ResultColumn;
import dev.lodedb.sql.session.StatementResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A forward-only cursor over a statement's rows, streamed chunk by chunk from the executor.
 * Columns are numbered from 1, as in JDBC. Call {@link #next()} before reading the first row.
 * Not thread-safe; close it (try-with-resources) to release the statement's snapshot.
 */
public final class Rows implements AutoCloseable {
    private final StatementResult result;
    private final List<Column> columns;
    private DataChunk chunk;
    private int position = -1;
    private boolean done;
    private boolean wasNull;

    Rows(StatementResult result) {
        this.result = result;
        List<Column> cs = new ArrayList<>();
        for (ResultColumn c : result.columns()) {
            cs.add(new Column(c.name(), c.type()));
        }
        this.columns = Collections.unmodifiableList(cs);
    }

    /** @return the result columns */
    public List<Column> columns() {
        return columns;
    }

    /** @return the number of columns */
    public int columnCount() {
        return columns.size();
    }

    /**
     * @param name a column label (exact match first, then case-insensitive)
     * @return its 1-based index
     * @throws SqlException 42703 if there is no such column
     */
    public int findColumn(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i + 1;
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i + 1;
            }
        }
        throw new SqlException(SqlException.UNDEFINED_COLUMN, "column \"" + name + "\" does not exist in the result");
    }

    /**
     * Moves to the next row.
     *
     * @return false when there are no more rows
     * @throws SqlException on an execution error
     */
    public boolean next() {
        if (done) {
            return false;
        }
        if (chunk != null && position + 1 < chunk.size()) {
            position++;
            return true;
        }
        chunk = result.next();
        if (chunk == null) {
            done = true;
            return false;
        }
        position = 0;
        return true;
    }

    /**
     * @param column 1-based column index
     * @return the value as its Java class ({@link Values#javaClass}), or {@code null}
     * @throws IllegalStateException if there is no current row
     * @throws IndexOutOfBoundsException for a bad index
     */
    public Object get(int column) {
        if (chunk == null || done) {
            throw new IllegalStateException("no current row: call next() first");
        }
        Object v = chunk.column(column - 1).get(chunk.row(position));
        wasNull = v == null;
        return v;
    }

    /** @return the value of the named column */
    public Object get(String column) {
        return get(findColumn(column));
    }

    /** @return whether the last value read was SQL NULL */
    public boolean wasNull() {
        return wasNull;
    }

    /** @return the value in PostgreSQL's text output form, or {@code null} */
    public String getString(int column) {
        Object v = get(column);
        return v == null ? null : Values.format(columns.get(column - 1).type(), v);
    }

    /** @return the value as a long (0 for NULL, as JDBC does) */
    public long getLong(int column) {
        Object v = get(column);
        return v == null ? 0 : (Long) convert(v, column, DataType.BIGINT);
    }

    /** @return the value as an int (0 for NULL) */
    public int getInt(int column) {
        Object v = get(column);
        return v == null ? 0 : (Integer) convert(v, column, DataType.INTEGER);
    }

    /** @return the value as a double (0 for NULL) */
    public double getDouble(int column) {
        Object v = get(column);
        return v == null ? 0 : (Double) convert(v, column, DataType.DOUBLE);
    }

    /** @return the value as a boolean (false for NULL) */
    public boolean getBoolean(int column) {
        Object v = get(column);
        return v != null && (Boolean) convert(v, column, DataType.BOOLEAN);
    }

    /** @return the value as a BigDecimal, or {@code null} */
    public BigDecimal getBigDecimal(int column) {
        Object v = get(column);
        return v == null ? null : (BigDecimal) convert(v, column, DataType.NUMERIC);
    }

    /** @return the value as a date, or {@code null} */
    public LocalDate getDate(int column) {
        Object v = get(column);
        return v == null ? null : (LocalDate) convert(v, column, DataType.DATE);
    }

    /** @return the value as a timestamp, or {@code null} */
    public LocalDateTime getTimestamp(int column) {
        Object v = get(column);
        return v == null ? null : (LocalDateTime) convert(v, column, DataType.TIMESTAMP);
    }

    /** @return the value as a timestamp with time zone (at UTC), or {@code null} */
    public OffsetDateTime getTimestampTz(int column) {
        Object v = get(column);
        return v == null ? null : (OffsetDateTime) convert(v, column, DataType.TIMESTAMPTZ);
    }

    private Object convert(Object v, int column, DataType to) {
        DataType from = columns.get(column - 1).type();
        if (from.id() == to.id()) {
            return v;
        }
        return Values.cast(v, from, to);
    }

    /** @return rows affected, for DML with RETURNING; the number of rows read so far for a query */
    public long updateCount() {
        return result.updateCount();
    }

    /** @return the statement's command tag ({@code SELECT 3}) once the rows were read */
    public String commandTag() {
        return result.commandTag();
    }

    /**
     * @return the statement's notices, e.g. {@code 2 rows were skipped due to data type
     *     incompatibility} after {@code COPY ... (ON_ERROR ignore)}; empty for most statements
     */
    public List<String> notices() {
        return result.notices();
    }

    /** Releases the statement's snapshot. */
    @Override
    public void close() {
        result.close();
    }
}
