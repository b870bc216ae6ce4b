package dev.lodedb.bench.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lodedb.bench.sql.ResultLine.Metric;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Option parsing, RESULT lines, query adaptations and the answer comparator, without a database. */
class SqlBenchTest {
    @Test
    void optionsDefaultsAndParsing() {
        SqlBenchOptions d = SqlBenchOptions.parse(new String[] {"--workload", "tpch"});
        assertEquals(List.of("tpch"), d.workloads);
        assertEquals(List.of(JdbcEngine.LODE, JdbcEngine.SQLITE, JdbcEngine.H2, JdbcEngine.DUCKDB), d.engines);
        assertEquals(1.0, d.sf);
        assertEquals(1_000_000, d.rows);
        assertEquals(1000, d.batch);
        assertEquals(1, d.threads);
        assertEquals(22, d.queries.size());
        assertTrue(d.tpchWarmup);
        assertTrue(d.nativeLoad);

        SqlBenchOptions o = SqlBenchOptions.parse(new String[] {"--workload=bulk-insert,point-select", "--sf", "0.01",
            "--rows", "10,000", "--engines", "sqlite,duckdb,sqlite", "--threads=2", "--queries", "1-3,q22", "--no-warmup",
            "--load", "jdbc", "--keep"});
        assertEquals(List.of("bulk-insert", "point-select"), o.workloads);
        assertEquals(0.01, o.sf);
        assertEquals("0.01", SqlBenchOptions.sfText(o.sf));
        assertEquals("1", SqlBenchOptions.sfText(1.0));
        assertEquals(10_000, o.rows);
        assertEquals(List.of(JdbcEngine.SQLITE, JdbcEngine.DUCKDB), o.engines);
        assertEquals(2, o.threads);
        assertEquals(List.of(1, 2, 3, 22), o.queries);
        assertEquals(0, o.warmup);
        assertFalse(o.tpchWarmup);
        assertFalse(o.nativeLoad);
        assertTrue(o.keep);
        assertEquals(SqlBenchOptions.WORKLOADS, SqlBenchOptions.parse(new String[] {"--workload", "all"}).workloads);
    }

    @Test
    void importWorkloadsTakePostgresAndSkipH2() {
        SqlBenchOptions o = SqlBenchOptions.parse(new String[] {"--workload", "import-json,import-csv", "--csv-sf", "0.5"});
        assertEquals(List.of("import-json", "import-csv"), o.workloads);
        assertEquals(List.of("lode", "duckdb", "sqlite", "postgres"), o.importEngines);
        assertEquals(0.5, o.csvSf);
        o = SqlBenchOptions.parse(new String[] {"--workload", "import-csv", "--engines", "lode,h2,postgres"});
        assertEquals(List.of("lode", "postgres"), o.importEngines);
        assertThrows(IllegalArgumentException.class, () -> SqlBenchOptions.parse(new String[] {"--workload", "import-csv", "--csv-sf", "0"}));
    }

    @Test
    void badOptionsAreRejected() {
        for (String[] bad : List.of(new String[] {}, new String[] {"--sf", "1"}, new String[] {"--workload", "tpcc"},
                new String[] {"--workload", "tpch", "--engines", "postgres"}, new String[] {"--workload", "tpch", "--sf", "0"},
                new String[] {"--workload", "tpch", "--sf", "x"}, new String[] {"--workload", "tpch", "--queries", "23"},
                new String[] {"--workload", "tpch", "--rows", "0"}, new String[] {"--workload", "tpch", "--threads"},
                new String[] {"--workload", "tpch", "--load", "fast"}, new String[] {"--workload", "tpch", "--frobnicate", "1"})) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqlBenchOptions.parse(bad),
                    Arrays.toString(bad));
            assertFalse(e.getMessage().isEmpty(), Arrays.toString(bad));
        }
        assertEquals("", assertThrows(IllegalArgumentException.class,
                () -> SqlBenchOptions.parse(new String[] {"--help"})).getMessage());
    }

    @Test
    void resultLineRatioMeansLodeIsBetterAboveOne() {
        // seconds: lower is better, ratio = peer / lode
        assertEquals("RESULT workload=tpch metric=seconds lode=10.000 peer=duckdb value=25.000 ratio=2.50",
                ResultLine.format("tpch", Metric.SECONDS, 10.0, "duckdb", 25.0));
        assertEquals("RESULT workload=bulk-insert metric=seconds lode=4.000 peer=sqlite value=2.000 ratio=0.50",
                ResultLine.format("bulk-insert", Metric.SECONDS, 4.0, "sqlite", 2.0));
        // ops/s: higher is better, ratio = lode / peer
        assertEquals("RESULT workload=point-select metric=ops_per_s lode=150000 peer=h2 value=100000 ratio=1.50",
                ResultLine.format("point-select", Metric.OPS_PER_S, 150_000.2, "h2", 100_000.0));
        assertEquals("RESULT workload=point-select metric=ops_per_s lode=50000 peer=h2 value=100000 ratio=0.50",
                ResultLine.format("point-select", Metric.OPS_PER_S, 50_000.0, "h2", 100_000.0));
        // missing or incomplete values print as nan, and so does the ratio
        assertEquals("RESULT workload=tpch metric=seconds lode=nan peer=sqlite value=3.250 ratio=nan",
                ResultLine.format("tpch", Metric.SECONDS, null, "sqlite", 3.25));
        assertEquals("RESULT workload=tpch metric=seconds lode=1.000 peer=h2 value=nan ratio=nan",
                ResultLine.format("tpch", Metric.SECONDS, 1.0, "h2", Double.NaN));
        assertEquals(Double.NaN, Metric.SECONDS.ratio(0.0, 1.0));
    }

    @Test
    void oneResultLinePerPeerInOrder() {
        List<String> lines = ResultLine.lines("tpch", Metric.SECONDS,
                List.of(JdbcEngine.LODE, JdbcEngine.SQLITE, JdbcEngine.H2, JdbcEngine.DUCKDB),
                Map.of(JdbcEngine.LODE, 2.0, JdbcEngine.SQLITE, 4.0, JdbcEngine.DUCKDB, 1.0));
        assertEquals(List.of(
                "RESULT workload=tpch metric=seconds lode=2.000 peer=sqlite value=4.000 ratio=2.00",
                "RESULT workload=tpch metric=seconds lode=2.000 peer=h2 value=nan ratio=nan",
                "RESULT workload=tpch metric=seconds lode=2.000 peer=duckdb value=1.000 ratio=0.50"), lines);
        assertEquals(Metric.OPS_PER_S, SqlBenchMain.metric("point-select"));
        assertEquals(Metric.SECONDS, SqlBenchMain.metric("bulk-insert"));
    }

    @Test
    void lodeAndDuckDbRunTheQueryTextsUnchanged() {
        for (int q : TpchQueries.ALL) {
            String text = TpchQueries.text(q);
            assertFalse(text.startsWith("--"), "Q" + q);
            assertEquals(String.join("", TpchQueries.statements(JdbcEngine.LODE, q)).replaceAll("\\s", ""),
                    text.replace(";", "").replaceAll("\\s", ""), "Q" + q);
            assertEquals(TpchQueries.statements(JdbcEngine.LODE, q), TpchQueries.statements(JdbcEngine.DUCKDB, q));
        }
        assertEquals(2, TpchQueries.statements(JdbcEngine.LODE, 15).size());
        assertEquals(List.of("DROP VIEW revenue"), TpchQueries.cleanup(15));
    }

    @Test
    void sqliteAdaptationsLeaveNoDateTypeOrIntervalSyntax() {
        Pattern unsupported = Pattern.compile("(?i)\\bINTERVAL\\b|DATE\\s*'|\\bextract\\s*\\(|decimal\\s*'|OR\\s+REPLACE");
        for (int q : TpchQueries.ALL) {
            String sql = String.join(";\n", TpchQueries.statements(JdbcEngine.SQLITE, q));
            assertFalse(unsupported.matcher(sql).find(), "Q" + q + ":\n" + sql);
        }
        String q1 = TpchQueries.statements(JdbcEngine.SQLITE, 1).get(0);
        assertTrue(q1.contains("l_shipdate <= date('1998-12-01', '-90 day')"), q1);
        assertTrue(TpchQueries.statements(JdbcEngine.SQLITE, 6).get(0).contains("BETWEEN 0.05 AND 0.07"));
        assertTrue(TpchQueries.statements(JdbcEngine.SQLITE, 7).get(0).contains("CAST(strftime('%Y', l_shipdate) AS INTEGER)"));
        assertTrue(TpchQueries.statements(JdbcEngine.SQLITE, 20).get(0).contains("date('1994-01-01', '+1 year')"));
        String q13 = TpchQueries.statements(JdbcEngine.SQLITE, 13).get(0);
        assertTrue(q13.contains("count(o_orderkey) AS c_count") && !q13.contains("c_orders (c_custkey"), q13);
        String h2q20 = TpchQueries.statements(JdbcEngine.H2, 20).get(0);
        assertTrue(h2q20.contains("l_shipdate >= DATE '1994-01-01'") && !h2q20.contains("date('"), h2q20);
    }

    @Test
    void answerFilesParseWithOrWithoutTrailingDelimiters() {
        ResultComparator.Expected e = ResultComparator.parse(String.join("\n",
                "-- delimiter: |; ignoreOrder: false;",
                "A|F|380456|14876",
                "N|F|8971.00|348|",
                ""));
        assertEquals(4, e.columns());
        assertEquals(List.of("N", "F", "8971.00", "348"), e.rows().get(1));
        ResultComparator.Expected typed = ResultComparator.parse("-- delimiter: |; ignoreOrder: true; types: BIGINT|DATE\n1|1995-03-11|\n");
        assertEquals(2, typed.columns());
        assertTrue(typed.ignoreOrder());
        assertThrows(IllegalArgumentException.class, () -> ResultComparator.parse("1|2\n"));
        assertThrows(IllegalArgumentException.class, () -> ResultComparator.parse("-- delimiter: |\n1|2\n1|2|3\n"));
        for (int q : TpchQueries.ALL) {
            assertFalse(ResultComparator.parse(TpchAnswersTest.resource("/tpch/q" + q + ".result")).rows().isEmpty(), "Q" + q);
        }
    }

    @Test
    void valuesCompareByTypeWithTolerances() {
        assertTrue(ResultComparator.matches("380456", new BigDecimal("380456.00"), Types.DECIMAL));
        assertTrue(ResultComparator.matches("25.58", 25.5799428, Types.DOUBLE)); // rounded to 2 places in the file
        assertTrue(ResultComparator.matches("526165934.000839", 526165934.0008391, Types.DOUBLE));
        assertTrue(ResultComparator.matches("1029418531.523350", 1029418531.52, Types.DOUBLE)); // relative 1e-6
        assertFalse(ResultComparator.matches("0.05", 0.07, Types.DOUBLE));
        assertFalse(ResultComparator.matches("1029418531.523350", 1029428531.52, Types.DOUBLE)); // 1e-5 off
        assertTrue(ResultComparator.matches("14876", 14876L, Types.BIGINT));
        assertFalse(ResultComparator.matches("14876", 14877, Types.INTEGER));
        assertFalse(ResultComparator.matches("ALGERIA", 3, Types.INTEGER));
        assertTrue(ResultComparator.matches("1995-03-11", java.sql.Date.valueOf("1995-03-11"), Types.DATE));
        assertTrue(ResultComparator.matches("1995-03-11", LocalDate.of(1995, 3, 11), Types.DATE));
        assertTrue(ResultComparator.matches("1995-03-11", java.sql.Timestamp.valueOf("1995-03-11 00:00:00"), Types.TIMESTAMP));
        assertTrue(ResultComparator.matches("1995-03-11", "1995-03-11", Types.VARCHAR)); // SQLite's text dates
        assertTrue(ResultComparator.matches("FRANCE", "FRANCE                   ", Types.CHAR));
        assertFalse(ResultComparator.matches("FRANCE", "FRANCE ", Types.VARCHAR));
        assertTrue(ResultComparator.matches("even notornis above the unusual ", "even notornis above the unusual ", Types.VARCHAR));
        assertTrue(ResultComparator.matches("", null, Types.VARCHAR));
        assertFalse(ResultComparator.matches("1", null, Types.INTEGER));
    }

    @Test
    void comparatorReportsCountsAndRows() {
        ResultComparator.Expected e = ResultComparator.parse("-- delimiter: |; ignoreOrder: false;\nA|1.50\nB|2\n");
        List<Integer> types = List.of(Types.CHAR, Types.DECIMAL);
        assertEquals(List.of(), ResultComparator.compare(e, new ResultComparator.Actual(types,
                List.of(List.of("A ", new BigDecimal("1.5")), List.of("B", 2.004)))));
        List<String> swapped = ResultComparator.compare(e, new ResultComparator.Actual(types,
                List.of(List.of("B", 2), List.of("A", 1.5))));
        assertEquals(2, swapped.size(), swapped.toString());
        assertTrue(swapped.get(0).startsWith("row 1: column 1"), swapped.toString());
        assertEquals(List.of("row count 1, expected 2"), ResultComparator.compare(e, new ResultComparator.Actual(types,
                List.of(List.of("A", 1.5)))));
        assertEquals(List.of("column count 1, expected 2"), ResultComparator.compare(e, new ResultComparator.Actual(
                List.of(Types.CHAR), List.of())));
        ResultComparator.Expected unordered = ResultComparator.parse("-- delimiter: |; ignoreOrder: true;\nA|1.50\nB|2\n");
        assertEquals(List.of(), ResultComparator.compare(unordered, new ResultComparator.Actual(types,
                List.of(List.of("B", 2), List.of("A", 1.5)))));
    }

    @Test
    void decimalsAreExactCents() {
        assertEquals(new BigDecimal("24710.35"), TpchLoader.decimal(24710.35));
        assertEquals(new BigDecimal("0.07"), TpchLoader.decimal(0.07));
        assertEquals(new BigDecimal("-999.99"), TpchLoader.decimal(-999.99));
    }

    @Test
    void engineUrls() {
        assertEquals(JdbcEngine.LODE, JdbcEngine.forUrl("jdbc:lode:mem:tpch"));
        assertEquals("jdbc:lode:mem:tpch", JdbcEngine.LODE.memUrl("tpch"));
        assertTrue(JdbcEngine.LODE.fileUrl(java.nio.file.Path.of("/tmp/x")).equals("jdbc:lode:/tmp/x"));
        assertTrue(JdbcEngine.H2.fileUrl(java.nio.file.Path.of("/tmp/x")).startsWith("jdbc:h2:file:/tmp/x/bench;"));
        for (JdbcEngine e : JdbcEngine.values()) {
            assertEquals(e, JdbcEngine.forUrl(e.memUrl("n")));
            assertEquals(e, JdbcEngine.forUrl(e.fileUrl(java.nio.file.Path.of("/tmp/x"))));
            assertEquals(e, JdbcEngine.parse(e.label().toUpperCase(java.util.Locale.ROOT)));
        }
        assertTrue(JdbcEngine.SQLITE.driverAvailable() && JdbcEngine.H2.driverAvailable() && JdbcEngine.DUCKDB.driverAvailable());
    }
}
