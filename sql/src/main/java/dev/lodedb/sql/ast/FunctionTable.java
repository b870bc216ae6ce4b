package dev.lodedb.sql.ast;

/**
 * A table function in FROM: {@code [LATERAL] generate_series(1, 10) [WITH ORDINALITY] AS g(x)}
 * or {@code read_csv('f', header => true)}.
 *
 * @param function the call (usually a {@link FunctionCall})
 * @param lateral whether {@code LATERAL} was written
 * @param withOrdinality whether {@code WITH ORDINALITY} was written
 * @param alias the alias, or {@code null}
 * @param position offset of the first token
 */
public record FunctionTable(Expr function, boolean lateral, boolean withOrdinality, Alias alias, int position)
        implements TableRef {
}
