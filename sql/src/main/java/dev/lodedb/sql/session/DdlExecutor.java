package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.catalog.ViewDef;
import dev.lodedb.engine.encoding.TableKeys;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.sql.ast.AlterTable;
import dev.lodedb.sql.ast.AlterTableAction;
import dev.lodedb.sql.ast.Analyze;
import dev.lodedb.sql.stats.StatisticsStore;
import dev.lodedb.sql.ast.ColumnRef;
import dev.lodedb.sql.ast.CommonTableExpr;
import dev.lodedb.sql.ast.Constraint;
import dev.lodedb.sql.ast.CreateSchema;
import dev.lodedb.sql.ast.CreateTable;
import dev.lodedb.sql.ast.CreateTableAs;
import dev.lodedb.sql.ast.CreateView;
import dev.lodedb.sql.ast.Drop;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.Select;
import dev.lodedb.sql.ast.SelectItem;
import dev.lodedb.sql.ast.Statement;
import dev.lodedb.sql.ast.TableName;
import dev.lodedb.sql.ast.DropBehavior;
import dev.lodedb.sql.ast.Truncate;
import dev.lodedb.sql.ast.Vacuum;
import dev.lodedb.sql.ast.VacuumTarget;
import dev.lodedb.sql.ast.WithClause;
import dev.lodedb.sql.binder.Binder;
import dev.lodedb.sql.binder.TypeResolver;
import dev.lodedb.sql.parser.AstPrinter;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.PlanColumn;
import dev.lodedb.storage.WriteBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs DDL under the database's write lock: each statement computes the new catalog, writes it
 * and any data changes (CREATE TABLE AS rows, the range tombstone of a dropped table) in one
 * atomic batch, and publishes the catalog after the batch is durable.
 */
final class DdlExecutor {
    private final SqlDatabase db;
    private final StatementExecutor executor;

    DdlExecutor(SqlDatabase db, StatementExecutor executor) {
        this.db = db;
        this.executor = executor;
    }

    private static SqlException at(SqlException e, int position) {
        return e.position() == 0 ? e.withPosition(position + 1) : e;
    }

    private static String schemaOf(QualifiedName n) {
        return n.parts().size() >= 2 ? n.parts().get(n.parts().size() - 2) : Catalog.PUBLIC;
    }

    /** Runs a DDL statement; the caller holds the schema lock exclusively. */
    StatementResult execute(Statement s) {
        if (s instanceof CreateTable c) {
            return createTable(c);
        }
        if (s instanceof dev.lodedb.sql.ast.CreateSequence c) {
            return new SequenceDdl(db, executor).create(c);
        }
        if (s instanceof dev.lodedb.sql.ast.AlterSequence a) {
            return new SequenceDdl(db, executor).alter(a);
        }
        if (s instanceof dev.lodedb.sql.ast.CreateIndex c) {
            return new IndexDdl(db, executor).create(c, schemaOf(c.table()));
        }
        if (s instanceof CreateTableAs c) {
            return new DmlExecutor(db, executor).createTableAs(c);
        }
        if (s instanceof Drop d) {
            return drop(d);
        }
        if (s instanceof CreateView v) {
            return createView(v);
        }
        if (s instanceof CreateSchema c) {
            Catalog cat = executor.catalog();
            Catalog next = cat.createSchema(c.name(), c.ifNotExists());
            commit(new WriteBatch(), next == cat ? null : next, List.of());
            return MaterializedResult.command("CREATE SCHEMA", 0);
        }
        if (s instanceof AlterTable a) {
            return alter(a);
        }
        if (s instanceof Truncate t) {
            return truncate(t);
        }
        if (s instanceof Vacuum v) {
            return maintenance(v.targets(), "VACUUM");
        }
        if (s instanceof Analyze a) {
            return maintenance(a.targets(), "ANALYZE");
        }
        String kind = s.getClass().getSimpleName();
        throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "statement not supported yet: " + kind, null,
                null, s.position() + 1, null);
    }

    private void commit(WriteBatch batch, Catalog next, List<Integer> dropped) {
        executor.commitDdl(batch, Map.of(), next, dropped, true);
    }

    /** Builds a table definition from column definitions (also used by CREATE TABLE AS). */
    static TableDef define(Catalog catalog, String schema, String name, List<ColumnDef> columns, List<String> pk,
            int position) {
        try {
            return TableDef.create(catalog.nextObjectId(), schema, name, columns, pk);
        } catch (SqlException e) {
            throw at(e, position);
        }
    }

    private StatementResult createTable(CreateTable c) {
        Catalog cat = executor.catalog();
        String schema = schemaOf(c.name());
        String name = c.name().last();
        if (cat.table(schema, name) != null || cat.view(schema, name) != null) {
            if (c.ifNotExists()) {
                return MaterializedResult.command("CREATE TABLE", 0);
            }
            throw new SqlException(SqlException.DUPLICATE_TABLE, "relation \"" + name + "\" already exists", null,
                    null, c.name().position() + 1, null);
        }
        List<ColumnDef> cols = new ArrayList<>();
        List<String> pk = new ArrayList<>();
        List<ConstraintDdl.OwnedSequence> owned = new ArrayList<>();
        java.util.Set<String> sequenceNames = new java.util.HashSet<>();
        List<Constraint> checks = new ArrayList<>();
        List<Constraint> foreignKeys = new ArrayList<>();
        for (dev.lodedb.sql.ast.ColumnDef cd : c.columns()) {
            DataType type;
            String typeText = String.join(" ", cd.type().names());
            boolean serial = DataType.isSerial(typeText);
            type = serial ? ConstraintDdl.serialType(typeText) : TypeResolver.resolve(cd.type());
            boolean notNull = false;
            String defaultSql = null;
            char identity = ColumnDef.NOT_IDENTITY;
            if (serial) {
                String seq = ConstraintDdl.sequenceName(cat, schema, name, cd.name(), List.of(), sequenceNames);
                owned.add(new ConstraintDdl.OwnedSequence(cd.name(), seq, type, List.of()));
                defaultSql = ConstraintDdl.nextvalDefault(schema, seq);
                notNull = true;
            }
            for (Constraint k : cd.constraints()) {
                if ((k.type() == Constraint.Type.DEFAULT || k.type() == Constraint.Type.IDENTITY)
                        && (defaultSql != null)) {
                    throw new SqlException(SqlException.SYNTAX_ERROR, (identity != ColumnDef.NOT_IDENTITY
                            || k.type() == Constraint.Type.IDENTITY ? "both default and identity specified"
                            : "multiple default values specified") + " for column \"" + cd.name() + "\" of table \""
                            + name + "\"", null, null, k.position() + 1, null);
                }
                switch (k.type()) {
                    case NOT_NULL -> notNull = true;
                    case NULL -> notNull = false;
                    case PRIMARY_KEY -> {
                        if (!pk.isEmpty()) {
                            throw new SqlException("42P16", "multiple primary keys for table \"" + name
                                    + "\" are not allowed", null, null, k.position() + 1, null);
                        }
                        pk.add(cd.name());
                        notNull = true;
                    }
                    case DEFAULT -> {
                        Binder.bindStandalone(cat, k.expression(), type);
                        defaultSql = AstPrinter.print(k.expression());
                    }
                    case UNIQUE -> {
                        // an index, added once the table is defined (IndexDdl.uniqueConstraints)
                    }
                    case CHECK -> checks.add(k);
                    case FOREIGN_KEY -> foreignKeys.add(ForeignKeyDdl.ofColumn(cd.name(), k));
                    case IDENTITY -> {
                        ConstraintDdl.requireIdentityType(type, k.position());
                        identity = k.identityAlways() ? ColumnDef.IDENTITY_ALWAYS : ColumnDef.IDENTITY_BY_DEFAULT;
                        String seq = ConstraintDdl.sequenceName(cat, schema, name, cd.name(), k.sequenceOptions(),
                                sequenceNames);
                        owned.add(new ConstraintDdl.OwnedSequence(cd.name(), seq, type, k.sequenceOptions()));
                        defaultSql = ConstraintDdl.nextvalDefault(schema, seq);
                        notNull = true;
                    }
                    default -> throw unsupportedConstraint(k);
                }
            }
            cols.add(new ColumnDef(cols.size(), cd.name(), type, notNull, defaultSql, null, identity));
        }
        for (Constraint k : c.constraints()) {
            if (k.type() == Constraint.Type.UNIQUE) {
                continue;
            }
            if (k.type() == Constraint.Type.CHECK) {
                checks.add(k);
                continue;
            }
            if (k.type() == Constraint.Type.FOREIGN_KEY) {
                foreignKeys.add(k);
                continue;
            }
            if (k.type() != Constraint.Type.PRIMARY_KEY) {
                throw unsupportedConstraint(k);
            }
            if (!pk.isEmpty()) {
                throw new SqlException("42P16", "multiple primary keys for table \"" + name + "\" are not allowed",
                        null, null, k.position() + 1, null);
            }
            pk.addAll(k.columns());
        }
        if (!pk.isEmpty()) {
            for (int i = 0; i < cols.size(); i++) {
                ColumnDef cd = cols.get(i);
                if (pk.contains(cd.name()) && !cd.notNull()) {
                    cols.set(i, cd.withNotNull(true));
                }
            }
        }
        for (ColumnDef cd : cols) {
            if (cd.type().id() == TypeId.JSON && pk.contains(cd.name())) {
                throw new SqlException(SqlException.UNDEFINED_FUNCTION,
                        "data type json has no default operator class for access method \"btree\"", null, null,
                        c.position() + 1, null);
            }
        }
        TableDef t = define(cat, schema, name, cols, pk, c.position());
        for (Constraint k : checks) {
            try {
                t = ConstraintDdl.addCheck(t, ConstraintDdl.check(cat, t, k));
            } catch (SqlException e) {
                throw at(e, k.position());
            }
        }
        Catalog next;
        try {
            next = cat.createTable(t);
            next = ConstraintDdl.addOwnedSequences(next, t, owned);
        } catch (SqlException e) {
            throw at(e, c.name().position());
        }
        for (Constraint k : IndexDdl.uniqueConstraints(c)) {
            next = next.createIndex(IndexDdl.uniqueConstraint(next, t, k.name(), k.columns(), k.position()));
        }
        for (Constraint k : foreignKeys) {
            try {
                t = ForeignKeyDdl.with(t, ForeignKeyDdl.define(next, t, k));
                next = next.replaceTable(t);
            } catch (SqlException e) {
                throw at(e, k.position());
            }
        }
        commit(new WriteBatch(), next, List.of());
        return MaterializedResult.command("CREATE TABLE", 0);
    }

    private static SqlException unsupportedConstraint(Constraint k) {
        String what = switch (k.type()) {
            case UNIQUE -> "UNIQUE constraints";
            case CHECK -> "CHECK constraints";
            case FOREIGN_KEY -> "FOREIGN KEY constraints";
            case IDENTITY -> "identity columns";
            case GENERATED -> "generated columns";
            default -> k.type() + " constraints";
        };
        return new SqlException(SqlException.FEATURE_NOT_SUPPORTED, what + " are not supported yet", null,
                "Generated columns arrive with issue 5.", k.position() + 1, null);
    }

    private StatementResult drop(Drop d) {
        Catalog cat = executor.catalog();
        Catalog next = cat;
        WriteBatch batch = new WriteBatch();
        List<Integer> dropped = new ArrayList<>();
        String tag = "DROP " + d.objectType().name();
        for (QualifiedName n : d.names()) {
            String schema = schemaOf(n);
            try {
                switch (d.objectType()) {
                    case TABLE -> {
                        TableDef t = next.table(schema, n.last());
                        if (t != null) {
                            List<String> names = new ArrayList<>();
                            d.names().forEach(x -> names.add(schemaOf(x) + "." + x.last()));
                            next = ForeignKeyDdl.dropReferenced(next, t, names,
                                    d.behavior() == dev.lodedb.sql.ast.DropBehavior.CASCADE);
                            next.indexesOf(t.id()).forEach(ix -> IndexDdl.deleteEntries(batch, ix));
                            next.sequencesOwnedBy(t.id()).forEach(q -> batch.delete(Sequences.key(q.id())));
                        }
                        next = next.dropTable(schema, n.last(), d.ifExists());
                        if (t != null) {
                            batch.deleteRange(TableKeys.prefix(t.storageId()), TableKeys.upperBound(t.storageId()));
                            batch.delete(TableKeys.statsKey(t.id()));
                            StatisticsStore.delete(batch, t.id());
                            dropped.add(t.id());
                        }
                    }
                    case VIEW -> next = next.dropView(schema, n.last(), d.ifExists());
                    case INDEX -> next = IndexDdl.drop(next, batch, schema, n, d.ifExists());
                    case SEQUENCE -> next = new SequenceDdl(db, executor).drop(next, batch, n, d.ifExists(),
                            d.behavior() == dev.lodedb.sql.ast.DropBehavior.CASCADE);
                    case SCHEMA -> next = next.dropSchema(n.last(), d.ifExists(),
                            d.behavior() == dev.lodedb.sql.ast.DropBehavior.CASCADE);
                    default -> throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "DROP "
                            + d.objectType() + " is not supported yet", null,
                            null, d.position() + 1, null);
                }
            } catch (SqlException e) {
                throw at(e, n.position());
            }
        }
        commit(batch, next == cat ? null : next, dropped);
        return MaterializedResult.command(tag, 0);
    }

    /**
     * CREATE VIEW. A TEMP view is created as a regular view, as TEMP tables are: LodeDB has no
     * per-session schema yet, so temporary objects outlive the session. {@code CREATE RECURSIVE
     * VIEW v (cols) AS q} is, as in PostgreSQL, {@code CREATE VIEW v AS WITH RECURSIVE v (cols) AS (q)
     * SELECT cols FROM v}.
     */
    private StatementResult createView(CreateView v) {
        if (v.recursive()) {
            if (v.columns().isEmpty()) {
                throw new SqlException(SqlException.SYNTAX_ERROR, "recursive views must have a column list",
                        null, null, v.position() + 1, null);
            }
            int pos = v.query().position();
            List<SelectItem> items = new ArrayList<>();
            for (String c : v.columns()) {
                items.add(new SelectItem(new ColumnRef(List.of(c), pos), null, pos));
            }
            CommonTableExpr cte = new CommonTableExpr(v.name().last(), v.columns(), null, v.query(), null, null, pos);
            Select select = new Select(false, List.of(), items, List.of(new TableName(
                    new QualifiedName(List.of(v.name().last()), pos), false, null, pos)), null, List.of(), false, null,
                    List.of(), pos);
            Query q = new Query(new WithClause(true, List.of(cte), pos), select, List.of(), null, null, false,
                    List.of(), pos);
            v = new CreateView(v.name(), v.orReplace(), v.temporary(), false, v.columns(), q, v.checkOption(),
                    v.position());
        }
        Catalog cat = executor.catalog();
        Binder.BoundQuery b = Binder.bindQuery(cat, v.query(), List.of());
        if (b.plan().columns().size() < v.columns().size()) {
            throw new SqlException(SqlException.SYNTAX_ERROR, "CREATE VIEW specifies more column names than columns",
                    null, null, v.position() + 1, null);
        }
        String schema = schemaOf(v.name());
        ViewDef old = cat.view(schema, v.name().last());
        int id = old != null && v.orReplace() ? old.id() : cat.nextObjectId();
        ViewDef def = new ViewDef(id, schema, v.name().last(), v.columns(), AstPrinter.print(v.query()));
        Catalog next;
        try {
            next = cat.createView(def, v.orReplace());
        } catch (SqlException e) {
            throw at(e, v.name().position());
        }
        commit(new WriteBatch(), next, List.of());
        return MaterializedResult.command("CREATE VIEW", 0);
    }

    private StatementResult alter(AlterTable a) {
        Catalog cat = executor.catalog();
        String schema = schemaOf(a.name());
        TableDef t = cat.table(schema, a.name().last());
        if (t == null) {
            if (a.ifExists()) {
                return MaterializedResult.command("ALTER TABLE", 0);
            }
            throw new SqlException(SqlException.UNDEFINED_TABLE, "relation \"" + a.name() + "\" does not exist", null,
                    null, a.name().position() + 1, null);
        }
        Catalog next = cat;
        WriteBatch batch = new WriteBatch();
        List<dev.lodedb.engine.catalog.IndexDef> built = new ArrayList<>();
        try {
            for (AlterTableAction action : a.actions()) {
                if (action instanceof AlterTableAction.AddColumn add) {
                    dev.lodedb.sql.ast.ColumnDef cd = add.column();
                    if (t.column(cd.name()) != null && add.ifNotExists()) {
                        continue;
                    }
                    String typeText = String.join(" ", cd.type().names());
                    boolean serial = DataType.isSerial(typeText);
                    DataType type = serial ? ConstraintDdl.serialType(typeText) : TypeResolver.resolve(cd.type());
                    boolean notNull = serial;
                    String defaultSql = null;
                    Object missing = null;
                    char identity = ColumnDef.NOT_IDENTITY;
                    List<SequenceOptionsOf> seqOptions = new ArrayList<>();
                    if (serial) {
                        seqOptions.add(new SequenceOptionsOf(List.of(), cd.position()));
                    }
                    List<Constraint> checks = new ArrayList<>();
                    for (Constraint k : cd.constraints()) {
                        switch (k.type()) {
                            case NOT_NULL -> notNull = true;
                            case NULL -> notNull = false;
                            case DEFAULT -> {
                                BoundExpr e = Binder.bindStandalone(next, k.expression(), type);
                                defaultSql = AstPrinter.print(k.expression());
                                if (e instanceof BoundExpr.Constant konst) {
                                    missing = konst.value();
                                } else {
                                    requireEmpty(t, "a non-constant DEFAULT", k.position());
                                }
                            }
                            case IDENTITY -> {
                                ConstraintDdl.requireIdentityType(type, k.position());
                                identity = k.identityAlways() ? ColumnDef.IDENTITY_ALWAYS
                                        : ColumnDef.IDENTITY_BY_DEFAULT;
                                notNull = true;
                                seqOptions.add(new SequenceOptionsOf(k.sequenceOptions(), k.position()));
                            }
                            case CHECK -> checks.add(k);
                            case FOREIGN_KEY -> checks.add(ForeignKeyDdl.ofColumn(cd.name(), k));
                            default -> throw unsupportedConstraint(k);
                        }
                    }
                    if (!seqOptions.isEmpty()) {
                        SequenceOptionsOf so = seqOptions.get(0);
                        requireEmpty(t, serial ? "a serial column" : "an identity column", so.position());
                        String seq = ConstraintDdl.sequenceName(next, t.schema(), t.name(), cd.name(), so.options(),
                                new java.util.HashSet<>());
                        defaultSql = ConstraintDdl.nextvalDefault(t.schema(), seq);
                        TableDef withColumn = t.addColumn(new ColumnDef(t.nextColumnId(), cd.name(), type, notNull,
                                defaultSql, null, identity));
                        next = ConstraintDdl.addOwnedSequences(next, withColumn, List.of(
                                new ConstraintDdl.OwnedSequence(cd.name(), seq, type, so.options())));
                    }
                    if (notNull && missing == null && executor.hasRows(t)) {
                        throw new SqlException(SqlException.NOT_NULL_VIOLATION, "column \"" + cd.name()
                                + "\" of relation \"" + t.name() + "\" contains null values", null, null,
                                cd.position() + 1, null);
                    }
                    t = t.addColumn(new ColumnDef(t.nextColumnId(), cd.name(), type, notNull, defaultSql, missing,
                            identity));
                    for (Constraint k : checks) {
                        if (k.type() == Constraint.Type.FOREIGN_KEY) {
                            dev.lodedb.engine.catalog.ForeignKeyDef fk = ForeignKeyDdl.define(next.replaceTable(t), t, k);
                            t = ForeignKeyDdl.with(t, fk);
                            ForeignKeyDdl.validate(db, executor, next.replaceTable(t), t, fk);
                            continue;
                        }
                        dev.lodedb.engine.catalog.CheckConstraint ck = ConstraintDdl.check(next, t, k);
                        ConstraintDdl.validate(db, executor, next, t, ck);
                        t = ConstraintDdl.addCheck(t, ck);
                    }
                } else if (action instanceof AlterTableAction.DropColumn dc) {
                    if (t.column(dc.column()) == null && dc.ifExists()) {
                        continue;
                    }
                    TableDef before = t;
                    t = ConstraintDdl.dropColumn(next, before, t.dropColumn(dc.column()), dc.column());
                    next = IndexDdl.dropColumn(next, before, before.requireColumn(dc.column()), batch);
                    int dropped = before.requireColumn(dc.column()).id();
                    next = ForeignKeyDdl.dropColumn(next, t, dropped, dc.column(),
                            dc.behavior() == dev.lodedb.sql.ast.DropBehavior.CASCADE);
                    t = next.tableById(t.id());
                    for (dev.lodedb.engine.catalog.SequenceDef q : next.sequencesOwnedBy(t.id())) {
                        if (q.ownedByColumn() == dropped) {
                            next = next.dropSequence(q.schema(), q.name(), false);
                            batch.delete(Sequences.key(q.id()));
                        }
                    }
                } else if (action instanceof AlterTableAction.RenameColumn rc) {
                    TableDef before = t;
                    t = t.renameColumn(rc.column(), rc.newName());
                    next = IndexDdl.renameColumn(next, before, t, rc.column(), rc.newName());
                    if (!t.checks().isEmpty()) {
                        t = ConstraintDdl.renameColumn(next, t, rc.column(), rc.newName());
                    }
                } else if (action instanceof AlterTableAction.AddConstraint ac
                        && ac.constraint().type() == Constraint.Type.UNIQUE) {
                    dev.lodedb.engine.catalog.IndexDef ix = IndexDdl.uniqueConstraint(next.replaceTable(t), t,
                            ac.constraint().name(), ac.constraint().columns(), ac.position());
                    next = next.replaceTable(t).createIndex(ix);
                    built.add(ix);
                    new IndexDdl(db, executor).build(t, ix, ac.position());
                } else if (action instanceof AlterTableAction.AddConstraint ac
                        && ac.constraint().type() == Constraint.Type.CHECK) {
                    dev.lodedb.engine.catalog.CheckConstraint ck = ConstraintDdl.check(next, t, ac.constraint());
                    ConstraintDdl.validate(db, executor, next, t, ck);
                    t = ConstraintDdl.addCheck(t, ck);
                } else if (action instanceof AlterTableAction.AddConstraint ac
                        && ac.constraint().type() == Constraint.Type.FOREIGN_KEY) {
                    dev.lodedb.engine.catalog.ForeignKeyDef fk = ForeignKeyDdl.define(next.replaceTable(t), t,
                            ac.constraint());
                    t = ForeignKeyDdl.with(t, fk);
                    ForeignKeyDdl.validate(db, executor, next.replaceTable(t), t, fk);
                } else if (action instanceof AlterTableAction.DropConstraint dc && t.foreignKey(dc.constraint()) != null) {
                    t = ForeignKeyDdl.without(t, dc.constraint());
                } else if (action instanceof AlterTableAction.DropConstraint dc && t.check(dc.constraint()) != null) {
                    List<dev.lodedb.engine.catalog.CheckConstraint> kept = new ArrayList<>(t.checks());
                    kept.remove(t.check(dc.constraint()));
                    t = t.withChecks(kept);
                } else if (action instanceof AlterTableAction.DropConstraint dc) {
                    dev.lodedb.engine.catalog.IndexDef ix = next.index(t.schema(), dc.constraint());
                    if (ix == null || !ix.constraint() || ix.tableId() != t.id()) {
                        if (dc.ifExists()) {
                            continue;
                        }
                        throw new SqlException(SqlException.UNDEFINED_OBJECT, "constraint \"" + dc.constraint()
                                + "\" of relation \"" + t.name() + "\" does not exist", null, null,
                                action.position() + 1, null);
                    }
                    next = next.dropIndex(ix.schema(), ix.name(), false);
                    IndexDdl.deleteEntries(batch, ix);
                } else if (action instanceof AlterTableAction.RenameTable rt) {
                    t = t.rename(rt.newName());
                } else {
                    throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "ALTER TABLE "
                            + action.getClass().getSimpleName() + " is not supported yet", null, null,
                            action.position() + 1, null);
                }
            }
            next = next.replaceTable(t);
            commit(batch, next, List.of());
        } catch (RuntimeException e) {
            for (dev.lodedb.engine.catalog.IndexDef ix : built) {
                WriteBatch undo = new WriteBatch();
                IndexDdl.deleteEntries(undo, ix);
                db.store().write(dev.lodedb.storage.WriteOptions.DEFAULT, undo);
            }
            throw e instanceof SqlException se ? at(se, a.position()) : e;
        }
        return MaterializedResult.command("ALTER TABLE", 0);
    }

    /** The sequence options of a serial (none) or identity column added by ALTER TABLE. */
    private record SequenceOptionsOf(List<dev.lodedb.sql.ast.SequenceOption> options, int position) {
    }

    /**
     * @throws SqlException 0A000 when {@code t} has rows: a volatile or sequence-fed default would
     *     need a rewrite of every existing row, which ADD COLUMN does not do yet (the rows' missing
     *     value is one constant)
     */
    private void requireEmpty(TableDef t, String what, int position) {
        if (executor.hasRows(t)) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "ADD COLUMN with " + what
                    + " is not supported on a table with rows yet", null,
                    "Existing rows would need a value each (PostgreSQL rewrites the table); add the column without "
                    + "it, UPDATE the rows, then ALTER COLUMN ... SET DEFAULT.", position + 1, null);
        }
    }

    /**
     * VACUUM and ANALYZE: nothing to do yet (the LSM store compacts by itself; exact row counts are
     * kept per statement until ANALYZE gathers statistics in issue 5), but the named tables and
     * columns must exist.
     */
    private StatementResult maintenance(List<VacuumTarget> targets, String tag) {
        Catalog cat = executor.catalog();
        for (VacuumTarget target : targets) {
            QualifiedName n = target.table();
            TableDef t = cat.table(schemaOf(n), n.last());
            if (t == null) {
                throw new SqlException(SqlException.UNDEFINED_TABLE, "relation \"" + n + "\" does not exist", null,
                        null, n.position() + 1, null);
            }
            for (String column : target.columns()) {
                if (t.column(column) == null) {
                    throw new SqlException(SqlException.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \""
                            + t.name() + "\" does not exist", null, null, target.position() + 1, null);
                }
            }
        }
        return MaterializedResult.command(tag, 0);
    }

    /**
     * TRUNCATE of the named tables and, with CASCADE, of every table that references one of them
     * by a foreign key (transitively; a NOTICE {@code truncate cascades to table "x"} each); RESTART
     * IDENTITY then resets the sequences the truncated tables own (serial and identity columns).
     */
    private StatementResult truncate(Truncate tr) {
        Catalog cat = executor.catalog();
        Map<Integer, TableDef> tables = new java.util.LinkedHashMap<>();
        for (QualifiedName n : tr.tables()) {
            TableDef t = cat.table(schemaOf(n), n.last());
            if (t == null) {
                throw new SqlException(SqlException.UNDEFINED_TABLE, "relation \"" + n + "\" does not exist", null,
                        null, n.position() + 1, null);
            }
            tables.putIfAbsent(t.id(), t);
        }
        List<String> notices = new ArrayList<>();
        if (tr.behavior() == DropBehavior.CASCADE) {
            notices.addAll(ForeignKeyDdl.truncateCascade(cat, tables));
        } else {
            List<String> truncated = new ArrayList<>();
            tables.values().forEach(t -> truncated.add(t.schema() + "." + t.name()));
            for (QualifiedName n : tr.tables()) {
                ForeignKeyDdl.requireTruncatable(cat, cat.table(schemaOf(n), n.last()), truncated, n.position());
            }
        }
        WriteBatch batch = new WriteBatch();
        Map<Integer, Long> deltas = new HashMap<>();
        for (TableDef t : tables.values()) {
            batch.deleteRange(TableKeys.prefix(t.storageId()), TableKeys.upperBound(t.storageId()));
            cat.indexesOf(t.id()).forEach(ix -> IndexDdl.deleteEntries(batch, ix));
            deltas.put(t.id(), -db.rowCount(t.id()));
        }
        executor.commitDdl(batch, deltas, null, List.of(), true);
        if (tr.restartIdentity()) {
            for (TableDef t : tables.values()) {
                cat.sequencesOwnedBy(t.id()).forEach(q -> db.sequences().set(q, q.start(), false));
            }
        }
        return MaterializedResult.command("TRUNCATE TABLE", 0).withNotices(notices);
    }

    /** @return the columns of a new table for a query's output (CREATE TABLE AS) */
    static List<ColumnDef> columnsOf(LogicalPlan plan, List<String> names, int position) {
        List<ColumnDef> cols = new ArrayList<>();
        List<PlanColumn> pc = plan.columns();
        if (names.size() > pc.size()) {
            throw new SqlException(SqlException.SYNTAX_ERROR, "too many column names were specified", null, null,
                    position + 1, null);
        }
        for (int i = 0; i < pc.size(); i++) {
            DataType t = pc.get(i).type();
            if (t.id() == TypeId.UNKNOWN) {
                t = DataType.TEXT;
            }
            cols.add(new ColumnDef(i, i < names.size() ? names.get(i) : pc.get(i).name(), t, false, null, null));
        }
        return cols;
    }
}
