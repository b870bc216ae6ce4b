package dev.lodedb.sql.ast;

/**
 * {@code SUBSTRING(string FROM start FOR length)} (either part may be omitted). The plain call
 * form {@code substring(a, b, c)} and the regular-expression form
 * {@code SUBSTRING(a SIMILAR b ESCAPE c)} are {@link FunctionCall}s named {@code substring}.
 *
 * @param string the string
 * @param start the FROM position, or {@code null}
 * @param length the FOR length, or {@code null}
 * @param position offset of {@code SUBSTRING}
 */
public record Substring(Expr string, Expr start, Expr length, int position) implements Expr {
}
