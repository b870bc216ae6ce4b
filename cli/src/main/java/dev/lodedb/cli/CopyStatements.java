package dev.lodedb.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the shell's data commands into SQL: {@code \copy}, {@code lode import} and
 * {@code lode export} are thin translations to PostgreSQL's {@code COPY} (and, for
 * {@code import --create}, to {@code CREATE TABLE ... AS SELECT * FROM read_csv(...)} /
 * {@code read_json(...)}). In embedded mode the shell's files are the database's files, so the
 * translation only makes relative paths absolute (relative to the shell's working directory, as
 * psql's {@code \copy} reads them) and quotes them. Stateless and thread-safe.
 */
final class CopyStatements {
    private CopyStatements() {
    }

    /** The data formats of import and export. */
    enum DataFormat {
        CSV, TEXT, JSON, JSONLINES;

        String sqlName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @return the format a file name suggests, after a {@code .gz}: {@code .json} JSON,
         *     {@code .jsonl}/{@code .ndjson} JSON Lines, {@code .tsv}/{@code .txt} text, anything
         *     else CSV
         */
        static DataFormat fromFileName(String file) {
            String f = file.toLowerCase(Locale.ROOT);
            if (f.endsWith(".gz")) {
                f = f.substring(0, f.length() - 3);   // gzip is read (and written) by COPY itself
            }
            if (f.endsWith(".json")) {
                return JSON;
            }
            if (f.endsWith(".jsonl") || f.endsWith(".ndjson")) {
                return JSONLINES;
            }
            if (f.endsWith(".tsv") || f.endsWith(".txt")) {
                return TEXT;
            }
            return CSV;
        }
    }

    /**
     * Options of {@code lode import} and {@code lode export}.
     *
     * @param format the data format
     * @param header whether the CSV file has (import) or gets (export) a header line
     * @param delimiter the field delimiter (one character), or null for the format's default
     */
    record Options(DataFormat format, boolean header, String delimiter) {
    }

    /** @return {@code s} as an SQL string literal */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** @return the absolute, normalized form of {@code file}, as a string literal */
    static String fileLiteral(String file) {
        return literal(Path.of(file).toAbsolutePath().normalize().toString());
    }

    private static String optionList(Options o) {
        List<String> opts = new ArrayList<>();
        opts.add("FORMAT " + o.format().sqlName());
        if (o.header()) {
            opts.add("HEADER");
        }
        if (o.delimiter() != null) {
            opts.add("DELIMITER " + literal(o.delimiter()));
        }
        return " (" + String.join(", ", opts) + ")";
    }

    /**
     * @param table the table, as an SQL name ({@code items}, {@code public.items}, {@code "Items"})
     * @param file the file to read
     * @return {@code COPY table FROM '/abs/file' (FORMAT csv, HEADER, DELIMITER ';')}
     */
    static String importInto(String table, String file, Options o) {
        return "COPY " + table + " FROM " + fileLiteral(file) + optionList(o);
    }

    /**
     * @param table the new table's SQL name
     * @param file the file to read
     * @return {@code CREATE TABLE t AS SELECT * FROM read_csv('/abs/file', ...)} (or
     *     {@code read_json}), the columns and their types inferred from the file (a CSV header is
     *     detected unless {@code header} says there is one)
     * @throws IllegalArgumentException for the text format, which has no reader function
     */
    static String createFrom(String table, String file, Options o) {
        String call;
        switch (o.format()) {
            case CSV -> {
                List<String> args = new ArrayList<>();
                args.add(fileLiteral(file));
                if (o.header()) {
                    args.add("header => true");   // without it read_csv detects a header itself
                }
                if (o.delimiter() != null) {
                    args.add("delim => " + literal(o.delimiter()));
                }
                call = "read_csv(" + String.join(", ", args) + ")";
            }
            case JSON, JSONLINES -> call = "read_json(" + fileLiteral(file) + ")";
            default -> throw new IllegalArgumentException(
                    "--create needs --format csv, json or jsonlines (the text format has no column names)");
        }
        return "CREATE TABLE " + table + " AS SELECT * FROM " + call;
    }

    /**
     * @param tableOrQuery a table name, or a query ({@code SELECT ...}, {@code WITH ...},
     *     {@code VALUES ...}, or anything with a space or parenthesis)
     * @param file the file to write
     * @return {@code COPY table TO '/abs/file' (...)} or {@code COPY (query) TO '/abs/file' (...)}
     */
    static String exportFrom(String tableOrQuery, String file, Options o) {
        String source = tableOrQuery.strip();
        if (source.endsWith(";")) {
            source = source.substring(0, source.length() - 1).strip();
        }
        if (isQuery(source)) {
            source = source.startsWith("(") ? source : "(" + source + ")";
        }
        return "COPY " + source + " TO " + fileLiteral(file) + optionList(o);
    }

    /** @return whether {@code s} is a query rather than a table name */
    static boolean isQuery(String s) {
        String upper = s.toUpperCase(Locale.ROOT);
        if (upper.startsWith("SELECT") || upper.startsWith("WITH") || upper.startsWith("VALUES")
                || upper.startsWith("TABLE ") || upper.startsWith("(")) {
            return true;
        }
        // a quoted table name may hold spaces; an unquoted one may not
        return !s.startsWith("\"") && (s.indexOf(' ') >= 0 || s.indexOf('(') >= 0);
    }

    /**
     * Translates psql's {@code \copy} arguments into a COPY statement:
     * {@code \copy items FROM data.csv CSV HEADER} becomes
     * {@code COPY items FROM '/cwd/data.csv' (FORMAT csv, HEADER)}. The file may be quoted or not;
     * {@code stdin}/{@code stdout} (and psql's {@code pstdin}/{@code pstdout}) stay streams. Options
     * in parentheses ({@code WITH (FORMAT csv)}) pass through; psql's old option words
     * ({@code csv}, {@code header}, {@code delimiter 'x'}, {@code null 'x'}, {@code quote 'x'},
     * {@code escape 'x'}, {@code encoding 'x'}, {@code binary}) become the parenthesized list.
     *
     * @param args the text after {@code \copy}
     * @return the COPY statement
     * @throws IllegalArgumentException when there is no FROM or TO, or for {@code PROGRAM}
     */
    static String fromBackslashCopy(String args) {
        List<String> tokens = tokens(args);
        int dir = -1;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i).toLowerCase(Locale.ROOT);
            if (t.equals("from") || t.equals("to")) {
                dir = i;
                break;
            }
        }
        if (dir < 1 || dir + 1 >= tokens.size()) {
            throw new IllegalArgumentException("\\copy: parse error at " + (dir < 1 ? "\"" + args + "\"" : "end of line")
                    + "\nusage: \\copy TABLE [(COLUMNS)] | (QUERY) FROM|TO FILE|STDIN|STDOUT [[WITH] (OPTIONS)]");
        }
        StringBuilder sql = new StringBuilder("COPY");
        for (int i = 0; i < dir; i++) {
            sql.append(' ').append(tokens.get(i));
        }
        sql.append(' ').append(tokens.get(dir).toUpperCase(Locale.ROOT)).append(' ');
        String target = tokens.get(dir + 1);
        switch (target.toLowerCase(Locale.ROOT)) {
            case "stdin", "pstdin" -> sql.append("STDIN");
            case "stdout", "pstdout" -> sql.append("STDOUT");
            case "program" -> throw new IllegalArgumentException("\\copy: PROGRAM is not supported by lode");
            default -> sql.append(fileLiteral(target.startsWith("'") ? unquote(target) : target));
        }
        List<String> rest = tokens.subList(dir + 2, tokens.size());
        if (!rest.isEmpty() && rest.get(0).equalsIgnoreCase("with")) {
            rest = rest.subList(1, rest.size());
        }
        if (rest.isEmpty()) {
            return sql.toString();
        }
        if (rest.get(0).startsWith("(")) {
            return sql.append(' ').append(String.join(" ", rest)).toString();
        }
        List<String> opts = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            String w = rest.get(i).toLowerCase(Locale.ROOT);
            switch (w) {
                case "csv", "binary", "text" -> opts.add("FORMAT " + w);
                case "header" -> opts.add("HEADER");
                case "delimiter", "null", "quote", "escape", "encoding" -> {
                    int v = i + 1 < rest.size() && rest.get(i + 1).equalsIgnoreCase("as") ? i + 2 : i + 1;
                    if (v >= rest.size()) {
                        throw new IllegalArgumentException("\\copy: " + w + " needs a value");
                    }
                    opts.add(w.toUpperCase(Locale.ROOT) + " " + rest.get(v));
                    i = v;
                }
                default -> throw new IllegalArgumentException("\\copy: unknown option \"" + rest.get(i) + "\"");
            }
        }
        return sql.append(" (").append(String.join(", ", opts)).append(')').toString();
    }

    private static String unquote(String quoted) {
        String inner = quoted.length() >= 2 && quoted.endsWith("'") ? quoted.substring(1, quoted.length() - 1)
                : quoted.substring(1);
        return inner.replace("''", "'");
    }

    /** Splits at whitespace outside quotes and parentheses; a parenthesized group is one token. */
    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            int depth = 0;
            while (i < s.length()) {
                c = s.charAt(i);
                if (c == '\'' || c == '"') {
                    int end = i + 1;
                    while (end < s.length()) {
                        if (s.charAt(end) == c) {
                            if (end + 1 < s.length() && s.charAt(end + 1) == c) {
                                end += 2;
                                continue;
                            }
                            break;
                        }
                        end++;
                    }
                    i = Math.min(end + 1, s.length());
                    continue;
                }
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (Character.isWhitespace(c) && depth <= 0) {
                    break;
                }
                i++;
            }
            out.add(s.substring(start, i));
        }
        return out;
    }
}
