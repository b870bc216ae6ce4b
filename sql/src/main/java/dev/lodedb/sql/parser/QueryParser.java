package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.CommonTableExpr;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.GroupingSet;
import dev.lodedb.sql.ast.IntegerLiteral;
import dev.lodedb.sql.ast.LockingClause;
import dev.lodedb.sql.ast.OrderItem;
import dev.lodedb.sql.ast.QualifiedName;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.QueryBody;
import dev.lodedb.sql.ast.Select;
import dev.lodedb.sql.ast.SelectItem;
import dev.lodedb.sql.ast.SetOperation;
import dev.lodedb.sql.ast.Star;
import dev.lodedb.sql.ast.Statement;
import dev.lodedb.sql.ast.TableName;
import dev.lodedb.sql.ast.TableRef;
import dev.lodedb.sql.ast.ValuesQuery;
import dev.lodedb.sql.ast.WindowDefinition;
import dev.lodedb.sql.ast.WithClause;
import java.util.ArrayList;
import java.util.List;

/**
 * Queries: WITH, set operations (INTERSECT binds tighter than UNION and EXCEPT, which associate
 * left), parenthesized queries, SELECT with its clauses, VALUES and {@code TABLE t}, and the
 * ORDER BY / LIMIT / OFFSET / FETCH / FOR UPDATE tail.
 *
 * <p>Not thread-safe.
 */
final class QueryParser extends GrammarRule {

    QueryParser(Grammar g) {
        super(g);
    }

    /** {@code SelectStmt}: {@code [WITH ...] body [ORDER BY ...] [LIMIT ...] ...}. */
    Query query() {
        Token start = peek();
        WithClause with = isKw("with") ? withClause() : null;
        return queryAfterWith(with, start.start());
    }

    /** {@code ( query )}. */
    Query parenthesizedQuery() {
        expect(TokenType.LPAREN);
        in.enter();
        try {
            Query q = query();
            expect(TokenType.RPAREN);
            return q;
        } finally {
            in.exit();
        }
    }

    /** The rest of a query once its WITH clause (possibly {@code null}) has been read. */
    Query queryAfterWith(WithClause with, int position) {
        QueryBody body = setExpression();
        List<OrderItem> orderBy = List.of();
        if (isKw("order")) {
            next();
            expectKw("by");
            orderBy = g.functions.sortList();
        }
        Expr limit = null;
        Expr offset = null;
        boolean limitSeen = false;
        boolean offsetSeen = false;
        boolean withTies = false;
        List<LockingClause> locking = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.isKeyword("limit") && !limitSeen) {
                next();
                limitSeen = true;
                limit = acceptKw("all") ? null : g.expressions.expression();
                if (is(TokenType.COMMA)) {
                    throw unsupported(peek(), "LIMIT #,# syntax is not supported; use separate LIMIT and OFFSET clauses");
                }
            } else if (t.isKeyword("fetch") && !limitSeen) {
                next();
                limitSeen = true;
                if (!acceptKw("first")) {
                    expectKw("next");
                }
                if (isKw("row") || isKw("rows")) {
                    limit = new IntegerLiteral(1, peek().start());
                } else {
                    limit = g.expressions.expression();
                }
                if (!acceptKw("row")) {
                    expectKw("rows");
                }
                if (acceptKw("with")) {
                    expectKw("ties");
                    withTies = true;
                } else {
                    expectKw("only");
                }
            } else if (t.isKeyword("offset") && !offsetSeen) {
                next();
                offsetSeen = true;
                offset = g.expressions.expression();
                if (!acceptKw("row")) {
                    acceptKw("rows");
                }
            } else if (t.isKeyword("for")) {
                LockingClause clause = lockingClause();
                if (clause != null) {
                    locking.add(clause);
                }
            } else {
                break;
            }
        }
        return new Query(with, body, orderBy, limit, offset, withTies, locking, position);
    }

    private LockingClause lockingClause() {
        Token start = next();
        LockingClause.Strength strength;
        if (acceptKw("update")) {
            strength = LockingClause.Strength.UPDATE;
        } else if (acceptKw("share")) {
            strength = LockingClause.Strength.SHARE;
        } else if (acceptKw("no")) {
            expectKw("key");
            expectKw("update");
            strength = LockingClause.Strength.NO_KEY_UPDATE;
        } else if (acceptKw("key")) {
            expectKw("share");
            strength = LockingClause.Strength.KEY_SHARE;
        } else if (acceptKw("read")) {
            expectKw("only");
            return null;
        } else {
            throw error();
        }
        List<QualifiedName> tables = List.of();
        if (acceptKw("of")) {
            tables = qualifiedNameList();
        }
        LockingClause.WaitPolicy wait = LockingClause.WaitPolicy.WAIT;
        if (acceptKw("nowait")) {
            wait = LockingClause.WaitPolicy.NOWAIT;
        } else if (isKw("skip") && isKw(1, "locked")) {
            next();
            next();
            wait = LockingClause.WaitPolicy.SKIP_LOCKED;
        }
        return new LockingClause(strength, tables, wait, start.start());
    }

    /** {@code WITH [RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] (statement), ...}. */
    WithClause withClause() {
        Token with = expectKw("with");
        boolean recursive = acceptKw("recursive");
        List<CommonTableExpr> ctes = new ArrayList<>();
        do {
            Token name = peek();
            String cteName = colId();
            List<String> columns = is(TokenType.LPAREN) ? parenNameList() : List.of();
            expectKw("as");
            Boolean materialized = null;
            if (acceptKw("materialized")) {
                materialized = Boolean.TRUE;
            } else if (isKw("not") && isKw(1, "materialized")) {
                next();
                next();
                materialized = Boolean.FALSE;
            }
            expect(TokenType.LPAREN);
            Statement statement;
            in.enter();
            try {
                statement = g.statements.preparableStatement();
            } finally {
                in.exit();
            }
            expect(TokenType.RPAREN);
            CommonTableExpr.Search search = isKw("search") ? searchClause() : null;
            CommonTableExpr.Cycle cycle = isKw("cycle") ? cycleClause() : null;
            ctes.add(new CommonTableExpr(cteName, columns, materialized, statement, search, cycle, name.start()));
        } while (accept(TokenType.COMMA));
        return new WithClause(recursive, ctes, with.start());
    }

    private CommonTableExpr.Search searchClause() {
        Token search = next();
        boolean depthFirst;
        if (acceptKw("depth")) {
            depthFirst = true;
        } else {
            expectKw("breadth");
            depthFirst = false;
        }
        expectKw("first");
        expectKw("by");
        List<String> columns = nameList();
        expectKw("set");
        return new CommonTableExpr.Search(depthFirst, columns, colId(), search.start());
    }

    private CommonTableExpr.Cycle cycleClause() {
        Token cycle = next();
        List<String> columns = nameList();
        expectKw("set");
        String markColumn = colId();
        Expr markValue = null;
        Expr markDefault = null;
        if (acceptKw("to")) {
            markValue = g.expressions.expression();
            expectKw("default");
            markDefault = g.expressions.expression();
        }
        expectKw("using");
        return new CommonTableExpr.Cycle(columns, markColumn, markValue, markDefault, colId(), cycle.start());
    }

    // ---------------------------------------------------------------- set operations

    private QueryBody setExpression() {
        QueryBody left = intersectExpression();
        while (isKw("union") || isKw("except")) {
            SetOperation.Operator op = next().isKeyword("union") ? SetOperation.Operator.UNION
                    : SetOperation.Operator.EXCEPT;
            boolean all = setQuantifier();
            QueryBody right = intersectExpression();
            left = new SetOperation(op, all, left, right, left.position());
        }
        return left;
    }

    private QueryBody intersectExpression() {
        QueryBody left = setPrimary();
        while (isKw("intersect")) {
            next();
            boolean all = setQuantifier();
            QueryBody right = setPrimary();
            left = new SetOperation(SetOperation.Operator.INTERSECT, all, left, right, left.position());
        }
        return left;
    }

    private boolean setQuantifier() {
        if (acceptKw("all")) {
            return true;
        }
        acceptKw("distinct");
        return false;
    }

    private QueryBody setPrimary() {
        Token t = peek();
        if (t.isKeyword("select")) {
            return select();
        }
        if (t.isKeyword("values")) {
            return values();
        }
        if (t.isKeyword("table")) {
            next();
            boolean only = acceptKw("only");
            QualifiedName name = qualifiedName();
            acceptOp("*");
            return new Select(false, List.of(), List.of(new SelectItem(new Star(List.of(), t.start()), null, t.start())),
                    List.of(new TableName(name, only, null, name.position())), null, List.of(), false, null,
                    List.of(), t.start());
        }
        if (t.type() == TokenType.LPAREN) {
            Query q = parenthesizedQuery();
            return q.isBare() ? q.body() : q;
        }
        throw error();
    }

    // ---------------------------------------------------------------- SELECT

    private Select select() {
        Token start = next();
        boolean distinct = false;
        List<Expr> distinctOn = List.of();
        if (!acceptKw("all") && acceptKw("distinct")) {
            distinct = true;
            if (acceptKw("on")) {
                expect(TokenType.LPAREN);
                distinctOn = g.expressions.expressionList();
                expect(TokenType.RPAREN);
            }
        }
        List<SelectItem> targets = endsTargetList(peek()) ? List.of() : targetList();
        if (isKw("into")) {
            throw unsupported(peek(), "SELECT ... INTO is not supported; use CREATE TABLE ... AS");
        }
        List<TableRef> from = acceptKw("from") ? g.from.fromList() : List.of();
        Expr where = acceptKw("where") ? g.expressions.expression() : null;
        List<Expr> groupBy = List.of();
        boolean groupByDistinct = false;
        if (isKw("group")) {
            next();
            expectKw("by");
            if (!acceptKw("all")) {
                groupByDistinct = acceptKw("distinct");
            }
            groupBy = groupByList();
        }
        Expr having = acceptKw("having") ? g.expressions.expression() : null;
        List<WindowDefinition> windows = List.of();
        if (acceptKw("window")) {
            windows = new ArrayList<>();
            do {
                Token name = peek();
                String windowName = colId();
                expectKw("as");
                windows.add(new WindowDefinition(windowName, g.functions.windowSpec(), name.start()));
            } while (accept(TokenType.COMMA));
        }
        return new Select(distinct, distinctOn, targets, from, where, groupBy, groupByDistinct, having, windows,
                start.start());
    }

    private static boolean endsTargetList(Token t) {
        switch (t.type()) {
            case RPAREN:
            case SEMICOLON:
            case EOF:
                return true;
            case KEYWORD:
                switch (t.text()) {
                    case "from":
                    case "where":
                    case "group":
                    case "having":
                    case "window":
                    case "order":
                    case "limit":
                    case "offset":
                    case "fetch":
                    case "for":
                    case "union":
                    case "intersect":
                    case "except":
                    case "into":
                        return true;
                    default:
                        return false;
                }
            default:
                return false;
        }
    }

    /** {@code target_list}: select-list or RETURNING items. */
    List<SelectItem> targetList() {
        List<SelectItem> items = new ArrayList<>();
        do {
            Token t = peek();
            if (t.isOperator("*")) {
                next();
                items.add(new SelectItem(new Star(List.of(), t.start()), null, t.start()));
                continue;
            }
            Expr expr = g.expressions.expression();
            String alias = null;
            if (acceptKw("as")) {
                alias = colLabel();
            } else if (isBareLabel(peek())) {
                alias = next().text();
            }
            items.add(new SelectItem(expr, alias, expr.position()));
        } while (accept(TokenType.COMMA));
        return items;
    }

    private List<Expr> groupByList() {
        List<Expr> items = new ArrayList<>();
        do {
            items.add(groupByItem());
        } while (accept(TokenType.COMMA));
        return items;
    }

    private Expr groupByItem() {
        Token t = peek();
        if (t.type() == TokenType.LPAREN && peek(1).type() == TokenType.RPAREN) {
            next();
            next();
            return new GroupingSet(GroupingSet.Kind.EMPTY, List.of(), t.start());
        }
        if ((t.isKeyword("rollup") || t.isKeyword("cube")) && peek(1).type() == TokenType.LPAREN) {
            next();
            next();
            List<Expr> items = g.expressions.expressionList();
            expect(TokenType.RPAREN);
            return new GroupingSet(t.isKeyword("rollup") ? GroupingSet.Kind.ROLLUP : GroupingSet.Kind.CUBE,
                    items, t.start());
        }
        if (t.isKeyword("grouping") && isKw(1, "sets")) {
            next();
            next();
            expect(TokenType.LPAREN);
            List<Expr> items;
            in.enter();
            try {
                items = groupByList();
            } finally {
                in.exit();
            }
            expect(TokenType.RPAREN);
            return new GroupingSet(GroupingSet.Kind.SETS, items, t.start());
        }
        return g.expressions.expression();
    }

    private ValuesQuery values() {
        Token start = next();
        List<List<Expr>> rows = new ArrayList<>();
        do {
            expect(TokenType.LPAREN);
            rows.add(g.expressions.expressionList());
            expect(TokenType.RPAREN);
        } while (accept(TokenType.COMMA));
        return new ValuesQuery(rows, start.start());
    }
}
