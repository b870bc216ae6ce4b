package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code TRUNCATE [TABLE] [ONLY] names [RESTART IDENTITY | CONTINUE IDENTITY] [CASCADE | RESTRICT]}.
 *
 * @param tables the tables (never empty)
 * @param restartIdentity whether {@code RESTART IDENTITY} was written
 * @param behavior CASCADE / RESTRICT
 * @param position offset of {@code TRUNCATE}
 */
public record Truncate(List<QualifiedName> tables, boolean restartIdentity, DropBehavior behavior, int position)
        implements Statement {

    /**
     * Copies {@code tables}.
     *
     * @param tables the tables (never empty)
     * @param restartIdentity whether {@code RESTART IDENTITY} was written
     * @param behavior CASCADE / RESTRICT
     * @param position offset of {@code TRUNCATE}
     */
    public Truncate {
        tables = List.copyOf(tables);
    }
}
