package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.KeyEncoder;
import dev.lodedb.engine.encoding.RowCodec;
import dev.lodedb.engine.encoding.TableKeys;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.ast.CreateTableAs;
import dev.lodedb.sql.binder.Binder;
import dev.lodedb.sql.binder.IndexBinder;
import dev.lodedb.sql.exec.DataChunk;
import dev.lodedb.sql.exec.Evaluator;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.exec.ExpressionCompiler;
import dev.lodedb.sql.exec.IndexEntries;
import dev.lodedb.sql.exec.IndexMaintainer;
import dev.lodedb.sql.exec.Operator;
import dev.lodedb.sql.exec.PendingWrites;
import dev.lodedb.sql.exec.PhysicalPlanner;
import dev.lodedb.sql.exec.Vector;
import dev.lodedb.sql.plan.DmlPlan;
import dev.lodedb.sql.plan.LogicalPlan;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs INSERT, UPDATE, DELETE and CREATE TABLE AS. A DML statement reads its transaction's view
 * of one snapshot ({@link Transaction}), buffers its writes in {@link PendingWrites} (checking NOT NULL and primary
 * keys against the snapshot plus its own earlier writes), maintains the table's secondary indexes
 * in the same batch ({@link IndexMaintainer}: unique checks, entries for inserted, changed and
 * deleted rows), and hands them with the row-count changes to its transaction, which locks,
 * validates and adds or commits them ({@link Transaction#finishWrites}); if anything fails,
 * nothing is written.
 */
final class DmlExecutor {
    private final SqlDatabase db;
    private final StatementExecutor executor;
    /** The compiled rows of the INSERT ... VALUES being executed (reused across a batch's parameter sets). */
    private LogicalPlan.Values valuesPlan;
    private List<List<Evaluator>> valuesEvaluators;
    /** The foreign keys of the statement's table and of the tables referencing it, or {@code null} when none. */
    private ForeignKeys foreignKeys;
    /** Primary-key checks skipped for keys above every key of the table ({@link #aboveEveryKey}). */
    private final PrimaryKeyCeiling ceiling = new PrimaryKeyCeiling();

    /**
     * Skips the primary-key lookup of an INSERT's row whose key is above every key the table had at
     * the statement's snapshot and every key the statement wrote: the common bulk case of ascending
     * keys, where each lookup would otherwise cost a point read in the LSM. Starts after
     * {@link #AFTER_ROWS} rows (a single-row INSERT keeps its one lookup instead of adding a seek).
     */
    private static final class PrimaryKeyCeiling {
        static final int AFTER_ROWS = 64;
        private long rows;
        /** The largest key written by the statement so far. */
        private byte[] maxWritten;
        /** The largest key the table can hold now, or {@code null} before it is known. */
        private byte[] ceiling;

        /** Starts at once when the statement will insert at least {@link #AFTER_ROWS} rows (a batch). */
        void expect(long n) {
            if (n >= AFTER_ROWS) {
                rows = AFTER_ROWS;
            }
        }

        boolean above(byte[] key, Target t, ExecContext ctx, PendingWrites pending) {
            if (++rows < AFTER_ROWS) {
                return false;
            }
            if (ceiling == null) {
                int storage = t.table.storageId();
                try (dev.lodedb.storage.StoreIterator it = pending.checkStore(ctx).newIterator(pending.checkOptions(ctx)
                        .withBounds(TableKeys.prefix(storage), TableKeys.upperBound(storage)))) {
                    it.seekToLast();
                    ceiling = it.isValid() ? it.key() : TableKeys.prefix(storage);
                }
                written(ceiling);
                ceiling = maxWritten;
            }
            return java.util.Arrays.compareUnsigned(key, ceiling) > 0;
        }

        void written(byte[] key) {
            if (maxWritten == null || java.util.Arrays.compareUnsigned(key, maxWritten) > 0) {
                maxWritten = key;
            }
            if (ceiling != null && java.util.Arrays.compareUnsigned(key, ceiling) > 0) {
                ceiling = key;
            }
        }
    }

    /** The transaction the statement runs in, or {@code null} for CREATE TABLE AS. */
    private final Transaction txn;
    /** The snapshot and catalog the statement reads. */
    private final Transaction.Scope scope;

    DmlExecutor(SqlDatabase db, StatementExecutor executor) {
        this(db, executor, null, null);
    }

    DmlExecutor(SqlDatabase db, StatementExecutor executor, Transaction txn, Transaction.Scope scope) {
        this.db = db;
        this.executor = executor;
        this.txn = txn;
        this.scope = scope;
    }

    /**
     * @throws SqlException 42P01 when the table was dropped since the statement was bound; 40001
     *     when a transaction's snapshot predates a rewrite of the table's storage
     */
    private void checkTable(DmlPlan plan) {
        TableDef now = executor.catalog().tableById(plan.table().id());
        if (now == null) {
            throw new SqlException(SqlException.UNDEFINED_TABLE, "relation \"" + plan.table().name()
                    + "\" does not exist");
        }
        TableDef then = scope.catalog().tableById(plan.table().id());
        if (then == null || then.storageId() != now.storageId()) {
            throw new SqlException("40001", "could not serialize access due to concurrent update of table \""
                    + now.name() + "\"", "The table was created or rewritten after this transaction's snapshot.",
                    "The transaction might succeed if retried.", 0, null);
        }
    }

    /** Ends the statement's writes in its transaction, committing them when it is the transaction. */
    private void finish(PendingWrites pending, Map<Integer, Long> deltas, ExecContext ctx) {
        txn.finishWrites(scope, pending, deltas, ctx);
        if (!txn.explicit) {
            txn.commitStatement(pending, deltas, executor.synchronousCommit());
        }
    }

    /** The per-table machinery: codec, key encoder, not-null columns, indexes (also used by {@link BulkLoader}). */
    static final class Target {
        final TableDef table;
        final RowCodec codec;
        final KeyEncoder pk;
        final int[] pkIndexes;
        /** The storage id row keys are made under (the table's, or a bulk load's new storage). */
        int storage;
        final IndexMaintainer indexes;
        /** The table's CHECK constraints. */
        final CheckConstraints checks;

        Target(TableDef t, Catalog catalog) {
            table = t;
            checks = new CheckConstraints(catalog, t);
            storage = t.storageId();
            indexes = new IndexMaintainer(t, catalog == null ? List.of() : IndexBinder.indexesOf(catalog, t));
            codec = dev.lodedb.sql.exec.TableScan.codecOf(t);
            pk = t.hasHiddenRowId() ? null : TableKeys.primaryKeyEncoder(t);
            pkIndexes = new int[t.primaryKey().size()];
            for (int i = 0; i < pkIndexes.length; i++) {
                int id = t.primaryKey().get(i);
                for (int c = 0; c < t.columns().size(); c++) {
                    if (t.columns().get(c).id() == id) {
                        pkIndexes[i] = c;
                    }
                }
            }
        }

        byte[] key(Object[] row) {
            List<Object> values = new ArrayList<>(pkIndexes.length);
            for (int i : pkIndexes) {
                values.add(row[i]);
            }
            return TableKeys.rowKey(storage, pk, values);
        }

        void checkNotNull(Object[] row) {
            for (int c = 0; c < row.length; c++) {
                ColumnDef cd = table.columns().get(c);
                if (row[c] == null && cd.notNull()) {
                    throw new SqlException(SqlException.NOT_NULL_VIOLATION, "null value in column \"" + cd.name()
                            + "\" of relation \"" + table.name() + "\" violates not-null constraint", "Failing row contains "
                            + describe(row) + ".", null, 0, null);
                }
            }
        }

        /**
         * Checks NOT NULL, then the CHECK constraints.
         *
         * @throws SqlException 23502, 23514
         */
        void checkRow(Object[] row, ExecContext ctx) {
            checkNotNull(row);
            checks.check(row, ctx, this::describe);
        }

        String describe(Object[] row) {
            StringBuilder sb = new StringBuilder("(");
            for (int c = 0; c < row.length; c++) {
                sb.append(c > 0 ? ", " : "").append(row[c] == null ? "null"
                        : Values.format(table.columns().get(c).type(), row[c]));
            }
            return sb.append(')').toString();
        }

        SqlException duplicate(Object[] row) {
            StringBuilder cols = new StringBuilder();
            StringBuilder vals = new StringBuilder();
            for (int k = 0; k < pkIndexes.length; k++) {
                ColumnDef cd = table.columns().get(pkIndexes[k]);
                cols.append(k > 0 ? ", " : "").append(cd.name());
                vals.append(k > 0 ? ", " : "").append(Values.format(cd.type(), row[pkIndexes[k]]));
            }
            return new SqlException(SqlException.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \""
                    + table.name() + "_pkey\"", "Key (" + cols + ")=(" + vals + ") already exists.", null, 0, null);
        }
    }

    /** Reads the current value of {@code key}: the statement's own writes first, then the snapshot. */
    private static byte[] read(ExecContext ctx, PendingWrites pending, byte[] key) {
        byte[] mine = pending.lookup(key);
        if (mine != null) {
            return PendingWrites.isDeleted(mine) ? null : mine;
        }
        return pending.checkStore(ctx).get(pending.checkOptions(ctx), key);
    }

    StatementResult execute(DmlPlan plan, Object[] params) {
        checkTable(plan);
        ExecContext ctx = executor.context(txn.view(scope), scope, params);
        PendingWrites pending = PendingWrites.ordered();
        ctx.setPendingWrites(pending);
        PlanParts parts = takeParts(plan);
        Target target = parts.target;
        valuesPlan = parts.valuesPlan;
        valuesEvaluators = parts.valuesEvaluators;
        foreignKeys = parts.foreignKeys ? new ForeignKeys(executor.catalog(), ctx, pending) : null;
        // rows for RETURNING; none are kept without it, so that a large INSERT ... SELECT streams
        List<Object[]> returned = plan.returning().isEmpty() ? null : new ArrayList<>();
        long count;
        long delta;
        switch (plan.kind()) {
            case "INSERT" -> {
                long[] r = insert(plan, target, ctx, pending, returned);
                count = r[0];
                delta = r[1];
            }
            case "UPDATE" -> {
                count = update(plan, target, ctx, pending, returned);
                delta = 0;
            }
            default -> {
                count = delete(plan, target, ctx, pending, returned);
                delta = -count;
            }
        }
        List<Object[]> out = plan.returning().isEmpty() ? List.of() : returning(plan, returned, ctx);
        finish(pending, deltas(plan, delta), ctx);
        parts.valuesPlan = valuesPlan;
        parts.valuesEvaluators = valuesEvaluators;
        parts.slot.compareAndSet(null, parts); // a statement that failed before here leaves its parts
        String tag = plan.kind().equals("INSERT") ? "INSERT 0 " + count : plan.kind() + " " + count;
        return new MaterializedResult(PreparedStatementImpl.toResult(plan.returningColumns()), out, count, tag);
    }

    /**
     * Runs an INSERT once per parameter set as one statement: one snapshot, one atomic and durable
     * batch for all rows (what JDBC's {@code executeBatch} asks for; pgjdbc's
     * {@code reWriteBatchedInserts} does the same by rewriting into one multi-row INSERT).
     *
     * @return the rows inserted per parameter set
     * @throws SqlException on the first failing set; then nothing of the batch is written
     */
    long[] executeBatch(DmlPlan plan, List<Object[]> paramSets) {
        if (!plan.kind().equals("INSERT") || !plan.returning().isEmpty()) {
            throw new IllegalArgumentException("only INSERT without RETURNING runs as one batch");
        }
        checkTable(plan);
        PendingWrites pending = PendingWrites.ordered();
        Target target = new Target(plan.table(), executor.catalog());
        long[] counts = new long[paramSets.size()];
        ExecContext base = executor.context(txn.view(scope), scope, new Object[0]);
        foreignKeys = ForeignKeys.involves(executor.catalog(), plan.table())
                ? new ForeignKeys(executor.catalog(), base, pending) : null;
        ceiling.expect(counts.length);
        // the statement's context and one inserter for every set: only the parameter values change
        // (the session cancels the statement through this context, so each row sees a cancel)
        ExecContext ctx = base;
        ctx.setPendingWrites(pending);
        Inserter ins = new Inserter(plan, target, ctx, pending, null);
        ins.reserveRowIds(counts.length);
        for (int i = 0; i < counts.length; i++) {
            ctx.setParameters(paramSets.get(i));
            long before = ins.inserted;
            insertRows(plan, ins, ctx);
            counts[i] = ins.inserted - before;
            if ((i & (Inserter.SPILL_CHECK_ROWS - 1)) == Inserter.SPILL_CHECK_ROWS - 1) {
                txn.spillStatement(scope, pending, base);
            }
        }
        finish(pending, deltas(plan, ins.added), base);
        return counts;
    }

    /**
     * Runs the foreign-key actions and checks of the statement ({@link ForeignKeys#finish}).
     *
     * @return the row-count changes: {@code delta} for the statement's table plus cascaded deletes
     */
    private Map<Integer, Long> deltas(DmlPlan plan, long delta) {
        if (foreignKeys == null) {
            return Map.of(plan.table().id(), delta);
        }
        ForeignKeys fks = foreignKeys;
        foreignKeys = null;
        fks.finish();
        Map<Integer, Long> all = new java.util.HashMap<>(fks.deltas());
        all.merge(plan.table().id(), delta, Long::sum);
        return all;
    }

    /**
     * What a prepared INSERT, UPDATE or DELETE builds from its plan and the catalog before it
     * touches a row: the table's {@link Target} (row codec, key encoder, index maintainer, compiled
     * CHECK constraints), the compiled VALUES row, whether foreign keys are involved. Kept per plan
     * in {@link #IDLE_PARTS} and reused by the plan's next execution under the same catalog
     * (building them was a tenth of a single-row INSERT's time). Used by one execution at a time.
     */
    private static final class PlanParts {
        final Catalog catalog;
        final Target target;
        final boolean foreignKeys;
        final java.util.concurrent.atomic.AtomicReference<PlanParts> slot;
        LogicalPlan.Values valuesPlan;
        List<List<Evaluator>> valuesEvaluators;

        PlanParts(Catalog catalog, TableDef table, java.util.concurrent.atomic.AtomicReference<PlanParts> slot) {
            this.catalog = catalog;
            this.target = new Target(table, catalog);
            this.foreignKeys = ForeignKeys.involves(catalog, table);
            this.slot = slot;
        }
    }

    /** Idle {@link PlanParts} per DML plan (by identity, held weakly), taken out while in use. */
    private static final com.github.benmanes.caffeine.cache.Cache<DmlPlan,
            java.util.concurrent.atomic.AtomicReference<PlanParts>> IDLE_PARTS =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().weakKeys().maximumSize(4096)
                    .executor(Runnable::run).build();

    /** @return {@code plan}'s idle parts if they were built under the current catalog, else new ones */
    private PlanParts takeParts(DmlPlan plan) {
        java.util.concurrent.atomic.AtomicReference<PlanParts> slot = IDLE_PARTS.get(plan,
                k -> new java.util.concurrent.atomic.AtomicReference<>());
        PlanParts idle = slot.getAndSet(null);
        Catalog catalog = executor.catalog();
        if (idle != null && idle.catalog == catalog) {
            return idle;
        }
        return new PlanParts(catalog, plan.table(), slot);
    }

    /**
     * One idle operator tree per source plan (by identity, held weakly): a prepared UPDATE or DELETE
     * executed again reuses the tree of its last execution, with its chunks, instead of planning
     * and allocating anew, as {@link PreparedStatementImpl#acquireRoot} does for queries. A tree is
     * taken out while a statement uses it, so concurrent executions of one plan get their own.
     * The cache's upkeep runs on the calling thread, as the block cache's does: on the common
     * fork-join pool it woke a pool thread tens of thousands of times a second under OLTP.
     */
    private static final com.github.benmanes.caffeine.cache.Cache<LogicalPlan,
            java.util.concurrent.atomic.AtomicReference<Operator>> IDLE_TREES =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().weakKeys().maximumSize(4096)
                    .executor(Runnable::run).build();

    /** The operator trees a statement opened, closed (and handed back for reuse) together. */
    private static final class OpenedOperators {
        private final List<Operator> operators = new ArrayList<>(1);
        private final List<java.util.concurrent.atomic.AtomicReference<Operator>> slots = new ArrayList<>(1);

        void add(Operator op, java.util.concurrent.atomic.AtomicReference<Operator> slot) {
            operators.add(op);
            slots.add(slot);
        }

        void close() {
            for (int i = 0; i < operators.size(); i++) {
                Operator op = operators.get(i);
                op.close();
                slots.get(i).compareAndSet(null, op);
            }
            operators.clear();
            slots.clear();
        }
    }

    private static Iterable<Object[]> rows(LogicalPlan source, ExecContext ctx, OpenedOperators opened) {
        java.util.concurrent.atomic.AtomicReference<Operator> slot = IDLE_TREES.get(source,
                k -> new java.util.concurrent.atomic.AtomicReference<>());
        Operator idle = slot.getAndSet(null);
        Operator op = idle != null ? idle : PhysicalPlanner.plan(source);
        op.open(ctx);
        opened.add(op, slot);
        return () -> new java.util.Iterator<>() {
            DataChunk chunk;
            int k;

            @Override
            public boolean hasNext() {
                while (chunk == null || k >= chunk.size()) {
                    chunk = op.next();
                    k = 0;
                    if (chunk == null) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public Object[] next() {
                return chunk.rowValues(k++);
            }
        };
    }

    /**
     * Inserts the source's rows as they come (INSERT ... VALUES evaluates its rows first), so that
     * memory does not grow with the row count: the statement's writes move into the store when they
     * outgrow the transaction's budget ({@link Transaction#spillStatement}).
     *
     * @param returned where the inserted (or upserted) rows go for RETURNING, or {@code null}
     * @return the rows inserted or updated, and the rows added to the table
     */
    private long[] insert(DmlPlan plan, Target t, ExecContext ctx, PendingWrites pending, List<Object[]> returned) {
        Inserter ins = new Inserter(plan, t, ctx, pending, returned);
        insertRows(plan, ins, ctx);
        return new long[] {ins.inserted, ins.added};
    }

    /** Inserts the rows of {@code plan}'s source through {@code ins}, which counts them. */
    private void insertRows(DmlPlan plan, Inserter ins, ExecContext ctx) {
        if (plan.source() instanceof LogicalPlan.Values v && v.rows().size() == 1) {
            // one row (a batch's parameter set): no list of rows
            if (valuesEvaluators == null || valuesPlan != v) {
                valuesPlan = v;
                valuesEvaluators = List.of(ExpressionCompiler.all(v.rows().get(0)));
            }
            List<Evaluator> row = valuesEvaluators.get(0);
            Object[] values = new Object[row.size()];
            for (int c = 0; c < values.length; c++) {
                values[c] = row.get(c).evaluateOnce(ctx);
            }
            ins.reserveRowIds(1);
            ins.add(values);
        } else if (plan.source() instanceof LogicalPlan.Values v) {
            // INSERT ... VALUES: evaluate the rows directly, with evaluators compiled once per statement
            if (valuesEvaluators == null || valuesPlan != v) {
                valuesPlan = v;
                valuesEvaluators = new ArrayList<>();
                for (List<dev.lodedb.sql.plan.BoundExpr> row : v.rows()) {
                    valuesEvaluators.add(ExpressionCompiler.all(row));
                }
            }
            List<Object[]> all = new ArrayList<>();
            for (List<Evaluator> row : valuesEvaluators) {
                Object[] values = new Object[row.size()];
                for (int c = 0; c < values.length; c++) {
                    values[c] = row.get(c).evaluateOnce(ctx);
                }
                all.add(values);
            }
            ins.reserveRowIds(all.size());
            for (Object[] row : all) {
                ins.add(row);
            }
        } else {
            OpenedOperators ops = new OpenedOperators();
            try {
                for (Object[] row : rows(plan.source(), ctx, ops)) {
                    ins.add(row);
                }
            } finally {
                ops.close();
            }
        }
    }

    /** Inserts one row at a time for {@link #insert}. */
    private final class Inserter {
        /** Rows between two checks of the statement's memory ({@link Transaction#spillStatement}). */
        private static final int SPILL_CHECK_ROWS = 1024;
        private final DmlPlan plan;
        private final Target t;
        private final ExecContext ctx;
        private final PendingWrites pending;
        private final List<Object[]> returned;
        private final Evaluator[] set;
        private final Evaluator where;
        private long nextRowId;
        private long rowIdsLeft;
        long inserted;
        long added;

        Inserter(DmlPlan plan, Target t, ExecContext ctx, PendingWrites pending, List<Object[]> returned) {
            this.plan = plan;
            this.t = t;
            this.ctx = ctx;
            this.pending = pending;
            this.returned = returned;
            if (plan.conflict() != null && plan.conflict().doUpdate()) {
                set = ExpressionCompiler.all(plan.conflict().set()).toArray(new Evaluator[0]);
                where = plan.conflict().where() == null ? null : ExpressionCompiler.compile(plan.conflict().where());
            } else {
                set = null;
                where = null;
            }
        }

        /** Makes sure {@code n} hidden row ids are at hand (a table without primary key), taking them at once. */
        void reserveRowIds(int n) {
            if (t.pk == null && n > rowIdsLeft) {
                nextRowId = db.allocateRowIds(t.table, n);
                rowIdsLeft = n;
            }
        }

        private byte[] rowKey(Object[] row) {
            if (t.pk != null) {
                return t.key(row);
            }
            if (rowIdsLeft == 0) {
                reserveRowIds(SPILL_CHECK_ROWS);
            }
            rowIdsLeft--;
            return TableKeys.rowIdKey(t.table.storageId(), nextRowId++);
        }

        void add(Object[] row) {
            ctx.checkCancelled();
            t.checkRow(row, ctx);
            byte[] key = rowKey(row);
            byte[] existingKey = plan.conflict() == null ? null : arbiter(plan.conflict(), t, row, key, ctx, pending);
            if (existingKey != null) {
                if (plan.conflict().doUpdate()) {
                    upsert(row, existingKey);
                }
            } else {
                boolean pkChecked = plan.conflict() != null && plan.conflict().primaryKeyArbiter();
                if (t.pk != null && !pkChecked && !(plan.conflict() == null && ceiling.above(key, t, ctx, pending))
                        && read(ctx, pending, key) != null) {
                    throw t.duplicate(row);
                }
                ceiling.written(key);
                pending.put(key, t.codec.encode(row));
                t.indexes.insert(row, key, ctx, pending);
                if (foreignKeys != null) {
                    foreignKeys.inserted(t.table, key, row);
                }
                if (returned != null) {
                    returned.add(row);
                }
                inserted++;
                added++;
            }
            if ((inserted & (SPILL_CHECK_ROWS - 1)) == 0 && inserted > 0) {
                txn.spillStatement(scope, pending, ctx);
            }
        }

        /** ON CONFLICT DO UPDATE of the existing row under {@code existingKey}. */
        private void upsert(Object[] row, byte[] existingKey) {
            Object[] old = t.codec.decode(read(ctx, pending, existingKey));
            Object[] both = new Object[old.length * 2];
            System.arraycopy(old, 0, both, 0, old.length);
            System.arraycopy(row, 0, both, old.length, row.length);
            if (where != null && !Boolean.TRUE.equals(evalRow(where, both, plan, ctx))) {
                return;
            }
            Object[] updated = new Object[old.length];
            for (int c = 0; c < updated.length; c++) {
                updated[c] = evalRow(set[c], both, plan, ctx);
            }
            t.checkRow(updated, ctx);
            byte[] newKey = t.pk == null ? existingKey : t.key(updated);
            if (!java.util.Arrays.equals(newKey, existingKey)) {
                if (read(ctx, pending, newKey) != null) {
                    throw t.duplicate(updated);
                }
                pending.delete(existingKey);
            }
            ceiling.written(newKey);
            pending.put(newKey, t.codec.encode(updated));
            if (!t.indexes.isEmpty()) {
                t.indexes.update(List.<Object[]>of(old), List.of(existingKey), List.<Object[]>of(updated),
                        List.of(newKey), ctx, pending);
            }
            if (foreignKeys != null) {
                foreignKeys.updated(t.table, old, newKey, updated);
            }
            if (returned != null) {
                returned.add(updated);
            }
            inserted++;
        }
    }

    /**
     * @return the key of the existing row a proposed row conflicts with in one of the ON CONFLICT
     *     arbiters (the primary key first, then the unique indexes), or {@code null}
     */
    private static byte[] arbiter(DmlPlan.Conflict conflict, Target t, Object[] row, byte[] key, ExecContext ctx,
            PendingWrites pending) {
        if (conflict.primaryKeyArbiter() && t.pk != null && read(ctx, pending, key) != null) {
            return key;
        }
        for (int id : conflict.arbiterIndexes()) {
            IndexEntries ix = t.indexes.index(id);
            byte[] existing = ix == null ? null : t.indexes.conflictingRow(ix, row, key, ctx, pending);
            if (existing != null) {
                return existing;
            }
        }
        return null;
    }

    private static Object evalRow(Evaluator e, Object[] row, DmlPlan plan, ExecContext ctx) {
        List<DataType> types = new ArrayList<>();
        for (ColumnDef c : plan.table().columns()) {
            types.add(c.type());
        }
        List<DataType> both = new ArrayList<>(types);
        both.addAll(types);
        DataChunk chunk = DataChunk.allocate(both, 1);
        for (int c = 0; c < row.length; c++) {
            chunk.column(c).set(0, row[c]);
        }
        chunk.setSize(1);
        return e.evaluate(chunk, ctx).get(0);
    }

    private long update(DmlPlan plan, Target t, ExecContext ctx, PendingWrites pending, List<Object[]> returned) {
        boolean maintain = !t.indexes.isEmpty() && changesIndexInputs(plan, t);
        if (eachRowOnce(plan.source()) && keepsPrimaryKey(plan, t) && !(maintain && hasUniqueIndex(t))) {
            return updateStreaming(plan, t, ctx, pending, returned, maintain);
        }
        OpenedOperators ops = new OpenedOperators();
        int n = t.table.columns().size();
        Set<ByteBuffer> done = new HashSet<>();
        List<Object[]> changes = new ArrayList<>();
        try {
            for (Object[] r : rows(plan.source(), ctx, ops)) {
                if (done.add(ByteBuffer.wrap((byte[]) r[n]))) {
                    changes.add(r);
                }
            }
        } finally {
            ops.close();
        }
        List<Object[]> oldRows = new ArrayList<>();
        List<byte[]> oldKeys = new ArrayList<>();
        List<Object[]> newRows = new ArrayList<>();
        List<byte[]> newKeys = new ArrayList<>();
        for (Object[] r : changes) {
            ctx.checkCancelled();
            byte[] oldKey = (byte[]) r[n];
            Object[] row = java.util.Arrays.copyOf(r, n);
            t.checkRow(row, ctx);
            byte[] key = t.pk == null ? oldKey : t.key(row);
            if (!java.util.Arrays.equals(key, oldKey)) {
                if (read(ctx, pending, key) != null && !changingKey(key, done)) {
                    throw t.duplicate(row);
                }
                if (pending.lookup(oldKey) == null || PendingWrites.isDeleted(pending.lookup(oldKey))) {
                    pending.delete(oldKey);
                }
            }
            pending.put(key, t.codec.encode(row));
            if (returned != null) {
                returned.add(row);
            }
            if (foreignKeys != null) {
                foreignKeys.updated(t.table, t.codec.decode(ctx.store().get(ctx.readOptions(), oldKey)), key, row);
            }
            if (maintain) {
                oldRows.add(t.codec.decode(ctx.store().get(ctx.readOptions(), oldKey)));
                oldKeys.add(oldKey);
                newRows.add(row);
                newKeys.add(key);
            }
        }
        if (maintain) {
            t.indexes.update(oldRows, oldKeys, newRows, newKeys, ctx, pending);
        }
        return changes.size();
    }

    /**
     * @return whether an UPDATE may change an index entry: false when the new value of every
     *     column an index reads (keys, expression and predicate inputs, INCLUDE columns, the
     *     primary key) is the old column itself
     */
    private static boolean changesIndexInputs(DmlPlan plan, Target t) {
        if (!(plan.source() instanceof LogicalPlan.Project p)) {
            return true;
        }
        Set<Integer> inputs = new HashSet<>();
        for (IndexEntries ix : t.indexes.indexes()) {
            inputs.addAll(IndexBinder.bind(t.table, ix.index()).inputColumns());
        }
        for (int c : inputs) {
            if (!setsToItself(p, c)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the UPDATE's projection {@code p} gives column {@code c} its old value */
    private static boolean setsToItself(LogicalPlan.Project p, int c) {
        return p.exprs().get(c) instanceof dev.lodedb.sql.plan.BoundExpr.ColumnRef ref && ref.index() == c;
    }

    /**
     * An UPDATE whose rows can be written as they come: each row arrives once, keeps its primary
     * key, and no unique index entry changes (so no row can take a key another row of the statement
     * gives up later). Memory stays bounded: non-unique index entries are maintained every
     * {@link Inserter#SPILL_CHECK_ROWS} rows, when the statement's writes may also move into the
     * store ({@link Transaction#spillStatement}).
     */
    private long updateStreaming(DmlPlan plan, Target t, ExecContext ctx, PendingWrites pending,
            List<Object[]> returned, boolean maintain) {
        OpenedOperators ops = new OpenedOperators();
        int n = t.table.columns().size();
        List<Object[]> oldRows = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        List<Object[]> newRows = new ArrayList<>();
        long count = 0;
        try {
            for (Object[] r : rows(plan.source(), ctx, ops)) {
                ctx.checkCancelled();
                byte[] key = (byte[]) r[n];
                Object[] row = java.util.Arrays.copyOf(r, n);
                t.checkRow(row, ctx);
                pending.put(key, t.codec.encode(row));
                if (returned != null) {
                    returned.add(row);
                }
                if (foreignKeys != null || maintain) {
                    Object[] old = t.codec.decode(ctx.store().get(ctx.readOptions(), key));
                    if (foreignKeys != null) {
                        foreignKeys.updated(t.table, old, key, row);
                    }
                    if (maintain) {
                        oldRows.add(old);
                        keys.add(key);
                        newRows.add(row);
                    }
                }
                if (++count % Inserter.SPILL_CHECK_ROWS == 0) {
                    if (maintain) {
                        t.indexes.update(oldRows, keys, newRows, keys, ctx, pending);
                        oldRows.clear();
                        keys.clear();
                        newRows.clear();
                    }
                    txn.spillStatement(scope, pending, ctx);
                }
            }
        } finally {
            ops.close();
        }
        if (maintain && !keys.isEmpty()) {
            t.indexes.update(oldRows, keys, newRows, keys, ctx, pending);
        }
        return count;
    }

    /**
     * @return whether {@code p} yields each row of the table it reads at most once: scans under
     *     filters, projections, sorts, limits and semi or anti joins, but no join that can repeat a
     *     row (UPDATE ... FROM, DELETE ... USING)
     */
    private static boolean eachRowOnce(LogicalPlan p) {
        if (p instanceof LogicalPlan.Join j) {
            return (j.type() == dev.lodedb.sql.plan.JoinType.SEMI || j.type() == dev.lodedb.sql.plan.JoinType.ANTI)
                    && eachRowOnce(j.left());
        }
        if (p instanceof LogicalPlan.Scan || p instanceof LogicalPlan.IndexScan
                || p instanceof LogicalPlan.BitmapHeapScan) {
            return true;
        }
        if (p instanceof LogicalPlan.Filter || p instanceof LogicalPlan.Project || p instanceof LogicalPlan.Sort
                || p instanceof LogicalPlan.Limit) {
            return eachRowOnce(p.inputs().get(0));
        }
        return false;
    }

    /** @return whether the UPDATE sets every primary-key column to itself (or the table has none) */
    private static boolean keepsPrimaryKey(DmlPlan plan, Target t) {
        if (t.pk == null) {
            return true;
        }
        if (!(plan.source() instanceof LogicalPlan.Project p)) {
            return false;
        }
        for (int c : t.pkIndexes) {
            if (!setsToItself(p, c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasUniqueIndex(Target t) {
        for (IndexEntries ix : t.indexes.indexes()) {
            if (ix.index().unique()) {
                return true;
            }
        }
        return false;
    }

    /** @return whether {@code key} belongs to a row this UPDATE moves away from it */
    private static boolean changingKey(byte[] key, Set<ByteBuffer> oldKeys) {
        return oldKeys.contains(ByteBuffer.wrap(key));
    }

    private long delete(DmlPlan plan, Target t, ExecContext ctx, PendingWrites pending, List<Object[]> returned) {
        OpenedOperators ops = new OpenedOperators();
        int n = t.table.columns().size();
        // rows repeated by a join (DELETE ... USING) are deleted once; without one nothing is kept
        Set<ByteBuffer> done = eachRowOnce(plan.source()) ? null : new HashSet<>();
        long count = 0;
        try {
            for (Object[] r : rows(plan.source(), ctx, ops)) {
                ctx.checkCancelled();
                byte[] key = (byte[]) r[n];
                if (done != null && !done.add(ByteBuffer.wrap(key))) {
                    continue;
                }
                pending.delete(key);
                Object[] row = java.util.Arrays.copyOf(r, n);
                t.indexes.delete(row, key, ctx, pending);
                if (foreignKeys != null) {
                    foreignKeys.deleted(t.table, row);
                }
                if (returned != null) {
                    returned.add(row);
                }
                if (++count % Inserter.SPILL_CHECK_ROWS == 0) {
                    txn.spillStatement(scope, pending, ctx);
                }
            }
        } finally {
            ops.close();
        }
        return count;
    }

    private List<Object[]> returning(DmlPlan plan, List<Object[]> rows, ExecContext ctx) {
        List<Evaluator> exprs = ExpressionCompiler.all(plan.returning());
        List<DataType> types = new ArrayList<>();
        for (ColumnDef c : plan.table().columns()) {
            types.add(c.type());
        }
        List<Object[]> out = new ArrayList<>();
        for (int start = 0; start < rows.size(); start += DataChunk.CAPACITY) {
            int end = Math.min(rows.size(), start + DataChunk.CAPACITY);
            DataChunk chunk = DataChunk.allocate(types, DataChunk.CAPACITY);
            for (int i = start; i < end; i++) {
                Object[] r = rows.get(i);
                for (int c = 0; c < r.length; c++) {
                    chunk.column(c).set(i - start, r[c]);
                }
            }
            chunk.setSize(end - start);
            Vector[] vs = new Vector[exprs.size()];
            for (int j = 0; j < vs.length; j++) {
                vs[j] = exprs.get(j).evaluate(chunk, ctx);
            }
            for (int i = 0; i < end - start; i++) {
                Object[] o = new Object[vs.length];
                for (int j = 0; j < vs.length; j++) {
                    o[j] = vs[j].get(i);
                }
                out.add(o);
            }
        }
        return out;
    }

    /** CREATE TABLE name AS query: the new table and its rows in one batch (caller holds the write lock). */
    StatementResult createTableAs(CreateTableAs c) {
        Catalog cat = executor.catalog();
        String schema = c.name().parts().size() >= 2 ? c.name().parts().get(c.name().parts().size() - 2)
                : Catalog.PUBLIC;
        if (cat.table(schema, c.name().last()) != null || cat.view(schema, c.name().last()) != null) {
            if (c.ifNotExists()) {
                return MaterializedResult.command("CREATE TABLE AS", 0);
            }
            throw new SqlException(SqlException.DUPLICATE_TABLE, "relation \"" + c.name().last() + "\" already exists",
                    null, null, c.name().position() + 1, null);
        }
        Binder.BoundQuery b = Binder.bindQuery(cat, c.query(), List.of());
        LogicalPlan plan = executor.optimizer(cat).run(b.plan());
        List<ColumnDef> cols = DdlExecutor.columnsOf(b.plan(), c.columns(), c.position());
        TableDef t = DdlExecutor.define(cat, schema, c.name().last(), cols, List.of(), c.position());
        Catalog next = cat.createTable(t);
        Transaction.Scope read = executor.readScope();
        // rows stream from the query into the loader: bounded memory, a rewrite when large
        BulkLoader loader = null;
        try {
            ExecContext ctx = executor.context(executor.readView(read), read, new Object[0]);
            loader = new BulkLoader(db, executor, ctx, t, dev.lodedb.storage.ReadOptions.at(read.snapshot()), true,
                    executor.bulkLoadThreshold());
            if (c.withData()) {
                OpenedOperators ops = new OpenedOperators();
                try {
                    for (Object[] row : rows(plan, ctx, ops)) {
                        ctx.checkCancelled();
                        for (int i = 0; i < row.length; i++) {
                            if (row[i] != null && cols.get(i).type().id() != plan.columns().get(i).type().id()) {
                                row[i] = Values.cast(row[i], plan.columns().get(i).type(), cols.get(i).type());
                            }
                        }
                        loader.add(row);
                    }
                } finally {
                    ops.close();
                }
            }
            long count = loader.commit(next, true);
            loader = null;
            return MaterializedResult.command("SELECT " + count, count);
        } finally {
            if (loader != null) {
                loader.abort();
            }
            executor.endRead(read);
        }
    }
}
