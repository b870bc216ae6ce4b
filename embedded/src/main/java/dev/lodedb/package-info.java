/**
 * LodeDB's embedded API: {@link dev.lodedb.Lode#open} returns a {@link dev.lodedb.Database};
 * each thread works through its own {@link dev.lodedb.Session}, which runs SQL and returns
 * {@link dev.lodedb.Rows}; {@link dev.lodedb.PreparedStatement}s are parsed and planned once.
 */
package dev.lodedb;
