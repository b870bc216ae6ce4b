package dev.lodedb.bench.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a query's JDBC result with an expected answer in the format of the TPC-H answer files
 * ({@code qN.result}): a header line {@code -- delimiter: |; ignoreOrder: false; types: T|T|...}
 * (types optional), then one line per row, fields separated by the delimiter, with or without a
 * trailing delimiter.
 *
 * <p>The rules:
 * <ul>
 * <li>the column count and the row count must match; rows compare in order (or as a multiset
 *     when the header says {@code ignoreOrder: true});</li>
 * <li>a value the driver returns as a number (or text that parses as one where the expected field
 *     does) matches when it is within 0.01 of the expected number (the answer files round some
 *     values to 2 decimal places, e.g. averages) or within a relative 1e-6 of it (large sums
 *     computed in floating point);</li>
 * <li>dates (and midnight timestamps, which DuckDB returns for {@code date ± interval}) compare
 *     as ISO text {@code YYYY-MM-DD};</li>
 * <li>strings compare exactly, except that trailing blanks are ignored on both sides when the
 *     column is {@code CHAR(n)} (blank-padded by engines such as H2 and PostgreSQL);</li>
 * <li>SQL NULL matches an empty field or {@code NULL}.</li>
 * </ul>
 * Stateless.
 */
public final class ResultComparator {
    /** Absolute tolerance of numbers: the answer files round to 2 decimal places. */
    static final BigDecimal ABSOLUTE = new BigDecimal("0.01");
    /** Relative tolerance of numbers. */
    static final double RELATIVE = 1e-6;
    private static final int MAX_MESSAGES = 10;
    private static final Pattern HEADER_FIELD = Pattern.compile("(\\w+):\\s*([^;]*)");

    private ResultComparator() {
    }

    /**
     * An expected answer, parsed.
     *
     * @param columns column count (from the header's types when present, else from the rows)
     * @param ignoreOrder whether row order is irrelevant
     * @param rows the rows' fields as text
     */
    public record Expected(int columns, boolean ignoreOrder, List<List<String>> rows) {
    }

    /**
     * A query result read through JDBC.
     *
     * @param jdbcTypes the {@link Types} code of each column
     * @param rows each row's values as {@link ResultSet#getObject} returned them
     */
    public record Actual(List<Integer> jdbcTypes, List<List<Object>> rows) {
    }

    /**
     * Parses an answer file.
     *
     * @throws IllegalArgumentException if the header is missing or rows disagree on the column count
     */
    public static Expected parse(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n")));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("--")) {
            throw new IllegalArgumentException("no '-- delimiter: ...' header line");
        }
        String delimiter = "|";
        boolean ignoreOrder = false;
        int typed = -1;
        Matcher m = HEADER_FIELD.matcher(lines.get(0).substring(2));
        while (m.find()) {
            String v = m.group(2).trim();
            switch (m.group(1)) {
                case "delimiter" -> delimiter = v;
                case "ignoreOrder" -> ignoreOrder = Boolean.parseBoolean(v);
                case "types" -> typed = v.isEmpty() ? -1 : v.split(Pattern.quote(delimiter), -1).length;
                default -> {
                    // other header fields carry nothing the comparison needs
                }
            }
        }
        List<List<String>> rows = new ArrayList<>();
        int columns = typed;
        for (int i = 1; i < lines.size(); i++) {
            List<String> f = new ArrayList<>(Arrays.asList(lines.get(i).split(Pattern.quote(delimiter), -1)));
            // a trailing delimiter leaves one empty field too many (TPC-H answers have no empty values)
            if (f.size() > 1 && f.get(f.size() - 1).isEmpty() && (columns < 0 || f.size() == columns + 1)) {
                f.remove(f.size() - 1);
            }
            if (columns < 0) {
                columns = f.size();
            } else if (f.size() != columns) {
                throw new IllegalArgumentException("line " + (i + 1) + " has " + f.size() + " fields, expected " + columns);
            }
            rows.add(List.copyOf(f));
        }
        return new Expected(Math.max(columns, 0), ignoreOrder, List.copyOf(rows));
    }

    /** Reads every row of {@code rs} (which it does not close). */
    public static Actual read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<Integer> types = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            types.add(md.getColumnType(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(rs.getObject(i));
            }
            rows.add(row);
        }
        return new Actual(types, rows);
    }

    /**
     * @return the differences between {@code actual} and {@code expected} (at most 10 messages,
     *     rows numbered from 1); empty when they match
     */
    public static List<String> compare(Expected expected, Actual actual) {
        List<String> out = new ArrayList<>();
        int cols = actual.jdbcTypes().size();
        if (cols != expected.columns()) {
            out.add("column count " + cols + ", expected " + expected.columns());
            return out;
        }
        if (actual.rows().size() != expected.rows().size()) {
            out.add("row count " + actual.rows().size() + ", expected " + expected.rows().size());
        }
        if (expected.ignoreOrder()) {
            boolean[] used = new boolean[expected.rows().size()];
            for (int r = 0; r < actual.rows().size() && out.size() < MAX_MESSAGES; r++) {
                boolean found = false;
                for (int e = 0; e < used.length && !found; e++) {
                    if (!used[e] && rowDiff(expected.rows().get(e), actual.rows().get(r), actual.jdbcTypes()) == null) {
                        used[e] = true;
                        found = true;
                    }
                }
                if (!found) {
                    out.add("row " + (r + 1) + " " + actual.rows().get(r) + " is not among the expected rows");
                }
            }
            return out;
        }
        int n = Math.min(actual.rows().size(), expected.rows().size());
        for (int r = 0; r < n && out.size() < MAX_MESSAGES; r++) {
            String d = rowDiff(expected.rows().get(r), actual.rows().get(r), actual.jdbcTypes());
            if (d != null) {
                out.add("row " + (r + 1) + ": " + d + " | expected " + String.join("|", expected.rows().get(r)) + " | got "
                        + actual.rows().get(r));
            }
        }
        return out;
    }

    /** @return null when the rows match, else which column differs */
    private static String rowDiff(List<String> expected, List<Object> actual, List<Integer> types) {
        for (int c = 0; c < expected.size(); c++) {
            if (!matches(expected.get(c), actual.get(c), types.get(c))) {
                return "column " + (c + 1) + " is " + render(actual.get(c)) + ", expected " + expected.get(c);
            }
        }
        return null;
    }

    /**
     * @param expected the answer file's text of the value
     * @param actual what the driver returned
     * @param jdbcType the column's {@link Types} code
     * @return whether they match under the rules of the class comment
     */
    public static boolean matches(String expected, Object actual, int jdbcType) {
        if (actual == null) {
            return expected.isEmpty() || expected.equalsIgnoreCase("null");
        }
        if (actual instanceof Number num) {
            BigDecimal e = number(expected);
            BigDecimal a = toBigDecimal(num);
            return e != null && a != null && numbersMatch(e, a);
        }
        if (actual instanceof java.sql.Date || actual instanceof LocalDate || actual instanceof Timestamp
                || actual instanceof LocalDateTime) {
            return expected.equals(render(actual));
        }
        if (actual instanceof Boolean b) {
            return expected.equalsIgnoreCase(b.toString()) || expected.equals(b ? "1" : "0");
        }
        String s = actual.toString();
        if (jdbcType == Types.CHAR || jdbcType == Types.NCHAR) {
            if (s.stripTrailing().equals(expected.stripTrailing())) {
                return true;
            }
        } else if (s.equals(expected)) {
            return true;
        }
        BigDecimal a = number(s);
        BigDecimal e = number(expected);
        return a != null && e != null && numbersMatch(e, a);
    }

    /** @return whether {@code a} is within 0.01 or a relative 1e-6 of {@code e} */
    static boolean numbersMatch(BigDecimal e, BigDecimal a) {
        BigDecimal diff = e.subtract(a).abs();
        if (diff.compareTo(ABSOLUTE) <= 0) {
            return true;
        }
        BigDecimal scale = e.abs().max(a.abs());
        return diff.compareTo(scale.multiply(BigDecimal.valueOf(RELATIVE), MathContext.DECIMAL64)) <= 0;
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal b) {
            return b;
        }
        if (n instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? new BigDecimal(d) : null;
        }
        return BigDecimal.valueOf(n.longValue());
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** @return how a value is shown in messages and compared as a date: dates as ISO text */
    static String render(Object v) {
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof Timestamp t) {
            return render(t.toLocalDateTime());
        }
        if (v instanceof LocalDateTime t) {
            return t.toLocalTime().toSecondOfDay() == 0 && t.getNano() == 0 ? t.toLocalDate().toString() : t.toString();
        }
        return String.valueOf(v);
    }
}
