package dev.lodedb.cli;

import dev.lodedb.Column;
import dev.lodedb.Database;
import dev.lodedb.Session;
import dev.lodedb.engine.SqlException;
import dev.lodedb.sql.exec.DataChunk;
import dev.lodedb.sql.session.ResultColumn;
import dev.lodedb.sql.session.StatementResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Runs what the user typed or scripted — SQL statements and meta-commands — against one session
 * and prints the outcome: result tables in the chosen {@link OutputFormat}, command tags
 * ({@code CREATE TABLE}, {@code INSERT 0 3}), {@code Time:} lines, and errors psql-style on the
 * error stream ({@link ErrorReport}). Shared by the interactive {@link Shell} and the
 * non-interactive {@code -c}/{@code -f}/stdin modes.
 *
 * <p>Thread-safety: one thread runs statements; {@link #cancel()} may be called from any other
 * thread (Ctrl-C) and cancels the statement running then, if any.
 */
final class CommandRunner implements AutoCloseable {
    private final Database database;
    private final Session session;
    private final PrintSettings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean debug;
    private final MetaCommands meta;
    /** The {@code \o} file, or null for {@link #out}. */
    private PrintStream queryFile;
    /** Stop a script at its first error (non-interactive without {@code --continue-on-error}). */
    private boolean stopOnError;
    private boolean quit;
    private int errors;
    /** Number of the statement executing now; 0 when none. */
    private volatile long executing;
    private long statementCount;
    /**
     * Opens the data of {@code COPY ... FROM STDIN} for the statement about to run: the lines
     * after it in the current script, the terminal, or the process's standard input; null: none.
     */
    private Supplier<InputStream> copyInput;
    /** The progress bar of the statement running now, or null. */
    private ProgressReporter currentProgress;
    /** Orders statement start and end against {@link #cancel()}. */
    private final Object cancelLock = new Object();

    /**
     * @param database the open database ({@code \conninfo}, the catalog for {@code \d})
     * @param session the session statements run in; owned by the caller
     * @param settings printing options, changed by meta-commands
     * @param out standard output: results, tags, messages
     * @param err standard error: errors
     * @param debug whether unexpected errors print their stack trace
     */
    CommandRunner(Database database, Session session, PrintSettings settings, PrintStream out, PrintStream err,
                  boolean debug) {
        this.database = database;
        this.session = session;
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.debug = debug;
        this.meta = new MetaCommands(this);
    }

    Database database() {
        return database;
    }

    Session session() {
        return session;
    }

    PrintSettings settings() {
        return settings;
    }

    /** @return standard output, for messages */
    PrintStream out() {
        return out;
    }

    /** @return standard error */
    PrintStream err() {
        return err;
    }

    /** @return where results and command tags go: the {@code \o} file or standard output */
    PrintStream queryOut() {
        return queryFile != null ? queryFile : out;
    }

    /** Redirects results ({@code \o FILE}); {@code null} returns them to standard output. */
    void queryFile(PrintStream file) {
        if (queryFile != null) {
            queryFile.close();
        }
        queryFile = file;
    }

    /**
     * Sets where {@code COPY ... FROM STDIN} reads (the interactive shell: the terminal).
     *
     * @param input opens the data for one statement, or null for none
     */
    void copyInput(Supplier<InputStream> input) {
        copyInput = input;
    }

    /**
     * Stops the running statement's progress bar (COPY data typed at the terminal must not be
     * drawn over).
     */
    void stopProgress() {
        finish(currentProgress);
    }

    /** @param stop whether {@link #runScript} stops at the first error */
    void stopOnError(boolean stop) {
        stopOnError = stop;
    }

    /** @return whether {@code \q} was given */
    boolean quitRequested() {
        return quit;
    }

    void requestQuit() {
        quit = true;
    }

    /** @return the number of statements and meta-commands that failed so far */
    int errors() {
        return errors;
    }

    /** Prints an informational message (suppressed by {@code -q}). */
    void message(String text) {
        if (!settings.quiet) {
            out.println(text);
            out.flush();
        }
    }

    /**
     * Reports a failure of a meta-command or of the shell itself and counts it.
     *
     * @param text the message, without {@code ERROR:}
     */
    void fail(String location, String text) {
        errors++;
        err.print(location + text + "\n");
        err.flush();
    }

    /**
     * Runs one statement or meta-command.
     *
     * @param location the {@code file:line: } prefix of error messages, or empty
     * @return whether it succeeded
     */
    boolean run(ScriptScanner.Item item, String location) {
        if (item.kind() == ScriptScanner.Kind.META) {
            return meta.run(item.text(), location);
        }
        return runSql(item.text(), location);
    }

    /**
     * Reads a script to its end (or to {@code \q}, or to the first error when stopping on errors),
     * running each statement as soon as it is complete. {@code COPY ... FROM STDIN} reads the lines
     * that follow it, up to {@code \.}.
     *
     * @param reader the script
     * @param name the script's name for error locations ({@code lode:name:line: }), or null
     * @return whether everything succeeded
     * @throws UncheckedIOException if reading fails
     */
    boolean runScript(BufferedReader reader, String name) {
        int[] dataLines = new int[1];
        CopyDataStream.LineSource data = () -> {
            String l = reader.readLine();
            if (l != null) {
                dataLines[0]++;
            }
            return l;
        };
        return runScript(reader, name, () -> new CopyDataStream(data, null), dataLines);
    }

    /**
     * Runs a script whose {@code COPY ... FROM STDIN} reads {@code copyData} (for {@code -c}:
     * the process's standard input), not the script's own lines.
     */
    boolean runScript(BufferedReader reader, String name, Supplier<InputStream> copyData) {
        return runScript(reader, name, copyData, new int[1]);
    }

    private boolean runScript(BufferedReader reader, String name, Supplier<InputStream> copyData, int[] dataLines) {
        Supplier<InputStream> outer = copyInput;
        copyInput = copyData;
        ScriptScanner scanner = new ScriptScanner();
        boolean ok = true;
        try {
            boolean eof = false;
            while (!eof) {
                String line = reader.readLine();
                if (line == null) {
                    scanner.finish();
                    eof = true;
                } else {
                    scanner.feed(line);
                    scanner.feed("\n");
                }
                for (ScriptScanner.Item item : scanner.drain()) {
                    String location = name == null ? "" : "lode:" + name + ":" + item.line() + ": ";
                    int before = dataLines[0];
                    boolean itemOk = run(item, location);
                    scanner.skipLines(dataLines[0] - before);
                    if (!itemOk) {
                        ok = false;
                        if (stopOnError) {
                            return false;
                        }
                    }
                    if (quit) {
                        return ok;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            copyInput = outer;
        }
        return ok;
    }

    /**
     * Runs one SQL statement and prints its result.
     *
     * @param sql one statement (with or without its {@code ;})
     * @param location prefix of error messages
     * @return whether it succeeded
     */
    boolean runSql(String sql, String location) {
        long start = System.nanoTime();
        boolean ok = false;
        ProgressReporter progress = settings.progress ? new ProgressReporter(err, Tty::stderrWidth) : null;
        currentProgress = progress;
        session.setCopyStreams(copyInput == null ? null : copyInput.get(), queryOut());
        session.setImportProgress(progress == null ? null : progress::update);
        synchronized (cancelLock) {
            executing = ++statementCount;
        }
        try (StatementResult r = session.sqlSession().executeScript(sql)) {
            if (r.returnsRows()) {
                printRows(r, progress);
                String tag = r.commandTag();
                if (isDml(tag)) {
                    printTag(tag);
                }
            } else {
                finish(progress);
                printTag(r.commandTag());
            }
            printNotices(r);
            ok = true;
        } catch (SqlException e) {
            errors++;
            finish(progress);
            queryOut().flush();
            err.print(ErrorReport.format(e, sql, location));
        } catch (RuntimeException | StackOverflowError e) {
            errors++;
            finish(progress);
            queryOut().flush();
            reportUnexpected(e, location);
        } finally {
            synchronized (cancelLock) {
                executing = 0;
            }
            finish(progress);
            session.setCopyStreams(null, null);
            session.setImportProgress(null);
        }
        err.flush();
        if (settings.timing) {
            out.println("Time: " + formatTime((System.nanoTime() - start) / 1e6));
        }
        out.flush();
        return ok;
    }

    /** Prints an error that is not a {@link SqlException}: one line, the stack trace with --debug. */
    void reportUnexpected(Throwable e, String location) {
        err.print(location + "ERROR:  XX000: internal error: " + e
                + (debug ? "" : " (run with --debug for the stack trace)") + "\n");
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    private static void finish(ProgressReporter progress) {
        if (progress != null) {
            progress.finish();
        }
    }

    /** Prints the statement's notices as psql does ({@code NOTICE:  ...} on standard error). */
    private void printNotices(StatementResult r) {
        for (String notice : r.notices()) {
            err.print("NOTICE:  " + notice + "\n");
        }
    }

    private static boolean isDml(String tag) {
        return tag.startsWith("INSERT") || tag.startsWith("UPDATE") || tag.startsWith("DELETE")
                || tag.startsWith("MERGE");
    }

    private void printTag(String tag) {
        if (!settings.quiet && !tag.equals("EMPTY")) {
            queryOut().println(tag);
        }
    }

    private void printRows(StatementResult r, ProgressReporter progress) {
        List<Column> columns = new ArrayList<>();
        for (ResultColumn c : r.columns()) {
            columns.add(new Column(c.name(), c.type()));
        }
        // The first chunk is fetched before anything is printed, so a statement that fails at once
        // (division by zero, a cancel) prints only its error, whatever the format.
        DataChunk chunk = r.next();
        finish(progress);   // a read_csv scan's bar stops where the output starts
        PrintStream target = queryOut();
        ResultWriter w = ResultWriter.create(settings, target);
        w.begin(null, columns);
        long rows = 0;
        for (; chunk != null; chunk = r.next()) {
            for (int k = 0; k < chunk.size(); k++) {
                w.row(chunk.rowValues(k));
                rows++;
            }
        }
        w.end(rows, List.of());
        target.flush();
    }

    /**
     * Prints a table that the shell made itself ({@code \d}, {@code \pset}) in the current format.
     *
     * @param title caption above aligned output, or null
     * @param headers the column names (all text)
     * @param rows the cells, one array per row
     * @param footers lines under the table
     * @param rowCount whether aligned and unaligned output end with {@code (N rows)}
     */
    void printTable(String title, List<String> headers, List<String[]> rows, List<String> footers, boolean rowCount) {
        List<Column> columns = new ArrayList<>();
        for (String h : headers) {
            columns.add(new Column(h, dev.lodedb.engine.types.DataType.TEXT));
        }
        PrintStream target = queryOut();
        ResultWriter w = ResultWriter.create(settings, target, settings.footer && rowCount);
        w.begin(title, columns);
        for (String[] r : rows) {
            w.row(r);
        }
        w.end(rows.size(), footers);
        target.flush();
    }

    /** @return psql's {@code \timing} text: {@code 12.345 ms}, with {@code (mm:ss.SSS)} from one second */
    static String formatTime(double ms) {
        String s = String.format(Locale.ROOT, "%.3f ms", ms);
        if (ms < 1000) {
            return s;
        }
        long total = Math.round(ms);
        long hours = total / 3_600_000;
        long minutes = total / 60_000 % 60;
        double seconds = (total % 60_000) / 1000.0;
        String clock = hours > 0 ? String.format(Locale.ROOT, "%02d:%02d:%06.3f", hours, minutes, seconds)
                : String.format(Locale.ROOT, "%02d:%06.3f", minutes, seconds);
        return s + " (" + clock + ")";
    }

    /** @return whether a statement is executing now */
    boolean isExecuting() {
        return executing != 0;
    }

    /**
     * Cancels the statement executing now, if any: it fails with SQLSTATE 57014 and writes
     * nothing. Thread-safe. A cancel that arrives before the statement has started executing in
     * the engine is repeated until it takes effect or the statement ends.
     *
     * @return whether a statement was executing
     */
    boolean cancel() {
        long id = executing;
        if (id == 0) {
            return false;
        }
        Thread retry = new Thread(() -> {
            while (true) {
                // Under the lock the next statement cannot start, so this cancels statement id
                // (or a finished one, harmlessly), never a later statement.
                synchronized (cancelLock) {
                    if (executing != id) {
                        return;
                    }
                    session.sqlSession().cancel(false);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "lode-cancel");
        retry.setDaemon(true);
        retry.start();
        return true;
    }

    /** Closes the {@code \o} file, if any. The session and database stay open (owned by the caller). */
    @Override
    public void close() {
        queryFile(null);
    }
}
