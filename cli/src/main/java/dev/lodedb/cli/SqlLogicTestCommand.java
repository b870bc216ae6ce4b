package dev.lodedb.cli;

import dev.lodedb.sql.slt.EmbeddedSltConnection;
import dev.lodedb.sql.slt.SqlLogicTestRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lode sqllogictest FILE|DIR...}: runs sqllogictest files (directories: their
 * {@code *.test} files, recursively, in name order), each against a fresh database, printing one
 * line per file and a final {@code N passed, M failed, K skipped}. Exit status 1 when a record
 * failed, 2 when a file cannot be read.
 */
@Command(name = "sqllogictest", mixinStandardHelpOptions = true,
        description = "Run sqllogictest files against fresh databases: one line per file, then "
                + "'N passed, M failed, K skipped'.")
final class SqlLogicTestCommand implements Callable<Integer> {
    @ParentCommand
    LodeCommand parent;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Test files, or directories of *.test files.")
    List<Path> paths;

    @Override
    public Integer call() {
        SqlLogicTestRunner runner = new SqlLogicTestRunner(EmbeddedSltConnection::new, parent.out, 3);
        try {
            SqlLogicTestRunner.Tally tally = runner.run(paths);
            parent.out.flush();
            return tally.failed() > 0 ? LodeCommand.EXIT_ERROR : 0;
        } catch (IOException e) {
            parent.out.flush();
            parent.err.println("lode sqllogictest: " + e.getMessage() + ": " + MetaCommands.reason(e));
            return LodeCommand.EXIT_USAGE;
        }
    }
}
