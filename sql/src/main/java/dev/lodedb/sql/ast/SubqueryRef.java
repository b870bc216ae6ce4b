package dev.lodedb.sql.ast;

/**
 * A subquery in FROM: {@code [LATERAL] (query) [AS] alias}; {@code (VALUES ...)} is a subquery
 * whose body is a {@link ValuesQuery}.
 *
 * @param query the subquery
 * @param lateral whether {@code LATERAL} was written
 * @param alias the alias, or {@code null}
 * @param position offset of the first token
 */
public record SubqueryRef(Query query, boolean lateral, Alias alias, int position) implements TableRef {
}
