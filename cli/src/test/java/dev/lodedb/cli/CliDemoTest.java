package dev.lodedb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lodedb.Database;
import dev.lodedb.Lode;
import dev.lodedb.Rows;
import dev.lodedb.Session;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lode demo} end to end, non-interactive, on the datasets the repository ships: the demo
 * must exit 0, print its tour, and leave a database whose answers equal the ones computed here
 * independently, by reading the JSON files with Jackson (no SQL involved).
 */
class CliDemoTest {
    private static JsonNode cities;
    private static JsonNode countries;
    private static Path examples;

    @BeforeAll
    static void readDatasets() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("examples"))) {
            root = root.getParent();
        }
        assertThat(root).as("examples/ above the working directory").isNotNull();
        examples = root.resolve("examples");
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(examples.resolve("cities/cities.json.gz")))) {
            cities = json.readTree(in);
        }
        countries = json.readTree(examples.resolve("countries/countries.json").toFile());
    }

    @Test
    void demoImportsIndexesAndAnswersAsTheFilesSay(@TempDir Path tmp) {
        Path db = tmp.resolve("demo.lode");
        CliRun run = CliRun.run("demo", "--database", db.toString(), "--examples", examples.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("SELECT 135233", "SELECT 250", "CREATE INDEX", "(10 rows)", "Index Scan using cities_lat_lon",
                "Explore it: ./lode ");

        Map<String, JsonNode> byCode = new HashMap<>();
        for (JsonNode c : countries) {
            byCode.put(c.get("cca2").asText(), c);
        }
        try (Database d = Lode.open(db); Session s = d.session()) {
            // the ten largest cities with their country's common name
            List<JsonNode> all = new ArrayList<>();
            cities.forEach(all::add);
            all.sort(Comparator.comparingLong((JsonNode c) -> c.get("population").asLong()).reversed());
            List<String> expectedTop = new ArrayList<>();
            for (JsonNode c : all.subList(0, 10)) {
                expectedTop.add(c.get("name").asText() + "|" + byCode.get(c.get("country").asText()).get("name").get("common").asText()
                        + "|" + c.get("population").asLong());
            }
            assertThat(rows(s, DemoCommand.TOUR.get(0)[1])).containsExactlyElementsOf(expectedTop);
            assertThat(run.out()).contains("Shanghai", "Türkiye");

            // cities and people per region
            Map<String, long[]> regions = new TreeMap<>();
            for (JsonNode c : cities) {
                JsonNode country = byCode.get(c.get("country").asText());
                if (country != null) {
                    long[] v = regions.computeIfAbsent(country.get("region").asText(), k -> new long[2]);
                    v[0]++;
                    v[1] += c.get("population").asLong();
                }
            }
            List<String> expectedRegions = new ArrayList<>();
            regions.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                    .forEach(e -> expectedRegions.add(e.getKey() + "|" + e.getValue()[0] + "|" + e.getValue()[1]));
            assertThat(rows(s, DemoCommand.TOUR.get(1)[1])).containsExactlyElementsOf(expectedRegions);

            // the latitude/longitude box, largest first
            List<JsonNode> box = new ArrayList<>();
            for (JsonNode c : cities) {
                double lon = c.get("loc").get("coordinates").get(0).asDouble();
                double lat = c.get("loc").get("coordinates").get(1).asDouble();
                if (lat >= 59.5 && lat <= 60.5 && lon >= 10.0 && lon <= 11.5) {
                    box.add(c);
                }
            }
            box.sort(Comparator.comparingLong((JsonNode c) -> c.get("population").asLong()).reversed());
            List<String> expectedBox = new ArrayList<>();
            for (JsonNode c : box.subList(0, 5)) {
                expectedBox.add(c.get("name").asText() + "|" + c.get("population").asLong());
            }
            assertThat(rows(s, "SELECT name, population FROM cities WHERE lat BETWEEN 59.5 AND 60.5 AND lon BETWEEN 10.0 AND 11.5"
                    + " ORDER BY population DESC LIMIT 5")).containsExactlyElementsOf(expectedBox);
            assertThat(rows(s, "SELECT count(*) FROM cities WHERE lat BETWEEN 59.5 AND 60.5 AND lon BETWEEN 10.0 AND 11.5"))
                    .containsExactly(Integer.toString(box.size()));

            // feature codes
            Map<String, Long> codes = new HashMap<>();
            for (JsonNode c : cities) {
                codes.merge(c.get("featureCode").asText(), 1L, Long::sum);
            }
            List<String> expectedCodes = new ArrayList<>();
            codes.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(6)
                    .forEach(e -> expectedCodes.add(e.getKey() + "|" + e.getValue()));
            assertThat(rows(s, DemoCommand.TOUR.get(3)[1])).containsExactlyElementsOf(expectedCodes);

            // one country through its index
            long no = 0;
            long largest = 0;
            for (JsonNode c : cities) {
                if (c.get("country").asText().equals("NO")) {
                    no++;
                    largest = Math.max(largest, c.get("population").asLong());
                }
            }
            assertThat(rows(s, DemoCommand.TOUR.get(5)[1])).containsExactly(no + "|" + largest);
        }
    }

    @Test
    void demoRefusesToDeleteADirectoryThatIsNotADatabase(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("demo.lode");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("notes.txt"), "mine");
        CliRun run = CliRun.run("demo", "--database", dir.toString(), "--examples", examples.toString());
        assertThat(run.status()).isEqualTo(LodeCommand.EXIT_USAGE);
        assertThat(run.err()).contains("is not a LodeDB database");
        assertThat(dir.resolve("notes.txt")).exists();
    }

    @Test
    void demoWithoutTheDatasetsSaysWhere(@TempDir Path tmp) {
        CliRun run = CliRun.run("demo", "--database", tmp.resolve("d").toString(), "--examples", tmp.toString());
        assertThat(run.status()).isEqualTo(LodeCommand.EXIT_USAGE);
        assertThat(run.err()).contains("cities.json.gz: No such file");
    }

    private static List<String> rows(Session s, String sql) {
        List<String> out = new ArrayList<>();
        try (Rows r = s.query(sql)) {
            int n = r.columns().size();
            while (r.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i > 1 ? "|" : "").append(r.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }
}
