package dev.lodedb.sql.ast;

/**
 * One action of ALTER TABLE.
 */
public sealed interface AlterTableAction extends Node {

    /**
     * {@code ADD [COLUMN] [IF NOT EXISTS] definition}.
     *
     * @param column the new column
     * @param ifNotExists whether {@code IF NOT EXISTS} was written
     * @param position offset of {@code ADD}
     */
    record AddColumn(ColumnDef column, boolean ifNotExists, int position) implements AlterTableAction {
    }

    /**
     * {@code DROP [COLUMN] [IF EXISTS] name [CASCADE | RESTRICT]}.
     *
     * @param column the column name
     * @param ifExists whether {@code IF EXISTS} was written
     * @param behavior CASCADE / RESTRICT
     * @param position offset of {@code DROP}
     */
    record DropColumn(String column, boolean ifExists, DropBehavior behavior, int position)
            implements AlterTableAction {
    }

    /**
     * {@code RENAME [COLUMN] old TO new}.
     *
     * @param column the current name
     * @param newName the new name
     * @param position offset of {@code RENAME}
     */
    record RenameColumn(String column, String newName, int position) implements AlterTableAction {
    }

    /**
     * {@code RENAME TO new}.
     *
     * @param newName the new table name
     * @param position offset of {@code RENAME}
     */
    record RenameTable(String newName, int position) implements AlterTableAction {
    }

    /**
     * {@code RENAME CONSTRAINT old TO new}.
     *
     * @param constraint the current name
     * @param newName the new name
     * @param position offset of {@code RENAME}
     */
    record RenameConstraint(String constraint, String newName, int position) implements AlterTableAction {
    }

    /**
     * {@code ALTER [COLUMN] c SET DEFAULT expr} or {@code ... DROP DEFAULT} ({@code value} null).
     *
     * @param column the column
     * @param value the new default, or {@code null} to drop it
     * @param position offset of {@code ALTER}
     */
    record SetDefault(String column, Expr value, int position) implements AlterTableAction {
    }

    /**
     * {@code ALTER [COLUMN] c SET NOT NULL} or {@code ... DROP NOT NULL}.
     *
     * @param column the column
     * @param notNull {@code true} for SET NOT NULL
     * @param position offset of {@code ALTER}
     */
    record SetNotNull(String column, boolean notNull, int position) implements AlterTableAction {
    }

    /**
     * {@code ALTER [COLUMN] c [SET DATA] TYPE type [COLLATE c] [USING expr]}.
     *
     * @param column the column
     * @param type the new type
     * @param collation the COLLATE name, or {@code null}
     * @param using the conversion expression, or {@code null}
     * @param position offset of {@code ALTER}
     */
    record AlterType(String column, TypeName type, QualifiedName collation, Expr using, int position)
            implements AlterTableAction {
    }

    /**
     * {@code ADD table_constraint [NOT VALID]}.
     *
     * @param constraint the constraint
     * @param notValid whether {@code NOT VALID} was written
     * @param position offset of {@code ADD}
     */
    record AddConstraint(Constraint constraint, boolean notValid, int position) implements AlterTableAction {
    }

    /**
     * {@code DROP CONSTRAINT [IF EXISTS] name [CASCADE | RESTRICT]}.
     *
     * @param constraint the constraint name
     * @param ifExists whether {@code IF EXISTS} was written
     * @param behavior CASCADE / RESTRICT
     * @param position offset of {@code DROP}
     */
    record DropConstraint(String constraint, boolean ifExists, DropBehavior behavior, int position)
            implements AlterTableAction {
    }
}
