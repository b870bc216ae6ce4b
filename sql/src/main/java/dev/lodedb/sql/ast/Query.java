package dev.lodedb.sql.ast;

import java.util.List;

/**
 * A query: an optional WITH clause, a {@link QueryBody}, and the clauses that apply to the whole
 * body (ORDER BY, LIMIT / FETCH, OFFSET, FOR UPDATE). {@code LIMIT n} and
 * {@code FETCH FIRST n ROWS ONLY} both set {@code limit}; {@code LIMIT ALL} leaves it {@code null}.
 * A Query is also a {@link QueryBody} when a parenthesized query with its own clauses is an
 * operand of a set operation.
 *
 * @param with the WITH clause, or {@code null}
 * @param body the body
 * @param orderBy the ORDER BY items
 * @param limit the row limit, or {@code null}
 * @param offset the OFFSET, or {@code null}
 * @param withTies whether {@code FETCH ... WITH TIES} was written
 * @param locking FOR UPDATE / FOR SHARE clauses
 * @param position offset of the first token
 */
public record Query(WithClause with, QueryBody body, List<OrderItem> orderBy, Expr limit, Expr offset,
        boolean withTies, List<LockingClause> locking, int position) implements Statement, QueryBody {

    /**
     * Copies the lists.
     *
     * @param with the WITH clause, or {@code null}
     * @param body the body
     * @param orderBy the ORDER BY items
     * @param limit the row limit, or {@code null}
     * @param offset the OFFSET, or {@code null}
     * @param withTies whether {@code FETCH ... WITH TIES} was written
     * @param locking FOR UPDATE / FOR SHARE clauses
     * @param position offset of the first token
     */
    public Query {
        orderBy = List.copyOf(orderBy);
        locking = List.copyOf(locking);
    }

    /**
     * @param body a query body
     * @return a query consisting of the body alone
     */
    public static Query of(QueryBody body) {
        return new Query(null, body, List.of(), null, null, false, List.of(), body.position());
    }

    /** @return whether the query has nothing besides its body */
    public boolean isBare() {
        return with == null && orderBy.isEmpty() && limit == null && offset == null && !withTies
                && locking.isEmpty();
    }
}
