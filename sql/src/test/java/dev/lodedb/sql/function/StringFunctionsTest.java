package dev.lodedb.sql.function;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** String functions and operators: results and errors compared with PostgreSQL 15's output for the same expressions. */
class StringFunctionsTest {
    @TestFactory
    Stream<DynamicTest> matchesPostgres() {
        return CaseTable.cases("""
                'abc' || 'def' => abcdef
                'abc' || NULL => NULL
                'abc' || 1 => abc1
                1 || 'abc' => 1abc
                'a' || true => atrue
                'a' || 1.50 => a1.50
                'a' || 2.5::float8 => a2.5
                'a' || date '2020-01-02' => a2020-01-02
                'x' || 'y'::varchar(3) => xy
                pg_typeof('x' || 'y'::varchar(3)) => text
                'ab  '::char(4) || 'c' => abc
                1 || NULL => NULL
                NULL || NULL => NULL
                '\\x01'::bytea || '\\x02'::bytea => \\x0102
                'abc' ^@ 'ab' => t
                'abc' ^@ 'b' => f
                length('héllo') => 5
                length('abc  '::char(5)) => 3
                char_length('abc') => 3
                character_length('') => 0
                octet_length('héllo') => 6
                octet_length('ab'::char(4)) => 4
                bit_length('abc') => 24
                length('\\xdeadbeef'::bytea) => 4
                lower('ÀBC Déf') => àbc déf
                upper('àbc déf') => ÀBC DÉF
                upper('straße') => STRAßE
                initcap('hello wORLD-foo bar_baz 1st') => Hello World-Foo Bar_Baz 1st
                substring('hello' from 2 for 3) => ell
                substring('hello', 2, 3) => ell
                substring('hello', 2) => ello
                substring('hello', 0, 3) => he
                substring('hello', -3, 5) => h
                substring('hello', 10) =>\s
                substring('hello', 2, -1) => ERROR 22011 negative substring length not allowed
                substr('hello', 2) => ello
                substr('hello', 2, 100) => ello
                position('hello', 'll') => 3
                strpos('hello', 'l') => 3
                strpos('hello', 'z') => 0
                strpos('hello', '') => 1
                strpos('héllo', 'l') => 3
                btrim('  abc  ') => abc
                ltrim('  abc  ') => abc\s\s
                rtrim('  abc  ') =>   abc
                btrim('xxabcxyx', 'xy') => abc
                ltrim('xxabcxx', 'x') => abcxx
                rtrim('xxabcxx', 'x') => xxabc
                replace('abcabc', 'b', 'XX') => aXXcaXXc
                replace('abc', '', 'X') => abc
                concat('a', NULL, 1, true, 2.50) => a1t2.50
                concat(NULL) =>\s
                concat_ws(',', 'a', NULL, 'b', 3) => a,b,3
                concat_ws(NULL, 'a', 'b') => NULL
                left('abcde', 2) => ab
                left('abcde', -2) => abc
                left('abcde', 10) => abcde
                right('abcde', 2) => de
                right('abcde', -2) => cde
                lpad('hi', 5) =>    hi
                lpad('hi', 5, 'xy') => xyxhi
                lpad('hello', 3) => hel
                lpad('hi', 5, '') => hi
                lpad('hi', -1) =>\s
                rpad('hi', 5, 'xy') => hixyx
                repeat('ab', 3) => ababab
                repeat('ab', -1) =>\s
                reverse('abc') => cba
                split_part('a,b,c', ',', 2) => b
                split_part('a,b,c', ',', 4) =>\s
                split_part('a,b,c', ',', -1) => c
                split_part('a,b,c', ',', -3) => a
                split_part('a,b,c', ',', -4) =>\s
                split_part('a,b,c', ',', 0) => ERROR 22023 field position must not be zero
                split_part('abc', '', 1) => abc
                split_part('', ',', 1) =>\s
                starts_with('alphabet', 'alph') => t
                ascii('x') => 120
                ascii('') => 0
                ascii('é') => 233
                chr(65) => A
                chr(233) => é
                chr(0) => ERROR 54000 null character not permitted
                chr(-1) => ERROR 22023 character number must be positive
                chr(1114112) => ERROR 54000 requested character too large for encoding: 1114112
                chr(55296) => ERROR 54000 requested character not valid for encoding: 55296
                md5('abc') => 900150983cd24fb0d6963f7d28e17f72
                md5('') => d41d8cd98f00b204e9800998ecf8427e
                to_hex(255) => ff
                to_hex(-1) => ffffffff
                to_hex(9223372036854775807) => 7fffffffffffffff
                translate('12345', '143', 'ax') => a2x5
                quote_ident('foo') => foo
                quote_ident('Foo bar') => "Foo bar"
                quote_ident('select') => "select"
                quote_ident('name') => name
                quote_ident('a"b') => "a""b"
                quote_literal('O''Reilly') => 'O''Reilly'
                quote_literal('a\\b') => E'a\\\\b'
                quote_literal(42.5) => '42.5'
                quote_nullable(NULL) => NULL
                quote_nullable('x') => 'x'
                format('Hello %s, %I, %L', 'World', 'Foo Bar', 'it''s') => Hello World, "Foo Bar", 'it''s'
                format('%s %s', 'a') => ERROR 22023 too few arguments for format()
                format('%2$s %1$s', 'a', 'b') => b a
                format('|%5s|%-5s|', 'ab', 'cd') => |   ab|cd   |
                format('%L', NULL) => NULL
                format('%s', NULL) =>\s
                format('%I', NULL) => ERROR 22004 null values cannot be formatted as an SQL identifier
                format('100%%') => 100%
                format('%x', 1) => ERROR 22023 unrecognized format() type specifier "x"
                format(NULL) => NULL
                pg_typeof('abc') => unknown
                pg_typeof(NULL) => unknown
                pg_typeof(1.5) => numeric
                pg_typeof('a'::varchar(3)) => character varying
                pg_typeof('a'::char(3)) => character
                pg_typeof(now()) => timestamp with time zone
                initcap('élan vital ÉCOLE') => Élan Vital École
                """);
    }
}
