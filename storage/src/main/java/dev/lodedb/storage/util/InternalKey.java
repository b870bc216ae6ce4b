package dev.lodedb.storage.util;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Internal keys: the form in which the LSM stores every version of a user key, as in LevelDB
 * ({@code db/dbformat.h}). An internal key is the user key followed by an 8-byte little-endian
 * trailer {@code (sequence << 8) | type}.
 *
 * <p>Order ({@link #COMPARATOR}): user keys ascending in unsigned lexicographic order, then
 * trailer descending, so that for one user key the newest version comes first. Looking up
 * {@code (key, s, TYPE_FOR_SEEK)} therefore lands on the newest version with sequence
 * {@code <= s}.
 *
 * <p>Stateless and thread-safe; all methods take and return plain arrays.
 */
public final class InternalKey {
    /** Type of a point tombstone. */
    public static final int TYPE_DELETION = 0;
    /** Type of a value. */
    public static final int TYPE_VALUE = 1;
    /** Type of a range tombstone's start key (only in range-deletion blocks and file bounds). */
    public static final int TYPE_RANGE_DELETION = 15;
    /** Highest type; used to build seek keys that sort before every entry of the same sequence. */
    public static final int TYPE_FOR_SEEK = TYPE_RANGE_DELETION;
    /** Largest sequence number that fits the trailer (56 bits). */
    public static final long MAX_SEQUENCE = (1L << 56) - 1;
    /** Size in bytes of the trailer. */
    public static final int TRAILER_SIZE = 8;

    /** Orders internal keys: user key ascending, then (sequence, type) descending. */
    public static final Comparator<byte[]> COMPARATOR = InternalKey::compare;

    /** Orders user keys: unsigned lexicographic. */
    public static final Comparator<byte[]> USER_COMPARATOR = Arrays::compareUnsigned;

    private InternalKey() {
    }

    /** @return a new internal key for {@code userKey} at {@code sequence} with {@code type} */
    public static byte[] encode(byte[] userKey, long sequence, int type) {
        byte[] k = Arrays.copyOf(userKey, userKey.length + TRAILER_SIZE);
        Coding.putLong(k, userKey.length, (sequence << 8) | type);
        return k;
    }

    /** @return the trailer {@code (sequence << 8) | type} */
    public static long trailer(byte[] ikey) {
        return Coding.getLong(ikey, ikey.length - TRAILER_SIZE);
    }

    /** @return the sequence number of an internal key */
    public static long sequence(byte[] ikey) {
        return trailer(ikey) >>> 8;
    }

    /** @return the type of an internal key */
    public static int type(byte[] ikey) {
        return (int) (trailer(ikey) & 0xff);
    }

    /** @return the length of the user-key prefix */
    public static int userKeyLength(byte[] ikey) {
        return ikey.length - TRAILER_SIZE;
    }

    /** @return a copy of the user key */
    public static byte[] userKey(byte[] ikey) {
        return Arrays.copyOf(ikey, ikey.length - TRAILER_SIZE);
    }

    /** Compares two internal keys in {@link #COMPARATOR} order. */
    public static int compare(byte[] a, byte[] b) {
        int c = Arrays.compareUnsigned(a, 0, a.length - TRAILER_SIZE, b, 0, b.length - TRAILER_SIZE);
        if (c != 0) {
            return c;
        }
        return Long.compareUnsigned(trailer(b), trailer(a));
    }

    /** Compares the user-key part of internal key {@code ikey} with user key {@code userKey}. */
    public static int compareUserKey(byte[] ikey, byte[] userKey) {
        return Arrays.compareUnsigned(ikey, 0, ikey.length - TRAILER_SIZE, userKey, 0, userKey.length);
    }

    /** @return whether the user-key parts of two internal keys are equal */
    public static boolean sameUserKey(byte[] a, byte[] b) {
        return Arrays.equals(a, 0, a.length - TRAILER_SIZE, b, 0, b.length - TRAILER_SIZE);
    }

    /** @return a human-readable rendering, for messages and tests */
    public static String toString(byte[] ikey) {
        if (ikey.length < TRAILER_SIZE) {
            return "<bad internal key " + Arrays.toString(ikey) + ">";
        }
        return Bytes.toDisplay(ikey, 0, ikey.length - TRAILER_SIZE) + "@" + sequence(ikey) + ":" + type(ikey);
    }
}
