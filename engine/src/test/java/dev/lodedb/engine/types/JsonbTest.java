package dev.lodedb.engine.types;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonbTest {
    private static Jsonb j(String s) {
        return Jsonb.parse(s);
    }

    @Test
    void canonicalFormSortsKeysByLengthThenBytesAndKeepsLastDuplicate() {
        assertThat(j("{\"bb\":1,\"a\":2,\"c\":3,\"a\":4}").toString())
                .isEqualTo("{\"a\": 4, \"c\": 3, \"bb\": 1}");
        assertThat(j("{\"é\":1,\"zz\":2}").toString()).isEqualTo("{\"zz\": 2, \"é\": 1}");
        assertThat(j("[1.50, 1e2, -0.0, 12345678901234567890]").toString())
                .isEqualTo("[1.50, 100, 0.0, 12345678901234567890]");
        assertThat(j("\"tab\\there\"").toString()).isEqualTo("\"tab\\there\"");
        assertThat(j("  true ")).isEqualTo(j("true"));
        assertThat(j("1.0")).isNotEqualTo(j("1"));
        assertThat(j("[1.0]").hashCode()).isEqualTo(j("[1.0]").hashCode());
        assertThat(j("{\"a\": 1}")).isEqualTo(j("{\"a\":1}")).hasSameHashCodeAs(j("{\"a\":1}"));
        assertThat(j("1.0").compareTo(j("1"))).isZero();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("b", 1.5);
        o.put("a", 1L);
        assertThat(Jsonb.of(o).toString()).isEqualTo("{\"a\": 1, \"b\": 1.5}");
        assertThat(Jsonb.of(o).node().get("a").decimalValue()).isEqualByComparingTo("1");
    }

    @Test
    void orderIsPostgresJsonbOrder() {
        // Documented: Object > Array > Boolean > Number > String > Null, an empty top-level array
        // sorting below null, objects by pair count, arrays by length, then element-wise.
        List<String> sorted = List.of("[]", "null", "\"\"", "\"a\"", "\"b\"", "-1", "0", "1.5",
                "false", "true", "[null]", "[1]", "[\"x\", 1]", "[1, 2]", "{}",
                "{\"b\": 1}", "{\"a\": 1, \"b\": 2}", "{\"a\": 1, \"b\": 3}", "{\"a\": 1, \"c\": 0}",
                "{\"a\": 2, \"b\": 1}");
        List<Jsonb> values = new ArrayList<>();
        for (String s : sorted) {
            values.add(j(s));
        }
        for (int x = 0; x < values.size(); x++) {
            for (int y = 0; y < values.size(); y++) {
                assertThat(Integer.signum(values.get(x).compareTo(values.get(y))))
                        .as("%s vs %s", sorted.get(x), sorted.get(y))
                        .isEqualTo(Integer.compare(x, y));
            }
        }
        // a top-level scalar sorts before a one-element array, after an empty one
        assertThat(j("5").compareTo(j("[1]"))).isNegative();
        assertThat(j("5").compareTo(j("[]"))).isPositive();
        assertThat(j("{\"a\": [1]}").compareTo(j("{\"a\": 5}"))).isPositive();
    }

    @Test
    void jsonKeepsTextAsWritten() {
        Json v = Json.parse(" {\"b\": 1, \"b\" : 2} ");
        assertThat(v.text()).isEqualTo(" {\"b\": 1, \"b\" : 2} ");
        assertThat(Values.cast(v, DataType.JSON, DataType.JSONB).toString()).isEqualTo("{\"b\": 2}");
    }
}
