package dev.lodedb.sql.ast;

/**
 * {@code timestamp AT TIME ZONE zone}.
 *
 * @param expr the date/time value
 * @param zone the time zone
 * @param position offset of the date/time value
 */
public record AtTimeZone(Expr expr, Expr zone, int position) implements Expr {
}
