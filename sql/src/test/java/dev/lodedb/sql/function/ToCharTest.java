package dev.lodedb.sql.function;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** to_char, to_date and to_timestamp templates: results and errors compared with PostgreSQL 15's output for the same expressions. */
class ToCharTest {
    @TestFactory
    Stream<DynamicTest> matchesPostgres() {
        return CaseTable.cases("""
                to_char(timestamp '2024-05-07 13:04:05.123456', 'YYYY-MM-DD HH24:MI:SS.US') => 2024-05-07 13:04:05.123456
                to_char(timestamp '2024-05-07 13:04:05.123456', 'YYYY-MM-DD HH12:MI:SS.MS AM') => 2024-05-07 01:04:05.123 PM
                to_char(timestamp '2024-05-07 01:04:05', 'HH:MI pm') => 01:04 am
                to_char(timestamp '2024-05-07 00:04:05', 'HH12 A.M.') => 12 A.M.
                to_char(timestamp '2024-05-07 13:04:05', 'Day, DD Month YYYY') => Tuesday  , 07 May       2024
                to_char(timestamp '2024-05-07 13:04:05', 'FMDay, FMDD FMMonth YYYY') => Tuesday, 7 May 2024
                to_char(timestamp '2024-05-07 13:04:05', 'DAY DY Dy dy MON Mon mon MONTH month') => TUESDAY   TUE Tue tue MAY May may MAY       may\s\s\s\s\s\s
                to_char(timestamp '2024-05-07 13:04:05', 'D ID DDD IDDD W WW IW Q CC J') => 3 2 128 128 1 19 19 2 21 2460438
                to_char(timestamp '2024-05-07 13:04:05', 'YY YYY Y,YYY IYYY IY') => 24 024 2,024 2024 24
                to_char(timestamp '2024-05-07 13:04:05', 'DDth Mon FMDDth DDTH') => 07th May 7th 07TH
                to_char(timestamp '2024-05-01 13:04:05', 'FMDDth') => 1st
                to_char(timestamp '2024-05-02 13:04:05', 'FMDDth') => 2nd
                to_char(timestamp '2024-05-03 13:04:05', 'FMDDth') => 3rd
                to_char(timestamp '2024-05-11 13:04:05', 'FMDDth') => 11th
                to_char(timestamp '2024-05-07 13:04:05', 'SSSS SSSSS') => 47045 47045
                to_char(timestamp '2024-05-07 13:04:05', '"Year" YYYY "is" Q') => Year 2024 is 2
                to_char(timestamp '2024-05-07 13:04:05', 'RM rm') => V    v\s\s\s
                to_char(timestamp '0044-03-15 12:00:00 BC', 'YYYY BC AD b.c.') => 0044 BC BC b.c.
                to_char(timestamptz '2024-05-07 13:04:05+00', 'YYYY-MM-DD HH24:MI:SS TZ OF') => 2024-05-07 13:04:05 UTC +00
                to_char(date '2024-05-07', 'DD/MM/YYYY') => 07/05/2024
                to_char(interval '1 day 02:03:04.5', 'DD HH24:MI:SS.MS') => 01 02:03:04.500
                to_char(interval '27 hours 15 mins', 'HH24:MI') => 27:15
                to_char(interval '1 year 2 mons', 'YYYY MM') => 0001 02
                to_char(123, '999') =>  123
                to_char(12, '999') =>   12
                to_char(-12, '999') =>  -12
                to_char(1234, '9,999') =>  1,234
                to_char(12, '9,999') =>     12
                to_char(1234.5, '9,999.99') =>  1,234.50
                to_char(0.5, '9.99') =>   .50
                to_char(0.5, '0.99') =>  0.50
                to_char(-0.5, '9.99') =>  -.50
                to_char(12, '0999') =>  0012
                to_char(12, 'FM999') => 12
                to_char(-12, 'FM999') => -12
                to_char(1.5, 'FM9.99') => 1.5
                to_char(1.5, 'FM9.90') => 1.50
                to_char(1, 'FM9.99') => 1.
                to_char(0.5, 'FM9.99') => .5
                to_char(12345, '999') =>  ###
                to_char(12.345, '99.9') =>  12.3
                to_char(-12, 'S999') =>  -12
                to_char(12, 'S999') =>  +12
                to_char(12, '999S') =>  12+
                to_char(-12, '999PR') =>  <12>
                to_char(12, '999PR') =>   12\s
                to_char(-12, '999MI') =>  12-
                to_char(12, '999MI') =>  12\s
                to_char(1234567.891, 'FM9,999,999.99') => 1,234,567.89
                to_char(1234.5::float8, '9999.9') =>  1234.5
                to_char(0, '9999') =>     0
                to_char(0, 'FM9999') => 0
                to_char(0, '0') =>  0
                to_char(148.5, 'FM999D00') => 148.50
                to_char(-148.5, '999G999D99') =>     -148.50
                to_char(485, '"Number:" 999') => Number:  485
                to_char(1234567890123::bigint, '9999999999999') =>  1234567890123
                to_date('05 Dec 2000', 'DD Mon YYYY') => 2000-12-05
                to_date('2024-05-07', 'YYYY-MM-DD') => 2024-05-07
                to_date('20240507', 'YYYYMMDD') => 2024-05-07
                to_date('2024-13-07', 'YYYY-MM-DD') => ERROR 22008 date/time field value out of range: "2024-13-07"
                to_timestamp('2024-05-07 13:04:05', 'YYYY-MM-DD HH24:MI:SS') => 2024-05-07 13:04:05+00
                to_timestamp('2024-05-07 01:04:05 PM', 'YYYY-MM-DD HH12:MI:SS AM') => 2024-05-07 13:04:05+00
                to_timestamp('07 May 2024 13:04:05.123', 'DD Mon YYYY HH24:MI:SS.MS') => 2024-05-07 13:04:05.123+00
                to_timestamp('2024 March 7', 'YYYY Month DD') => 2024-03-07 00:00:00+00
                """);
    }
}
