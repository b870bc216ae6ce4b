package dev.lodedb.sql.ast;

/**
 * An item of a FROM clause (or the target of UPDATE/DELETE): a named table, a subquery, a table
 * function or a join.
 */
public sealed interface TableRef extends Node permits TableName, SubqueryRef, FunctionTable, JoinRef {

    /** @return the alias, or {@code null} when none was written */
    Alias alias();
}
