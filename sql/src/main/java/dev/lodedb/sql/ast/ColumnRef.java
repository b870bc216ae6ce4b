package dev.lodedb.sql.ast;

import java.util.List;

/**
 * A column reference, possibly qualified: {@code c}, {@code t.c}, {@code s.t.c}. Whether a part
 * names a table, a column or a composite field is decided by the binder.
 *
 * @param names the parts (never empty)
 * @param position offset of the first part
 */
public record ColumnRef(List<String> names, int position) implements Expr {

    /**
     * Copies {@code names}.
     *
     * @param names the parts (never empty)
     * @param position offset of the first part
     */
    public ColumnRef {
        names = List.copyOf(names);
    }

    /** @return the last part (the column name) */
    public String name() {
        return names.get(names.size() - 1);
    }
}
