package dev.lodedb.storage.lsm;

import static dev.lodedb.storage.lsm.LsmTestSupport.all;
import static dev.lodedb.storage.lsm.LsmTestSupport.b;
import static dev.lodedb.storage.lsm.LsmTestSupport.copyStore;
import static dev.lodedb.storage.lsm.LsmTestSupport.flipByte;
import static dev.lodedb.storage.lsm.LsmTestSupport.only;
import static dev.lodedb.storage.lsm.LsmTestSupport.s;
import static dev.lodedb.storage.lsm.LsmTestSupport.smallOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery from what a crash or a disk leaves behind. A "crash" is simulated by copying the files
 * of a store that is still open (what the operating system holds), then damaging the copy.
 */
class RecoveryTest {
    @TempDir
    Path tmp;

    private static LsmOptions bigBuffer() {
        return smallOptions().writeBufferSize(64 << 20);
    }

    @Test
    void unflushedWritesAreReplayedFromTheLog() throws IOException {
        Path db = tmp.resolve("db");
        Path crashed = tmp.resolve("crashed");
        try (LsmStore store = LsmStore.open(db, bigBuffer())) {
            for (int i = 0; i < 1000; i++) {
                store.put(b("k" + i), b("v" + i));
            }
            store.deleteRange(b("k5"), b("k6"));
            copyStore(db, crashed);
        }
        try (LsmStore store = LsmStore.open(crashed, bigBuffer())) {
            assertThat(s(store.get(b("k999")))).isEqualTo("v999");
            assertThat(store.get(b("k55"))).isNull();
            assertThat(store.properties().get("recovery.dropped-bytes")).isZero();
            assertThat(store.properties().get("sequence.last")).isEqualTo(1001);
        }
    }

    @Test
    void tornTailIsDroppedAndReported() throws IOException {
        Path db = tmp.resolve("db");
        Path crashed = tmp.resolve("crashed");
        try (LsmStore store = LsmStore.open(db, bigBuffer())) {
            for (int i = 0; i < 100; i++) {
                store.put(b("k" + i), b("v" + i));
            }
            store.put(b("last"), b("x".repeat(1000)));
            copyStore(db, crashed);
        }
        Path log = only(crashed, ".log");
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            f.setLength(f.length() - 500); // the last record is cut in half
        }
        try (LsmStore store = LsmStore.open(crashed, bigBuffer())) {
            assertThat(s(store.get(b("k99")))).isEqualTo("v99");
            assertThat(store.get(b("last"))).isNull();
            assertThat(store.properties().get("recovery.dropped-bytes")).isPositive();
        }
    }

    @Test
    void corruptionInTheMiddleOfTheLogIsAnErrorNamingFileAndOffsetUnlessSalvaged() throws IOException {
        Path db = tmp.resolve("db");
        Path crashed = tmp.resolve("crashed");
        try (LsmStore store = LsmStore.open(db, bigBuffer())) {
            for (int i = 0; i < 2000; i++) {
                store.put(b(String.format("k%05d", i)), b("value-" + i + "-".repeat(40)));
            }
            copyStore(db, crashed);
        }
        Path log = only(crashed, ".log");
        assertThat(Files.size(log)).isGreaterThan(3 * 32768);
        flipByte(log, 1000);
        Path copy = tmp.resolve("copy");
        copyStore(crashed, copy);
        assertThatThrownBy(() -> LsmStore.open(crashed, bigBuffer()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(log.getFileName().toString())
                .hasMessageContaining("offset")
                .hasMessageContaining("salvage");
        try (LsmStore store = LsmStore.open(copy, bigBuffer().salvage(true))) {
            assertThat(s(store.get(b("k01999")))).startsWith("value-1999");
            assertThat(store.properties().get("recovery.dropped-bytes")).isPositive();
            int present = 0;
            try (StoreIterator it = store.newIterator()) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    present++;
                }
            }
            assertThat(present).isBetween(1500, 1999);
        }
    }

    @Test
    void corruptTableBlockIsReportedWithFileAndOffset() throws IOException {
        Path db = tmp.resolve("db");
        try (LsmStore store = LsmStore.open(db, smallOptions())) {
            for (int i = 0; i < 500; i++) {
                store.put(b(String.format("k%05d", i)), b("value-" + i));
            }
            store.flush();
        }
        Path sst = only(db, ".sst");
        flipByte(sst, 100); // inside the first data block
        try (LsmStore store = LsmStore.open(db, smallOptions())) {
            assertThatThrownBy(() -> store.get(b("k00000")))
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(sst.getFileName().toString())
                    .hasMessageContaining("offset");
            assertThatThrownBy(() -> {
                try (StoreIterator it = store.newIterator()) {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        it.key();
                    }
                }
            }).isInstanceOf(CorruptionException.class);
        }
    }

    @Test
    void corruptManifestIsAnErrorNamingIt() throws IOException {
        Path db = tmp.resolve("db");
        try (LsmStore store = LsmStore.open(db, smallOptions())) {
            for (int i = 0; i < 3000; i++) {
                store.put(b(String.format("k%05d", i)), b("value-" + i));
            }
            store.flush();
        }
        try (LsmStore store = LsmStore.open(db, smallOptions())) {
            store.put(b("x"), b("y"));
            store.flush(); // a second record after the snapshot
        }
        Path manifest = all(db, "").stream().filter(p -> p.getFileName().toString().startsWith("MANIFEST-"))
                .reduce((a, c) -> c).orElseThrow();
        flipByte(manifest, 30);
        Path m = manifest;
        assertThatThrownBy(() -> LsmStore.open(db, smallOptions()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(m.getFileName().toString())
                .hasMessageContaining("offset 20");
    }

    @Test
    void missingTableIsAnErrorNamingIt() throws IOException {
        Path db = tmp.resolve("db");
        try (LsmStore store = LsmStore.open(db, smallOptions())) {
            store.put(b("a"), b("b"));
            store.flush();
        }
        Path sst = only(db, ".sst");
        Files.delete(sst);
        assertThatThrownBy(() -> LsmStore.open(db, smallOptions()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(sst.getFileName().toString())
                .hasMessageContaining("missing");
    }

    @Test
    void unknownTableFormatVersionIsRefused() throws IOException {
        Path db = tmp.resolve("db");
        try (LsmStore store = LsmStore.open(db, smallOptions())) {
            store.put(b("a"), b("b"));
            store.flush();
        }
        Path sst = only(db, ".sst");
        byte[] data = Files.readAllBytes(sst);
        // Footer: version is the uint32 at 24 bytes before the end (see docs/storage/sstable.md).
        int versionOffset = data.length - 64 + 40;
        data[versionOffset] = 99;
        Files.write(sst, data);
        try (LsmStore store = LsmStore.open(db, smallOptions())) {
            assertThatThrownBy(() -> store.get(b("a")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(sst.getFileName().toString());
        }
    }

    @Test
    void dataFilesWithoutCurrentAreNotOverwritten() throws IOException {
        Path db = tmp.resolve("db");
        try (LsmStore store = LsmStore.open(db, smallOptions())) {
            store.put(b("a"), b("b"));
            store.flush();
        }
        Files.delete(db.resolve("CURRENT"));
        assertThatThrownBy(() -> LsmStore.open(db, smallOptions()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("no CURRENT");
    }

    @Test
    void syncedWritesAreDurableAcrossReopen() {
        Path db = tmp.resolve("db");
        try (LsmStore store = LsmStore.open(db, bigBuffer())) {
            for (int i = 0; i < 50; i++) {
                store.write(WriteOptions.SYNC, new dev.lodedb.storage.WriteBatch().put(b("s" + i), b("v")));
            }
            assertThat(store.properties().get("wal.syncs")).isEqualTo(50);
        }
        try (LsmStore store = LsmStore.open(db, bigBuffer())) {
            assertThat(store.get(b("s49"))).isNotNull();
        }
    }
}
