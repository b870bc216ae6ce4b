package dev.lodedb.storage;

/**
 * A cursor over the live keys of a store in unsigned lexicographic key order, as seen by one
 * snapshot, restricted to the bounds of its {@link ReadOptions}. Modelled on LevelDB's
 * {@code Iterator}: position it with a seek, then step with {@link #next()} or {@link #prev()};
 * both directions may be mixed freely.
 *
 * <p>Not thread-safe: one thread uses an iterator at a time. It pins the files it reads until
 * closed, so close it promptly (try-with-resources). Calling {@link #key()} or {@link #value()}
 * while not {@link #isValid() valid} throws {@link IllegalStateException}. The arrays returned
 * are owned by the caller (never modified by the iterator afterwards).
 *
 * <p>Errors: any positioning method throws {@link StoreException} (a {@link CorruptionException}
 * when a block read fails verification); every method but {@code close} throws
 * {@link StoreException} once the iterator or its store is closed.
 */
public interface StoreIterator extends AutoCloseable {
    /** @return whether the iterator is positioned at an entry */
    boolean isValid();

    /** Positions at the first key at or above the lower bound. */
    void seekToFirst();

    /** Positions at the last key below the upper bound. */
    void seekToLast();

    /** Positions at the first key {@code >= target} (and within bounds). */
    void seek(byte[] target);

    /** Positions at the last key {@code <= target} (and within bounds). */
    void seekForPrev(byte[] target);

    /** Moves to the next key; invalid after the last. Requires {@link #isValid()}. */
    void next();

    /** Moves to the previous key; invalid before the first. Requires {@link #isValid()}. */
    void prev();

    /** @return the current key */
    byte[] key();

    /** @return the current value */
    byte[] value();

    /** Releases the pinned files and snapshot. Idempotent. */
    @Override
    void close();
}
