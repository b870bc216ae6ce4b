package dev.lodedb.storage.util;

/**
 * A cursor over a sorted sequence of (key, value) entries inside the storage engine: a block, a
 * table, a memtable, or a merge of them. Keys are internal keys (see {@link InternalKey}) except
 * in blocks whose keys are of another kind (index blocks hold separator internal keys, the
 * meta-index holds names), in which case the comparator of the owner applies.
 *
 * <p>Shape follows LevelDB's {@code Iterator}. Not thread-safe. {@link #key()} and {@link #value()}
 * may return arrays shared with the iterator's buffers only if documented by the implementation;
 * by default they are fresh arrays the caller may keep.
 *
 * <p>Errors: any positioning method throws {@link dev.lodedb.storage.CorruptionException} when a block fails
 *     its checksum
 */
public interface InternalIterator extends AutoCloseable {
    /** @return whether positioned at an entry */
    boolean isValid();

    /** Positions at the first entry. */
    void seekToFirst();

    /** Positions at the last entry. */
    void seekToLast();

    /** Positions at the first entry whose key is {@code >= target}. */
    void seek(byte[] target);

    /** Advances; requires {@link #isValid()}. */
    void next();

    /** Steps back; requires {@link #isValid()}. */
    void prev();

    /** @return the current key; requires {@link #isValid()} */
    byte[] key();

    /** @return the current value; requires {@link #isValid()} */
    byte[] value();

    /** Releases resources (pinned blocks or tables). Idempotent. Default: nothing to release. */
    @Override
    default void close() {
    }
}
