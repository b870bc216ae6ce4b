package dev.lodedb.sql.plan;

import java.util.List;

/**
 * The part of an index's key space an index scan reads: equality on a prefix of the key elements
 * (each {@code = v}, {@code IN (v, ...)} or {@code IS NULL}), then at most one range on the next
 * element. The values are column-free expressions (constants, parameters, outer references, or
 * expressions of those) evaluated once when the scan opens; the scan reads one key range per
 * combination of the equality values. Immutable.
 *
 * @param equalities the leading key elements' conditions, in key order
 * @param lower the range's lower bound on the element after them, or {@code null}
 * @param lowerInclusive whether {@code >=} (else {@code >})
 * @param upper the range's upper bound, or {@code null}
 * @param upperInclusive whether {@code <=} (else {@code <})
 */
public record IndexBounds(List<Equality> equalities, BoundExpr lower, boolean lowerInclusive, BoundExpr upper,
        boolean upperInclusive) {
    /**
     * One key element fixed by equality.
     *
     * @param values the values it may equal (one for {@code =}, several for IN); empty for IS NULL
     * @param isNull whether the condition is {@code IS NULL}
     */
    public record Equality(List<BoundExpr> values, boolean isNull) {
        /** Copies the values. */
        public Equality {
            values = List.copyOf(values);
        }
    }

    /** Copies the equalities. */
    public IndexBounds {
        equalities = List.copyOf(equalities);
    }

    /** @return whether there is a range on the element after the equalities */
    public boolean hasRange() {
        return lower != null || upper != null;
    }

    /** @return the number of key ranges read (the product of the IN list sizes) */
    public long rangeCount() {
        long n = 1;
        for (Equality e : equalities) {
            n *= Math.max(1, e.values().size());
        }
        return n;
    }

    /** @return every bound expression, for traversals (outer references) */
    public List<BoundExpr> expressions() {
        List<BoundExpr> out = new java.util.ArrayList<>();
        for (Equality e : equalities) {
            out.addAll(e.values());
        }
        if (lower != null) {
            out.add(lower);
        }
        if (upper != null) {
            out.add(upper);
        }
        return out;
    }
}
