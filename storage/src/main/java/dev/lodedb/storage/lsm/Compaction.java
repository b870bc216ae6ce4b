package dev.lodedb.storage.lsm;

import java.util.ArrayList;
import java.util.List;

/**
 * One compaction's inputs: files of {@code level} and the overlapping files of
 * {@code level + 1}, merged into new files at {@code level + 1} (LevelDB's {@code Compaction}).
 * Immutable once picked; the version it was picked from is pinned until it is applied.
 */
final class Compaction {
    final int level;
    final List<FileMetaData> inputs;
    final List<FileMetaData> nextLevelInputs;
    final Version version;
    final boolean manual;

    Compaction(int level, List<FileMetaData> inputs, List<FileMetaData> nextLevelInputs, Version version, boolean manual) {
        this.level = level;
        this.inputs = inputs;
        this.nextLevelInputs = nextLevelInputs;
        this.version = version;
        this.manual = manual;
    }

    int outputLevel() {
        return level + 1;
    }

    /** @return whether the single input can be moved down without rewriting (no overlap below it) */
    boolean isTrivialMove() {
        return inputs.size() == 1 && nextLevelInputs.isEmpty() && !manual;
    }

    List<FileMetaData> allInputs() {
        List<FileMetaData> all = new ArrayList<>(inputs);
        all.addAll(nextLevelInputs);
        return all;
    }

    long inputBytes() {
        long s = 0;
        for (FileMetaData f : inputs) {
            s += f.size();
        }
        for (FileMetaData f : nextLevelInputs) {
            s += f.size();
        }
        return s;
    }

    /**
     * Picks the compaction the current version most needs, or {@code null} if no level is over
     * its target (LevelDB's {@code PickCompaction}, size-triggered): level 0 by file count, deeper
     * levels by bytes; within a level, round-robin over the key space from the level's compact
     * pointer.
     */
    static Compaction pick(VersionSet versions, Version v) {
        if (v.compactionScore < 1) {
            return null;
        }
        int level = v.compactionLevel;
        List<FileMetaData> files = v.files(level);
        FileMetaData seed = null;
        if (level == 0) {
            seed = files.get(files.size() - 1); // oldest
        } else {
            byte[] pointer = versions.compactPointers[level];
            for (FileMetaData f : files) {
                if (pointer == null || dev.lodedb.storage.util.InternalKey.compare(f.largest(), pointer) > 0) {
                    seed = f;
                    break;
                }
            }
            if (seed == null) {
                seed = files.get(0);
            }
        }
        List<FileMetaData> inputs;
        if (level == 0) {
            inputs = v.overlappingInputs(0, seed.smallestUserKey(), seed.largestUserKey());
        } else {
            inputs = List.of(seed);
        }
        return withNextLevel(v, level, inputs, false);
    }

    /** @return a compaction of {@code inputs} at {@code level} with every overlapping file of the next level */
    static Compaction withNextLevel(Version v, int level, List<FileMetaData> inputs, boolean manual) {
        byte[][] range = userRange(inputs);
        List<FileMetaData> next = v.overlappingInputs(level + 1, range[0], range[1]);
        return new Compaction(level, inputs, next, v, manual);
    }

    /** @return the largest internal key over {@code files} (the next compaction of the level starts after it) */
    static byte[] largestKey(List<FileMetaData> files) {
        byte[] hi = null;
        for (FileMetaData f : files) {
            if (hi == null || dev.lodedb.storage.util.InternalKey.compare(f.largest(), hi) > 0) {
                hi = f.largest();
            }
        }
        return hi;
    }

    /** @return {smallest, largest} user key over {@code files} */
    static byte[][] userRange(List<FileMetaData> files) {
        byte[] lo = null;
        byte[] hi = null;
        for (FileMetaData f : files) {
            byte[] s = f.smallestUserKey();
            byte[] l = f.largestUserKey();
            if (lo == null || java.util.Arrays.compareUnsigned(s, lo) < 0) {
                lo = s;
            }
            if (hi == null || java.util.Arrays.compareUnsigned(l, hi) > 0) {
                hi = l;
            }
        }
        return new byte[][] {lo, hi};
    }
}
