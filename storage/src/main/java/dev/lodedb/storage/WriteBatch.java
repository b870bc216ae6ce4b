package dev.lodedb.storage;

import dev.lodedb.storage.util.Coding;
import java.util.Arrays;

/**
 * An ordered list of puts, deletes and range deletes that a store applies atomically: after a
 * crash either all of a batch is visible or none of it, and no reader ever sees part of it.
 * Within a batch, later operations win over earlier ones on the same key.
 *
 * <p>Encoding (LevelDB's {@code WriteBatch} representation, extended with a range-delete tag):
 * <pre>
 *   sequence : fixed64 (little-endian; filled in by the store when the batch is written)
 *   count    : fixed32 (little-endian; number of operations)
 *   op*      : tag byte, then
 *              PUT (1):          varint32 key length, key, varint32 value length, value
 *              DELETE (0):       varint32 key length, key
 *              DELETE_RANGE (2): varint32 start length, start, varint32 end length, end
 * </pre>
 * This exact byte string is the payload of a write-ahead-log record.
 *
 * <p>Not thread-safe: build a batch on one thread, then hand it to {@link KeyValueStore#write}.
 * Keys and values are copied in, so the caller may reuse its arrays; {@link #putShared} and
 * {@link #deleteShared} also keep the caller's arrays, which the caller promises not to change, so
 * that {@link #forEach} can hand them out again instead of decoding copies (a memtable then keeps
 * the value arrays as they are).
 */
public final class WriteBatch {
    /** Tag of a delete operation. */
    public static final byte TAG_DELETE = 0;
    /** Tag of a put operation. */
    public static final byte TAG_PUT = 1;
    /** Tag of a range delete operation. */
    public static final byte TAG_DELETE_RANGE = 2;
    /** Size in bytes of the header (sequence and count). */
    public static final int HEADER_SIZE = 12;

    private byte[] buf;
    private int len;
    private int count;
    /**
     * The arrays of the operations added with {@link #putShared} and {@link #deleteShared}: key and
     * value (or {@code null} for a deletion) per operation, in order; {@code null} once an operation
     * was added any other way (then {@link #forEach} decodes).
     */
    private byte[][] shared = NO_SHARED;
    private static final byte[][] NO_SHARED = new byte[0][];

    /** Creates an empty batch. */
    public WriteBatch() {
        this(64);
    }

    /**
     * Creates an empty batch whose buffer holds {@code capacity} bytes before it grows.
     *
     * @param capacity initial buffer size in bytes (the 12-byte header included; at least that is used)
     */
    public WriteBatch(int capacity) {
        buf = new byte[Math.max(HEADER_SIZE, capacity)];
        len = HEADER_SIZE;
    }

    /**
     * Wraps an encoded batch (as read from the log). The array is used, not copied.
     *
     * @throws CorruptionException when the header is shorter than {@link #HEADER_SIZE}
     */
    public static WriteBatch fromEncoded(byte[] encoded) {
        if (encoded.length < HEADER_SIZE) {
            throw new CorruptionException(null, -1, "write batch shorter than its header");
        }
        WriteBatch b = new WriteBatch();
        b.shared = null;
        b.buf = encoded;
        b.len = encoded.length;
        b.count = Coding.getInt(encoded, 8);
        return b;
    }

    /**
     * Sets {@code key} to {@code value}.
     *
     * @return this batch
     * @throws NullPointerException if either argument is null
     */
    public WriteBatch put(byte[] key, byte[] value) {
        shared = null;
        encodePut(key, value);
        return this;
    }

    /**
     * Sets {@code key} to {@code value} like {@link #put}, and keeps both arrays: the caller must not
     * change them afterwards (a reader of the store may be handed the value array itself).
     *
     * @return this batch
     */
    public WriteBatch putShared(byte[] key, byte[] value) {
        encodePut(key, value);
        share(key, value);
        return this;
    }

    /**
     * Removes {@code key} like {@link #delete}, and keeps the array: the caller must not change it
     * afterwards.
     *
     * @return this batch
     */
    public WriteBatch deleteShared(byte[] key) {
        encodeDelete(key);
        share(key, null);
        return this;
    }

    private void share(byte[] key, byte[] value) {
        if (shared == null) {
            return;
        }
        int n = 2 * (count - 1);
        if (n + 2 > shared.length) {
            shared = Arrays.copyOf(shared, Math.max(16, shared.length * 2));
        }
        shared[n] = key;
        shared[n + 1] = value;
    }

    private void encodePut(byte[] key, byte[] value) {
        ensure(1 + 10 + key.length + value.length);
        buf[len++] = TAG_PUT;
        putBytes(key);
        putBytes(value);
        count++;
    }

    private void encodeDelete(byte[] key) {
        ensure(1 + 5 + key.length);
        buf[len++] = TAG_DELETE;
        putBytes(key);
        count++;
    }

    /**
     * Removes {@code key} (no error if absent).
     *
     * @return this batch
     */
    public WriteBatch delete(byte[] key) {
        shared = null;
        encodeDelete(key);
        return this;
    }

    /**
     * Removes every key {@code k} with {@code start <= k < end} in unsigned lexicographic order.
     * Costs the writer O(1) however many keys the range holds (a range tombstone); the space is
     * reclaimed by compaction.
     *
     * @return this batch
     * @throws IllegalArgumentException if {@code start > end}
     */
    public WriteBatch deleteRange(byte[] start, byte[] end) {
        if (Arrays.compareUnsigned(start, end) > 0) {
            throw new IllegalArgumentException("deleteRange start is after end");
        }
        shared = null;
        ensure(1 + 10 + start.length + end.length);
        buf[len++] = TAG_DELETE_RANGE;
        putBytes(start);
        putBytes(end);
        count++;
        return this;
    }

    /** Empties the batch for reuse. */
    public void clear() {
        len = HEADER_SIZE;
        count = 0;
        shared = NO_SHARED;
        Arrays.fill(buf, 0, HEADER_SIZE, (byte) 0);
    }

    /** @return number of operations in the batch */
    public int count() {
        return count;
    }

    /** @return size in bytes of the encoded batch, including the header */
    public int approximateSize() {
        return len;
    }

    /** @return the sequence number stored in the header (0 until the store assigns one) */
    public long sequence() {
        return Coding.getLong(buf, 0);
    }

    /** Stores {@code seq} in the header; used by the store when it commits the batch. */
    public void setSequence(long seq) {
        Coding.putLong(buf, 0, seq);
    }

    /** @return the encoded batch, with the current count written into the header (a copy) */
    public byte[] encode() {
        Coding.putInt(buf, 8, count);
        return Arrays.copyOf(buf, len);
    }

    /** Receives an encoded batch as a range of an array it must not keep or change. */
    @FunctionalInterface
    public interface EncodedSink {
        /** Takes {@code data[offset, offset + length)}. */
        void accept(byte[] data, int offset, int length);
    }

    /**
     * Hands the encoded batch (the bytes {@link #encode} returns) to {@code sink} without copying
     * it: a write-ahead log appends it as one record.
     */
    public void encodeTo(EncodedSink sink) {
        Coding.putInt(buf, 8, count);
        sink.accept(buf, 0, len);
    }

    /**
     * Writes the encoded operations (without the 12-byte header) into {@code dst}.
     *
     * @return number of bytes written
     */
    public int copyOpsTo(byte[] dst, int offset) {
        int n = len - HEADER_SIZE;
        System.arraycopy(buf, HEADER_SIZE, dst, offset, n);
        return n;
    }

    /** Appends the operations of {@code other} to this batch, in order. */
    public void append(WriteBatch other) {
        shared = null;
        int n = other.len - HEADER_SIZE;
        ensure(n);
        System.arraycopy(other.buf, HEADER_SIZE, buf, len, n);
        len += n;
        count += other.count;
    }

    /** Receives the operations of a batch, in order. */
    public interface Handler {
        /** A put of {@code key} to {@code value}. */
        void put(byte[] key, byte[] value);

        /** A delete of {@code key}. */
        void delete(byte[] key);

        /** A delete of {@code [start, end)}. */
        void deleteRange(byte[] start, byte[] end);
    }

    /**
     * Replays the operations in order. Operations added with {@link #putShared} and
     * {@link #deleteShared} (when all of the batch's were) are handed out as the arrays given; the
     * others as copies decoded from the encoding.
     *
     * @throws CorruptionException if the encoding is malformed (a damaged log record)
     */
    public void forEach(Handler handler) {
        if (shared != null) {
            for (int i = 0; i < count; i++) {
                byte[] value = shared[2 * i + 1];
                if (value == null) {
                    handler.delete(shared[2 * i]);
                } else {
                    handler.put(shared[2 * i], value);
                }
            }
            return;
        }
        int p = HEADER_SIZE;
        int seen = 0;
        int[] pos = new int[1];
        while (p < len) {
            byte tag = buf[p++];
            pos[0] = p;
            switch (tag) {
                case TAG_PUT -> {
                    byte[] k = readBytes(pos);
                    byte[] v = readBytes(pos);
                    handler.put(k, v);
                }
                case TAG_DELETE -> handler.delete(readBytes(pos));
                case TAG_DELETE_RANGE -> {
                    byte[] s = readBytes(pos);
                    byte[] e = readBytes(pos);
                    handler.deleteRange(s, e);
                }
                default -> throw new CorruptionException(null, -1,
                        "unknown write batch tag " + tag + " at batch offset " + (p - 1));
            }
            p = pos[0];
            seen++;
        }
        if (seen != count) {
            throw new CorruptionException(null, -1,
                    "write batch count " + count + " does not match " + seen + " operations");
        }
    }

    private byte[] readBytes(int[] pos) {
        int p = pos[0];
        long lenAndPos = Coding.getVarint32(buf, p, len);
        if (lenAndPos < 0) {
            throw new CorruptionException(null, -1, "truncated write batch");
        }
        int n = (int) (lenAndPos >>> 32);
        p = (int) lenAndPos;
        if (n < 0 || p + n > len) {
            throw new CorruptionException(null, -1, "write batch entry runs past its end");
        }
        pos[0] = p + n;
        return Arrays.copyOfRange(buf, p, p + n);
    }

    private void putBytes(byte[] b) {
        len = Coding.putVarint32(buf, len, b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
