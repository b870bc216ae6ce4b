package dev.lodedb.sql.ast;

/**
 * {@code POSITION(substring IN string)}.
 *
 * @param substring the searched-for string
 * @param string the string searched in
 * @param position offset of {@code POSITION}
 */
public record Position(Expr substring, Expr string, int position) implements Expr {
}
