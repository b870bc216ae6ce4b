package dev.lodedb.cli;

import dev.lodedb.Database;
import dev.lodedb.Lode;
import dev.lodedb.Session;
import java.nio.file.Path;

/**
 * Runs one import or export statement for {@code lode import} and {@code lode export}: opens the
 * database, runs the statement through a {@link CommandRunner} (so errors and the command tag print
 * as in the shell) and, for an import whose standard error is a terminal, draws a progress bar.
 */
final class DataTransfer {
    private DataTransfer() {
    }

    /**
     * Opens a database directory for a subcommand.
     *
     * @return the database, or null after printing why it could not be opened to {@code err}
     */
    static Database open(Path database, java.io.PrintStream err) {
        try {
            return Lode.open(database);
        } catch (RuntimeException e) {
            err.println("lode: could not open database \"" + database + "\": " + e.getMessage());
            return null;
        }
    }

    /**
     * @param parent the root command (streams, --debug)
     * @param database the database directory
     * @param sql the COPY or CREATE TABLE AS statement
     * @param importing whether data flows into the database (progress is shown then)
     * @return the exit status: 0, 1 when the statement failed, 2 when the database cannot be opened
     */
    static int run(LodeCommand parent, Path database, String sql, boolean importing) {
        Database db = open(database, parent.err);
        if (db == null) {
            return LodeCommand.EXIT_USAGE;
        }
        PrintSettings settings = new PrintSettings();
        settings.progress = parent.stderrIsTerminal && importing;
        try (db; Session session = db.session();
             CommandRunner runner = new CommandRunner(db, session, settings, parent.out, parent.err, parent.debug)) {
            boolean ok = runner.runSql(sql, "");
            return ok ? 0 : LodeCommand.EXIT_ERROR;
        }
    }
}
