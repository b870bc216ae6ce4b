package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.ast.Copy;
import dev.lodedb.sql.binder.Binder;
import dev.lodedb.sql.copy.CopyOptions;
import dev.lodedb.sql.copy.DelimitedReader;
import dev.lodedb.sql.copy.ImportInput;
import dev.lodedb.sql.copy.JsonRecordReader;
import dev.lodedb.sql.copy.JsonValue;
import dev.lodedb.sql.copy.ProgressReporter;
import dev.lodedb.sql.copy.ReadFunctions;
import dev.lodedb.sql.exec.DataChunk;
import dev.lodedb.sql.exec.Evaluator;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.exec.ExpressionCompiler;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code COPY table [(columns)] FROM 'file' | STDIN [WITH (...)] [WHERE ...]} under the
 * database's write lock: reads records in text, csv, json or jsonlines format (gzip detected by
 * content), converts each field with its column type's input function, fills the unlisted columns
 * with their defaults, filters by WHERE and hands the rows to a {@link BulkLoader}, which commits
 * them all or nothing with bounded memory.
 *
 * <p>Errors stop the import with PostgreSQL's SQLSTATE and, in the detail, PostgreSQL's CONTEXT
 * line ({@code COPY city, line 5, column population: "abc"}); with {@code ON_ERROR ignore} rows
 * whose values do not convert are skipped instead and reported as notices, as PostgreSQL 17 does.
 * Not thread-safe: one per statement.
 */
final class CopyFrom {
    /** Per-row reasons reported as notices with ON_ERROR ignore, before the summary. */
    private static final int MAX_REASONS = 5;
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
        db.writeLock().lock();
        Snapshot snapshot = null;
        BulkLoader loader = null;
        ImportInput input = null;
        try {
            Catalog cat = db.catalog();
            bindTarget(cat, c, options);
            snapshot = db.store().getSnapshot();
            ctx = executor.context(snapshot, params);
            compileDefaultsAndWhere(cat, c);
            input = open(c);
            ProgressReporter progress = new ProgressReporter(session.importProgress() == null ? null
                    : session.importProgress()::update, input);
            loader = new BulkLoader(db, executor, ctx, table, ReadOptions.at(snapshot), false,
                    session.settings().bulkLoadThresholdBytes());
            if (options.format() == CopyOptions.Format.JSON || options.format() == CopyOptions.Format.JSONLINES) {
                readJson(input, options, loader, progress);
            } else {
                readDelimited(input, options, loader, progress);
            }
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
            if (snapshot != null) {
                db.store().releaseSnapshot(snapshot);
            }
            db.writeLock().unlock();
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

    private void readDelimited(ImportInput input, CopyOptions options, BulkLoader loader, ProgressReporter progress) {
        String context = "COPY " + tableName;
        DelimitedReader r = DelimitedReader.of(input.stream(), context, options);
        if (options.format() == CopyOptions.Format.CSV) {
            boolean[] notNull = new boolean[targets.length];
            boolean[] forceNull = new boolean[targets.length];
            for (int i = 0; i < targets.length; i++) {
                String n = table.columns().get(targets[i]).name();
                notNull[i] = options.forceNotNull(n);
                forceNull[i] = options.forceNull(n);
            }
            r.force(notNull, forceNull);
        }
        if (options.header() != CopyOptions.Header.NONE) {
            if (!r.next()) {
                return;
            }
            progress.record();
            if (options.header() == CopyOptions.Header.MATCH) {
                matchHeader(r);
            }
        }
        Object[] values = new Object[targets.length];
        while (r.next()) {
            ctx.checkCancelled();
            progress.record();
            if (r.fieldCount() < targets.length && !(targets.length == 0)) {
                throw withContext(new SqlException(ImportInput.BAD_COPY_FILE_FORMAT, "missing data for column \""
                        + table.columns().get(targets[r.fieldCount()]).name() + "\""), r.context());
            }
            if (r.fieldCount() > Math.max(1, targets.length)
                    || (targets.length == 0 && (r.fieldCount() > 1 || r.field(0) == null || !r.field(0).isEmpty()))) {
                throw withContext(new SqlException(ImportInput.BAD_COPY_FILE_FORMAT,
                        "extra data after last expected column"), r.context());
            }
            boolean ok = true;
            for (int i = 0; i < targets.length; i++) {
                String text = r.field(i);
                try {
                    values[i] = text == null ? null : Values.parse(types.get(i), text);
                } catch (SqlException e) {
                    String where = r.context() + ", column " + table.columns().get(targets[i]).name() + ": \""
                            + abbreviate(text) + "\"";
                    if (!options.ignoreErrors()) {
                        throw withContext(e, where);
                    }
                    skip(e, "line " + r.lineNumber(), table.columns().get(targets[i]).name());
                    ok = false;
                    break;
                }
            }
            if (ok) {
                store(values, loader, r.context());
            }
        }
    }

    private void matchHeader(DelimitedReader r) {
        if (r.fieldCount() != targets.length) {
            throw withContext(new SqlException(ImportInput.BAD_COPY_FILE_FORMAT, "wrong number of fields in header line: "
                    + "got " + r.fieldCount() + ", expected " + targets.length), r.context());
        }
        for (int i = 0; i < targets.length; i++) {
            String expected = table.columns().get(targets[i]).name();
            String got = r.field(i);
            if (got == null) {
                throw withContext(new SqlException(ImportInput.BAD_COPY_FILE_FORMAT, "column name mismatch in header line "
                        + "field " + (i + 1) + ": got null value (\"" + r.field(i) + "\"), expected \"" + expected + "\""),
                        r.context());
            }
            if (!got.equals(expected)) {
                throw withContext(new SqlException(ImportInput.BAD_COPY_FILE_FORMAT, "column name mismatch in header line "
                        + "field " + (i + 1) + ": got \"" + got + "\", expected \"" + expected + "\""), r.context());
            }
        }
    }

    private void readJson(ImportInput input, CopyOptions options, BulkLoader loader, ProgressReporter progress) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < targets.length; i++) {
            byName.put(table.columns().get(targets[i]).name(), i);
        }
        JsonRecordReader.Layout layout = options.format() == CopyOptions.Format.JSON ? JsonRecordReader.Layout.AUTO
                : JsonRecordReader.Layout.NEWLINE_DELIMITED;
        Object[] values = new Object[targets.length];
        boolean[] present = new boolean[targets.length];
        try (JsonRecordReader r = new JsonRecordReader(input.stream(), "COPY " + tableName, layout)) {
            while (r.next()) {
                ctx.checkCancelled();
                progress.record();
                if (!r.isObject()) {
                    throw withContext(new SqlException(ImportInput.BAD_COPY_FILE_FORMAT, "COPY FROM " + options.format()
                            .name().toLowerCase() + " expects a JSON object per row, found " + r.whole().toJson()),
                            r.context());
                }
                java.util.Arrays.fill(present, false);
                boolean ok = true;
                for (int k = 0; k < r.size() && ok; k++) {
                    Integer i = byName.get(r.key(k));
                    if (i == null) {
                        SqlException e = new SqlException(ImportInput.BAD_COPY_FILE_FORMAT, "key \"" + r.key(k)
                                + "\" does not match a column of the COPY column list of \"" + tableName + "\"");
                        if (!options.ignoreErrors()) {
                            throw withContext(e, r.context());
                        }
                        skip(e, "record " + r.recordNumber(), r.key(k));
                        ok = false;
                        break;
                    }
                    JsonValue v = r.value(k);
                    try {
                        values[i] = v.toSql(types.get(i));
                        present[i] = true;
                    } catch (SqlException e) {
                        String col = table.columns().get(targets[i]).name();
                        if (!options.ignoreErrors()) {
                            throw withContext(e, r.context() + ", column " + col + ": " + abbreviate(v.toJson()));
                        }
                        skip(e, "record " + r.recordNumber(), col);
                        ok = false;
                    }
                }
                if (!ok) {
                    continue;
                }
                for (int i = 0; i < targets.length; i++) {
                    if (!present[i]) {
                        Evaluator d = defaults[targets[i]];
                        values[i] = d == null ? null : d.evaluateOnce(ctx);
                    }
                }
                store(values, loader, r.context());
            }
        }
    }

    /** Completes a row with the defaults of unlisted columns, filters it by WHERE and loads it. */
    private void store(Object[] values, BulkLoader loader, String context) {
        Object[] row = new Object[table.columns().size()];
        boolean[] listed = new boolean[row.length];
        for (int i = 0; i < targets.length; i++) {
            row[targets[i]] = values[i];
            listed[targets[i]] = true;
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
            throw withContext(e, context);
        }
    }

    private void skip(SqlException e, String where, String column) {
        skipped++;
        if (notices.size() < MAX_REASONS) {
            notices.add("skipping row due to data type incompatibility at " + where + " for column \"" + column
                    + "\": " + e.getMessage());
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    private static SqlException withContext(SqlException e, String context) {
        return ReadFunctions.withContext(e, context);
    }
}
