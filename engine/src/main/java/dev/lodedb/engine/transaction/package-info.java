/**
 * Transactions over the key-value store's snapshots: a transaction's buffered writes
 * ({@link dev.lodedb.engine.transaction.WriteSet}) read through an overlay of its snapshot
 * ({@link dev.lodedb.engine.transaction.TransactionView}), row and schema locks with deadlock
 * detection ({@link dev.lodedb.engine.transaction.LockManager}), and the read sets and committed
 * write sets that serializable transactions validate against at commit
 * ({@link dev.lodedb.engine.transaction.ReadSet}, {@link dev.lodedb.engine.transaction.CommitLog}).
 * The design and the guarantees of each isolation level are described in docs/transactions.md.
 */
package dev.lodedb.engine.transaction;
