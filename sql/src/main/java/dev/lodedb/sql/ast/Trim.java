package dev.lodedb.sql.ast;

/**
 * {@code TRIM([BOTH | LEADING | TRAILING] [characters] FROM string)}; {@code TRIM(string,
 * characters)} is the same node.
 *
 * @param side which end(s) to trim
 * @param characters the characters to remove, or {@code null} for spaces
 * @param string the string
 * @param position offset of {@code TRIM}
 */
public record Trim(Side side, Expr characters, Expr string, int position) implements Expr {

    /** Which end to trim. */
    public enum Side {
        /** both ends (the default) */
        BOTH,
        /** the start */
        LEADING,
        /** the end */
        TRAILING
    }
}
