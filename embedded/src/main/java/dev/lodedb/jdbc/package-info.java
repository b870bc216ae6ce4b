/**
 * LodeDB's JDBC 4.2 driver: {@code jdbc:lode:<path>} and {@code jdbc:lode:mem:<name>} URLs, run
 * in the application's JVM over the embedded API. {@link dev.lodedb.jdbc.LodeDriver} registers
 * itself with {@link java.sql.DriverManager}; every statement is its own transaction until
 * transactions arrive (see {@link dev.lodedb.jdbc.LodeConnection}). Connections are not
 * thread-safe. What is supported and the type mapping: {@code docs/jdbc.md}.
 */
package dev.lodedb.jdbc;
