package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.CheckConstraint;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.catalog.SequenceDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.RowCodec;
import dev.lodedb.engine.encoding.TableKeys;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.sql.ast.Constraint;
import dev.lodedb.sql.ast.SequenceOption;
import dev.lodedb.sql.binder.CheckBinder;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.exec.TableScan;
import dev.lodedb.storage.StoreIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The DDL of CHECK constraints and of sequence-fed columns (serial, identity), kept out of
 * {@link DdlExecutor}: naming, binding and validating CHECK constraints, dropping and renaming them
 * with their columns, and the owned sequences of serial and identity columns. Runs under the
 * database's write lock; stateless helpers.
 */
final class ConstraintDdl {
    private ConstraintDdl() {
    }

    /** SQLSTATE of {@code constraint "c" for relation "t" already exists}. */
    static final String DUPLICATE_OBJECT = "42710";

    /**
     * Binds a CHECK constraint over {@code table} and names it as PostgreSQL does: {@code t_c_check}
     * when the expression reads exactly one column, else {@code t_check}, a number appended on a
     * clash.
     *
     * @throws SqlException 42710 for an explicit name the table's constraints already use;
     *     binding errors (42703, 42804, 0A000 for a subquery, ...) at the expression
     */
    static CheckConstraint check(Catalog cat, TableDef table, Constraint k) {
        CheckBinder.bind(cat, table, k.expression());
        String sql = AstRenamer.unqualified(k.expression(), table.name());
        Set<String> taken = constraintNames(cat, table);
        if (k.name() != null) {
            if (taken.contains(k.name())) {
                throw new SqlException(DUPLICATE_OBJECT, "constraint \"" + k.name() + "\" for relation \""
                        + table.name() + "\" already exists", null, null, k.position() + 1, null);
            }
            return new CheckConstraint(k.name(), sql);
        }
        CheckConstraint probe = new CheckConstraint("?", sql);
        Set<Integer> cols = CheckBinder.inputColumns(cat, table, probe);
        String base = table.name() + (cols.size() == 1 ? "_" + table.columns().get(cols.iterator().next()).name() : "")
                + "_check";
        String name = base;
        for (int i = 1; taken.contains(name) || cat.hasRelation(table.schema(), name); i++) {
            name = base + i;
        }
        return new CheckConstraint(name, sql);
    }

    /** @return the names of the table's constraints: CHECK, FOREIGN KEY and its constraint indexes */
    static Set<String> constraintNames(Catalog cat, TableDef table) {
        Set<String> out = new HashSet<>();
        table.checks().forEach(c -> out.add(c.name()));
        table.foreignKeys().forEach(k -> out.add(k.name()));
        for (IndexDef ix : cat.indexesOf(table.id())) {
            out.add(ix.name());
        }
        out.add(table.name() + "_pkey");
        return out;
    }

    /** @return {@code table} with {@code check} added */
    static TableDef addCheck(TableDef table, CheckConstraint check) {
        List<CheckConstraint> all = new ArrayList<>(table.checks());
        all.add(check);
        return table.withChecks(all);
    }

    /**
     * Checks every existing row of {@code table} against {@code check} (ALTER TABLE ADD CONSTRAINT).
     *
     * @throws SqlException 23514 {@code check constraint "c" of relation "t" is violated by some row}
     */
    static void validate(SqlDatabase db, StatementExecutor executor, Catalog cat, TableDef table, CheckConstraint check) {
        TableDef one = table.withChecks(List.of(check));
        CheckConstraints checks = new CheckConstraints(cat, one);
        RowCodec codec = TableScan.codecOf(table);
        Transaction.Scope scope = executor.readScope();
        try {
            ExecContext ctx = executor.context(executor.readView(scope), scope, new Object[0]);
            try (StoreIterator it = ctx.store().newIterator(ctx.readOptions().withBounds(
                    TableKeys.prefix(table.storageId()), TableKeys.upperBound(table.storageId())))) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    ctx.checkCancelled();
                    if (checks.violated(codec.decode(it.value()), ctx) != null) {
                        throw new SqlException(SqlException.CHECK_VIOLATION, "check constraint \"" + check.name()
                                + "\" of relation \"" + table.name() + "\" is violated by some row");
                    }
                }
            }
        } finally {
            executor.endRead(scope);
        }
    }

    /**
     * @return {@code after} (the table without the dropped column) without the CHECK constraints
     *     that read the column, as PostgreSQL drops them
     */
    static TableDef dropColumn(Catalog cat, TableDef before, TableDef after, String column) {
        int pos = before.indexOf(column);
        List<CheckConstraint> kept = new ArrayList<>();
        for (CheckConstraint k : before.checks()) {
            if (!CheckBinder.inputColumns(cat, before, k).contains(pos)) {
                kept.add(k);
            }
        }
        return after.withChecks(kept);
    }

    /** @return {@code after} with the CHECK texts naming column {@code from} re-printed with {@code to} */
    static TableDef renameColumn(Catalog cat, TableDef after, String from, String to) {
        List<CheckConstraint> renamed = new ArrayList<>();
        for (CheckConstraint k : after.checks()) {
            renamed.add(new CheckConstraint(k.name(), AstRenamer.rename(k.sql(), after.name(), from, to)));
        }
        TableDef t = after.withChecks(renamed);
        for (CheckConstraint k : renamed) {
            CheckBinder.bind(cat, t, k);
        }
        return t;
    }

    /**
     * A sequence a column of a new table needs: serial, or an identity column.
     *
     * @param column the column's name
     * @param name the sequence's name
     * @param type the column's (and sequence's) type
     * @param options the identity's sequence options (empty for serial)
     */
    record OwnedSequence(String column, String name, DataType type, List<SequenceOption> options) {
    }

    /** @return the type of a serial type name: integer, bigint or smallint */
    static DataType serialType(String typeText) {
        String s = typeText.trim().toLowerCase(java.util.Locale.ROOT).replace("pg_catalog.", "");
        if (s.equals("bigserial") || s.equals("serial8")) {
            return DataType.BIGINT;
        }
        if (s.equals("smallserial") || s.equals("serial2")) {
            return DataType.SMALLINT;
        }
        return DataType.INTEGER;
    }

    /**
     * @return the sequence name of a serial or identity column ({@code t_c_seq}, numbered on a
     *     clash; an identity's {@code SEQUENCE NAME} option wins)
     */
    static String sequenceName(Catalog cat, String schema, String table, String column, List<SequenceOption> options,
            Set<String> taken) {
        for (SequenceOption o : options) {
            if (o.kind() == SequenceOption.Kind.SEQUENCE_NAME) {
                return o.name().last();
            }
        }
        String name = SequenceDdl.chooseName(cat, schema, table + "_" + column + "_seq", taken);
        taken.add(name);
        return name;
    }

    /** @return the DEFAULT text that draws from sequence {@code name} of {@code schema} */
    static String nextvalDefault(String schema, String name) {
        String qualified = schema.equals(Catalog.PUBLIC) ? name : schema + "." + name;
        return "nextval('" + qualified.replace("'", "''") + "')";
    }

    /**
     * @throws SqlException 22023 {@code identity column type must be smallint, integer, or bigint}
     */
    static void requireIdentityType(DataType type, int position) {
        if (type.id() != TypeId.SMALLINT && type.id() != TypeId.INTEGER && type.id() != TypeId.BIGINT) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE,
                    "identity column type must be smallint, integer, or bigint", null, null, position + 1, null);
        }
    }

    /**
     * Adds the sequences of serial and identity columns of the new table {@code table} (already in
     * {@code next}), owned by their columns.
     *
     * @return {@code next} with the sequences
     */
    static Catalog addOwnedSequences(Catalog next, TableDef table, List<OwnedSequence> sequences) {
        for (OwnedSequence s : sequences) {
            SequenceDef d = SequenceDdl.define(next.nextObjectId(), table.schema(), s.name(), null, s.options(), s.type(),
                    table.id(), table.column(s.column()).id());
            if (!d.type().equals(s.type())) {
                // AS type in the identity's options must not change the column's type; PostgreSQL
                // takes the column's type regardless
                d = SequenceDdl.define(next.nextObjectId(), table.schema(), s.name(), null, withoutAs(s.options()),
                        s.type(), table.id(), table.column(s.column()).id());
            }
            next = next.createSequence(d);
        }
        return next;
    }

    private static List<SequenceOption> withoutAs(List<SequenceOption> options) {
        List<SequenceOption> out = new ArrayList<>();
        for (SequenceOption o : options) {
            if (o.kind() != SequenceOption.Kind.AS) {
                out.add(o);
            }
        }
        return out;
    }
}
