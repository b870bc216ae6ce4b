package dev.lodedb.sql.regress;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.Statement;
import dev.lodedb.sql.exec.DataChunk;
import dev.lodedb.sql.parser.Parser;
import dev.lodedb.sql.parser.PsqlScript;
import dev.lodedb.sql.session.ResultColumn;
import dev.lodedb.sql.session.SqlDatabase;
import dev.lodedb.sql.session.SqlOptions;
import dev.lodedb.sql.session.SqlSession;
import dev.lodedb.sql.session.StatementResult;
import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.lsm.LsmStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs PostgreSQL's own regression scripts ({@code sql/X.sql}) against LodeDB and judges each
 * statement against psql's recorded output ({@code expected/X.out}).
 *
 * <p>Each file gets a fresh database in a temporary directory on which {@code sql/test_setup.sql}
 * has run (its failures are counted separately, never judged; it runs once per runner, and each
 * file gets a copy of the resulting database). The runner walks the script's
 * lines and the {@code .out} file together: psql echoes every non-blank input line (except COPY
 * data), and after the line that ends a statement prints that statement's output. A statement
 * passes when:
 * <ul>
 *   <li>the expected output is a result table, and LodeDB returns the same column count, the same
 *       column names and the same rows (as multisets when the query has no top-level ORDER BY, in
 *       order otherwise), each value rendered in PostgreSQL's text output by
 *       {@link Values#format} and compared as trimmed cell text, NULL as psql's {@code \pset null}
 *       string;</li>
 *   <li>the expected output is an {@code ERROR:}, and LodeDB raises an error (whether the message
 *       is the same is counted separately);</li>
 *   <li>the expected output is nothing, and the statement succeeds.</li>
 * </ul>
 * psql meta-commands (lines starting with a backslash) are skipped and counted as skipped.
 * {@code COPY t FROM 'file'} and {@code COPY t FROM STDIN} run through LodeDB's COPY (the script's
 * data lines as the input stream) so that the tables are filled, and are counted as skipped. A statement that runs longer than the timeout fails.
 */
public final class PgRegressRunner implements AutoCloseable {

    /** One failed statement. */
    public record Failure(String file, int line, String sql, String expected, String got) {
    }

    /**
     * The outcome of one file.
     *
     * @param errorsExpected statements whose expected output is an ERROR
     * @param errorsRaised of those, the ones where LodeDB raised an error too
     * @param errorMessagesEqual of those, the ones with the same message text
     * @param setupFailures statements of test_setup.sql that failed
     */
    public record FileResult(String file, int passed, int failed, int skipped, int errorsExpected, int errorsRaised,
            int errorMessagesEqual, int setupFailures, List<Failure> failures) {
        /** @return passed / (passed + failed) in percent */
        public double percent() {
            int judged = passed + failed;
            return judged == 0 ? 0 : 100.0 * passed / judged;
        }
    }

    private static final Pattern COPY = Pattern.compile(
            "(?is)^copy\\s+([\\w.\"]+)\\s*(?:\\(([^)]*)\\))?\\s+from\\s+(stdin|'([^']*)')\\s*(?:with\\s*)?(.*)$");

    /** Held so that the logging level set in {@link #main} sticks (loggers are weakly referenced). */
    private static final Logger LODE_LOGGER = Logger.getLogger("dev.lodedb");

    private final Path regressDir;
    private final long timeoutMillis;
    private final List<String> setupErrors = new ArrayList<>();
    private Path template;
    private int setupFailures;

    /**
     * @param regressDir the directory with {@code sql/}, {@code expected/} and {@code data/}
     * @param timeoutMillis the longest a statement may run
     */
    public PgRegressRunner(Path regressDir, long timeoutMillis) {
        this.regressDir = regressDir;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Runs one regression file.
     *
     * @param name the file's name without directory and extension, e.g. {@code int4}
     * @return the tally and the failures
     */
    public FileResult run(String name) throws IOException {
        String script = Files.readString(regressDir.resolve("sql").resolve(name + ".sql"), StandardCharsets.UTF_8);
        List<String> out = Arrays.asList(Files.readString(regressDir.resolve("expected").resolve(name + ".out"),
                StandardCharsets.UTF_8).split("\n", -1));
        if (template == null) {
            // test_setup.sql runs once into a template database that each file gets a copy of
            template = Files.createTempDirectory("lode-pgregress-setup-");
            try (Harness h = new Harness(template)) {
                setupFailures = setup(h);
            }
        }
        Path dir = Files.createTempDirectory("lode-pgregress-");
        copyTree(template, dir);
        try (Harness h = new Harness(dir)) {
            return walk(name, script, out, h, setupFailures);
        } finally {
            deleteTree(dir);
        }
    }

    /** Deletes the template database. */
    @Override
    public void close() {
        if (template != null) {
            deleteTree(template);
            template = null;
        }
    }

    /** @return the failures of test_setup.sql (statement line and message) */
    public List<String> setupErrors() {
        return List.copyOf(setupErrors);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private int setup(Harness h) throws IOException {
        Path setup = regressDir.resolve("sql").resolve("test_setup.sql");
        if (!Files.exists(setup)) {
            return 0;
        }
        String script = Files.readString(setup, StandardCharsets.UTF_8);
        Map<String, String> vars = new HashMap<>();
        vars.put("abs_srcdir", regressDir.toString());
        String[] lines = script.split("\n", -1);
        int failures = 0;
        int lastLine = 0;
        for (PsqlScript.Statement s : PsqlScript.statements(script)) {
            for (int l = lastLine + 1; l < s.line(); l++) {
                metaCommand(lines[l - 1], vars, null);
            }
            lastLine = s.endLine();
            try {
                if (!tryCopy(h, s, vars)) {
                    Outcome o = h.run(s.sql(), null);
                    if (o.error != null) {
                        throw new SqlException("XX000", o.error);
                    }
                }
            } catch (RuntimeException e) {
                failures++;
                setupErrors.add("test_setup.sql:" + s.line() + ": " + e.getMessage());
            }
        }
        return failures;
    }

    private FileResult walk(String name, String script, List<String> out, Harness h, int setupFailures) {
        String[] lines = script.split("\n", -1);
        List<PsqlScript.Statement> statements = PsqlScript.statements(script);
        Map<Integer, List<PsqlScript.Statement>> endingAt = new TreeMap<>();
        Set<Integer> dataLines = new HashSet<>();
        for (PsqlScript.Statement s : statements) {
            endingAt.computeIfAbsent(s.endLine(), k -> new ArrayList<>()).add(s);
            for (int l = s.endLine() + 1; l <= s.copyDataEndLine(); l++) {
                dataLines.add(l);
            }
        }
        Map<String, String> vars = new HashMap<>();
        vars.put("abs_srcdir", regressDir.toString());
        String[] nullString = {""};
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        int errorsExpected = 0;
        int errorsRaised = 0;
        int errorMessagesEqual = 0;
        List<Failure> failures = new ArrayList<>();
        int o = 0;
        for (int l = 1; l <= lines.length; l++) {
            String line = lines[l - 1];
            if (dataLines.contains(l) || line.isBlank()) {
                continue;
            }
            o = matchEcho(out, o, line);
            if (line.startsWith("\\")) {
                skipped++;
                metaCommand(line, vars, nullString);
            }
            String next = nextEcho(lines, l, dataLines);
            for (PsqlScript.Statement s : endingAt.getOrDefault(l, List.of())) {
                ExpectedOutput e = ExpectedOutput.parse(out, o, next);
                o = e.next();
                if (e.kind() == ExpectedOutput.Kind.ERROR) {
                    errorsExpected++;
                }
                Outcome got;
                try {
                    if (tryCopy(h, s, vars)) {
                        skipped++;
                        continue;
                    }
                    got = h.run(s.sql(), nullString[0]);
                } catch (SqlException ex) {
                    got = Outcome.error(ex.getMessage());
                } catch (RuntimeException ex) {
                    got = Outcome.error("harness: " + ex);
                }
                String verdict = judge(s.sql(), e, got);
                if (e.kind() == ExpectedOutput.Kind.ERROR && got.error != null) {
                    errorsRaised++;
                    if (got.error.equals(e.error())) {
                        errorMessagesEqual++;
                    }
                }
                if (verdict == null) {
                    passed++;
                } else {
                    failed++;
                    failures.add(new Failure(name, s.line(), s.sql(), String.join("\n", e.text()), verdict));
                }
            }
            if (next != null) {
                int found = find(out, o, next);
                if (found >= 0) {
                    o = found;
                }
            }
        }
        return new FileResult(name, passed, failed, skipped, errorsExpected, errorsRaised, errorMessagesEqual,
                setupFailures, failures);
    }

    private static String nextEcho(String[] lines, int l, Set<Integer> dataLines) {
        for (int k = l + 1; k <= lines.length; k++) {
            if (!dataLines.contains(k) && !lines[k - 1].isBlank()) {
                return lines[k - 1];
            }
        }
        return null;
    }

    /** @return the index after the echo of {@code line} at or after {@code o} (unchanged if not found) */
    private static int matchEcho(List<String> out, int o, String line) {
        int found = find(out, o, line);
        return found < 0 ? o : found + 1;
    }

    private static int find(List<String> out, int o, String line) {
        String want = line.stripTrailing();
        for (int k = o; k < out.size() && k < o + 2000; k++) {
            if (out.get(k).stripTrailing().equals(want)) {
                return k;
            }
        }
        return -1;
    }

    private static void metaCommand(String line, Map<String, String> vars, String[] nullString) {
        String t = line.strip();
        if (t.startsWith("\\set ")) {
            String[] words = t.split("\\s+", 3);
            if (words.length >= 2) {
                vars.put(words[1], words.length == 3 ? expand(words[2], vars) : "");
            }
        } else if (t.startsWith("\\getenv ")) {
            String[] words = t.split("\\s+");
            if (words.length >= 3 && !vars.containsKey(words[1])) {
                vars.put(words[1], "");
            }
        } else if (t.startsWith("\\pset null") && nullString != null) {
            String v = t.substring("\\pset null".length()).strip();
            if (v.startsWith("'") && v.endsWith("'") && v.length() >= 2) {
                v = v.substring(1, v.length() - 1).replace("\\\\", "\\");
            }
            nullString[0] = v;
        }
    }

    private static String expand(String value, Map<String, String> vars) {
        StringBuilder sb = new StringBuilder();
        Matcher m = Pattern.compile(":'?(\\w+)'?|'([^']*)'|(\\S+)").matcher(value);
        while (m.find()) {
            if (m.group(1) != null) {
                sb.append(vars.getOrDefault(m.group(1), ""));
            } else if (m.group(2) != null) {
                sb.append(m.group(2));
            } else {
                sb.append(m.group(3));
            }
        }
        return sb.toString();
    }

    /**
     * Runs a {@code COPY ... FROM} with LodeDB's own COPY: a {@code :'var'} file name is
     * substituted, and {@code FROM STDIN} reads the script's data lines through the session's copy
     * input stream. @return whether {@code s} was such a COPY
     */
    private boolean tryCopy(Harness h, PsqlScript.Statement s, Map<String, String> vars) {
        Matcher m = COPY.matcher(s.sql());
        if (!m.matches()) {
            return false;
        }
        String sql = s.sql();
        java.io.InputStream data = null;
        if (m.group(3).equalsIgnoreCase("stdin")) {
            StringBuilder lines = new StringBuilder();
            for (String line : s.copyData()) {
                lines.append(line).append('\n');
            }
            data = new java.io.ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8));
        } else if (m.group(4).startsWith("psql_var_")) {
            String file = m.group(4);
            String value = vars.getOrDefault(file.substring("psql_var_".length()), file);
            sql = sql.replace("'" + file + "'", "'" + value.replace("'", "''") + "'");
        }
        h.session.setCopyStreams(data, null);
        try {
            h.run(sql, null);
        } finally {
            h.session.setCopyStreams(null, null);
        }
        return true;
    }

    /** @return {@code null} when the statement passes, else what LodeDB did */
    private static String judge(String sql, ExpectedOutput e, Outcome got) {
        switch (e.kind()) {
            case ERROR:
                return got.error != null ? null : "no error" + (got.columns == null ? "" : ":\n" + got.render());
            case NONE:
                return got.error == null ? null : "ERROR:  " + got.error;
            default:
                break;
        }
        if (got.error != null) {
            return "ERROR:  " + got.error;
        }
        if (got.columns == null) {
            return "no rows returned (not a query)";
        }
        if (got.columns.size() != e.columns().size()) {
            return "column count " + got.columns.size() + ", expected " + e.columns().size() + ":\n" + got.render();
        }
        if (!got.columns.equals(e.columns())) {
            return "column names " + got.columns + ", expected " + e.columns() + ":\n" + got.render();
        }
        List<List<String>> expected = e.rows();
        List<List<String>> actual = got.rows;
        if (sql.regionMatches(true, 0, "explain", 0, 7) && !expected.equals(actual)) {
            return "EXPLAIN plan differs:\n" + got.render();
        }
        if (ordered(sql)) {
            if (!expected.equals(actual)) {
                return (sameMultiset(expected, actual) ? "rows in a different order:\n" : "different rows:\n")
                        + got.render();
            }
        } else if (!sameMultiset(expected, actual)) {
            return "different rows:\n" + got.render();
        }
        return null;
    }

    private static boolean sameMultiset(List<List<String>> a, List<List<String>> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Comparator<List<String>> c = (x, y) -> String.join("\u0001", x).compareTo(String.join("\u0001", y));
        List<List<String>> sa = new ArrayList<>(a);
        List<List<String>> sb = new ArrayList<>(b);
        sa.sort(c);
        sb.sort(c);
        return sa.equals(sb);
    }

    private static boolean ordered(String sql) {
        try {
            Statement s = Parser.parse(sql);
            return s instanceof Query q && !q.orderBy().isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** What LodeDB did: an error, or the columns and rendered rows (null columns: not a query). */
    static final class Outcome {
        final String error;
        final List<String> columns;
        final List<List<String>> rows;

        private Outcome(String error, List<String> columns, List<List<String>> rows) {
            this.error = error;
            this.columns = columns;
            this.rows = rows;
        }

        static Outcome error(String message) {
            return new Outcome(message, null, null);
        }

        String render() {
            if (columns == null) {
                return "(no result)";
            }
            StringBuilder sb = new StringBuilder(String.join(" | ", columns));
            for (List<String> r : rows) {
                sb.append('\n').append(String.join(" | ", r).replace("\n", "\\n"));
            }
            return sb.append("\n(").append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)").toString();
        }
    }

    /** A fresh database and a worker thread that runs statements with a timeout. */
    private final class Harness implements AutoCloseable {
        private final SqlDatabase db;
        private final SqlSession session;
        private ExecutorService worker;
        private final AtomicReference<Thread> workerThread = new AtomicReference<>();

        Harness(Path dir) {
            db = SqlDatabase.open(LsmStore.open(dir.resolve("db"), new LsmOptions()),
                    new SqlOptions(64L << 20, dir, false));
            session = db.openSession();
            worker = newWorker();
        }

        private ExecutorService newWorker() {
            return Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "pgregress-statement");
                t.setDaemon(true);
                workerThread.set(t);
                return t;
            });
        }

        /** Runs one statement; @return its rows rendered with {@code nullString}, or no columns for commands */
        Outcome run(String sql, String nullString) {
            Future<Outcome> f = worker.submit(() -> execute(sql, nullString));
            try {
                return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                stopWorker();
                return Outcome.error("harness: timed out after " + timeoutMillis + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof StackOverflowError) {
                    return Outcome.error("harness: stack overflow");
                }
                if (e.getCause() instanceof OutOfMemoryError) {
                    return Outcome.error("harness: out of memory");
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        @SuppressWarnings({"deprecation", "removal"})
        private void stopWorker() {
            Thread t = workerThread.get();
            worker.shutdownNow();
            try {
                if (t != null && !worker.awaitTermination(2, TimeUnit.SECONDS)) {
                    t.stop();
                    worker.awaitTermination(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (UnsupportedOperationException e) {
                // Java 20+: the thread is abandoned (daemon)
            }
            worker = newWorker();
        }

        private Outcome execute(String sql, String nullString) {
            try (StatementResult r = session.executeScript(sql)) {
                if (!r.returnsRows()) {
                    while (r.next() != null) {
                        // drain
                    }
                    return new Outcome(null, null, null);
                }
                List<String> columns = new ArrayList<>();
                for (ResultColumn c : r.columns()) {
                    columns.add(c.name());
                }
                List<List<String>> rows = new ArrayList<>();
                DataChunk c;
                while ((c = r.next()) != null) {
                    for (int k = 0; k < c.size(); k++) {
                        Object[] values = c.rowValues(k);
                        List<String> row = new ArrayList<>(values.length);
                        for (int i = 0; i < values.length; i++) {
                            row.add(render(r.columns().get(i).type(), values[i], nullString));
                        }
                        rows.add(row);
                    }
                }
                return new Outcome(null, columns, rows);
            }
        }

        @Override
        public void close() {
            worker.shutdownNow();
            session.close();
            db.close();
        }
    }

    private static String render(DataType type, Object value, String nullString) {
        if (value == null) {
            return nullString == null ? "" : nullString;
        }
        String s = Values.format(type.id() == TypeId.UNKNOWN ? DataType.TEXT : type, value);
        if (s.indexOf('\n') < 0) {
            return s.strip();
        }
        StringBuilder sb = new StringBuilder();
        for (String part : s.split("\n", -1)) {
            sb.append(sb.length() > 0 ? "\n" : "").append(part.stripTrailing());
        }
        return sb.toString().strip();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code java ... dev.lodedb.sql.regress.PgRegressRunner [-v] [--causes] [--timeout=MS] FILE...}: FILE
     * is a regression file's name ({@code int4}) or a path to its {@code sql/X.sql}; names resolve
     * against {@code sql/src/test/resources/conformance/postgres-regress}. Prints one line per file
     * and a total; {@code -v} prints every failure; {@code --causes} tallies LodeDB's error messages.
     */
    public static void main(String[] args) throws IOException {
        boolean verbose = false;
        boolean causes = false;
        long timeout = 20_000;
        List<String> files = new ArrayList<>();
        for (String a : args) {
            if (a.equals("-v")) {
                verbose = true;
            } else if (a.equals("--causes")) {
                causes = true;
            } else if (a.startsWith("--timeout=")) {
                timeout = Long.parseLong(a.substring("--timeout=".length()));
            } else {
                files.add(a);
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: pgregress.sh [-v] [--causes] [--timeout=MS] FILE...");
            System.exit(2);
        }
        LODE_LOGGER.setLevel(verbose ? Level.SEVERE : Level.OFF);
        PrintStream p = System.out;
        Path defaultDir = Path.of("sql/src/test/resources/conformance/postgres-regress");
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        int errorsExpected = 0;
        int errorsRaised = 0;
        int messagesEqual = 0;
        Map<String, Integer> tally = new HashMap<>();
        Map<Path, PgRegressRunner> runners = new HashMap<>();
        long timeoutMs = timeout;
        boolean setupPrinted = false;
        for (String f : files) {
            Path dir = defaultDir;
            String name = f;
            if (f.endsWith(".sql")) {
                Path path = Path.of(f).toAbsolutePath();
                dir = path.getParent().getParent();
                name = path.getFileName().toString().replaceFirst("\\.sql$", "");
            }
            PgRegressRunner runner = runners.computeIfAbsent(dir.toAbsolutePath(), d -> new PgRegressRunner(d, timeoutMs));
            FileResult r = runner.run(name);
            p.printf(Locale.ROOT, "%s: %d passed, %d failed, %d skipped (%.1f%%)%s%n", name, r.passed(), r.failed(),
                    r.skipped(), r.percent(), r.setupFailures() > 0 ? "  [setup: " + r.setupFailures()
                            + " statements failed]" : "");
            if (verbose) {
                if (!setupPrinted) {
                    runner.setupErrors.forEach(x -> p.println("  setup: " + x));
                    setupPrinted = true;
                }
                for (Failure x : r.failures()) {
                    p.println("---- " + x.file() + ".sql:" + x.line() + "\n" + x.sql() + "\n-- expected:\n"
                            + x.expected() + "\n-- got:\n" + x.got());
                }
            }
            for (Failure x : r.failures()) {
                String key = x.got().split("\n", 2)[0].replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("\\d+", "N");
                tally.merge(key, 1, Integer::sum);
            }
            passed += r.passed();
            failed += r.failed();
            skipped += r.skipped();
            errorsExpected += r.errorsExpected();
            errorsRaised += r.errorsRaised();
            messagesEqual += r.errorMessagesEqual();
        }
        runners.values().forEach(PgRegressRunner::close);
        int judged = passed + failed;
        p.printf(Locale.ROOT, "total: %d passed, %d failed, %d skipped (%.1f%%); expected errors: %d, raised %d, "
                + "same message %d%n", passed, failed, skipped, judged == 0 ? 0 : 100.0 * passed / judged,
                errorsExpected, errorsRaised, messagesEqual);
        if (causes) {
            tally.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(40)
                    .forEach(e -> p.printf("%5d  %s%n", e.getValue(), e.getKey()));
        }
        System.exit(failed > 0 ? 1 : 0);
    }
}
