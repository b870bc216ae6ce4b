package dev.lodedb.sql.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lodedb.engine.SqlException;
import dev.lodedb.sql.ast.BooleanLiteral;
import dev.lodedb.sql.ast.ColumnRef;
import dev.lodedb.sql.ast.Explain;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.GenericOption;
import dev.lodedb.sql.ast.IntegerLiteral;
import dev.lodedb.sql.ast.StringLiteral;
import dev.lodedb.sql.exec.DataChunk;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.exec.InstrumentedOperator;
import dev.lodedb.sql.exec.Operator;
import dev.lodedb.sql.exec.PhysicalPlanner;
import dev.lodedb.sql.optimizer.CostEstimator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code EXPLAIN [ANALYZE] [VERBOSE] statement} and {@code EXPLAIN (option [value], ...)
 * statement} with PostgreSQL's options: ANALYZE (run the query and annotate every operator with
 * {@code (actual time=first..total rows=N loops=L)}, time in milliseconds averaged over loops, plus
 * peak memory and spill files of sorts, hash joins and hash aggregates, and a final
 * {@code Execution Time}), FORMAT TEXT | JSON (PostgreSQL's JSON layout: a one-element array of
 * {@code {"Plan": {"Node Type", ..., "Plans": [...]}}}), and VERBOSE, COSTS, TIMING, SUMMARY,
 * BUFFERS, SETTINGS, WAL accepted. Every operator's first line carries PostgreSQL's
 * {@code (cost=startup..total rows=N width=W)} from {@link CostEstimator} unless {@code COSTS off}. EXPLAIN ANALYZE of INSERT/UPDATE/DELETE is refused (0A000) rather than
 * executing the change. Not thread-safe (one per statement).
 */
final class ExplainExecutor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqlDatabase db;
    private final StatementExecutor executor;
    private boolean analyze;
    private boolean json;
    private boolean timing = true;
    private boolean summary;
    private boolean costs = true;
    /** The logical node of each operator, and their estimates (when COSTS is on). */
    private final java.util.Map<Operator, dev.lodedb.sql.plan.LogicalPlan> origins = new java.util.IdentityHashMap<>();
    private dev.lodedb.sql.optimizer.CostEstimator estimator;

    ExplainExecutor(SqlDatabase db, StatementExecutor executor) {
        this.db = db;
        this.executor = executor;
    }

    /**
     * @param p the prepared EXPLAIN (its plan is the explained statement's)
     * @param e the statement
     * @param params the parameter values
     * @return one text row per line (a single row with the JSON document for FORMAT JSON)
     * @throws SqlException 42601 for an unknown option, 22023 for a bad option value, 0A000 for
     *     FORMAT XML/YAML or EXPLAIN ANALYZE of a data-changing statement, and the query's own
     *     errors under ANALYZE
     */
    StatementResult run(PreparedStatementImpl p, Explain e, Object[] params) {
        options(e.options());
        summary = summary || analyze;
        if (p.queryPlan == null && p.dmlPlan == null) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "EXPLAIN of this statement is not supported",
                    null, null, e.position() + 1, null);
        }
        if (analyze && p.dmlPlan != null) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "EXPLAIN ANALYZE of " + p.dmlPlan.kind()
                    + " is not supported yet", null, "It would execute the change; EXPLAIN without ANALYZE shows its plan.",
                    e.position() + 1, null);
        }
        estimator = new dev.lodedb.sql.optimizer.CostEstimator(db.statistics());
        Operator root = PhysicalPlanner.planForExplain(p.queryPlan != null ? p.queryPlan : p.dmlPlan.source(), analyze,
                origins);
        double executionMillis = analyze ? execute(root, params) : 0;
        String top = p.dmlPlan == null ? null
                : p.dmlPlan.kind().charAt(0) + p.dmlPlan.kind().substring(1).toLowerCase(Locale.ROOT) + " on "
                        + p.dmlPlan.table().name();
        List<Object[]> rows = new ArrayList<>();
        if (json) {
            ObjectNode plan = node(root);
            if (top != null) {
                ObjectNode modify = JSON.createObjectNode().put("Node Type", "ModifyTable").put("Operation", top);
                modify.putArray("Plans").add(plan);
                plan = modify;
            }
            ArrayNode doc = JSON.createArrayNode();
            ObjectNode entry = doc.addObject();
            entry.set("Plan", plan);
            if (summary) {
                entry.put("Execution Time", round(executionMillis));
            }
            rows.add(new Object[] {doc.toPrettyString()});
        } else {
            List<String> lines = new ArrayList<>();
            if (top != null) {
                lines.add(top);
            }
            render(root, top != null ? 1 : 0, lines);
            if (summary) {
                lines.add(String.format(Locale.ROOT, "Execution Time: %.3f ms", executionMillis));
            }
            for (String l : lines) {
                rows.add(new Object[] {l});
            }
        }
        return new MaterializedResult(p.columns(), rows, rows.size(), "EXPLAIN");
    }

    private void options(List<GenericOption> options) {
        for (GenericOption o : options) {
            String n = o.name().toLowerCase(Locale.ROOT);
            switch (n) {
                case "analyze" -> analyze = bool(o);
                case "timing" -> timing = bool(o);
                case "summary" -> summary = bool(o);
                case "costs" -> costs = bool(o);
                case "verbose", "buffers", "settings", "wal", "generic_plan" -> bool(o);
                case "format" -> {
                    String f = text(o.value()).toLowerCase(Locale.ROOT);
                    switch (f) {
                        case "text" -> json = false;
                        case "json" -> json = true;
                        case "xml", "yaml" -> throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "EXPLAIN format "
                                + f.toUpperCase(Locale.ROOT) + " is not supported", null, "Use FORMAT TEXT or FORMAT JSON.",
                                o.position() + 1, null);
                        default -> throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "unrecognized value for "
                                + "EXPLAIN option \"format\": \"" + f + "\"", null, null, o.position() + 1, null);
                    }
                }
                default -> throw new SqlException(SqlException.SYNTAX_ERROR, "unrecognized EXPLAIN option \"" + n + "\"",
                        null, null, o.position() + 1, null);
            }
        }
    }

    private static boolean bool(GenericOption o) {
        if (o.value() == null) {
            return true;
        }
        String v = text(o.value()).toLowerCase(Locale.ROOT);
        switch (v) {
            case "true", "on", "1", "yes" -> {
                return true;
            }
            case "false", "off", "0", "no" -> {
                return false;
            }
            default -> throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, o.name().toLowerCase(Locale.ROOT)
                    + " requires a Boolean value", null, null, o.position() + 1, null);
        }
    }

    private static String text(Expr e) {
        if (e instanceof StringLiteral s) {
            return s.value();
        }
        if (e instanceof BooleanLiteral b) {
            return Boolean.toString(b.value());
        }
        if (e instanceof IntegerLiteral i) {
            return Long.toString(i.value());
        }
        if (e instanceof ColumnRef c && c.names().size() == 1) {
            return c.names().get(0);
        }
        return String.valueOf(e);
    }

    /** Runs the instrumented plan to the end, discarding its rows; @return wall milliseconds */
    private double execute(Operator root, Object[] params) {
        Transaction.Scope scope = executor.readScope();
        long t0 = System.nanoTime();
        try {
            ExecContext ctx = executor.context(executor.readView(scope), scope, params);
            root.open(ctx);
            try {
                DataChunk c;
                do {
                    c = root.next();
                } while (c != null);
            } finally {
                root.close();
            }
        } finally {
            executor.endRead(scope);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    /**
     * Renders an operator and its inputs as PostgreSQL's text EXPLAIN: a child under {@code ->},
     * and an operator's detail lines (the lines after the first of its description, such as an
     * index scan's {@code Index Cond}) indented under its name; under ANALYZE each operator's first
     * line ends with its actual numbers and a memory line follows where the operator reports one.
     */
    private void render(Operator op, int depth, List<String> out) {
        String indent = depth == 0 ? "" : "  ".repeat(depth - 1) + "->  ";
        String[] lines = op.describe().split("\n");
        String first = lines[0];
        CostEstimator.Estimate est = estimate(op);
        if (est != null) {
            first += String.format(Locale.ROOT, "  (cost=%.2f..%.2f rows=%.0f width=%d)", est.startup(), est.total(),
                    (double) Math.round(est.rows()), est.width());
        }
        if (op instanceof InstrumentedOperator i) {
            first += (est != null ? " " : "  ") + actual(i);
        }
        out.add(indent + first);
        String detail = " ".repeat(indent.length() + 2);
        for (int i = 1; i < lines.length; i++) {
            out.add(detail + lines[i]);
        }
        if (analyze && !op.analyze().isEmpty()) {
            out.add(detail + op.analyze());
        }
        for (Operator c : op.children()) {
            render(c, depth + 1, out);
        }
    }

    /** @return the estimate of the node {@code op} was built from, or {@code null} (COSTS off, or none known) */
    private CostEstimator.Estimate estimate(Operator op) {
        dev.lodedb.sql.plan.LogicalPlan node = costs ? origins.get(op) : null;
        return node == null ? null : estimator.estimate(node);
    }

    private String actual(InstrumentedOperator i) {
        if (timing || i.loops() == 0) {
            return i.actual();
        }
        return "(actual rows=" + Math.round((double) i.rows() / i.loops()) + " loops=" + i.loops() + ")";
    }

    /** @return PostgreSQL's JSON form of one operator and its inputs */
    private ObjectNode node(Operator op) {
        String[] lines = op.describe().split("\n");
        ObjectNode n = JSON.createObjectNode().put("Node Type", lines[0]);
        CostEstimator.Estimate est = estimate(op);
        if (est != null) {
            n.put("Startup Cost", Math.round(est.startup() * 100) / 100.0);
            n.put("Total Cost", Math.round(est.total() * 100) / 100.0);
            n.put("Plan Rows", Math.round(est.rows()));
            n.put("Plan Width", est.width());
        }
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].strip();
            int colon = l.indexOf(": ");
            if (colon > 0) {
                n.put(l.substring(0, colon), l.substring(colon + 2));
            } else {
                n.put("Detail " + i, l);
            }
        }
        if (op instanceof InstrumentedOperator i) {
            if (timing) {
                n.put("Actual Startup Time", round(i.firstMillis()));
                n.put("Actual Total Time", round(i.totalMillis()));
            }
            n.put("Actual Rows", i.loops() == 0 ? 0 : Math.round((double) i.rows() / i.loops()));
            n.put("Actual Loops", i.loops());
            if (!op.analyze().isEmpty()) {
                String a = op.analyze();
                n.put("Memory", a.startsWith("Memory: ") ? a.substring("Memory: ".length()) : a);
            }
        }
        if (!op.children().isEmpty()) {
            ArrayNode plans = n.putArray("Plans");
            for (Operator c : op.children()) {
                plans.add(node(c));
            }
        }
        return n;
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
