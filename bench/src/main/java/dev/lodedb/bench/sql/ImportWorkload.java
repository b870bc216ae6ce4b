package dev.lodedb.bench.sql;

import io.trino.tpch.LineItem;
import io.trino.tpch.LineItemGenerator;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The import workloads: how long each engine takes to turn a file into a table, each the way its
 * users would do it.
 * <ul>
 * <li>{@code import-json}: the 135,233 cities of {@code examples/cities/cities.json.gz} (one JSON
 * array, gzip) into a table {@code cities} with the columns of the documents ({@code loc}, a
 * GeoJSON object, as JSON).
 * <li>{@code import-csv}: TPC-H {@code lineitem} at scale factor {@code --csv-sf} (default 1.7:
 * about 10.2 million rows, 1.3 GB) as a CSV file with a header, generated once by
 * {@code io.trino.tpch} (untimed), into the TPC-H {@code lineitem} table (with its primary key).
 * </ul>
 * Engines ({@code --engines}, default {@code lode,duckdb,sqlite,postgres}):
 * <ul>
 * <li>{@code lode}: through JDBC, {@code CREATE TABLE cities AS SELECT * FROM read_json(file)}
 * and {@code COPY lineitem FROM file (FORMAT csv, HEADER)}; commits durable (fsync).
 * <li>{@code duckdb}: through JDBC, the same two statements (its {@code read_json} and its
 * {@code COPY}, which is {@code read_csv}).
 * <li>{@code sqlite}: the {@code sqlite3} command-line shell (Debian's), WAL mode: {@code .import
 * --csv --skip 1}, and for JSON {@code INSERT ... SELECT ... FROM json_each(readfile(file))} on the
 * decompressed file (decompressed untimed: the shell cannot read gzip).
 * <li>{@code postgres}: a private local server ({@link PostgresServer}, defaults: fsync on),
 * {@code psql}: server-side {@code COPY lineitem FROM file (FORMAT csv, HEADER)}; for JSON,
 * {@code COPY} of the decompressed newline-delimited documents into a {@code jsonb} column, then
 * {@code CREATE TABLE cities AS SELECT (doc->>'cityId')::bigint, ...} (both timed).
 * </ul>
 * Every engine gets a fresh database; the timed span is the import statement(s) including the
 * table's creation and the commit; each import is checked by counting the rows afterwards.
 * Metric: seconds, lower is better.
 */
public final class ImportWorkload {
    /** Engines of the import workloads when {@code --engines} is not given. */
    public static final List<String> DEFAULT_ENGINES = List.of("lode", "duckdb", "sqlite", "postgres");
    /** The cities file, relative to the repository root (where bench.sh runs). */
    static final Path CITIES = Path.of("examples", "cities", "cities.json.gz");
    /** Rows of the cities file. */
    static final long CITIES_ROWS = 135_233;

    private static final String[] CITY_COLUMNS = {"cityId", "name", "altName", "country", "featureCode", "adminCode",
            "population", "loc"};

    private ImportWorkload() {
    }

    /**
     * Runs {@code import-json} or {@code import-csv} on every engine asked for.
     *
     * @param workload {@code import-json} or {@code import-csv}
     * @return seconds per engine label (an engine that failed is absent)
     */
    public static Map<String, Double> run(String workload, SqlBenchOptions o, Path dataDir) {
        boolean json = workload.equals("import-json");
        Map<String, Double> out = new LinkedHashMap<>();
        Path input;
        long expectedRows;
        try {
            if (json) {
                input = CITIES.toAbsolutePath();
                if (!Files.isRegularFile(input)) {
                    throw new IllegalStateException("missing " + CITIES + " (run from the repository root)");
                }
                expectedRows = CITIES_ROWS;
            } else {
                Path dir = o.dataDir != null ? o.dataDir : dataDir;
                input = dir.resolve("lineitem-sf" + SqlBenchOptions.sfText(o.csvSf) + ".csv").toAbsolutePath();
                expectedRows = generateLineitem(input, o.csvSf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf(Locale.ROOT, "# input %s (%,d bytes, %,d rows)%n", input, size(input), expectedRows);
        for (String engine : o.importEngines) {
            Path dir = SqlBench.freshDir(dataDir, engine);
            try {
                long t0 = System.nanoTime();
                String how = switch (engine) {
                    case "lode", "duckdb" -> jdbc(JdbcEngine.parse(engine), dir, json, input, expectedRows);
                    case "sqlite" -> sqlite(dir, json, input, expectedRows, dataDir);
                    case "postgres" -> postgres(dir, json, input, expectedRows, dataDir);
                    default -> throw new IllegalArgumentException("no import for engine " + engine);
                };
                long nanos = System.nanoTime() - t0 - setupNanos;
                double s = SqlBench.seconds(nanos);
                out.put(engine, s);
                System.out.printf(Locale.ROOT, "%-8s imported %,d rows in %.3f s = %,.0f rows/s (%s)%n", engine, expectedRows, s,
                        expectedRows / s, how);
            } catch (RuntimeException | SQLException | IOException e) {
                System.out.printf(Locale.ROOT, "%-8s FAILED: %s%n", engine, e.getMessage());
            } finally {
                setupNanos = 0;
                if (!o.keep) {
                    SqlBench.deleteRecursively(dir);
                }
            }
            System.out.flush();
        }
        return out;
    }

    /** Untimed preparation inside an engine's measured span (e.g. starting a server), subtracted. */
    private static long setupNanos;

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String jdbc(JdbcEngine e, Path dir, boolean json, Path input, long expectedRows) throws SQLException {
        long t = System.nanoTime();
        try (Connection c = e.connect(e.fileUrl(dir)); Statement s = c.createStatement()) {
            setupNanos += System.nanoTime() - t;
            String file = input.toString().replace("'", "''");
            if (json) {
                s.execute("CREATE TABLE cities AS SELECT * FROM read_json('" + file + "')");
            } else {
                s.execute(TpchLoader.ddl().get(TpchLoader.TABLES.indexOf("lineitem")));
                s.execute("COPY lineitem FROM '" + file + "' (FORMAT csv, HEADER true)");
            }
            long t1 = System.nanoTime();
            check(count(s, json ? "cities" : "lineitem"), expectedRows);
            setupNanos += System.nanoTime() - t1;
            return json ? "CREATE TABLE AS SELECT * FROM read_json, JDBC" : "COPY FROM (FORMAT csv), JDBC";
        }
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void check(long rows, long expected) {
        if (rows != expected) {
            throw new IllegalStateException("imported " + rows + " rows, expected " + expected);
        }
    }

    private static String sqlite(Path dir, boolean json, Path input, long expectedRows, Path dataDir) throws IOException {
        long t = System.nanoTime();
        Path file = input;
        if (json) {
            file = decompressed(input, dataDir, false);
        }
        Path db = dir.resolve("import.sqlite");
        setupNanos += System.nanoTime() - t;
        String script;
        if (json) {
            StringBuilder sel = new StringBuilder();
            for (String col : CITY_COLUMNS) {
                sel.append(sel.length() == 0 ? "" : ", ").append(col.equals("loc") ? "json(value->'loc')" : "value->>'" + col + "'");
            }
            script = "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\n"
                    + "CREATE TABLE cities (\"cityId\" INTEGER, name TEXT, \"altName\" TEXT, country TEXT, \"featureCode\" TEXT,"
                    + " \"adminCode\" TEXT, population INTEGER, loc TEXT);\n"
                    + "INSERT INTO cities SELECT " + sel + " FROM json_each(readfile('" + file.toString().replace("'", "''") + "'));\n";
        } else {
            script = "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\n" + TpchLoader.ddl().get(TpchLoader.TABLES.indexOf("lineitem"))
                    + ";\n.import --csv --skip 1 '" + file + "' lineitem\n";
        }
        runWithStdin(List.of("sqlite3", "-bail", db.toString()), script, "sqlite3");
        long t1 = System.nanoTime();
        String n = runWithStdin(List.of("sqlite3", db.toString()), "SELECT count(*) FROM " + (json ? "cities" : "lineitem") + ";\n",
                "sqlite3").trim();
        check(Long.parseLong(n), expectedRows);
        setupNanos += System.nanoTime() - t1;
        return json ? "sqlite3 shell, json_each(readfile()) of the decompressed file" : "sqlite3 shell .import --csv";
    }

    private static String postgres(Path dir, boolean json, Path input, long expectedRows, Path dataDir) throws IOException {
        long t = System.nanoTime();
        Path file = json ? decompressed(input, dataDir, true) : input;
        PostgresServer server = PostgresServer.start(dir, List.of());
        try (server) {
            server.grantRead(file);
            String version = server.version();
            setupNanos += System.nanoTime() - t;
            String f = file.toString().replace("'", "''");
            if (json) {
                StringBuilder sel = new StringBuilder();
                for (String col : CITY_COLUMNS) {
                    String type = switch (col) {
                        case "cityId", "population" -> "::bigint";
                        default -> "";
                    };
                    sel.append(sel.length() == 0 ? "" : ", ").append(col.equals("loc") ? "doc->'loc'" : "(doc->>'" + col + "')" + type)
                            .append(" AS \"").append(col).append('"');
                }
                server.psql("CREATE TABLE cities_raw (doc jsonb); COPY cities_raw FROM '" + f
                        + "' (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02'); CREATE TABLE cities AS SELECT " + sel
                        + " FROM cities_raw; DROP TABLE cities_raw;");
            } else {
                server.psql(TpchLoader.ddl().get(TpchLoader.TABLES.indexOf("lineitem")) + "; COPY lineitem FROM '" + f
                        + "' (FORMAT csv, HEADER true);");
            }
            long t1 = System.nanoTime();
            check(Long.parseLong(server.psql("SELECT count(*) FROM " + (json ? "cities" : "lineitem")).trim()), expectedRows);
            setupNanos += System.nanoTime() - t1;
            return version + ", psql, server-side COPY" + (json ? " of the decompressed documents into jsonb, then CREATE TABLE AS"
                    : " (FORMAT csv)");
        }
    }

    /**
     * Decompresses the cities file once (untimed) for the engines that cannot read gzip.
     *
     * @param lines whether to write one document per line (newline-delimited JSON) instead of the
     *     original JSON array
     */
    private static Path decompressed(Path gz, Path dataDir, boolean lines) throws IOException {
        Path out = dataDir.resolve(lines ? "cities.ndjson" : "cities.json").toAbsolutePath();
        if (Files.exists(out)) {
            return out;
        }
        try (var in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
            if (!lines) {
                Files.copy(in, out);
                return out;
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                    BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                // The file is a JSON array with one document per line ("[", "{...},", ..., "{...}", "]").
                String line;
                while ((line = r.readLine()) != null) {
                    String s = line.strip();
                    if (s.equals("[") || s.equals("]") || s.isEmpty()) {
                        continue;
                    }
                    if (s.endsWith(",")) {
                        s = s.substring(0, s.length() - 1);
                    }
                    if (!s.startsWith("{") || !s.endsWith("}")) {
                        throw new IOException("unexpected line in " + gz + ": " + s.substring(0, Math.min(60, s.length())));
                    }
                    w.write(s);
                    w.write('\n');
                }
            }
        }
        return out;
    }

    private static String runWithStdin(List<String> cmd, String stdin, String what) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (OutputStream os = p.getOutputStream()) {
            os.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException(what + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
        return out;
    }

    /**
     * Writes TPC-H {@code lineitem} at scale factor {@code sf} as CSV with a header row (RFC 4180
     * quoting; decimals with two digits, ISO dates), unless a complete file from an earlier run is
     * already there (a {@code .done} marker beside it records its row count).
     *
     * @return the number of data rows
     */
    static long generateLineitem(Path file, double sf) throws IOException {
        Path done = file.resolveSibling(file.getFileName() + ".done");
        if (Files.exists(file) && Files.exists(done)) {
            return Long.parseLong(Files.readString(done).trim());
        }
        Files.createDirectories(file.getParent());
        long t0 = System.nanoTime();
        long rows = 0;
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("l_orderkey,l_partkey,l_suppkey,l_linenumber,l_quantity,l_extendedprice,l_discount,l_tax,l_returnflag,"
                    + "l_linestatus,l_shipdate,l_commitdate,l_receiptdate,l_shipinstruct,l_shipmode,l_comment\n");
            StringBuilder sb = new StringBuilder(256);
            for (LineItem li : new LineItemGenerator(sf, 1, 1)) {
                sb.setLength(0);
                sb.append(li.getOrderKey()).append(',').append(li.getPartKey()).append(',').append(li.getSupplierKey()).append(',')
                        .append(li.getLineNumber()).append(',');
                cents(sb, li.getQuantity() * 100L).append(',');
                cents(sb, li.getExtendedPriceInCents()).append(',');
                cents(sb, li.getDiscountPercent()).append(',');
                cents(sb, li.getTaxPercent()).append(',');
                csv(sb, li.getReturnFlag()).append(',');
                csv(sb, li.getStatus()).append(',');
                sb.append(LocalDate.ofEpochDay(li.getShipDate())).append(',').append(LocalDate.ofEpochDay(li.getCommitDate()))
                        .append(',').append(LocalDate.ofEpochDay(li.getReceiptDate())).append(',');
                csv(sb, li.getShipInstructions()).append(',');
                csv(sb, li.getShipMode()).append(',');
                csv(sb, li.getComment()).append('\n');
                w.append(sb);
                rows++;
            }
        }
        Files.writeString(done, rows + "\n");
        System.out.printf(Locale.ROOT, "# generated %s: %,d rows in %.1f s%n", file, rows, SqlBench.seconds(System.nanoTime() - t0));
        return rows;
    }

    private static StringBuilder cents(StringBuilder sb, long cents) {
        if (cents < 0) {
            sb.append('-');
            cents = -cents;
        }
        sb.append(cents / 100).append('.');
        long frac = cents % 100;
        return sb.append(frac < 10 ? "0" : "").append(frac);
    }

    private static StringBuilder csv(StringBuilder sb, String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return sb.append(s);
        }
        return sb.append('"').append(s.replace("\"", "\"\"")).append('"');
    }

    /** @return the engines of the import workloads: those of {@code --engines} minus h2 (no import path), or the default */
    static List<String> engines(List<String> asked) {
        List<String> out = new ArrayList<>();
        for (String e : asked) {
            if (!e.equals("h2")) {
                out.add(e);
            }
        }
        return out;
    }
}
