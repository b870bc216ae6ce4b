package dev.lodedb.cli;

import dev.lodedb.sql.session.SqlSession;

/**
 * The shell's attachments to a session's {@code COPY}: the progress listener of an import (and,
 * with {@code COPY ... FROM STDIN} / {@code TO STDOUT}, the streams). The one place that touches
 * the SQL layer's COPY API, so the rest of the shell does not depend on its shape. Stateless and
 * thread-safe.
 */
final class CopyHooks {
    private CopyHooks() {
    }

    /**
     * Attaches (or, with {@code null}, detaches) a progress reporter to the session's imports.
     * Until the SQL layer reports import progress this does nothing and imports run without a bar.
     *
     * @param session the session that will run the import
     * @param reporter the reporter, or null
     */
    static void progress(SqlSession session, ProgressReporter reporter) {
        // The SQL layer has no import progress listener yet (SqlSession.setImportProgress).
    }
}
