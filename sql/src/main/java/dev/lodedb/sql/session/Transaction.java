package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.encoding.TableKeys;
import dev.lodedb.engine.transaction.IsolationLevel;
import dev.lodedb.engine.transaction.LockManager;
import dev.lodedb.engine.transaction.ReadSet;
import dev.lodedb.engine.transaction.TransactionView;
import dev.lodedb.engine.transaction.UndoLog;
import dev.lodedb.engine.transaction.WriteSet;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.exec.PendingWrites;
import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.Snapshot;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One transaction of a session: an explicit one (BEGIN ... COMMIT) or the implicit one around a
 * single statement. Its writes are buffered ({@link WriteSet}) and committed as one atomic write
 * batch; its statements read snapshots of the store (one per statement at READ COMMITTED, one for
 * the whole transaction above) through a {@link TransactionView} that overlays the buffered writes.
 *
 * <p>Concurrency control (docs/transactions.md): a statement that writes holds the schema lock in
 * shared mode until the transaction ends (DDL takes it exclusively); before a statement's writes
 * join the transaction, it locks every row key it wrote (exclusive) and the keys its constraint
 * checks relied on ({@link PendingWrites.Claim}), then checks that none of them changed since the
 * statement's snapshot. If one did, a READ COMMITTED statement runs again on a new snapshot (what
 * PostgreSQL achieves by re-checking the updated row), and a REPEATABLE READ or SERIALIZABLE
 * transaction fails with 40001 (first updater wins). A SERIALIZABLE transaction also validates
 * everything it read against the commits since its snapshot when it commits.
 *
 * <p><b>Large transactions</b> (docs/transactions.md): once the buffered writes outgrow the
 * session's {@code transaction_buffer_memory}, the transaction takes the schema lock exclusively
 * (so no other transaction writes until it ends), makes every other reader share the snapshot
 * taken just before ({@link SqlDatabase#pinReaders}), and from then on writes into the store as it
 * goes, each chunk with the undo records of what it overwrites ({@link UndoLog}). Its own
 * statements read the latest state, which is then exactly its snapshot plus its own writes. COMMIT
 * deletes the undo log in its batch; ROLLBACK (or ROLLBACK TO a savepoint taken since) applies it;
 * a crash leaves it for the next open to apply.
 *
 * <p>Not thread-safe: used by its session's thread (locks are released from that thread too).
 */
final class Transaction {
    /** The resource of the schema lock: shared by writers, exclusive for DDL and bulk loads. */
    static final Object SCHEMA = "schema";
    /**
     * Row locks a transaction takes before it takes the schema lock exclusively instead (lock
     * escalation, bounding the lock table's memory at about 100 bytes per lock).
     */
    static final int LOCK_ESCALATION_THRESHOLD = 100_000;

    /** Thrown to run a READ COMMITTED statement again on a new snapshot after a write conflict. */
    static final class Restart extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Restart() {
            super(null, null, false, false);
        }
    }

    /**
     * What one statement reads: a snapshot, the number of the last commit it includes, and the
     * catalog that describes it.
     *
     * @param owned whether the statement releases the snapshot (else the transaction does)
     */
    record Scope(Snapshot snapshot, long commitNo, Catalog catalog, boolean owned) {
    }

    private final SqlDatabase db;
    final LockManager.Owner owner;
    private IsolationLevel isolation;
    private boolean readOnly;
    final boolean explicit;
    private final SqlSession session;

    /** The transaction's snapshot above READ COMMITTED, taken by its first statement. */
    private Scope snapshot;
    private final WriteSet writes = new WriteSet();
    private ReadSet reads;
    private final Map<Integer, Long> rowCountDeltas = new HashMap<>();
    /** Whether a statement failed: everything but ROLLBACK fails with 25P02 until the end. */
    boolean failed;
    private boolean schemaShared;
    private boolean schemaExclusive;
    private final List<Savepoint> savepoints = new ArrayList<>();
    private boolean ended;

    /** @param undoPosition the undo log's position when the savepoint was taken, or -1 before any spill */
    private record Savepoint(String name, int mark, Map<Integer, Long> deltas, Catalog catalog, int dropped,
            boolean readOnly, long undoPosition) {
    }

    /** The undo log once the writes went into the store (a large transaction), else {@code null}. */
    private UndoLog undo;
    /** Where the undo log started (rolled back to on ROLLBACK). */
    private long undoStart;

    /** The catalog after the block's own DDL, or {@code null} when it ran none. */
    private Catalog catalog;
    /** Tables the block dropped (their counters are forgotten at commit). */
    private final List<Integer> dropped = new ArrayList<>();
    /**
     * Key ranges written straight to the store under ids that only the block's catalog knows
     * (index builds); deleted again if the block rolls back.
     */
    private final List<byte[][]> directRanges = new ArrayList<>();

    Transaction(SqlDatabase db, SqlSession session, IsolationLevel isolation, boolean readOnly, boolean explicit) {
        this.db = db;
        this.session = session;
        this.owner = new LockManager.Owner(session.name());
        this.isolation = isolation;
        this.readOnly = readOnly;
        this.explicit = explicit;
        this.reads = isolation == IsolationLevel.SERIALIZABLE ? new ReadSet() : null;
    }

    /** @return the isolation level */
    IsolationLevel isolation() {
        return isolation;
    }

    /** @return whether the transaction is READ ONLY */
    boolean readOnly() {
        return readOnly;
    }

    /** @return whether a statement has run (read a snapshot or written) */
    boolean started() {
        return started;
    }

    /** Whether a statement of the block has taken a snapshot (SET TRANSACTION's "before any query"). */
    private boolean started;

    /** @return whether the innermost savepoint was taken while the block was read-only */
    boolean readOnlyOutside() {
        return !savepoints.isEmpty() && savepoints.get(savepoints.size() - 1).readOnly();
    }

    /**
     * SET TRANSACTION: changes the modes ({@code null}: unchanged). The caller checks that the
     * level changes only before the first statement.
     */
    void configure(IsolationLevel level, Boolean ro) {
        if (level != null) {
            isolation = level;
            reads = level == IsolationLevel.SERIALIZABLE ? new ReadSet() : null;
        }
        if (ro != null) {
            readOnly = ro;
        }
    }

    /** @return whether the transaction has buffered writes */
    boolean hasWrites() {
        return !writes.isEmpty() || undo != null;
    }

    /** @return whether the transaction's writes went into the store with an undo log (it outgrew its memory) */
    boolean spilled() {
        return undo != null;
    }

    /** @return the snapshot and catalog the next statement reads (release with {@link #endStatement}) */
    Scope beginStatement() {
        started = true;
        if (undo != null) {
            // every write is in the store and nothing else commits: the latest state is the
            // transaction's snapshot plus its own writes, whatever the isolation level
            writes.clear();
            Scope s = db.snapshotScope(this, false);
            return catalog == null ? s : new Scope(s.snapshot(), s.commitNo(), catalog, true);
        }
        if (isolation == IsolationLevel.READ_COMMITTED) {
            Scope s = db.snapshotScope(this, false);
            return catalog == null ? s : new Scope(s.snapshot(), s.commitNo(), catalog, true);
        }
        if (snapshot == null) {
            snapshot = db.snapshotScope(this, isolation == IsolationLevel.SERIALIZABLE);
        }
        return new Scope(snapshot.snapshot(), snapshot.commitNo(), catalog != null ? catalog : snapshot.catalog(),
                false);
    }

    /** Releases a statement's snapshot if the statement owns it. */
    void endStatement(Scope scope) {
        if (scope != null && scope.owned()) {
            db.store().releaseSnapshot(scope.snapshot());
        }
    }

    /** @return the store as a statement of this transaction sees it through {@code scope} */
    KeyValueStore view(Scope scope) {
        if (writes.isEmpty() && reads == null) {
            return db.store();
        }
        return new TransactionView(db.store(), scope.snapshot(), writes, reads);
    }

    /** @return the catalog statements bind against: the block's own after its DDL, else the current one */
    Catalog catalog() {
        return catalog != null ? catalog : db.catalog();
    }

    /**
     * Adds a DDL statement's effects to the block (which holds the schema lock exclusively): its
     * writes (range deletions included) join the write set, its catalog becomes the block's.
     */
    void applyDdl(WriteBatch batch, Map<Integer, Long> deltas, Catalog next, List<Integer> droppedTables) {
        if (undo != null) {
            writes.clear(); // what the last statement left readable is in the store already
        }
        batch.forEach(new WriteBatch.Handler() {
            @Override
            public void put(byte[] key, byte[] value) {
                writes.put(key, value);
            }

            @Override
            public void delete(byte[] key) {
                writes.delete(key);
            }

            @Override
            public void deleteRange(byte[] start, byte[] end) {
                writes.deleteRange(start, end);
            }
        });
        for (Map.Entry<Integer, Long> e : deltas.entrySet()) {
            rowCountDeltas.merge(e.getKey(), e.getValue(), Long::sum);
        }
        if (next != null) {
            catalog = next;
        }
        dropped.addAll(droppedTables);
        if (undo != null) {
            flushWriteSet();
        } else if (writes.bytes() > session.settings().transactionBufferBytes()) {
            spill(null, snapshot == null ? -1 : snapshot.commitNo());
        }
    }

    /** Records a key range written straight to the store (see {@link #directRanges}). */
    void wroteDirectly(byte[] lower, byte[] upper) {
        directRanges.add(new byte[][] {lower, upper});
    }

    /**
     * Fails unless the transaction may write.
     *
     * @throws SqlException 25006 in a READ ONLY transaction
     */
    void checkWritable(String command, int position) {
        if (readOnly) {
            throw new SqlException("25006", "cannot execute " + command + " in a read-only transaction", null, null,
                    position, null);
        }
    }

    /** Takes the schema lock in shared mode (held to the end): a statement is about to write. */
    void lockSchemaShared(ExecContext ctx) {
        if (!schemaShared && !schemaExclusive) {
            lock(SCHEMA, LockManager.Mode.SHARED, ctx, () -> "the schema");
            schemaShared = true;
        }
    }

    /** Takes the schema lock exclusively (DDL, bulk loads): waits for every other writing transaction. */
    void lockSchemaExclusive(ExecContext ctx) {
        if (!schemaExclusive) {
            lock(SCHEMA, LockManager.Mode.EXCLUSIVE, ctx, () -> "the schema");
            schemaExclusive = true;
        }
    }

    /** @return whether the row key could be locked without waiting (it is then held to the end) */
    boolean tryLock(byte[] key, boolean exclusive) {
        return db.locks().tryAcquire(owner, new LockManager.Key(key), exclusive ? LockManager.Mode.EXCLUSIVE
                : LockManager.Mode.SHARED);
    }

    /** @param what names the resource in errors (called only then) */
    private boolean lock(Object resource, LockManager.Mode mode, ExecContext ctx,
            java.util.function.Supplier<String> what) {
        return db.locks().acquire(owner, resource, mode, session.settings().lockTimeoutMillis(),
                ctx == null ? session::cancelRequested : ctx::isCancelled, what);
    }

    /**
     * Ends a statement's writes: locks what it wrote and relied on, checks that none of it changed
     * since the statement's snapshot, then adds the writes to the transaction (an implicit
     * transaction commits them at once instead, see {@link #commitStatement}).
     *
     * @throws Restart at READ COMMITTED when something changed: the statement must run again
     * @throws SqlException 40001 above READ COMMITTED when something changed
     */
    void finishWrites(Scope scope, PendingWrites pending, Map<Integer, Long> deltas, ExecContext ctx) {
        if (undo != null) {
            // the only writer (schema lock held exclusively) since the spill: nothing to lock or check
            for (Map.Entry<Integer, Long> e : deltas.entrySet()) {
                rowCountDeltas.merge(e.getKey(), e.getValue(), Long::sum);
            }
            undo.write(pending.view(), PendingWrites::isDeleted);
            pending.spilled(db.store());
            return;
        }
        List<byte[]> check;
        List<PendingWrites.Claim> claims = pending.claims();
        if (!schemaExclusive) {
            if (db.locks().heldCount(owner) + pending.size() > LOCK_ESCALATION_THRESHOLD) {
                // too many row locks: take the schema lock exclusively instead (no other writer runs
                // from then on); the row locks already held stay until the end, as two-phase locking needs
                lockSchemaExclusive(ctx);
            }
        }
        List<byte[]> written = rowKeys(pending);
        if (schemaExclusive) {
            check = written; // the only writer: every written row is checked
        } else {
            // the rows written, under one acquisition of the lock table; those locked by an earlier
            // statement of the transaction were checked then
            check = new ArrayList<>(written.size());
            db.locks().acquireAll(owner, written, LockManager.Mode.EXCLUSIVE, session.settings().lockTimeoutMillis(),
                    ctx == null ? session::cancelRequested : ctx::isCancelled, key -> "a row of " + db.describeKey(key),
                    check);
            for (PendingWrites.Claim c : claims) {
                if (c.lockKey() != null) {
                    lock(new LockManager.Key(c.lockKey()), c.exclusive() ? LockManager.Mode.EXCLUSIVE
                            : LockManager.Mode.SHARED, ctx, () -> "a key of " + db.describeKey(c.lockKey()));
                }
            }
        }
        if (db.commitNo() != scope.commitNo()) {
            ReadOptions then = ReadOptions.at(scope.snapshot());
            for (byte[] key : check) {
                if (!Arrays.equals(db.store().get(then, key), db.store().get(ReadOptions.DEFAULT, key))) {
                    conflict(key);
                }
            }
            for (PendingWrites.Claim c : claims) {
                if (!sameRange(then, c.lower(), c.upper())) {
                    conflict(c.lower());
                }
            }
        }
        for (Map.Entry<Integer, Long> e : deltas.entrySet()) {
            rowCountDeltas.merge(e.getKey(), e.getValue(), Long::sum);
        }
        if (explicit && writes.canAdopt()) {
            writes.adopt(pending.release()); // the block's first writes: no copy
        } else if (explicit) {
            for (Map.Entry<byte[], byte[]> e : pending.view().entrySet()) {
                if (PendingWrites.isDeleted(e.getValue())) {
                    writes.delete(e.getKey());
                } else {
                    writes.put(e.getKey(), e.getValue());
                }
            }
        }
        if (explicit && writes.bytes() > session.settings().transactionBufferBytes()) {
            // the statement's writes were checked under their locks: only REPEATABLE READ and
            // SERIALIZABLE, which keep reading their snapshot, care what committed since
            spill(ctx, isolation == IsolationLevel.READ_COMMITTED || snapshot == null ? -1 : snapshot.commitNo());
        }
    }

    /**
     * Called while a statement runs, to check whether its buffered writes outgrow the memory budget;
     * if so, moves the transaction's and the statement's writes into the store ({@link #spill}) and
     * lets the statement's checks read the latest state from now on. Does nothing (the writes stay in
     * memory) when the transaction cannot spill (see {@link #spill}).
     *
     * @param scope the statement's snapshot, or {@code null} for a statement that has held the schema
     *     lock exclusively since before it took its snapshot (a bulk load)
     * @throws Restart at READ COMMITTED when another transaction committed since the statement's
     *     snapshot (it runs again, and then nothing else can commit)
     * @throws SqlException 40001 above READ COMMITTED when another transaction committed since the
     *     transaction's snapshot
     */
    void spillStatement(Scope scope, PendingWrites pending, ExecContext ctx) {
        if (pending.bytes() + writes.bytes() <= session.settings().transactionBufferBytes()) {
            return;
        }
        long readCommitNo = scope != null ? scope.commitNo()
                : isolation == IsolationLevel.READ_COMMITTED || snapshot == null ? -1 : snapshot.commitNo();
        if (undo == null && !spill(ctx, readCommitNo)) {
            return;
        }
        undo.write(pending.view(), PendingWrites::isDeleted);
        pending.spilled(db.store());
    }

    /**
     * Switches to writing into the store: takes the schema lock exclusively, pins the readers'
     * snapshot, and writes the buffered writes with their undo records. The write set stays readable
     * (for the running statement's snapshot) until the next statement.
     *
     * @param readCommitNo the commit number the caller's reads rely on (-1: none); when a later
     *     commit exists the reads are stale
     * @return {@code false} (nothing changed) when a range was deleted (DROP, TRUNCATE) inside an
     *     open savepoint or the store cannot share snapshots: the writes then stay in memory
     */
    private boolean spill(ExecContext ctx, long readCommitNo) {
        List<java.util.NavigableMap<byte[], byte[]>> segments = null;
        if (!savepoints.isEmpty()) {
            int[] marks = new int[savepoints.size()];
            for (int i = 0; i < marks.length; i++) {
                marks[i] = savepoints.get(i).mark();
            }
            segments = writes.segments(marks);
            if (segments == null) {
                return false; // a range deletion inside a savepoint: the writes stay in memory
            }
        }
        lockSchemaExclusive(ctx);
        if (readCommitNo >= 0 && db.commitNo() != readCommitNo) {
            if (isolation == IsolationLevel.READ_COMMITTED) {
                throw new Restart();
            }
            throw new SqlException("40001", "could not serialize access due to concurrent update",
                    "The transaction's writes outgrew transaction_buffer_memory after other transactions committed "
                    + "changes its snapshot does not show.", "The transaction might succeed if retried.", 0, null);
        }
        if (!db.pinReaders(this)) {
            return false;
        }
        undo = new UndoLog(db.store());
        undoStart = undo.position();
        reads = null; // nothing can commit until this transaction ends: nothing to validate
        if (segments == null) {
            flushWriteSet();
            return true;
        }
        // in the order the writes were made, so that each savepoint is an undo log position
        flushRanges();
        undo.write(segments.get(0), WriteSet::isDeleted);
        for (int i = 0; i < savepoints.size(); i++) {
            Savepoint sp = savepoints.get(i);
            savepoints.set(i, new Savepoint(sp.name(), sp.mark(), sp.deltas(), sp.catalog(), sp.dropped(),
                    sp.readOnly(), undo.position()));
            undo.write(segments.get(i + 1), WriteSet::isDeleted);
        }
        return true;
    }

    /** Writes the write set (range deletions first, they are older) into the store through the undo log. */
    private void flushWriteSet() {
        flushRanges();
        undo.write(writes.entries(), WriteSet::isDeleted);
    }

    private void flushRanges() {
        for (byte[][] r : writes.deletedRanges()) {
            undo.deleteRange(r[0], r[1]);
        }
    }

    private static List<byte[]> rowKeys(PendingWrites pending) {
        List<byte[]> out = new ArrayList<>(pending.size());
        for (byte[] key : pending.view().keySet()) {
            if (key[0] == TableKeys.ROW_PREFIX) {
                out.add(key);
            }
        }
        return out;
    }

    /** @return whether the committed contents of {@code [lo, hi)} are those seen through {@code then} */
    private boolean sameRange(ReadOptions then, byte[] lo, byte[] hi) {
        try (StoreIterator a = db.store().newIterator(then.withBounds(lo, hi));
                StoreIterator b = db.store().newIterator(ReadOptions.DEFAULT.withBounds(lo, hi))) {
            a.seekToFirst();
            b.seekToFirst();
            while (a.isValid() && b.isValid()) {
                if (!Arrays.equals(a.key(), b.key()) || !Arrays.equals(a.value(), b.value())) {
                    return false;
                }
                a.next();
                b.next();
            }
            return a.isValid() == b.isValid();
        }
    }

    private void conflict(byte[] key) {
        if (isolation == IsolationLevel.READ_COMMITTED) {
            throw new Restart();
        }
        throw serializationFailure("concurrent update", key);
    }

    private SqlException serializationFailure(String what, byte[] key) {
        return new SqlException("40001", "could not serialize access due to " + what + " of "
                + db.describeKey(key), "Another transaction committed a change to " + db.describeKey(key)
                + " after this transaction's snapshot was taken.", "The transaction might succeed if retried.", 0,
                null);
    }

    /** Commits the writes of an implicit transaction's single statement. */
    void commitStatement(PendingWrites pending, Map<Integer, Long> deltas, boolean sync) {
        if (undo != null) {
            commit(sync); // finishWrites merged the deltas and wrote the rest
            return;
        }
        durableTicket = db.commitTransaction(this, pending.batch(),
                (log, n) -> log.add(n, new ArrayList<>(pending.view().keySet())), deltas, null, List.of(), sync,
                earlyLockRelease());
    }

    /** The commit's {@link dev.lodedb.storage.KeyValueStore#awaitDurable} ticket, waited for once the locks are released. */
    private long durableTicket;

    private boolean earlyLockRelease() {
        return session.settings().earlyLockRelease();
    }

    /**
     * Validates (SERIALIZABLE) against the commits since the snapshot.
     *
     * @throws SqlException 40001 when a later commit wrote something this transaction read
     */
    void validateReads(dev.lodedb.engine.transaction.CommitLog log) {
        if (reads == null || snapshot == null || writes.isEmpty()) {
            return;
        }
        byte[] hit = log.conflict(snapshot.commitNo(), reads);
        if (hit != null) {
            throw serializationFailure("read/write dependencies among transactions", hit);
        }
    }

    /** @return whether the transaction validates its reads at commit */
    boolean serializable() {
        return reads != null;
    }

    /**
     * Commits: writes everything as one atomic batch (durable when {@code sync}), then releases the
     * locks and the snapshot.
     *
     * @throws SqlException 40001 when SERIALIZABLE validation fails (the transaction is rolled back)
     */
    void commit(boolean sync) {
        boolean done = false;
        try {
            if (undo != null) {
                WriteBatch batch = new WriteBatch();
                undo.appendCommit(batch);
                if (sync && db.options().syncCommits()) {
                    db.store().syncWal(); // the chunks may sit in logs that the commit's fsync does not cover
                }
                List<byte[]> objects = new ArrayList<>(undo.objects());
                db.commitTransaction(this, batch, (log, n) -> log.addObjects(n, objects), rowCountDeltas, catalog,
                        dropped, sync, false);
                undo = null;
            } else if (!writes.isEmpty() || catalog != null) {
                WriteBatch batch = writes.toBatch();
                durableTicket = db.commitTransaction(this, batch,
                        (log, n) -> log.add(n, new ArrayList<>(writes.entries().keySet())), rowCountDeltas, catalog,
                        dropped, sync, earlyLockRelease());
            }
            done = true;
        } finally {
            if (!done) {
                undoDirectWrites();
            }
            end();
        }
    }

    /** Rolls back: forgets the writes, removes what was written straight to the store, releases the locks. */
    void rollback() {
        if (!ended) {
            undoDirectWrites();
        }
        end();
    }

    private void undoDirectWrites() {
        if (undo != null) {
            undo.rollbackTo(undoStart);
            undo = null;
        }
        if (directRanges.isEmpty()) {
            return;
        }
        WriteBatch undo = new WriteBatch();
        for (byte[][] r : directRanges) {
            undo.deleteRange(r[0], r[1]);
        }
        directRanges.clear();
        db.store().write(dev.lodedb.storage.WriteOptions.DEFAULT, undo);
    }

    /** Settings changed with SET LOCAL, with their values before (restored when the block ends). */
    private final Map<String, String> localSettings = new java.util.LinkedHashMap<>();

    /** Remembers {@code name}'s value before the block's first SET LOCAL of it. */
    void setLocal(String name, String before) {
        localSettings.putIfAbsent(name, before);
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        for (Map.Entry<String, String> e : localSettings.entrySet()) {
            session.settings().set(e.getKey(), e.getValue());
        }
        writes.clear();
        db.unpinReaders(this);
        db.locks().releaseAll(owner);
        if (snapshot != null) {
            db.releaseScope(snapshot);
            snapshot = null;
        }
        if (durableTicket != 0) {
            long ticket = durableTicket;
            durableTicket = 0;
            db.store().awaitDurable(ticket); // early lock release: the locks went first, COMMIT returns after
        }
    }

    /** SAVEPOINT name (a name used again hides the earlier savepoint, as in PostgreSQL). */
    void savepoint(String name) {
        savepoints.add(new Savepoint(name, writes.mark(), new HashMap<>(rowCountDeltas), catalog, dropped.size(),
                readOnly, undo == null ? -1 : undo.position()));
    }

    /**
     * RELEASE SAVEPOINT name: forgets it and every savepoint after it.
     *
     * @throws SqlException 3B001 when there is no such savepoint
     */
    void release(String name, int position) {
        int i = find(name, position);
        // transaction_read_only set inside a savepoint ends with it, as in PostgreSQL
        readOnly = savepoints.get(i).readOnly();
        while (savepoints.size() > i) {
            savepoints.remove(savepoints.size() - 1);
            writes.release();
        }
    }

    /**
     * ROLLBACK TO SAVEPOINT name: undoes the writes since it and ends an aborted state; the
     * savepoint remains, later ones are forgotten. Locks stay held, as in PostgreSQL.
     *
     * @throws SqlException 3B001 when there is no such savepoint
     */
    void rollbackTo(String name, int position) {
        int i = find(name, position);
        while (savepoints.size() > i + 1) {
            savepoints.remove(savepoints.size() - 1);
            writes.release();
        }
        Savepoint sp = savepoints.get(i);
        writes.rollbackTo(sp.mark());
        if (undo != null) {
            // taken after the spill, or given its position by it
            undo.rollbackTo(sp.undoPosition());
        }
        rowCountDeltas.clear();
        rowCountDeltas.putAll(sp.deltas());
        catalog = sp.catalog();
        readOnly = sp.readOnly();
        while (dropped.size() > sp.dropped()) {
            dropped.remove(dropped.size() - 1);
        }
        failed = false;
    }

    private int find(String name, int position) {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            if (savepoints.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new SqlException("3B001", "savepoint \"" + name + "\" does not exist", null, null, position, null);
    }
}
