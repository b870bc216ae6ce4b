package dev.lodedb.sql.ast;

/**
 * {@code x IS [NOT] NULL | TRUE | FALSE | UNKNOWN}; {@code x ISNULL} and {@code x NOTNULL} are
 * {@code IS NULL} and {@code IS NOT NULL}.
 *
 * @param expr the tested expression
 * @param kind what is tested
 * @param negated whether {@code NOT} was written
 * @param position offset of the tested expression
 */
public record IsTest(Expr expr, Kind kind, boolean negated, int position) implements Expr {

    /** The predicate after {@code IS}. */
    public enum Kind {
        /** {@code IS NULL} */
        NULL,
        /** {@code IS TRUE} */
        TRUE,
        /** {@code IS FALSE} */
        FALSE,
        /** {@code IS UNKNOWN} */
        UNKNOWN
    }
}
