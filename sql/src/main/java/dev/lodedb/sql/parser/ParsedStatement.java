package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.Statement;

/**
 * One statement of a script with the span of source text it came from.
 *
 * <p>Thread-safe (immutable).
 *
 * @param statement the parsed statement
 * @param text the statement's source text, from its first token to its last (without the
 *     terminating semicolon)
 * @param start 0-based offset of the statement's first character in the script
 * @param end 0-based offset just past the statement's last character
 */
public record ParsedStatement(Statement statement, String text, int start, int end) {
}
