package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.ast.Copy;
import dev.lodedb.sql.binder.Binder;
import dev.lodedb.sql.copy.CopyOptions;
import dev.lodedb.sql.copy.ImportInput;
import dev.lodedb.sql.copy.ProgressReporter;
import dev.lodedb.sql.copy.ReadAhead;
import dev.lodedb.sql.copy.ReadFunctions;
import dev.lodedb.sql.exec.DataChunk;
import dev.lodedb.sql.exec.Evaluator;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.exec.ExpressionCompiler;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code COPY table [(columns)] FROM 'file' | STDIN [WITH (...)] [WHERE ...]} under the
 * database's write lock: reads records in text, csv, json or jsonlines format (gzip detected by
 * content), converts each field with its column type's input function, fills the unlisted columns
 * with their defaults, filters by WHERE and hands the rows to a {@link BulkLoader}, which commits
 * them all or nothing with bounded memory. Reading and converting ({@link CopyReader}) run on a
 * reader thread of a {@link ReadAhead} pipeline, writing on the statement's thread: an import uses
 * two cores. Cancellation is checked per row on the statement's thread, and the reader thread is
 * stopped and joined on every exit path before the input is closed.
 *
 * <p>Errors stop the import with PostgreSQL's SQLSTATE and, in the detail, PostgreSQL's CONTEXT
 * line ({@code COPY city, line 5, column population: "abc"}); with {@code ON_ERROR ignore} rows
 * whose values do not convert are skipped instead and reported as notices, as PostgreSQL 17 does.
 * Not thread-safe: one per statement.
 */
final class CopyFrom {
    private final SqlDatabase db;
    private final StatementExecutor executor;
    private final SqlSession session;
    private TableDef table;
    private String tableName;
    /** Positions in the table of the columns the input supplies, in input order. */
    private int[] targets;
    private List<DataType> types;
    private Evaluator[] defaults;
    private Evaluator where;
    private DataChunk whereRow;
    private ExecContext ctx;
    private long skipped;
    /** Whether the COPY column list is every column of the table in its order. */
    private boolean identity;
    private final List<String> notices = new ArrayList<>();

    CopyFrom(SqlDatabase db, StatementExecutor executor, SqlSession session) {
        this.db = db;
        this.executor = executor;
        this.session = session;
    }

    StatementResult run(Copy c, Object[] params) {
        CopyOptions options = CopyOptions.parse(c.options(), true);
        if (c.program()) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "COPY FROM PROGRAM is not supported", null,
                    null, c.position() + 1, null);
        }
        Transaction.Scope scope = null;
        BulkLoader loader = null;
        ImportInput input = null;
        try {
            Catalog cat = executor.catalog();
            bindTarget(cat, c, options);
            scope = executor.readScope();
            Snapshot snapshot = scope.snapshot();
            ctx = executor.context(executor.readView(scope), scope, params);
            compileDefaultsAndWhere(cat, c);
            input = open(c);
            ProgressReporter progress = new ProgressReporter(session.importProgress() == null ? null
                    : session.importProgress()::update, input);
            loader = new BulkLoader(db, executor, ctx, table, ReadOptions.at(snapshot), false,
                    session.settings().bulkLoadThresholdBytes());
            List<String> names = new ArrayList<>();
            for (int t : targets) {
                names.add(table.columns().get(t).name());
            }
            load(new CopyReader(tableName, names, types, options, input), loader, progress);
            progress.finish();
            long count = loader.commit(null, executor.synchronousCommit());
            loader = null;
            if (skipped > 0) {
                notices.add(skipped + (skipped == 1 ? " row was" : " rows were")
                        + " skipped due to data type incompatibility");
            }
            return MaterializedResult.command("COPY " + count, count).withNotices(notices);
        } finally {
            if (loader != null) {
                loader.abort();
            }
            if (input != null) {
                input.close();
            }
            if (scope != null) {
                executor.endRead(scope);
            }
        }
    }

    private void bindTarget(Catalog cat, Copy c, CopyOptions options) {
        List<String> parts = c.table().parts();
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : Catalog.PUBLIC;
        String name = c.table().last();
        if (cat.table(schema, name) == null && cat.view(schema, name) != null) {
            throw new SqlException(Catalog.WRONG_OBJECT_TYPE, "cannot copy to view \"" + name + "\"", null, null,
                    c.table().position() + 1, null);
        }
        try {
            table = cat.requireTable(schema, name);
        } catch (SqlException e) {
            throw e.withPosition(c.table().position() + 1);
        }
        tableName = name;
        List<String> names = c.columns().isEmpty() ? null : c.columns();
        if (names == null) {
            targets = new int[table.columns().size()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = i;
            }
        } else {
            targets = new int[names.size()];
            for (int i = 0; i < targets.length; i++) {
                int at = table.indexOf(names.get(i));
                if (at < 0) {
                    throw new SqlException(SqlException.UNDEFINED_COLUMN, "column \"" + names.get(i)
                            + "\" of relation \"" + name + "\" does not exist");
                }
                for (int j = 0; j < i; j++) {
                    if (targets[j] == at) {
                        throw new SqlException(SqlException.DUPLICATE_COLUMN, "column \"" + names.get(i)
                                + "\" specified more than once");
                    }
                }
                targets[i] = at;
            }
        }
        types = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        for (int t : targets) {
            types.add(table.columns().get(t).type());
            listed.add(table.columns().get(t).name());
        }
        for (String forced : options.forcedColumns()) {
            if (!listed.contains(forced)) {
                throw new SqlException("42P10", "column \"" + forced + "\" not referenced by COPY");
            }
        }
    }

    private void compileDefaultsAndWhere(Catalog cat, Copy c) {
        defaults = new Evaluator[table.columns().size()];
        for (int i = 0; i < defaults.length; i++) {
            ColumnDef col = table.columns().get(i);
            if (col.defaultSql() != null) {
                defaults[i] = ExpressionCompiler.compile(Binder.bindDefault(cat, col));
            }
        }
        if (c.where() != null) {
            BoundExpr w = Binder.bindTableExpression(cat, table, c.where(), DataType.BOOLEAN, "COPY FROM WHERE condition");
            where = ExpressionCompiler.compile(w);
            List<DataType> all = new ArrayList<>();
            table.columns().forEach(col -> all.add(col.type()));
            whereRow = DataChunk.allocate(all, 1);
        }
    }

    private ImportInput open(Copy c) {
        if (c.file() != null) {
            return ImportInput.open(c.file());
        }
        if (session.copyIn() == null) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "COPY FROM STDIN needs an input stream, and "
                    + "this session has none", null, "Use a file path (COPY " + tableName + " FROM '/path/data.csv'), the"
                    + " shell's \\copy, or attach streams with SqlSession.setCopyStreams.", c.position() + 1, null);
        }
        return ImportInput.of("STDIN", session.copyIn());
    }

    /**
     * Reads the input on a reader thread ({@link CopyReader} in a {@link ReadAhead} pipeline) and
     * writes its rows here, in input order; the pipeline is closed (its thread stopped and joined)
     * before this returns or throws.
     */
    private void load(CopyReader reader, BulkLoader loader, ProgressReporter progress) {
        boolean[] listed = new boolean[table.columns().size()];
        for (int t : targets) {
            listed[t] = true;
        }
        identity = targets.length == listed.length;
        for (int i = 0; i < targets.length && identity; i++) {
            identity = targets[i] == i;
        }
        try (ReadAhead<CopyReader.Row> rows = reader.start()) {
            for (CopyReader.Row r = rows.next(); r != null; r = rows.next()) {
                ctx.checkCancelled();
                progress.records(r.records());
                if (r.values() != null) {
                    store(r, listed, loader, reader);
                }
            }
        }
        skipped = reader.skipped();
        notices.addAll(reader.notices());
    }

    /**
     * Completes a row with the defaults of unlisted columns (and of JSON keys the record lacks),
     * filters it by WHERE and loads it.
     */
    private void store(CopyReader.Row r, boolean[] listed, BulkLoader loader, CopyReader reader) {
        Object[] values = r.values();
        boolean[] present = r.present();
        if (present == null && where == null && identity) {
            // every column from the input, in the table's order: the values are the row
            try {
                loader.add(values);
            } catch (SqlException e) {
                throw withContext(e, reader.context(r));
            }
            return;
        }
        Object[] row = new Object[listed.length];
        for (int i = 0; i < targets.length; i++) {
            if (present != null && !present[i]) {
                Evaluator d = defaults[targets[i]];
                row[targets[i]] = d == null ? null : d.evaluateOnce(ctx);
            } else {
                row[targets[i]] = values[i];
            }
        }
        for (int i = 0; i < row.length; i++) {
            if (!listed[i] && defaults[i] != null) {
                row[i] = defaults[i].evaluateOnce(ctx);
            }
        }
        if (where != null) {
            for (int i = 0; i < row.length; i++) {
                whereRow.column(i).set(0, row[i]);
            }
            whereRow.setSize(1);
            if (!Boolean.TRUE.equals(where.evaluate(whereRow, ctx).get(0))) {
                return;
            }
        }
        try {
            loader.add(row);
        } catch (SqlException e) {
            throw withContext(e, reader.context(r));
        }
    }

    private static SqlException withContext(SqlException e, String context) {
        return ReadFunctions.withContext(e, context);
    }
}
