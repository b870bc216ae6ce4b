package dev.lodedb.sql.slt;

import dev.lodedb.sql.exec.DataChunk;
import dev.lodedb.sql.session.SqlDatabase;
import dev.lodedb.sql.session.SqlOptions;
import dev.lodedb.sql.session.SqlSession;
import dev.lodedb.sql.session.StatementResult;
import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.lsm.LsmStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A sqllogictest connection to a fresh LodeDB database in a temporary directory (deleted on
 * close), executing through the SQL session API. Not thread-safe.
 */
public final class EmbeddedSltConnection implements SltConnection {
    private final Path dir;
    private final SqlDatabase db;
    private final SqlSession session;

    /** Creates the database. */
    public EmbeddedSltConnection() {
        try {
            dir = Files.createTempDirectory("lode-slt-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        db = SqlDatabase.open(LsmStore.open(dir, new LsmOptions()), new SqlOptions(64L << 20, dir, false));
        session = db.openSession();
    }

    @Override
    public void execute(String sql) {
        try (StatementResult r = session.executeScript(sql)) {
            while (r.next() != null) {
                // drain
            }
        }
    }

    @Override
    public Result query(String sql) {
        try (StatementResult r = session.executeScript(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            DataChunk c;
            while ((c = r.next()) != null) {
                for (int k = 0; k < c.size(); k++) {
                    rows.add(Arrays.asList(c.rowValues(k)));
                }
            }
            return new Result(r.columns().size(), rows);
        }
    }

    @Override
    public void close() {
        session.close();
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs sqllogictest files against LodeDB: {@code java ... dev.lodedb.sql.slt.EmbeddedSltConnection
     * FILE|DIR...}. Prints one line per file and a final {@code N passed, M failed, K skipped};
     * exits with status 1 when anything failed.
     */
    public static void main(String[] args) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (String a : args) {
            paths.add(Path.of(a));
        }
        SqlLogicTestRunner runner = new SqlLogicTestRunner(EmbeddedSltConnection::new, System.out, 3);
        SqlLogicTestRunner.Tally t = runner.run(paths);
        System.exit(t.failed() > 0 ? 1 : 0);
    }
}
