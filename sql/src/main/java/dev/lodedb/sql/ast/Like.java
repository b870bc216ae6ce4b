package dev.lodedb.sql.ast;

/**
 * {@code x [NOT] LIKE | ILIKE | SIMILAR TO pattern [ESCAPE e]}.
 *
 * @param expr the tested expression
 * @param pattern the pattern
 * @param escape the escape expression, or {@code null}
 * @param kind which operator
 * @param negated whether {@code NOT} was written
 * @param position offset of the tested expression
 */
public record Like(Expr expr, Expr pattern, Expr escape, Kind kind, boolean negated, int position)
        implements Expr {

    /** The pattern-matching operator. */
    public enum Kind {
        /** {@code LIKE} */
        LIKE,
        /** {@code ILIKE} */
        ILIKE,
        /** {@code SIMILAR TO} */
        SIMILAR
    }
}
