/**
 * The abstract syntax tree of LodeDB's PostgreSQL dialect, produced by
 * {@link dev.lodedb.sql.parser.Parser}.
 *
 * <p>Every node is an immutable record; lists are unmodifiable copies. Every node has
 * {@link dev.lodedb.sql.ast.Node#position()}, the 0-based offset of its first token in the parsed
 * text, so that later stages (binder, planner) report errors at the right place. Names are kept
 * as written after case folding: unquoted names are lower case, quoted names keep their case.
 * Optional parts are {@code null} (single values) or empty lists.
 *
 * <p>The four families are sealed: {@link dev.lodedb.sql.ast.Statement},
 * {@link dev.lodedb.sql.ast.Expr}, {@link dev.lodedb.sql.ast.QueryBody} and
 * {@link dev.lodedb.sql.ast.TableRef}. Helper records ({@link dev.lodedb.sql.ast.SelectItem},
 * {@link dev.lodedb.sql.ast.OrderItem}, {@link dev.lodedb.sql.ast.WindowSpec}, ...) are plain
 * {@link dev.lodedb.sql.ast.Node}s.
 */
package dev.lodedb.sql.ast;
