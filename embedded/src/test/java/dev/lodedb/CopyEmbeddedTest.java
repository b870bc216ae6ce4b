package dev.lodedb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COPY through the embedded API: {@link Session#setCopyStreams}, {@link Session#setImportProgress}, notices. */
class CopyEmbeddedTest {
    @TempDir
    Path tmp;

    @Test
    void copyStreamsProgressAndNotices() {
        try (Database db = Lode.open(tmp.resolve("db")); Session s = db.session()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY, name text)");
            List<Long> rows = new ArrayList<>();
            s.setImportProgress((n, read, total) -> rows.add(n));
            s.setCopyStreams(new ByteArrayInputStream("id,name\n1,one\n2,two\nx,bad\n".getBytes(StandardCharsets.UTF_8)),
                    null);
            try (Rows r = s.query("COPY t FROM STDIN (FORMAT csv, HEADER, ON_ERROR ignore)")) {
                assertThat(r.next()).isFalse();
                assertThat(r.commandTag()).isEqualTo("COPY 2");
                assertThat(r.notices()).last().isEqualTo("1 row was skipped due to data type incompatibility");
            }
            assertThat(rows).isNotEmpty();
            assertThat(rows.get(rows.size() - 1)).isEqualTo(4L);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            s.setCopyStreams(null, out);
            assertThat(s.execute("COPY t TO STDOUT (FORMAT csv, HEADER)")).isEqualTo(2);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("id,name\n1,one\n2,two\n");
        }
    }
}
