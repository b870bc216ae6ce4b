package dev.lodedb.sql.ast;

import java.util.List;

/**
 * A column or table constraint, optionally named by {@code CONSTRAINT name}. Which fields are set
 * depends on {@link Type}:
 * <ul>
 *   <li>{@code NOT_NULL}, {@code NULL}: nothing;
 *   <li>{@code DEFAULT}: {@code expression};
 *   <li>{@code CHECK}: {@code expression};
 *   <li>{@code PRIMARY_KEY}, {@code UNIQUE}: {@code columns} (table constraint; empty on a column);
 *   <li>{@code FOREIGN_KEY}: {@code columns} (table constraint) and {@code references};
 *   <li>{@code IDENTITY}: {@code identityAlways} and {@code sequenceOptions};
 *   <li>{@code GENERATED}: {@code expression} ({@code GENERATED ALWAYS AS (expr) STORED}).
 * </ul>
 *
 * @param name the constraint name, or {@code null}
 * @param type the kind of constraint
 * @param columns the constrained columns of a table constraint
 * @param expression the DEFAULT, CHECK or generation expression
 * @param references the referenced table of a foreign key, else {@code null}
 * @param identityAlways {@code true} for GENERATED ALWAYS AS IDENTITY, {@code false} for BY DEFAULT
 * @param sequenceOptions the identity's sequence options
 * @param deferrable whether {@code DEFERRABLE} was written
 * @param initiallyDeferred whether {@code INITIALLY DEFERRED} was written
 * @param position offset of the first token ({@code CONSTRAINT} when named)
 */
public record Constraint(String name, Type type, List<String> columns, Expr expression, ForeignKey references,
        boolean identityAlways, List<SequenceOption> sequenceOptions, boolean deferrable, boolean initiallyDeferred,
        int position) implements Node {

    /**
     * Copies the lists.
     *
     * @param name the constraint name, or {@code null}
     * @param type the kind of constraint
     * @param columns the constrained columns of a table constraint
     * @param expression the DEFAULT, CHECK or generation expression
     * @param references the referenced table of a foreign key, else {@code null}
     * @param identityAlways {@code true} for GENERATED ALWAYS AS IDENTITY, {@code false} for BY DEFAULT
     * @param sequenceOptions the identity's sequence options
     * @param deferrable whether {@code DEFERRABLE} was written
     * @param initiallyDeferred whether {@code INITIALLY DEFERRED} was written
     * @param position offset of the first token ({@code CONSTRAINT} when named)
     */
    public Constraint {
        columns = List.copyOf(columns);
        sequenceOptions = List.copyOf(sequenceOptions);
    }

    /**
     * @param name the constraint name, or {@code null}
     * @param type the kind
     * @param columns the columns
     * @param expression the expression, or {@code null}
     * @param position offset of the first token
     * @return a constraint without foreign key, identity or deferral settings
     */
    public static Constraint of(String name, Type type, List<String> columns, Expr expression, int position) {
        return new Constraint(name, type, columns, expression, null, false, List.of(), false, false, position);
    }

    /** The kind of constraint. */
    public enum Type {
        /** {@code NOT NULL} */
        NOT_NULL,
        /** {@code NULL} (explicitly nullable) */
        NULL,
        /** {@code DEFAULT expr} */
        DEFAULT,
        /** {@code CHECK (expr)} */
        CHECK,
        /** {@code PRIMARY KEY} */
        PRIMARY_KEY,
        /** {@code UNIQUE} */
        UNIQUE,
        /** {@code REFERENCES} / {@code FOREIGN KEY} */
        FOREIGN_KEY,
        /** {@code GENERATED ... AS IDENTITY} */
        IDENTITY,
        /** {@code GENERATED ALWAYS AS (expr) STORED} */
        GENERATED
    }

    /** A referential action of {@code ON DELETE} / {@code ON UPDATE}. */
    public enum ReferentialAction {
        /** none written ({@code NO ACTION}) */
        DEFAULT,
        /** {@code NO ACTION} */
        NO_ACTION,
        /** {@code RESTRICT} */
        RESTRICT,
        /** {@code CASCADE} */
        CASCADE,
        /** {@code SET NULL} */
        SET_NULL,
        /** {@code SET DEFAULT} */
        SET_DEFAULT
    }

    /**
     * The referenced side of a foreign key: {@code REFERENCES table [(columns)] [MATCH ...]
     * [ON DELETE action] [ON UPDATE action]}.
     *
     * @param table the referenced table
     * @param columns the referenced columns (empty for the primary key)
     * @param match {@code full}, {@code partial} or {@code simple}; {@code null} when not written
     * @param onDelete the ON DELETE action
     * @param onUpdate the ON UPDATE action
     * @param position offset of {@code REFERENCES}
     */
    public record ForeignKey(QualifiedName table, List<String> columns, String match, ReferentialAction onDelete,
            ReferentialAction onUpdate, int position) implements Node {

        /**
         * Copies {@code columns}.
         *
         * @param table the referenced table
         * @param columns the referenced columns (empty for the primary key)
         * @param match {@code full}, {@code partial} or {@code simple}; {@code null} when not written
         * @param onDelete the ON DELETE action
         * @param onUpdate the ON UPDATE action
         * @param position offset of {@code REFERENCES}
         */
        public ForeignKey {
            columns = List.copyOf(columns);
        }
    }
}
