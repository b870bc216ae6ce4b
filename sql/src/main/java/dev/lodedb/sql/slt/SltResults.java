package dev.lodedb.sql.slt;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders and compares query results the way SQLite's reference sqllogictest runner does
 * ({@code src/sqllogictest.c}, {@code src/slt_sqlite.c}): each value is rendered by the column's
 * declared type ({@code I}: integer, truncating a float, {@code %d}; {@code R}: {@code %.3f};
 * {@code T}: text, {@code (empty)} for the empty string, {@code @} for each unprintable
 * character), NULL as {@code NULL}; values are sorted per the sort mode by C string order; a
 * result of more values than the hash threshold is compared by the MD5 of its values, each
 * followed by a newline.
 *
 * <p>Stateless and thread-safe.
 */
public final class SltResults {
    private static final Pattern HASH_LINE = Pattern.compile("(\\d+) values hashing to ([0-9a-f]{32})");
    private static final Comparator<String> C_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private SltResults() {
    }

    /**
     * Renders one value by declared column type.
     *
     * @param value a Java value from the engine (Number, Boolean, String, other via toString), or null
     * @param type {@code 'I'}, {@code 'R'} or {@code 'T'}
     */
    public static String render(Object value, char type) {
        if (value == null) {
            return "NULL";
        }
        switch (type) {
            case 'I' -> {
                if (value instanceof Boolean b) {
                    return b ? "1" : "0";
                }
                if (value instanceof Number n) {
                    if (n instanceof BigDecimal d) {
                        return d.toBigInteger().toString();
                    }
                    return Long.toString(n.longValue());
                }
                return Long.toString(leadingInteger(value.toString()));
            }
            case 'R' -> {
                double d;
                if (value instanceof Number n) {
                    d = n.doubleValue();
                } else if (value instanceof Boolean b) {
                    d = b ? 1 : 0;
                } else {
                    try {
                        d = Double.parseDouble(value.toString().trim());
                    } catch (NumberFormatException e) {
                        d = 0;
                    }
                }
                return String.format(Locale.ROOT, "%.3f", d);
            }
            default -> {
                String s = value instanceof Boolean b ? (b ? "true" : "false") : value.toString();
                if (s.isEmpty()) {
                    return "(empty)";
                }
                StringBuilder sb = new StringBuilder(s.length());
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    sb.append(c < 0x20 || c > 0x7e ? '@' : c);
                }
                return sb.toString();
            }
        }
    }

    /** SQLite's integer conversion of text: the leading integer, 0 if none. */
    private static long leadingInteger(String s) {
        String t = s.trim();
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            i++;
        }
        int start = i;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == start) {
            return 0;
        }
        try {
            return Long.parseLong(t.substring(0, i));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Renders a result and orders its values as the sort mode says.
     *
     * @param rows the rows, each with {@code types.length()} values
     * @return the values, row-major
     */
    public static List<String> renderSorted(List<List<Object>> rows, String types, SltRecord.SortMode mode) {
        List<String[]> rendered = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            String[] r = new String[row.size()];
            for (int c = 0; c < r.length; c++) {
                r[c] = render(row.get(c), c < types.length() ? types.charAt(c) : 'T');
            }
            rendered.add(r);
        }
        if (mode == SltRecord.SortMode.ROWSORT) {
            rendered.sort((a, b) -> {
                for (int c = 0; c < Math.min(a.length, b.length); c++) {
                    int x = C_ORDER.compare(a[c], b[c]);
                    if (x != 0) {
                        return x;
                    }
                }
                return Integer.compare(a.length, b.length);
            });
        }
        List<String> values = new ArrayList<>();
        for (String[] r : rendered) {
            values.addAll(Arrays.asList(r));
        }
        if (mode == SltRecord.SortMode.VALUESORT) {
            values.sort(C_ORDER);
        }
        return values;
    }

    /** @return lowercase hex MD5 of the values, each followed by {@code \n} */
    public static String hash(List<String> values) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            for (String v : values) {
                md.update(v.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    /**
     * Compares a result with a query's expectation.
     *
     * @param columnCount the number of columns the engine returned
     * @param hashThreshold results with more values than this compare by hash (0 = never)
     * @return {@code null} when they match, else a one-line description of the difference
     */
    public static String compare(SltRecord.Query q, int columnCount, List<List<Object>> rows, int hashThreshold) {
        if (columnCount != q.types().length()) {
            return "expected " + q.types().length() + " columns, got " + columnCount;
        }
        List<String> values = renderSorted(rows, q.types(), q.sortMode());
        List<String> expected = q.expected();
        if (expected.size() == 1) {
            Matcher m = HASH_LINE.matcher(expected.get(0));
            if (m.matches()) {
                String got = values.size() + " values hashing to " + hash(values);
                return got.equals(expected.get(0)) ? null : "expected " + expected.get(0) + ", got " + got;
            }
        }
        if (values.equals(expected)) {
            return null;
        }
        if (hashThreshold > 0 && values.size() > hashThreshold) {
            return "expected " + expected.size() + " values, got " + values.size() + " values hashing to " + hash(values);
        }
        return "expected " + abbreviate(expected) + ", got " + abbreviate(values);
    }

    private static String abbreviate(List<String> values) {
        List<String> head = values.size() > 12 ? values.subList(0, 12) : values;
        return head + (values.size() > 12 ? " ... (" + values.size() + " values)" : "");
    }
}
