package dev.lodedb.engine.encoding;

import dev.lodedb.engine.types.DataType;
import java.util.Objects;

/**
 * One column of an order-preserving key: its type, direction and where NULLs sort. The defaults
 * are PostgreSQL's: {@code ASC} implies {@code NULLS LAST}, {@code DESC} implies {@code NULLS
 * FIRST} (NULL is larger than every value).
 *
 * <p>Immutable and thread-safe.
 *
 * @param type the column's type; its modifiers do not affect the encoding except that {@code
 *     character(n)} values decode blank-padded to n
 * @param descending whether the column sorts in descending order
 * @param nullsFirst whether NULL sorts before every value (else after)
 */
public record KeyColumn(DataType type, boolean descending, boolean nullsFirst) {
    /** @throws NullPointerException if {@code type} is null */
    public KeyColumn {
        Objects.requireNonNull(type, "type");
    }

    /** @return {@code ASC NULLS LAST}, PostgreSQL's default */
    public static KeyColumn asc(DataType type) {
        return new KeyColumn(type, false, false);
    }

    /** @return {@code DESC NULLS FIRST}, PostgreSQL's default for DESC */
    public static KeyColumn desc(DataType type) {
        return new KeyColumn(type, true, true);
    }
}
