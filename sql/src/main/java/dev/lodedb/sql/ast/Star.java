package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code *} or {@code t.*} in a select list (or as an argument where allowed).
 *
 * @param qualifier the name before {@code .*}; empty for a bare {@code *}
 * @param position offset of the first token
 */
public record Star(List<String> qualifier, int position) implements Expr {

    /**
     * Copies {@code qualifier}.
     *
     * @param qualifier the name before {@code .*}; empty for a bare {@code *}
     * @param position offset of the first token
     */
    public Star {
        qualifier = List.copyOf(qualifier);
    }
}
