package dev.lodedb.sql.ast;

/**
 * A {@code name [value]} option of EXPLAIN, COPY, VACUUM and ANALYZE. Identifiers and keywords
 * given as values (such as {@code csv} or {@code on}) are {@link StringLiteral}s, as PostgreSQL
 * treats them; {@code TRUE}/{@code FALSE} are {@link BooleanLiteral}s, numbers are numeric
 * literals, {@code *} is a {@link Star} and a parenthesized list is a {@link RowConstructor} of
 * strings. Old-style COPY options ({@code CSV}, {@code HEADER}, {@code DELIMITER 'x'}) and EXPLAIN
 * ANALYZE/VERBOSE are normalized to this form.
 *
 * @param name the option name in lower case
 * @param value the value, or {@code null} when none was written
 * @param position offset of the name
 */
public record GenericOption(String name, Expr value, int position) implements Node {
}
