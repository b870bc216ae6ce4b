package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code ALTER TABLE [IF EXISTS] [ONLY] name action [, ...]}. RENAME forms are single actions.
 *
 * @param name the table name
 * @param ifExists whether {@code IF EXISTS} was written
 * @param only whether {@code ONLY} was written
 * @param actions the actions in written order (never empty)
 * @param position offset of {@code ALTER}
 */
public record AlterTable(QualifiedName name, boolean ifExists, boolean only, List<AlterTableAction> actions,
        int position) implements Statement {

    /**
     * Copies {@code actions}.
     *
     * @param name the table name
     * @param ifExists whether {@code IF EXISTS} was written
     * @param only whether {@code ONLY} was written
     * @param actions the actions in written order (never empty)
     * @param position offset of {@code ALTER}
     */
    public AlterTable {
        actions = List.copyOf(actions);
    }
}
