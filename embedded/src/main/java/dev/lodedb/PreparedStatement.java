package dev.lodedb;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.session.PreparedSql;
import dev.lodedb.sql.session.ResultColumn;
import dev.lodedb.sql.session.SqlSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A statement parsed and planned once, executed many times with {@code $n} parameters. Belongs to
 * the session that prepared it; not thread-safe.
 */
public final class PreparedStatement implements AutoCloseable {
    private final SqlSession session;
    private final PreparedSql prepared;

    PreparedStatement(SqlSession session, PreparedSql prepared) {
        this.session = session;
        this.prepared = prepared;
    }

    /** @return the parameter types the statement inferred, {@code $1} first */
    public List<DataType> parameterTypes() {
        return prepared.parameterTypes();
    }

    /** @return the result columns (empty for statements without rows) */
    public List<Column> columns() {
        List<Column> out = new ArrayList<>();
        for (ResultColumn c : prepared.columns()) {
            out.add(new Column(c.name(), c.type()));
        }
        return out;
    }

    /**
     * @param params one value per parameter
     * @return rows inserted, updated or deleted (0 for other statements)
     * @throws dev.lodedb.engine.SqlException on an error
     */
    public long execute(Object... params) {
        try (var r = session.execute(prepared, Arrays.asList(params))) {
            while (r.next() != null) {
                // drain RETURNING rows
            }
            return r.updateCount();
        }
    }

    /**
     * @param params one value per parameter
     * @return the rows; close them when done
     * @throws dev.lodedb.engine.SqlException on an error
     */
    public Rows query(Object... params) {
        return new Rows(session.execute(prepared, Arrays.asList(params)));
    }

    /** @return the underlying prepared statement of the SQL layer */
    public PreparedSql preparedSql() {
        return prepared;
    }

    /** Releases nothing today; kept for try-with-resources symmetry with JDBC. */
    @Override
    public void close() {
    }
}
