package dev.lodedb.sql.exec;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.IndexKeys;
import dev.lodedb.engine.encoding.KeyEncoder;
import dev.lodedb.engine.encoding.RowCodec;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.binder.IndexBinder;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.BoundIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes the entry of one index for a table row (the key layout of {@link IndexKeys}): the key
 * elements' values — a column's value, or an expression evaluated with the SQL evaluator — the
 * partial-index predicate, the stored columns, and the duplicate-key error of a unique index.
 * Rows are {@code Object[]} in the table's column order. Not thread-safe: it owns evaluators; one
 * per statement.
 */
public final class IndexEntries {
    private final BoundIndex bound;
    private final KeyEncoder keyEncoder;
    private final byte[] prefix;
    private final RowCodec storedCodec;
    private final int[] storedPositions;
    private final Evaluator[] keyEvaluators;
    private final int[] keyPositions;
    private final Evaluator predicate;
    private final DataChunk one;

    /**
     * One row's entry.
     *
     * @param head the entry prefix and key columns: equal for rows with equal keys
     * @param key the full entry key (head and row suffix)
     * @param value the stored columns, or empty
     * @param keyValues the key elements' values
     * @param hasNull whether a key element is NULL (never a unique conflict)
     */
    public record Entry(byte[] head, byte[] key, byte[] value, Object[] keyValues, boolean hasNull) {
        /** @return whether {@code o} writes the same key and value */
        public boolean sameAs(Entry o) {
            return o != null && Arrays.equals(key, o.key) && Arrays.equals(value, o.value);
        }
    }

    /** @param bound the index bound over the current version of its table */
    public IndexEntries(BoundIndex bound) {
        this.bound = bound;
        TableDef table = bound.table();
        IndexDef index = bound.index();
        this.keyEncoder = IndexKeys.keyEncoder(index, table);
        this.prefix = IndexKeys.prefix(index.id());
        this.storedCodec = IndexKeys.storedCodec(index, table);
        List<Integer> stored = IndexKeys.storedColumns(index, table);
        this.storedPositions = new int[stored.size()];
        for (int i = 0; i < storedPositions.length; i++) {
            storedPositions[i] = IndexBinder.position(table, stored.get(i));
        }
        int n = bound.keys().size();
        this.keyEvaluators = new Evaluator[n];
        this.keyPositions = new int[n];
        boolean needChunk = bound.predicate() != null;
        for (int i = 0; i < n; i++) {
            keyPositions[i] = bound.keyColumn(i);
            if (keyPositions[i] < 0) {
                keyEvaluators[i] = ExpressionCompiler.compile(bound.keys().get(i));
                needChunk = true;
            }
        }
        this.predicate = bound.predicate() == null ? null : ExpressionCompiler.compile(bound.predicate());
        if (needChunk) {
            List<DataType> types = new ArrayList<>();
            table.columns().forEach(c -> types.add(c.type()));
            one = DataChunk.allocate(types, 1);
        } else {
            one = null;
        }
    }

    /** @return the index */
    public IndexDef index() {
        return bound.index();
    }

    /** @return the key encoder of the key elements */
    public KeyEncoder keyEncoder() {
        return keyEncoder;
    }

    private void load(Object[] row) {
        one.reset();
        for (int c = 0; c < row.length; c++) {
            one.column(c).set(0, row[c]);
        }
        one.setSize(1);
    }

    /**
     * @param row the row's values in table column order
     * @param rowKey the row's key in the table
     * @return the row's entry, or {@code null} when the row does not satisfy a partial index's predicate
     * @throws SqlException when an index expression fails on the row (as it would in the INSERT)
     */
    public Entry entry(Object[] row, byte[] rowKey, ExecContext ctx) {
        boolean loaded = false;
        if (predicate != null) {
            load(row);
            loaded = true;
            Vector v = predicate.evaluate(one, ctx);
            if (v.isNull(0) || !v.booleans()[0]) {
                return null;
            }
        }
        Object[] values = new Object[keyPositions.length];
        boolean hasNull = false;
        for (int i = 0; i < values.length; i++) {
            if (keyPositions[i] >= 0) {
                values[i] = row[keyPositions[i]];
            } else {
                if (!loaded) {
                    load(row);
                    loaded = true;
                }
                values[i] = keyEvaluators[i].evaluate(one, ctx).get(0);
            }
            hasNull |= values[i] == null;
        }
        byte[] head = keyEncoder.encodePrefix(prefix, Arrays.asList(values));
        Object[] stored = new Object[storedPositions.length];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = row[storedPositions[i]];
        }
        return new Entry(head, IndexKeys.entryKey(head, rowKey), IndexKeys.entryValue(storedCodec, stored), values,
                hasNull);
    }

    /**
     * @return SQLSTATE 23505 {@code duplicate key value violates unique constraint "name"} with
     *     PostgreSQL's detail {@code Key (a, b)=(1, x) already exists.}
     */
    public SqlException duplicate(Object[] keyValues) {
        return new SqlException(SqlException.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \""
                + bound.index().name() + "\"", "Key " + describe(keyValues) + " already exists.", null, 0, null);
    }

    /** @return {@code (a, lower(b))=(1, x)} */
    String describe(Object[] keyValues) {
        StringBuilder cols = new StringBuilder("(");
        StringBuilder vals = new StringBuilder("(");
        for (int i = 0; i < keyValues.length; i++) {
            IndexDef.Key k = bound.index().keys().get(i);
            cols.append(i > 0 ? ", " : "").append(k.isExpression() ? k.expression()
                    : bound.table().columns().get(keyPositions[i]).name());
            DataType t = bound.keys().get(i).type();
            vals.append(i > 0 ? ", " : "").append(keyValues[i] == null ? "null" : Values.format(t, keyValues[i]));
        }
        return cols.append(")=").append(vals).append(')').toString();
    }
}
