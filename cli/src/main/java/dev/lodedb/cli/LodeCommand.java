package dev.lodedb.cli;

import dev.lodedb.Database;
import dev.lodedb.Lode;
import dev.lodedb.Session;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code lode} command: {@code lode [DATABASE]} opens the interactive shell on a database
 * directory (created if absent; an in-memory database without one); with {@code -c}, {@code -f}
 * or SQL on standard input it runs the statements and exits. Subcommands ({@code sqllogictest},
 * {@code import}, {@code export}) are classes listed in {@link Command#subcommands()} below: adding
 * one (such as {@code demo}) is one class and one entry there.
 *
 * <p>Exit status: 0 when everything succeeded; 1 when a statement or meta-command failed (at the
 * first failure, or at the end with {@code --continue-on-error}); 2 for a usage error or a
 * database that cannot be opened. The interactive shell exits 0.
 */
@Command(name = "lode", mixinStandardHelpOptions = true, versionProvider = LodeCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"LodeDB's shell: runs SQL on a database directory (created if absent), or on an "
                + "in-memory database when none is given.",
            "Without -c/-f, reads statements from the terminal (interactive) or from standard input."},
        subcommands = {DemoCommand.class, SqlLogicTestCommand.class, ImportCommand.class, ExportCommand.class},
        footer = {"", "Examples:", "  lode demo                        import real data into ./demo.lode and take a tour",
            "  lode mydb                        interactive shell on directory mydb",
            "  lode mydb -c \"SELECT 1\"         run one statement and exit",
            "  lode mydb -f script.sql --format csv",
            "  lode import mydb items items.csv --header",
            "", "Exit status: 0 ok, 1 a statement failed, 2 usage error or database not opened."})
public final class LodeCommand implements Callable<Integer> {
    /** Exit status when a statement or meta-command failed. */
    public static final int EXIT_ERROR = 1;
    /** Exit status for a usage error or a database that could not be opened. */
    public static final int EXIT_USAGE = 2;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATABASE",
            description = "Database directory (created if absent). Without it: an in-memory database.")
    Path database;

    /** The -c and -f actions in command-line order: {"c", sql} or {"f", file}. */
    private final List<String[]> actions = new ArrayList<>();

    @Option(names = {"-c", "--command"}, paramLabel = "SQL",
            description = "Run SQL (statements and/or meta-commands) and exit; may be repeated.")
    void command(List<String> values) {
        // picocli passes the whole list collected so far; the new value is its last element
        if (!values.isEmpty()) {
            actions.add(new String[] {"c", values.get(values.size() - 1)});
        }
    }

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Run the statements in FILE ('-' for standard input) and exit; may be repeated.")
    void file(List<String> values) {
        if (!values.isEmpty()) {
            actions.add(new String[] {"f", values.get(values.size() - 1)});
        }
    }

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "Output format: aligned (default), csv, json, jsonlines, markdown, unaligned.")
    OutputFormat format = OutputFormat.ALIGNED;

    @Option(names = "--continue-on-error",
            description = "Go on after a failed statement (the exit status is still 1).")
    boolean continueOnError;

    @Option(names = {"-q", "--quiet"}, description = "Print results only: no command tags or messages.")
    boolean quiet;

    @Option(names = "--debug", description = "Print stack traces of internal errors.")
    boolean debug;

    InputStream in = System.in;
    PrintStream out = System.out;
    PrintStream err = System.err;
    /** Whether standard input is a terminal (the shell is interactive then). */
    boolean interactive;
    /** Whether standard error is a terminal (imports draw a progress bar then). */
    boolean stderrIsTerminal;

    /**
     * Runs the command and exits the JVM with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        boolean interactive = Tty.stdinIsTerminal();
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                interactive, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = execute(args, System.in, out, err, interactive, Tty.stderrIsTerminal());
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs the command with the given streams (for tests and embedding); never exits the JVM.
     *
     * @param args the command line
     * @param in standard input (scripts when not interactive)
     * @param out standard output: results
     * @param err standard error: errors and progress
     * @param interactive whether {@code in} is a terminal: then, without {@code -c}/{@code -f}, the
     *     interactive shell runs on the system terminal
     * @return the exit status
     */
    public static int execute(String[] args, InputStream in, PrintStream out, PrintStream err, boolean interactive) {
        return execute(args, in, out, err, interactive, false);
    }

    private static int execute(String[] args, InputStream in, PrintStream out, PrintStream err, boolean interactive,
                               boolean stderrIsTerminal) {
        LodeCommand root = new LodeCommand();
        root.stderrIsTerminal = stderrIsTerminal;
        root.in = in;
        root.out = out;
        root.err = err;
        root.interactive = interactive;
        CommandLine cl = new CommandLine(root).setCaseInsensitiveEnumValuesAllowed(true);
        java.io.PrintWriter outWriter = new java.io.PrintWriter(out, true);
        java.io.PrintWriter errWriter = new java.io.PrintWriter(err, true);
        cl.setOut(outWriter);
        cl.setErr(errWriter);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("lode: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (root.debug) {
                e.printStackTrace(err);
            }
            return EXIT_ERROR;
        });
        cl.setExitCodeExceptionMapper(e -> EXIT_USAGE);
        int status = cl.execute(args);
        outWriter.flush();
        errWriter.flush();
        return status;
    }

    /** Runs the shell or the scripts; see the class comment for the exit status. */
    @Override
    public Integer call() {
        Database db;
        try {
            db = database == null ? Lode.openInMemory() : Lode.open(database);
        } catch (RuntimeException e) {
            err.println("lode: could not open database \"" + database + "\": " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return EXIT_USAGE;
        }
        try (db; Session session = db.session();
             CommandRunner runner = new CommandRunner(db, session, settings(), out, err, debug)) {
            if (actions.isEmpty() && interactive) {
                return interactive(db, runner);
            }
            runner.stopOnError(!continueOnError);
            boolean ok = true;
            if (actions.isEmpty()) {
                ok = runner.runScript(reader(in), "<stdin>");
            }
            for (String[] action : actions) {
                if (runner.quitRequested() || !ok && !continueOnError) {
                    break;
                }
                if (action[0].equals("c")) {
                    ok &= runCommandString(runner, action[1]);
                } else {
                    ok &= runFile(runner, action[1]);
                }
            }
            out.flush();
            return runner.errors() > 0 || !ok ? EXIT_ERROR : 0;
        }
    }

    private PrintSettings settings() {
        PrintSettings s = new PrintSettings();
        s.format = format;
        s.quiet = quiet;
        s.progress = stderrIsTerminal;
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("\\d{1,5}")) {
            s.terminalWidth = Integer.parseInt(columns);
        }
        return s;
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /**
     * Runs one {@code -c} string: its statements and meta-commands, without file locations;
     * {@code COPY ... FROM STDIN} reads the process's standard input (as with psql -c).
     */
    private boolean runCommandString(CommandRunner runner, String sql) {
        InputStream stdin = new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // standard input stays open for the next statement
            }
        };
        return runner.runScript(new BufferedReader(new StringReader(sql)), null, () -> stdin);
    }

    private boolean runFile(CommandRunner runner, String file) {
        if (file.equals("-")) {
            return runner.runScript(reader(in), "<stdin>");
        }
        try (BufferedReader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            return runner.runScript(r, file);
        } catch (IOException e) {
            runner.fail("", "lode: " + file + ": " + MetaCommands.reason(e));
            return false;
        } catch (UncheckedIOException e) {
            runner.fail("", "lode: " + file + ": " + MetaCommands.reason(e.getCause()));
            return false;
        }
    }

    /** Runs the interactive shell on the system terminal (also after {@code lode demo}); returns the exit status. */
    int interactive(Database db, CommandRunner runner) {
        out.println("lode " + Version.version() + ", the LodeDB shell. Type \\? for help, \\q or Ctrl-D to quit.");
        if (db.isInMemory()) {
            out.println("Connected to an in-memory database: nothing is saved when lode exits.");
            out.println("Run 'lode DIRECTORY' to keep your data.");
        } else {
            out.println("Connected to database \"" + db.path().toAbsolutePath().normalize() + "\".");
        }
        out.println();
        out.flush();
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("lode").build()) {
            return new Shell(terminal, runner, historyFile()).run();
        } catch (IOException e) {
            err.println("lode: cannot open the terminal: " + e.getMessage());
            return EXIT_ERROR;
        }
    }

    /** @return {@code $LODE_HISTORY}, else {@code ~/.lode_history} */
    static Path historyFile() {
        String env = System.getenv("LODE_HISTORY");
        if (env != null && !env.isEmpty()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".lode_history");
    }

    /** Converts {@code --format} values, naming the allowed ones on a mistake. */
    static final class FormatConverter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a format: use aligned, csv, json, jsonlines, markdown or unaligned");
            }
        }
    }

    /** {@code lode --version}: the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        /** @return the LodeDB version, or {@code dev} when run from classes (tests) */
        static String version() {
            String v = LodeCommand.class.getPackage().getImplementationVersion();
            return v == null ? "dev" : v;
        }

        @Override
        public String[] getVersion() {
            return new String[] {"lode " + version() + " (LodeDB, Java " + System.getProperty("java.version") + ")"};
        }
    }
}
