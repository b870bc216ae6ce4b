package dev.lodedb.sql.function;

import java.time.OffsetDateTime;
import java.util.random.RandomGenerator;

/**
 * What a function may read from the statement that calls it: the statement and transaction
 * start times ({@code now()} is the transaction's start, as in PostgreSQL) and the session's
 * random source ({@code random()}, {@code gen_random_uuid()}).
 *
 * <p>One context belongs to one executing statement and is used by one thread at a time.
 */
public interface FunctionContext {
    /** @return the start of the current transaction, at UTC ({@code now()}, {@code current_timestamp}) */
    OffsetDateTime transactionTimestamp();

    /** @return the start of the current statement, at UTC ({@code statement_timestamp()}) */
    OffsetDateTime statementTimestamp();

    /** @return the session's random source */
    RandomGenerator random();

    /**
     * @return the database's sequences as this session sees them ({@code nextval}, {@code currval})
     * @throws dev.lodedb.engine.SqlException 0A000 where a statement runs without a session
     */
    default SequenceAccess sequences() {
        throw new dev.lodedb.engine.SqlException(dev.lodedb.engine.SqlException.FEATURE_NOT_SUPPORTED,
                "sequence functions are not available in this context");
    }
}
