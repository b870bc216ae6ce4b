package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.Delete;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.IndexElement;
import dev.lodedb.sql.ast.Insert;
import dev.lodedb.sql.ast.OnConflict;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.SelectItem;
import dev.lodedb.sql.ast.SetClause;
import dev.lodedb.sql.ast.TableName;
import dev.lodedb.sql.ast.TableRef;
import dev.lodedb.sql.ast.Update;
import dev.lodedb.sql.ast.WithClause;
import java.util.ArrayList;
import java.util.List;

/**
 * INSERT (with VALUES, a query or DEFAULT VALUES, ON CONFLICT and RETURNING), UPDATE (with
 * multi-column assignments, FROM and RETURNING) and DELETE (with USING and RETURNING).
 *
 * <p>Not thread-safe.
 */
final class DmlParser extends GrammarRule {

    DmlParser(Grammar g) {
        super(g);
    }

    /** At INSERT. */
    Insert insert(WithClause with, int position) {
        expectKw("insert");
        expectKw("into");
        QualifiedName table = qualifiedName();
        String alias = null;
        if (acceptKw("as")) {
            alias = colId();
        }
        List<String> columns = List.of();
        if (is(TokenType.LPAREN) && !startsQuery(peek(1)) && peek(1).type() != TokenType.LPAREN) {
            next();
            columns = new ArrayList<>();
            do {
                columns.add(colId());
                if (is(TokenType.LBRACKET) || is(TokenType.DOT)) {
                    throw unsupported(peek(), "INSERT into array elements or composite fields is not supported");
                }
            } while (accept(TokenType.COMMA));
            expect(TokenType.RPAREN);
        }
        Insert.Overriding overriding = null;
        if (acceptKw("overriding")) {
            Token kind = next();
            if (kind.isKeyword("system")) {
                overriding = Insert.Overriding.SYSTEM;
            } else if (kind.isKeyword("user")) {
                overriding = Insert.Overriding.USER;
            } else {
                throw in.syntaxErrorAt(kind);
            }
            expectKw("value");
        }
        Query query = null;
        if (isKw("default") && isKw(1, "values")) {
            next();
            next();
        } else {
            query = g.queries.query();
        }
        OnConflict onConflict = isKw("on") && isKw(1, "conflict") ? onConflict() : null;
        List<SelectItem> returning = returning();
        return new Insert(with, table, alias, columns, query, onConflict, returning, overriding, position);
    }

    private OnConflict onConflict() {
        Token on = next();
        next();
        List<IndexElement> target = List.of();
        Expr targetWhere = null;
        String constraint = null;
        if (is(TokenType.LPAREN)) {
            next();
            target = g.ddl.indexElements();
            expect(TokenType.RPAREN);
            if (acceptKw("where")) {
                targetWhere = g.expressions.expression();
            }
        } else if (isKw("on") && isKw(1, "constraint")) {
            next();
            next();
            constraint = colId();
        }
        expectKw("do");
        if (acceptKw("nothing")) {
            return new OnConflict(target, targetWhere, constraint, false, List.of(), null, on.start());
        }
        expectKw("update");
        expectKw("set");
        List<SetClause> set = setClauses();
        Expr where = acceptKw("where") ? g.expressions.expression() : null;
        return new OnConflict(target, targetWhere, constraint, true, set, where, on.start());
    }

    /** At UPDATE. */
    Update update(WithClause with, int position) {
        expectKw("update");
        TableName table = g.from.targetTable();
        expectKw("set");
        List<SetClause> set = setClauses();
        List<TableRef> from = acceptKw("from") ? g.from.fromList() : List.of();
        Expr where = where();
        return new Update(with, table, set, from, where, returning(), position);
    }

    /** At DELETE. */
    Delete delete(WithClause with, int position) {
        expectKw("delete");
        expectKw("from");
        TableName table = g.from.targetTable();
        List<TableRef> using = acceptKw("using") ? g.from.fromList() : List.of();
        Expr where = where();
        return new Delete(with, table, using, where, returning(), position);
    }

    private Expr where() {
        if (!acceptKw("where")) {
            return null;
        }
        if (isKw("current") && isKw(1, "of")) {
            throw unsupported(peek(), "WHERE CURRENT OF is not supported");
        }
        return g.expressions.expression();
    }

    private List<SelectItem> returning() {
        return acceptKw("returning") ? g.queries.targetList() : List.of();
    }

    /** {@code set_clause_list}. */
    List<SetClause> setClauses() {
        List<SetClause> clauses = new ArrayList<>();
        do {
            Token start = peek();
            if (accept(TokenType.LPAREN)) {
                List<String> columns = new ArrayList<>();
                do {
                    columns.add(setTarget());
                } while (accept(TokenType.COMMA));
                expect(TokenType.RPAREN);
                expectOp("=");
                clauses.add(new SetClause(columns, g.expressions.expression(), true, start.start()));
            } else {
                String column = setTarget();
                expectOp("=");
                clauses.add(new SetClause(List.of(column), g.expressions.expression(), false, start.start()));
            }
        } while (accept(TokenType.COMMA));
        return clauses;
    }

    private String setTarget() {
        String column = colId();
        if (is(TokenType.LBRACKET) || is(TokenType.DOT)) {
            throw unsupported(peek(), "assignment to array elements or composite fields is not supported");
        }
        return column;
    }
}
