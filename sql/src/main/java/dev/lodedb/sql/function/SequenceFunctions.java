package dev.lodedb.sql.function;

import static dev.lodedb.engine.types.TypeId.BIGINT;
import static dev.lodedb.engine.types.TypeId.BOOLEAN;
import static dev.lodedb.engine.types.TypeId.TEXT;

/**
 * Sequence manipulation functions (PostgreSQL documentation 9.17): {@code nextval(text)},
 * {@code currval(text)}, {@code setval(text, bigint [, boolean])} and {@code lastval()}, all
 * returning bigint, volatile (evaluated once per row), strict except {@code lastval}. The sequence
 * is named by text as PostgreSQL's regclass input reads it. They run through
 * {@link FunctionContext#sequences()}; the semantics and errors are in {@link SequenceAccess}.
 *
 * <p>Stateless and thread-safe.
 */
final class SequenceFunctions {
    private SequenceFunctions() {
    }

    static void register(Registrar r) {
        r.fn("nextval", BIGINT, true, true, false, (c, a) -> c.sequences().nextval((String) a[0]), TEXT);
        r.fn("currval", BIGINT, true, true, false, (c, a) -> c.sequences().currval((String) a[0]), TEXT);
        r.fn("setval", BIGINT, true, true, false,
                (c, a) -> c.sequences().setval((String) a[0], ((Number) a[1]).longValue(), true), TEXT, BIGINT);
        r.fn("setval", BIGINT, true, true, false, (c, a) -> c.sequences().setval((String) a[0],
                ((Number) a[1]).longValue(), (Boolean) a[2]), TEXT, BIGINT, BOOLEAN);
        r.fn("lastval", BIGINT, false, true, false, (c, a) -> c.sequences().lastval());
    }
}
