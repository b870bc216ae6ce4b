package dev.lodedb.sql.ast;

/**
 * One key of CREATE INDEX or of an ON CONFLICT target: a column or an expression, with optional
 * collation, operator class, direction and NULLS placement. Exactly one of {@code column} and
 * {@code expression} is set.
 *
 * @param column the column name, or {@code null}
 * @param expression the indexed expression, or {@code null}
 * @param collation the COLLATE name, or {@code null}
 * @param opclass the operator class, or {@code null}
 * @param direction ASC / DESC as written
 * @param nulls NULLS FIRST / LAST as written
 * @param position offset of the first token
 */
public record IndexElement(String column, Expr expression, QualifiedName collation, QualifiedName opclass,
        OrderItem.Direction direction, OrderItem.NullOrdering nulls, int position) implements Node {
}
