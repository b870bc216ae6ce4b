package dev.lodedb.sql.function;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** LIKE, SIMILAR TO and regular expressions: results and errors compared with PostgreSQL 15's output for the same expressions. */
class RegexFunctionsTest {
    @TestFactory
    Stream<DynamicTest> matchesPostgres() {
        return CaseTable.cases("""
                'abc' like 'a%' => t
                'abc' like 'a_c' => t
                'abc' like 'a_' => f
                'abc' like '%b%' => t
                'abc' like '%' => t
                '' like '%' => t
                '' like '_' => f
                'abc' like 'ABC' => f
                'abc' like 'x\\' => f
                'abc' like 'abc\\' => f
                'ab' like 'a\\' => ERROR 22025 LIKE pattern must not end with escape character
                'a%c' like 'a\\%c' => t
                'abc' like 'a\\%c' => f
                'abc' like 'a%' escape 'xy' => ERROR 22025 invalid escape string
                'a_c' like 'a#_c' escape '#' => t
                'abc' like 'a#_c' escape '#' => f
                'abc' like 'abc' escape '' => t
                'a\\c' like 'a\\c' escape '' => t
                'héllo' like 'h_llo' => t
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab' like '%a%a%a%a%a%a%a%a%b' => t
                'abc' not like 'a%' => f
                NULL like 'a%' => NULL
                'ABC' ilike 'a%' => t
                'Straße' ilike 'STRASSE' => f
                'ÉCOLE' ilike 'école' => t
                'abc' ~~ 'a%' => t
                'abc' !~~ 'a%' => f
                'ABC' ~~* 'a%' => t
                'abc' similar to '(a|b)%' => t
                'abc' similar to 'a.c' => f
                'a.c' similar to 'a.c' => t
                'abc' similar to 'a_c' => t
                'abc' similar to '[a-c]+' => t
                'abc' similar to 'ab' => f
                'aaa' similar to 'a{2,3}' => t
                'a*c' similar to 'a#*c' escape '#' => t
                'abc' ~ 'b' => t
                'abc' ~ '^b' => f
                'abc' ~ 'B' => f
                'abc' ~* 'B' => t
                'abc' !~ 'b' => f
                'abc' !~* 'B' => f
                -- PostgreSQL says "parentheses () not balanced"; the detail is Java's description
                'abc' ~ '(a' => ERROR 2201B invalid regular expression: Unclosed group
                'abc' ~ '[[:alpha:]]+' => t
                '123' ~ '^[[:digit:]]+$' => t
                'ab1' ~ '^[[:alpha:]]+$' => f
                'foo bar' ~ '\\mbar' => t
                'foobar' ~ '\\mbar' => f
                'abc' ~ 'c$' => t
                regexp_replace('Thomas', '.[mN]a.', 'M') => ThM
                regexp_replace('foobarbaz', 'b(..)', 'X\\1Y', 'g') => fooXarYXazY
                regexp_replace('foobarbaz', 'b(..)', 'X\\1Y') => fooXarYbaz
                regexp_replace('abc', 'b', 'x', 'z') => ERROR 22023 invalid regular expression option: "z"
                regexp_replace('ABCabc', 'b', 'x', 'gi') => AxCaxc
                regexp_replace('abc', '(b)', '[\\&]') => a[b]c
                regexp_replace('abc', '', '-', 'g') => -a-b-c-
                regexp_replace('aaa', 'a*', 'X', 'g') => XX
                regexp_replace('a.b.c', '\\.', '\\\\', 'g') => a\\b\\c
                regexp_match('foobarbequebaz', '(bar)(beque)') => {bar,beque}
                regexp_match('foobarbequebaz', 'bar') => {bar}
                regexp_match('abc', 'x') => NULL
                regexp_match('abc', 'b', 'g') => ERROR 22023 regexp_match() does not support the "global" option
                regexp_match('a b', '(a)( )(b)(x)?') => {a," ",b,NULL}
                regexp_match('ABC', 'b', 'i') => {B}
                regexp_match('a,b', '(a,b)') => {"a,b"}
                regexp_like('Hello', 'hello', 'i') => t
                regexp_like('Hello', 'hello') => f
                regexp_count('ABCABC', 'b', 1, 'i') => 2
                regexp_count('abcabc', 'b') => 2
                regexp_count('abcabc', 'b', 3) => 1
                regexp_substr('abc123def', '[0-9]+') => 123
                substring('foobar' from 'o.b') => oob
                substring('foobar' from 'o(.)b') => o
                substring('foobar' from 'x') => NULL
                substring('foobar' similar '%#"o_b#"%' escape '#') => oob
                """);
    }
}
