package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code ARRAY[a, b, ...]}; inner {@code [...]} of a multidimensional constructor are nested
 * {@code ArrayConstructor}s.
 *
 * @param elements the elements (possibly empty)
 * @param position offset of {@code ARRAY} (or of the inner {@code [})
 */
public record ArrayConstructor(List<Expr> elements, int position) implements Expr {

    /**
     * Copies {@code elements}.
     *
     * @param elements the elements (possibly empty)
     * @param position offset of {@code ARRAY} (or of the inner {@code [})
     */
    public ArrayConstructor {
        elements = List.copyOf(elements);
    }
}
