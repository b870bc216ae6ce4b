package dev.lodedb.sql.copy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.sql.ast.BooleanLiteral;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.GenericOption;
import dev.lodedb.sql.ast.IntegerLiteral;
import dev.lodedb.sql.ast.NumericLiteral;
import dev.lodedb.sql.ast.RowConstructor;
import dev.lodedb.sql.ast.Star;
import dev.lodedb.sql.ast.StringLiteral;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The options of one COPY statement, validated as PostgreSQL validates them
 * ({@code ProcessCopyOptions}): FORMAT text | csv | json | jsonlines (binary is refused), HEADER
 * [true | false | match], DELIMITER, NULL, QUOTE, ESCAPE, ENCODING (UTF8 and LATIN1), FORCE_QUOTE,
 * FORCE_NOT_NULL, FORCE_NULL, ON_ERROR stop | ignore (skip is accepted as ignore), LOG_VERBOSITY
 * and FREEZE (accepted, no effect). Immutable once built.
 */
public final class CopyOptions {
    /** The data formats. */
    public enum Format {
        /** PostgreSQL's text format: tab-separated, backslash escapes, {@code \N} for NULL. */
        TEXT,
        /** PostgreSQL's CSV format. */
        CSV,
        /** A JSON array of objects, one per row. */
        JSON,
        /** One JSON object per line (JSON lines, newline-delimited JSON). */
        JSONLINES
    }

    /** What HEADER asks for. */
    public enum Header {
        /** No header line. */
        NONE,
        /** A header line: written on export, skipped on import. */
        PRESENT,
        /** A header line whose names must match the columns (import only). */
        MATCH
    }

    /** SQLSTATE of an option error ({@code invalid_parameter_value}). */
    private static final String INVALID = SqlException.INVALID_PARAMETER_VALUE;

    Format format = Format.TEXT;
    Header header = Header.NONE;
    byte delimiter;
    String nullString;
    byte quote = '"';
    byte escape;
    Charset charset = StandardCharsets.UTF_8;
    String encodingName = "UTF8";
    Set<String> forceQuote = Set.of();
    boolean forceQuoteAll;
    Set<String> forceNotNull = Set.of();
    boolean forceNotNullAll;
    Set<String> forceNull = Set.of();
    boolean forceNullAll;
    boolean ignoreErrors;

    private CopyOptions() {
    }

    /**
     * Validates COPY options.
     *
     * @param options the options as parsed (names in lower case)
     * @param from whether this is COPY FROM (import)
     * @return the options with PostgreSQL's defaults filled in
     * @throws SqlException 42601 for an unknown or repeated option; 22023 for an invalid value or
     *     combination; 0A000 for FORMAT binary, an encoding other than UTF8/LATIN1, a multi-byte
     *     delimiter, quote or escape
     */
    public static CopyOptions parse(List<GenericOption> options, boolean from) {
        CopyOptions o = new CopyOptions();
        Set<String> seen = new HashSet<>();
        String delimiter = null;
        String quote = null;
        String escape = null;
        boolean headerMatch = false;
        boolean headerSet = false;
        for (GenericOption g : options) {
            String name = g.name().toLowerCase(Locale.ROOT);
            if (!seen.add(name)) {
                throw error(SqlException.SYNTAX_ERROR, "conflicting or redundant options", g);
            }
            switch (name) {
                case "format" -> {
                    String f = text(g).toLowerCase(Locale.ROOT);
                    o.format = switch (f) {
                        case "text" -> Format.TEXT;
                        case "csv" -> Format.CSV;
                        case "json" -> Format.JSON;
                        case "jsonlines", "ndjson", "jsonl" -> Format.JSONLINES;
                        case "binary" -> throw error(SqlException.FEATURE_NOT_SUPPORTED,
                                "COPY format \"binary\" is not supported", g);
                        default -> throw error(INVALID, "COPY format \"" + f + "\" not recognized", g);
                    };
                }
                case "header" -> {
                    headerSet = true;
                    if (g.value() != null && text(g).equalsIgnoreCase("match")) {
                        headerMatch = true;
                    } else if (bool(g)) {
                        o.header = Header.PRESENT;
                    }
                }
                case "delimiter" -> delimiter = text(g);
                case "null" -> o.nullString = text(g);
                case "quote" -> quote = text(g);
                case "escape" -> escape = text(g);
                case "encoding" -> o.encoding(text(g), g);
                case "force_quote" -> {
                    o.forceQuoteAll = g.value() instanceof Star;
                    o.forceQuote = columns(g);
                }
                case "force_not_null" -> {
                    o.forceNotNullAll = g.value() instanceof Star;
                    o.forceNotNull = columns(g);
                }
                case "force_null" -> {
                    o.forceNullAll = g.value() instanceof Star;
                    o.forceNull = columns(g);
                }
                case "on_error" -> {
                    String v = text(g).toLowerCase(Locale.ROOT);
                    if (!from) {
                        throw error(SqlException.FEATURE_NOT_SUPPORTED, "COPY ON_ERROR cannot be used with COPY TO", g);
                    }
                    o.ignoreErrors = switch (v) {
                        case "stop" -> false;
                        case "ignore", "skip" -> true;
                        default -> throw error(INVALID, "COPY ON_ERROR \"" + v + "\" not recognized", g);
                    };
                }
                case "log_verbosity" -> {
                    String v = text(g).toLowerCase(Locale.ROOT);
                    if (!v.equals("default") && !v.equals("verbose") && !v.equals("silent")) {
                        throw error(INVALID, "COPY LOG_VERBOSITY \"" + v + "\" not recognized", g);
                    }
                }
                case "freeze" -> bool(g);
                default -> throw error(SqlException.SYNTAX_ERROR, "option \"" + name + "\" not recognized", g);
            }
        }
        boolean csv = o.format == Format.CSV;
        boolean json = o.format == Format.JSON || o.format == Format.JSONLINES;
        if (json) {
            for (String n : List.of("delimiter", "null", "quote", "escape", "header", "force_quote", "force_not_null",
                    "force_null")) {
                if (seen.contains(n)) {
                    throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "COPY " + n.toUpperCase(Locale.ROOT)
                            + " cannot be used with JSON format");
                }
            }
        }
        o.delimiter = delimiter == null ? (byte) (csv ? ',' : '\t') : oneByte(delimiter, "delimiter");
        if (o.nullString == null) {
            o.nullString = csv ? "" : "\\N";
        }
        if (headerMatch) {
            if (!from) {
                throw new SqlException(INVALID, "cannot use \"match\" with HEADER in COPY TO");
            }
            o.header = Header.MATCH;
        }
        if (!headerSet) {
            o.header = Header.NONE;
        }
        if (quote != null && !csv) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "COPY QUOTE requires CSV mode");
        }
        if (escape != null && !csv) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "COPY ESCAPE requires CSV mode");
        }
        if (quote != null) {
            o.quote = oneByte(quote, "quote");
        }
        o.escape = escape == null ? o.quote : oneByte(escape, "escape");
        if ((seen.contains("force_quote")) && (!csv || from)) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, !csv ? "COPY FORCE_QUOTE requires CSV mode"
                    : "COPY FORCE_QUOTE cannot be used with COPY FROM");
        }
        for (String n : List.of("force_not_null", "force_null")) {
            if (seen.contains(n) && (!csv || !from)) {
                throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "COPY " + n.toUpperCase(Locale.ROOT)
                        + (!csv ? " requires CSV mode" : " cannot be used with COPY TO"));
            }
        }
        if (o.delimiter == '\r' || o.delimiter == '\n') {
            throw new SqlException(INVALID, "COPY delimiter cannot be newline or carriage return");
        }
        if (o.nullString.indexOf('\r') >= 0 || o.nullString.indexOf('\n') >= 0) {
            throw new SqlException(INVALID, "COPY null representation cannot use newline or carriage return");
        }
        if (!csv && "\\.abcdefghijklmnopqrstuvwxyz0123456789".indexOf((char) o.delimiter) >= 0 && !json) {
            throw new SqlException(INVALID, "COPY delimiter cannot be \"" + (char) o.delimiter + "\"");
        }
        if (csv && o.delimiter == o.quote) {
            throw new SqlException(INVALID, "COPY delimiter and quote must be different");
        }
        if (csv && o.nullString.indexOf((char) o.delimiter) >= 0) {
            throw new SqlException(INVALID, "COPY delimiter character must not appear in the NULL specification");
        }
        if (csv && o.nullString.indexOf((char) o.quote) >= 0) {
            throw new SqlException(INVALID, "CSV quote character must not appear in the NULL specification");
        }
        return o;
    }

    private void encoding(String name, GenericOption g) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        switch (n) {
            case "utf8", "unicode" -> {
                charset = StandardCharsets.UTF_8;
                encodingName = "UTF8";
            }
            case "latin1", "iso88591" -> {
                charset = StandardCharsets.ISO_8859_1;
                encodingName = "LATIN1";
            }
            case "sqlascii", "latin2", "latin9", "win1252", "win1251", "win1250", "koi8r", "koi8u", "euccn", "eucjp",
                    "euckr", "sjis", "big5", "gbk", "gb18030", "uhc", "iso88595", "iso88597", "iso885915",
                    "windows1252", "cp1252" -> throw error(SqlException.FEATURE_NOT_SUPPORTED,
                            "COPY encoding \"" + name + "\" is not supported; use UTF8 or LATIN1", g);
            default -> throw error(INVALID, "argument to option \"encoding\" must be a valid encoding name", g);
        }
    }

    private static byte oneByte(String s, String what) {
        if (s.length() != 1 || s.charAt(0) > 127) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "COPY " + what
                    + " must be a single one-byte character");
        }
        return (byte) s.charAt(0);
    }

    private static Set<String> columns(GenericOption g) {
        if (g.value() instanceof Star) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        if (g.value() instanceof RowConstructor r) {
            for (Expr e : r.fields()) {
                out.add(literal(e, g));
            }
        } else {
            out.add(text(g));
        }
        return out;
    }

    private static String text(GenericOption g) {
        if (g.value() == null) {
            throw error(SqlException.SYNTAX_ERROR, g.name() + " requires a parameter", g);
        }
        return literal(g.value(), g);
    }

    private static String literal(Expr e, GenericOption g) {
        if (e instanceof StringLiteral s) {
            return s.value();
        }
        if (e instanceof BooleanLiteral b) {
            return b.value() ? "true" : "false";
        }
        if (e instanceof IntegerLiteral i) {
            return Long.toString(i.value());
        }
        if (e instanceof NumericLiteral n) {
            return n.text();
        }
        throw error(SqlException.SYNTAX_ERROR, g.name() + " requires a string value", g);
    }

    private static boolean bool(GenericOption g) {
        if (g.value() == null) {
            return true;
        }
        String v = text(g).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw error(INVALID, g.name() + " requires a Boolean value", g);
        };
    }

    private static SqlException error(String state, String message, GenericOption g) {
        return new SqlException(state, message, null, null, g.position() + 1, null);
    }

    /** @return the format */
    public Format format() {
        return format;
    }

    /** @return what HEADER asks for */
    public Header header() {
        return header;
    }

    /** @return the field delimiter (text and csv) */
    public byte delimiter() {
        return delimiter;
    }

    /** @return the string that stands for NULL (text and csv) */
    public String nullString() {
        return nullString;
    }

    /** @return the quote character (csv) */
    public byte quote() {
        return quote;
    }

    /** @return the escape character (csv; the quote character unless ESCAPE was given) */
    public byte escape() {
        return escape;
    }

    /** @return the file's character set */
    public Charset charset() {
        return charset;
    }

    /** @return PostgreSQL's name of the file's encoding ({@code UTF8}, {@code LATIN1}) */
    public String encodingName() {
        return encodingName;
    }

    /** @return whether ON_ERROR ignore skips rows whose values do not convert */
    public boolean ignoreErrors() {
        return ignoreErrors;
    }

    /** @return whether column {@code name} is always quoted on export (FORCE_QUOTE) */
    public boolean forceQuote(String name) {
        return forceQuoteAll || forceQuote.contains(name);
    }

    /** @return whether column {@code name} never reads as NULL on import (FORCE_NOT_NULL) */
    public boolean forceNotNull(String name) {
        return forceNotNullAll || forceNotNull.contains(name);
    }

    /** @return whether a quoted NULL string also reads as NULL in column {@code name} (FORCE_NULL) */
    public boolean forceNull(String name) {
        return forceNullAll || forceNull.contains(name);
    }

    /** @return the column names given to FORCE_QUOTE, FORCE_NOT_NULL and FORCE_NULL */
    public Set<String> forcedColumns() {
        Set<String> all = new LinkedHashSet<>(forceQuote);
        all.addAll(forceNotNull);
        all.addAll(forceNull);
        return all;
    }

    /**
     * Options for a delimited reader outside COPY ({@code read_csv} with an ESCAPE different from
     * its QUOTE).
     *
     * @return CSV options with the given characters and NULL string, UTF-8, no header handling
     */
    public static CopyOptions csv(byte delimiter, byte quote, byte escape, String nullString) {
        CopyOptions o = new CopyOptions();
        o.format = Format.CSV;
        o.delimiter = delimiter;
        o.quote = quote;
        o.escape = escape;
        o.nullString = nullString;
        return o;
    }
}
