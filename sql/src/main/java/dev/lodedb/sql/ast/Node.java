package dev.lodedb.sql.ast;

/**
 * Any element of the syntax tree.
 *
 * <p>Implementations are immutable records and thread-safe.
 */
public interface Node {

    /** @return 0-based offset (char index) of the node's first token in the parsed text */
    int position();
}
