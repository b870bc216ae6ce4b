package dev.lodedb.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record of hundreds of megabytes round-trips. Run with {@code mvn -Pstress test}. */
@Tag("stress")
class LogLargeRecordStressTest {
    @TempDir
    Path dir;

    @Test
    void twoHundredMegabyteRecord() {
        Path file = dir.resolve("000001.log");
        byte[] big = LogTestSupport.pattern(200 << 20, 200);
        LogTestSupport.Written w = LogTestSupport.write(file, List.of(new byte[] {1}, big, new byte[] {2}));
        LogTestSupport.Read r = LogTestSupport.readAll(file);
        assertThat(r.reporter().corruptions).isEmpty();
        assertThat(r.reporter().tornTails).isEmpty();
        assertThat(r.records()).hasSize(3);
        assertThat(r.records().get(1)).isEqualTo(big);
        assertThat(r.offsets()).isEqualTo(w.starts());
    }
}
