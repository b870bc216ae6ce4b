package dev.lodedb.sql.function;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** JSON operators and functions: results and errors compared with PostgreSQL 15's output for the same expressions. */
class JsonFunctionsTest {
    @TestFactory
    Stream<DynamicTest> matchesPostgres() {
        return CaseTable.cases("""
                '{"a":1,"a":2}'::json -> 'a' => 2
                '{"a": {"b" : [1,  2]}}'::json -> 'a' => {"b" : [1,  2]}
                '[1, "x" , {"c":null}]'::json -> 1 => "x"
                '[1, "x" , {"c":null}]'::json ->> 1 => x
                '[1, "x" , {"c":null}]'::json -> 2 => {"c":null}
                '[1,2,3]'::json -> -1 => 3
                '[1,2,3]'::json -> 3 => NULL
                '{"a":1}'::json -> 0 => NULL
                '{"a":"x\\ny"}'::json ->> 'a' => x\\ny
                '{"a":null}'::json ->> 'a' => NULL
                '{"a":null}'::json -> 'a' => null
                '{"a":1.50}'::json ->> 'a' => 1.50
                '{"a":{"b":[10,20]}}'::json #> '{a,b}' => [10,20]
                '{"a":{"b":[10,20]}}'::json #>> '{a,b,0}' => 10
                '{"a":{"b":[10,20]}}'::json #> '{a,x}' => NULL
                '{"a":null}'::jsonb -> 'a' => null
                '{"a":null}'::jsonb ->> 'a' => NULL
                '{"a":{"b":1}}'::jsonb -> 'a' => {"b": 1}
                '{"a":{"b":1}}'::jsonb ->> 'a' => {"b": 1}
                '{"a":"x"}'::jsonb ->> 'a' => x
                '{"a":"x"}'::jsonb -> 'a' => "x"
                '[1,2,3]'::jsonb -> -1 => 3
                '[1,2,3]'::jsonb ->> 0 => 1
                '[1,2,3]'::jsonb -> 'a' => NULL
                '{"a":1}'::jsonb -> 0 => NULL
                '{"a":{"b":[10,20]}}'::jsonb #> '{a,b,1}' => 20
                '{"a":{"b":[10,20]}}'::jsonb #>> '{a,b}' => [10, 20]
                '{"a":{"b":[10,20]}}'::jsonb #> '{a,x}' => NULL
                '{"a":{"b":[10,20]}}'::jsonb #> '{}' => {"a": {"b": [10, 20]}}
                '{"a":{"b":[10,20]}}'::jsonb #> '{a,b,x}' => NULL
                '{"a b":1}'::jsonb #> '{"a b"}' => 1
                '{"a":1}'::jsonb #> 'a' => ERROR 22P02 malformed array literal: "a"
                '{"a":1}'::jsonb || '{"b":2}' => {"a": 1, "b": 2}
                '{"a":1}'::jsonb || '{"a":2}' => {"a": 2}
                '[1]'::jsonb || '2' => [1, 2]
                '1'::jsonb || '2' => [1, 2]
                '{"a":1}'::jsonb || '[2]' => [{"a": 1}, 2]
                '[1,2]'::jsonb || '[3]' => [1, 2, 3]
                '{"a":1,"b":2}'::jsonb - 'a' => {"b": 2}
                '["a","b","a"]'::jsonb - 'a' => ["b"]
                '1'::jsonb - 'a' => ERROR 22023 cannot delete from scalar
                '[1,2,3]'::jsonb - 1 => [1, 3]
                '[1,2,3]'::jsonb - -1 => [1, 2]
                '{"a":1}'::jsonb - 1 => ERROR 22023 cannot delete from object using integer index
                '[1,2]'::jsonb @> '1' => t
                '[1,2]'::jsonb @> '[2,1,1]' => t
                '{"a":[1,2]}'::jsonb @> '{"a":1}' => f
                '{"a":[1,2,{"b":3}]}'::jsonb @> '{"a":[{"b":3}]}' => t
                '{"a":1.0}'::jsonb @> '{"a":1}' => t
                '{"a":1, "b":{"c":2}}'::jsonb @> '{"b":{}}' => t
                '{"a":1}'::jsonb @> '{"a":1, "b":2}' => f
                '1'::jsonb <@ '[1,2]' => t
                '{"a":1}'::jsonb <@ '{"a":1,"b":2}' => t
                '{"a":1}'::jsonb ? 'a' => t
                '{"a":1}'::jsonb ? 'b' => f
                '["a"]'::jsonb ? 'a' => t
                '"a"'::jsonb ? 'a' => t
                '{"a":{"b":1}}'::jsonb ? 'b' => f
                '{"a":1,"b":2}'::jsonb ?| '{b,c}' => t
                '{"a":1,"b":2}'::jsonb ?| '{c}' => f
                '{"a":1,"b":2}'::jsonb ?& '{a,c}' => f
                '{"a":1,"b":2}'::jsonb ?& '{a,b}' => t
                '{"a":1,"b":2}'::jsonb ?& '{}' => t
                json_typeof(' null ') => null
                json_typeof('{"a":1}') => object
                json_typeof('[1]') => array
                json_typeof('"x"') => string
                json_typeof('1.5') => number
                json_typeof('true') => boolean
                jsonb_typeof('1.5') => number
                jsonb_typeof('{}') => object
                jsonb_typeof('false') => boolean
                jsonb_typeof('null') => null
                jsonb_array_length('[1,2]') => 2
                jsonb_array_length('{}') => ERROR 22023 cannot get array length of a non-array
                jsonb_array_length('1') => ERROR 22023 cannot get array length of a scalar
                json_array_length('[1,[2,3], {"a":[4]}]') => 3
                json_array_length('{}') => ERROR 22023 cannot get array length of a non-array
                json_array_length('"x"') => ERROR 22023 cannot get array length of a scalar
                json_build_object('a',1,'b','x', 'c', NULL, 'd', 1.50, 'e', true) => {"a" : 1, "b" : "x", "c" : null, "d" : 1.50, "e" : true}
                jsonb_build_object('a',1,'b','x', 'c', NULL) => {"a": 1, "b": "x", "c": null}
                jsonb_build_object('b',1,'a',2,'b',3) => {"a": 2, "b": 3}
                json_build_object('a') => ERROR 22023 argument list must have even number of elements
                json_build_object(NULL, 1) => ERROR 22023 argument 1 cannot be null
                json_build_object(1, 2, true, false) => {"1" : 2, "true" : false}
                json_build_object('a', '{"x":1}'::json, 'b', '[1]'::jsonb) => {"a" : {"x":1}, "b" : [1]}
                json_build_object('{"x":1}'::json, 1) => ERROR 22023 key value must be scalar, not array, composite, or json
                json_build_object() => {}
                jsonb_build_object() => {}
                json_build_array(1,'x',NULL, 2.5::float8) => [1, "x", null, 2.5]
                jsonb_build_array(1,'x',NULL, 2.5::float8, '{"a":1}'::jsonb) => [1, "x", null, 2.5, {"a": 1}]
                json_build_array() => []
                json_build_array('NaN'::float8, date '2020-01-02') => ["NaN", "2020-01-02"]
                to_json(timestamp '2020-01-01 10:00:00.5') => "2020-01-01T10:00:00.5"
                to_json(timestamptz '2020-01-01 10:00:00+00') => "2020-01-01T10:00:00+00:00"
                to_json(timestamp 'infinity') => "infinity"
                to_jsonb(date '2020-01-01') => "2020-01-01"
                to_json('a"b'::text) => "a\\"b"
                to_json('tab	x'::text) => "tab\\tx"
                to_jsonb('NaN'::float8) => "NaN"
                to_json(interval '1 day') => "1 day"
                to_jsonb('{"a":1}'::json) => {"a": 1}
                to_json(1.50) => 1.50
                to_jsonb(1.50) => 1.50
                to_json(true) => true
                to_json(NULL::text) => NULL
                to_jsonb(time '10:00') => "10:00:00"
                to_json('\\xff'::bytea) => "\\\\xff"
                jsonb_strip_nulls('{"a":null,"b":[null,{"c":null}]}') => {"b": [null, {}]}
                jsonb_extract_path('{"a":{"b":2}}', 'a', 'b') => 2
                jsonb_extract_path('{"a":{"b":2}}', 'a', 'x') => NULL
                jsonb_extract_path_text('{"a":{"b":"x"}}', 'a', 'b') => x
                json_extract_path('{"a":{"b" : [1, 2]}}', 'a', 'b') => [1, 2]
                json_extract_path_text('{"a":{"b":"x"}}', 'a', 'b') => x
                jsonb_set('{"a":[1,2]}', '{a,0}', '9') => {"a": [9, 2]}
                jsonb_set('{"a":[1,2]}', '{a,5}', '9') => {"a": [1, 2, 9]}
                jsonb_set('{"a":[1,2]}', '{a,-5}', '9') => {"a": [9, 1, 2]}
                jsonb_set('{"a":1}', '{b}', '2') => {"a": 1, "b": 2}
                jsonb_set('{"a":1}', '{b}', '2', false) => {"a": 1}
                jsonb_set('{"a":1}', '{x,y}', '2') => {"a": 1}
                jsonb_set('{"a":[1]}', '{a,x}', '2') => ERROR 22P02 path element at position 2 is not an integer: "x"
                jsonb_pretty('{"a":1,"b":[1,2,{"c":{}}],"d":[]}') => {\\n    "a": 1,\\n    "b": [\\n        1,\\n        2,\\n        {\\n            "c": {\\n            }\\n        }\\n    ],\\n    "d": [\\n    ]\\n}
                jsonb_pretty('[]') => [\\n]
                jsonb_pretty('{}') => {\\n}
                jsonb_pretty('1') => 1
                '{"a":1}'::jsonb || 'x'::text => {"a": 1}x
                """);
    }
}
