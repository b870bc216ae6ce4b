package dev.lodedb.storage.wal;

import static dev.lodedb.storage.wal.LogFormat.BLOCK_SIZE;
import static dev.lodedb.storage.wal.LogFormat.HEADER_SIZE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Helpers shared by the log tests: writing record lists, reading everything back, file surgery. */
final class LogTestSupport {
    /** Size of the header record every log file starts with. */
    static final int FILE_HEADER = HEADER_SIZE + LogFormat.HEADER_RECORD_LENGTH;

    private LogTestSupport() {
    }

    /** What {@link #write} produced: each record's first-fragment offset and end offset. */
    record Written(List<byte[]> records, List<Long> starts, List<Long> ends, long size) {
    }

    /** What {@link #readAll} returned. */
    record Read(List<byte[]> records, List<Long> offsets, RecordingReporter reporter) {
    }

    /** @return where the first fragment of a record appended at file size {@code size} starts */
    static long fragmentStart(long size) {
        int leftover = BLOCK_SIZE - (int) (size % BLOCK_SIZE);
        return leftover < HEADER_SIZE ? size + leftover : size;
    }

    static Written write(Path path, List<byte[]> records) {
        List<Long> starts = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        try (LogWriter w = LogWriter.create(path, LogFileKind.WAL)) {
            for (byte[] r : records) {
                starts.add(fragmentStart(w.size()));
                w.addRecord(r);
                ends.add(w.size());
            }
            w.sync();
            return new Written(records, starts, ends, w.size());
        }
    }

    static Read readAll(Path path) {
        RecordingReporter reporter = new RecordingReporter();
        List<byte[]> records = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        try (LogReader r = LogReader.open(path, LogFileKind.WAL, reporter)) {
            byte[] rec;
            while ((rec = r.readRecord()) != null) {
                records.add(rec);
                offsets.add(r.lastRecordOffset());
            }
            if (r.readRecord() != null) {
                throw new AssertionError("readRecord returned a record after end of file");
            }
        }
        return new Read(records, offsets, reporter);
    }

    /** @return {@code len} bytes derived from {@code seed}, distinct per record */
    static byte[] pattern(int len, long seed) {
        byte[] b = new byte[len];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** @return a record size: mostly small, sometimes spanning one to several blocks */
    static int randomSize(Random rnd) {
        int bucket = rnd.nextInt(100);
        if (bucket < 60) {
            return rnd.nextInt(200);
        } else if (bucket < 90) {
            return rnd.nextInt(4000);
        } else if (bucket < 98) {
            return rnd.nextInt(3 * BLOCK_SIZE);
        }
        return rnd.nextInt(10 * BLOCK_SIZE);
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void put(Path p, byte[] content) {
        try {
            Files.write(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
