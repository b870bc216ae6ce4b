/**
 * Scalar functions and operators, looked up by name and argument types
 * ({@link dev.lodedb.sql.function.FunctionRegistry}) as PostgreSQL's function and operator
 * resolution does (documentation chapter "Type Conversion"). The catalog of functions, the
 * resolution rules and the known differences from PostgreSQL are listed in {@code
 * docs/sql/functions.md}.
 */
package dev.lodedb.sql.function;
