package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code CREATE [TEMP] SEQUENCE [IF NOT EXISTS] name [options]}.
 *
 * @param name the sequence name
 * @param temporary whether {@code TEMP}/{@code TEMPORARY} was written
 * @param ifNotExists whether {@code IF NOT EXISTS} was written
 * @param options the options in written order
 * @param position offset of {@code CREATE}
 */
public record CreateSequence(QualifiedName name, boolean temporary, boolean ifNotExists,
        List<SequenceOption> options, int position) implements Statement {

    /**
     * Copies {@code options}.
     *
     * @param name the sequence name
     * @param temporary whether {@code TEMP}/{@code TEMPORARY} was written
     * @param ifNotExists whether {@code IF NOT EXISTS} was written
     * @param options the options in written order
     * @param position offset of {@code CREATE}
     */
    public CreateSequence {
        options = List.copyOf(options);
    }
}
