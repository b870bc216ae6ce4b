package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code FOR UPDATE | NO KEY UPDATE | SHARE | KEY SHARE [OF tables] [NOWAIT | SKIP LOCKED]}.
 *
 * @param strength the lock strength
 * @param tables the OF tables (empty for all)
 * @param waitPolicy what to do when a row is locked
 * @param position offset of {@code FOR}
 */
public record LockingClause(Strength strength, List<QualifiedName> tables, WaitPolicy waitPolicy, int position)
        implements Node {

    /**
     * Copies {@code tables}.
     *
     * @param strength the lock strength
     * @param tables the OF tables (empty for all)
     * @param waitPolicy what to do when a row is locked
     * @param position offset of {@code FOR}
     */
    public LockingClause {
        tables = List.copyOf(tables);
    }

    /** The lock strength. */
    public enum Strength {
        /** {@code FOR UPDATE} */
        UPDATE,
        /** {@code FOR NO KEY UPDATE} */
        NO_KEY_UPDATE,
        /** {@code FOR SHARE} */
        SHARE,
        /** {@code FOR KEY SHARE} */
        KEY_SHARE
    }

    /** The behaviour on a locked row. */
    public enum WaitPolicy {
        /** wait (the default) */
        WAIT,
        /** {@code NOWAIT} */
        NOWAIT,
        /** {@code SKIP LOCKED} */
        SKIP_LOCKED
    }
}
