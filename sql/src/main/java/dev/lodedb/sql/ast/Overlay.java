package dev.lodedb.sql.ast;

/**
 * {@code OVERLAY(string PLACING replacement FROM start [FOR length])}.
 *
 * @param string the string
 * @param replacement the PLACING string
 * @param start the FROM position
 * @param length the FOR length, or {@code null}
 * @param position offset of {@code OVERLAY}
 */
public record Overlay(Expr string, Expr replacement, Expr start, Expr length, int position) implements Expr {
}
