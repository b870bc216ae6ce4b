package dev.lodedb.storage.wal;

import static dev.lodedb.storage.wal.LogFormat.BLOCK_SIZE;
import static dev.lodedb.storage.wal.LogFormat.HEADER_SIZE;
import static dev.lodedb.storage.wal.LogTestSupport.FILE_HEADER;
import static dev.lodedb.storage.wal.LogTestSupport.pattern;
import static dev.lodedb.storage.wal.LogTestSupport.readAll;
import static dev.lodedb.storage.wal.LogTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Records written by {@link LogWriter} read back unchanged, at the offsets the format predicts. */
class LogRoundTripTest {
    @TempDir
    Path dir;

    private void assertRoundTrip(List<byte[]> records, String context) {
        Path file = dir.resolve("000001.log");
        LogTestSupport.Written w = write(file, records);
        LogTestSupport.Read r = readAll(file);
        assertThat(r.reporter().corruptions).as(context).isEmpty();
        assertThat(r.reporter().tornTails).as(context).isEmpty();
        assertThat(r.records()).as(context).hasSameSizeAs(records);
        for (int i = 0; i < records.size(); i++) {
            assertThat(r.records().get(i)).as("%s: record %d", context, i).isEqualTo(records.get(i));
        }
        assertThat(r.offsets()).as(context).isEqualTo(w.starts());
        assertThat(LogTestSupport.bytes(file)).as(context).hasSize((int) w.size());
    }

    @Test
    void logWithoutRecordsReadsAsEmpty() {
        assertRoundTrip(List.of(), "no records");
    }

    @Test
    void emptyRecords() {
        assertRoundTrip(List.of(new byte[0]), "one empty record");
        dir.resolve("000001.log").toFile().delete();
        assertRoundTrip(List.of(new byte[0], "x".getBytes(StandardCharsets.UTF_8), new byte[0], new byte[0]),
                "empty records among others");
    }

    @Test
    void smallRecords() {
        List<byte[]> records = new ArrayList<>();
        for (String s : new String[] {"foo", "bar", "", "xxxx", "a longer record of a few dozen bytes"}) {
            records.add(s.getBytes(StandardCharsets.UTF_8));
        }
        assertRoundTrip(records, "small records");
    }

    @Test
    void recordExactlyFillingTheFirstBlock() {
        int fill = BLOCK_SIZE - FILE_HEADER - HEADER_SIZE;
        List<byte[]> records = List.of(pattern(fill, 1), pattern(5, 2));
        assertRoundTrip(records, "block-filling record");
        LogTestSupport.Written w = write(dir.resolve("000002.log"), records);
        assertThat(w.ends().get(0)).isEqualTo(BLOCK_SIZE);
        assertThat(w.starts().get(1)).isEqualTo(BLOCK_SIZE);
    }

    @ParameterizedTest(name = "record of {0} bytes")
    @ValueSource(ints = {
        BLOCK_SIZE - FILE_HEADER - HEADER_SIZE + 1, // FIRST + LAST, 1 byte in the second block
        BLOCK_SIZE, // two blocks
        2 * BLOCK_SIZE - FILE_HEADER - 2 * HEADER_SIZE, // FIRST + LAST filling two blocks exactly
        2 * BLOCK_SIZE, // three blocks: FIRST MIDDLE LAST
        100_000, // four blocks
        1 << 20, // 33 blocks
        3 * LogWriter.SPILL_BYTES + 12_345 // larger than the writer's spill threshold
    })
    void recordsSpanningBlocks(int size) {
        assertRoundTrip(List.of(pattern(10, 1), pattern(size, size), pattern(10, 3)), size + " bytes");
    }

    /**
     * After a first record, {@code leftover} bytes remain in block 0. Below {@value
     * LogFormat#HEADER_SIZE} they become a zero trailer and the next record starts in block 1; at
     * exactly 7 the next record starts with a header-only fragment at the end of block 0.
     */
    @ParameterizedTest(name = "{0} bytes left in the block")
    @ValueSource(ints = {0, 1, 5, 6, 7, 8, 13, 14})
    void blockTailTrailers(int leftover) {
        int first = BLOCK_SIZE - FILE_HEADER - HEADER_SIZE - leftover;
        for (byte[] next : List.of(new byte[0], pattern(3, 9), pattern(BLOCK_SIZE, 10))) {
            Path file = dir.resolve("tail-" + leftover + "-" + next.length + ".log");
            LogTestSupport.Written w = write(file, List.of(pattern(first, 8), next, pattern(4, 11)));
            assertThat(w.ends().get(0)).isEqualTo(BLOCK_SIZE - leftover);
            long expectedStart = leftover < HEADER_SIZE ? BLOCK_SIZE : BLOCK_SIZE - leftover;
            assertThat(w.starts().get(1)).as("leftover %d", leftover).isEqualTo(expectedStart);
            byte[] bytes = LogTestSupport.bytes(file);
            if (leftover < HEADER_SIZE) {
                for (int i = BLOCK_SIZE - leftover; i < BLOCK_SIZE; i++) {
                    assertThat(bytes[i]).as("trailer byte %d", i).isZero();
                }
            } else if (leftover == HEADER_SIZE) {
                int p = BLOCK_SIZE - HEADER_SIZE;
                assertThat(bytes[p + 4] | bytes[p + 5]).as("header-only fragment length").isZero();
                int expectedType = next.length == 0 ? LogFormat.FULL_TYPE : LogFormat.FIRST_TYPE;
                assertThat(bytes[p + 6]).as("header-only fragment type").isEqualTo((byte) expectedType);
            }
            LogTestSupport.Read r = readAll(file);
            assertThat(r.reporter().corruptions).isEmpty();
            assertThat(r.reporter().tornTails).isEmpty();
            assertThat(r.records()).hasSize(3);
            assertThat(r.records().get(1)).isEqualTo(next);
            assertThat(r.records().get(2)).isEqualTo(pattern(4, 11));
            assertThat(r.offsets()).isEqualTo(w.starts());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 20260101, 0x5eedL})
    void randomSizesWithRandomFlushes(long seed) {
        Random rnd = new Random(seed);
        Path file = dir.resolve("random-" + seed + ".log");
        List<byte[]> records = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        try (LogWriter w = LogWriter.create(file, LogFileKind.WAL)) {
            for (int i = 0; i < 600; i++) {
                byte[] rec = pattern(LogTestSupport.randomSize(rnd), rnd.nextLong());
                records.add(rec);
                starts.add(LogTestSupport.fragmentStart(w.size()));
                w.addRecord(rec);
                if (rnd.nextInt(10) == 0) {
                    w.flush();
                }
            }
        }
        LogTestSupport.Read r = readAll(file);
        assertThat(r.reporter().corruptions).as("seed %d", seed).isEmpty();
        assertThat(r.reporter().tornTails).as("seed %d", seed).isEmpty();
        assertThat(r.records()).as("seed %d", seed).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            assertThat(r.records().get(i)).as("seed %d record %d", seed, i).isEqualTo(records.get(i));
        }
        assertThat(r.offsets()).as("seed %d", seed).isEqualTo(starts);
    }

    @Test
    void manifestKindRoundTrips() {
        Path file = dir.resolve("MANIFEST-000001");
        try (LogWriter w = LogWriter.create(file, LogFileKind.MANIFEST)) {
            w.addRecord("edit".getBytes(StandardCharsets.UTF_8));
        }
        RecordingReporter reporter = new RecordingReporter();
        try (LogReader r = LogReader.open(file, LogFileKind.MANIFEST, reporter)) {
            assertThat(r.lastRecordOffset()).isEqualTo(-1);
            assertThat(r.readRecord()).asString(StandardCharsets.UTF_8).isEqualTo("edit");
            assertThat(r.lastRecordOffset()).isEqualTo(FILE_HEADER);
            assertThat(r.readRecord()).isNull();
        }
        assertThat(reporter.corruptions).isEmpty();
        assertThat(reporter.tornTails).isEmpty();
    }
}
