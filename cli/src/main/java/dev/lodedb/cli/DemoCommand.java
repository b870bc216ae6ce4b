package dev.lodedb.cli;

import dev.lodedb.Database;
import dev.lodedb.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lode demo}: the README's first command. Creates {@code ./demo.lode} (re-creating it when
 * it is already there), imports the real datasets shipped under {@code examples/} — 135,233
 * cities ({@code cities.json.gz}, GeoNames data) and 250 countries ({@code countries.json}) —
 * with {@code read_json}, creates indexes, prints a short tour of queries with their answers and
 * an EXPLAIN, then opens the shell on the database when standard input is a terminal (and exits
 * when it is not).
 *
 * <p>The examples are found under {@code $LODE_HOME/examples} (the {@code ./lode} launcher sets
 * the system property {@code lode.home} to the repository), else under {@code ./examples};
 * {@code --examples DIR} overrides both. Exit status as {@link LodeCommand}: 1 if a statement of
 * the tour failed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Import 135,233 real cities and 250 countries into ./demo.lode, create indexes, run a short tour",
            "of queries, then open the shell on it (when standard input is a terminal)."})
final class DemoCommand implements Callable<Integer> {
    /** The statements that build the demo database, in order. {@code %CITIES%} / {@code %COUNTRIES%}: the files. */
    static final List<String> SETUP = List.of(
            "CREATE TABLE countries AS SELECT * FROM read_json('%COUNTRIES%')",
            "CREATE TABLE cities AS\n"
                    + "SELECT \"cityId\" AS id, name, \"altName\" AS alt_name, country, \"featureCode\" AS feature_code,\n"
                    + "       \"adminCode\" AS admin_code, population,\n"
                    + "       (loc->'coordinates'->>1)::float8 AS lat, (loc->'coordinates'->>0)::float8 AS lon\n"
                    + "FROM read_json('%CITIES%')",
            "CREATE UNIQUE INDEX countries_cca2 ON countries (cca2)",
            "CREATE UNIQUE INDEX cities_id ON cities (id)",
            "CREATE INDEX cities_country ON cities (country)",
            "CREATE INDEX cities_lat_lon ON cities (lat, lon)");

    /** The tour: a caption, then the query. */
    static final List<String[]> TOUR = List.of(
            new String[] {"The ten largest cities, with their country's name (a join through JSON: countries.name is a jsonb document)",
                "SELECT c.name AS city, co.name->>'common' AS country, c.population\n"
                        + "FROM cities c JOIN countries co ON co.cca2 = c.country\n"
                        + "ORDER BY c.population DESC LIMIT 10"},
            new String[] {"Cities and people per region",
                "SELECT co.region, count(*) AS cities, sum(c.population) AS people\n"
                        + "FROM cities c JOIN countries co ON co.cca2 = c.country\n"
                        + "GROUP BY co.region ORDER BY cities DESC"},
            new String[] {"Cities within a latitude/longitude box around Oslo (index cities_lat_lon)",
                "SELECT name, population, round(lat::numeric, 3) AS lat, round(lon::numeric, 3) AS lon\n"
                        + "FROM cities\n"
                        + "WHERE lat BETWEEN 59.5 AND 60.5 AND lon BETWEEN 10.0 AND 11.5\n"
                        + "ORDER BY population DESC LIMIT 5"},
            new String[] {"Cities by GeoNames feature code (PPL: populated place, PPLA: seat of a first-order division, ...)",
                "SELECT feature_code, count(*) AS cities\n"
                        + "FROM cities GROUP BY feature_code ORDER BY cities DESC LIMIT 6"},
            new String[] {"How LodeDB runs the box query: an index scan on cities_lat_lon, then a top-N sort",
                "EXPLAIN SELECT name, population FROM cities\n"
                        + "WHERE lat BETWEEN 59.5 AND 60.5 AND lon BETWEEN 10.0 AND 11.5\n"
                        + "ORDER BY population DESC LIMIT 5"},
            new String[] {"The cities of one country through index cities_country",
                "SELECT count(*) AS cities, max(population) AS largest FROM cities WHERE country = 'NO'"});

    /** Files a LodeDB database directory may hold; anything else makes the demo refuse to delete it. */
    private static final Set<String> DATABASE_FILE_SUFFIXES = Set.of(".log", ".sst", ".ldb", ".dbtmp", ".tmp");

    @ParentCommand
    LodeCommand parent;

    @Option(names = "--database", paramLabel = "DIR", description = "The demo database directory (default: demo.lode).")
    Path database = Path.of("demo.lode");

    @Option(names = "--examples", paramLabel = "DIR",
            description = "Where cities/cities.json.gz and countries/countries.json are (default: the repository's examples/).")
    Path examples;

    @Override
    public Integer call() {
        Path dir = examples != null ? examples : defaultExamples();
        Path cities = dir.resolve("cities").resolve("cities.json.gz");
        Path countries = dir.resolve("countries").resolve("countries.json");
        for (Path p : List.of(cities, countries)) {
            if (!Files.isReadable(p)) {
                parent.err.println("lode demo: " + p + ": No such file (use --examples DIR)");
                return LodeCommand.EXIT_USAGE;
            }
        }
        try {
            if (Files.exists(database)) {
                if (!looksLikeDatabase(database)) {
                    parent.err.println("lode demo: " + database + " exists and is not a LodeDB database; not touching it");
                    return LodeCommand.EXIT_USAGE;
                }
                deleteRecursively(database);
                parent.out.println("Re-creating " + database + ".");
            } else {
                parent.out.println("Creating " + database + ".");
            }
        } catch (IOException e) {
            parent.err.println("lode demo: cannot re-create " + database + ": " + e.getMessage());
            return LodeCommand.EXIT_USAGE;
        }
        Database db = DataTransfer.open(database, parent.err);
        if (db == null) {
            return LodeCommand.EXIT_USAGE;
        }
        PrintSettings settings = new PrintSettings();
        settings.progress = parent.stderrIsTerminal;
        try (db; Session session = db.session();
             CommandRunner runner = new CommandRunner(db, session, settings, parent.out, parent.err, parent.debug)) {
            long t0 = System.nanoTime();
            parent.out.println();
            parent.out.println("-- Importing the datasets and creating indexes");
            for (String sql : SETUP) {
                String text = sql.replace("%CITIES%", sqlPath(cities)).replace("%COUNTRIES%", sqlPath(countries));
                echo(text);
                if (!runner.runSql(text, "")) {
                    return LodeCommand.EXIT_ERROR;
                }
            }
            parent.out.printf(Locale.ROOT, "-- Imported and indexed in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
            for (String[] step : TOUR) {
                parent.out.println();
                parent.out.println("-- " + step[0]);
                echo(step[1]);
                if (!runner.runSql(step[1], "")) {
                    return LodeCommand.EXIT_ERROR;
                }
            }
            parent.out.println();
            if (!parent.interactive) {
                parent.out.println("Explore it: ./lode " + database + "   (try \\d cities, then your own queries)");
                parent.out.flush();
                return 0;
            }
            parent.out.println("Opening the shell on " + database + ": try \\d cities, then your own queries.");
            parent.out.println();
            return parent.interactive(db, runner);
        }
    }

    private void echo(String sql) {
        parent.out.println(sql + ";");
        parent.out.flush();
    }

    /** @return {@code $lode.home/examples} when the launcher set it, else {@code ./examples} */
    static Path defaultExamples() {
        String home = System.getProperty("lode.home");
        return home != null && !home.isEmpty() ? Path.of(home, "examples") : Path.of("examples");
    }

    /** @return {@code p} as a SQL string literal's content: relative to the working directory when below it */
    static String sqlPath(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        Path shown = abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
        return shown.toString().replace("'", "''");
    }

    /** @return whether {@code dir} is empty or holds only what a LodeDB database directory holds */
    static boolean looksLikeDatabase(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.allMatch(p -> {
                String n = p.getFileName().toString();
                return n.equals("CURRENT") || n.equals("LOCK") || n.startsWith("MANIFEST-") || n.startsWith("spill")
                        || DATABASE_FILE_SUFFIXES.stream().anyMatch(n::endsWith);
            });
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
