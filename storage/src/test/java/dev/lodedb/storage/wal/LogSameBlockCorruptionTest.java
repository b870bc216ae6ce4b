package dev.lodedb.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged record followed by intact records in the same block is corruption, not a torn tail:
 * the reader skips just the damaged fragment (its length field still leads to a valid fragment)
 * and returns the records after it.
 */
class LogSameBlockCorruptionTest {
    @TempDir
    Path dir;

    @Test
    void flippedPayloadByteWithValidRecordsAfterItInTheSameBlockIsCorruption() throws Exception {
        Path file = dir.resolve("000001.log");
        List<Long> offsets = new ArrayList<>();
        try (LogWriter w = LogWriter.create(file, LogFileKind.WAL)) {
            for (int i = 0; i < 10; i++) {
                w.flush();
                offsets.add(w.size());
                w.addRecord(("record-" + i + "-payload").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] data = Files.readAllBytes(file);
        int flipped = (int) (offsets.get(3) + LogFormat.HEADER_SIZE + 2);
        data[flipped] ^= 0x40;
        Files.write(file, data);

        List<String> corruptions = new ArrayList<>();
        List<String> torn = new ArrayList<>();
        List<String> records = new ArrayList<>();
        try (LogReader r = LogReader.open(file, LogFileKind.WAL, new LogReader.Reporter() {
            @Override
            public void corruption(Path f, long offset, long bytes, String reason) {
                corruptions.add(offset + ":" + bytes);
            }

            @Override
            public void tornTail(Path f, long offset, long bytes, String reason) {
                torn.add(offset + ":" + bytes);
            }
        })) {
            byte[] rec;
            while ((rec = r.readRecord()) != null) {
                records.add(new String(rec, StandardCharsets.UTF_8));
            }
        }
        assertThat(torn).isEmpty();
        assertThat(corruptions).containsExactly(offsets.get(3) + ":" + (offsets.get(4) - offsets.get(3)));
        assertThat(records).hasSize(9).doesNotContain("record-3-payload").contains("record-4-payload", "record-9-payload");
    }
}
