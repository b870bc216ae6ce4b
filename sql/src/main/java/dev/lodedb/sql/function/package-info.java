/**
 * Scalar functions and operators, looked up by name and argument types
 * ({@link dev.lodedb.sql.function.FunctionRegistry}) as PostgreSQL's function and operator
 * resolution does (documentation chapter "Type Conversion").
 */
package dev.lodedb.sql.function;
