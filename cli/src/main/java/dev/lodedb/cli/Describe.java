package dev.lodedb.cli;

import dev.lodedb.Column;
import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.ForeignKeyDef;
import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.catalog.ViewDef;
import dev.lodedb.sql.parser.KeywordCategory;
import dev.lodedb.sql.parser.Keywords;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * psql's describe commands over LodeDB's catalog: {@code \d} (tables and views), {@code \dt},
 * {@code \dv}, {@code \di} (indexes), and {@code \d NAME} (a table's columns with types,
 * nullability and defaults, then its indexes; a view's columns and definition). Reads the
 * catalog snapshot current when the command runs. Not thread-safe.
 */
final class Describe {
    /**
     * An index as {@code \di} and {@code \d NAME} show it.
     *
     * @param name the index name ({@code t_pkey} for the primary key)
     * @param table the table it indexes
     * @param definition what {@code \d NAME} prints after the quoted name: {@code PRIMARY KEY (id)}
     */
    record IndexInfo(String name, TableDef table, String definition) {
    }

    private final CommandRunner runner;

    Describe(CommandRunner runner) {
        this.runner = runner;
    }

    private Catalog catalog() {
        return runner.database().sqlDatabase().catalog();
    }

    /**
     * The indexes of a table, the primary key first. The primary key is the table's storage key
     * (named {@code <table>_pkey}, as in PostgreSQL and in LodeDB's unique-violation messages);
     * then the secondary indexes by name, described as psql's {@code \d} does
     * ({@code UNIQUE CONSTRAINT, btree (a, b)}, {@code btree (lat, lon) INCLUDE (name) WHERE (...)}).
     */
    static List<IndexInfo> indexesOf(Catalog catalog, TableDef t) {
        List<IndexInfo> out = new ArrayList<>();
        if (!t.primaryKey().isEmpty()) {
            List<String> names = new ArrayList<>();
            for (int id : t.primaryKey()) {
                names.add(quoteIdent(columnName(t, id)));
            }
            out.add(new IndexInfo(t.name() + "_pkey", t, "PRIMARY KEY (" + String.join(", ", names) + ")"));
        }
        List<IndexDef> secondary = new ArrayList<>(catalog.indexesOf(t.id()));
        secondary.sort(java.util.Comparator.comparing(IndexDef::name));
        for (IndexDef ix : secondary) {
            List<String> keys = new ArrayList<>();
            for (IndexDef.Key k : ix.keys()) {
                String text = k.isExpression() ? "(" + k.expression() + ")" : quoteIdent(columnName(t, k.columnId()));
                if (k.descending()) {
                    text += " DESC";
                }
                if (k.nullsFirst() != k.descending()) {
                    text += k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST";
                }
                keys.add(text);
            }
            StringBuilder def = new StringBuilder(ix.constraint() ? "UNIQUE CONSTRAINT, " : ix.unique() ? "UNIQUE, " : "");
            def.append("btree (").append(String.join(", ", keys)).append(')');
            if (!ix.include().isEmpty()) {
                List<String> inc = new ArrayList<>();
                for (int id : ix.include()) {
                    inc.add(quoteIdent(columnName(t, id)));
                }
                def.append(" INCLUDE (").append(String.join(", ", inc)).append(')');
            }
            if (ix.predicate() != null) {
                String pred = ix.predicate();
                def.append(" WHERE ").append(pred.startsWith("(") && pred.endsWith(")") ? pred : "(" + pred + ")");
            }
            out.add(new IndexInfo(ix.name(), t, def.toString()));
        }
        return out;
    }

    private static String columnName(TableDef t, int id) {
        for (ColumnDef c : t.columns()) {
            if (c.id() == id) {
                return c.name();
            }
        }
        return "?" + id;
    }

    /**
     * Lists relations of the given kinds.
     *
     * @param kinds letters: {@code t} tables, {@code v} views, {@code i} indexes
     * @param pattern psql pattern ({@code *} and {@code ?} wildcards, optional {@code schema.}
     *     prefix, unquoted names folded to lower case), or null for all
     * @return true (an empty list is not an error)
     */
    boolean list(String kinds, String pattern, String location) {
        Matcher m = pattern == null ? null : new Matcher(pattern);
        Catalog catalog = catalog();
        List<String[]> rows = new ArrayList<>();
        boolean indexes = kinds.contains("i");
        for (TableDef t : catalog.tables()) {
            if (kinds.contains("t") && (m == null || m.matches(t.schema(), t.name()))) {
                rows.add(new String[] {t.schema(), t.name(), "table"});
            }
            if (indexes) {
                for (IndexInfo ix : indexesOf(catalog, t)) {
                    if (m == null || m.matches(t.schema(), ix.name())) {
                        rows.add(new String[] {t.schema(), ix.name(), "index", t.name()});
                    }
                }
            }
        }
        for (ViewDef v : catalog.views()) {
            if (kinds.contains("v") && (m == null || m.matches(v.schema(), v.name()))) {
                rows.add(new String[] {v.schema(), v.name(), "view"});
            }
        }
        if (kinds.contains("t") && kinds.contains("v")) {
            // \d lists sequences with the tables and views, as psql does
            for (dev.lodedb.engine.catalog.SequenceDef q : catalog.sequences()) {
                if (m == null || m.matches(q.schema(), q.name())) {
                    rows.add(new String[] {q.schema(), q.name(), "sequence"});
                }
            }
        }
        rows.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        if (rows.isEmpty()) {
            String what = kinds.equals("t") ? "tables" : kinds.equals("v") ? "views" : kinds.equals("i") ? "indexes" : "relations";
            runner.message(pattern == null ? "Did not find any " + what + "."
                    : "Did not find any relation named \"" + pattern + "\".");
            return true;
        }
        List<String> headers = indexes ? List.of("Schema", "Name", "Type", "Table") : List.of("Schema", "Name", "Type");
        runner.printTable("List of relations", headers, rows, List.of(), true);
        return true;
    }

    /**
     * Describes every table and view matching {@code pattern}.
     *
     * @return false (reported) when nothing matches
     */
    boolean describe(String pattern, String location) {
        Matcher m = new Matcher(pattern);
        Catalog catalog = catalog();
        boolean found = false;
        for (TableDef t : catalog.tables()) {
            if (m.matches(t.schema(), t.name())) {
                describeTable(t);
                found = true;
            }
        }
        for (ViewDef v : catalog.views()) {
            if (m.matches(v.schema(), v.name())) {
                found |= describeView(v, location);
            }
        }
        if (!found) {
            runner.fail(location, "Did not find any relation named \"" + pattern + "\".");
        }
        return found;
    }

    private void describeTable(TableDef t) {
        List<String[]> rows = new ArrayList<>();
        for (ColumnDef c : t.columns()) {
            String def = c.identity() == ColumnDef.IDENTITY_ALWAYS ? "generated always as identity"
                    : c.identity() == ColumnDef.IDENTITY_BY_DEFAULT ? "generated by default as identity"
                    : c.defaultSql() == null ? "" : c.defaultSql();
            rows.add(new String[] {c.name(), c.type().toString(), c.notNull() ? "not null" : "", def});
        }
        List<String> footers = new ArrayList<>();
        List<IndexInfo> indexes = indexesOf(catalog(), t);
        if (!indexes.isEmpty()) {
            footers.add("Indexes:");
            for (IndexInfo ix : indexes) {
                footers.add("    \"" + ix.name() + "\" " + ix.definition());
            }
        }
        if (!t.checks().isEmpty()) {
            footers.add("Check constraints:");
            t.checks().stream().sorted(java.util.Comparator.comparing(dev.lodedb.engine.catalog.CheckConstraint::name))
                    .forEach(k -> footers.add("    \"" + k.name() + "\" CHECK (" + k.sql() + ")"));
        }
        Catalog cat = catalog();
        if (!t.foreignKeys().isEmpty()) {
            footers.add("Foreign-key constraints:");
            t.foreignKeys().stream().sorted(java.util.Comparator.comparing(ForeignKeyDef::name))
                    .forEach(k -> footers.add("    \"" + k.name() + "\" " + foreignKeyDefinition(cat, t, k)));
        }
        List<String> referencedBy = new ArrayList<>();
        for (TableDef child : cat.tables()) {
            for (ForeignKeyDef k : child.foreignKeys()) {
                if (k.refTable() == t.id()) {
                    referencedBy.add("    TABLE \"" + child.name() + "\" CONSTRAINT \"" + k.name() + "\" "
                            + foreignKeyDefinition(cat, child, k));
                }
            }
        }
        if (!referencedBy.isEmpty()) {
            footers.add("Referenced by:");
            referencedBy.stream().sorted().forEach(footers::add);
        }
        runner.printTable("Table \"" + t.schema() + "." + t.name() + "\"",
                List.of("Column", "Type", "Nullable", "Default"), rows, footers, false);
    }

    /**
     * @return a foreign key as PostgreSQL's {@code pg_get_constraintdef} prints it: {@code FOREIGN
     *     KEY (a) REFERENCES p(id) ON UPDATE CASCADE ON DELETE SET NULL} (NO ACTION not shown)
     */
    static String foreignKeyDefinition(Catalog cat, TableDef child, ForeignKeyDef k) {
        TableDef parent = cat.tableById(k.refTable());
        StringBuilder sb = new StringBuilder("FOREIGN KEY (");
        for (int i = 0; i < k.columns().size(); i++) {
            sb.append(i > 0 ? ", " : "").append(quoteIdent(child.columns().get(child.positionOf(k.columns().get(i))).name()));
        }
        sb.append(") REFERENCES ").append(parent.schema().equals(Catalog.PUBLIC) ? "" : quoteIdent(parent.schema()) + ".")
                .append(quoteIdent(parent.name())).append('(');
        for (int i = 0; i < k.refColumns().size(); i++) {
            sb.append(i > 0 ? ", " : "").append(quoteIdent(parent.columns().get(parent.positionOf(k.refColumns().get(i)))
                    .name()));
        }
        sb.append(k.matchFull() ? ") MATCH FULL" : ")");
        if (k.onUpdate() != ForeignKeyDef.Action.NO_ACTION) {
            sb.append(" ON UPDATE ").append(k.onUpdate().sql());
        }
        if (k.onDelete() != ForeignKeyDef.Action.NO_ACTION) {
            sb.append(" ON DELETE ").append(k.onDelete().sql());
        }
        return sb.toString();
    }

    private boolean describeView(ViewDef v, String location) {
        List<Column> columns;
        try {
            columns = runner.session().prepare("SELECT * FROM " + quoteIdent(v.schema()) + "." + quoteIdent(v.name()))
                    .columns();
        } catch (SqlException e) {
            runner.fail(location, ErrorReport.format(e, null, "").stripTrailing());
            return false;
        }
        List<String[]> rows = new ArrayList<>();
        for (Column c : columns) {
            rows.add(new String[] {c.name(), c.type().toString()});
        }
        List<String> footers = new ArrayList<>();
        footers.add("View definition:");
        for (String line : v.sql().strip().split("\n")) {
            footers.add(" " + line);
        }
        runner.printTable("View \"" + v.schema() + "." + v.name() + "\"", List.of("Column", "Type"), rows, footers, false);
        return true;
    }

    /**
     * @return {@code name} as an SQL identifier, double-quoted when it needs to be (as PostgreSQL's
     *     {@code quote_ident}: not all lower-case letters, digits and underscores, or a keyword
     *     that is not unreserved)
     */
    static String quoteIdent(String name) {
        KeywordCategory category = Keywords.category(name);
        if (name.matches("[a-z_][a-z0-9_$]*") && (category == null || category == KeywordCategory.UNRESERVED)) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A psql name pattern: {@code [schema.]name}, wildcards {@code *} and {@code ?}, quotes keep case. */
    static final class Matcher {
        private final Pattern schema;
        private final Pattern name;

        Matcher(String pattern) {
            List<String> parts = splitDot(pattern);
            this.schema = parts.size() > 1 ? regex(parts.get(0)) : null;
            this.name = regex(parts.get(parts.size() - 1));
        }

        boolean matches(String schemaName, String relationName) {
            if (schema == null && !schemaName.equals(Catalog.PUBLIC)) {
                return false;   // unqualified patterns see the search path, which is public
            }
            return (schema == null || schema.matcher(schemaName).matches()) && name.matcher(relationName).matches();
        }

        private static List<String> splitDot(String p) {
            List<String> parts = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                }
                if (c == '.' && !quoted) {
                    parts.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            parts.add(cur.toString());
            return parts;
        }

        private static Pattern regex(String p) {
            StringBuilder re = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c == '"') {
                    if (quoted && i + 1 < p.length() && p.charAt(i + 1) == '"') {
                        re.append(Pattern.quote("\""));
                        i++;
                    } else {
                        quoted = !quoted;
                    }
                } else if (!quoted && c == '*') {
                    re.append(".*");
                } else if (!quoted && c == '?') {
                    re.append('.');
                } else {
                    re.append(Pattern.quote(String.valueOf(quoted ? c : Character.toLowerCase(c))));
                }
            }
            return Pattern.compile(re.toString());
        }
    }
}
