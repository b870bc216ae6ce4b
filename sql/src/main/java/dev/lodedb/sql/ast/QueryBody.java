package dev.lodedb.sql.ast;

/**
 * The core of a query: a {@link Select}, a {@link ValuesQuery}, a {@link SetOperation} of two
 * bodies, or a parenthesized {@link Query} that has its own WITH, ORDER BY or LIMIT.
 */
public sealed interface QueryBody extends Node permits Select, SetOperation, ValuesQuery, Query {
}
