package dev.lodedb.sql.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's bookkeeping: counts, failure reports and the closing line. The database here is a
 * table of canned answers keyed by SQL text, which is all the runner can observe of a database.
 */
class SqlLogicTestRunnerTest {
    @TempDir
    Path dir;

    /** Answers from a map; statements listed in {@code failing} throw. */
    private static final class CannedDatabase implements SltConnection {
        final Map<String, Result> answers;
        final List<String> failing;
        final List<String> executed = new ArrayList<>();

        CannedDatabase(Map<String, Result> answers, List<String> failing) {
            this.answers = answers;
            this.failing = failing;
        }

        @Override
        public void execute(String sql) throws Exception {
            executed.add(sql);
            if (failing.contains(sql)) {
                throw new Exception("ERROR: relation \"nowhere\" does not exist\nLINE 1: ...");
            }
        }

        @Override
        public Result query(String sql) throws Exception {
            executed.add(sql);
            Result r = answers.get(sql);
            if (r == null) {
                throw new Exception("no answer for " + sql);
            }
            return r;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void countsPassesFailuresAndSkipsAndEndsWithOneTotalLine() throws Exception {
        Path f = dir.resolve("t.test");
        Files.writeString(f, String.join("\n",
                "statement ok", "CREATE TABLE t(a INTEGER)", "",
                "statement error", "SELECT * FROM nowhere", "",
                "statement ok", "SELECT * FROM nowhere", "",
                "query I rowsort", "SELECT a FROM t", "----", "1", "2", "",
                "query I nosort label-x", "SELECT a FROM t ORDER BY a DESC", "----", "2", "1", "",
                "skipif postgresql", "query I nosort", "SELECT 1", "----", "1", "",
                "query T nosort", "SELECT 'x'", "----", "y", ""));
        Map<String, SltConnection.Result> answers = new HashMap<>();
        answers.put("SELECT a FROM t", new SltConnection.Result(1, List.of(List.of(2), List.of(1))));
        answers.put("SELECT a FROM t ORDER BY a DESC", new SltConnection.Result(1, List.of(List.of(2), List.of(1))));
        answers.put("SELECT 'x'", new SltConnection.Result(1, List.of(List.of("x"))));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CannedDatabase db = new CannedDatabase(answers, List.of("SELECT * FROM nowhere"));
        SqlLogicTestRunner runner = new SqlLogicTestRunner(() -> db, new PrintStream(buf, true, StandardCharsets.UTF_8), 10);
        SqlLogicTestRunner.Tally t = runner.run(List.of(dir));
        assertThat(t).isEqualTo(new SqlLogicTestRunner.Tally(4, 2, 1));
        String out = buf.toString(StandardCharsets.UTF_8);
        List<String> lines = out.lines().toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("4 passed, 2 failed, 1 skipped");
        assertThat(out).contains("t.test:7: statement failed: ERROR: relation \"nowhere\" does not exist")
                .contains("t.test:28: expected [y], got [x]")
                .contains("t.test: 4 passed, 2 failed, 1 skipped");
        assertThat(runner.failures()).extracting(SqlLogicTestRunner.Failure::line).containsExactly(7, 28);
        assertThat(db.executed).doesNotContain("SELECT 1");
    }
}
