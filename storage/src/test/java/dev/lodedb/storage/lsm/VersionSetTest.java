package dev.lodedb.storage.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.util.Bytes;
import dev.lodedb.storage.util.InternalKey;
import dev.lodedb.storage.wal.LogFileKind;
import dev.lodedb.storage.wal.LogWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Version edits and manifest replay. */
class VersionSetTest {
    @TempDir
    Path dir;

    private static FileMetaData file(long number, String lo, String hi) {
        return new FileMetaData(number, 1000 + number, InternalKey.encode(Bytes.utf8(lo), number * 10, InternalKey.TYPE_VALUE),
                InternalKey.encode(Bytes.utf8(hi), number * 10 + 1, InternalKey.TYPE_VALUE), number * 10, number * 10 + 1, number % 2);
    }

    @Test
    void editRoundTripsEveryField() {
        VersionEdit e = new VersionEdit().setComparator(VersionEdit.COMPARATOR_NAME).setLogNumber(7).setNextFileNumber(99)
                .setLastSequence(123456789L).setCompactPointer(2, InternalKey.encode(Bytes.utf8("m"), 5, 1))
                .deleteFile(1, 17).addFile(3, file(21, "a", "k"));
        VersionEdit d = VersionEdit.decode(e.encode(), dir, 0);
        assertThat(d.comparator).isEqualTo(VersionEdit.COMPARATOR_NAME);
        assertThat(d.logNumber).isEqualTo(7);
        assertThat(d.nextFileNumber).isEqualTo(99);
        assertThat(d.lastSequence).isEqualTo(123456789L);
        assertThat(d.deletedFiles).singleElement().satisfies(x -> assertThat(x).containsExactly(1, 17));
        assertThat(d.newFiles).singleElement().satisfies(lf -> {
            assertThat(lf.level()).isEqualTo(3);
            assertThat(lf.file().number()).isEqualTo(21);
            assertThat(lf.file().size()).isEqualTo(1021);
            assertThat(lf.file().smallest()).isEqualTo(file(21, "a", "k").smallest());
            assertThat(lf.file().numRangeDeletions()).isEqualTo(1);
        });
        assertThat((byte[]) d.compactPointers.get(0)[1]).isEqualTo(InternalKey.encode(Bytes.utf8("m"), 5, 1));
    }

    @Test
    void unknownTagAndTruncationAreCorruption() {
        assertThatThrownBy(() -> VersionEdit.decode(new byte[] {99, 1}, dir.resolve("MANIFEST-000001"), 42))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("unknown manifest edit tag 99")
                .hasMessageContaining("offset 42");
        byte[] full = new VersionEdit().addFile(1, file(3, "a", "b")).encode();
        assertThatThrownBy(() -> VersionEdit.decode(java.util.Arrays.copyOf(full, full.length - 3), dir, 0))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("truncated");
    }

    @Test
    void replayAppliesEditsInOrder() throws IOException {
        Path m = dir.resolve("MANIFEST-000005");
        try (LogWriter w = LogWriter.create(m, LogFileKind.MANIFEST)) {
            w.addRecord(new VersionEdit().setComparator(VersionEdit.COMPARATOR_NAME).setLogNumber(4).setNextFileNumber(10)
                    .setLastSequence(100).addFile(0, file(6, "a", "z")).addFile(1, file(7, "a", "f"))
                    .addFile(1, file(8, "g", "p")).encode());
            w.addRecord(new VersionEdit().deleteFile(0, 6).deleteFile(1, 7).addFile(1, file(9, "a", "c"))
                    .setLogNumber(11).setNextFileNumber(12).setLastSequence(200).encode());
            w.sync();
        }
        for (long n : new long[] {8, 9}) {
            Files.write(FileNames.table(dir, n), new byte[0]);
        }
        Files.writeString(dir.resolve("CURRENT"), "MANIFEST-000005\n");
        VersionSet vs = new VersionSet(dir, new LsmOptions());
        vs.recover();
        Version v = vs.current();
        assertThat(v.files(0)).isEmpty();
        assertThat(v.files(1)).extracting(FileMetaData::number).containsExactly(9L, 8L);
        assertThat(vs.logNumber()).isEqualTo(11);
        assertThat(vs.lastSequence()).isEqualTo(200);
        assertThat(vs.nextFileNumber()).isEqualTo(12);
    }

    @Test
    void foreignComparatorAndBadCurrentAreRefused() throws IOException {
        Path m = dir.resolve("MANIFEST-000002");
        try (LogWriter w = LogWriter.create(m, LogFileKind.MANIFEST)) {
            w.addRecord(new VersionEdit().setComparator("leveldb.BytewiseComparator").setLogNumber(1).setNextFileNumber(3)
                    .setLastSequence(0).encode());
            w.sync();
        }
        Files.writeString(dir.resolve("CURRENT"), "MANIFEST-000002\n");
        assertThatThrownBy(() -> new VersionSet(dir, new LsmOptions()).recover())
                .isInstanceOf(StoreException.class).hasMessageContaining("leveldb.BytewiseComparator");
        Files.writeString(dir.resolve("CURRENT"), "garbage");
        assertThatThrownBy(() -> new VersionSet(dir, new LsmOptions()).recover())
                .isInstanceOf(CorruptionException.class).hasMessageContaining("CURRENT");
    }
}
