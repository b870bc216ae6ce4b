package dev.lodedb;

import dev.lodedb.engine.types.DataType;
import java.util.Objects;

/**
 * One column of a result: its name as a client sees it (the alias, the column name, or
 * PostgreSQL's {@code ?column?} for an unnamed expression) and its SQL type.
 *
 * @param name the column label
 * @param type the SQL type, with modifiers when known ({@code numeric(15,2)}, {@code varchar(25)})
 */
public record Column(String name, DataType type) {
    /** @throws NullPointerException if a component is null */
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
