package dev.lodedb.sql.ast;

import java.util.List;

/**
 * A window specification {@code ([existing] [PARTITION BY ...] [ORDER BY ...] [frame])}.
 *
 * @param refName the existing window it extends, or {@code null}
 * @param partitionBy PARTITION BY expressions
 * @param orderBy ORDER BY items
 * @param frame the frame clause, or {@code null}
 * @param position offset of the opening parenthesis
 */
public record WindowSpec(String refName, List<Expr> partitionBy, List<OrderItem> orderBy, WindowFrame frame,
        int position) implements Node {

    /**
     * Copies the lists.
     *
     * @param refName the existing window it extends, or {@code null}
     * @param partitionBy PARTITION BY expressions
     * @param orderBy ORDER BY items
     * @param frame the frame clause, or {@code null}
     * @param position offset of the opening parenthesis
     */
    public WindowSpec {
        partitionBy = List.copyOf(partitionBy);
        orderBy = List.copyOf(orderBy);
    }
}
