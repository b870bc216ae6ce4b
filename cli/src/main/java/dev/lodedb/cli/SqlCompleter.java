package dev.lodedb.cli;

import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.catalog.ViewDef;
import dev.lodedb.sql.parser.Keywords;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion at the shell prompt: SQL keywords (in the case the word was started in: upper
 * case unless it is typed in lower case), table and view names, column names of the current
 * catalog (after {@code name.} only that table's columns), and meta-command names after a
 * backslash. Candidates keep the typed prefix, so they can be matched with it case-insensitively.
 * Reads the catalog snapshot current at each completion. Thread-safe (stateless apart from the
 * catalog supplier, which must be).
 */
final class SqlCompleter implements Completer {
    /** The meta-commands offered after a backslash. */
    static final List<String> META_COMMANDS = List.of("\\?", "\\conninfo", "\\copy", "\\d", "\\di", "\\dt", "\\dv",
            "\\echo", "\\i", "\\o", "\\pset", "\\q", "\\timing", "\\x");

    private final Supplier<Catalog> catalog;

    /** @param catalog the database's current catalog */
    SqlCompleter(Supplier<Catalog> catalog) {
        this.catalog = catalog;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        for (String value : candidates(word, line.wordIndex() == 0)) {
            boolean complete = !value.endsWith(".");
            candidates.add(new Candidate(value, value, null, null, null, null, complete));
        }
    }

    /**
     * @param word the part of the word before the cursor
     * @param firstWord whether it is the first word of the line (meta-commands are offered there)
     * @return the completions that start with {@code word} (case-insensitively), without duplicates
     */
    List<String> candidates(String word, boolean firstWord) {
        Set<String> out = new LinkedHashSet<>();
        if (word.startsWith("\\")) {
            for (String m : META_COMMANDS) {
                if (m.startsWith(word)) {
                    out.add(m);
                }
            }
            return new ArrayList<>(out);
        }
        Catalog c = catalog.get();
        int dot = word.lastIndexOf('.');
        if (dot >= 0) {
            // table.column, or schema.table
            String qualifier = unquote(word.substring(0, dot));
            String prefix = word.substring(dot + 1);
            String base = word.substring(0, dot + 1);
            for (TableDef t : c.tables()) {
                if (t.name().equals(qualifier)) {
                    for (ColumnDef col : t.columns()) {
                        addIfMatches(out, base, col.name(), prefix);
                    }
                }
                if (t.schema().equals(qualifier)) {
                    addIfMatches(out, base, t.name(), prefix);
                }
            }
            for (ViewDef v : c.views()) {
                if (v.schema().equals(qualifier)) {
                    addIfMatches(out, base, v.name(), prefix);
                }
            }
            return new ArrayList<>(out);
        }
        for (TableDef t : c.tables()) {
            addIfMatches(out, "", t.name(), word);
        }
        for (ViewDef v : c.views()) {
            addIfMatches(out, "", v.name(), word);
        }
        for (TableDef t : c.tables()) {
            for (ColumnDef col : t.columns()) {
                addIfMatches(out, "", col.name(), word);
            }
        }
        boolean lower = !word.isEmpty() && word.equals(word.toLowerCase(Locale.ROOT))
                && !word.equals(word.toUpperCase(Locale.ROOT));
        String folded = word.toLowerCase(Locale.ROOT);
        for (String k : Keywords.all()) {
            if (k.startsWith(folded)) {
                out.add(lower ? k : k.toUpperCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(out);
    }

    private static void addIfMatches(Set<String> out, String base, String name, String prefix) {
        String shown = Describe.quoteIdent(name);
        String p = prefix.startsWith("\"") ? prefix : prefix.toLowerCase(Locale.ROOT);
        if (shown.startsWith(p) || name.startsWith(p)) {
            out.add(base + shown);
        }
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
