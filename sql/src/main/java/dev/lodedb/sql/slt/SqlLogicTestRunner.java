package dev.lodedb.sql.slt;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs sqllogictest scripts against a database and reports, per file, how many records passed,
 * failed and were skipped, ending with exactly one line {@code N passed, M failed, K skipped}.
 * Plays the database named {@link #DATABASE} for {@code skipif}/{@code onlyif}. Each file runs on
 * a fresh connection from the supplier. A failing record does not stop its file (as the reference
 * runner's default), except that a statement that should succeed and fails is counted and the
 * script goes on, so one missing feature does not hide the rest.
 *
 * <p>Not thread-safe; one run at a time.
 */
public final class SqlLogicTestRunner {
    /** The database name LodeDB plays: it speaks PostgreSQL's dialect. */
    public static final String DATABASE = "postgresql";
    /** Hash threshold when a script sets none (the reference runner's default). */
    public static final int DEFAULT_HASH_THRESHOLD = 8;

    /** Counts for one file or a whole run. */
    public record Tally(int passed, int failed, int skipped) {
        Tally plus(Tally o) {
            return new Tally(passed + o.passed, failed + o.failed, skipped + o.skipped);
        }

        @Override
        public String toString() {
            return passed + " passed, " + failed + " failed, " + skipped + " skipped";
        }
    }

    /** One failed record: where and why. */
    public record Failure(Path file, int line, String sql, String reason) {
    }

    private final Supplier<SltConnection> connections;
    private final PrintStream out;
    private final int maxFailuresShown;
    private final List<Failure> failures = new ArrayList<>();

    /**
     * @param connections opens a connection to a fresh, empty database
     * @param out where the per-file lines, the failures shown and the final line go
     * @param maxFailuresShown failures printed per file (the rest are only counted)
     */
    public SqlLogicTestRunner(Supplier<SltConnection> connections, PrintStream out, int maxFailuresShown) {
        this.connections = connections;
        this.out = out;
        this.maxFailuresShown = maxFailuresShown;
    }

    /** @return every failure recorded so far */
    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    /**
     * Runs files and directories (recursively, {@code *.test} files in name order).
     *
     * @return the total
     * @throws IOException if a file cannot be read
     */
    public Tally run(List<Path> paths) throws IOException {
        Tally total = new Tally(0, 0, 0);
        for (Path p : expand(paths)) {
            total = total.plus(runFile(p));
        }
        out.println(total);
        return total;
    }

    private static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.toString().endsWith(".test")).sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    /**
     * Runs one file and prints its line.
     *
     * @return the file's counts
     * @throws IOException if it cannot be read
     */
    public Tally runFile(Path file) throws IOException {
        SltParser.Script script;
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            script = SltParser.parse(reader, DATABASE);
        }
        int passed = 0;
        int failed = 0;
        int skipped = script.skipped();
        int shown = 0;
        int threshold = DEFAULT_HASH_THRESHOLD;
        Map<String, String> labels = new HashMap<>();
        try (SltConnection c = connections.get()) {
            List<SltRecord> records = script.records();
            for (int i = 0; i < records.size(); i++) {
                SltRecord r = records.get(i);
                String problem;
                String sql = null;
                if (r instanceof SltRecord.HashThreshold h) {
                    threshold = h.threshold();
                    continue;
                } else if (r instanceof SltRecord.Halt) {
                    skipped += records.size() - i - 1;
                    break;
                } else if (r instanceof SltRecord.Statement s) {
                    sql = s.sql();
                    problem = runStatement(c, s);
                } else {
                    SltRecord.Query q = (SltRecord.Query) r;
                    sql = q.sql();
                    problem = runQuery(c, q, threshold, labels);
                }
                if (problem == null) {
                    passed++;
                } else {
                    failed++;
                    Failure f = new Failure(file, r.line(), sql, problem);
                    failures.add(f);
                    if (shown++ < maxFailuresShown) {
                        out.println("  FAIL " + file.getFileName() + ":" + r.line() + ": " + problem);
                    }
                }
            }
        } catch (Exception e) {
            throw new IOException("cannot run " + file + ": " + e.getMessage(), e);
        }
        Tally t = new Tally(passed, failed, skipped);
        out.println(file + ": " + t);
        return t;
    }

    private static String runStatement(SltConnection c, SltRecord.Statement s) {
        try {
            c.execute(s.sql());
            return s.expectError() ? "statement succeeded but an error was expected" : null;
        } catch (Exception e) {
            return s.expectError() ? null : "statement failed: " + oneLine(e);
        }
    }

    private static String runQuery(SltConnection c, SltRecord.Query q, int threshold, Map<String, String> labels) {
        SltConnection.Result result;
        try {
            result = c.query(q.sql());
        } catch (Exception e) {
            return "query failed: " + oneLine(e);
        }
        String problem = SltResults.compare(q, result.columnCount(), result.rows(), threshold);
        if (problem == null && q.label() != null) {
            String h = SltResults.hash(SltResults.renderSorted(result.rows(), q.types(), q.sortMode()));
            String prev = labels.putIfAbsent(q.label(), h);
            if (prev != null && !prev.equals(h)) {
                return "result differs from the earlier query labelled " + q.label();
            }
        }
        return problem;
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }
}
