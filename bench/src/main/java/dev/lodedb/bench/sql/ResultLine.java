package dev.lodedb.bench.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine-readable summary lines of a SQL workload, one per peer:
 * <pre>RESULT workload=NAME metric=seconds|ops_per_s lode=N peer=NAME value=N ratio=R</pre>
 * (a workload that measures several things adds qualifiers after the metric, e.g. oltp's
 * {@code phase=tpcb threads=8}), where {@code ratio > 1} always means LodeDB did better: for {@link Metric#SECONDS} (lower is
 * better) it is peer seconds / LodeDB seconds, for {@link Metric#OPS_PER_S} (higher is better)
 * LodeDB ops/s / peer ops/s. A value that is missing (engine not run, failed, or incomplete)
 * prints as {@code nan}, and so does every ratio it takes part in. Seconds print with three
 * decimals, ops/s as integers, ratios with two decimals.
 */
public final class ResultLine {
    private ResultLine() {
    }

    /** What a workload measures, and which direction is better. */
    public enum Metric {
        /** Wall-clock seconds; lower is better. */
        SECONDS("seconds"),
        /** Operations per second; higher is better. */
        OPS_PER_S("ops_per_s");

        private final String text;

        Metric(String text) {
            this.text = text;
        }

        /** @return the name printed after {@code metric=} */
        public String text() {
            return text;
        }

        /**
         * @param lode LodeDB's value, or null / NaN when missing
         * @param peer the peer's value, or null / NaN when missing
         * @return how many times better LodeDB is (above 1: LodeDB better), or NaN when a value is
         *     missing or the division is undefined
         */
        public double ratio(Double lode, Double peer) {
            if (missing(lode) || missing(peer)) {
                return Double.NaN;
            }
            double num = this == SECONDS ? peer : lode;
            double den = this == SECONDS ? lode : peer;
            return den > 0 ? num / den : Double.NaN;
        }

        /** @return {@code v} formatted for this metric (3 decimals or an integer), or {@code nan} */
        public String format(Double v) {
            if (missing(v)) {
                return "nan";
            }
            return this == SECONDS ? String.format(Locale.ROOT, "%.3f", v) : Long.toString(Math.round(v));
        }
    }

    /**
     * @return one RESULT line for {@code peer}
     * @see ResultLine
     */
    public static String format(String workload, Metric metric, Double lode, String peer, Double value) {
        return format(workload, metric, "", lode, peer, value);
    }

    /**
     * @param qualifiers what the value is of within the workload, printed after the metric, e.g.
     *     {@code phase=tpcb threads=8} (oltp); empty for none
     * @return one RESULT line for {@code peer}
     */
    public static String format(String workload, Metric metric, String qualifiers, Double lode, String peer, Double value) {
        double r = metric.ratio(lode, value);
        return "RESULT workload=" + workload + " metric=" + metric.text() + (qualifiers.isEmpty() ? "" : " " + qualifiers)
                + " lode=" + metric.format(lode) + " peer=" + peer
                + " value=" + metric.format(value) + " ratio=" + (Double.isNaN(r) ? "nan" : String.format(Locale.ROOT, "%.2f", r));
    }

    /**
     * @param values per engine, in run order; an engine that ran but has no valid value maps to
     *     null or NaN; LodeDB's entry (if any) is the reference
     * @param engines every engine asked for, in order (those absent from {@code values} print
     *     as {@code nan})
     * @return one RESULT line per engine other than LodeDB, in order
     */
    public static List<String> lines(String workload, Metric metric, List<JdbcEngine> engines, Map<JdbcEngine, Double> values) {
        return lines(workload, metric, "", engines, values);
    }

    /** As {@link #lines(String, Metric, List, Map)}, with {@code qualifiers} after the metric (see {@link #format}). */
    public static List<String> lines(String workload, Metric metric, String qualifiers, List<JdbcEngine> engines,
            Map<JdbcEngine, Double> values) {
        Double lode = values.get(JdbcEngine.LODE);
        List<String> out = new ArrayList<>();
        for (JdbcEngine e : engines) {
            if (!e.isLode()) {
                out.add(format(workload, metric, qualifiers, lode, e.label(), values.get(e)));
            }
        }
        return out;
    }

    private static boolean missing(Double v) {
        return v == null || v.isNaN() || v.isInfinite();
    }
}
