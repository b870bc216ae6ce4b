package dev.lodedb.sql.ast;

import java.util.List;

/**
 * A column definition: {@code name type [COLLATE c] [constraints]}.
 *
 * @param name the column name
 * @param type the column type
 * @param collation the COLLATE name, or {@code null}
 * @param constraints the column constraints in written order
 * @param position offset of the name
 */
public record ColumnDef(String name, TypeName type, QualifiedName collation, List<Constraint> constraints,
        int position) implements Node {

    /**
     * Copies {@code constraints}.
     *
     * @param name the column name
     * @param type the column type
     * @param collation the COLLATE name, or {@code null}
     * @param constraints the column constraints in written order
     * @param position offset of the name
     */
    public ColumnDef {
        constraints = List.copyOf(constraints);
    }
}
