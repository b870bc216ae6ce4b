package dev.lodedb.engine.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lodedb.engine.SqlException;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Jsonb#read}: jsonb's canonical text straight from a token stream is exactly the text of
 * the canonical tree ({@link Jsonb#parse}, {@link Jsonb#of} of Jackson's tree), and a value made
 * from it behaves as one made from the tree (its tree parsed on first use). Random documents from
 * a fixed seed.
 */
class JsonbReadTest {
    private static final JsonFactory FACTORY = new JsonFactory();
    /** As the JSON importer's mapper: exact decimals, trailing zeros kept. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final String[] KEYS = {"a", "b", "bb", "type", "coordinates", "é", "zz", "日本", "😀", "A", "",
        "a\"q", "tab\t"};
    private static final String[] NUMBERS = {"0", "-0", "-0.0", "1", "-1", "1.50", "0.001", "1e2", "1E+2", "-1.5e-3",
        "12345678901234567890", "123456789012345678.25", "9223372036854775807", "1e1001", "0.10", "3.14159"};

    /** Reads {@code json} with {@link Jsonb#read}, checking that the parser ends at the value's last token. */
    private static Jsonb read(String json) throws IOException {
        try (JsonParser p = FACTORY.createParser("[" + json + ", 7]")) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            p.nextToken();
            Jsonb j = Jsonb.read(p);
            assertThat(p.nextToken()).as("the token after the value").isEqualTo(JsonToken.VALUE_NUMBER_INT);
            return j;
        }
    }

    private static void value(Random r, StringBuilder sb, int depth) {
        int kind = depth > 3 ? r.nextInt(4) : r.nextInt(6);
        switch (kind) {
            case 0 -> sb.append(NUMBERS[r.nextInt(NUMBERS.length)]);
            case 1 -> sb.append(r.nextBoolean() ? "\"s\\n\\u00e9\\\\\"" : "\"" + KEYS[r.nextInt(KEYS.length)]
                    .replace("\"", "\\\"").replace("\t", "\\t") + "\"");
            case 2 -> sb.append(r.nextBoolean() ? "true" : r.nextBoolean() ? "false" : "null");
            case 3 -> sb.append("\"x\"");
            case 4 -> {
                sb.append('[');
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? " , " : "");
                    value(r, sb, depth + 1);
                }
                sb.append(']');
            }
            default -> {
                sb.append('{');
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append('"').append(KEYS[r.nextInt(KEYS.length)].replace("\"", "\\\"")
                            .replace("\t", "\\t")).append("\":");
                    value(r, sb, depth + 1);
                }
                sb.append('}');
            }
        }
    }

    @Test
    void canonicalTextFromTokensEqualsTheTextOfTheCanonicalTree() throws IOException {
        Random r = new Random(20261122L);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            value(r, sb, r.nextInt(2) == 0 ? 0 : 3);
            String json = sb.toString();
            Jsonb fromTree = Jsonb.of(MAPPER.readTree(json));
            Jsonb streamed = read(json);
            assertThat(streamed.toString()).as(json).isEqualTo(fromTree.toString());
            assertThat(streamed).isEqualTo(fromTree);
            assertThat(streamed.compareTo(fromTree)).isZero();
            assertThat(streamed.node()).as(json).isEqualTo(fromTree.node());
            if (!json.contains("1e1001")) {
                assertThat(Jsonb.parse(json).toString()).isEqualTo(streamed.toString());
            }
        }
    }

    @Test
    void keysAreSortedDeduplicatedAndOperationsSeeTheTree() throws IOException {
        Jsonb j = read("{\"bb\":1,\"a\":2,\"c\":3,\"a\":4, \"é\": {\"z\": [1, 2.50], \"y\": null}}");
        assertThat(j.toString()).isEqualTo("{\"a\": 4, \"c\": 3, \"bb\": 1, \"é\": {\"y\": null, \"z\": [1, 2.50]}}");
        assertThat(JsonbOps.field(j, "a")).isEqualTo(Jsonb.parse("4"));
        assertThat(JsonbOps.path(j, List.of("é", "z")).toString()).isEqualTo("[1, 2.50]");
        assertThat(read("{\"type\":\"Point\",\"coordinates\":[1.65362,42.57952]}").toString())
                .isEqualTo("{\"type\": \"Point\", \"coordinates\": [1.65362, 42.57952]}");
        assertThat(read("[]").toString()).isEqualTo("[]");
        assertThat(read("{}").toString()).isEqualTo("{}");
        assertThat(read("-0").toString()).isEqualTo("0");
    }

    @Test
    void stringsJsonbCannotHoldAreRejectedAsByParse() throws IOException {
        for (String bad : List.of("{\"a\": \"x\\u0000y\"}", "[\"\\ud800\"]", "{\"k\": [\"\\udc00\"]}")) {
            SqlException expected = null;
            try {
                Jsonb.parse(bad);
            } catch (SqlException e) {
                expected = e;
            }
            assertThat(expected).as(bad).isNotNull();
            String state = expected.sqlState();
            String message = expected.getMessage();
            String detail = expected.detail();
            assertThatThrownBy(() -> read(bad)).as(bad).isInstanceOf(SqlException.class)
                    .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo(state))
                    .hasMessage(message)
                    .satisfies(e -> assertThat(((SqlException) e).detail()).isEqualTo(detail));
        }
        // an escaped backslash before u0000 is not a NUL
        assertThat(read("[\"\\\\u0000\"]").toString()).isEqualTo("[\"\\\\u0000\"]");
        // a number beyond numeric's limits: rejected after the whole value is consumed
        assertThatThrownBy(() -> read("{\"a\": [1e-20000, {\"b\": 2}]}")).isInstanceOf(SqlException.class)
                .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo("22003"));
    }
}
