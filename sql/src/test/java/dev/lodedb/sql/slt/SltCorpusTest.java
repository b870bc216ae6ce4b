package dev.lodedb.sql.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads every sqllogictest file the conformance run will use (the copies under
 * {@code src/test/resources/conformance/sqllogictest}) and checks that each record LodeDB will
 * run is well formed: every record has SQL, hashed expectations have the hash line shape, listed
 * ones a multiple of the column count. (Whether the SQL parses is ConformanceParseTest's concern.)
 */
class SltCorpusTest {
    @Test
    void everyRecordOfTheCorpusIsWellFormed() throws Exception {
        Path root = corpus();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(15);
        int queries = 0;
        int statements = 0;
        for (Path f : files) {
            SltParser.Script script;
            try (var r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                script = SltParser.parse(r, SqlLogicTestRunner.DATABASE);
            }
            for (SltRecord rec : script.records()) {
                if (rec instanceof SltRecord.Query q) {
                    queries++;
                    boolean hashed = q.expected().size() == 1 && q.expected().get(0).matches("\\d+ values hashing to [0-9a-f]{32}");
                    assertThat(hashed || q.expected().size() % q.types().length() == 0)
                            .as(f.getFileName() + ":" + q.line() + " expected values fit the column count").isTrue();
                    assertThat(q.sql()).as(f.getFileName() + ":" + q.line()).isNotBlank();
                } else if (rec instanceof SltRecord.Statement st && !st.expectError()) {
                    statements++;
                    assertThat(st.sql()).as(f.getFileName() + ":" + st.line()).isNotBlank();
                }
            }
        }
        assertThat(queries).isGreaterThan(4000);
        assertThat(statements).isGreaterThan(200);
    }

    static Path corpus() throws URISyntaxException {
        return Path.of(SltCorpusTest.class.getResource("/conformance/sqllogictest").toURI());
    }
}
