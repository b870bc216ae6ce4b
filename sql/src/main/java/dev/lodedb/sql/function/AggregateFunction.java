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

    /** @return a new, empty state */
    public Accumulator newAccumulator() {
        return factory.get();
    }
}
