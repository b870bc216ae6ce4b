package dev.lodedb.storage.lsm;

import dev.lodedb.storage.util.InternalKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An immutable set of live SSTables arranged in levels, as in LevelDB's {@code Version}. Level 0
 * holds memtable flushes, which may overlap each other, newest file first; every level above 0 is
 * sorted by key and its files do not overlap.
 *
 * <p>Readers pin a version with {@link #ref()} while they use its files; a file is deleted only
 * when no pinned version lists it. Thread-safe: the file lists never change after construction.
 */
final class Version {
    private final VersionSet owner;
    final List<FileMetaData>[] levels;
    private final AtomicInteger refs = new AtomicInteger();

    // Computed by VersionSet.finalizeVersion: the level most in need of compaction and its score.
    double compactionScore = -1;
    int compactionLevel = -1;

    Version(VersionSet owner, List<FileMetaData>[] levels) {
        this.owner = owner;
        this.levels = levels;
    }

    @SuppressWarnings("unchecked")
    static List<FileMetaData>[] emptyLevels(int n) {
        List<FileMetaData>[] l = new List[n];
        for (int i = 0; i < n; i++) {
            l[i] = Collections.emptyList();
        }
        return l;
    }

    void ref() {
        refs.incrementAndGet();
    }

    void unref() {
        if (refs.decrementAndGet() == 0) {
            owner.versionReleased(this);
        }
    }

    int refCount() {
        return refs.get();
    }

    int numLevels() {
        return levels.length;
    }

    List<FileMetaData> files(int level) {
        return levels[level];
    }

    long levelBytes(int level) {
        long s = 0;
        for (FileMetaData f : levels[level]) {
            s += f.size();
        }
        return s;
    }

    /**
     * @return index in sorted, disjoint {@code files} of the first file whose largest key is
     *     {@code >= ikey}, or {@code files.size()} if none (LevelDB's {@code FindFile})
     */
    static int findFile(List<FileMetaData> files, byte[] ikey) {
        int lo = 0;
        int hi = files.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (InternalKey.compare(files.get(mid).largest(), ikey) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Files of {@code level} whose user-key range intersects {@code [begin, end]} (null =
     * unbounded). For level 0 the range is widened to the union of the overlapping files,
     * transitively, because level-0 files overlap each other (LevelDB's {@code GetOverlappingInputs}).
     */
    List<FileMetaData> overlappingInputs(int level, byte[] begin, byte[] end) {
        List<FileMetaData> out = new ArrayList<>();
        List<FileMetaData> files = levels[level];
        byte[] b = begin;
        byte[] e = end;
        for (int i = 0; i < files.size(); i++) {
            FileMetaData f = files.get(i);
            if (!f.overlapsUserRange(b, e)) {
                continue;
            }
            out.add(f);
            if (level == 0) {
                byte[] fs = f.smallestUserKey();
                byte[] fl = f.largestUserKey();
                boolean widened = false;
                if (b != null && Arrays.compareUnsigned(fs, b) < 0) {
                    b = fs;
                    widened = true;
                }
                if (e != null && Arrays.compareUnsigned(fl, e) > 0) {
                    e = fl;
                    widened = true;
                }
                if (widened) {
                    out.clear();
                    i = -1;
                }
            }
        }
        return out;
    }

    /** @return whether any file in a level above {@code level} may hold {@code userKey} */
    boolean keyMayExistBelow(int level, byte[] userKey) {
        for (int l = level + 1; l < levels.length; l++) {
            if (!filesCovering(l, userKey).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** @return whether any file in a level above {@code level} intersects {@code [begin, end)} */
    boolean rangeMayExistBelow(int level, byte[] begin, byte[] end) {
        for (int l = level + 1; l < levels.length; l++) {
            for (FileMetaData f : levels[l]) {
                if (InternalKey.compareUserKey(f.smallest(), end) < 0
                        && InternalKey.compareUserKey(f.largest(), begin) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @return the files of {@code level} whose user-key range contains {@code userKey}: for level
     *     0 all of them, newest first; above, at most one
     */
    List<FileMetaData> filesCovering(int level, byte[] userKey) {
        List<FileMetaData> files = levels[level];
        if (level == 0) {
            List<FileMetaData> out = null;
            for (FileMetaData f : files) {
                if (InternalKey.compareUserKey(f.smallest(), userKey) <= 0
                        && InternalKey.compareUserKey(f.largest(), userKey) >= 0) {
                    if (out == null) {
                        out = new ArrayList<>(2);
                    }
                    out.add(f);
                }
            }
            return out == null ? List.of() : out;
        }
        // MAX_SEQUENCE - 1: a file ending in the range-tombstone sentinel (userKey, MAX_SEQUENCE) does not hold userKey.
        int i = findFile(files, InternalKey.encode(userKey, InternalKey.MAX_SEQUENCE - 1, InternalKey.TYPE_FOR_SEEK));
        if (i < files.size() && InternalKey.compareUserKey(files.get(i).smallest(), userKey) <= 0) {
            return List.of(files.get(i));
        }
        return List.of();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Version{");
        for (int i = 0; i < levels.length; i++) {
            if (!levels[i].isEmpty()) {
                sb.append(" L").append(i).append('=').append(levels[i]);
            }
        }
        return sb.append(" }").toString();
    }
}
