package dev.lodedb.storage.wal;

import static dev.lodedb.storage.wal.LogFormat.BLOCK_SIZE;
import static dev.lodedb.storage.wal.LogFormat.HEADER_SIZE;
import static dev.lodedb.storage.wal.LogTestSupport.FILE_HEADER;
import static dev.lodedb.storage.wal.LogTestSupport.pattern;
import static dev.lodedb.storage.wal.LogTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.util.Checksums;
import dev.lodedb.storage.util.Coding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LogWriter}: byte layout, buffering, size accounting and lifecycle. */
class LogWriterTest {
    @TempDir
    Path dir;

    @Test
    void fragmentBytesFollowLevelDbLayout() {
        Path file = dir.resolve("000001.log");
        try (LogWriter w = LogWriter.create(file, LogFileKind.WAL)) {
            w.addRecord("foo".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] b = LogTestSupport.bytes(file);
        assertThat(b).hasSize(FILE_HEADER + HEADER_SIZE + 3);
        int p = FILE_HEADER;
        int expectedCrc = Checksums.mask(Checksums.crc32c((byte) 1, "foo".getBytes(StandardCharsets.US_ASCII), 0, 3));
        assertThat(Coding.getInt(b, p)).as("masked CRC32C of type + payload, little-endian").isEqualTo(expectedCrc);
        assertThat(b[p + 4]).as("length low byte").isEqualTo((byte) 3);
        assertThat(b[p + 5]).as("length high byte").isZero();
        assertThat(b[p + 6]).as("type FULL").isEqualTo((byte) 1);
        assertThat(new String(b, p + 7, 3, StandardCharsets.US_ASCII)).isEqualTo("foo");
    }

    @Test
    void multiBlockRecordIsFirstMiddleLast() {
        Path file = dir.resolve("000002.log");
        try (LogWriter w = LogWriter.create(file, LogFileKind.WAL)) {
            w.addRecord(pattern(2 * BLOCK_SIZE, 1));
        }
        byte[] b = LogTestSupport.bytes(file);
        assertThat(b[6]).isEqualTo((byte) LogFormat.FULL_TYPE); // header record
        assertThat(b[FILE_HEADER + 6]).isEqualTo((byte) LogFormat.FIRST_TYPE);
        int firstLen = Short.toUnsignedInt((short) ((b[FILE_HEADER + 4] & 0xff) | (b[FILE_HEADER + 5] & 0xff) << 8));
        assertThat(firstLen).isEqualTo(BLOCK_SIZE - FILE_HEADER - HEADER_SIZE);
        assertThat(b[BLOCK_SIZE + 6]).isEqualTo((byte) LogFormat.MIDDLE_TYPE);
        assertThat(b[2 * BLOCK_SIZE + 6]).isEqualTo((byte) LogFormat.LAST_TYPE);
        assertThat(b).hasSize(2 * BLOCK_SIZE + HEADER_SIZE + (2 * BLOCK_SIZE - firstLen - (BLOCK_SIZE - HEADER_SIZE)));
    }

    @Test
    void createWritesTheHeaderAtOnce() throws IOException {
        Path file = dir.resolve("000003.log");
        try (LogWriter w = LogWriter.create(file, LogFileKind.WAL)) {
            assertThat(w.path()).isEqualTo(file);
            assertThat(w.size()).isEqualTo(FILE_HEADER);
            assertThat(Files.size(file)).isEqualTo(FILE_HEADER);
        }
    }

    @Test
    void createRefusesAnExistingFile() throws IOException {
        Path file = dir.resolve("000004.log");
        Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> LogWriter.create(file, LogFileKind.WAL))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("already exists");
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
    }

    @Test
    void recordsAreBufferedUntilFlush() throws IOException {
        Path file = dir.resolve("000005.log");
        long expected = FILE_HEADER + 10 * (HEADER_SIZE + 100);
        try (LogWriter w = LogWriter.create(file, LogFileKind.WAL)) {
            for (int i = 0; i < 10; i++) {
                w.addRecord(pattern(100, i));
            }
            assertThat(w.size()).isEqualTo(expected);
            assertThat(Files.size(file)).as("nothing written before flush").isEqualTo(FILE_HEADER);
            w.flush();
            assertThat(Files.size(file)).isEqualTo(expected);
            w.addRecord(pattern(5, 99));
            w.sync();
            assertThat(Files.size(file)).as("sync writes zeros ahead").isEqualTo(w.size() + LogWriter.PREALLOCATE_BYTES);
            long synced = w.size();
            w.addRecord(pattern(5, 100));
            w.sync();
            assertThat(Files.size(file)).as("the next sync overwrites them").isEqualTo(synced + LogWriter.PREALLOCATE_BYTES);
        }
        assertThat(Files.size(file)).as("close cuts the zeros off").isEqualTo(expected + 2 * (HEADER_SIZE + 5));
    }

    @Test
    void sizeCountsTrailersAndFragmentHeaders() {
        Path file = dir.resolve("000006.log");
        try (LogWriter w = LogWriter.create(file, LogFileKind.WAL)) {
            w.addRecord(pattern(BLOCK_SIZE - FILE_HEADER - HEADER_SIZE - 3, 1)); // 3 bytes left
            assertThat(w.size()).isEqualTo(BLOCK_SIZE - 3);
            w.addRecord(new byte[0]); // 3-byte trailer, then a header-only fragment in block 1
            assertThat(w.size()).isEqualTo(BLOCK_SIZE + HEADER_SIZE);
            w.addRecord(pattern(3 * BLOCK_SIZE, 2)); // four fragments, four headers
            assertThat(w.size()).isEqualTo(BLOCK_SIZE + HEADER_SIZE + 3L * BLOCK_SIZE + 4 * HEADER_SIZE);
            w.flush();
            assertThat(LogTestSupport.bytes(file)).hasSize((int) w.size());
        }
    }

    @Test
    void hugeRecordsSpillWhileBeingAdded() throws IOException {
        Path file = dir.resolve("000007.log");
        byte[] big = pattern(5 * LogWriter.SPILL_BYTES, 7);
        try (LogWriter w = LogWriter.create(file, LogFileKind.WAL)) {
            w.addRecord(big);
            assertThat(Files.size(file)).as("spilled before flush").isGreaterThan(LogWriter.SPILL_BYTES);
            assertThat(Files.size(file)).isLessThan(w.size());
        }
        LogTestSupport.Read r = readAll(file);
        assertThat(r.records()).hasSize(1);
        assertThat(r.records().get(0)).isEqualTo(big);
    }

    @Test
    void addRecordTakesASlice() {
        Path file = dir.resolve("000008.log");
        byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
        try (LogWriter w = LogWriter.create(file, LogFileKind.WAL)) {
            w.addRecord(data, 2, 5);
            data[3] = 'X'; // the writer copied the bytes
            assertThatThrownBy(() -> w.addRecord(data, 8, 5)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> w.addRecord(data, -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        }
        LogTestSupport.Read r = readAll(file);
        assertThat(r.records()).hasSize(1);
        assertThat(r.records().get(0)).asString(StandardCharsets.US_ASCII).isEqualTo("23456");
    }

    @Test
    void closeFlushesAndIsIdempotent() throws IOException {
        Path file = dir.resolve("000009.log");
        LogWriter w = LogWriter.create(file, LogFileKind.WAL);
        w.addRecord(pattern(1000, 1));
        long size = w.size();
        w.close();
        w.close();
        assertThat(Files.size(file)).isEqualTo(size);
        assertThatThrownBy(() -> w.addRecord(new byte[1])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString());
        assertThatThrownBy(w::flush).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(w::sync).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readerRefusesUseAfterClose() {
        Path file = dir.resolve("000010.log");
        LogWriter.create(file, LogFileKind.WAL).close();
        LogReader r = LogReader.open(file, LogFileKind.WAL, new RecordingReporter());
        r.close();
        r.close();
        assertThatThrownBy(r::readRecord).isInstanceOf(IllegalStateException.class);
    }
}
