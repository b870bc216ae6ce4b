package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.sql.parser.ParseException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Maps every failure of a statement to a {@link SqlException}: SQL errors pass through, parse
 * errors keep their SQLSTATE and position, and anything else is an internal error (XX000) whose
 * cause is logged, never a raw stack trace for the user.
 */
final class Errors {
    private static final Logger LOG = Logger.getLogger(Errors.class.getName());

    private Errors() {
    }

    static SqlException wrap(RuntimeException e) {
        if (e instanceof SqlException s) {
            return s;
        }
        if (e instanceof ParseException p) {
            return new SqlException(p.sqlState(), p.getMessage(), null, null, Math.max(0, p.position() + 1), p);
        }
        if (e instanceof dev.lodedb.storage.StoreException) {
            return new SqlException("58030", "storage error: " + e.getMessage(), e);
        }
        LOG.log(Level.WARNING, "internal error", e);
        return new SqlException(SqlException.INTERNAL_ERROR, "internal error: " + e, e);
    }
}
