package dev.lodedb.sql.function;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Arithmetic and bitwise operators: results and errors compared with PostgreSQL 15's output for the same expressions. */
class ArithmeticOperatorsTest {
    @TestFactory
    Stream<DynamicTest> matchesPostgres() {
        return CaseTable.cases("""
                -- integers
                1 + 2 => 3
                pg_typeof(1 + 2) => integer
                2147483647 + 1 => ERROR 22003 integer out of range
                -2147483648 - 1 => ERROR 22003 integer out of range
                2147483647 * 2 => ERROR 22003 integer out of range
                7 / 2 => 3
                -7 / 2 => -3
                7 % 3 => 1
                -7 % 3 => -1
                7 % -3 => 1
                (-2147483648) / -1 => ERROR 22003 integer out of range
                (-2147483648) % -1 => 0
                1 / 0 => ERROR 22012 division by zero
                1 % 0 => ERROR 22012 division by zero
                9223372036854775807 + 1 => ERROR 22003 bigint out of range
                9223372036854775807::bigint * 2 => ERROR 22003 bigint out of range
                (-9223372036854775808)::bigint / -1 => ERROR 22003 bigint out of range
                pg_typeof(1 + 2::bigint) => bigint
                pg_typeof(1::smallint + 1::smallint) => smallint
                pg_typeof(1::smallint + 1) => integer
                32767::smallint + 1::smallint => ERROR 22003 smallint out of range
                32767::smallint + 1 => 32768
                (-32768)::smallint * -1::smallint => ERROR 22003 smallint out of range
                100::smallint / 7::smallint => 14
                - 5 => -5
                + 5 => 5
                @ -5 => 5
                @ (-2147483648) => ERROR 22003 integer out of range
                5 & 3 => 1
                5 | 3 => 7
                5 # 3 => 6
                ~ 5 => -6
                1 << 4 => 16
                -16 >> 2 => -4
                1 << 33 => 2
                1::smallint << 20 => 0
                1::bigint << 40 => 1099511627776
                pg_typeof(1::smallint << 2) => smallint
                -- floats
                1.5::float8 + 1 => 2.5
                pg_typeof(1.5::float8 + 1) => double precision
                pg_typeof(1.5::real + 1) => double precision
                pg_typeof(1.5::real + 1.5::real) => real
                pg_typeof(1 + 1.5::real) => double precision
                pg_typeof(1.5::real * 2.5::float8) => double precision
                1.5::real * 2.5::real => 3.75
                1e300::float8 * 1e10::float8 => ERROR 22003 value out of range: overflow
                1e-300::float8 * 1e-300::float8 => ERROR 22003 value out of range: underflow
                1::float8 / 0 => ERROR 22012 division by zero
                0::float8 / 0 => ERROR 22012 division by zero
                'NaN'::float8 / 0 => NaN
                'Infinity'::float8 + 1 => Infinity
                1::float8 / 3 => 0.3333333333333333
                1e30::real * 1e30::real => ERROR 22003 value out of range: overflow
                10::float8 / 4 => 2.5
                1.5::float8 % 2 => ERROR 42883 operator does not exist: double precision % integer
                -(1.5::float8) => -1.5
                @ (-1.5::float8) => 1.5
                2 ^ 3 => 8
                pg_typeof(2 ^ 3) => double precision
                2 ^ 0.5 => 1.4142135623730950
                pg_typeof(2 ^ 0.5) => numeric
                2::float8 ^ 0.5 => 1.4142135623730951
                0 ^ -1 => ERROR 2201F zero raised to a negative power is undefined
                (-8)::float8 ^ (1.0/3)::float8 => ERROR 2201F a negative number raised to a non-integer power yields a complex result
                10::float8 ^ 400 => ERROR 22003 value out of range: overflow
                |/ 25 => 5
                |/ -1 => ERROR 2201F cannot take square root of a negative number
                -- glibc's cbrt(27) is 3.0000000000000004, Java's correctly rounded Math.cbrt gives 3
                ||/ 27 => 3
                -2 ^ 2 => 4
                -- numeric
                1.5 + 2.25 => 3.75
                1.50 * 2.0 => 3.000
                10 / 4.0 => 2.5000000000000000
                1 / 3.0 => 0.33333333333333333333
                1.0 / 3 => 0.33333333333333333333
                10::numeric / 4 => 2.5000000000000000
                2::numeric / 3 => 0.66666666666666666667
                1000000 / 3.0 => 333333.333333333333
                0.001 / 7 => 0.00014285714285714286
                123456789.123 / 0.0003 => 411522630410.00000000
                pg_typeof(1 + 1.5) => numeric
                pg_typeof(1::bigint + 1.5) => numeric
                pg_typeof(1.5 + 1::float8) => double precision
                1.0 / 0 => ERROR 22012 division by zero
                10.5 % 3 => 1.5
                -10.5 % 3 => -1.5
                10 % 3.25 => 0.25
                - 1.50 => -1.50
                2::numeric ^ 10 => 1024.0000000000000000
                2.5 ^ 2 => 6.2500000000000000
                2::numeric ^ 0.5 => 1.4142135623730950
                0.1 ^ 20 => 0.0000000000000000
                2::numeric ^ -2 => 0.2500000000000000
                123.456 ^ 3 => 1881640.2952028160000000
                10::numeric ^ 2.5 => 316.22776601683793
                1.1 ^ 100.5 => 14453.228155208372
                0.01 ^ 0.5 => 0.10000000000000000
                0::numeric ^ -1 => ERROR 2201F zero raised to a negative power is undefined
                (-8)::numeric ^ 0.5 => ERROR 2201F a negative number raised to a non-integer power yields a complex result
                (-2)::numeric ^ 3 => -8.0000000000000000
                1.5 * 1.5 * 1.5 => 3.375
                99999999999999999999.99 + 0.01 => 100000000000000000000.00
                -- bad operand types
                1 || 2 => ERROR 42883 operator does not exist: integer || integer
                true + 1 => ERROR 42883 operator does not exist: boolean + integer
                'abc' + 1 => ERROR 22P02 invalid input syntax for type integer: "abc"
                1 + 'abc' => ERROR 22P02 invalid input syntax for type integer: "abc"
                '1' + '2' => ERROR 42725 operator is not unique: unknown + unknown
                - true => ERROR 42883 operator does not exist: - boolean
                """);
    }
}
