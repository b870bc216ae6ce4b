package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.AlterSequence;
import dev.lodedb.sql.ast.AlterTable;
import dev.lodedb.sql.ast.Analyze;
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
import dev.lodedb.sql.ast.Insert;
import dev.lodedb.sql.ast.OnConflict;
import dev.lodedb.sql.ast.Persistence;
import dev.lodedb.sql.ast.Prepare;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.ResetVariable;
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
            DdlPrinter.createTable(out, c);
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
            DdlPrinter.createIndex(out, c);
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
            DdlPrinter.sequenceOptions(out, c.options());
        } else if (s instanceof AlterSequence a) {
            out.append("ALTER SEQUENCE ").append(a.ifExists() ? "IF EXISTS " : "")
                    .append(SqlNames.qualified(a.name().parts()));
            DdlPrinter.sequenceOptions(out, a.options());
        } else if (s instanceof AlterTable a) {
            DdlPrinter.alterTable(out, a);
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

    static String persistence(Persistence p) {
        switch (p) {
            case TEMPORARY:
                return "TEMPORARY ";
            case UNLOGGED:
                return "UNLOGGED ";
            default:
                return "";
        }
    }

    static void behavior(StringBuilder out, DropBehavior b) {
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
        if (i.overriding() != null) {
            out.append(" OVERRIDING ").append(i.overriding()).append(" VALUE");
        }
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
                DdlPrinter.indexElements(out, c.target());
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

    static void where(StringBuilder out, dev.lodedb.sql.ast.Expr where) {
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
