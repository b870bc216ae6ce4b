package dev.lodedb.sql.ast;

import java.util.List;

/**
 * A join: {@code left [NATURAL] type JOIN right [ON cond | USING (cols)]}, or
 * {@code left CROSS JOIN right}. A parenthesized join may carry an alias.
 *
 * @param type the join type
 * @param natural whether {@code NATURAL} was written
 * @param left left input
 * @param right right input
 * @param condition the ON condition, or {@code null}
 * @param using the USING columns (empty when none)
 * @param usingAlias the alias of {@code USING (cols) AS alias} naming the join columns, or {@code null}
 * @param alias the alias of a parenthesized join, or {@code null}
 * @param position offset of the left input
 */
public record JoinRef(Type type, boolean natural, TableRef left, TableRef right, Expr condition, List<String> using,
        String usingAlias, Alias alias, int position) implements TableRef {

    /**
     * Copies {@code using}.
     *
     * @param type the join type
     * @param natural whether {@code NATURAL} was written
     * @param left left input
     * @param right right input
     * @param condition the ON condition, or {@code null}
     * @param using the USING columns (empty when none)
     * @param usingAlias the alias of {@code USING (cols) AS alias} naming the join columns, or {@code null}
     * @param alias the alias of a parenthesized join, or {@code null}
     * @param position offset of the left input
     */
    public JoinRef {
        using = List.copyOf(using);
    }

    /** The join type. */
    public enum Type {
        /** {@code [INNER] JOIN} */
        INNER,
        /** {@code LEFT [OUTER] JOIN} */
        LEFT,
        /** {@code RIGHT [OUTER] JOIN} */
        RIGHT,
        /** {@code FULL [OUTER] JOIN} */
        FULL,
        /** {@code CROSS JOIN} */
        CROSS
    }
}
