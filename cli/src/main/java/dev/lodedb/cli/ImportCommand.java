package dev.lodedb.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lode import DB TABLE FILE}: loads a CSV, text, JSON or JSON Lines file into a table with
 * {@code COPY TABLE FROM 'FILE' (...)}, or with {@code --create} creates the table from the file
 * ({@code CREATE TABLE ... AS SELECT * FROM read_csv/read_json(...)}). Prints the command tag
 * ({@code COPY 1000}); draws a progress bar when standard error is a terminal. Exit status as
 * {@link LodeCommand}.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load a file into a table (COPY ... FROM), or create the table from it with --create.")
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    LodeCommand parent;

    @Parameters(index = "0", paramLabel = "DB", description = "Database directory (created if absent).")
    Path database;

    @Parameters(index = "1", paramLabel = "TABLE", description = "Table name (SQL syntax: items, public.items, \"Items\").")
    String table;

    @Parameters(index = "2", paramLabel = "FILE", description = "The file to read.")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "csv, text, json or jsonlines (default: from the file name; .json, .jsonl/.ndjson, "
                    + ".tsv/.txt, else csv).")
    CopyStatements.DataFormat format;

    @Option(names = "--header", description = "The CSV file starts with a header line (with --create: detected "
            + "when not given).")
    boolean header;

    @Option(names = "--delimiter", paramLabel = "X", description = "Field delimiter (one character).")
    String delimiter;

    @Option(names = "--create", description = "Create the table, with columns and types taken from the file.")
    boolean create;

    @Override
    public Integer call() {
        if (!Files.isReadable(Path.of(file))) {
            parent.err.println("lode import: " + file + ": " + (Files.exists(Path.of(file)) ? "Permission denied"
                    : "No such file or directory"));
            return LodeCommand.EXIT_ERROR;
        }
        CopyStatements.DataFormat f = format != null ? format : CopyStatements.DataFormat.fromFileName(file);
        CopyStatements.Options options = new CopyStatements.Options(f, header, delimiter);
        String sql;
        try {
            sql = create ? CopyStatements.createFrom(table, file, options) : CopyStatements.importInto(table, file, options);
        } catch (IllegalArgumentException e) {
            parent.err.println("lode import: " + e.getMessage());
            return LodeCommand.EXIT_USAGE;
        }
        return DataTransfer.run(parent, database, sql, true);
    }
}
