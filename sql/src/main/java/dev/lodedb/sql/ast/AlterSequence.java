package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code ALTER SEQUENCE [IF EXISTS] name options}.
 *
 * @param name the sequence name
 * @param ifExists whether {@code IF EXISTS} was written
 * @param options the options in written order
 * @param position offset of {@code ALTER}
 */
public record AlterSequence(QualifiedName name, boolean ifExists, List<SequenceOption> options, int position)
        implements Statement {

    /**
     * Copies {@code options}.
     *
     * @param name the sequence name
     * @param ifExists whether {@code IF EXISTS} was written
     * @param options the options in written order
     * @param position offset of {@code ALTER}
     */
    public AlterSequence {
        options = List.copyOf(options);
    }
}
