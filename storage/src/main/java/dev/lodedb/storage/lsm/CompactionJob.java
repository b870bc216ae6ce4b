package dev.lodedb.storage.lsm;

import dev.lodedb.storage.sstable.RangeTombstone;
import dev.lodedb.storage.sstable.TableOptions;
import dev.lodedb.storage.util.InternalIterator;
import dev.lodedb.storage.util.InternalKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Executes one {@link Compaction}: merges the input files and writes the survivors into new files
 * of the output level (LevelDB's {@code DoCompactionWork}). A version is dropped when
 * <ul>
 *   <li>a newer version of the same key exists with a sequence at or below the oldest live
 *       snapshot (no reader can see the older one);</li>
 *   <li>it is a point tombstone at or below the oldest snapshot and no deeper level may hold
 *       the key (nothing left to hide);</li>
 *   <li>it is covered by a range tombstone of the inputs whose sequence is newer than it and at
 *       or below the oldest snapshot.</li>
 * </ul>
 * Range tombstones move down with the data; each output file keeps the part of each tombstone that
 * falls into its own key range, so that files of one level stay disjoint (as RocksDB truncates
 * tombstones at file boundaries). A tombstone is dropped once it reaches the bottom of its range
 * and every snapshot sees it. Outputs are split at user-key boundaries near the target file size.
 *
 * <p>Runs on the compaction thread without the store lock; the result is applied by the caller.
 */
final class CompactionJob {
    /**
     * Entries beyond which an output file is cut even below the target size: the file's Bloom filter
     * builder keeps an 8-byte hash per key until the file is finished, so this bounds it at 8 MiB
     * (small, well-compressed rows would otherwise put several million keys in one 64 MiB file and
     * its builder's growing array could exhaust a small heap).
     */
    static final long MAX_ENTRIES_PER_FILE = 1L << 20;

    private final Compaction c;
    private final Path dir;
    private final TableCache tableCache;
    private final LsmOptions options;
    private final Supplier<Long> newFileNumber;
    private final LongSupplier smallestSnapshot;
    private final BooleanSupplier shuttingDown;
    final List<FileMetaData> outputs = new ArrayList<>();
    final List<Long> pendingNumbers = new ArrayList<>();
    long bytesRead;
    long bytesWritten;
    long entriesDropped;

    CompactionJob(Compaction c, Path dir, TableCache tableCache, LsmOptions options, Supplier<Long> newFileNumber,
                  LongSupplier smallestSnapshot, BooleanSupplier shuttingDown) {
        this.c = c;
        this.dir = dir;
        this.tableCache = tableCache;
        this.options = options;
        this.newFileNumber = newFileNumber;
        this.smallestSnapshot = smallestSnapshot;
        this.shuttingDown = shuttingDown;
    }

    /**
     * Writes the output files.
     *
     * @return whether the job completed (false when the store began shutting down; outputs are then abandoned)
     */
    boolean run() {
        long snapshotFloor = smallestSnapshot.getAsLong();
        int outLevel = c.outputLevel();
        Version v = c.version;
        List<InternalIterator> children = new ArrayList<>();
        List<RangeTombstone> tombstones = new ArrayList<>();
        for (FileMetaData f : c.allInputs()) {
            bytesRead += f.size();
            if (f.numRangeDeletions() > 0) {
                TableCache.Handle h = tableCache.acquire(f.number());
                try {
                    tombstones.addAll(h.table.rangeTombstones());
                } finally {
                    h.release();
                }
            }
        }
        if (c.level == 0) {
            for (FileMetaData f : c.inputs) {
                children.add(new TableIterator(tableCache.acquire(f.number()), false));
            }
        } else {
            children.add(new LevelIterator(tableCache, c.inputs, false));
        }
        if (!c.nextLevelInputs.isEmpty()) {
            children.add(new LevelIterator(tableCache, c.nextLevelInputs, false));
        }
        FragmentedRangeTombstones dropCover = FragmentedRangeTombstones.build(List.of(tombstones), snapshotFloor);
        List<RangeTombstone> keptTombstones = new ArrayList<>();
        for (RangeTombstone t : tombstones) {
            boolean bottom = !v.rangeMayExistBelow(outLevel, t.start(), t.end());
            if (!(bottom && t.sequence() <= snapshotFloor)) {
                keptTombstones.add(t);
            }
        }
        TableOptions tableOptions = LsmStore.tableOptions(options, outLevel);
        TableFileWriter out = null;
        byte[] fileLower = null; // inclusive user-key lower bound of the current output
        boolean splitPending = false;
        byte[] currentUserKey = null;
        long lastSeqForKey = Long.MAX_VALUE;
        try (MergingIterator it = new MergingIterator(children)) {
            it.seekToFirst();
            long checked = 0;
            while (it.isValid()) {
                if ((++checked & 1023) == 0 && shuttingDown.getAsBoolean()) {
                    if (out != null) {
                        out.abandon();
                    }
                    abandonOutputs();
                    return false;
                }
                byte[] ikey = it.key();
                long trailer = InternalKey.trailer(ikey);
                long seq = trailer >>> 8;
                int type = (int) (trailer & 0xff);
                boolean newKey = currentUserKey == null || InternalKey.compareUserKey(ikey, currentUserKey) != 0;
                if (newKey) {
                    currentUserKey = InternalKey.userKey(ikey);
                    lastSeqForKey = Long.MAX_VALUE;
                    if (splitPending && out != null) {
                        out.addRangeTombstones(clip(keptTombstones, fileLower, currentUserKey));
                        finishOutput(out);
                        out = null;
                        fileLower = currentUserKey;
                        splitPending = false;
                    }
                }
                boolean drop;
                if (lastSeqForKey <= snapshotFloor) {
                    drop = true;
                } else if (type == InternalKey.TYPE_DELETION && seq <= snapshotFloor
                        && !v.keyMayExistBelow(outLevel, currentUserKey)) {
                    drop = true;
                } else {
                    drop = dropCover.covers(currentUserKey, seq);
                }
                lastSeqForKey = seq;
                if (drop) {
                    entriesDropped++;
                } else {
                    if (out == null) {
                        out = newOutput(tableOptions);
                    }
                    out.add(ikey, it.value());
                    if (out.estimatedSize() >= options.targetFileSize() || out.entries() >= MAX_ENTRIES_PER_FILE) {
                        splitPending = true;
                    }
                }
                it.next();
            }
        } catch (RuntimeException | Error e) {
            // an Error too (OutOfMemoryError): the partial output files must not stay on disk
            if (out != null) {
                out.abandon();
            }
            abandonOutputs();
            throw e;
        }
        List<RangeTombstone> rest = clip(keptTombstones, fileLower, null);
        if (out == null && !rest.isEmpty()) {
            out = newOutput(tableOptions);
        }
        if (out != null) {
            out.addRangeTombstones(rest);
            finishOutput(out);
        }
        return true;
    }

    private TableFileWriter newOutput(TableOptions tableOptions) {
        long number = newFileNumber.get();
        pendingNumbers.add(number);
        return new TableFileWriter(dir, number, tableOptions);
    }

    private void finishOutput(TableFileWriter out) {
        FileMetaData meta = out.finish();
        if (meta != null) {
            outputs.add(meta);
            bytesWritten += meta.size();
        }
    }

    private void abandonOutputs() {
        for (FileMetaData f : outputs) {
            try {
                java.nio.file.Files.deleteIfExists(FileNames.table(dir, f.number()));
            } catch (java.io.IOException ignored) {
                // removed at next open
            }
        }
        outputs.clear();
    }

    /** @return the parts of {@code ts} within {@code [lower, upper)} (null = unbounded) */
    static List<RangeTombstone> clip(List<RangeTombstone> ts, byte[] lower, byte[] upper) {
        List<RangeTombstone> out = new ArrayList<>();
        for (RangeTombstone t : ts) {
            byte[] s = t.start();
            byte[] e = t.end();
            if (lower != null && Arrays.compareUnsigned(s, lower) < 0) {
                s = lower;
            }
            if (upper != null && Arrays.compareUnsigned(e, upper) > 0) {
                e = upper;
            }
            if (Arrays.compareUnsigned(s, e) < 0) {
                out.add(new RangeTombstone(s, e, t.sequence()));
            }
        }
        return out;
    }
}
