package dev.lodedb.sql.ast;

/**
 * {@code CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role]}.
 *
 * @param name the schema name (the role name when only AUTHORIZATION was written)
 * @param ifNotExists whether {@code IF NOT EXISTS} was written
 * @param authorization the AUTHORIZATION role, or {@code null}
 * @param position offset of {@code CREATE}
 */
public record CreateSchema(String name, boolean ifNotExists, String authorization, int position)
        implements Statement {
}
