/**
 * LodeDB's embedded API: {@link dev.lodedb.Lode#open} returns a {@link dev.lodedb.Database};
 * each thread works through its own {@link dev.lodedb.Session}, which runs SQL and returns
 * {@link dev.lodedb.Rows}; {@link dev.lodedb.PreparedStatement}s are parsed and planned once.
 * Transactions span statements between {@link dev.lodedb.Session#begin()} and
 * {@link dev.lodedb.Session#commit()}; {@link dev.lodedb.Database#inTransaction} retries them on
 * serialization failures and deadlocks.
 */
package dev.lodedb;
