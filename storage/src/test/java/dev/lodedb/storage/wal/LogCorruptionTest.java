package dev.lodedb.storage.wal;

import static dev.lodedb.storage.wal.LogFormat.BLOCK_SIZE;
import static dev.lodedb.storage.wal.LogFormat.HEADER_SIZE;
import static dev.lodedb.storage.wal.LogTestSupport.pattern;
import static dev.lodedb.storage.wal.LogTestSupport.readAll;
import static dev.lodedb.storage.wal.LogTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.storage.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damage in the middle of a log (valid records follow it) is reported as corruption with its file
 * and offset; the reader resynchronizes at the next block and returns the records after it.
 */
class LogCorruptionTest {
    @TempDir
    Path dir;

    private static List<byte[]> smallRecords(Random rnd, int n) {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(pattern(20 + rnd.nextInt(3000), rnd.nextLong()));
        }
        return records;
    }

    /** Checks that exactly the records overlapping the reported region were lost. */
    private static void assertOnlyRegionLost(LogTestSupport.Written w, LogTestSupport.Read r,
            RecordingReporter.Region region, String ctx) {
        List<byte[]> expected = new ArrayList<>();
        List<Long> expectedOffsets = new ArrayList<>();
        for (int i = 0; i < w.records().size(); i++) {
            boolean overlaps = w.starts().get(i) < region.end() && w.ends().get(i) > region.offset();
            if (!overlaps) {
                expected.add(w.records().get(i));
                expectedOffsets.add(w.starts().get(i));
            }
        }
        assertThat(r.offsets()).as(ctx).isEqualTo(expectedOffsets);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(r.records().get(i)).as("%s: returned record %d", ctx, i).isEqualTo(expected.get(i));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 4242, 987654321})
    void flippedByteInAnEarlyRecord(long seed) {
        Random rnd = new Random(seed);
        Path file = dir.resolve("000001.log");
        LogTestSupport.Written w = write(file, smallRecords(rnd, 300));
        byte[] bytes = LogTestSupport.bytes(file);
        int victim = rnd.nextInt(100);
        long start = w.starts().get(victim);
        long end = w.ends().get(victim);
        int flip = (int) (start + rnd.nextInt((int) (end - start)));
        bytes[flip] ^= (byte) (1 + rnd.nextInt(255));
        LogTestSupport.put(file, bytes);

        LogTestSupport.Read r = readAll(file);
        String ctx = "seed " + seed + ", record " + victim + " at " + start + ", byte " + flip + " flipped";
        assertThat(r.reporter().tornTails).as(ctx).isEmpty();
        assertThat(r.reporter().corruptions).as(ctx).hasSize(1);
        RecordingReporter.Region c = r.reporter().corruptions.get(0);
        assertThat(c.file()).as(ctx).isEqualTo(file);
        assertThat(c.offset()).as(ctx).isEqualTo(start).isLessThanOrEqualTo(flip);
        assertThat(flip - c.offset()).as(ctx).isLessThan(BLOCK_SIZE);
        assertThat(c.end()).as(ctx).isGreaterThan(flip);
        assertThat(c.reason()).as(ctx).isNotBlank();
        assertOnlyRegionLost(w, r, c, ctx);
        // Resync: every record that starts after the damaged block is returned.
        long nextBlock = (flip / BLOCK_SIZE + 1) * BLOCK_SIZE;
        long lostAfterNextBlock = w.starts().stream().filter(s -> s >= nextBlock && s < c.end()).count();
        assertThat(lostAfterNextBlock).as(ctx).isZero();
        assertThat(r.records().size()).as(ctx).isGreaterThan(200);
    }

    @Test
    void flippedByteInsideALargeRecordDropsThatRecordOnly() {
        Path file = dir.resolve("000002.log");
        List<byte[]> records = new ArrayList<>(List.of(pattern(100, 1), pattern(200_000, 2)));
        records.addAll(smallRecords(new Random(5), 50));
        LogTestSupport.Written w = write(file, records);
        byte[] bytes = LogTestSupport.bytes(file);
        int flip = (int) (w.starts().get(1) + 100_000);
        bytes[flip] ^= 0x40;
        LogTestSupport.put(file, bytes);

        LogTestSupport.Read r = readAll(file);
        assertThat(r.reporter().tornTails).isEmpty();
        assertThat(r.reporter().corruptions).hasSize(1);
        RecordingReporter.Region c = r.reporter().corruptions.get(0);
        // The region starts where the lost record starts and covers the damaged fragment.
        assertThat(c.offset()).isEqualTo(w.starts().get(1));
        assertThat(c.end()).isGreaterThan(flip);
        assertThat(r.records()).hasSize(records.size() - 1);
        assertOnlyRegionLost(w, r, c, "large record");
    }

    @Test
    void zeroedBlockInTheMiddleIsCorruption() {
        Path file = dir.resolve("000003.log");
        LogTestSupport.Written w = write(file, smallRecords(new Random(11), 200));
        byte[] bytes = LogTestSupport.bytes(file);
        Arrays.fill(bytes, 2 * BLOCK_SIZE, 3 * BLOCK_SIZE, (byte) 0);
        LogTestSupport.put(file, bytes);

        LogTestSupport.Read r = readAll(file);
        assertThat(r.reporter().tornTails).isEmpty();
        assertThat(r.reporter().corruptions).hasSize(1);
        RecordingReporter.Region c = r.reporter().corruptions.get(0);
        assertThat(c.offset()).isBetween((long) BLOCK_SIZE, 2L * BLOCK_SIZE);
        assertThat(c.end()).isGreaterThanOrEqualTo(3L * BLOCK_SIZE);
        assertOnlyRegionLost(w, r, c, "zeroed block 2");
    }

    @Test
    void lengthRunningPastTheBlockIsCorruption() {
        Path file = dir.resolve("000004.log");
        LogTestSupport.Written w = write(file, smallRecords(new Random(12), 200));
        int victim = 10;
        int p = (int) (long) w.starts().get(victim);
        byte[] bytes = LogTestSupport.bytes(file);
        bytes[p + 4] = (byte) 0xff;
        bytes[p + 5] = (byte) 0xff;
        LogTestSupport.put(file, bytes);

        LogTestSupport.Read r = readAll(file);
        assertThat(r.reporter().tornTails).isEmpty();
        assertThat(r.reporter().corruptions).hasSize(1);
        RecordingReporter.Region c = r.reporter().corruptions.get(0);
        assertThat(c.offset()).isEqualTo(p);
        // The rest of the block is dropped; a record cut by the block boundary loses its LAST too.
        long blockEnd = (p / BLOCK_SIZE + 1L) * BLOCK_SIZE;
        assertThat(c.end()).isBetween(blockEnd, blockEnd + 3100);
        assertThat(c.reason()).contains("past end of block");
        assertOnlyRegionLost(w, r, c, "bad length");
    }

    /** The FIRST fragment is lost: its MIDDLE and LAST fragments are orphans, dropped with it. */
    @Test
    void orphanFragmentsAfterALostFirstFragmentAreOneRegion() {
        Path file = dir.resolve("000005.log");
        List<byte[]> records = List.of(pattern(100, 1), pattern(3 * BLOCK_SIZE, 2), pattern(100, 3), pattern(100, 4));
        LogTestSupport.Written w = write(file, records);
        byte[] bytes = LogTestSupport.bytes(file);
        int first = (int) (long) w.starts().get(1);
        bytes[first + HEADER_SIZE + 3] ^= 1;
        LogTestSupport.put(file, bytes);

        LogTestSupport.Read r = readAll(file);
        assertThat(r.reporter().tornTails).isEmpty();
        assertThat(r.reporter().corruptions).hasSize(1);
        RecordingReporter.Region c = r.reporter().corruptions.get(0);
        assertThat(c.offset()).isEqualTo(first);
        assertThat(c.end()).isEqualTo(w.ends().get(1));
        assertThat(c.reason()).contains("checksum mismatch");
        assertThat(r.records()).containsExactly(records.get(0), records.get(2), records.get(3));
    }

    /**
     * A fragment with a good checksum but an unknown type (or out of sequence) keeps the block's
     * framing intact: only that fragment is dropped and the next record in the same block is read.
     */
    @Test
    void checksummedFragmentOfUnknownTypeIsDroppedAlone() {
        Path file = dir.resolve("000009.log");
        List<byte[]> records = List.of(pattern(100, 1), pattern(200, 2), pattern(300, 3), pattern(10, 4));
        LogTestSupport.Written w = write(file, records);
        byte[] bytes = LogTestSupport.bytes(file);
        int p = (int) (long) w.starts().get(1);
        LogFormat.writeFragmentHeader(bytes, p, 9, bytes, p + HEADER_SIZE, 200);
        int q = (int) (long) w.starts().get(2);
        LogFormat.writeFragmentHeader(bytes, q, LogFormat.MIDDLE_TYPE, bytes, q + HEADER_SIZE, 300);
        LogTestSupport.put(file, bytes);

        LogTestSupport.Read r = readAll(file);
        assertThat(r.reporter().tornTails).isEmpty();
        assertThat(r.reporter().corruptions).hasSize(1);
        RecordingReporter.Region c = r.reporter().corruptions.get(0);
        assertThat(c.offset()).isEqualTo(p);
        assertThat(c.end()).isEqualTo(w.ends().get(2));
        assertThat(c.reason()).contains("unknown fragment type 9");
        assertThat(r.records()).containsExactly(records.get(0), records.get(3));
    }

    @Test
    void twoSeparateDamagesAreTwoReportsInFileOrder() {
        Path file = dir.resolve("000006.log");
        LogTestSupport.Written w = write(file, smallRecords(new Random(13), 300));
        byte[] bytes = LogTestSupport.bytes(file);
        int a = (int) (w.starts().get(5) + 10);
        int b = (int) (w.starts().get(150) + 10);
        assertThat(b / BLOCK_SIZE).isGreaterThan(a / BLOCK_SIZE + 1);
        bytes[a] ^= 1;
        bytes[b] ^= 1;
        LogTestSupport.put(file, bytes);

        LogTestSupport.Read r = readAll(file);
        assertThat(r.reporter().tornTails).isEmpty();
        assertThat(r.reporter().corruptions).hasSize(2);
        assertThat(r.reporter().corruptions.get(0).offset()).isEqualTo(w.starts().get(5));
        assertThat(r.reporter().corruptions.get(1).offset()).isEqualTo(w.starts().get(150));
    }

    /** With no valid record after it, damage cannot be told from a torn write: torn tail. */
    @Test
    void damageInTheLastRecordIsATornTail() {
        Path file = dir.resolve("000007.log");
        LogTestSupport.Written w = write(file, smallRecords(new Random(14), 30));
        byte[] bytes = LogTestSupport.bytes(file);
        int last = w.records().size() - 1;
        bytes[(int) (w.starts().get(last) + HEADER_SIZE)] ^= 1;
        LogTestSupport.put(file, bytes);

        LogTestSupport.Read r = readAll(file);
        assertThat(r.reporter().corruptions).isEmpty();
        assertThat(r.reporter().tornTails).hasSize(1);
        assertThat(r.reporter().tornTails.get(0).offset()).isEqualTo(w.starts().get(last));
        assertThat(r.records()).hasSize(last);
    }

    /** A reporter may stop reading by throwing (a strict manifest reader does). */
    @Test
    void reporterCanAbortReading() {
        Path file = dir.resolve("000008.log");
        LogTestSupport.Written w = write(file, smallRecords(new Random(15), 100));
        byte[] bytes = LogTestSupport.bytes(file);
        bytes[(int) (w.starts().get(3) + HEADER_SIZE)] ^= 1;
        LogTestSupport.put(file, bytes);
        LogReader.Reporter strict = new LogReader.Reporter() {
            @Override
            public void corruption(Path f, long offset, long n, String reason) {
                throw new StoreException("corrupt " + f + " at " + offset + ": " + reason);
            }

            @Override
            public void tornTail(Path f, long offset, long n, String reason) {
            }
        };
        try (LogReader reader = LogReader.open(file, LogFileKind.WAL, strict)) {
            for (int i = 0; i < 3; i++) {
                assertThat(reader.readRecord()).isEqualTo(w.records().get(i));
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(reader::readRecord)
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("at " + w.starts().get(3));
        }
    }
}
