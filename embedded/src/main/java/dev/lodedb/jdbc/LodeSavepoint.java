package dev.lodedb.jdbc;

import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * A savepoint of a {@link LodeConnection}, as pgjdbc's: an unnamed one has an id and runs as SQL
 * savepoint {@code JDBC_SAVEPOINT_<id>}; a named one runs under its name, quoted. Released
 * savepoints cannot be used again.
 */
final class LodeSavepoint implements Savepoint {
    /** SQLSTATE 3B000 savepoint_exception (pgjdbc: INVALID_SAVEPOINT_SPECIFICATION). */
    static final String INVALID_SAVEPOINT = "3B000";

    private final int id;
    private final String name;
    private boolean released;

    LodeSavepoint(int id) {
        this.id = id;
        this.name = null;
    }

    LodeSavepoint(String name) {
        this.id = 0;
        this.name = name;
    }

    /** @throws SQLException 3B000 for a named savepoint, or after it was released */
    @Override
    public int getSavepointId() throws SQLException {
        checkValid();
        if (name != null) {
            throw Errors.of("Cannot retrieve the id of a named savepoint.", INVALID_SAVEPOINT);
        }
        return id;
    }

    /** @throws SQLException 3B000 for an unnamed savepoint, or after it was released */
    @Override
    public String getSavepointName() throws SQLException {
        checkValid();
        if (name == null) {
            throw Errors.of("Cannot retrieve the name of an unnamed savepoint.", INVALID_SAVEPOINT);
        }
        return name;
    }

    /** @return the savepoint's name in SQL */
    String sqlName() throws SQLException {
        checkValid();
        return name == null ? "JDBC_SAVEPOINT_" + id : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    void release() {
        released = true;
    }

    private void checkValid() throws SQLException {
        if (released) {
            throw Errors.of("Cannot reference a savepoint after it has been released.", INVALID_SAVEPOINT);
        }
    }

    @Override
    public String toString() {
        return name == null ? "JDBC_SAVEPOINT_" + id : name;
    }
}
