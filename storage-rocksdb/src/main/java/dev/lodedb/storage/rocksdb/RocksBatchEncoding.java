package dev.lodedb.storage.rocksdb;

import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.util.Coding;

/**
 * Translates LodeDB's {@link WriteBatch} encoding into the representation of a RocksDB
 * {@code WriteBatch} ({@code rocksdb::WriteBatch::rep_}), so that a whole batch crosses JNI as one
 * byte array instead of one call per operation. Stateless.
 */
final class RocksBatchEncoding {
    /** RocksDB's WriteBatch record tag of a range deletion ({@code kTypeRangeDeletion}). */
    static final byte ROCKS_TAG_RANGE_DELETION = 0x0F;

    private RocksBatchEncoding() {
    }

    /**
     * Converts LodeDB's batch encoding into RocksDB's {@code WriteBatch} representation: the same
     * header (sequence, count) and the same records for puts (tag 1) and deletes (tag 0); only a
     * range delete's tag changes from 2 to {@code kTypeRangeDeletion} (0x0F). Validates lengths.
     */
    static byte[] toRocks(WriteBatch batch) {
        byte[] rep = batch.encode();
        java.util.Arrays.fill(rep, 0, 8, (byte) 0); // RocksDB assigns the sequence itself
        int p = WriteBatch.HEADER_SIZE;
        int n = rep.length;
        while (p < n) {
            byte tag = rep[p];
            switch (tag) {
                case WriteBatch.TAG_PUT -> p = skipString(rep, skipString(rep, p + 1, n), n);
                case WriteBatch.TAG_DELETE -> p = skipString(rep, p + 1, n);
                case WriteBatch.TAG_DELETE_RANGE -> {
                    rep[p] = ROCKS_TAG_RANGE_DELETION;
                    p = skipString(rep, skipString(rep, p + 1, n), n);
                }
                default -> throw new CorruptionException(null, -1,
                        "unknown write batch tag " + tag + " at batch offset " + p);
            }
        }
        return rep;
    }

    private static int skipString(byte[] b, int p, int limit) {
        long lenAndPos = Coding.getVarint32(b, p, limit);
        if (lenAndPos < 0) {
            throw new CorruptionException(null, -1, "truncated write batch at offset " + p);
        }
        int len = (int) (lenAndPos >>> 32);
        int start = (int) lenAndPos;
        if (len < 0 || start + len > limit) {
            throw new CorruptionException(null, -1, "write batch entry at offset " + p + " runs past its end");
        }
        return start + len;
    }
}
