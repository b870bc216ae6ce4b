package dev.lodedb.storage.sstable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.storage.util.InternalIterator;
import dev.lodedb.storage.util.InternalKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Opens SSTables written by earlier releases of the format (checked-in files under
 * {@code src/test/resources}) so that every shipped format version stays readable. When a new
 * format version ships, add its files here; never delete or regenerate old ones.
 *
 * <p>The version-1 files hold user keys {@code user00000..user00599}, each with a newer version
 * at sequence {@code 2000+i} (a deletion when {@code i % 7 == 0}, else
 * {@code "value-i-new-" + "x" * (i % 40)}) and an older value {@code "value-i-old"} at
 * {@code 1000+i}, plus range tombstones {@code [user00050, user00060)@4000} and
 * {@code [user00100, user00200)@5000}; 1024-byte blocks, restart interval 16, 10 bloom bits.
 */
class TableFormatCompatibilityTest {
    @TempDir
    Path dir;

    private static byte[] uk(int i) {
        return String.format("user%05d", i).getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @ValueSource(strings = {"format-v1-lz4.sst", "format-v1-zstd.sst"})
    void readsVersion1Tables(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            Files.copy(in, file);
        }
        try (Table t = Table.open(file, 1, new BlockCache(1 << 20), new TableStatistics())) {
            assertThat(t.footer().formatVersion()).isEqualTo(1);
            assertThat(t.properties().formatVersion()).isEqualTo(1);
            assertThat(t.properties().numEntries()).isEqualTo(1200);
            assertThat(t.properties().numRangeDeletions()).isEqualTo(2);
            assertThat(t.rangeTombstones()).containsExactly(
                    new RangeTombstone(uk(50), uk(60), 4000), new RangeTombstone(uk(100), uk(200), 5000));
            for (int i = 0; i < 600; i++) {
                Table.Entry newest = t.get(InternalKey.encode(uk(i), InternalKey.MAX_SEQUENCE,
                        InternalKey.TYPE_FOR_SEEK), true);
                assertThat(newest).as("%s key %d", name, i).isNotNull();
                assertThat(InternalKey.sequence(newest.key())).isEqualTo(2000 + i);
                if (i % 7 == 0) {
                    assertThat(InternalKey.type(newest.key())).isEqualTo(InternalKey.TYPE_DELETION);
                } else {
                    assertThat(new String(newest.value(), StandardCharsets.US_ASCII))
                            .isEqualTo("value-" + i + "-new-" + "x".repeat(i % 40));
                }
                Table.Entry old = t.get(InternalKey.encode(uk(i), 1999, InternalKey.TYPE_FOR_SEEK), true);
                assertThat(new String(old.value(), StandardCharsets.US_ASCII)).isEqualTo("value-" + i + "-old");
                assertThat(t.get(InternalKey.encode(uk(i), 999, InternalKey.TYPE_FOR_SEEK), true)).isNull();
            }
            assertThat(t.get(InternalKey.encode(uk(600), InternalKey.MAX_SEQUENCE, InternalKey.TYPE_FOR_SEEK), true))
                    .isNull();
            int n = 0;
            try (InternalIterator it = t.newIterator(false)) {
                for (it.seekToLast(); it.isValid(); it.prev()) {
                    n++;
                }
            }
            assertThat(n).isEqualTo(1200);
        }
    }
}
