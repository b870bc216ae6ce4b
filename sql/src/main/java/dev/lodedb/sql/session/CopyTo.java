package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.ast.ColumnRef;
import dev.lodedb.sql.ast.Copy;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.ast.Select;
import dev.lodedb.sql.ast.SelectItem;
import dev.lodedb.sql.ast.Star;
import dev.lodedb.sql.ast.TableName;
import dev.lodedb.sql.binder.Binder;
import dev.lodedb.sql.copy.CopyOptions;
import dev.lodedb.sql.copy.ImportInput;
import dev.lodedb.sql.copy.RowWriter;
import dev.lodedb.sql.exec.DataChunk;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.exec.Operator;
import dev.lodedb.sql.exec.PhysicalPlanner;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.PlanColumn;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Runs {@code COPY table [(columns)] | (query) TO 'file' | STDOUT [WITH (...)]}: the rows of the
 * table (read like {@code SELECT columns FROM table}) or of the query, over one snapshot, written
 * in text, csv, json or jsonlines format; a file whose name ends in {@code .gz} is written
 * gzip-compressed. A failed export deletes the partial file. Never takes the write lock. Not
 * thread-safe: one per statement.
 */
final class CopyTo {
    private final SqlDatabase db;
    private final StatementExecutor executor;
    private final SqlSession session;

    CopyTo(SqlDatabase db, StatementExecutor executor, SqlSession session) {
        this.db = db;
        this.executor = executor;
        this.session = session;
    }

    StatementResult run(Copy c, Object[] params) {
        CopyOptions options = CopyOptions.parse(c.options(), false);
        if (c.program()) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "COPY TO PROGRAM is not supported", null, null,
                    c.position() + 1, null);
        }
        if (c.file() == null && session.copyOut() == null) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "COPY TO STDOUT needs an output stream, and this "
                    + "session has none", null, "Use a file path (COPY ... TO '/path/data.csv'), the shell's \\copy, or "
                    + "attach streams with SqlSession.setCopyStreams.", c.position() + 1, null);
        }
        SqlDatabase.CatalogSnapshot cs = db.snapshotWithCatalog();
        Operator root = null;
        OutputStream out = null;
        boolean done = false;
        try {
            Query query = c.query() != null ? c.query() : tableQuery(cs.catalog(), c);
            Binder.BoundQuery b = Binder.bindQuery(cs.catalog(), query, List.of());
            LogicalPlan plan = session.optimizer(cs.catalog()).run(b.plan());
            List<String> names = new ArrayList<>();
            List<DataType> types = new ArrayList<>();
            for (PlanColumn pc : b.plan().columns()) {
                names.add(pc.name());
                types.add(pc.type().id() == dev.lodedb.engine.types.TypeId.UNKNOWN ? DataType.TEXT : pc.type());
            }
            for (String forced : options.forcedColumns()) {
                if (!names.contains(forced)) {
                    throw new SqlException("42P10", "FORCE_QUOTE column \"" + forced + "\" not referenced by COPY");
                }
            }
            root = PhysicalPlanner.plan(plan);
            ExecContext ctx = executor.context(cs.snapshot(), params);
            root.open(ctx);
            out = c.file() != null ? openFile(c.file()) : new BufferedOutputStream(session.copyOut(), 1 << 16);
            RowWriter w = RowWriter.of(out, names, types, options);
            w.begin();
            long count = 0;
            for (DataChunk chunk = root.next(); chunk != null; chunk = root.next()) {
                ctx.checkCancelled();
                for (int k = 0; k < chunk.size(); k++) {
                    w.write(chunk.rowValues(k));
                    count++;
                }
            }
            w.end();
            if (c.file() != null) {
                close(out, c.file());
            }
            done = true;
            return MaterializedResult.command("COPY " + count, count);
        } finally {
            if (root != null) {
                root.close();
            }
            db.store().releaseSnapshot(cs.snapshot());
            if (!done && out != null && c.file() != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    // the partial file is deleted next
                }
                try {
                    Files.deleteIfExists(Path.of(c.file()));
                } catch (IOException e) {
                    // leave it: the statement fails anyway
                }
            }
        }
    }

    /** @return {@code SELECT columns FROM table} for {@code COPY table [(columns)] TO} */
    private static Query tableQuery(Catalog cat, Copy c) {
        List<String> parts = c.table().parts();
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : Catalog.PUBLIC;
        String name = c.table().last();
        if (cat.table(schema, name) == null && cat.view(schema, name) != null) {
            throw new SqlException(Catalog.WRONG_OBJECT_TYPE, "cannot copy from view \"" + name + "\"", null,
                    "Try the COPY (SELECT ...) TO variant.", c.table().position() + 1, null);
        }
        try {
            cat.requireTable(schema, name);
        } catch (SqlException e) {
            throw e.withPosition(c.table().position() + 1);
        }
        int pos = c.position();
        List<SelectItem> items = new ArrayList<>();
        if (c.columns().isEmpty()) {
            items.add(new SelectItem(new Star(List.of(), pos), null, pos));
        } else {
            for (String col : c.columns()) {
                if (cat.table(schema, name).column(col) == null) {
                    throw new SqlException(SqlException.UNDEFINED_COLUMN, "column \"" + col + "\" of relation \""
                            + name + "\" does not exist");
                }
                items.add(new SelectItem(new ColumnRef(List.of(col), pos), null, pos));
            }
        }
        Select select = new Select(false, List.of(), items, List.of(new TableName(
                new QualifiedName(parts, pos), false, null, pos)), null, List.of(), false, null, List.of(), pos);
        return new Query(null, select, List.of(), null, null, false, List.of(), pos);
    }

    private static OutputStream openFile(String file) {
        Path p = Path.of(file);
        try {
            OutputStream raw = Files.newOutputStream(p);
            if (file.endsWith(".gz")) {
                return new BufferedOutputStream(new GZIPOutputStream(raw, 1 << 16), 1 << 16);
            }
            return new BufferedOutputStream(raw, 1 << 16);
        } catch (NoSuchFileException e) {
            throw new SqlException(ImportInput.UNDEFINED_FILE, "could not open file \"" + file
                    + "\" for writing: No such file or directory");
        } catch (AccessDeniedException e) {
            throw new SqlException(ImportInput.INSUFFICIENT_PRIVILEGE, "could not open file \"" + file
                    + "\" for writing: Permission denied");
        } catch (IOException e) {
            throw new SqlException(ImportInput.IO_ERROR, "could not open file \"" + file + "\" for writing: "
                    + e.getMessage());
        }
    }

    private static void close(OutputStream out, String file) {
        try {
            out.close();
        } catch (IOException e) {
            throw new SqlException(ImportInput.IO_ERROR, "could not write file \"" + file + "\": " + e.getMessage());
        }
    }
}
