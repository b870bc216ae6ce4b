package dev.lodedb.cli;

import java.io.InterruptedIOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

/**
 * The interactive shell: reads statements with JLine (prompt {@code lode=> }, {@code lode-> } while
 * a statement continues), hands them to a {@link CommandRunner}, and keeps the history in a file.
 * Enter runs the buffer once it ends with {@code ;} (quotes, dollar quotes and comments taken into
 * account) or is a meta-command; Tab completes ({@link SqlCompleter}); Ctrl-C cancels the
 * running statement, or at the prompt clears the buffer; Ctrl-D on an empty line, or {@code \q},
 * exits.
 *
 * <p>Runs on one thread; only the terminal's signal handler calls into the runner from another.
 */
final class Shell {
    /** Prompt when no statement is pending. */
    static final String PROMPT = "lode=> ";
    /** Prompt while a statement continues. */
    static final String CONTINUATION_PROMPT = "lode-> ";

    private final Terminal terminal;
    private final CommandRunner runner;
    private final Path historyFile;
    private final ScriptScanner scanner = new ScriptScanner();
    private LineReader reader;

    /**
     * @param terminal the terminal to read from (the system terminal, or a test terminal)
     * @param runner runs what is typed; its settings' terminal width follows the terminal's
     * @param historyFile where history persists across sessions, or null for none
     */
    Shell(Terminal terminal, CommandRunner runner, Path historyFile) {
        this.terminal = terminal;
        this.runner = runner;
        this.historyFile = historyFile;
    }

    /** @return the line reader (built on first use), for tests that inspect history or completion */
    LineReader reader() {
        if (reader == null) {
            LineReaderBuilder b = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("lode")
                    .parser(new SqlLineParser(scanner::pendingText))
                    .completer(new SqlCompleter(() -> runner.database().sqlDatabase().catalog()))
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION_PROMPT)
                    .variable(LineReader.HISTORY_SIZE, 5000)
                    .variable(LineReader.HISTORY_FILE_SIZE, 5000)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .option(LineReader.Option.CASE_INSENSITIVE, true)
                    .option(LineReader.Option.HISTORY_IGNORE_DUPS, true);
            if (historyFile != null) {
                b.variable(LineReader.HISTORY_FILE, historyFile);
            }
            reader = b.build();
        }
        return reader;
    }

    /**
     * Reads one line of {@code COPY ... FROM STDIN} data at the {@code >>} prompt: no SQL parsing,
     * no completion, no history.
     *
     * @return the line, or null at Ctrl-D
     * @throws InterruptedIOException at Ctrl-C (the COPY fails and writes nothing)
     */
    private String readDataLine() throws InterruptedIOException {
        LineReaderImpl r = (LineReaderImpl) reader();
        Parser sql = r.getParser();
        r.setParser(new DefaultParser());
        r.setVariable(LineReader.DISABLE_HISTORY, true);
        r.setVariable(LineReader.DISABLE_COMPLETION, true);
        try {
            return r.readLine(">> ");
        } catch (EndOfFileException e) {
            return null;
        } catch (UserInterruptException e) {
            throw new InterruptedIOException("data entry canceled");
        } finally {
            r.setParser(sql);
            r.setVariable(LineReader.DISABLE_HISTORY, false);
            r.setVariable(LineReader.DISABLE_COMPLETION, false);
        }
    }

    /**
     * @return psql's prompt ({@code %/%R%x> }): {@code lode=> }, {@code lode-> } while a statement
     *     continues over lines, with {@code *} after the {@code =} or {@code -} inside a transaction
     *     block ({@code lode=*> }) and {@code !} in a failed one ({@code lode=!> })
     */
    String prompt() {
        dev.lodedb.sql.session.SqlSession s = runner.session().sqlSession();
        String tx = s.transactionFailed() ? "!" : s.inTransaction() ? "*" : "";
        return "lode" + (scanner.inStatement() ? "-" : "=") + tx + "> ";
    }

    /**
     * Reads and runs until {@code \q} or end of input.
     *
     * @return the exit status: 0 (errors in an interactive session do not change it, as in psql)
     */
    int run() {
        LineReader r = reader();
        runner.copyInput(() -> new CopyDataStream(this::readDataLine, () -> {
            runner.stopProgress();
            terminal.writer().println("Enter data to be copied followed by a newline.");
            terminal.writer().println("End with a backslash and a period on a line by itself, or an EOF signal.");
            terminal.writer().flush();
        }));
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> runner.cancel());
        try {
            while (!runner.quitRequested()) {
                String line;
                try {
                    line = r.readLine(prompt());
                } catch (UserInterruptException e) {
                    scanner.reset();
                    continue;
                } catch (EndOfFileException e) {
                    terminal.writer().println("\\q");   // as psql, so the next prompt starts on a new line
                    terminal.writer().flush();
                    break;
                }
                scanner.feed(line);
                scanner.feed("\n");
                runner.settings().terminalWidth = terminal.getWidth();
                for (ScriptScanner.Item item : scanner.drain()) {
                    runner.run(item, "");
                    if (runner.quitRequested()) {
                        break;
                    }
                }
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            try {
                r.getHistory().save();
            } catch (java.io.IOException e) {
                runner.err().println("lode: could not save the history to " + historyFile + ": " + e.getMessage());
            }
        }
        return 0;
    }
}
