package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.CheckConstraint;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.binder.CheckBinder;
import dev.lodedb.sql.exec.DataChunk;
import dev.lodedb.sql.exec.Evaluator;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.exec.ExpressionCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The CHECK constraints of one table, compiled for a statement that writes it: every row written
 * (INSERT, UPDATE, ON CONFLICT DO UPDATE, COPY FROM and the bulk path) must not make one of them
 * false; NULL passes. A violation is 23514 {@code new row for relation "t" violates check
 * constraint "c"} with {@code DETAIL: Failing row contains (...)}. Constraints are checked in
 * creation order. Not thread-safe: one per statement.
 */
final class CheckConstraints {
    private final TableDef table;
    private final List<CheckConstraint> defs;
    private final List<Evaluator> evaluators = new ArrayList<>();
    private final DataChunk chunk;

    CheckConstraints(Catalog catalog, TableDef table) {
        this.table = table;
        this.defs = table.checks();
        List<DataType> types = new ArrayList<>();
        for (ColumnDef c : table.columns()) {
            types.add(c.type());
        }
        for (CheckConstraint k : defs) {
            evaluators.add(ExpressionCompiler.compile(CheckBinder.bind(catalog, table, k)));
        }
        chunk = defs.isEmpty() ? null : DataChunk.allocate(types, 1);
    }

    /** @return whether the table has no CHECK constraints */
    boolean isEmpty() {
        return defs.isEmpty();
    }

    /**
     * @return the name of the first constraint {@code row} violates, or {@code null}
     */
    String violated(Object[] row, ExecContext ctx) {
        if (defs.isEmpty()) {
            return null;
        }
        for (int c = 0; c < row.length; c++) {
            chunk.column(c).set(0, row[c]);
        }
        chunk.setSize(1);
        for (int i = 0; i < evaluators.size(); i++) {
            Object v = evaluators.get(i).evaluate(chunk, ctx).get(0);
            if (Boolean.FALSE.equals(v)) {
                return defs.get(i).name();
            }
        }
        return null;
    }

    /**
     * @param describe the row's text for the DETAIL ({@code (1, x, null)})
     * @throws SqlException 23514 naming the first violated constraint
     */
    void check(Object[] row, ExecContext ctx, Function<Object[], String> describe) {
        String name = violated(row, ctx);
        if (name != null) {
            throw new SqlException(SqlException.CHECK_VIOLATION, "new row for relation \"" + table.name()
                    + "\" violates check constraint \"" + name + "\"", "Failing row contains " + describe.apply(row)
                    + ".", null, 0, null);
        }
    }
}
