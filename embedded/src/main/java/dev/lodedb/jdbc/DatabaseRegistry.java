package dev.lodedb.jdbc;

import dev.lodedb.Database;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The databases the driver has open in this JVM, with the number of connections using each: a
 * file database takes a lock on its directory, so every connection to one path must share one
 * {@link Database}; a named in-memory database lives while a connection to it is open. The last
 * connection to close closes the database. Thread-safe.
 */
final class DatabaseRegistry {
    private final Map<String, Entry> open = new HashMap<>();

    private static final class Entry {
        final Database database;
        int references;

        Entry(Database database) {
            this.database = database;
        }
    }

    /** A counted reference to a shared database; {@link #release()} it once. */
    final class Handle {
        private final String key;
        private final Database database;
        private boolean released;

        private Handle(String key, Database database) {
            this.key = key;
            this.database = database;
        }

        Database database() {
            return database;
        }

        /** Drops this reference; closes the database if it was the last one. Idempotent. */
        void release() {
            synchronized (DatabaseRegistry.this) {
                if (released) {
                    return;
                }
                released = true;
                if (key == null) {
                    database.close();
                    return;
                }
                Entry e = open.get(key);
                if (e != null && e.database == database && --e.references == 0) {
                    open.remove(key);
                    database.close();
                }
            }
        }
    }

    /**
     * @param key identifies the database ({@code null}: a private database nobody else can share)
     * @param opener opens it when it is not open yet
     * @return a new reference to the open database
     */
    synchronized Handle acquire(String key, Supplier<Database> opener) {
        if (key == null) {
            return new Handle(null, opener.get());
        }
        Entry e = open.get(key);
        if (e == null) {
            e = new Entry(opener.get());
            open.put(key, e);
        }
        e.references++;
        return new Handle(key, e.database);
    }

    /** @return the number of connections using the database under {@code key} (0 if not open) */
    synchronized int references(String key) {
        Entry e = open.get(key);
        return e == null ? 0 : e.references;
    }
}
