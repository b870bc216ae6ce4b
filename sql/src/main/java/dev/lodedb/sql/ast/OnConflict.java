package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code ON CONFLICT [(target) [WHERE pred] | ON CONSTRAINT name] DO NOTHING | DO UPDATE SET ...
 * [WHERE cond]}.
 *
 * @param target the conflict target's index columns or expressions (empty when none)
 * @param targetWhere the partial-index predicate of the target, or {@code null}
 * @param constraint the constraint of {@code ON CONSTRAINT name}, or {@code null}
 * @param doUpdate {@code false} for DO NOTHING, {@code true} for DO UPDATE
 * @param set the DO UPDATE assignments
 * @param where the DO UPDATE condition, or {@code null}
 * @param position offset of {@code ON}
 */
public record OnConflict(List<IndexElement> target, Expr targetWhere, String constraint, boolean doUpdate,
        List<SetClause> set, Expr where, int position) implements Node {

    /**
     * Copies the lists.
     *
     * @param target the conflict target's index columns or expressions (empty when none)
     * @param targetWhere the partial-index predicate of the target, or {@code null}
     * @param constraint the constraint of {@code ON CONSTRAINT name}, or {@code null}
     * @param doUpdate {@code false} for DO NOTHING, {@code true} for DO UPDATE
     * @param set the DO UPDATE assignments
     * @param where the DO UPDATE condition, or {@code null}
     * @param position offset of {@code ON}
     */
    public OnConflict {
        target = List.copyOf(target);
        set = List.copyOf(set);
    }
}
