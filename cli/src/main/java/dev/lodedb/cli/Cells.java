package dev.lodedb.cli;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import org.jline.utils.WCWidth;

/** Text forms and display widths of result values. Stateless and thread-safe. */
final class Cells {
    private Cells() {
    }

    /** @return the value in PostgreSQL's text output form, or {@code null} for SQL NULL */
    static String text(DataType type, Object value) {
        return value == null ? null : Values.format(type, value);
    }

    /** @return whether values of {@code type} are numbers (right-aligned, unquoted in JSON) */
    static boolean isNumeric(DataType type) {
        TypeId id = type.id();
        return id == TypeId.SMALLINT || id == TypeId.INTEGER || id == TypeId.BIGINT || id == TypeId.REAL
                || id == TypeId.DOUBLE || id == TypeId.NUMERIC;
    }

    /** @return the number of terminal columns {@code s} occupies (East Asian wide characters count 2) */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return w;
    }

    /** @return {@code s} followed by spaces up to {@code width} columns */
    static String padRight(String s, int width) {
        int w = width(s);
        return w >= width ? s : s + " ".repeat(width - w);
    }

    /** @return spaces up to {@code width} columns, then {@code s} */
    static String padLeft(String s, int width) {
        int w = width(s);
        return w >= width ? s : " ".repeat(width - w) + s;
    }

    /** @return {@code s} centered in {@code width} columns (extra space on the right) */
    static String center(String s, int width) {
        int w = width(s);
        if (w >= width) {
            return s;
        }
        int left = (width - w) / 2;
        return " ".repeat(left) + s + " ".repeat(width - w - left);
    }

    /** @return psql's footer: {@code (1 row)}, {@code (N rows)} */
    static String rowCountFooter(long rows) {
        return rows == 1 ? "(1 row)" : "(" + rows + " rows)";
    }
}
