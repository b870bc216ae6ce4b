package dev.lodedb;

import dev.lodedb.sql.session.SqlDatabase;
import dev.lodedb.sql.session.SqlOptions;
import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.lsm.LsmStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of the embedded API.
 *
 * <pre>{@code
 * try (Database db = Lode.open(Path.of("my.lode"));
 *      Session s = db.session()) {
 *     s.execute("CREATE TABLE t (id int PRIMARY KEY, name text)");
 *     s.execute("INSERT INTO t VALUES ($1, $2)", 1, "one");
 *     try (Rows rows = s.query("SELECT name FROM t WHERE id = $1", 1)) {
 *         while (rows.next()) {
 *             System.out.println(rows.getString(1));
 *         }
 *     }
 * }
 * }</pre>
 */
public final class Lode {
    private Lode() {
    }

    /**
     * Opens (creating if absent) the database in directory {@code dir}, with durable commits.
     *
     * @throws dev.lodedb.engine.SqlException XX001 if the database is damaged
     * @throws StoreException if the directory cannot be used or is locked by another process
     */
    public static Database open(Path dir) {
        return open(dir, SqlOptions.DEFAULT);
    }

    /**
     * Opens (creating if absent) the database in {@code dir} with the given execution settings.
     *
     * @throws StoreException if the directory cannot be used or is locked by another process
     */
    public static Database open(Path dir, SqlOptions options) {
        LsmStore store = LsmStore.open(dir, new LsmOptions());
        try {
            return new Database(SqlDatabase.open(store, options), dir, null);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Opens a new private database that lives only until it is closed. Its data is held by the
     * same storage engine with the write-ahead log off and a 256 MiB memtable, in a temporary
     * directory that is deleted on close (data beyond the memtable spills there rather than
     * exhausting the heap).
     */
    public static Database openInMemory() {
        Path dir;
        try {
            dir = Files.createTempDirectory("lode-mem-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LsmOptions lsm = new LsmOptions().writeBufferSize(256L << 20);
        LsmStore store = LsmStore.open(dir, lsm);
        SqlOptions options = new SqlOptions(SqlOptions.DEFAULT.memoryBudgetBytes(), dir, false);
        return new Database(SqlDatabase.open(store, options), null, dir);
    }
}
