package dev.lodedb.cli;

import java.util.Locale;

/**
 * How query results are printed ({@code --format}, {@code \pset format}). The names are the ones
 * users type.
 */
public enum OutputFormat {
    /** psql's default: a table with a header, {@code |} between columns and a {@code (N rows)} footer. */
    ALIGNED,
    /** RFC 4180 CSV with a header line; NULL is an empty field, an empty string is {@code ""}. */
    CSV,
    /** One JSON array of objects, one object per row: numbers and booleans unquoted, NULL as null. */
    JSON,
    /** One JSON object per line (JSON Lines), typed as in {@link #JSON}. */
    JSONLINES,
    /** A GitHub-flavoured Markdown table. */
    MARKDOWN,
    /** psql's unaligned format: fields separated by {@code |}, a header line and a footer. */
    UNALIGNED;

    /** @return the name users type: {@code aligned}, {@code csv}, ... */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name a format name, any case (a unique prefix is accepted, as psql does)
     * @return the format
     * @throws IllegalArgumentException naming the allowed formats when {@code name} is none of them
     */
    public static OutputFormat parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        OutputFormat match = null;
        for (OutputFormat f : values()) {
            if (f.displayName().equals(n)) {
                return f;
            }
            if (!n.isEmpty() && f.displayName().startsWith(n)) {
                if (match != null) {
                    match = null;
                    break;
                }
                match = f;
            }
        }
        if (match == null) {
            throw new IllegalArgumentException("\\pset: allowed formats are aligned, csv, json, jsonlines, markdown, unaligned");
        }
        return match;
    }
}
