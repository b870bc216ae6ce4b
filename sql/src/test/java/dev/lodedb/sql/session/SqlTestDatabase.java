package dev.lodedb.sql.session;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.exec.DataChunk;
import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.lsm.LsmStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A file-backed database in a test's temporary directory, with helpers that render results as text. */
final class SqlTestDatabase implements AutoCloseable {
    final Path dir;
    SqlDatabase db;
    SqlSession session;
    private final SqlOptions options;

    SqlTestDatabase(Path dir) {
        this(dir, new SqlOptions(64L << 20, dir, false));
    }

    SqlTestDatabase(Path dir, SqlOptions options) {
        this.dir = dir;
        this.options = options;
        open();
    }

    void open() {
        db = SqlDatabase.open(LsmStore.open(dir.resolve("db"), new LsmOptions()), options);
        session = db.openSession();
    }

    void reopen() {
        close();
        open();
    }

    /** @return {@code rows} sorted (for comparing results whose order SQL leaves open) */
    static List<String> sorted(List<String> rows) {
        List<String> s = new ArrayList<>(rows);
        java.util.Collections.sort(s);
        return s;
    }

    /** Runs a script; returns the last statement's row count. */
    long exec(String sql) {
        try (StatementResult r = session.executeScript(sql)) {
            while (r.next() != null) {
                // drain
            }
            return r.updateCount();
        }
    }

    /** @return the rows of a query, each as its values' PostgreSQL text joined by '|' (NULL as "NULL") */
    List<String> rows(String sql, Object... params) {
        PreparedSql p = session.prepare(sql);
        List<String> out = new ArrayList<>();
        try (StatementResult r = session.execute(p, java.util.Arrays.asList(params))) {
            DataChunk c;
            while ((c = r.next()) != null) {
                for (int k = 0; k < c.size(); k++) {
                    Object[] row = c.rowValues(k);
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < row.length; i++) {
                        DataType t = r.columns().get(i).type();
                        sb.append(i > 0 ? "|" : "").append(row[i] == null ? "NULL"
                                : Values.format(t.id() == TypeId.UNKNOWN ? DataType.TEXT : t, row[i]));
                    }
                    out.add(sb.toString());
                }
            }
        }
        return out;
    }

    /** @return the SqlException that {@code r} throws; fails the test when it throws none */
    static dev.lodedb.engine.SqlException errorOf(Runnable r) {
        try {
            r.run();
        } catch (dev.lodedb.engine.SqlException e) {
            return e;
        }
        throw new AssertionError("no error");
    }

    /** @return the single value of a one-row, one-column query as text */
    String value(String sql, Object... params) {
        List<String> r = rows(sql, params);
        if (r.size() != 1) {
            throw new AssertionError("expected one row, got " + r);
        }
        return r.get(0);
    }

    @Override
    public void close() {
        session.close();
        db.close();
    }
}
