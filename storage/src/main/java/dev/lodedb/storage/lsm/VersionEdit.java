package dev.lodedb.storage.lsm;

import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.util.Coding;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One record of the manifest: the difference between two versions of the set of live files, plus
 * the counters that must survive a restart. Modelled on LevelDB's {@code VersionEdit}
 * ({@code db/version_edit.cc}); the encoding is a sequence of tagged fields:
 * <pre>
 *   tag varint32, then per tag:
 *   1 COMPARATOR        varint32 length + bytes (name of the key order, "lode.bytewise")
 *   2 LOG_NUMBER        varint64: logs numbered below this are fully flushed
 *   3 NEXT_FILE_NUMBER  varint64
 *   4 LAST_SEQUENCE     varint64
 *   5 COMPACT_POINTER   varint32 level, varint32 length + internal key
 *   6 DELETED_FILE      varint32 level, varint64 number
 *   7 NEW_FILE          varint32 level, varint64 number, varint64 size,
 *                       varint32 length + smallest internal key, varint32 length + largest,
 *                       varint64 smallest seq, varint64 largest seq, varint64 range deletions
 * </pre>
 * An unknown tag is corruption: a manifest written by a newer format must be refused rather
 * than half-understood. Not thread-safe; built by one thread, then applied under the store lock.
 */
public final class VersionEdit {
    static final int TAG_COMPARATOR = 1;
    static final int TAG_LOG_NUMBER = 2;
    static final int TAG_NEXT_FILE_NUMBER = 3;
    static final int TAG_LAST_SEQUENCE = 4;
    static final int TAG_COMPACT_POINTER = 5;
    static final int TAG_DELETED_FILE = 6;
    static final int TAG_NEW_FILE = 7;

    /** Name of the only key order; stored so a store written with another order is refused. */
    public static final String COMPARATOR_NAME = "lode.bytewise";

    String comparator;
    Long logNumber;
    Long nextFileNumber;
    Long lastSequence;
    final List<Object[]> compactPointers = new ArrayList<>(); // {Integer level, byte[] key}
    final List<long[]> deletedFiles = new ArrayList<>();       // {level, number}
    final List<LevelFile> newFiles = new ArrayList<>();

    /** A file added at a level. */
    record LevelFile(int level, FileMetaData file) {
    }

    /** Records the comparator name. */
    public VersionEdit setComparator(String name) {
        comparator = name;
        return this;
    }

    /** Records the oldest log still needed. */
    public VersionEdit setLogNumber(long n) {
        logNumber = n;
        return this;
    }

    /** Records the next file number to hand out. */
    public VersionEdit setNextFileNumber(long n) {
        nextFileNumber = n;
        return this;
    }

    /** Records the last used sequence number. */
    public VersionEdit setLastSequence(long s) {
        lastSequence = s;
        return this;
    }

    /** Records where the next compaction of {@code level} starts (round robin over the key space). */
    public VersionEdit setCompactPointer(int level, byte[] internalKey) {
        compactPointers.add(new Object[] {level, internalKey});
        return this;
    }

    /** Adds {@code file} at {@code level}. */
    public VersionEdit addFile(int level, FileMetaData file) {
        newFiles.add(new LevelFile(level, file));
        return this;
    }

    /** Removes file {@code number} from {@code level}. */
    public VersionEdit deleteFile(int level, long number) {
        deletedFiles.add(new long[] {level, number});
        return this;
    }

    /** @return the encoded edit */
    public byte[] encode() {
        Out out = new Out();
        if (comparator != null) {
            out.varint(TAG_COMPARATOR).bytes(comparator.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (logNumber != null) {
            out.varint(TAG_LOG_NUMBER).varint(logNumber);
        }
        if (nextFileNumber != null) {
            out.varint(TAG_NEXT_FILE_NUMBER).varint(nextFileNumber);
        }
        if (lastSequence != null) {
            out.varint(TAG_LAST_SEQUENCE).varint(lastSequence);
        }
        for (Object[] cp : compactPointers) {
            out.varint(TAG_COMPACT_POINTER).varint((Integer) cp[0]).bytes((byte[]) cp[1]);
        }
        for (long[] d : deletedFiles) {
            out.varint(TAG_DELETED_FILE).varint(d[0]).varint(d[1]);
        }
        for (LevelFile lf : newFiles) {
            FileMetaData f = lf.file();
            out.varint(TAG_NEW_FILE).varint(lf.level()).varint(f.number()).varint(f.size())
                    .bytes(f.smallest()).bytes(f.largest())
                    .varint(f.smallestSeq()).varint(f.largestSeq()).varint(f.numRangeDeletions());
        }
        return out.toByteArray();
    }

    /**
     * Decodes an edit.
     *
     * @param file the manifest, for error messages
     * @param offset the record's offset in the manifest, for error messages
     * @throws CorruptionException on an unknown tag or a truncated field
     */
    public static VersionEdit decode(byte[] b, Path file, long offset) {
        VersionEdit e = new VersionEdit();
        int[] pos = {0};
        try {
            while (pos[0] < b.length) {
                int tag = (int) Coding.getVarint64(b, pos, b.length);
                switch (tag) {
                    case TAG_COMPARATOR -> e.comparator = new String(bytes(b, pos), java.nio.charset.StandardCharsets.UTF_8);
                    case TAG_LOG_NUMBER -> e.logNumber = Coding.getVarint64(b, pos, b.length);
                    case TAG_NEXT_FILE_NUMBER -> e.nextFileNumber = Coding.getVarint64(b, pos, b.length);
                    case TAG_LAST_SEQUENCE -> e.lastSequence = Coding.getVarint64(b, pos, b.length);
                    case TAG_COMPACT_POINTER -> {
                        int level = (int) Coding.getVarint64(b, pos, b.length);
                        e.compactPointers.add(new Object[] {level, bytes(b, pos)});
                    }
                    case TAG_DELETED_FILE -> {
                        long level = Coding.getVarint64(b, pos, b.length);
                        long number = Coding.getVarint64(b, pos, b.length);
                        e.deletedFiles.add(new long[] {level, number});
                    }
                    case TAG_NEW_FILE -> {
                        int level = (int) Coding.getVarint64(b, pos, b.length);
                        long number = Coding.getVarint64(b, pos, b.length);
                        long size = Coding.getVarint64(b, pos, b.length);
                        byte[] smallest = bytes(b, pos);
                        byte[] largest = bytes(b, pos);
                        long sseq = Coding.getVarint64(b, pos, b.length);
                        long lseq = Coding.getVarint64(b, pos, b.length);
                        long nrd = Coding.getVarint64(b, pos, b.length);
                        e.newFiles.add(new LevelFile(level, new FileMetaData(number, size, smallest, largest, sseq, lseq, nrd)));
                    }
                    default -> throw new CorruptionException(file, offset, "unknown manifest edit tag " + tag);
                }
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException ex) {
            throw new CorruptionException(file, offset, "truncated manifest edit");
        }
        return e;
    }

    private static byte[] bytes(byte[] b, int[] pos) {
        int n = (int) Coding.getVarint64(b, pos, b.length);
        if (n < 0 || pos[0] + n > b.length) {
            throw new IllegalArgumentException("length past end");
        }
        byte[] r = Arrays.copyOfRange(b, pos[0], pos[0] + n);
        pos[0] += n;
        return r;
    }

    private static final class Out extends ByteArrayOutputStream {
        private final byte[] tmp = new byte[10];

        Out varint(long v) {
            int n = Coding.putVarint64(tmp, 0, v);
            write(tmp, 0, n);
            return this;
        }

        Out bytes(byte[] b) {
            varint(b.length);
            write(b, 0, b.length);
            return this;
        }
    }

    @Override
    public String toString() {
        return "VersionEdit{log=" + logNumber + ", next=" + nextFileNumber + ", last=" + lastSequence
                + ", new=" + newFiles + ", deleted=" + deletedFiles.size() + "}";
    }
}
