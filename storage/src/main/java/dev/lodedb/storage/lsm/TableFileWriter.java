package dev.lodedb.storage.lsm;

import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.sstable.RangeTombstone;
import dev.lodedb.storage.sstable.TableBuilder;
import dev.lodedb.storage.sstable.TableOptions;
import dev.lodedb.storage.util.InternalKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Writes one SSTable for a flush or a compaction and works out the {@link FileMetaData} the
 * manifest needs: the key range (widened by range tombstones, whose exclusive end becomes the
 * sentinel {@code (end, MAX_SEQUENCE, TYPE_RANGE_DELETION)}), sequence range and size. The file is
 * fsynced before {@link #finish} returns. Not thread-safe.
 */
final class TableFileWriter {
    private final Path path;
    private final long number;
    private final FileChannel channel;
    private final TableBuilder builder;
    private byte[] smallest;
    private byte[] largest;
    private long smallestSeq = Long.MAX_VALUE;
    private long largestSeq = 0;
    private long entries;
    private long rangeDeletions;

    TableFileWriter(Path dir, long number, TableOptions options) {
        this.number = number;
        this.path = FileNames.table(dir, number);
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot create " + path + ": " + e.getMessage(), e);
        }
        this.builder = new TableBuilder(path, channel, options);
    }

    long number() {
        return number;
    }

    /** Appends a point entry; keys must arrive in increasing internal-key order. */
    void add(byte[] ikey, byte[] value) {
        if (smallest == null || InternalKey.compare(ikey, smallest) < 0) {
            smallest = ikey;
        }
        if (largest == null || InternalKey.compare(ikey, largest) > 0) {
            largest = ikey;
        }
        long seq = InternalKey.sequence(ikey);
        smallestSeq = Math.min(smallestSeq, seq);
        largestSeq = Math.max(largestSeq, seq);
        builder.add(ikey, value);
        entries++;
    }

    /** Adds a range tombstone; it widens the file's key range to cover it. */
    void addRangeTombstone(RangeTombstone t) {
        if (Arrays.compareUnsigned(t.start(), t.end()) >= 0) {
            return;
        }
        builder.addRangeTombstone(t.start(), t.end(), t.sequence());
        byte[] s = InternalKey.encode(t.start(), t.sequence(), InternalKey.TYPE_RANGE_DELETION);
        byte[] l = InternalKey.encode(t.end(), InternalKey.MAX_SEQUENCE, InternalKey.TYPE_RANGE_DELETION);
        if (smallest == null || InternalKey.compare(s, smallest) < 0) {
            smallest = s;
        }
        if (largest == null || InternalKey.compare(l, largest) > 0) {
            largest = l;
        }
        smallestSeq = Math.min(smallestSeq, t.sequence());
        largestSeq = Math.max(largestSeq, t.sequence());
        rangeDeletions++;
    }

    void addRangeTombstones(List<RangeTombstone> ts) {
        for (RangeTombstone t : ts) {
            addRangeTombstone(t);
        }
    }

    boolean isEmpty() {
        return entries == 0 && rangeDeletions == 0;
    }

    long entries() {
        return entries;
    }

    long estimatedSize() {
        return builder.fileSize();
    }

    /**
     * Finishes, fsyncs and closes the file.
     *
     * @return its metadata, or {@code null} if nothing was added (the file is then deleted)
     */
    FileMetaData finish() {
        if (isEmpty()) {
            abandon();
            return null;
        }
        try {
            long size = builder.finish();
            channel.force(true);
            channel.close();
            return new FileMetaData(number, size, smallest, largest, smallestSeq, largestSeq, rangeDeletions);
        } catch (IOException e) {
            abandon();
            throw new StoreException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Closes and deletes the partial file. */
    void abandon() {
        try {
            builder.abandon();
        } catch (RuntimeException ignored) {
            // already failing
        }
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: an orphan file is removed at the next open
        }
    }
}
