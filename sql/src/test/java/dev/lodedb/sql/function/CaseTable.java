package dev.lodedb.sql.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Table-driven cases: one per line, {@code <sql expression> => <expected psql output>}, where the
 * expected output was produced by PostgreSQL 15 ({@code select <expression>} in psql with {@code
 * TimeZone = UTC}); {@code NULL} stands for SQL NULL and {@code ERROR <sqlstate> <message>} for
 * an error. {@code \n} in the expected text is a newline. Lines starting with {@code --} are
 * comments.
 */
final class CaseTable {
    private CaseTable() {
    }

    static Stream<DynamicTest> cases(String table) {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : table.split("\n")) {
            if (line.isBlank() || line.startsWith("--")) {
                continue;
            }
            int i = line.lastIndexOf(" => ");
            if (i < 0) {
                throw new IllegalArgumentException("no ' => ' in " + line);
            }
            String sql = line.substring(0, i).strip();
            String expected = line.substring(i + 4).replace("\\n", "\n");
            tests.add(DynamicTest.dynamicTest(sql, () ->
                    assertThat(ExprEval.result(sql)).as(sql).isEqualTo(expected)));
        }
        return tests.stream();
    }
}
