package dev.lodedb.sql.function;

import static dev.lodedb.engine.types.TypeId.BOOLEAN;
import static dev.lodedb.engine.types.TypeId.INTEGER;
import static dev.lodedb.engine.types.TypeId.JSON;
import static dev.lodedb.engine.types.TypeId.JSONB;
import static dev.lodedb.engine.types.TypeId.TEXT;

import dev.lodedb.engine.types.Json;
import dev.lodedb.engine.types.Jsonb;
import dev.lodedb.engine.types.JsonbOps;
import dev.lodedb.engine.types.TypeId;
import java.util.Arrays;
import java.util.List;

/**
 * JSON operators and functions (PostgreSQL documentation section 9.16; {@code jsonfuncs.c},
 * {@code json.c}, {@code jsonb_op.c}):
 *
 * <ul>
 *   <li>{@code -> ->>} with a text key or an integer index (negative from the end), {@code #>
 *       #>>} with a path, on json and jsonb; a missing key, index or path gives NULL; {@code
 *       ->>} of a JSON null is NULL. json results keep the text as written;</li>
 *   <li>jsonb {@code @> <@} (containment), {@code ? ?| ?&} (key existence), {@code ||}
 *       (concatenation), {@code -} text or integer (deletion) — see {@link JsonbOps};</li>
 *   <li>{@code json_typeof}, {@code jsonb_typeof}, {@code json_array_length}, {@code
 *       jsonb_array_length} (22023 for non-arrays), {@code json[b]_build_object} and {@code
 *       json[b]_build_array} (variadic any, not strict; 22023 for an odd argument count or a null
 *       key), {@code to_json}, {@code to_jsonb}, {@code json[b]_extract_path[_text]} (variadic
 *       text), {@code jsonb_pretty}, {@code jsonb_strip_nulls}, {@code jsonb_set(target, path,
 *       value[, create_missing])}.</li>
 * </ul>
 *
 * <p>Arrays are not a type yet: where PostgreSQL takes a {@code text[]} ({@code #>}, {@code
 * #>>}, {@code ?|}, {@code ?&}, {@code jsonb_set}'s path) the argument is text in array-literal
 * syntax, {@code '{a,b,1}'} (22P02 {@code malformed array literal} otherwise), which is what an
 * untyped literal in such a query is. Set-returning functions and aggregates are elsewhere.
 * Stateless and thread-safe.
 */
final class JsonFunctions {
    private JsonFunctions() {
    }

    private static String s(Object o) {
        return (String) o;
    }

    private static Jsonb jb(Object o) {
        return (Jsonb) o;
    }

    private static String js(Object o) {
        return ((Json) o).text();
    }

    private static Json json(String text) {
        return text == null ? null : new Json(text);
    }

    static void register(Registrar r) {
        r.infix("->", JSON, TEXT, JSON, (a, b) -> json(JsonValues.field(js(a), s(b))));
        r.infix("->", JSON, INTEGER, JSON, (a, b) -> json(JsonValues.element(js(a), (Integer) b)));
        r.infix("->>", JSON, TEXT, TEXT, (a, b) -> JsonValues.text(JsonValues.field(js(a), s(b))));
        r.infix("->>", JSON, INTEGER, TEXT,
                (a, b) -> JsonValues.text(JsonValues.element(js(a), (Integer) b)));
        r.infix("#>", JSON, TEXT, JSON, (a, b) -> json(JsonValues.path(js(a), ArrayText.parse(s(b)))));
        r.infix("#>>", JSON, TEXT, TEXT,
                (a, b) -> JsonValues.text(JsonValues.path(js(a), ArrayText.parse(s(b)))));
        r.infix("->", JSONB, TEXT, JSONB, (a, b) -> JsonbOps.field(jb(a), s(b)));
        r.infix("->", JSONB, INTEGER, JSONB, (a, b) -> JsonbOps.element(jb(a), (Integer) b));
        r.infix("->>", JSONB, TEXT, TEXT, (a, b) -> text(JsonbOps.field(jb(a), s(b))));
        r.infix("->>", JSONB, INTEGER, TEXT, (a, b) -> text(JsonbOps.element(jb(a), (Integer) b)));
        r.infix("#>", JSONB, TEXT, JSONB, (a, b) -> JsonbOps.path(jb(a), ArrayText.parse(s(b))));
        r.infix("#>>", JSONB, TEXT, TEXT,
                (a, b) -> text(JsonbOps.path(jb(a), ArrayText.parse(s(b)))));
        r.infix("@>", JSONB, JSONB, BOOLEAN, (a, b) -> JsonbOps.contains(jb(a), jb(b)));
        r.infix("<@", JSONB, JSONB, BOOLEAN, (a, b) -> JsonbOps.contains(jb(b), jb(a)));
        r.infix("?", JSONB, TEXT, BOOLEAN, (a, b) -> JsonbOps.exists(jb(a), s(b)));
        r.infix("?|", JSONB, TEXT, BOOLEAN, (a, b) -> {
            for (String k : ArrayText.parse(s(b))) {
                if (k != null && JsonbOps.exists(jb(a), k)) {
                    return true;
                }
            }
            return false;
        });
        r.infix("?&", JSONB, TEXT, BOOLEAN, (a, b) -> {
            for (String k : ArrayText.parse(s(b))) {
                if (k != null && !JsonbOps.exists(jb(a), k)) {
                    return false;
                }
            }
            return true;
        });
        r.infix("||", JSONB, JSONB, JSONB, (a, b) -> JsonbOps.concat(jb(a), jb(b)));
        r.infix("-", JSONB, TEXT, JSONB, (a, b) -> JsonbOps.deleteKey(jb(a), s(b)));
        r.infix("-", JSONB, INTEGER, JSONB, (a, b) -> JsonbOps.deleteIndex(jb(a), (Integer) b));
        // functions
        r.f1("json_typeof", TEXT, JSON, a -> JsonValues.typeOf(js(a)));
        r.f1("jsonb_typeof", TEXT, JSONB, a -> JsonbOps.typeName(jb(a)));
        r.f1("json_array_length", INTEGER, JSON, a -> JsonValues.arrayLength(js(a)));
        r.f1("jsonb_array_length", INTEGER, JSONB, a -> JsonbOps.arrayLength(jb(a)));
        r.fnTyped("to_json", JSON, true, false,
                t -> (c, a) -> JsonValues.toJson(t.get(0), a[0]), (TypeId) null);
        r.fnTyped("to_jsonb", JSONB, true, false,
                t -> (c, a) -> JsonValues.toJsonb(t.get(0), a[0]), (TypeId) null);
        r.fnTyped("json_build_object", JSON, false, true,
                t -> (c, a) -> new Json(JsonValues.buildObject(t, a, "json_build_object")),
                (TypeId) null);
        r.fnTyped("jsonb_build_object", JSONB, false, true,
                t -> (c, a) -> Jsonb.parse(JsonValues.buildObject(t, a, "jsonb_build_object")),
                (TypeId) null);
        r.fnTyped("json_build_array", JSON, false, true,
                t -> (c, a) -> new Json(JsonValues.buildArray(t, a)), (TypeId) null);
        r.fnTyped("jsonb_build_array", JSONB, false, true,
                t -> (c, a) -> Jsonb.parse(JsonValues.buildArray(t, a)), (TypeId) null);
        r.fn("json_build_object", JSON, false, false, false, (c, a) -> new Json("{}"));
        r.fn("jsonb_build_object", JSONB, false, false, false, (c, a) -> Jsonb.parse("{}"));
        r.fn("json_build_array", JSON, false, false, false, (c, a) -> new Json("[]"));
        r.fn("jsonb_build_array", JSONB, false, false, false, (c, a) -> Jsonb.parse("[]"));
        r.fn("jsonb_extract_path", JSONB, true, false, true,
                (c, a) -> JsonbOps.path(jb(a[0]), rest(a)), JSONB, TEXT);
        r.fn("jsonb_extract_path_text", TEXT, true, false, true,
                (c, a) -> text(JsonbOps.path(jb(a[0]), rest(a))), JSONB, TEXT);
        r.fn("json_extract_path", JSON, true, false, true,
                (c, a) -> json(JsonValues.path(js(a[0]), rest(a))), JSON, TEXT);
        r.fn("json_extract_path_text", TEXT, true, false, true,
                (c, a) -> JsonValues.text(JsonValues.path(js(a[0]), rest(a))), JSON, TEXT);
        r.f1("jsonb_pretty", TEXT, JSONB, a -> JsonbOps.pretty(jb(a)));
        r.f1("jsonb_strip_nulls", JSONB, JSONB, a -> JsonbOps.stripNulls(jb(a)));
        r.f3("jsonb_set", JSONB, JSONB, TEXT, JSONB,
                (a, b, c) -> JsonbOps.set(jb(a), ArrayText.parse(s(b)), jb(c), true));
        r.fn("jsonb_set", JSONB, true, false, false, (c, a) -> JsonbOps.set(jb(a[0]),
                ArrayText.parse(s(a[1])), jb(a[2]), (Boolean) a[3]), JSONB, TEXT, JSONB, BOOLEAN);
    }

    private static List<String> rest(Object[] a) {
        return Arrays.asList(Arrays.copyOfRange(a, 1, a.length, String[].class));
    }

    private static String text(Jsonb j) {
        return j == null ? null : JsonbOps.text(j);
    }
}
