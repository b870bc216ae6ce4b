package dev.lodedb.storage.wal;

import static dev.lodedb.storage.wal.LogFormat.HEADER_SIZE;
import static dev.lodedb.storage.wal.LogTestSupport.FILE_HEADER;
import static dev.lodedb.storage.wal.LogTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.util.Coding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The header record: verified on open, never returned, refused with a clear error naming the file. */
class LogHeaderTest {
    @TempDir
    Path dir;

    /** @return a file holding a header record with the given payload, then one "rec" record */
    private Path fileWithHeaderPayload(String name, byte[] payload) {
        byte[] rec = "rec".getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[2 * HEADER_SIZE + payload.length + rec.length];
        LogFormat.writeFragmentHeader(b, 0, LogFormat.FULL_TYPE, payload, 0, payload.length);
        System.arraycopy(payload, 0, b, HEADER_SIZE, payload.length);
        int p = HEADER_SIZE + payload.length;
        LogFormat.writeFragmentHeader(b, p, LogFormat.FULL_TYPE, rec, 0, rec.length);
        System.arraycopy(rec, 0, b, p + HEADER_SIZE, rec.length);
        Path file = dir.resolve(name);
        LogTestSupport.put(file, b);
        return file;
    }

    private static LogReader open(Path file, LogFileKind kind) {
        return LogReader.open(file, kind, new RecordingReporter());
    }

    @Test
    void headerIsWrittenAsTheFirstFullRecordAndNotReturned() {
        Path file = dir.resolve("000001.log");
        try (LogWriter w = LogWriter.create(file, LogFileKind.WAL)) {
            w.addRecord("first".getBytes(StandardCharsets.UTF_8));
        }
        byte[] b = LogTestSupport.bytes(file);
        assertThat(Arrays.copyOfRange(b, 0, FILE_HEADER)).isEqualTo(LogFormat.headerFragment(LogFileKind.WAL));
        assertThat(b[4]).isEqualTo((byte) 13);
        assertThat(b[6]).isEqualTo((byte) LogFormat.FULL_TYPE);
        assertThat(new String(b, HEADER_SIZE, 8, StandardCharsets.US_ASCII)).isEqualTo("LODELOG\0");
        assertThat(Coding.getInt(b, HEADER_SIZE + 8)).isEqualTo(1);
        assertThat(b[HEADER_SIZE + 12]).isEqualTo((byte) 1);
        LogTestSupport.Read r = readAll(file);
        assertThat(r.records()).hasSize(1);
        assertThat(r.records().get(0)).asString(StandardCharsets.UTF_8).isEqualTo("first");
        assertThat(r.offsets()).containsExactly((long) FILE_HEADER);
    }

    @Test
    void wrongMagicIsRefused() {
        byte[] payload = LogFormat.headerPayload(LogFileKind.WAL);
        System.arraycopy("LEVELDB\0".getBytes(StandardCharsets.US_ASCII), 0, payload, 0, 8);
        Path file = fileWithHeaderPayload("000002.log", payload);
        assertThatThrownBy(() -> open(file, LogFileKind.WAL))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("bad magic")
                .hasMessageContaining("not a LodeDB log file");
    }

    @Test
    void aFileThatIsNotALogIsRefused() {
        Path file = dir.resolve("notes.txt");
        LogTestSupport.put(file, "these are someone's notes, not a log file at all\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> open(file, LogFileKind.WAL))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("bad magic");
    }

    @Test
    void unknownVersionIsRefusedNamingFileAndVersions() {
        byte[] payload = LogFormat.headerPayload(LogFileKind.WAL);
        Coding.putInt(payload, 8, 7);
        Path file = fileWithHeaderPayload("000012.log", payload);
        assertThatThrownBy(() -> open(file, LogFileKind.WAL))
                .isExactlyInstanceOf(StoreException.class)
                .hasMessage("unsupported log format version 7 in " + file + " (this build reads version 1)");
    }

    @Test
    void wrongKindIsRefused() {
        Path file = dir.resolve("MANIFEST-000003");
        LogWriter.create(file, LogFileKind.MANIFEST).close();
        assertThatThrownBy(() -> open(file, LogFileKind.WAL))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("MANIFEST")
                .hasMessageContaining("expected a WAL");
    }

    @Test
    void unknownKindIsCorruption() {
        byte[] payload = LogFormat.headerPayload(LogFileKind.WAL);
        payload[12] = 9;
        Path file = fileWithHeaderPayload("000004.log", payload);
        assertThatThrownBy(() -> open(file, LogFileKind.WAL))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unknown log file kind 9");
    }

    @Test
    void damagedHeaderChecksumIsCorruption() {
        Path file = dir.resolve("000005.log");
        LogWriter.create(file, LogFileKind.WAL).close();
        byte[] b = LogTestSupport.bytes(file);
        b[0] ^= 1;
        LogTestSupport.put(file, b);
        assertThatThrownBy(() -> open(file, LogFileKind.WAL))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("damaged log header")
                .satisfies(e -> assertThat(((CorruptionException) e).offset()).isZero());
    }

    @Test
    void headerRecordOfTheWrongLengthIsCorruption() {
        byte[] payload = Arrays.copyOf(LogFormat.headerPayload(LogFileKind.WAL), 14);
        Path file = fileWithHeaderPayload("000006.log", payload);
        assertThatThrownBy(() -> open(file, LogFileKind.WAL))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("14 bytes");
    }

    @Test
    void missingFileIsAStoreErrorNamingIt() {
        Path file = dir.resolve("000404.log");
        assertThatThrownBy(() -> open(file, LogFileKind.WAL))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString());
    }

    /** A crash while the file was being created: empty, a header prefix, maybe zeros after it. */
    @ParameterizedTest(name = "{0} bytes of header")
    @ValueSource(ints = {0, 1, 4, 6, 7, 8, 14, 15, 19})
    void tornHeaderReadsAsAnEmptyLog(int kept) {
        byte[] header = LogFormat.headerFragment(LogFileKind.WAL);
        for (int zeros : new int[] {0, 3, 5000, 70_000}) {
            Path file = dir.resolve("torn-" + kept + "-" + zeros + ".log");
            byte[] b = new byte[kept + zeros];
            System.arraycopy(header, 0, b, 0, kept);
            LogTestSupport.put(file, b);
            LogTestSupport.Read r = readAll(file);
            String ctx = kept + " header bytes, " + zeros + " zeros";
            assertThat(r.records()).as(ctx).isEmpty();
            assertThat(r.reporter().corruptions).as(ctx).isEmpty();
            assertThat(r.reporter().tornTails).as(ctx).hasSize(1);
            RecordingReporter.Region t = r.reporter().tornTails.get(0);
            assertThat(t.offset()).as(ctx).isZero();
            assertThat(t.bytes()).as(ctx).isEqualTo(b.length);
            assertThat(t.file()).as(ctx).isEqualTo(file);
        }
    }

    @Test
    void headerPrefixFollowedByGarbageIsCorruption() {
        byte[] b = Arrays.copyOf(LogFormat.headerFragment(LogFileKind.WAL), 100);
        Arrays.fill(b, 20, 100, (byte) 0x5a);
        b[19] = 0x5a; // the kind byte is damaged
        Path file = dir.resolve("000007.log");
        LogTestSupport.put(file, b);
        assertThatThrownBy(() -> open(file, LogFileKind.WAL))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(file.toString());
    }
}
