package dev.lodedb.storage.sstable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.util.Checksums;
import dev.lodedb.storage.util.Coding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FooterTest {
    private static final Path FILE = Path.of("000042.sst");

    @Test
    void roundTripAndLayout() {
        Footer f = new Footer(new BlockHandle(123_456, 789), new BlockHandle(1L << 33, 4096));
        byte[] b = f.encode();
        assertThat(b).hasSize(Footer.ENCODED_LENGTH);
        assertThat(new String(b, 56, 8, StandardCharsets.US_ASCII)).isEqualTo("LODESSTL");
        assertThat(Coding.getInt(b, 40)).isEqualTo(1);
        assertThat(Coding.getInt(b, 44)).isZero();
        assertThat(Coding.getInt(b, 52)).isZero();
        assertThat(Checksums.unmask(Coding.getInt(b, 48))).isEqualTo(Checksums.crc32c(b, 0, 48));
        Footer d = Footer.decode(b, 0, FILE, 1000);
        assertThat(d).isEqualTo(f);
        assertThat(d.formatVersion()).isEqualTo(Footer.CURRENT_FORMAT_VERSION);
    }

    @Test
    void badMagicIsNotAnSSTable() {
        byte[] b = new Footer(new BlockHandle(1, 2), new BlockHandle(3, 4)).encode();
        b[63] ^= 1;
        assertThatThrownBy(() -> Footer.decode(b, 0, FILE, 100))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("not an SSTable")
                .hasMessageContaining(FILE.toString());
    }

    @Test
    void badChecksumReportsFooterOffset() {
        byte[] b = new Footer(new BlockHandle(1, 2), new BlockHandle(3, 4)).encode();
        b[5] ^= 0x10;
        assertThatThrownBy(() -> Footer.decode(b, 0, FILE, 100))
                .isInstanceOfSatisfying(CorruptionException.class, e -> {
                    assertThat(e.offset()).isEqualTo(100);
                    assertThat(e.file()).isEqualTo(FILE);
                })
                .hasMessageContaining("footer checksum mismatch");
    }

    @Test
    void unknownVersionIsAClearError() {
        byte[] b = new Footer(new BlockHandle(1, 2), new BlockHandle(3, 4), 9).encode();
        assertThat(Arrays.copyOfRange(b, 56, 64)).isEqualTo("LODESSTL".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Footer.decode(b, 0, FILE, 0))
                .isInstanceOf(StoreException.class)
                .isNotInstanceOf(CorruptionException.class)
                .hasMessage("unsupported SSTable format version 9 in " + FILE);
    }
}
