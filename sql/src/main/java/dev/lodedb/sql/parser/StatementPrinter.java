package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.AlterSequence;
import dev.lodedb.sql.ast.AlterTable;
import dev.lodedb.sql.ast.AlterTableAction;
import dev.lodedb.sql.ast.Analyze;
import dev.lodedb.sql.ast.ColumnDef;
import dev.lodedb.sql.ast.Constraint;
import dev.lodedb.sql.ast.Copy;
import dev.lodedb.sql.ast.CreateIndex;
import dev.lodedb.sql.ast.CreateSchema;
import dev.lodedb.sql.ast.CreateSequence;
import dev.lodedb.sql.ast.CreateTable;
import dev.lodedb.sql.ast.CreateTableAs;
import dev.lodedb.sql.ast.CreateView;
import dev.lodedb.sql.ast.Deallocate;
import dev.lodedb.sql.ast.Delete;
import dev.lodedb.sql.ast.Discard;
import dev.lodedb.sql.ast.Drop;
import dev.lodedb.sql.ast.DropBehavior;
import dev.lodedb.sql.ast.Execute;
import dev.lodedb.sql.ast.Explain;
import dev.lodedb.sql.ast.GenericOption;
import dev.lodedb.sql.ast.IndexElement;
import dev.lodedb.sql.ast.Insert;
import dev.lodedb.sql.ast.OnConflict;
import dev.lodedb.sql.ast.OrderItem;
import dev.lodedb.sql.ast.Persistence;
import dev.lodedb.sql.ast.Prepare;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.ResetVariable;
import dev.lodedb.sql.ast.SequenceOption;
import dev.lodedb.sql.ast.SetClause;
import dev.lodedb.sql.ast.SetVariable;
import dev.lodedb.sql.ast.ShowVariable;
import dev.lodedb.sql.ast.Statement;
import dev.lodedb.sql.ast.TransactionStatement;
import dev.lodedb.sql.ast.Truncate;
import dev.lodedb.sql.ast.Update;
import dev.lodedb.sql.ast.Vacuum;
import dev.lodedb.sql.ast.VacuumTarget;
import java.util.List;

/**
 * Canonical SQL for statements other than the query itself (see {@link QueryPrinter}).
 *
 * <p>Thread-safe (stateless).
 */
final class StatementPrinter {

    private StatementPrinter() {
    }

    static void statement(StringBuilder out, Statement s) {
        if (s instanceof Query q) {
            QueryPrinter.query(out, q);
        } else if (s instanceof Insert i) {
            insert(out, i);
        } else if (s instanceof Update u) {
            update(out, u);
        } else if (s instanceof Delete d) {
            delete(out, d);
        } else if (s instanceof CreateTable c) {
            createTable(out, c);
        } else if (s instanceof CreateTableAs c) {
            out.append("CREATE ").append(persistence(c.persistence())).append("TABLE ")
                    .append(c.ifNotExists() ? "IF NOT EXISTS " : "").append(SqlNames.qualified(c.name().parts()));
            QueryPrinter.names(out, c.columns());
            out.append(" AS ");
            QueryPrinter.query(out, c.query());
            out.append(c.withData() ? "" : " WITH NO DATA");
        } else if (s instanceof CreateView v) {
            out.append("CREATE ").append(v.orReplace() ? "OR REPLACE " : "").append(v.temporary() ? "TEMPORARY " : "")
                    .append(v.recursive() ? "RECURSIVE " : "").append("VIEW ")
                    .append(SqlNames.qualified(v.name().parts()));
            QueryPrinter.names(out, v.columns());
            out.append(" AS ");
            QueryPrinter.query(out, v.query());
            if (v.checkOption() != null) {
                out.append(" WITH ").append(v.checkOption().toUpperCase()).append(" CHECK OPTION");
            }
        } else if (s instanceof CreateIndex c) {
            createIndex(out, c);
        } else if (s instanceof CreateSchema c) {
            out.append("CREATE SCHEMA ").append(c.ifNotExists() ? "IF NOT EXISTS " : "").append(SqlNames.quote(c.name()));
            if (c.authorization() != null) {
                String role = c.authorization();
                boolean special = role.equals("current_user") || role.equals("session_user")
                        || role.equals("current_role");
                out.append(" AUTHORIZATION ").append(special ? role.toUpperCase() : SqlNames.quote(role));
            }
        } else if (s instanceof CreateSequence c) {
            out.append("CREATE ").append(c.temporary() ? "TEMPORARY " : "").append("SEQUENCE ")
                    .append(c.ifNotExists() ? "IF NOT EXISTS " : "").append(SqlNames.qualified(c.name().parts()));
            sequenceOptions(out, c.options());
        } else if (s instanceof AlterSequence a) {
            out.append("ALTER SEQUENCE ").append(a.ifExists() ? "IF EXISTS " : "")
                    .append(SqlNames.qualified(a.name().parts()));
            sequenceOptions(out, a.options());
        } else if (s instanceof AlterTable a) {
            alterTable(out, a);
        } else if (s instanceof Drop d) {
            out.append("DROP ").append(d.objectType().name()).append(d.concurrently() ? " CONCURRENTLY" : "")
                    .append(d.ifExists() ? " IF EXISTS " : " ");
            for (int i = 0; i < d.names().size(); i++) {
                out.append(i > 0 ? ", " : "").append(SqlNames.qualified(d.names().get(i).parts()));
            }
            behavior(out, d.behavior());
        } else {
            utility(out, s);
        }
    }

    private static void utility(StringBuilder out, Statement s) {
        if (s instanceof TransactionStatement t) {
            transaction(out, t);
        } else if (s instanceof Explain e) {
            out.append("EXPLAIN ");
            if (!e.options().isEmpty()) {
                options(out, e.options());
                out.append(' ');
            }
            statement(out, e.statement());
        } else if (s instanceof Analyze a) {
            out.append("ANALYZE");
            optionsAndTargets(out, a.options(), a.targets());
        } else if (s instanceof Vacuum v) {
            out.append("VACUUM");
            optionsAndTargets(out, v.options(), v.targets());
        } else if (s instanceof SetVariable v) {
            setVariable(out, v);
        } else if (s instanceof ShowVariable v) {
            out.append("SHOW ").append(v.name().equals("all") ? "ALL" : variable(v.name()));
        } else if (s instanceof ResetVariable v) {
            out.append("RESET ").append(v.name().equals("all") ? "ALL" : variable(v.name()));
        } else if (s instanceof Copy c) {
            copy(out, c);
        } else if (s instanceof Truncate t) {
            out.append("TRUNCATE TABLE ");
            for (int i = 0; i < t.tables().size(); i++) {
                out.append(i > 0 ? ", " : "").append(SqlNames.qualified(t.tables().get(i).parts()));
            }
            out.append(t.restartIdentity() ? " RESTART IDENTITY" : "");
            behavior(out, t.behavior());
        } else if (s instanceof Prepare p) {
            out.append("PREPARE ").append(SqlNames.quote(p.name()));
            if (!p.parameterTypes().isEmpty()) {
                out.append(" (");
                for (int i = 0; i < p.parameterTypes().size(); i++) {
                    out.append(i > 0 ? ", " : "");
                    ExpressionPrinter.typeName(out, p.parameterTypes().get(i));
                }
                out.append(')');
            }
            out.append(" AS ");
            statement(out, p.statement());
        } else if (s instanceof Execute e) {
            out.append("EXECUTE ").append(SqlNames.quote(e.name()));
            if (!e.arguments().isEmpty()) {
                out.append(" (");
                ExpressionPrinter.list(out, e.arguments());
                out.append(')');
            }
        } else if (s instanceof Deallocate d) {
            out.append("DEALLOCATE ").append(d.name() == null ? "ALL" : SqlNames.quote(d.name()));
        } else if (s instanceof Discard d) {
            out.append("DISCARD ").append(d.target().toUpperCase());
        } else {
            throw new IllegalArgumentException("unknown statement " + s.getClass().getSimpleName());
        }
    }

    private static String persistence(Persistence p) {
        switch (p) {
            case TEMPORARY:
                return "TEMPORARY ";
            case UNLOGGED:
                return "UNLOGGED ";
            default:
                return "";
        }
    }

    private static void behavior(StringBuilder out, DropBehavior b) {
        if (b != DropBehavior.DEFAULT) {
            out.append(' ').append(b.name());
        }
    }

    private static String variable(String dotted) {
        return SqlNames.qualified(List.of(dotted.split("\\.", -1)));
    }

    private static void insert(StringBuilder out, Insert i) {
        if (i.with() != null) {
            QueryPrinter.with(out, i.with());
            out.append(' ');
        }
        out.append("INSERT INTO ").append(SqlNames.qualified(i.table().parts()));
        if (i.alias() != null) {
            out.append(" AS ").append(SqlNames.quote(i.alias()));
        }
        QueryPrinter.names(out, i.columns());
        if (i.query() == null) {
            out.append(" DEFAULT VALUES");
        } else {
            out.append(' ');
            QueryPrinter.query(out, i.query());
        }
        OnConflict c = i.onConflict();
        if (c != null) {
            out.append(" ON CONFLICT");
            if (!c.target().isEmpty()) {
                out.append(" (");
                indexElements(out, c.target());
                out.append(')');
                if (c.targetWhere() != null) {
                    out.append(" WHERE ");
                    ExpressionPrinter.expr(out, c.targetWhere());
                }
            } else if (c.constraint() != null) {
                out.append(" ON CONSTRAINT ").append(SqlNames.quote(c.constraint()));
            }
            if (c.doUpdate()) {
                out.append(" DO UPDATE SET ");
                setClauses(out, c.set());
                if (c.where() != null) {
                    out.append(" WHERE ");
                    ExpressionPrinter.expr(out, c.where());
                }
            } else {
                out.append(" DO NOTHING");
            }
        }
        returning(out, i.returning());
    }

    private static void update(StringBuilder out, Update u) {
        if (u.with() != null) {
            QueryPrinter.with(out, u.with());
            out.append(' ');
        }
        out.append("UPDATE ");
        QueryPrinter.tableRef(out, u.table());
        out.append(" SET ");
        setClauses(out, u.set());
        if (!u.from().isEmpty()) {
            out.append(" FROM ");
            QueryPrinter.tableRefs(out, u.from());
        }
        where(out, u.where());
        returning(out, u.returning());
    }

    private static void delete(StringBuilder out, Delete d) {
        if (d.with() != null) {
            QueryPrinter.with(out, d.with());
            out.append(' ');
        }
        out.append("DELETE FROM ");
        QueryPrinter.tableRef(out, d.table());
        if (!d.using().isEmpty()) {
            out.append(" USING ");
            QueryPrinter.tableRefs(out, d.using());
        }
        where(out, d.where());
        returning(out, d.returning());
    }

    private static void where(StringBuilder out, dev.lodedb.sql.ast.Expr where) {
        if (where != null) {
            out.append(" WHERE ");
            ExpressionPrinter.expr(out, where);
        }
    }

    private static void returning(StringBuilder out, List<dev.lodedb.sql.ast.SelectItem> items) {
        if (!items.isEmpty()) {
            out.append(" RETURNING ");
            QueryPrinter.targets(out, items);
        }
    }

    private static void setClauses(StringBuilder out, List<SetClause> clauses) {
        for (int i = 0; i < clauses.size(); i++) {
            SetClause c = clauses.get(i);
            out.append(i > 0 ? ", " : "");
            if (c.multiColumn()) {
                out.append('(');
                for (int k = 0; k < c.columns().size(); k++) {
                    out.append(k > 0 ? ", " : "").append(SqlNames.quote(c.columns().get(k)));
                }
                out.append(')');
            } else {
                out.append(SqlNames.quote(c.columns().get(0)));
            }
            out.append(" = ");
            ExpressionPrinter.expr(out, c.value());
        }
    }

    private static void createTable(StringBuilder out, CreateTable c) {
        out.append("CREATE ").append(persistence(c.persistence())).append("TABLE ")
                .append(c.ifNotExists() ? "IF NOT EXISTS " : "").append(SqlNames.qualified(c.name().parts()))
                .append(" (");
        String sep = "";
        for (ColumnDef column : c.columns()) {
            out.append(sep);
            columnDef(out, column);
            sep = ", ";
        }
        for (Constraint constraint : c.constraints()) {
            out.append(sep);
            constraint(out, constraint);
            sep = ", ";
        }
        out.append(')');
    }

    private static void columnDef(StringBuilder out, ColumnDef column) {
        out.append(SqlNames.quote(column.name())).append(' ');
        ExpressionPrinter.typeName(out, column.type());
        if (column.collation() != null) {
            out.append(" COLLATE ").append(SqlNames.qualified(column.collation().parts()));
        }
        for (Constraint c : column.constraints()) {
            out.append(' ');
            constraint(out, c);
        }
    }

    static void constraint(StringBuilder out, Constraint c) {
        if (c.name() != null) {
            out.append("CONSTRAINT ").append(SqlNames.quote(c.name())).append(' ');
        }
        switch (c.type()) {
            case NOT_NULL:
                out.append("NOT NULL");
                break;
            case NULL:
                out.append("NULL");
                break;
            case DEFAULT:
                out.append("DEFAULT ");
                ExpressionPrinter.expr(out, c.expression());
                break;
            case CHECK:
                out.append("CHECK (");
                ExpressionPrinter.expr(out, c.expression());
                out.append(')');
                break;
            case PRIMARY_KEY:
                out.append("PRIMARY KEY");
                QueryPrinter.names(out, c.columns());
                break;
            case UNIQUE:
                out.append("UNIQUE");
                QueryPrinter.names(out, c.columns());
                break;
            case FOREIGN_KEY:
                if (!c.columns().isEmpty()) {
                    out.append("FOREIGN KEY");
                    QueryPrinter.names(out, c.columns());
                    out.append(' ');
                }
                Constraint.ForeignKey fk = c.references();
                out.append("REFERENCES ").append(SqlNames.qualified(fk.table().parts()));
                QueryPrinter.names(out, fk.columns());
                if (fk.match() != null) {
                    out.append(" MATCH ").append(fk.match().toUpperCase());
                }
                if (fk.onDelete() != Constraint.ReferentialAction.DEFAULT) {
                    out.append(" ON DELETE ").append(fk.onDelete().name().replace('_', ' '));
                }
                if (fk.onUpdate() != Constraint.ReferentialAction.DEFAULT) {
                    out.append(" ON UPDATE ").append(fk.onUpdate().name().replace('_', ' '));
                }
                break;
            case IDENTITY:
                out.append(c.identityAlways() ? "GENERATED ALWAYS AS IDENTITY" : "GENERATED BY DEFAULT AS IDENTITY");
                if (!c.sequenceOptions().isEmpty()) {
                    out.append(" (");
                    StringBuilder options = new StringBuilder();
                    sequenceOptions(options, c.sequenceOptions());
                    out.append(options.substring(1)).append(')');
                }
                break;
            default:
                out.append("GENERATED ALWAYS AS (");
                ExpressionPrinter.expr(out, c.expression());
                out.append(") STORED");
                break;
        }
        out.append(c.deferrable() ? " DEFERRABLE" : "").append(c.initiallyDeferred() ? " INITIALLY DEFERRED" : "");
    }

    private static void sequenceOptions(StringBuilder out, List<SequenceOption> options) {
        for (SequenceOption o : options) {
            out.append(' ');
            switch (o.kind()) {
                case AS:
                    out.append("AS ");
                    ExpressionPrinter.typeName(out, o.type());
                    break;
                case INCREMENT:
                    out.append("INCREMENT BY ");
                    ExpressionPrinter.expr(out, o.value());
                    break;
                case START:
                    out.append("START WITH ");
                    ExpressionPrinter.expr(out, o.value());
                    break;
                case RESTART:
                    out.append("RESTART");
                    if (o.value() != null) {
                        out.append(" WITH ");
                        ExpressionPrinter.expr(out, o.value());
                    }
                    break;
                case MINVALUE:
                case MAXVALUE:
                case CACHE:
                    out.append(o.kind().name()).append(' ');
                    ExpressionPrinter.expr(out, o.value());
                    break;
                case OWNED_BY:
                    out.append("OWNED BY ").append(SqlNames.qualified(o.name().parts()));
                    break;
                case OWNED_BY_NONE:
                    out.append("OWNED BY NONE");
                    break;
                case SEQUENCE_NAME:
                    out.append("SEQUENCE NAME ").append(SqlNames.qualified(o.name().parts()));
                    break;
                default:
                    out.append(o.kind().name().replace('_', ' '));
                    break;
            }
        }
    }

    private static void createIndex(StringBuilder out, CreateIndex c) {
        out.append("CREATE ").append(c.unique() ? "UNIQUE " : "").append("INDEX ")
                .append(c.concurrently() ? "CONCURRENTLY " : "").append(c.ifNotExists() ? "IF NOT EXISTS " : "");
        if (c.name() != null) {
            out.append(SqlNames.quote(c.name())).append(' ');
        }
        out.append("ON ").append(SqlNames.qualified(c.table().parts()));
        if (c.method() != null) {
            out.append(" USING ").append(SqlNames.quote(c.method()));
        }
        out.append(" (");
        indexElements(out, c.elements());
        out.append(')');
        if (!c.include().isEmpty()) {
            out.append(" INCLUDE");
            QueryPrinter.names(out, c.include());
        }
        where(out, c.where());
    }

    private static void indexElements(StringBuilder out, List<IndexElement> elements) {
        for (int i = 0; i < elements.size(); i++) {
            IndexElement e = elements.get(i);
            out.append(i > 0 ? ", " : "");
            if (e.column() != null) {
                out.append(SqlNames.quote(e.column()));
            } else {
                out.append('(');
                ExpressionPrinter.expr(out, e.expression());
                out.append(')');
            }
            if (e.collation() != null) {
                out.append(" COLLATE ").append(SqlNames.qualified(e.collation().parts()));
            }
            if (e.opclass() != null) {
                out.append(' ').append(SqlNames.qualified(e.opclass().parts()));
            }
            if (e.direction() == OrderItem.Direction.ASC || e.direction() == OrderItem.Direction.DESC) {
                out.append(' ').append(e.direction().name());
            }
            if (e.nulls() != OrderItem.NullOrdering.DEFAULT) {
                out.append(" NULLS ").append(e.nulls().name());
            }
        }
    }

    private static void alterTable(StringBuilder out, AlterTable a) {
        out.append("ALTER TABLE ").append(a.ifExists() ? "IF EXISTS " : "").append(a.only() ? "ONLY " : "")
                .append(SqlNames.qualified(a.name().parts())).append(' ');
        for (int i = 0; i < a.actions().size(); i++) {
            out.append(i > 0 ? ", " : "");
            AlterTableAction action = a.actions().get(i);
            if (action instanceof AlterTableAction.AddColumn add) {
                out.append("ADD COLUMN ").append(add.ifNotExists() ? "IF NOT EXISTS " : "");
                columnDef(out, add.column());
            } else if (action instanceof AlterTableAction.DropColumn drop) {
                out.append("DROP COLUMN ").append(drop.ifExists() ? "IF EXISTS " : "")
                        .append(SqlNames.quote(drop.column()));
                behavior(out, drop.behavior());
            } else if (action instanceof AlterTableAction.RenameColumn r) {
                out.append("RENAME COLUMN ").append(SqlNames.quote(r.column())).append(" TO ")
                        .append(SqlNames.quote(r.newName()));
            } else if (action instanceof AlterTableAction.RenameTable r) {
                out.append("RENAME TO ").append(SqlNames.quote(r.newName()));
            } else if (action instanceof AlterTableAction.RenameConstraint r) {
                out.append("RENAME CONSTRAINT ").append(SqlNames.quote(r.constraint())).append(" TO ")
                        .append(SqlNames.quote(r.newName()));
            } else if (action instanceof AlterTableAction.SetDefault d) {
                out.append("ALTER COLUMN ").append(SqlNames.quote(d.column()));
                if (d.value() == null) {
                    out.append(" DROP DEFAULT");
                } else {
                    out.append(" SET DEFAULT ");
                    ExpressionPrinter.expr(out, d.value());
                }
            } else if (action instanceof AlterTableAction.SetNotNull n) {
                out.append("ALTER COLUMN ").append(SqlNames.quote(n.column()))
                        .append(n.notNull() ? " SET NOT NULL" : " DROP NOT NULL");
            } else if (action instanceof AlterTableAction.AlterType t) {
                out.append("ALTER COLUMN ").append(SqlNames.quote(t.column())).append(" TYPE ");
                ExpressionPrinter.typeName(out, t.type());
                if (t.collation() != null) {
                    out.append(" COLLATE ").append(SqlNames.qualified(t.collation().parts()));
                }
                if (t.using() != null) {
                    out.append(" USING ");
                    ExpressionPrinter.expr(out, t.using());
                }
            } else if (action instanceof AlterTableAction.AddConstraint c) {
                out.append("ADD ");
                constraint(out, c.constraint());
                out.append(c.notValid() ? " NOT VALID" : "");
            } else if (action instanceof AlterTableAction.DropConstraint d) {
                out.append("DROP CONSTRAINT ").append(d.ifExists() ? "IF EXISTS " : "")
                        .append(SqlNames.quote(d.constraint()));
                behavior(out, d.behavior());
            }
        }
    }

    private static void transaction(StringBuilder out, TransactionStatement t) {
        switch (t.kind()) {
            case BEGIN:
                out.append("BEGIN");
                break;
            case COMMIT:
                out.append("COMMIT").append(t.chain() ? " AND CHAIN" : "");
                return;
            case ROLLBACK:
                out.append("ROLLBACK").append(t.chain() ? " AND CHAIN" : "");
                return;
            case SAVEPOINT:
                out.append("SAVEPOINT ").append(SqlNames.quote(t.savepoint()));
                return;
            case RELEASE:
                out.append("RELEASE SAVEPOINT ").append(SqlNames.quote(t.savepoint()));
                return;
            case ROLLBACK_TO:
                out.append("ROLLBACK TO SAVEPOINT ").append(SqlNames.quote(t.savepoint()));
                return;
            case SET_TRANSACTION:
                out.append("SET TRANSACTION");
                break;
            default:
                out.append("SET SESSION CHARACTERISTICS AS TRANSACTION");
                break;
        }
        String sep = " ";
        if (t.isolation() != null) {
            out.append(sep).append("ISOLATION LEVEL ").append(t.isolation().name().replace('_', ' '));
            sep = ", ";
        }
        if (t.readOnly() != null) {
            out.append(sep).append(t.readOnly() ? "READ ONLY" : "READ WRITE");
            sep = ", ";
        }
        if (t.deferrable() != null) {
            out.append(sep).append(t.deferrable() ? "DEFERRABLE" : "NOT DEFERRABLE");
        }
    }

    private static void options(StringBuilder out, List<GenericOption> options) {
        out.append('(');
        for (int i = 0; i < options.size(); i++) {
            GenericOption o = options.get(i);
            out.append(i > 0 ? ", " : "").append(SqlNames.quoteLabel(o.name()));
            if (o.value() != null) {
                out.append(' ');
                ExpressionPrinter.expr(out, o.value());
            }
        }
        out.append(')');
    }

    private static void optionsAndTargets(StringBuilder out, List<GenericOption> options, List<VacuumTarget> targets) {
        if (!options.isEmpty()) {
            out.append(' ');
            options(out, options);
        }
        for (int i = 0; i < targets.size(); i++) {
            VacuumTarget t = targets.get(i);
            out.append(i > 0 ? ", " : " ").append(SqlNames.qualified(t.table().parts()));
            QueryPrinter.names(out, t.columns());
        }
    }

    private static void setVariable(StringBuilder out, SetVariable v) {
        out.append(v.local() ? "SET LOCAL " : "SET ");
        if (v.name().equals("timezone")) {
            out.append("TIME ZONE ");
        } else {
            out.append(variable(v.name())).append(" TO ");
        }
        if (v.isDefault()) {
            out.append("DEFAULT");
        } else {
            ExpressionPrinter.list(out, v.values());
        }
    }

    private static void copy(StringBuilder out, Copy c) {
        out.append("COPY ");
        if (c.query() != null) {
            out.append('(');
            QueryPrinter.query(out, c.query());
            out.append(')');
        } else {
            out.append(SqlNames.qualified(c.table().parts()));
            QueryPrinter.names(out, c.columns());
        }
        out.append(c.from() ? " FROM " : " TO ").append(c.program() ? "PROGRAM " : "");
        if (c.file() != null) {
            out.append(SqlNames.string(c.file()));
        } else {
            out.append(c.from() ? "STDIN" : "STDOUT");
        }
        if (!c.options().isEmpty()) {
            out.append(" WITH ");
            options(out, c.options());
        }
        where(out, c.where());
    }
}
