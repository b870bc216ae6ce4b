package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.SequenceDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.sql.ast.AlterSequence;
import dev.lodedb.sql.ast.CreateSequence;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.IntegerLiteral;
import dev.lodedb.sql.ast.NumericLiteral;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.ast.SequenceOption;
import dev.lodedb.sql.binder.TypeResolver;
import dev.lodedb.storage.WriteBatch;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CREATE SEQUENCE, ALTER SEQUENCE and DROP SEQUENCE, and the sequence definitions of serial and
 * identity columns. Options follow PostgreSQL's {@code init_params}: the defaults of MINVALUE,
 * MAXVALUE and START depend on the sign of INCREMENT and on {@code AS type}; errors are 22023 for
 * inconsistent options, 42601 for a repeated option, 42P07 for a name that another relation has.
 * Runs under the schema lock (called from {@link DdlExecutor}); not thread-safe.
 */
final class SequenceDdl {
    private final SqlDatabase db;
    private final StatementExecutor executor;

    SequenceDdl(SqlDatabase db, StatementExecutor executor) {
        this.db = db;
        this.executor = executor;
    }

    private static String schemaOf(QualifiedName n) {
        return n.parts().size() >= 2 ? n.parts().get(n.parts().size() - 2) : Catalog.PUBLIC;
    }

    StatementResult create(CreateSequence c) {
        Catalog cat = executor.catalog();
        String schema = schemaOf(c.name());
        String name = c.name().last();
        if (cat.hasRelation(schema, name)) {
            if (c.ifNotExists()) {
                return MaterializedResult.command("CREATE SEQUENCE", 0);
            }
            throw new SqlException(SqlException.DUPLICATE_TABLE, "relation \"" + name + "\" already exists", null, null,
                    c.name().position() + 1, null);
        }
        Owner owner = owner(cat, schema, c.options());
        SequenceDef d = define(cat.nextObjectId(), schema, name, null, c.options(), DataType.BIGINT,
                owner == null ? 0 : owner.table, owner == null ? -1 : owner.column);
        Catalog next = cat.createSequence(d);
        executor.commitDdl(new WriteBatch(), Map.of(), next, List.of(), true);
        return MaterializedResult.command("CREATE SEQUENCE", 0);
    }

    StatementResult alter(AlterSequence a) {
        Catalog cat = executor.catalog();
        String schema = schemaOf(a.name());
        SequenceDef old = cat.sequence(schema, a.name().last());
        if (old == null) {
            if (a.ifExists()) {
                return MaterializedResult.command("ALTER SEQUENCE", 0);
            }
            SessionSequences.resolve(cat, String.join(".", a.name().parts()));
        }
        Owner owner = owner(cat, schema, a.options());
        int ownedTable = old.ownedByTable();
        int ownedColumn = old.ownedByColumn();
        for (SequenceOption o : a.options()) {
            if (o.kind() == SequenceOption.Kind.OWNED_BY_NONE) {
                ownedTable = 0;
                ownedColumn = -1;
            }
        }
        if (owner != null) {
            ownedTable = owner.table;
            ownedColumn = owner.column;
        }
        SequenceDef d = define(old.id(), schema, old.name(), old, a.options(), old.type(), ownedTable, ownedColumn);
        Long restart = null;
        for (SequenceOption o : a.options()) {
            if (o.kind() == SequenceOption.Kind.RESTART) {
                restart = o.value() == null ? d.start() : number(o);
                if (restart < d.minValue()) {
                    throw invalid("RESTART value (" + restart + ") cannot be less than MINVALUE (" + d.minValue() + ")", o);
                }
                if (restart > d.maxValue()) {
                    throw invalid("RESTART value (" + restart + ") cannot be greater than MAXVALUE (" + d.maxValue()
                            + ")", o);
                }
            }
        }
        Catalog next = cat.replaceSequence(d);
        Long restartValue = restart;
        db.sequences().change(old, (value, called) -> {
            WriteBatch batch = new WriteBatch();
            batch.put(Sequences.key(d.id()), restartValue != null ? Sequences.encode(restartValue, false)
                    : Sequences.encode(value, called));
            executor.commitDdl(batch, Map.of(), next, List.of(), true);
        });
        return MaterializedResult.command("ALTER SEQUENCE", 0);
    }

    /** DROP SEQUENCE of one name into {@code batch}; CASCADE drops the defaults that use it as well. */
    Catalog drop(Catalog cat, WriteBatch batch, QualifiedName n, boolean ifExists, boolean cascade) {
        String schema = schemaOf(n);
        SequenceDef d = cat.sequence(schema, n.last());
        Catalog next = cat.dropSequence(schema, n.last(), ifExists);
        if (d == null) {
            return next;
        }
        String text = "nextval('" + (schema.equals(Catalog.PUBLIC) ? "" : schema + ".") + d.name() + "')";
        for (TableDef t : next.tables()) {
            for (ColumnDef c : t.columns()) {
                if (c.defaultSql() != null && c.defaultSql().contains(text)) {
                    if (!cascade) {
                        throw new SqlException(Catalog.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop sequence " + d.name()
                                + " because other objects depend on it", "default value for column " + c.name()
                                + " of table " + t.name() + " depends on sequence " + d.name(),
                                "Use DROP ... CASCADE to drop the dependent objects too.", n.position() + 1, null);
                    }
                    t = t.replaceColumn(c.name(), new ColumnDef(c.id(), c.name(), c.type(), c.notNull(), null,
                            c.missingValue(), ColumnDef.NOT_IDENTITY));
                    next = next.replaceTable(t);
                }
            }
        }
        batch.delete(Sequences.key(d.id()));
        return next;
    }

    /** The column of {@code OWNED BY t.c}. */
    private record Owner(int table, int column) {
    }

    private static Owner owner(Catalog cat, String schema, List<SequenceOption> options) {
        for (SequenceOption o : options) {
            if (o.kind() != SequenceOption.Kind.OWNED_BY) {
                continue;
            }
            List<String> parts = o.name().parts();
            if (parts.size() < 2) {
                throw new SqlException(SqlException.SYNTAX_ERROR, "invalid OWNED BY option", null,
                        "Specify OWNED BY table.column or OWNED BY NONE.", o.position() + 1, null);
            }
            String tableSchema = parts.size() >= 3 ? parts.get(parts.size() - 3) : Catalog.PUBLIC;
            TableDef t = cat.requireTable(tableSchema, parts.get(parts.size() - 2));
            if (!t.schema().equals(schema)) {
                throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED,
                        "sequence must be in same schema as table it is linked to", null, null, o.position() + 1, null);
            }
            ColumnDef c = t.requireColumn(parts.get(parts.size() - 1));
            return new Owner(t.id(), c.id());
        }
        return null;
    }

    private static SqlException invalid(String message, SequenceOption o) {
        return new SqlException(SqlException.INVALID_PARAMETER_VALUE, message, null, null, o.position() + 1, null);
    }

    private static long number(SequenceOption o) {
        Expr e = o.value();
        if (e instanceof IntegerLiteral i) {
            return i.value();
        }
        if (e instanceof NumericLiteral n) {
            try {
                return new BigDecimal(n.text()).longValueExact();
            } catch (ArithmeticException | NumberFormatException x) {
                throw new SqlException(SqlException.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range", null, null,
                        o.position() + 1, null);
            }
        }
        throw new SqlException(SqlException.SYNTAX_ERROR, "a number is expected", null, null, o.position() + 1, null);
    }

    private static long typeMin(DataType t) {
        return t.id() == TypeId.SMALLINT ? Short.MIN_VALUE : t.id() == TypeId.INTEGER ? Integer.MIN_VALUE : Long.MIN_VALUE;
    }

    private static long typeMax(DataType t) {
        return t.id() == TypeId.SMALLINT ? Short.MAX_VALUE : t.id() == TypeId.INTEGER ? Integer.MAX_VALUE : Long.MAX_VALUE;
    }

    /**
     * Builds a sequence definition from options, as PostgreSQL's {@code init_params}.
     *
     * @param old the definition ALTER SEQUENCE changes, or {@code null} for a new sequence
     * @param defaultType the type without {@code AS} (bigint; a serial's or identity column's type)
     * @throws SqlException 22023 for inconsistent options, 42601 for a repeated option
     */
    static SequenceDef define(int id, String schema, String name, SequenceDef old, List<SequenceOption> options,
            DataType defaultType, int ownedTable, int ownedColumn) {
        Set<SequenceOption.Kind> seen = EnumSet.noneOf(SequenceOption.Kind.class);
        DataType type = old == null ? defaultType : old.type();
        Long increment = null;
        Long min = null;
        Long max = null;
        boolean noMin = false;
        boolean noMax = false;
        Long start = null;
        Long cache = null;
        Boolean cycle = null;
        SequenceOption at = null;
        for (SequenceOption o : options) {
            SequenceOption.Kind k = o.kind();
            SequenceOption.Kind group = k == SequenceOption.Kind.NO_MINVALUE ? SequenceOption.Kind.MINVALUE
                    : k == SequenceOption.Kind.NO_MAXVALUE ? SequenceOption.Kind.MAXVALUE
                    : k == SequenceOption.Kind.NO_CYCLE ? SequenceOption.Kind.CYCLE
                    : k == SequenceOption.Kind.OWNED_BY_NONE ? SequenceOption.Kind.OWNED_BY : k;
            if (!seen.add(group)) {
                throw new SqlException(SqlException.SYNTAX_ERROR, "conflicting or redundant options", null, null,
                        o.position() + 1, null);
            }
            switch (k) {
                case AS -> {
                    DataType t = TypeResolver.resolve(o.type());
                    if (t.id() != TypeId.SMALLINT && t.id() != TypeId.INTEGER && t.id() != TypeId.BIGINT) {
                        throw invalid("sequence type must be smallint, integer, or bigint", o);
                    }
                    type = t;
                    at = o;
                }
                case INCREMENT -> increment = number(o);
                case MINVALUE -> min = number(o);
                case NO_MINVALUE -> noMin = true;
                case MAXVALUE -> max = number(o);
                case NO_MAXVALUE -> noMax = true;
                case START -> start = number(o);
                case CACHE -> {
                    cache = number(o);
                    if (cache <= 0) {
                        throw invalid("CACHE (" + cache + ") must be greater than zero", o);
                    }
                }
                case CYCLE -> cycle = true;
                case NO_CYCLE -> cycle = false;
                default -> {
                    // RESTART (ALTER SEQUENCE), OWNED BY and SEQUENCE NAME are handled by the caller
                }
            }
        }
        long inc = increment != null ? increment : old != null ? old.increment() : 1;
        if (inc == 0) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
        }
        boolean typeChanged = old != null && !old.type().equals(type);
        long lo;
        if (min != null) {
            lo = min;
        } else if (old != null && !noMin && !(typeChanged && old.minValue() == typeMin(old.type()))) {
            lo = old.minValue();
        } else {
            lo = inc > 0 ? 1 : typeMin(type);
        }
        long hi;
        if (max != null) {
            hi = max;
        } else if (old != null && !noMax && !(typeChanged && old.maxValue() == typeMax(old.type()))) {
            hi = old.maxValue();
        } else {
            hi = inc > 0 ? typeMax(type) : -1;
        }
        String typeName = type.toString();
        if (lo < typeMin(type) || lo > typeMax(type)) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "MINVALUE (" + lo
                    + ") is out of range for sequence data type " + typeName);
        }
        if (hi < typeMin(type) || hi > typeMax(type)) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "MAXVALUE (" + hi
                    + ") is out of range for sequence data type " + typeName);
        }
        if (lo >= hi) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "MINVALUE (" + lo
                    + ") must be less than MAXVALUE (" + hi + ")");
        }
        long first;
        if (start != null) {
            first = start;
        } else if (old != null && old.start() >= lo && old.start() <= hi) {
            first = old.start();
        } else {
            first = inc > 0 ? lo : hi;
        }
        if (first < lo) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "START value (" + first
                    + ") cannot be less than MINVALUE (" + lo + ")");
        }
        if (first > hi) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "START value (" + first
                    + ") cannot be greater than MAXVALUE (" + hi + ")");
        }
        long c = cache != null ? cache : old != null ? old.cache() : 1;
        boolean cyc = cycle != null ? cycle : old != null && old.cycle();
        return new SequenceDef(id, schema, name, type, inc, lo, hi, first, c, cyc, ownedTable, ownedColumn);
    }

    /**
     * @return {@code base}, or {@code base} with the smallest number appended that names no
     *     relation of {@code schema} and is not in {@code taken} (PostgreSQL's ChooseRelationName)
     */
    static String chooseName(Catalog cat, String schema, String base, Set<String> taken) {
        String name = base;
        for (int i = 1; cat.hasRelation(schema, name) || taken.contains(name); i++) {
            name = base + i;
        }
        return name;
    }
}
