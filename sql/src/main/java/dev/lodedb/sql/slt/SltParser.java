package dev.lodedb.sql.slt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a sqllogictest script into {@link SltRecord}s, applying {@code skipif <db>} and
 * {@code onlyif <db>} for the database name the runner plays ({@code postgresql} for LodeDB).
 * Records are separated by blank lines; {@code #} starts a comment line; CR before LF is ignored.
 *
 * <p>Stateless and thread-safe.
 *
 * @see <a href="https://www.sqlite.org/sqllogictest/doc/trunk/about.wiki">about.wiki</a>
 */
public final class SltParser {
    /** The records of one file and how many were skipped by a conditional. */
    public record Script(List<SltRecord> records, int skipped) {
    }

    private SltParser() {
    }

    /**
     * @param in the script
     * @param database the database name to play, e.g. {@code "postgresql"}
     * @return the records that apply to {@code database}, in order
     * @throws SltFormatException on a malformed record (naming its line)
     * @throws IOException when reading fails
     */
    public static Script parse(Reader in, String database) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(in)) {
            String l;
            while ((l = r.readLine()) != null) {
                if (l.endsWith("\r")) {
                    l = l.substring(0, l.length() - 1);
                }
                lines.add(l);
            }
        }
        List<SltRecord> records = new ArrayList<>();
        int skipped = 0;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                i++;
                continue;
            }
            // Conditionals precede the record they guard.
            boolean skip = false;
            while (i < lines.size() && (lines.get(i).startsWith("skipif ") || lines.get(i).startsWith("onlyif "))) {
                String[] w = words(lines.get(i));
                String db = w.length > 1 ? w[1].toLowerCase(Locale.ROOT) : "";
                if (w[0].equals("skipif") && db.equals(database)) {
                    skip = true;
                }
                if (w[0].equals("onlyif") && !db.equals(database)) {
                    skip = true;
                }
                i++;
            }
            if (i >= lines.size()) {
                break;
            }
            int start = i + 1;
            String[] head = words(lines.get(i));
            i++;
            switch (head[0]) {
                case "statement" -> {
                    if (head.length < 2 || !(head[1].equals("ok") || head[1].equals("error"))) {
                        throw new SltFormatException(start, "expected 'statement ok' or 'statement error'");
                    }
                    StringBuilder sql = new StringBuilder();
                    while (i < lines.size() && !lines.get(i).isBlank()) {
                        appendLine(sql, lines.get(i++));
                    }
                    if (!skip) {
                        records.add(new SltRecord.Statement(start, sql.toString(), head[1].equals("error")));
                    }
                }
                case "query" -> {
                    if (head.length < 2) {
                        throw new SltFormatException(start, "query record without column types");
                    }
                    SltRecord.SortMode mode = SltRecord.SortMode.NOSORT;
                    String label = null;
                    for (int k = 2; k < head.length; k++) {
                        switch (head[k]) {
                            case "nosort" -> mode = SltRecord.SortMode.NOSORT;
                            case "rowsort" -> mode = SltRecord.SortMode.ROWSORT;
                            case "valuesort" -> mode = SltRecord.SortMode.VALUESORT;
                            default -> label = head[k];
                        }
                    }
                    StringBuilder sql = new StringBuilder();
                    while (i < lines.size() && !lines.get(i).isBlank() && !lines.get(i).equals("----")) {
                        appendLine(sql, lines.get(i++));
                    }
                    List<String> expected = new ArrayList<>();
                    if (i < lines.size() && lines.get(i).equals("----")) {
                        i++;
                        while (i < lines.size() && !lines.get(i).isEmpty()) {
                            expected.add(lines.get(i++));
                        }
                    }
                    if (!skip) {
                        records.add(new SltRecord.Query(start, sql.toString(), head[1], mode, label, List.copyOf(expected)));
                    }
                }
                case "hash-threshold" -> {
                    if (head.length < 2) {
                        throw new SltFormatException(start, "hash-threshold without a number");
                    }
                    try {
                        records.add(new SltRecord.HashThreshold(start, Integer.parseInt(head[1])));
                    } catch (NumberFormatException e) {
                        throw new SltFormatException(start, "bad hash-threshold " + head[1]);
                    }
                }
                case "halt" -> {
                    if (!skip) {
                        records.add(new SltRecord.Halt(start));
                    }
                }
                default -> throw new SltFormatException(start, "unknown record type '" + head[0] + "'");
            }
            if (skip) {
                skipped++;
            }
        }
        return new Script(List.copyOf(records), skipped);
    }

    private static void appendLine(StringBuilder sb, String line) {
        if (sb.length() > 0) {
            sb.append('\n');
        }
        sb.append(line);
    }

    private static String[] words(String line) {
        int hash = line.indexOf(" #");
        String l = hash >= 0 ? line.substring(0, hash) : line;
        return l.trim().split("\\s+");
    }
}
