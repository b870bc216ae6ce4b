package dev.lodedb.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lode export DB TABLE|QUERY FILE}: writes a table or a query's result to a file with
 * {@code COPY ... TO 'FILE' (...)}. Prints the command tag ({@code COPY 1000}). Exit status as
 * {@link LodeCommand}.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a table or a query's result to a file (COPY ... TO).")
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    LodeCommand parent;

    @Parameters(index = "0", paramLabel = "DB", description = "Database directory.")
    Path database;

    @Parameters(index = "1", paramLabel = "TABLE|QUERY",
            description = "A table name, or a query such as \"SELECT * FROM items WHERE price > 3\".")
    String source;

    @Parameters(index = "2", paramLabel = "FILE", description = "The file to write (replaced if it exists).")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "csv, text, json or jsonlines (default: from the file name; .json, .jsonl/.ndjson, "
                    + ".tsv/.txt, else csv).")
    CopyStatements.DataFormat format;

    @Option(names = "--header", description = "Start a CSV file with a header line.")
    boolean header;

    @Option(names = "--delimiter", paramLabel = "X", description = "Field delimiter (one character).")
    String delimiter;

    @Override
    public Integer call() {
        CopyStatements.DataFormat f = format != null ? format : CopyStatements.DataFormat.fromFileName(file);
        String sql = CopyStatements.exportFrom(source, file, new CopyStatements.Options(f, header, delimiter));
        return DataTransfer.run(parent, database, sql, false);
    }
}
