package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code CREATE [OR REPLACE] [TEMP] [RECURSIVE] VIEW name [(columns)] AS query
 * [WITH [CASCADED | LOCAL] CHECK OPTION]}.
 *
 * @param name the view name
 * @param orReplace whether {@code OR REPLACE} was written
 * @param temporary whether {@code TEMP}/{@code TEMPORARY} was written
 * @param recursive whether {@code RECURSIVE} was written
 * @param columns column names (possibly empty)
 * @param query the defining query
 * @param checkOption {@code "local"} or {@code "cascaded"}, or {@code null} without CHECK OPTION
 * @param position offset of {@code CREATE}
 */
public record CreateView(QualifiedName name, boolean orReplace, boolean temporary, boolean recursive,
        List<String> columns, Query query, String checkOption, int position) implements Statement {

    /**
     * Copies {@code columns}.
     *
     * @param name the view name
     * @param orReplace whether {@code OR REPLACE} was written
     * @param temporary whether {@code TEMP}/{@code TEMPORARY} was written
     * @param recursive whether {@code RECURSIVE} was written
     * @param columns column names (possibly empty)
     * @param query the defining query
     * @param checkOption {@code "local"} or {@code "cascaded"}, or {@code null} without CHECK OPTION
     * @param position offset of {@code CREATE}
     */
    public CreateView {
        columns = List.copyOf(columns);
    }
}
