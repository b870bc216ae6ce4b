package dev.lodedb.sql.ast;

/**
 * A named table (or view) in FROM, or the target of UPDATE/DELETE.
 *
 * @param name the table name
 * @param only whether {@code ONLY} was written (no inheritance children)
 * @param alias the alias, or {@code null}
 * @param position offset of the first token
 */
public record TableName(QualifiedName name, boolean only, Alias alias, int position) implements TableRef {
}
