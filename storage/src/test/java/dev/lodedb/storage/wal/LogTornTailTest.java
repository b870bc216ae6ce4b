package dev.lodedb.storage.wal;

import static dev.lodedb.storage.wal.LogFormat.BLOCK_SIZE;
import static dev.lodedb.storage.wal.LogFormat.HEADER_SIZE;
import static dev.lodedb.storage.wal.LogTestSupport.FILE_HEADER;
import static dev.lodedb.storage.wal.LogTestSupport.pattern;
import static dev.lodedb.storage.wal.LogTestSupport.readAll;
import static dev.lodedb.storage.wal.LogTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A crash tears the last write: the file ends inside a record, or in zeros the file system
 * allocated but never filled. Earlier records must all come back, the torn region must be reported
 * as a torn tail (never as corruption), and no partial record may be returned.
 */
class LogTornTailTest {
    @TempDir
    Path dir;

    /** Truncates a copy of {@code full} to {@code cut} bytes and checks the recovery. */
    private void assertTornAt(byte[] full, int cut, LogTestSupport.Written w, String context) {
        int last = w.records().size() - 1;
        long lastStart = w.starts().get(last);
        Path torn = dir.resolve("torn.log");
        LogTestSupport.put(torn, Arrays.copyOf(full, cut));
        LogTestSupport.Read r = readAll(torn);
        String ctx = context + ", cut at " + cut;
        assertThat(r.reporter().corruptions).as(ctx).isEmpty();
        assertThat(r.records()).as(ctx).hasSize(last);
        for (int i = 0; i < last; i++) {
            assertThat(r.records().get(i)).as("%s: record %d", ctx, i).isEqualTo(w.records().get(i));
        }
        if (cut <= w.ends().get(last - 1) || cut == lastStart && lastStart % BLOCK_SIZE == 0) {
            // Ends exactly after the previous record (or after its trailer at a block boundary).
            assertThat(r.reporter().tornTails).as(ctx).isEmpty();
        } else {
            assertThat(r.reporter().tornTails).as(ctx).hasSize(1);
            RecordingReporter.Region t = r.reporter().tornTails.get(0);
            assertThat(t.file()).as(ctx).isEqualTo(torn);
            long expectedStart = cut < lastStart ? w.ends().get(last - 1) : lastStart;
            assertThat(t.offset()).as(ctx).isEqualTo(expectedStart);
            assertThat(t.end()).as(ctx).isEqualTo(cut);
        }
    }

    @Test
    void truncatedAtEveryByteOfASmallLastRecord() {
        Path file = dir.resolve("000001.log");
        LogTestSupport.Written w = write(file, List.of(pattern(100, 1), pattern(2000, 2), pattern(500, 3), pattern(300, 4)));
        byte[] full = LogTestSupport.bytes(file);
        long lastStart = w.starts().get(3);
        for (int cut = (int) lastStart; cut < full.length; cut++) {
            assertTornAt(full, cut, w, "small last record");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 42, 1234567})
    void truncatedInsideALastRecordSpanningBlocks(long seed) {
        Random rnd = new Random(seed);
        Path file = dir.resolve("000002.log");
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(pattern(rnd.nextInt(3000), rnd.nextLong()));
        }
        records.add(pattern(100_000, seed));
        LogTestSupport.Written w = write(file, records);
        byte[] full = LogTestSupport.bytes(file);
        long lastStart = w.starts().get(records.size() - 1);
        // Every byte around each block boundary (fragment boundaries), plus seeded random cuts.
        TreeSet<Integer> cuts = new TreeSet<>();
        for (long b = (lastStart / BLOCK_SIZE) * BLOCK_SIZE; b <= full.length + BLOCK_SIZE; b += BLOCK_SIZE) {
            for (long c = b - 10; c <= b + 10; c++) {
                if (c >= lastStart && c < full.length) {
                    cuts.add((int) c);
                }
            }
        }
        for (int i = 0; i < 300; i++) {
            cuts.add((int) lastStart + rnd.nextInt(full.length - (int) lastStart));
        }
        for (int cut : cuts) {
            assertTornAt(full, cut, w, "seed " + seed);
        }
    }

    @Test
    void truncatedInsideATrailer() {
        Path file = dir.resolve("000003.log");
        int leftover = 4;
        List<byte[]> records = List.of(pattern(BLOCK_SIZE - FILE_HEADER - HEADER_SIZE - leftover, 1), pattern(50, 2));
        LogTestSupport.Written w = write(file, records);
        assertThat(w.starts().get(1)).isEqualTo(BLOCK_SIZE);
        byte[] full = LogTestSupport.bytes(file);
        // Cuts inside the trailer leave a truncated fragment header: torn. The cut at the block
        // boundary ends the file at a complete block: nothing to report.
        for (int cut = BLOCK_SIZE - leftover; cut < full.length; cut++) {
            assertTornAt(full, cut, w, "trailer");
        }
    }

    @Test
    void fileEndingExactlyAfterARecordReportsNothing() {
        Path file = dir.resolve("000004.log");
        write(file, List.of(pattern(10, 1), pattern(40_000, 2)));
        LogTestSupport.Read r = readAll(file);
        assertThat(r.records()).hasSize(2);
        assertThat(r.reporter().tornTails).isEmpty();
        assertThat(r.reporter().corruptions).isEmpty();
    }

    /**
     * Zeros after the last record to the end of the file: from a fragment header's size on, that is
     * the space {@link LogWriter} preallocates, the log's clean end (nothing reported); fewer bytes
     * are a torn fragment header. Never corruption.
     */
    @ParameterizedTest(name = "{0} zero bytes")
    @ValueSource(ints = {1, 6, 7, 8, 100, 40_000, 200_000})
    void allZeroTailAfterRecords(int zeros) throws IOException {
        Path file = dir.resolve("000005.log");
        LogTestSupport.Written w = write(file, List.of(pattern(10, 1), pattern(1000, 2), pattern(50_000, 3)));
        assertThat(BLOCK_SIZE - w.size() % BLOCK_SIZE).isGreaterThanOrEqualTo(HEADER_SIZE);
        Files.write(file, new byte[zeros], StandardOpenOption.APPEND);
        LogTestSupport.Read r = readAll(file);
        assertThat(r.records()).hasSize(3);
        assertThat(r.records().get(2)).isEqualTo(pattern(50_000, 3));
        assertThat(r.reporter().corruptions).isEmpty();
        if (zeros >= HEADER_SIZE) {
            assertThat(r.reporter().tornTails).isEmpty();
            return;
        }
        assertThat(r.reporter().tornTails).hasSize(1);
        RecordingReporter.Region t = r.reporter().tornTails.get(0);
        assertThat(t.offset()).isEqualTo(w.size());
        assertThat(t.bytes()).isEqualTo(zeros);
    }

    /** A record cut short by the end of the written data, then preallocated zeros: a torn tail. */
    @Test
    void partialRecordBeforeZerosIsATornTail() throws IOException {
        Path file = dir.resolve("000007.log");
        LogTestSupport.Written w = write(file, List.of(pattern(10, 1), pattern(100_000, 2)));
        byte[] all = Files.readAllBytes(file);
        byte[] cut = java.util.Arrays.copyOf(all, (int) w.size() - 40_000);
        Files.write(file, cut);
        Files.write(file, new byte[1 << 20], StandardOpenOption.APPEND);
        LogTestSupport.Read r = readAll(file);
        assertThat(r.records()).hasSize(1);
        assertThat(r.reporter().corruptions).isEmpty();
        assertThat(r.reporter().tornTails).hasSize(1);
    }

    /** Synced records with the writer's preallocated zeros after them read back with nothing reported. */
    @Test
    void preallocatedSpaceOfALiveWriterReadsAsTheEnd() throws IOException {
        Path file = dir.resolve("000008.log");
        Path copy = dir.resolve("000009.log");
        long logical;
        try (LogWriter lw = LogWriter.create(file, LogFileKind.WAL)) {
            for (int i = 0; i < 50; i++) {
                lw.addRecord(pattern(300, i));
                lw.sync();
            }
            assertThat(Files.size(file)).isGreaterThanOrEqualTo(lw.size() + LogWriter.PREALLOCATE_BYTES - BLOCK_SIZE);
            Files.copy(file, copy); // what a crash leaves: the data, then zeros
            logical = lw.size();
        }
        assertThat(Files.size(copy)).isGreaterThan(logical);
        assertThat(Files.size(file)).as("close cuts the zeros off").isEqualTo(logical);
        for (Path p : List.of(file, copy)) {
            LogTestSupport.Read r = readAll(p);
            assertThat(r.records()).hasSize(50);
            assertThat(r.records().get(49)).isEqualTo(pattern(300, 49));
            assertThat(r.reporter().corruptions).isEmpty();
            assertThat(r.reporter().tornTails).isEmpty();
        }
    }

    /** A crash after a sync: every synced record survives whatever happened to later writes. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 99, 31337})
    void syncedRecordsSurviveATornGroupCommit(long seed) {
        Random rnd = new Random(seed);
        Path file = dir.resolve("000006.log");
        List<byte[]> synced = new ArrayList<>();
        long syncedSize;
        try (LogWriter w = LogWriter.create(file, LogFileKind.WAL)) {
            for (int i = 0; i < 50; i++) {
                byte[] rec = pattern(LogTestSupport.randomSize(rnd), rnd.nextLong());
                synced.add(rec);
                w.addRecord(rec);
            }
            w.sync();
            syncedSize = w.size();
            for (int i = 0; i < 20; i++) {
                w.addRecord(pattern(LogTestSupport.randomSize(rnd), rnd.nextLong()));
            }
            w.flush(); // one write for the whole group
        }
        byte[] full = LogTestSupport.bytes(file);
        for (int i = 0; i < 50; i++) {
            int cut = (int) syncedSize + rnd.nextInt(full.length - (int) syncedSize + 1);
            Path torn = dir.resolve("torn-" + i + ".log");
            LogTestSupport.put(torn, Arrays.copyOf(full, cut));
            LogTestSupport.Read r = readAll(torn);
            String ctx = "seed " + seed + ", cut at " + cut;
            assertThat(r.reporter().corruptions).as(ctx).isEmpty();
            assertThat(r.reporter().tornTails).as(ctx).hasSizeLessThanOrEqualTo(1);
            assertThat(r.records().size()).as(ctx).isGreaterThanOrEqualTo(synced.size());
            for (int j = 0; j < synced.size(); j++) {
                assertThat(r.records().get(j)).as("%s: record %d", ctx, j).isEqualTo(synced.get(j));
            }
        }
    }
}
