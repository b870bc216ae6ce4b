package dev.lodedb.sql.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code VALUES (a, b), (c, d)}; items may be {@link DefaultExpr} (in INSERT).
 *
 * @param rows the rows (never empty)
 * @param position offset of {@code VALUES}
 */
public record ValuesQuery(List<List<Expr>> rows, int position) implements QueryBody {

    /**
     * Copies the rows.
     *
     * @param rows the rows (never empty)
     * @param position offset of {@code VALUES}
     */
    public ValuesQuery {
        List<List<Expr>> copy = new ArrayList<>(rows.size());
        for (List<Expr> row : rows) {
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
    }
}
