package dev.lodedb.engine.types;

/**
 * The context a cast happens in, PostgreSQL's {@code CoercionContext} ({@code pg_cast.castcontext}
 * {@code i}, {@code a}, {@code e}). A cast allowed in a context is allowed in every later one.
 * The context also changes how a length modifier is enforced: an explicit cast to {@code
 * varchar(n)} or {@code char(n)} silently truncates, an assignment or implicit one fails with
 * 22001 unless only spaces would be cut (SQL standard; PostgreSQL's {@code varchar()} and {@code
 * bpchar()} length-coercion functions).
 */
public enum CastContext {
    /** Applied without being asked, e.g. {@code integer} to {@code bigint} in an expression. */
    IMPLICIT,
    /** Applied when storing into a column: {@code INSERT}, {@code UPDATE ... SET}. */
    ASSIGNMENT,
    /** Written by the user: {@code CAST(x AS t)} or {@code x::t}. */
    EXPLICIT
}
