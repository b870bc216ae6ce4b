package dev.lodedb.sql.session;

import dev.lodedb.engine.types.DataType;
import java.util.List;

/**
 * A parsed and bound statement, ready to be executed many times with different parameter values
 * ({@code $1}, {@code $2}, ...). Obtained from {@link SqlSession#prepare}; valid while the
 * catalog objects it names are unchanged (it is re-bound transparently when they change).
 * Thread-safe to share for reading, executed through one session at a time.
 */
public interface PreparedSql {
    /** @return the statement text */
    String sql();

    /** @return the inferred parameter types, {@code $1} first */
    List<DataType> parameterTypes();

    /** @return the result columns, empty for statements that return no rows */
    List<ResultColumn> columns();

    /** @return whether executing returns rows */
    boolean returnsRows();

    /**
     * @return whether {@link SqlSession#executeBatch} runs all parameter sets of this statement as
     *     one atomic statement (an INSERT without RETURNING)
     */
    boolean batchesAtomically();
}
