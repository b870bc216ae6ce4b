package dev.lodedb.sql.function;

import dev.lodedb.engine.types.DataType;
import java.util.List;

/**
 * A resolved aggregate function: how to fold the rows of one group into one value.
 *
 * @param name the function name
 * @param parameterTypes the types the arguments are cast to
 * @param returnType the result type
 * @param strict whether rows with a NULL argument are skipped before {@link Accumulator#add}
 *     (all SQL-standard aggregates; not {@code jsonb_agg})
 * @param factory creates the per-group state
 */
public record AggregateFunction(String name, List<DataType> parameterTypes, DataType returnType, boolean strict,
        java.util.function.Supplier<Accumulator> factory) {
    /** Copies the parameter list. */
    public AggregateFunction {
        parameterTypes = List.copyOf(parameterTypes);
    }

    /**
     * The running state of one aggregate in one group. Not thread-safe.
     */
    public interface Accumulator {
        /**
         * Folds one row in.
         *
         * @param args the argument values (cast to the parameter types)
         * @throws dev.lodedb.engine.SqlException on overflow (22003)
         */
        void add(Object[] args);

        /**
         * Folds in one row of a one-argument aggregate (or of {@code count(*)}, whose {@code v} is
         * ignored): the same as {@code add(new Object[] {v})} without the array. Vectorized
         * aggregation calls it; single-argument accumulators override it.
         *
         * @param v the argument value (cast to the parameter type)
         * @throws dev.lodedb.engine.SqlException on overflow (22003)
         */
        default void addValue(Object v) {
            add(new Object[] {v});
        }

        /** @return the aggregate of the rows added so far ({@code null} where SQL says NULL) */
        Object result();

        /**
         * Removes a row that was added before, for moving window frames.
         *
         * @return false if this aggregate cannot remove rows (the caller recomputes the frame)
         */
        default boolean remove(Object[] args) {
            return false;
        }
    }

    /**
     * An accumulator that also folds a {@code smallint}, {@code integer} or {@code bigint} argument
     * without boxing it: {@code addLong(v)} is the same as {@code addValue(v)} with v boxed as its
     * parameter type's Java class. Not thread-safe.
     */
    public interface LongAccumulator extends Accumulator {
        /** Folds in one row whose (non-NULL) argument is {@code v}. */
        void addLong(long v);

        /** Folds in a one-argument row: {@code args[0]}, a {@link Number}. */
        @Override
        default void add(Object[] args) {
            addValue(args[0]);
        }

        /** Folds in {@code v}, a {@link Number}, through {@link #addLong}. */
        @Override
        default void addValue(Object v) {
            addLong(((Number) v).longValue());
        }
    }

    /**
     * An accumulator that also folds a {@code real} or {@code double precision} argument without
     * boxing it, as {@link LongAccumulator} does for integers. Not thread-safe.
     */
    public interface DoubleAccumulator extends Accumulator {
        /** Folds in one row whose (non-NULL) argument is {@code v}. */
        void addDouble(double v);

        /** Folds in a one-argument row: {@code args[0]}, a {@link Number}. */
        @Override
        default void add(Object[] args) {
            addValue(args[0]);
        }

        /** Folds in {@code v}, a {@link Number}, through {@link #addDouble}. */
        @Override
        default void addValue(Object v) {
            addDouble(((Number) v).doubleValue());
        }
    }

    /** @return a new, empty state */
    public Accumulator newAccumulator() {
        return factory.get();
    }
}
