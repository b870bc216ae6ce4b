package dev.lodedb.sql.parser;

import java.util.List;

/**
 * Quoting of names and literals for canonical SQL output, following PostgreSQL's
 * {@code quote_identifier}: a name stays bare when it is lower case, starts with a letter or
 * underscore, continues with letters, digits, underscores or dollars, and is not a keyword other
 * than an unreserved one; otherwise it is double-quoted with embedded quotes doubled.
 *
 * <p>Thread-safe (stateless).
 */
final class SqlNames {

    private SqlNames() {
    }

    /** @return {@code name} quoted if needed to read back as the same name */
    static String quote(String name) {
        if (isSimple(name)) {
            KeywordCategory c = Keywords.category(name);
            if (c == null || c == KeywordCategory.UNRESERVED) {
                return name;
            }
        }
        return forceQuote(name);
    }

    /** @return {@code name} quoted unless it is a simple lower-case word (any keyword allowed, as after AS) */
    static String quoteLabel(String name) {
        return isSimple(name) ? name : forceQuote(name);
    }

    static String forceQuote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** @return the parts quoted as needed and joined with dots */
    static String qualified(List<String> parts) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.append('.');
            }
            out.append(quote(parts.get(i)));
        }
        return out.toString();
    }

    static boolean isSimple(String name) {
        if (name.isEmpty()) {
            return false;
        }
        char first = name.charAt(0);
        if (!((first >= 'a' && first <= 'z') || first == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$')) {
                return false;
            }
        }
        return true;
    }

    /** @return {@code value} as a standard string constant with quotes doubled */
    static String string(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
