package dev.lodedb.cli;

import dev.lodedb.engine.SqlException;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shell's backslash commands, psql's names and messages: {@code \q \? \d \dt \di \dv \timing
 * \x \i \o \conninfo \pset \copy \echo}. Each returns whether it succeeded; a failure is reported
 * on the error stream and counts as an error of the script. Not thread-safe (runs on the shell's
 * thread).
 */
final class MetaCommands {
    static final String HELP = """
            General
              \\q                     quit lode
              \\? 	                 show this help
              \\conninfo              show which database this shell is connected to
              \\copy ...              import or export data (as COPY; the file is read and written here)
              \\echo [TEXT]           print TEXT

            Informational
              \\d                     list tables and views
              \\d NAME                describe a table or view: columns, types, nullability, defaults, indexes
              \\dt [PATTERN]          list tables
              \\di [PATTERN]          list indexes
              \\dv [PATTERN]          list views

            Input/Output
              \\i FILE                run the commands in FILE
              \\o [FILE]              send query results to FILE, or back to standard output

            Formatting
              \\pset [NAME [VALUE]]   show or set a printing option: format (aligned, csv, json, jsonlines,
                                     markdown, unaligned), null, footer, expanded
              \\x [on|off|auto]       toggle expanded output (auto: when the table is wider than the terminal)
              \\timing [on|off]       toggle timing of statements

            Statements end with ';' and may span lines. Tab completes keywords, tables and columns.
            Ctrl-C cancels the running statement (or clears the line); Ctrl-D or \\q quits.
            """.replace("\t", " ");

    private final CommandRunner runner;
    private final Describe describe;

    MetaCommands(CommandRunner runner) {
        this.runner = runner;
        this.describe = new Describe(runner);
    }

    /**
     * Runs one meta-command line.
     *
     * @param line the line from its backslash, e.g. {@code \pset format csv}
     * @param location prefix of error messages ({@code lode:file:line: }) or empty
     * @return whether it succeeded
     */
    boolean run(String line, String location) {
        int space = indexOfWhitespace(line);
        String command = space < 0 ? line : line.substring(0, space);
        String rest = space < 0 ? "" : line.substring(space).strip();
        List<String> args = arguments(rest);
        PrintSettings s = runner.settings();
        try {
            switch (command) {
                case "\\q", "\\quit" -> runner.requestQuit();
                case "\\?" -> runner.out().print(HELP);
                case "\\conninfo" -> runner.out().println(connectionInfo());
                case "\\echo" -> runner.out().println(String.join(" ", args));
                case "\\d", "\\d+" -> {
                    return args.isEmpty() ? describe.list("tv", null, location) : describe.describe(args.get(0), location);
                }
                case "\\dt", "\\dt+" -> {
                    return describe.list("t", args.isEmpty() ? null : args.get(0), location);
                }
                case "\\dv", "\\dv+" -> {
                    return describe.list("v", args.isEmpty() ? null : args.get(0), location);
                }
                case "\\di", "\\di+" -> {
                    return describe.list("i", args.isEmpty() ? null : args.get(0), location);
                }
                case "\\timing" -> {
                    s.timing = args.isEmpty() ? !s.timing : onOff(command, args.get(0));
                    runner.message("Timing is " + (s.timing ? "on." : "off."));
                }
                case "\\x" -> {
                    return pset(List.of("expanded", args.isEmpty() ? "" : args.get(0)), location);
                }
                case "\\pset" -> {
                    return pset(args, location);
                }
                case "\\o", "\\out" -> {
                    return output(args.isEmpty() ? null : args.get(0), location);
                }
                case "\\i", "\\include" -> {
                    return include(args, location);
                }
                case "\\copy" -> {
                    return runner.runSql(CopyStatements.fromBackslashCopy(rest), location);
                }
                default -> {
                    runner.fail(location, "invalid command " + command + "\nTry \\? for help.");
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException e) {
            runner.fail(location, e.getMessage());
            return false;
        } catch (SqlException e) {
            runner.fail(location, ErrorReport.format(e, null, "").stripTrailing());
            return false;
        }
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Splits meta-command arguments as psql does: at whitespace; {@code 'single quotes'} group
     * words (with {@code ''} for a quote); {@code "double quotes"} are kept, for identifiers.
     */
    static List<String> arguments(String rest) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        int i = 0;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
                i++;
                continue;
            }
            if (cur == null) {
                cur = new StringBuilder();
            }
            if (c == '\'') {
                i++;
                while (i < rest.length()) {
                    char q = rest.charAt(i);
                    if (q == '\'') {
                        if (i + 1 < rest.length() && rest.charAt(i + 1) == '\'') {
                            cur.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    cur.append(q);
                    i++;
                }
                continue;
            }
            if (c == '"') {
                int end = rest.indexOf('"', i + 1);
                while (end > 0 && end + 1 < rest.length() && rest.charAt(end + 1) == '"') {
                    end = rest.indexOf('"', end + 2);
                }
                end = end < 0 ? rest.length() - 1 : end;
                cur.append(rest, i, end + 1);
                i = end + 1;
                continue;
            }
            cur.append(c);
            i++;
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }

    private static boolean onOff(String command, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1":
                return true;
            case "off", "false", "no", "0":
                return false;
            default:
                throw new IllegalArgumentException(command + ": unrecognized value \"" + value
                        + "\": Boolean expected");
        }
    }

    private String connectionInfo() {
        if (runner.database().isInMemory()) {
            return "You are connected to an in-memory database (it disappears when lode exits).";
        }
        return "You are connected to database \"" + runner.database().path().toAbsolutePath().normalize()
                + "\" (embedded).";
    }

    /** {@code \pset}: no arguments lists the settings; a name alone shows one; name and value set it. */
    private boolean pset(List<String> args, String location) {
        PrintSettings s = runner.settings();
        if (args.isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            for (String name : List.of("expanded", "footer", "format", "null")) {
                rows.add(new String[] {name, psetValue(name)});
            }
            for (String[] r : rows) {
                runner.out().println(String.format(Locale.ROOT, "%-9s %s", r[0], r[1]));
            }
            return true;
        }
        String name = args.get(0);
        String value = args.size() > 1 ? args.get(1) : null;
        switch (name) {
            case "format" -> {
                if (value != null) {
                    s.format = OutputFormat.parse(value);
                }
                runner.message("Output format is " + s.format.displayName() + ".");
            }
            case "null" -> {
                if (value != null) {
                    s.nullString = value;
                }
                runner.message("Null display is \"" + s.nullString + "\".");
            }
            case "footer" -> {
                s.footer = value == null || value.isEmpty() ? !s.footer : onOff("\\pset", value);
                runner.message("Default footer is " + (s.footer ? "on." : "off."));
            }
            case "expanded", "x" -> {
                if (value == null || value.isEmpty()) {
                    s.expanded = s.expanded == PrintSettings.Expanded.OFF ? PrintSettings.Expanded.ON
                            : PrintSettings.Expanded.OFF;
                } else if (value.equalsIgnoreCase("auto")) {
                    s.expanded = PrintSettings.Expanded.AUTO;
                } else {
                    s.expanded = onOff("\\pset", value) ? PrintSettings.Expanded.ON : PrintSettings.Expanded.OFF;
                }
                runner.message(s.expanded == PrintSettings.Expanded.AUTO ? "Expanded display is used automatically."
                        : "Expanded display is " + (s.expanded == PrintSettings.Expanded.ON ? "on." : "off."));
            }
            default -> {
                runner.fail(location, "\\pset: unknown option: " + name
                        + " (this shell knows format, null, footer and expanded)");
                return false;
            }
        }
        return true;
    }

    private String psetValue(String name) {
        PrintSettings s = runner.settings();
        switch (name) {
            case "expanded":
                return s.expanded.name().toLowerCase(Locale.ROOT);
            case "footer":
                return s.footer ? "on" : "off";
            case "format":
                return s.format.displayName();
            default:
                return "'" + s.nullString + "'";
        }
    }

    /** {@code \o FILE} sends results to FILE (truncated); {@code \o} alone sends them back to stdout. */
    private boolean output(String file, String location) {
        if (file == null) {
            runner.queryFile(null);
            return true;
        }
        try {
            runner.queryFile(new PrintStream(Files.newOutputStream(Path.of(file)), false, StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            runner.fail(location, file + ": " + reason(e));
            return false;
        }
    }

    /** {@code \i FILE}: runs FILE's statements and meta-commands; errors name FILE and its line. */
    private boolean include(List<String> args, String location) {
        if (args.isEmpty()) {
            runner.fail(location, "\\i: missing required argument");
            return false;
        }
        String file = args.get(0);
        try (BufferedReader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            return runner.runScript(reader, file);
        } catch (IOException e) {
            runner.fail(location, file + ": " + reason(e));
            return false;
        }
    }

    /** @return an I/O error's reason as a person would say it */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
