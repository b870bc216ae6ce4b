package dev.lodedb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.Database;
import dev.lodedb.Lode;
import dev.lodedb.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell on a JLine terminal fed through a pipe: multi-line input, prompts, history
 * in a file, completion, Ctrl-C.
 */
class CliShellTest {
    /** Only guards against a hang; no test depends on how fast anything is. */
    private static final long HANG_GUARD_SECONDS = 120;

    @TempDir
    Path tmp;
    private Database db;
    private Session session;
    private PipedOutputStream keyboard;
    private ByteArrayOutputStream screen;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;
    private Terminal terminal;
    private CommandRunner runner;
    private Shell shell;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();

    @BeforeEach
    void open() throws IOException {
        db = Lode.openInMemory();
        session = db.session();
        session.execute("CREATE TABLE items (id int PRIMARY KEY, name text, price numeric(8,2))");
        session.execute("INSERT INTO items VALUES (1, 'tea', 3.50)");
        shell = newShell(tmp.resolve("history"));
    }

    private Shell newShell(Path history) throws IOException {
        keyboard = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keyboard, 1 << 16);
        screen = new ByteArrayOutputStream();
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        terminal = new DumbTerminal("test", "dumb", in, screen, StandardCharsets.UTF_8);
        // as a real terminal is set up: Ctrl-C (ETX) raises SIGINT
        Attributes attributes = terminal.getAttributes();
        attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
        attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
        attributes.setControlChar(Attributes.ControlChar.VQUIT, 28);   // unset (-1), end of input would match
        attributes.setControlChar(Attributes.ControlChar.VSUSP, 26);
        attributes.setControlChar(Attributes.ControlChar.VSTATUS, 20);
        terminal.setAttributes(attributes);
        runner = new CommandRunner(db, session, new PrintSettings(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Shell(terminal, runner, history);
    }

    @AfterEach
    void close() throws IOException {
        thread.shutdownNow();
        terminal.close();
        session.close();
        db.close();
    }

    private Future<Integer> start() {
        return thread.submit(shell::run);
    }

    private void type(String text) throws IOException {
        keyboard.write(text.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_GUARD_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the shell did not get there");
            }
            Thread.sleep(10);
        }
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private int finish(Future<Integer> f) throws Exception {
        keyboard.close();
        return f.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void promptShowsTheTransactionState() throws Exception {
        Future<Integer> f = start();
        type("BEGIN;\nSELECT 1/0;\nROLLBACK;\nSELECT 42 AS done;\n");
        await(() -> out().contains("42"));
        type("\\q\n");
        assertThat(f.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isZero();
        String screenText = screen.toString(StandardCharsets.UTF_8);
        assertThat(screenText).contains("lode=*> ").contains("lode=!> ");
    }

    @Test
    void multiLineStatementsAndPromptsAndHistoryFile() throws Exception {
        Future<Integer> f = start();
        type("SELECT id,\n  name\nFROM items;\nSELECT 2 AS two; SELECT 3 AS three;\n");
        await(() -> out().contains("three"));
        type("\\q\n");
        assertThat(f.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isZero();
        assertThat(out()).isEqualTo("""
                 id | name\s
                ----+------
                  1 | tea
                (1 row)

                 two\s
                -----
                   2
                (1 row)

                 three\s
                -------
                     3
                (1 row)

                """);
        String screenText = screen.toString(StandardCharsets.UTF_8);
        assertThat(screenText).contains(Shell.PROMPT);
        String history = Files.readString(tmp.resolve("history"));
        assertThat(history).contains("SELECT id,\\n  name\\nFROM items;").contains("\\\\q");

        // A new shell reads the history back.
        Shell again = newShell(tmp.resolve("history"));
        List<String> entries = new ArrayList<>();
        LineReader reader = again.reader();
        reader.getHistory().attach(reader);   // what the first readLine does
        reader.getHistory().forEach(e -> entries.add(e.line()));
        assertThat(entries).contains("SELECT id,\n  name\nFROM items;", "SELECT 2 AS two; SELECT 3 AS three;");
    }

    @Test
    void syntaxErrorWithCaretAndTheShellGoesOn() throws Exception {
        Future<Integer> f = start();
        type("SELECT * FORM items;\nSELECT 1 AS one;\n");
        await(() -> out().contains("one"));
        assertThat(finish(f)).isZero();
        assertThat(err()).isEqualTo("""
                ERROR:  42601: syntax error at or near "FORM"
                LINE 1: SELECT * FORM items;
                                 ^
                """);
    }

    @Test
    void metaCommandInsideAStatementRunsAtOnceAndTheStatementContinues() throws Exception {
        Future<Integer> f = start();
        type("SELECT 5\n\\echo between\nAS five;\n");
        await(() -> out().contains("five"));
        assertThat(finish(f)).isZero();
        assertThat(out()).startsWith("between\n five \n------\n    5\n");
    }

    @Test
    void ctrlCCancelsTheRunningStatementAndTheShellRunsTheNextOne() throws Exception {
        Future<Integer> f = start();
        type("SELECT count(*) FROM generate_series(1, 1000000000);\n");
        await(runner::isExecuting);
        terminal.raise(Terminal.Signal.INT);
        await(() -> err().contains("57014"));
        type("SELECT 42 AS answer;\n");
        await(() -> out().contains("answer"));
        assertThat(finish(f)).isZero();
        assertThat(err()).isEqualTo("ERROR:  57014: canceling statement due to user request\n");
        assertThat(out()).isEqualTo(" answer \n--------\n     42\n(1 row)\n\n");
    }

    @Test
    void ctrlCAtThePromptClearsTheLine() throws Exception {
        Future<Integer> f = start();
        type("SELECT 'half typed\u0003");
        type("SELECT 7 AS seven;\n");
        await(() -> out().contains("seven"));
        assertThat(finish(f)).isZero();
        assertThat(err()).isEmpty();
        assertThat(out()).isEqualTo(" seven \n-------\n     7\n(1 row)\n\n");
    }

    @Test
    void ctrlDExits() throws Exception {
        Future<Integer> f = start();
        type("SELECT 1;\n");
        await(() -> out().contains("(1 row)"));
        assertThat(finish(f)).isZero();
        assertThat(screen.toString(StandardCharsets.UTF_8)).endsWith("\\q\n");
    }

    @Test
    void copyFromStdinReadsTypedLinesUpToBackslashDot() throws Exception {
        Future<Integer> f = start();
        type("COPY items (id, name) FROM STDIN (FORMAT csv);\n5,fig\n6,\"kiwi, gold\"\n\\.\nSELECT name FROM items WHERE id > 4;\n");
        await(() -> out().contains("(2 rows)"));
        assertThat(finish(f)).isZero();
        assertThat(err()).isEmpty();
        assertThat(out()).isEqualTo("COPY 2\n    name    \n------------\n fig\n kiwi, gold\n(2 rows)\n\n");
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("End with a backslash and a period").contains(">> ");
        LineReader reader = shell.reader();
        List<String> history = new ArrayList<>();
        reader.getHistory().forEach(e -> history.add(e.line()));
        assertThat(history).containsExactly("COPY items (id, name) FROM STDIN (FORMAT csv);",
                "SELECT name FROM items WHERE id > 4;");
    }

    private List<String> complete(String line) {
        LineReader r = shell.reader();
        ParsedLine parsed = r.getParser().parse(line, line.length(), ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        ((org.jline.reader.impl.LineReaderImpl) r).getCompleter().complete(r, parsed, candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void completesKeywordsTablesColumnsAndMetaCommands() {
        assertThat(complete("SEL")).containsExactly("SELECT");
        assertThat(complete("sel")).containsExactly("select");
        assertThat(complete("SELECT * FR")).contains("FROM").doesNotContain("items");
        assertThat(complete("SELECT * FROM it")).contains("items");
        assertThat(complete("SELECT na")).containsExactly("name", "names", "national", "natural");
        assertThat(complete("SELECT NA")).containsExactly("name", "NAME", "NAMES", "NATIONAL", "NATURAL");
        assertThat(complete("SELECT count(pr")).contains("price");
        assertThat(complete("SELECT items.pr")).containsExactly("items.price");
        assertThat(complete("SELECT items.")).containsExactly("items.id", "items.name", "items.price");
        assertThat(complete("SELECT * FROM public.it")).containsExactly("public.items");
        assertThat(complete("\\d")).containsExactly("\\d", "\\di", "\\dt", "\\dv");
        session.execute("CREATE TABLE orders (order_no int)");
        assertThat(complete("SELECT order_")).containsExactly("order_no");
    }
}
