package dev.lodedb.storage.sstable;

import static dev.lodedb.storage.sstable.TableTestSupport.randomEntries;
import static dev.lodedb.storage.sstable.TableTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.util.Checksums;
import dev.lodedb.storage.util.Coding;
import dev.lodedb.storage.util.InternalIterator;
import dev.lodedb.storage.util.InternalKey;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableCorruptionTest {
    @TempDir
    Path dir;

    private long seed;
    private NavigableMap<byte[], byte[]> model;
    private Path file;

    @BeforeEach
    void writeTable() {
        seed = TestSeeds.seed();
        model = randomEntries(new Random(seed), 5_000, 5_000);
        file = write(dir.resolve("000009.sst"), TableOptions.DEFAULT, model, List.of());
    }

    private Table open() {
        return Table.open(file, 9, new BlockCache(0), new TableStatistics());
    }

    private void patch(long offset, byte[] bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(bytes);
        }
    }

    private byte[] read(long offset, int n) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] b = new byte[n];
            f.seek(offset);
            f.readFully(b);
            return b;
        }
    }

    /** @return the handle of the data block holding {@code key} */
    private BlockHandle dataBlockOf(byte[] key) {
        try (Table t = open()) {
            BlockIterator ii = t.indexBlock(false).iterator(InternalKey.COMPARATOR);
            ii.seek(key);
            return t.decodeIndexHandle(ii);
        }
    }

    @Test
    void flippedByteInDataBlockNamesFileAndBlockOffset() throws IOException {
        byte[] key = model.keySet().stream().skip(model.size() / 2).findFirst().orElseThrow();
        BlockHandle h = dataBlockOf(key);
        assertThat(h.offset()).as("seed %d", seed).isPositive();
        byte[] b = read(h.offset() + h.size() / 2, 1);
        b[0] ^= 0x20;
        patch(h.offset() + h.size() / 2, b);
        try (Table t = open()) {
            assertThatThrownBy(() -> t.get(key, true))
                    .isInstanceOfSatisfying(CorruptionException.class, e -> {
                        assertThat(e.file()).isEqualTo(file);
                        assertThat(e.offset()).isEqualTo(h.offset());
                    })
                    .hasMessageContaining("block checksum mismatch")
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("offset " + h.offset());
            InternalIterator it = t.newIterator(false);
            assertThatThrownBy(() -> {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    it.key();
                }
            }).isInstanceOf(CorruptionException.class).hasMessageContaining("block checksum mismatch");
            // Other blocks stay readable.
            assertThat(t.get(model.firstKey(), true)).isNotNull();
        }
    }

    @Test
    void flippedTrailerByteIsDetected() throws IOException {
        BlockHandle h = dataBlockOf(model.firstKey());
        byte[] b = read(h.offset() + h.size() + 2, 1);
        b[0] ^= 1;
        patch(h.offset() + h.size() + 2, b);
        try (Table t = open()) {
            assertThatThrownBy(() -> t.get(model.firstKey(), true))
                    .isInstanceOf(CorruptionException.class).hasMessageContaining("block checksum mismatch");
        }
    }

    @Test
    void unknownCompressionTypeIsAClearError() throws IOException {
        BlockHandle h = dataBlockOf(model.firstKey());
        byte[] onDisk = read(h.offset(), (int) h.size() + 5);
        int size = (int) h.size();
        onDisk[size] = 9;
        Coding.putInt(onDisk, size + 1, Checksums.mask(Checksums.crc32c(onDisk, 0, size + 1)));
        patch(h.offset(), onDisk);
        try (Table t = open()) {
            assertThatThrownBy(() -> t.get(model.firstKey(), true))
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("unknown block compression type 9");
        }
    }

    @Test
    void truncatedFilesAreClearErrors() throws IOException {
        long size = Files.size(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size - 1);
        }
        assertThatThrownBy(this::open).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("not an SSTable").hasMessageContaining(file.toString());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(40);
        }
        assertThatThrownBy(this::open).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("too short").hasMessageContaining(file.toString());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(0);
        }
        assertThatThrownBy(this::open).isInstanceOf(CorruptionException.class).hasMessageContaining("too short");
    }

    @Test
    void badMagicIsNotAnSSTable() throws IOException {
        long size = Files.size(file);
        patch(size - 8, "NOTATABL".getBytes());
        assertThatThrownBy(this::open).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("not an SSTable").hasMessageContaining(file.toString());
    }

    @Test
    void badFooterChecksumNamesTheFooterOffset() throws IOException {
        long size = Files.size(file);
        byte[] b = read(size - 64, 1);
        b[0] ^= 4;
        patch(size - 64, b);
        assertThatThrownBy(this::open).isInstanceOfSatisfying(CorruptionException.class, e -> {
            assertThat(e.offset()).isEqualTo(size - 64);
            assertThat(e.file()).isEqualTo(file);
        }).hasMessageContaining("footer checksum mismatch");
    }

    @Test
    void unknownFormatVersionIsAClearError() throws IOException {
        long size = Files.size(file);
        byte[] footer = read(size - 64, 64);
        Coding.putInt(footer, 40, 7);
        Coding.putInt(footer, 48, Checksums.mask(Checksums.crc32c(footer, 0, 48)));
        patch(size - 64, footer);
        assertThatThrownBy(this::open).isInstanceOf(StoreException.class)
                .isNotInstanceOf(CorruptionException.class)
                .hasMessage("unsupported SSTable format version 7 in " + file);
    }

    @Test
    void blockHandlePastTheEndIsCorruption() throws IOException {
        long size = Files.size(file);
        byte[] footer = read(size - 64, 64);
        byte[] handle = new BlockHandle(size, 100).encode();
        java.util.Arrays.fill(footer, 20, 40, (byte) 0);
        System.arraycopy(handle, 0, footer, 20, handle.length);
        Coding.putInt(footer, 48, Checksums.mask(Checksums.crc32c(footer, 0, 48)));
        patch(size - 64, footer);
        try (Table t = open()) {
            assertThatThrownBy(() -> t.get(model.firstKey(), true))
                    .isInstanceOf(CorruptionException.class).hasMessageContaining("past the data area");
        }
    }

    @Test
    void missingFileIsAStoreError() {
        Path missing = dir.resolve("000404.sst");
        assertThatThrownBy(() -> Table.open(missing, 404, new BlockCache(0), new TableStatistics()))
                .isInstanceOf(StoreException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void closedTableRefusesReads() {
        Table t = open();
        Map.Entry<byte[], byte[]> e = model.firstEntry();
        assertThat(t.get(e.getKey(), false)).isNotNull();
        t.close();
        t.close();
        assertThatThrownBy(() -> t.get(e.getKey(), false)).isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
    }
}
