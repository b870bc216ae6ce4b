package dev.lodedb.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.sql.ast.Statement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Parses every SQL statement of other systems' conformance suites (copied under
 * {@code src/test/resources/conformance/}) and checks that each parsed statement survives a
 * print / re-parse round trip and that every node of its tree is positioned on a token.
 *
 * <ul>
 *   <li>sqllogictest {@code select1-3.test} and {@code evidence/*.test}, read as database
 *       {@code postgresql}: 100% must parse, except SQLite-only statements listed in
 *       {@link #SQLITE_ONLY} (reported, not counted).
 *   <li>PostgreSQL 15 regression scripts: parse rate per file must stay at or above the floors
 *       in {@link #REGRESS_FLOORS}; failures are grouped by message and printed. The remaining
 *       failures are statements for objects LodeDB does not have (functions, aggregates, rules,
 *       types, domains, triggers, inheritance and partitioning, MERGE, cursors: SQLSTATE 0A000)
 *       and statements the scripts include to show PostgreSQL's own syntax errors (bad Unicode
 *       escapes, WITH as a column name, misplaced ORDER BY): SQLSTATE 42601 here as there. Run
 *       with {@code -Dlode.parser.verbose=true} to see each failure with its caret.
 * </ul>
 */
class ConformanceParseTest {

    /**
     * SQLite syntax that PostgreSQL rejects as well, so a PostgreSQL-dialect parser rightly
     * refuses it: {@code CREATE TRIGGER ... BEGIN ... END} (PostgreSQL requires
     * {@code EXECUTE FUNCTION}; LodeDB has no triggers), {@code DROP TRIGGER name} without
     * {@code ON table}, {@code REINDEX name} without {@code INDEX|TABLE}, and
     * {@code INSERT OR REPLACE} / {@code REPLACE INTO}, and an empty IN list {@code x IN ()}
     * (the SQL standard and PostgreSQL require at least one element).
     */
    private static final Map<String, Pattern> SQLITE_ONLY = Map.of(
            "empty IN list", Pattern.compile("(?is).*\\bIN\\s*\\(\\s*\\).*"),
            "CREATE TRIGGER (SQLite trigger body)", Pattern.compile("(?is)^\\s*CREATE\\s+TRIGGER\\b.*"),
            "DROP TRIGGER without ON table", Pattern.compile("(?is)^\\s*DROP\\s+TRIGGER\\b.*"),
            "REINDEX name", Pattern.compile("(?is)^\\s*REINDEX\\b.*"),
            "INSERT OR REPLACE", Pattern.compile("(?is)^\\s*INSERT\\s+OR\\s+REPLACE\\b.*"),
            "REPLACE INTO", Pattern.compile("(?is)^\\s*REPLACE\\s+INTO\\b.*"));

    private static final List<String> SQLLOGICTEST_FILES = List.of("select1.test", "select2.test",
            "select3.test", "evidence/in1.test", "evidence/in2.test", "evidence/slt_lang_aggfunc.test",
            "evidence/slt_lang_createtrigger.test", "evidence/slt_lang_createview.test",
            "evidence/slt_lang_dropindex.test", "evidence/slt_lang_droptable.test",
            "evidence/slt_lang_droptrigger.test", "evidence/slt_lang_dropview.test",
            "evidence/slt_lang_reindex.test", "evidence/slt_lang_replace.test", "evidence/slt_lang_update.test");

    /** Minimum parse rate (percent) per PostgreSQL regression script. */
    private static final Map<String, Double> REGRESS_FLOORS = new LinkedHashMap<>();

    static {
        REGRESS_FLOORS.put("boolean", 100.0);
        REGRESS_FLOORS.put("case", 82.0);
        REGRESS_FLOORS.put("select_having", 100.0);
        REGRESS_FLOORS.put("select_implicit", 100.0);
        REGRESS_FLOORS.put("int4", 100.0);
        REGRESS_FLOORS.put("int8", 100.0);
        REGRESS_FLOORS.put("text", 100.0);
        REGRESS_FLOORS.put("strings", 92.0);
        REGRESS_FLOORS.put("union", 95.0);
        REGRESS_FLOORS.put("subselect", 90.0);
        REGRESS_FLOORS.put("aggregates", 92.0);
        REGRESS_FLOORS.put("join", 95.0);
        REGRESS_FLOORS.put("with", 87.0);
        REGRESS_FLOORS.put("window", 92.0);
    }

    @Test
    void sqllogictestStatementsAllParse() {
        List<String> failures = new ArrayList<>();
        Map<String, Integer> excluded = new TreeMap<>();
        StringBuilder report = new StringBuilder("sqllogictest parse rates (database postgresql):\n");
        int total = 0;
        int parsed = 0;
        for (String file : SQLLOGICTEST_FILES) {
            int fileTotal = 0;
            int fileParsed = 0;
            for (SqlLogicTestFile.Record record : SqlLogicTestFile.records(resource("sqllogictest/" + file))) {
                String exclusion = sqliteOnly(record.sql());
                if (exclusion != null) {
                    excluded.merge(exclusion, 1, Integer::sum);
                    continue;
                }
                fileTotal++;
                String failure = parseAndRoundTrip(record.sql());
                if (failure == null) {
                    fileParsed++;
                } else {
                    failures.add(file + ":" + record.line() + ": " + failure + "\n    " + record.sql());
                }
            }
            total += fileTotal;
            parsed += fileParsed;
            report.append(String.format(Locale.ROOT, "  %-38s %5d/%5d  %6.2f%%%n", file, fileParsed, fileTotal,
                    percent(fileParsed, fileTotal)));
        }
        report.append(String.format(Locale.ROOT, "  %-38s %5d/%5d  %6.2f%%%n", "total", parsed, total,
                percent(parsed, total)));
        report.append("  excluded SQLite-only statements: ").append(excluded).append('\n');
        System.out.print(report);
        failures.stream().limit(40).forEach(f -> System.out.println("  FAIL " + f));
        assertThat(failures).as("sqllogictest statements that do not parse or round-trip").isEmpty();
        assertThat(total).isGreaterThan(5000);
    }

    @Test
    void postgresRegressionScriptsParseAboveFloor() {
        StringBuilder report = new StringBuilder("PostgreSQL 15 regression scripts, parse rates:\n");
        Map<String, Integer> categories = new TreeMap<>();
        List<String> roundTripFailures = new ArrayList<>();
        List<String> belowFloor = new ArrayList<>();
        int total = 0;
        int parsed = 0;
        for (Map.Entry<String, Double> entry : REGRESS_FLOORS.entrySet()) {
            String file = entry.getKey();
            int fileTotal = 0;
            int fileParsed = 0;
            for (PsqlScript.Statement statement : PsqlScript.statements(resource("postgres-regress/sql/" + file + ".sql"))) {
                fileTotal++;
                try {
                    Statement tree = Parser.parse(statement.sql());
                    fileParsed++;
                    String rt = AstEquality.positionFailure(tree, statement.sql());
                    if (rt == null) {
                        rt = AstEquality.roundTripFailure(tree);
                    }
                    if (rt != null) {
                        roundTripFailures.add(file + ".sql:" + statement.line() + ": " + rt);
                    }
                } catch (ParseException e) {
                    categories.merge(category(e), 1, Integer::sum);
                    if (Boolean.getBoolean("lode.parser.verbose")) {
                        System.out.println("  " + file + ".sql:" + statement.line() + " [" + e.sqlState() + "] "
                                + e.getMessage() + "\n" + e.render(statement.sql()));
                    }
                }
            }
            total += fileTotal;
            parsed += fileParsed;
            double rate = percent(fileParsed, fileTotal);
            report.append(String.format(Locale.ROOT, "  %-16s %5d/%5d  %6.2f%%  (floor %.0f%%)%n", file + ".sql",
                    fileParsed, fileTotal, rate, entry.getValue()));
            if (rate < entry.getValue()) {
                belowFloor.add(file + ": " + rate + "% < " + entry.getValue() + "%");
            }
        }
        report.append(String.format(Locale.ROOT, "  %-16s %5d/%5d  %6.2f%%%n", "total", parsed, total,
                percent(parsed, total)));
        report.append("  failures by category:\n");
        categories.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> report.append(String.format(Locale.ROOT, "    %4d  %s%n", e.getValue(), e.getKey())));
        System.out.print(report);
        roundTripFailures.stream().limit(20).forEach(f -> System.out.println("  ROUND TRIP " + f));
        assertThat(roundTripFailures).as("parsed statements whose printed form does not re-parse equal").isEmpty();
        assertThat(belowFloor).as("files below their parse-rate floor").isEmpty();
        assertThat(percent(parsed, total)).as("overall regression-script parse rate").isGreaterThanOrEqualTo(94.0);
    }

    private static String parseAndRoundTrip(String sql) {
        try {
            Statement tree = Parser.parse(sql);
            String position = AstEquality.positionFailure(tree, sql);
            if (position != null) {
                return "implausible position: " + position;
            }
            return AstEquality.roundTripFailure(tree);
        } catch (ParseException e) {
            return "[" + e.sqlState() + "] " + e.getMessage();
        }
    }

    private static String sqliteOnly(String sql) {
        for (Map.Entry<String, Pattern> e : SQLITE_ONLY.entrySet()) {
            if (e.getValue().matcher(sql).matches()) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Groups a failure: unsupported features by message, syntax errors by the offending token. */
    private static String category(ParseException e) {
        if (ParseException.FEATURE_NOT_SUPPORTED.equals(e.sqlState())) {
            return "0A000 " + e.getMessage();
        }
        return e.sqlState() + " " + e.getMessage().replaceAll("\"(.{0,30}).*\"", "\"$1\"");
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 100.0 : 100.0 * part / whole;
    }

    static String resource(String path) {
        try (InputStream in = ConformanceParseTest.class.getResourceAsStream("/conformance/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource conformance/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
