package dev.lodedb.sql.function;

/**
 * What the sequence functions reach through their {@link FunctionContext}: the database's
 * sequences as seen by one session (which remembers {@code currval} and {@code lastval}). Names are
 * PostgreSQL's regclass text: {@code s}, {@code schema.s}, {@code "MixedCase"}.
 *
 * <p>Implementations are used by one session's thread; the sequences behind them are shared and
 * thread-safe.
 */
public interface SequenceAccess {
    /**
     * @return the sequence's next value (non-transactional: never handed out again)
     * @throws dev.lodedb.engine.SqlException 42P01 for an unknown sequence, 42809 for another
     *     relation, 2200H when a sequence without CYCLE is exhausted
     */
    long nextval(String sequence);

    /**
     * @return the value {@code nextval} last returned for the sequence in this session
     * @throws dev.lodedb.engine.SqlException 55000 when this session has not called nextval on it
     */
    long currval(String sequence);

    /**
     * Sets the sequence's current value.
     *
     * @param isCalled whether {@code value} counts as handed out (the next nextval returns the
     *     value after it) or not (the next nextval returns {@code value})
     * @return {@code value}
     * @throws dev.lodedb.engine.SqlException 22003 when the value is outside the sequence's bounds
     */
    long setval(String sequence, long value, boolean isCalled);

    /**
     * @return the value nextval last returned in this session, of any sequence
     * @throws dev.lodedb.engine.SqlException 55000 when there is none
     */
    long lastval();
}
