package dev.lodedb.sql.ast;

/**
 * One option of CREATE/ALTER SEQUENCE or of an identity column.
 *
 * @param kind the option
 * @param value the number of INCREMENT, MINVALUE, MAXVALUE, START, RESTART (may be {@code null}), CACHE
 * @param type the type of {@code AS type}, else {@code null}
 * @param name the column of {@code OWNED BY} or the name of {@code SEQUENCE NAME}, else {@code null}
 * @param position offset of the option's first token
 */
public record SequenceOption(Kind kind, Expr value, TypeName type, QualifiedName name, int position)
        implements Node {

    /** The option. */
    public enum Kind {
        /** {@code AS type} */
        AS,
        /** {@code INCREMENT [BY] n} */
        INCREMENT,
        /** {@code MINVALUE n} */
        MINVALUE,
        /** {@code NO MINVALUE} */
        NO_MINVALUE,
        /** {@code MAXVALUE n} */
        MAXVALUE,
        /** {@code NO MAXVALUE} */
        NO_MAXVALUE,
        /** {@code START [WITH] n} */
        START,
        /** {@code RESTART [[WITH] n]} */
        RESTART,
        /** {@code CACHE n} */
        CACHE,
        /** {@code CYCLE} */
        CYCLE,
        /** {@code NO CYCLE} */
        NO_CYCLE,
        /** {@code OWNED BY table.column} */
        OWNED_BY,
        /** {@code OWNED BY NONE} */
        OWNED_BY_NONE,
        /** {@code SEQUENCE NAME name} (identity columns) */
        SEQUENCE_NAME
    }
}
