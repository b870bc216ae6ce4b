package dev.lodedb.sql.function;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Mathematical functions: results and errors compared with PostgreSQL 15's output for the same expressions. */
class MathFunctionsTest {
    @TestFactory
    Stream<DynamicTest> matchesPostgres() {
        return CaseTable.cases("""
                abs(-5) => 5
                abs(-5.5) => 5.5
                abs(-5.5::float8) => 5.5
                abs(-2147483648) => ERROR 22003 integer out of range
                abs(-32768::smallint) => ERROR 22003 smallint out of range
                pg_typeof(abs(-5::smallint)) => smallint
                abs(NULL) => NULL
                ceil(4.2) => 5
                ceil(-4.2) => -4
                ceiling(4.2::float8) => 5
                floor(-4.2) => -5
                floor(4.7::float8) => 4
                pg_typeof(ceil(4)) => double precision
                round(2.5::float8) => 2
                round(3.5::float8) => 4
                round(2.5) => 3
                round(-2.5) => -3
                round(1234.5678, 2) => 1234.57
                round(1234.5, -2) => 1200
                round(1.5, 5) => 1.50000
                round(42) => 42
                pg_typeof(round(42)) => double precision
                trunc(1.99, 1) => 1.9
                trunc(-1.99) => -1
                trunc(-1.99::float8) => -1
                trunc(1234.567, -2) => 1200
                sign(-3.5) => -1
                sign(0::float8) => 0
                sign(12) => 1
                sqrt(2) => 1.4142135623730951
                sqrt(2::numeric) => 1.414213562373095
                sqrt(100::numeric) => 10.000000000000000
                sqrt(0.0001) => 0.01000000000000000
                sqrt(1e20::numeric) => 10000000000.00000
                sqrt(2.0000000000000000000000001) => 1.4142135623730950488016888
                sqrt(-1) => ERROR 2201F cannot take square root of a negative number
                sqrt(-1::numeric) => ERROR 2201F cannot take square root of a negative number
                -- glibc's cbrt(27) is 3.0000000000000004, Java's correctly rounded Math.cbrt gives 3
                cbrt(27) => 3
                power(2, 10) => 1024
                power(2::numeric, 10) => 1024.0000000000000000
                pow(2.0, 0.5) => 1.4142135623730950
                power(-1, 0.5) => ERROR 2201F a negative number raised to a non-integer power yields a complex result
                exp(1) => 2.718281828459045
                exp(1.0) => 2.7182818284590452
                exp(10.0) => 22026.465794806717
                exp(-10.0) => 0.00004539992976248485
                exp(0.001) => 1.0010005001667083
                exp(1.00000000000000000000) => 2.71828182845904523536
                exp(1000::float8) => ERROR 22003 value out of range: overflow
                exp(-1000::float8) => ERROR 22003 value out of range: underflow
                ln(2) => 0.6931471805599453
                ln(2.0) => 0.6931471805599453
                ln(1.05) => 0.048790164169432003
                ln(1000000.0) => 13.815510557964274
                ln(0.001) => -6.9077552789821371
                ln(0) => ERROR 2201E cannot take logarithm of zero
                ln(-1.0) => ERROR 2201E cannot take logarithm of a negative number
                log(100) => 2
                log(100.0) => 2.0000000000000000
                log(0.001) => -3.0000000000000000
                log(1.01) => 0.004321373782642574
                log(2.0, 8.0) => 3.0000000000000000
                log(2, 64) => 6.0000000000000000
                log10(1000) => 3
                log(0) => ERROR 2201E cannot take logarithm of zero
                mod(7, 3) => 1
                mod(-7, 3) => -1
                mod(7, 0) => ERROR 22012 division by zero
                mod(10.5, 3) => 1.5
                mod(9223372036854775807, -1) => 0
                pg_typeof(mod(7::smallint, 3::smallint)) => smallint
                div(9, 4) => 2
                div(-9, 4) => -2
                div(9.5, 0) => ERROR 22012 division by zero
                pg_typeof(div(9, 4)) => numeric
                pi() => 3.141592653589793
                degrees(pi()) => 180
                radians(180) => 3.141592653589793
                sin(0) => 0
                cos(0) => 1
                tan(0.5) => 0.5463024898437905
                asin(1) => 1.5707963267948966
                acos(2) => ERROR 22003 input is out of range
                atan(1) => 0.7853981633974483
                atan2(1, 1) => 0.7853981633974483
                cot(1) => 0.6420926159343306
                sinh(1) => 1.1752011936438014
                atanh(2) => ERROR 22003 input is out of range
                gcd(12, 18) => 6
                gcd(-12, 18) => 6
                gcd(0, 0) => 0
                gcd(-2147483648, 0) => ERROR 22003 integer out of range
                lcm(4, 6) => 12
                lcm(2147483647, 2147483646) => ERROR 22003 integer out of range
                gcd(12::bigint, 18::bigint) => 6
                scale(1.500) => 3
                scale(10) => 0
                min_scale(1.500) => 1
                trim_scale(1.500) => 1.5
                width_bucket(5.35, 0.024, 10.06, 5) => 3
                width_bucket(5.35::float8, 0.024, 10.06, 5) => 3
                width_bucket(-1, 0, 10, 5) => 0
                width_bucket(10, 0, 10, 5) => 6
                width_bucket(5, 10, 0, 5) => 3
                width_bucket(5, 0, 10, 0) => ERROR 2201G count must be greater than zero
                width_bucket(5, 1, 1, 3) => ERROR 2201G lower bound cannot equal upper bound
                """);
    }
}
