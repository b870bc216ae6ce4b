package dev.lodedb.sql.optimizer;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.stats.ColumnStatistics;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Selectivities from a column's statistics, as PostgreSQL's {@code selfuncs.c} computes them:
 * <ul>
 *   <li>{@code col = v}: v's frequency when it is a most common value, else the rows left over by
 *       the MCVs and NULLs spread evenly over the remaining distinct values ({@code var_eq_const});
 *       with v unknown at planning time (a parameter), {@code (1 - null_frac) / n_distinct};</li>
 *   <li>{@code col < v} (and {@code <=, >, >=}): the MCVs satisfying it plus the fraction of the
 *       histogram below v, interpolated linearly inside v's bucket for numbers and date/times
 *       (half a bucket otherwise), scaled to the rows not NULL and not MCV
 *       ({@code scalarineqsel});</li>
 *   <li>{@code col IS NULL}: {@code null_frac};</li>
 *   <li>{@code col LIKE 'abc%'}: the MCVs matching the pattern plus the histogram fraction in
 *       {@code ['abc', 'abd')} ({@code patternsel} with a prefix; a pattern without wildcards is
 *       an equality).</li>
 * </ul>
 * Thread-safe (stateless).
 */
final class ColumnSelectivity {
    private ColumnSelectivity() {
    }

    /** @return the selectivity of {@code col = value} ({@code value} of the column's type, or {@code null} when unknown) */
    static double equal(ColumnStatistics s, Object value, double rows) {
        double ndv = s.distinctCount(rows);
        if (value == null) {
            return clamp((1 - s.nullFraction()) / ndv);
        }
        List<Object> mcv = s.mostCommonValues();
        for (int i = 0; i < mcv.size(); i++) {
            if (Values.compare(s.type(), mcv.get(i), value) == 0) {
                return s.mostCommonFrequencies()[i];
            }
        }
        double rest = 1 - s.mostCommonTotal() - s.nullFraction();
        double others = ndv - mcv.size();
        if (others <= 0) {
            return clamp(Math.min(rest, smallestFrequency(s)) / 2);
        }
        return clamp(Math.min(rest / others, mcv.isEmpty() ? 1 : smallestFrequency(s)));
    }

    private static double smallestFrequency(ColumnStatistics s) {
        double[] f = s.mostCommonFrequencies();
        return f.length == 0 ? 1 : f[f.length - 1];
    }

    /** @return the selectivity of {@code col < value} ({@code orEqual}: {@code <=}), or NaN when the type has no order */
    static double below(ColumnStatistics s, Object value, boolean orEqual) {
        if (s.type().id() == TypeId.JSON) {
            return Double.NaN;
        }
        double mcvPart = 0;
        List<Object> mcv = s.mostCommonValues();
        for (int i = 0; i < mcv.size(); i++) {
            int c = Values.compare(s.type(), mcv.get(i), value);
            if (c < 0 || orEqual && c == 0) {
                mcvPart += s.mostCommonFrequencies()[i];
            }
        }
        double rest = Math.max(0, 1 - s.mostCommonTotal() - s.nullFraction());
        List<Object> h = s.histogram();
        double histPart;
        if (h.size() < 2) {
            histPart = mcv.isEmpty() ? Selectivity.OPEN_RANGE : 0.5;
        } else {
            histPart = histogramFraction(s.type(), h, value);
        }
        return clamp(mcvPart + rest * histPart);
    }

    /** @return the fraction of the histogram's values below {@code value} */
    static double histogramFraction(DataType type, List<Object> h, Object value) {
        int buckets = h.size() - 1;
        if (Values.compare(type, value, h.get(0)) <= 0) {
            return 0;
        }
        if (Values.compare(type, value, h.get(buckets)) >= 0) {
            return 1;
        }
        int lo = 0;
        int hi = buckets;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (Values.compare(type, h.get(mid), value) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double within = 0.5;
        double a = number(h.get(lo));
        double b = number(h.get(hi));
        double v = number(value);
        if (!Double.isNaN(a) && !Double.isNaN(b) && !Double.isNaN(v) && b > a) {
            within = Math.max(0, Math.min(1, (v - a) / (b - a)));
        }
        return (lo + within) / buckets;
    }

    /** @return a number for interpolation, or NaN for non-numeric values */
    private static double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof java.time.LocalDate d) {
            return d.toEpochDay();
        }
        if (v instanceof java.time.LocalDateTime t) {
            return t.toEpochSecond(java.time.ZoneOffset.UTC) + t.getNano() / 1e9;
        }
        if (v instanceof java.time.OffsetDateTime t) {
            return t.toEpochSecond() + t.getNano() / 1e9;
        }
        if (v instanceof Temporal) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Fewest histogram bounds that serve as a sample for a pattern without a fixed prefix. */
    static final int MIN_SAMPLE_BOUNDS = 20;

    /** @return the selectivity of {@code col LIKE pattern} (case-sensitive, default escape), or NaN */
    static double like(ColumnStatistics s, String pattern, double rows) {
        if (s.type().id() != TypeId.TEXT && s.type().id() != TypeId.VARCHAR) {
            return Double.NaN;
        }
        StringBuilder prefix = new StringBuilder();
        StringBuilder regex = new StringBuilder();
        boolean wildcard = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                c = pattern.charAt(++i);
                regex.append(Pattern.quote(String.valueOf(c)));
                if (!wildcard) {
                    prefix.append(c);
                }
            } else if (c == '%' || c == '_') {
                wildcard = true;
                regex.append(c == '%' ? ".*" : ".");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                if (!wildcard) {
                    prefix.append(c);
                }
            }
        }
        if (!wildcard) {
            return equal(s, prefix.toString(), rows);
        }
        Pattern p = Pattern.compile(regex.toString(), Pattern.DOTALL);
        double mcvPart = 0;
        List<Object> mcv = s.mostCommonValues();
        for (int i = 0; i < mcv.size(); i++) {
            if (p.matcher((String) mcv.get(i)).matches()) {
                mcvPart += s.mostCommonFrequencies()[i];
            }
        }
        double rest = Math.max(0, 1 - s.mostCommonTotal() - s.nullFraction());
        double histPart;
        List<Object> h = s.histogram();
        if (prefix.length() == 0) {
            // no prefix to range over: the histogram's bounds are a sample of the values that are not
            // most common, as PostgreSQL's histogram_selectivity uses them (at least one match assumed)
            if (h.size() >= MIN_SAMPLE_BOUNDS) {
                int matches = 0;
                for (Object bound : h) {
                    matches += p.matcher((String) bound).matches() ? 1 : 0;
                }
                histPart = Math.max(matches, 0.5) / h.size();
            } else {
                histPart = Selectivity.OTHER;
            }
        } else if (h.size() < 2) {
            histPart = Selectivity.CLOSED_RANGE;
        } else {
            String lo = prefix.toString();
            String hi = lo.substring(0, lo.length() - 1) + (char) (lo.charAt(lo.length() - 1) + 1);
            histPart = Math.max(histogramFraction(s.type(), h, hi) - histogramFraction(s.type(), h, lo),
                    1.0 / Math.max(1, s.distinctCount(rows)));
        }
        return clamp(mcvPart + rest * histPart);
    }

    /** @return the constant value of {@code e} converted to {@code type}, or {@code null} when unknown */
    static Object constant(BoundExpr e, DataType type) {
        while (e instanceof BoundExpr.Cast c) {
            e = c.input();
        }
        if (!(e instanceof BoundExpr.Constant k) || k.value() == null) {
            return null;
        }
        if (k.type().equals(type) || k.type().id() == type.id()) {
            return k.value();
        }
        try {
            return Values.cast(k.value(), k.type().id() == TypeId.UNKNOWN ? DataType.TEXT : k.type(), type);
        } catch (RuntimeException ex) {
            return null;
        }
    }

    static double clamp(double s) {
        return Double.isNaN(s) ? s : Math.max(1e-7, Math.min(1, s));
    }
}
