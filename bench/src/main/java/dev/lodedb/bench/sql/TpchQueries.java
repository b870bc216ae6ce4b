package dev.lodedb.bench.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The 22 TPC-H queries, as the classpath resources {@code /tpch/q1.sql} .. {@code q22.sql} (see
 * {@code bench/src/main/resources/tpch/README.md} for their origin), split into statements and
 * adapted to an engine's dialect where it truly differs from the PostgreSQL-compatible text.
 * LodeDB always runs the text unchanged.
 *
 * <p>The adaptations, all of them:
 * <ul>
 * <li><b>SQLite</b> has no date type, date literals, intervals or EXTRACT (dates are stored as
 *     ISO-8601 text, see {@link JdbcEngine#bindDate}):
 *     <ol>
 *     <li>{@code DATE 'd' ± INTERVAL 'n' UNIT} and {@code date('d') ± interval 'n' UNIT} become
 *         {@code date('d', '±n UNIT')} (Q1, Q4, Q5, Q6, Q10, Q12, Q14, Q15, Q20);</li>
 *     <li>any other {@code DATE 'd'} becomes the text {@code 'd'} (ISO text compares as the dates
 *         do) (Q3, Q7, Q8, Q10 ...);</li>
 *     <li>{@code extract(YEAR FROM col)} becomes {@code CAST(strftime('%Y', col) AS INTEGER)}
 *         (Q7, Q8, Q9);</li>
 *     <li>Q13's derived column list {@code AS c_orders (c_custkey, c_count)} is not supported:
 *         the inner {@code count(o_orderkey)} is aliased {@code c_count} instead;</li>
 *     <li>typed literals {@code decimal '0.06'} are not supported, and SQLite's numbers are
 *         binary floating point, in which {@code 0.06 + 0.01} is 0.06999999999999999 and Q6 would
 *         drop every row with discount 0.07: {@code decimal 'a' ± decimal 'b'} becomes the exact
 *         result as a literal ({@code BETWEEN 0.05 AND 0.07}, as the TPC-H specification's own Q6
 *         substitutes it), any other {@code decimal 'x'} becomes {@code x} (Q6);</li>
 *     <li>{@code CREATE OR REPLACE VIEW} is not supported: Q15 uses {@code CREATE VIEW} (the
 *         harness drops the view after every run of Q15 on every engine, so it never exists
 *         beforehand).</li>
 *     </ol></li>
 * <li><b>H2</b> has no {@code date(text)} function: Q20's {@code date('1994-01-01')} becomes
 *     {@code DATE '1994-01-01'}; it has no typed literal {@code decimal '0.06'}: Q6 uses
 *     {@code 0.06}; and {@code VALUE} is one of its keywords (Q11's alias {@code value}): rather
 *     than change the text, H2 databases are opened with {@code NON_KEYWORDS=VALUE}
 *     ({@link JdbcEngine}).</li>
 * <li><b>DuckDB</b> runs the text unchanged.</li>
 * </ul>
 * The leading {@code -- database: presto ...} comment line of each file is dropped for every
 * engine (it is not part of the query).
 */
public final class TpchQueries {
    /** Query numbers 1 to 22. */
    public static final List<Integer> ALL = IntStream.rangeClosed(1, 22).boxed().toList();

    private static final Pattern DATE_PLUS_INTERVAL = Pattern.compile(
            "(?:DATE\\s*'(\\d{4}-\\d{2}-\\d{2})'|date\\s*\\(\\s*'(\\d{4}-\\d{2}-\\d{2})'\\s*\\))\\s*([+-])\\s*INTERVAL\\s*'(\\d+)'\\s*(YEAR|MONTH|DAY)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE_LITERAL = Pattern.compile("DATE\\s*'(\\d{4}-\\d{2}-\\d{2})'", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE_FUNCTION = Pattern.compile("date\\s*\\(\\s*'(\\d{4}-\\d{2}-\\d{2})'\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DECIMAL_LITERAL = Pattern.compile("decimal\\s*'(-?\\d+(?:\\.\\d+)?)'", Pattern.CASE_INSENSITIVE);
    private static final Pattern DECIMAL_ARITHMETIC = Pattern.compile(
            "decimal\\s*'(-?\\d+(?:\\.\\d+)?)'\\s*([+-])\\s*decimal\\s*'(-?\\d+(?:\\.\\d+)?)'", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXTRACT_YEAR = Pattern.compile("extract\\s*\\(\\s*YEAR\\s+FROM\\s+(\\w+)\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern Q13_COLUMN_LIST = Pattern.compile("AS\\s+c_orders\\s*\\(\\s*c_custkey\\s*,\\s*c_count\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern Q13_COUNT = Pattern.compile("count\\(o_orderkey\\)", Pattern.CASE_INSENSITIVE);

    private TpchQueries() {
    }

    /**
     * @return the unchanged text of query {@code n} (the PostgreSQL-compatible one LodeDB runs),
     *     without its leading comment line
     */
    public static String text(int n) {
        check(n);
        String path = "/tpch/q" + n + ".sql";
        try (InputStream in = TpchQueries.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            StringBuilder sb = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (!line.stripLeading().startsWith("--")) {
                    sb.append(line).append('\n');
                }
            }
            return sb.toString().strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return the statements of query {@code n} for {@code engine}, adapted as the class comment
     *     lists; all but the last prepare (Q15 creates a view), the last returns the answer
     */
    public static List<String> statements(JdbcEngine engine, int n) {
        String sql = adapt(engine, n, text(n));
        List<String> out = new ArrayList<>();
        for (String s : sql.split(";")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** @return statements that undo what query {@code n} leaves behind (Q15's view), run untimed */
    public static List<String> cleanup(int n) {
        return n == 15 ? List.of("DROP VIEW revenue") : List.of();
    }

    /** @return {@code sql} (the text of query {@code n}) adapted to {@code engine} */
    static String adapt(JdbcEngine engine, int n, String sql) {
        switch (engine) {
            case SQLITE -> {
                sql = replaceAll(DATE_PLUS_INTERVAL, sql, m -> "date('" + (m.group(1) != null ? m.group(1) : m.group(2)) + "', '"
                        + m.group(3) + m.group(4) + " " + m.group(5).toLowerCase(Locale.ROOT) + "')");
                sql = replaceAll(DATE_LITERAL, sql, m -> "'" + m.group(1) + "'");
                sql = replaceAll(EXTRACT_YEAR, sql, m -> "CAST(strftime('%Y', " + m.group(1) + ") AS INTEGER)");
                sql = replaceAll(DECIMAL_ARITHMETIC, sql, m -> {
                    BigDecimal a = new BigDecimal(m.group(1));
                    BigDecimal b = new BigDecimal(m.group(3));
                    return (m.group(2).equals("+") ? a.add(b) : a.subtract(b)).toPlainString();
                });
                sql = replaceAll(DECIMAL_LITERAL, sql, m -> m.group(1));
                if (n == 13) {
                    sql = replaceAll(Q13_COLUMN_LIST, sql, m -> "AS c_orders");
                    sql = replaceAll(Q13_COUNT, sql, m -> "count(o_orderkey) AS c_count");
                }
                if (n == 15) {
                    sql = sql.replaceFirst("(?i)CREATE\\s+OR\\s+REPLACE\\s+VIEW", "CREATE VIEW");
                }
            }
            case H2 -> {
                sql = replaceAll(DATE_FUNCTION, sql, m -> "DATE '" + m.group(1) + "'");
                sql = replaceAll(DECIMAL_LITERAL, sql, m -> m.group(1));
            }
            case LODE, DUCKDB -> {
                // unchanged
            }
        }
        return sql;
    }

    private static String replaceAll(Pattern p, String s, Function<MatchResult, String> f) {
        return p.matcher(s).replaceAll(m -> Matcher.quoteReplacement(f.apply(m)));
    }

    /**
     * Parses a list of query numbers such as {@code 1,3,6} or {@code 1-5,22}.
     *
     * @throws IllegalArgumentException for a number outside 1-22 or a bad range
     */
    public static List<Integer> parseList(String csv) {
        List<Integer> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            String p = part.trim().replaceFirst("(?i)^q", "");
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            int lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
            int hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1).trim().replaceFirst("(?i)^q", ""));
            if (hi < lo) {
                throw new IllegalArgumentException("bad query range " + part);
            }
            for (int q = lo; q <= hi; q++) {
                check(q);
                if (!out.contains(q)) {
                    out.add(q);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no query given");
        }
        return out;
    }

    private static void check(int n) {
        if (n < 1 || n > 22) {
            throw new IllegalArgumentException("TPC-H has queries 1 to 22, not " + n);
        }
    }
}
