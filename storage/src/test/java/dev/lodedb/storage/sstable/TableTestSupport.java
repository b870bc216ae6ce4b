package dev.lodedb.storage.sstable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.storage.util.InternalKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

/** Shared helpers of the table tests: random models and writing them as SSTables. */
final class TableTestSupport {
    private TableTestSupport() {
    }

    /** @return user key number {@code i} ("key" + 8 digits, so keys share long prefixes) */
    static byte[] userKey(int i) {
        return String.format("key%08d", i).getBytes(StandardCharsets.US_ASCII);
    }

    /** @return a somewhat compressible random value */
    static byte[] value(Random rnd) {
        byte[] v = new byte[rnd.nextInt(100)];
        int alphabet = 1 + rnd.nextInt(8);
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) ('a' + rnd.nextInt(alphabet));
        }
        return v;
    }

    /**
     * @return {@code n} distinct internal keys over user keys {@code [0, userKeys)}, each with a
     *     random sequence and mostly TYPE_VALUE, mapped to random values
     */
    static NavigableMap<byte[], byte[]> randomEntries(Random rnd, int n, int userKeys) {
        NavigableMap<byte[], byte[]> model = new TreeMap<>(InternalKey.COMPARATOR);
        while (model.size() < n) {
            int type = rnd.nextInt(10) == 0 ? InternalKey.TYPE_DELETION : InternalKey.TYPE_VALUE;
            byte[] k = InternalKey.encode(userKey(rnd.nextInt(userKeys)), 1 + rnd.nextInt(1_000_000), type);
            model.put(k, type == InternalKey.TYPE_DELETION ? new byte[0] : value(rnd));
        }
        return model;
    }

    /** Writes a table and checks that {@code finish()} reported the real file size. */
    static Path write(Path file, TableOptions options, Map<byte[], byte[]> entries, List<RangeTombstone> tombstones) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            TableBuilder b = new TableBuilder(file, ch, options);
            for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
                b.add(e.getKey(), e.getValue());
            }
            for (RangeTombstone t : tombstones) {
                b.addRangeTombstone(t.start(), t.end(), t.sequence());
            }
            assertThat(b.numEntries()).isEqualTo(entries.size());
            long size = b.finish();
            ch.force(true);
            assertThat(size).isEqualTo(ch.size());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
