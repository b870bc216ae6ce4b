package dev.lodedb.storage.lsm;

import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.util.InternalKey;
import dev.lodedb.storage.wal.LogFileKind;
import dev.lodedb.storage.wal.LogReader;
import dev.lodedb.storage.wal.LogWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history of a store's file set: the current {@link Version}, the manifest that records every
 * {@link VersionEdit} durably, and the counters (next file number, last sequence, oldest live log)
 * that survive restarts. Modelled on LevelDB's {@code VersionSet} ({@code db/version_set.cc}).
 *
 * <p>Thread-safety: {@link #logAndApply} and {@link #recover} must be called with the store's
 * mutex held; {@link #current()}, {@link #newFileNumber()} and the sequence accessors are safe
 * from any thread.
 */
final class VersionSet {
    private static final Logger LOG = LoggerFactory.getLogger(VersionSet.class);

    private final Path dir;
    private final LsmOptions options;
    private final AtomicLong nextFileNumber = new AtomicLong(2);
    private volatile long lastSequence;
    private volatile long logNumber;
    private long manifestNumber;
    private LogWriter manifest;
    private volatile Version current;
    private final Set<Version> liveVersions = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    final byte[][] compactPointers;
    private long recoveryDroppedBytes;

    VersionSet(Path dir, LsmOptions options) {
        this.dir = dir;
        this.options = options;
        this.compactPointers = new byte[options.numLevels()][];
        Version v = new Version(this, Version.emptyLevels(options.numLevels()));
        install(v);
    }

    Version current() {
        return current;
    }

    long newFileNumber() {
        return nextFileNumber.getAndIncrement();
    }

    long nextFileNumber() {
        return nextFileNumber.get();
    }

    long lastSequence() {
        return lastSequence;
    }

    void setLastSequence(long s) {
        lastSequence = s;
    }

    long logNumber() {
        return logNumber;
    }

    long manifestNumber() {
        return manifestNumber;
    }

    long manifestSize() {
        return manifest == null ? 0 : manifest.size();
    }

    long recoveryDroppedBytes() {
        return recoveryDroppedBytes;
    }

    /** @return whether a store exists in the directory (a CURRENT file is present) */
    boolean exists() {
        return Files.exists(dir.resolve(FileNames.CURRENT));
    }

    /**
     * Loads the file set recorded by CURRENT's manifest.
     *
     * @throws CorruptionException if the manifest is damaged anywhere but a torn last record, or
     *     lists a file that is missing
     */
    void recover() {
        Path currentFile = dir.resolve(FileNames.CURRENT);
        String name;
        try {
            name = Files.readString(currentFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read " + currentFile + ": " + e.getMessage(), e);
        }
        if (!name.endsWith("\n") || name.length() < 2 || name.indexOf('/') >= 0) {
            throw new CorruptionException(currentFile, 0, "CURRENT does not name a manifest");
        }
        Path manifestPath = dir.resolve(name.substring(0, name.length() - 1));
        FileNames.Parsed parsed = FileNames.parse(manifestPath.getFileName().toString());
        if (parsed.kind() != FileNames.Kind.MANIFEST) {
            throw new CorruptionException(currentFile, 0, "CURRENT names " + manifestPath.getFileName() + ", not a manifest");
        }
        if (!Files.exists(manifestPath)) {
            throw new CorruptionException(manifestPath, -1, "manifest named by CURRENT is missing");
        }
        Builder b = new Builder(current);
        Long log = null;
        Long next = null;
        Long last = null;
        String comparator = null;
        long[] dropped = {0};
        try (LogReader r = LogReader.open(manifestPath, LogFileKind.MANIFEST, new LogReader.Reporter() {
            @Override
            public void corruption(Path file, long offset, long bytes, String reason) {
                throw new CorruptionException(file, offset, reason);
            }

            @Override
            public void tornTail(Path file, long offset, long bytes, String reason) {
                LOG.warn("dropped torn tail of {} at offset {} ({} bytes): {}", file, offset, bytes, reason);
                dropped[0] += bytes;
            }
        })) {
            byte[] rec;
            while ((rec = r.readRecord()) != null) {
                VersionEdit e = VersionEdit.decode(rec, manifestPath, r.lastRecordOffset());
                if (e.comparator != null) {
                    comparator = e.comparator;
                }
                b.apply(e);
                if (e.logNumber != null) {
                    log = e.logNumber;
                }
                if (e.nextFileNumber != null) {
                    next = e.nextFileNumber;
                }
                if (e.lastSequence != null) {
                    last = e.lastSequence;
                }
            }
        }
        recoveryDroppedBytes += dropped[0];
        if (comparator != null && !comparator.equals(VersionEdit.COMPARATOR_NAME)) {
            throw new StoreException("store " + dir + " uses key order '" + comparator + "', this build supports '"
                    + VersionEdit.COMPARATOR_NAME + "'");
        }
        if (log == null || next == null || last == null) {
            throw new CorruptionException(manifestPath, -1, "manifest lacks log number, next file number or last sequence");
        }
        Version v = b.build();
        for (int level = 0; level < v.numLevels(); level++) {
            for (FileMetaData f : v.files(level)) {
                if (!Files.exists(FileNames.table(dir, f.number()))) {
                    throw new CorruptionException(FileNames.table(dir, f.number()), -1,
                            "table file listed in " + manifestPath.getFileName() + " is missing");
                }
            }
        }
        manifestNumber = parsed.number();
        nextFileNumber.set(Math.max(next, parsed.number() + 1));
        lastSequence = last;
        logNumber = log;
        finalizeVersion(v);
        install(v);
    }

    /** Marks {@code number} as used so that it is never handed out again. */
    void markFileNumberUsed(long number) {
        nextFileNumber.accumulateAndGet(number + 1, Math::max);
    }

    /**
     * Starts a new manifest holding a snapshot of the current state, points CURRENT at it and
     * deletes nothing (obsolete manifests are removed with other obsolete files).
     */
    void writeNewManifest() {
        long number = newFileNumber();
        Path path = FileNames.manifest(dir, number);
        LogWriter w = LogWriter.create(path, LogFileKind.MANIFEST);
        VersionEdit snap = snapshotEdit(current);
        w.addRecord(snap.encode());
        w.sync();
        FileNames.setCurrent(dir, number, newFileNumber());
        if (manifest != null) {
            manifest.close();
        }
        manifest = w;
        manifestNumber = number;
    }

    /** @return an edit that, applied to an empty version, yields {@code v} plus the counters */
    VersionEdit snapshotEdit(Version v) {
        VersionEdit snap = new VersionEdit().setComparator(VersionEdit.COMPARATOR_NAME)
                .setLogNumber(logNumber).setNextFileNumber(nextFileNumber.get()).setLastSequence(lastSequence);
        for (int level = 0; level < compactPointers.length; level++) {
            if (compactPointers[level] != null) {
                snap.setCompactPointer(level, compactPointers[level]);
            }
        }
        for (int level = 0; level < v.numLevels(); level++) {
            for (FileMetaData f : v.files(level)) {
                snap.addFile(level, f);
            }
        }
        return snap;
    }

    /**
     * Applies {@code edit} to the current version, appends it to the manifest (fsynced), and
     * installs the result as current. Call with the store mutex held.
     *
     * @throws StoreException if the manifest write fails; the current version is then unchanged
     */
    void logAndApply(VersionEdit edit) {
        if (edit.logNumber == null) {
            edit.setLogNumber(logNumber);
        } else if (edit.logNumber < logNumber) {
            throw new IllegalStateException("log number moved backwards");
        }
        edit.setNextFileNumber(nextFileNumber.get());
        edit.setLastSequence(lastSequence);
        Builder b = new Builder(current);
        b.apply(edit);
        Version v = b.build();
        finalizeVersion(v);
        if (manifest == null) {
            throw new StoreException("manifest of " + dir + " is not open");
        }
        manifest.addRecord(edit.encode());
        manifest.sync();
        logNumber = edit.logNumber;
        install(v);
        if (manifest.size() > 64L << 20) {
            writeNewManifest();
        }
    }

    private void install(Version v) {
        v.ref();
        synchronized (liveVersions) {
            liveVersions.add(v);
        }
        Version old = current;
        current = v;
        if (old != null) {
            old.unref();
        }
    }

    void versionReleased(Version v) {
        synchronized (liveVersions) {
            liveVersions.remove(v);
        }
    }

    /** @return numbers of every table file listed by any version still in use */
    Set<Long> liveFiles() {
        Set<Long> live = new HashSet<>();
        synchronized (liveVersions) {
            for (Version v : liveVersions) {
                for (List<FileMetaData> level : v.levels) {
                    for (FileMetaData f : level) {
                        live.add(f.number());
                    }
                }
            }
        }
        return live;
    }

    /** Target total bytes of {@code level} (level >= 1). */
    long maxBytesForLevel(int level) {
        double result = options.maxBytesForLevelBase();
        for (int l = 1; l < level; l++) {
            result *= options.levelSizeMultiplier();
        }
        return (long) result;
    }

    /** Computes which level most needs compaction (LevelDB's {@code Finalize}). */
    void finalizeVersion(Version v) {
        int bestLevel = -1;
        double bestScore = -1;
        for (int level = 0; level < v.numLevels() - 1; level++) {
            double score;
            if (level == 0) {
                score = v.files(0).size() / (double) options.level0CompactionTrigger();
            } else {
                score = v.levelBytes(level) / (double) maxBytesForLevel(level);
            }
            if (score > bestScore) {
                bestScore = score;
                bestLevel = level;
            }
        }
        v.compactionLevel = bestLevel;
        v.compactionScore = bestScore;
    }

    void close() {
        if (manifest != null) {
            manifest.close();
            manifest = null;
        }
    }

    /** Accumulates edits on top of a base version (LevelDB's {@code VersionSet::Builder}). */
    final class Builder {
        private final List<Map<Long, FileMetaData>> levels = new ArrayList<>();

        Builder(Version base) {
            for (int l = 0; l < base.numLevels(); l++) {
                Map<Long, FileMetaData> m = new HashMap<>();
                for (FileMetaData f : base.files(l)) {
                    m.put(f.number(), f);
                }
                levels.add(m);
            }
        }

        void apply(VersionEdit e) {
            for (Object[] cp : e.compactPointers) {
                compactPointers[(Integer) cp[0]] = (byte[]) cp[1];
            }
            for (long[] d : e.deletedFiles) {
                levels.get((int) d[0]).remove(d[1]);
            }
            for (VersionEdit.LevelFile lf : e.newFiles) {
                if (lf.level() >= levels.size()) {
                    throw new CorruptionException(null, -1, "manifest places file " + lf.file().number()
                            + " at level " + lf.level() + " but the store has " + levels.size() + " levels");
                }
                levels.get(lf.level()).put(lf.file().number(), lf.file());
            }
        }

        @SuppressWarnings("unchecked")
        Version build() {
            List<FileMetaData>[] out = new List[levels.size()];
            for (int l = 0; l < levels.size(); l++) {
                List<FileMetaData> files = new ArrayList<>(levels.get(l).values());
                if (l == 0) {
                    files.sort(Comparator.comparingLong(FileMetaData::number).reversed());
                } else {
                    files.sort((a, b) -> InternalKey.compare(a.smallest(), b.smallest()));
                    for (int i = 1; i < files.size(); i++) {
                        if (InternalKey.compare(files.get(i - 1).largest(), files.get(i).smallest()) >= 0) {
                            throw new IllegalStateException("overlapping files at level " + l + ": "
                                    + files.get(i - 1) + " and " + files.get(i));
                        }
                    }
                }
                out[l] = Collections.unmodifiableList(files);
            }
            return new Version(VersionSet.this, out);
        }
    }

    /** Lists the directory, for obsolete-file deletion; empty if it vanished. */
    List<Path> listDirectory() {
        try (var s = Files.list(dir)) {
            return s.toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StoreException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
