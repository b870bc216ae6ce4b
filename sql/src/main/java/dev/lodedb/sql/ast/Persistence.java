package dev.lodedb.sql.ast;

/**
 * How long a created relation lives: the {@code TEMP}/{@code TEMPORARY}/{@code UNLOGGED} option.
 */
public enum Persistence {
    /** an ordinary, durable relation */
    PERMANENT,
    /** {@code TEMP} / {@code TEMPORARY} (also {@code GLOBAL} / {@code LOCAL TEMP}): dropped at session end */
    TEMPORARY,
    /** {@code UNLOGGED}: not crash-safe */
    UNLOGGED
}
