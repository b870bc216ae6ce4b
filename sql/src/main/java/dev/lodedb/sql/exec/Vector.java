package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import java.util.Arrays;

/**
 * One column of a {@link DataChunk}: up to {@link #capacity()} values of one SQL type, stored in a
 * primitive array where the type allows it and with a validity mask for NULLs.
 *
 * <p>Physical layout by type: {@code smallint}, {@code integer} and {@code bigint} in a {@code
 * long[]}; {@code real} and {@code double precision} in a {@code double[]}; {@code boolean} in a
 * {@code boolean[]}; every other type in an {@code Object[]} holding the Java class that {@link
 * dev.lodedb.engine.types.Values#javaClass} names. {@link #get} and {@link #set} convert between
 * the layout and those classes ({@code Short}, {@code Integer}, {@code Long}, {@code Float},
 * {@code Double}, {@code Boolean}), so code that is not type-specialized can ignore the layout,
 * while kernels for the hot types read {@link #longs()}, {@link #doubles()} and {@link
 * #booleans()} directly (the layout of MonetDB/X100 and DuckDB vectors).
 *
 * <p>Not thread-safe; a vector belongs to one operator pipeline.
 */
public final class Vector {
    /** How a vector stores its values. */
    public enum Layout {
        /** {@code long[]}: smallint, integer, bigint */
        LONG,
        /** {@code double[]}: real, double precision */
        DOUBLE,
        /** {@code boolean[]}: boolean */
        BOOLEAN,
        /** {@code Object[]}: every other type */
        OBJECT
    }

    private final DataType type;
    private final Layout layout;
    private long[] longs;
    private double[] doubles;
    private boolean[] booleans;
    private Object[] objects;
    /** {@code nulls[i]} is true when row i is NULL; never null itself. */
    private boolean[] nulls;
    private boolean mayHaveNulls;

    /**
     * @param type the values' SQL type
     * @param capacity the number of rows the vector can hold
     */
    public Vector(DataType type, int capacity) {
        this.type = type;
        this.layout = layoutOf(type);
        switch (layout) {
            case LONG -> longs = new long[capacity];
            case DOUBLE -> doubles = new double[capacity];
            case BOOLEAN -> booleans = new boolean[capacity];
            default -> objects = new Object[capacity];
        }
        nulls = new boolean[capacity];
    }

    /** @return the layout used for values of {@code type} */
    public static Layout layoutOf(DataType type) {
        return switch (type.id()) {
            case SMALLINT, INTEGER, BIGINT -> Layout.LONG;
            case REAL, DOUBLE -> Layout.DOUBLE;
            case BOOLEAN -> Layout.BOOLEAN;
            default -> Layout.OBJECT;
        };
    }

    /** @return the SQL type */
    public DataType type() {
        return type;
    }

    /** @return the physical layout */
    public Layout layout() {
        return layout;
    }

    /** @return the number of rows the vector can hold */
    public int capacity() {
        return nulls.length;
    }

    /** @return the values of a {@link Layout#LONG} vector (undefined where NULL) */
    public long[] longs() {
        return longs;
    }

    /** @return the values of a {@link Layout#DOUBLE} vector (undefined where NULL) */
    public double[] doubles() {
        return doubles;
    }

    /** @return the values of a {@link Layout#BOOLEAN} vector (undefined where NULL) */
    public boolean[] booleans() {
        return booleans;
    }

    /** @return the values of an {@link Layout#OBJECT} vector ({@code null} where NULL) */
    public Object[] objects() {
        return objects;
    }

    /** @return the NULL mask: {@code nulls()[i]} is true when row i is NULL */
    public boolean[] nulls() {
        return nulls;
    }

    /** @return false only if no row has been set to NULL since the last {@link #reset} */
    public boolean mayHaveNulls() {
        return mayHaveNulls;
    }

    /** Marks that the NULL mask may have been written directly by a kernel. */
    public void markMayHaveNulls() {
        mayHaveNulls = true;
    }

    /** Clears the NULL mask (values are left as they are). */
    public void reset() {
        if (mayHaveNulls) {
            Arrays.fill(nulls, false);
            mayHaveNulls = false;
        }
    }

    /** @return whether row {@code i} is NULL */
    public boolean isNull(int i) {
        return nulls[i];
    }

    /** Sets row {@code i} to NULL. */
    public void setNull(int i) {
        nulls[i] = true;
        mayHaveNulls = true;
        if (objects != null) {
            objects[i] = null;
        }
    }

    /** @return the value at row {@code i} as its Java class, or {@code null} */
    public Object get(int i) {
        if (nulls[i]) {
            return null;
        }
        return switch (layout) {
            case LONG -> switch (type.id()) {
                case SMALLINT -> (short) longs[i];
                case INTEGER -> (int) longs[i];
                default -> longs[i];
            };
            case DOUBLE -> type.id() == dev.lodedb.engine.types.TypeId.REAL ? (Object) (float) doubles[i]
                    : (Object) doubles[i];
            case BOOLEAN -> booleans[i];
            case OBJECT -> objects[i];
        };
    }

    /**
     * Sets row {@code i}.
     *
     * @param value a value of the vector's type as its Java class ({@link Number} for the numeric
     *     layouts), or {@code null}
     */
    public void set(int i, Object value) {
        if (value == null) {
            setNull(i);
            return;
        }
        nulls[i] = false;
        switch (layout) {
            case LONG -> longs[i] = ((Number) value).longValue();
            case DOUBLE -> doubles[i] = ((Number) value).doubleValue();
            case BOOLEAN -> booleans[i] = (Boolean) value;
            case OBJECT -> objects[i] = value;
        }
    }

    /** Sets row {@code i} of a {@link Layout#LONG} vector. */
    public void setLong(int i, long v) {
        nulls[i] = false;
        longs[i] = v;
    }

    /** Sets row {@code i} of a {@link Layout#DOUBLE} vector. */
    public void setDouble(int i, double v) {
        nulls[i] = false;
        doubles[i] = v;
    }

    /** Sets row {@code i} of a {@link Layout#BOOLEAN} vector. */
    public void setBoolean(int i, boolean v) {
        nulls[i] = false;
        booleans[i] = v;
    }

    /** Copies row {@code from} of {@code source} (same layout) into row {@code to} of this vector. */
    public void copyFrom(Vector source, int from, int to) {
        if (source.nulls[from]) {
            setNull(to);
            return;
        }
        nulls[to] = false;
        switch (layout) {
            case LONG -> longs[to] = source.longs[from];
            case DOUBLE -> doubles[to] = source.doubles[from];
            case BOOLEAN -> booleans[to] = source.booleans[from];
            case OBJECT -> objects[to] = source.objects[from];
        }
    }
}
