package dev.lodedb.engine.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link JsonbOps}; expected values are PostgreSQL 15's. */
class JsonbOpsTest {
    private static Jsonb j(String s) {
        return Jsonb.parse(s);
    }

    @Test
    void navigation() {
        Jsonb doc = j("{\"a\": {\"b\": [10, 20]}, \"s\": \"x\", \"n\": null}");
        assertThat(JsonbOps.field(doc, "a")).hasToString("{\"b\": [10, 20]}");
        assertThat(JsonbOps.field(doc, "zz")).isNull();
        assertThat(JsonbOps.element(j("[1, 2, 3]"), -1)).hasToString("3");
        assertThat(JsonbOps.element(j("[1, 2, 3]"), 3)).isNull();
        assertThat(JsonbOps.element(doc, 0)).isNull();
        assertThat(JsonbOps.path(doc, List.of("a", "b", "1"))).hasToString("20");
        assertThat(JsonbOps.path(doc, List.of("a", "b", "x"))).isNull();
        assertThat(JsonbOps.path(doc, List.of())).isEqualTo(doc);
        assertThat(JsonbOps.text(JsonbOps.field(doc, "s"))).isEqualTo("x");
        assertThat(JsonbOps.text(JsonbOps.field(doc, "n"))).isNull();
        assertThat(JsonbOps.text(JsonbOps.field(doc, "a"))).isEqualTo("{\"b\": [10, 20]}");
        assertThat(JsonbOps.typeName(j("1.5"))).isEqualTo("number");
        assertThat(JsonbOps.arrayLength(j("[1, [2, 3]]"))).isEqualTo(2);
        assertThatThrownBy(() -> JsonbOps.arrayLength(j("{}")))
                .hasMessage("cannot get array length of a non-array");
        assertThatThrownBy(() -> JsonbOps.arrayLength(j("1")))
                .hasMessage("cannot get array length of a scalar");
    }

    @Test
    void containmentAndExistence() {
        assertThat(JsonbOps.contains(j("[1, 2]"), j("1"))).isTrue();
        assertThat(JsonbOps.contains(j("{\"a\": [1, 2]}"), j("{\"a\": 1}"))).isFalse();
        assertThat(JsonbOps.contains(j("{\"a\": [1, 2, {\"b\": 3}]}"),
                j("{\"a\": [{\"b\": 3}]}"))).isTrue();
        assertThat(JsonbOps.contains(j("{\"a\": 1.0}"), j("{\"a\": 1}"))).isTrue();
        assertThat(JsonbOps.contains(j("[1, [2]]"), j("[[2], 1, 1]"))).isTrue();
        assertThat(JsonbOps.contains(j("[1]"), j("[\"1\"]"))).isFalse();
        assertThat(JsonbOps.exists(j("{\"a\": 1}"), "a")).isTrue();
        assertThat(JsonbOps.exists(j("[\"a\"]"), "a")).isTrue();
        assertThat(JsonbOps.exists(j("\"a\""), "a")).isTrue();
        assertThat(JsonbOps.exists(j("[1]"), "1")).isFalse();
    }

    @Test
    void modification() {
        assertThat(JsonbOps.concat(j("{\"b\": 1}"), j("{\"a\": 2, \"b\": 3}")))
                .hasToString("{\"a\": 2, \"b\": 3}");
        assertThat(JsonbOps.concat(j("{\"a\": 1}"), j("[2]"))).hasToString("[{\"a\": 1}, 2]");
        assertThat(JsonbOps.concat(j("1"), j("2"))).hasToString("[1, 2]");
        assertThat(JsonbOps.deleteKey(j("{\"a\": 1, \"b\": 2}"), "a")).hasToString("{\"b\": 2}");
        assertThat(JsonbOps.deleteKey(j("[\"a\", \"b\", \"a\"]"), "a")).hasToString("[\"b\"]");
        assertThatThrownBy(() -> JsonbOps.deleteKey(j("1"), "a"))
                .isInstanceOf(SqlException.class).hasMessage("cannot delete from scalar");
        assertThat(JsonbOps.deleteIndex(j("[1, 2, 3]"), 1)).hasToString("[1, 3]");
        assertThat(JsonbOps.deleteIndex(j("[1, 2, 3]"), -1)).hasToString("[1, 2]");
        assertThatThrownBy(() -> JsonbOps.deleteIndex(j("{\"a\": 1}"), 1))
                .hasMessage("cannot delete from object using integer index");
        assertThat(JsonbOps.stripNulls(j("{\"a\": null, \"b\": [null, {\"c\": null}]}")))
                .hasToString("{\"b\": [null, {}]}");
        assertThat(JsonbOps.set(j("{\"a\": [1, 2]}"), List.of("a", "0"), j("9"), true))
                .hasToString("{\"a\": [9, 2]}");
        assertThat(JsonbOps.set(j("{\"a\": 1}"), List.of("b"), j("2"), true))
                .hasToString("{\"a\": 1, \"b\": 2}");
        assertThat(JsonbOps.set(j("{\"a\": 1}"), List.of("b"), j("2"), false))
                .hasToString("{\"a\": 1}");
    }

    @Test
    void pretty() {
        assertThat(JsonbOps.pretty(j("{\"a\": 1, \"b\": [1, 2, {\"c\": {}}], \"d\": []}")))
                .isEqualTo("{\n    \"a\": 1,\n    \"b\": [\n        1,\n        2,\n        {\n"
                        + "            \"c\": {\n            }\n        }\n    ],\n    \"d\": [\n"
                        + "    ]\n}");
        assertThat(JsonbOps.pretty(j("1"))).isEqualTo("1");
    }
}
