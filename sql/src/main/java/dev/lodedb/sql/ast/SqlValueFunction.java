package dev.lodedb.sql.ast;

/**
 * A niladic SQL function written without parentheses: {@code CURRENT_DATE},
 * {@code CURRENT_TIME[(p)]}, {@code CURRENT_TIMESTAMP[(p)]}, {@code LOCALTIME[(p)]},
 * {@code LOCALTIMESTAMP[(p)]}, {@code CURRENT_ROLE}, {@code CURRENT_USER}, {@code SESSION_USER},
 * {@code USER}, {@code CURRENT_CATALOG}, {@code CURRENT_SCHEMA}.
 *
 * @param name the keyword in lower case
 * @param precision the fractional-seconds precision, or {@code null}
 * @param position offset of the keyword
 */
public record SqlValueFunction(String name, Integer precision, int position) implements Expr {
}
