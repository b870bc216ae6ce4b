package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.AlterTable;
import dev.lodedb.sql.ast.AlterTableAction;
import dev.lodedb.sql.ast.ColumnDef;
import dev.lodedb.sql.ast.Constraint;
import dev.lodedb.sql.ast.CreateTable;
import dev.lodedb.sql.ast.CreateTableAs;
import dev.lodedb.sql.ast.DropBehavior;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.Persistence;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.SequenceOption;
import dev.lodedb.sql.ast.Statement;
import dev.lodedb.sql.ast.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE TABLE (column definitions, column and table constraints), CREATE TABLE ... AS, and
 * ALTER TABLE.
 *
 * <p>Not thread-safe.
 */
final class TableDdlParser extends GrammarRule {

    TableDdlParser(Grammar g) {
        super(g);
    }

    /** After {@code CREATE [TEMP | UNLOGGED] TABLE}. */
    Statement createTable(int position, Persistence persistence) {
        boolean ifNotExists = ifNotExists();
        QualifiedName name = qualifiedName();
        if (isKw("of") || isKw("partition")) {
            throw unsupported(peek(), "typed and partitioned tables are not supported");
        }
        if (isKw("as")) {
            return createTableAs(position, persistence, ifNotExists, name, List.of());
        }
        if (is(TokenType.LPAREN)) {
            int close = matchingParen(0);
            if (close > 0 && isKw(close + 1, "as")) {
                List<String> columns = parenNameList();
                return createTableAs(position, persistence, ifNotExists, name, columns);
            }
        }
        expect(TokenType.LPAREN);
        List<ColumnDef> columns = new ArrayList<>();
        List<Constraint> constraints = new ArrayList<>();
        if (!is(TokenType.RPAREN)) {
            do {
                Token t = peek();
                if (startsTableConstraint()) {
                    constraints.add(tableConstraint());
                } else if (t.isKeyword("like")) {
                    throw unsupported(t, "CREATE TABLE ... (LIKE ...) is not supported");
                } else {
                    columns.add(columnDef());
                }
            } while (accept(TokenType.COMMA));
        }
        expect(TokenType.RPAREN);
        tableOptions();
        return new CreateTable(name, persistence, ifNotExists, columns, constraints, position);
    }

    private Statement createTableAs(int position, Persistence persistence, boolean ifNotExists, QualifiedName name,
            List<String> columns) {
        tableOptions();
        expectKw("as");
        if (isKw("execute")) {
            throw unsupported(peek(), "CREATE TABLE ... AS EXECUTE is not supported");
        }
        Query query = g.queries.query();
        boolean withData = true;
        if (isKw("with") && (isKw(1, "data") || (isKw(1, "no") && isKw(2, "data")))) {
            next();
            withData = !acceptKw("no");
            expectKw("data");
        }
        return new CreateTableAs(name, persistence, ifNotExists, columns, query, withData, position);
    }

    /** Storage clauses after the column list: WITHOUT OIDS and ON COMMIT PRESERVE ROWS are accepted, others not. */
    private void tableOptions() {
        while (true) {
            Token t = peek();
            if (t.isKeyword("without") && isKw(1, "oids")) {
                next();
                next();
            } else if (t.isKeyword("on") && isKw(1, "commit")) {
                next();
                next();
                if (acceptKw("preserve")) {
                    expectKw("rows");
                } else {
                    throw unsupported(t, "ON COMMIT DELETE ROWS and ON COMMIT DROP are not supported");
                }
            } else if (t.isKeyword("inherits") || t.isKeyword("partition") || t.isKeyword("tablespace")
                    || (t.isKeyword("using") && !isKw(1, "index"))
                    || (t.isKeyword("with") && peek(1).type() == TokenType.LPAREN)) {
                throw unsupported(t, t.text().toUpperCase() + " clause of CREATE TABLE is not supported");
            } else {
                return;
            }
        }
    }

    private boolean startsTableConstraint() {
        Token t = peek();
        return t.isKeyword("constraint") || t.isKeyword("check") || t.isKeyword("unique")
                || t.isKeyword("primary") || t.isKeyword("foreign")
                || (t.isKeyword("exclude") && (peek(1).type() == TokenType.LPAREN || isKw(1, "using")));
    }

    /** {@code columnDef}: {@code name type [COLLATE c] [constraints]}. */
    ColumnDef columnDef() {
        Token start = peek();
        String name = colId();
        TypeName type = g.types.typeName();
        QualifiedName collation = null;
        List<Constraint> constraints = new ArrayList<>();
        while (true) {
            if (acceptKw("collate")) {
                collation = qualifiedName();
                continue;
            }
            Token t = peek();
            if (t.isKeyword("storage") || t.isKeyword("compression")) {
                throw unsupported(t, t.text().toUpperCase() + " column option is not supported");
            }
            Constraint c = columnConstraint();
            if (c == null) {
                break;
            }
            constraints.add(c);
        }
        return new ColumnDef(name, type, collation, constraints, start.start());
    }

    /** One column constraint, or {@code null} when none follows. */
    private Constraint columnConstraint() {
        Token start = peek();
        String name = acceptKw("constraint") ? colId() : null;
        Token t = peek();
        Constraint c;
        if (t.isKeyword("not") && isKw(1, "null")) {
            next();
            next();
            c = Constraint.of(name, Constraint.Type.NOT_NULL, List.of(), null, start.start());
        } else if (acceptKw("null")) {
            c = Constraint.of(name, Constraint.Type.NULL, List.of(), null, start.start());
        } else if (acceptKw("default")) {
            c = Constraint.of(name, Constraint.Type.DEFAULT, List.of(), g.expressions.restrictedExpression(),
                    start.start());
        } else if (acceptKw("check")) {
            c = Constraint.of(name, Constraint.Type.CHECK, List.of(), checkExpression(), start.start());
        } else if (isKw("primary")) {
            next();
            expectKw("key");
            indexParameters();
            c = Constraint.of(name, Constraint.Type.PRIMARY_KEY, List.of(), null, start.start());
        } else if (acceptKw("unique")) {
            nullsDistinct();
            indexParameters();
            c = Constraint.of(name, Constraint.Type.UNIQUE, List.of(), null, start.start());
        } else if (isKw("references")) {
            Constraint.ForeignKey fk = references();
            c = new Constraint(name, Constraint.Type.FOREIGN_KEY, List.of(), null, fk, false, List.of(), false, false,
                    start.start());
        } else if (isKw("generated")) {
            c = generated(name, start.start());
        } else if (name != null) {
            throw error();
        } else if (isConstraintAttribute()) {
            throw unsupported(t, "constraint attributes without a constraint are not supported");
        } else {
            return null;
        }
        return withAttributes(c);
    }

    private Expr checkExpression() {
        expect(TokenType.LPAREN);
        Expr check = g.expressions.expression();
        expect(TokenType.RPAREN);
        if (isKw("no") && isKw(1, "inherit")) {
            next();
            next();
        }
        return check;
    }

    private Constraint generated(String name, int position) {
        next();
        boolean always;
        if (acceptKw("always")) {
            always = true;
        } else {
            expectKw("by");
            expectKw("default");
            always = false;
        }
        expectKw("as");
        if (acceptKw("identity")) {
            List<SequenceOption> options = List.of();
            if (accept(TokenType.LPAREN)) {
                options = g.ddl.sequenceOptions();
                expect(TokenType.RPAREN);
            }
            return new Constraint(name, Constraint.Type.IDENTITY, List.of(), null, null, always, options, false, false,
                    position);
        }
        if (!always) {
            throw error();
        }
        expect(TokenType.LPAREN);
        Expr expr = g.expressions.expression();
        expect(TokenType.RPAREN);
        expectKw("stored");
        return Constraint.of(name, Constraint.Type.GENERATED, List.of(), expr, position);
    }

    private void nullsDistinct() {
        if (isKw("nulls") && (isKw(1, "distinct") || isKw(1, "not"))) {
            throw unsupported(peek(), "NULLS [NOT] DISTINCT is not supported");
        }
    }

    /** Rejects index parameters of PRIMARY KEY / UNIQUE (INCLUDE, WITH, USING INDEX TABLESPACE). */
    private void indexParameters() {
        Token t = peek();
        if (t.isKeyword("include") || (t.isKeyword("with") && peek(1).type() == TokenType.LPAREN)
                || (t.isKeyword("using") && isKw(1, "index"))) {
            throw unsupported(t, "index parameters of PRIMARY KEY and UNIQUE constraints are not supported");
        }
    }

    private boolean isConstraintAttribute() {
        return isKw("deferrable") || isKw("initially") || (isKw("not") && isKw(1, "deferrable"));
    }

    private Constraint withAttributes(Constraint c) {
        boolean deferrable = c.deferrable();
        boolean initiallyDeferred = c.initiallyDeferred();
        boolean any = false;
        while (isConstraintAttribute()) {
            any = true;
            if (acceptKw("deferrable")) {
                deferrable = true;
            } else if (acceptKw("not")) {
                expectKw("deferrable");
                deferrable = false;
            } else {
                next();
                if (acceptKw("deferred")) {
                    initiallyDeferred = true;
                } else {
                    expectKw("immediate");
                    initiallyDeferred = false;
                }
            }
        }
        if (!any) {
            return c;
        }
        return new Constraint(c.name(), c.type(), c.columns(), c.expression(), c.references(), c.identityAlways(),
                c.sequenceOptions(), deferrable, initiallyDeferred, c.position());
    }

    /** {@code REFERENCES table [(columns)] [MATCH ...] [ON DELETE action] [ON UPDATE action]}. */
    private Constraint.ForeignKey references() {
        Token ref = expectKw("references");
        QualifiedName table = qualifiedName();
        List<String> columns = is(TokenType.LPAREN) ? parenNameList() : List.of();
        String match = null;
        Constraint.ReferentialAction onDelete = Constraint.ReferentialAction.DEFAULT;
        Constraint.ReferentialAction onUpdate = Constraint.ReferentialAction.DEFAULT;
        while (true) {
            if (acceptKw("match")) {
                Token m = next();
                if (!(m.isKeyword("full") || m.isKeyword("partial") || m.isKeyword("simple"))) {
                    throw in.syntaxErrorAt(m);
                }
                match = m.text();
            } else if (isKw("on") && isKw(1, "delete")) {
                next();
                next();
                onDelete = referentialAction();
            } else if (isKw("on") && isKw(1, "update")) {
                next();
                next();
                onUpdate = referentialAction();
            } else {
                break;
            }
        }
        return new Constraint.ForeignKey(table, columns, match, onDelete, onUpdate, ref.start());
    }

    private Constraint.ReferentialAction referentialAction() {
        if (acceptKw("cascade")) {
            return Constraint.ReferentialAction.CASCADE;
        }
        if (acceptKw("restrict")) {
            return Constraint.ReferentialAction.RESTRICT;
        }
        if (acceptKw("no")) {
            expectKw("action");
            return Constraint.ReferentialAction.NO_ACTION;
        }
        expectKw("set");
        Constraint.ReferentialAction action;
        if (acceptKw("null")) {
            action = Constraint.ReferentialAction.SET_NULL;
        } else {
            expectKw("default");
            action = Constraint.ReferentialAction.SET_DEFAULT;
        }
        if (is(TokenType.LPAREN)) {
            throw unsupported(peek(), "column lists of SET NULL / SET DEFAULT actions are not supported");
        }
        return action;
    }

    /** {@code TableConstraint}: {@code [CONSTRAINT name] CHECK | UNIQUE | PRIMARY KEY | FOREIGN KEY ...}. */
    Constraint tableConstraint() {
        Token start = peek();
        String name = acceptKw("constraint") ? colId() : null;
        Token t = peek();
        Constraint c;
        if (acceptKw("check")) {
            c = Constraint.of(name, Constraint.Type.CHECK, List.of(), checkExpression(), start.start());
        } else if (acceptKw("unique")) {
            nullsDistinct();
            List<String> columns = parenNameList();
            indexParameters();
            c = Constraint.of(name, Constraint.Type.UNIQUE, columns, null, start.start());
        } else if (acceptKw("primary")) {
            expectKw("key");
            List<String> columns = parenNameList();
            indexParameters();
            c = Constraint.of(name, Constraint.Type.PRIMARY_KEY, columns, null, start.start());
        } else if (acceptKw("foreign")) {
            expectKw("key");
            List<String> columns = parenNameList();
            Constraint.ForeignKey fk = references();
            c = new Constraint(name, Constraint.Type.FOREIGN_KEY, columns, null, fk, false, List.of(), false, false,
                    start.start());
        } else if (t.isKeyword("exclude")) {
            throw unsupported(t, "EXCLUDE constraints are not supported");
        } else {
            throw error();
        }
        return withAttributes(c);
    }

    // ---------------------------------------------------------------- ALTER TABLE

    /** After {@code ALTER TABLE}. */
    AlterTable alterTable(int position) {
        boolean ifExists = ifExists();
        boolean only = acceptKw("only");
        QualifiedName name = qualifiedName();
        acceptOp("*");
        List<AlterTableAction> actions = new ArrayList<>();
        if (isKw("rename")) {
            actions.add(rename());
        } else if (isKw("set") && isKw(1, "schema")) {
            throw unsupported(peek(), "ALTER TABLE ... SET SCHEMA is not supported");
        } else {
            do {
                actions.add(action());
            } while (accept(TokenType.COMMA));
        }
        return new AlterTable(name, ifExists, only, actions, position);
    }

    private AlterTableAction rename() {
        Token r = next();
        if (acceptKw("to")) {
            return new AlterTableAction.RenameTable(colId(), r.start());
        }
        if (acceptKw("constraint")) {
            String old = colId();
            expectKw("to");
            return new AlterTableAction.RenameConstraint(old, colId(), r.start());
        }
        acceptKw("column");
        String old = colId();
        expectKw("to");
        return new AlterTableAction.RenameColumn(old, colId(), r.start());
    }

    private AlterTableAction action() {
        Token t = peek();
        if (acceptKw("add")) {
            if (startsTableConstraint()) {
                Constraint c = tableConstraint();
                boolean notValid = false;
                if (isKw("not") && isKw(1, "valid")) {
                    next();
                    next();
                    notValid = true;
                }
                return new AlterTableAction.AddConstraint(c, notValid, t.start());
            }
            acceptKw("column");
            boolean ifNotExists = ifNotExists();
            return new AlterTableAction.AddColumn(columnDef(), ifNotExists, t.start());
        }
        if (acceptKw("drop")) {
            if (acceptKw("constraint")) {
                boolean ifExists = ifExists();
                String name = colId();
                return new AlterTableAction.DropConstraint(name, ifExists, dropBehavior(), t.start());
            }
            acceptKw("column");
            boolean ifExists = ifExists();
            String column = colId();
            DropBehavior behavior = dropBehavior();
            return new AlterTableAction.DropColumn(column, ifExists, behavior, t.start());
        }
        if (acceptKw("alter")) {
            acceptKw("column");
            String column = colId();
            return alterColumn(t, column);
        }
        if (t.type() == TokenType.KEYWORD) {
            throw unsupported(t, "ALTER TABLE ... " + t.text().toUpperCase() + " is not supported");
        }
        throw error();
    }

    private AlterTableAction alterColumn(Token start, String column) {
        Token t = peek();
        if (acceptKw("set")) {
            if (acceptKw("default")) {
                return new AlterTableAction.SetDefault(column, g.expressions.expression(), start.start());
            }
            if (acceptKw("not")) {
                expectKw("null");
                return new AlterTableAction.SetNotNull(column, true, start.start());
            }
            if (acceptKw("data")) {
                expectKw("type");
                return alterType(start, column);
            }
            throw unsupported(peek(), "ALTER COLUMN ... SET " + peek().text().toUpperCase() + " is not supported");
        }
        if (acceptKw("drop")) {
            if (acceptKw("default")) {
                return new AlterTableAction.SetDefault(column, null, start.start());
            }
            if (acceptKw("not")) {
                expectKw("null");
                return new AlterTableAction.SetNotNull(column, false, start.start());
            }
            throw unsupported(peek(), "ALTER COLUMN ... DROP " + peek().text().toUpperCase() + " is not supported");
        }
        if (acceptKw("type")) {
            return alterType(start, column);
        }
        if (t.type() == TokenType.KEYWORD) {
            throw unsupported(t, "ALTER COLUMN ... " + t.text().toUpperCase() + " is not supported");
        }
        throw error();
    }

    private AlterTableAction alterType(Token start, String column) {
        TypeName type = g.types.typeName();
        QualifiedName collation = acceptKw("collate") ? qualifiedName() : null;
        Expr using = acceptKw("using") ? g.expressions.expression() : null;
        return new AlterTableAction.AlterType(column, type, collation, using, start.start());
    }
}
