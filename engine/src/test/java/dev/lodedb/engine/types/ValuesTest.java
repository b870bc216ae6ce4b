package dev.lodedb.engine.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Text input and output against PostgreSQL's own behaviour (expected values are what psql shows
 * for {@code SELECT 'input'::type} with default settings, PostgreSQL 16).
 */
class ValuesTest {
    private static String io(String type, String input) {
        DataType t = DataType.parse(type);
        return Values.format(t, Values.parse(t, input));
    }

    private static void fails(String type, String input, String state, String message) {
        assertThatThrownBy(() -> Values.parse(DataType.parse(type), input))
                .isInstanceOf(SqlException.class).hasMessage(message)
                .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo(state));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "boolean|t|t", "boolean|TRUE|t", "boolean| yes |t", "boolean|on|t", "boolean|1|t",
        "boolean|tr|t", "boolean|f|f", "boolean|false|f", "boolean|no|f", "boolean|off|f",
        "boolean|of|f", "boolean|0|f", "boolean|N|f",
        "smallint|-32768|-32768", "integer|'  42  '|42", "integer|+7|7", "integer|1_000|1000",
        "integer|0x1F|31", "integer|-0o17|-15", "integer|0b101|5", "integer|0x_1f|31",
        "bigint|-9223372036854775808|-9223372036854775808",
        "numeric|1.50|1.50", "numeric|1e2|100", "numeric|1.5e1|15", "numeric|1.50e1|15.0",
        "numeric|.5|0.5", "numeric|5.|5", "numeric|-0.0|0.0", "numeric|1e-3|0.001",
        "numeric|' +12.3400 '|12.3400", "numeric|1_000.5|1000.5", "numeric|0x10|16",
        "numeric(5,2)|123.456|123.46", "numeric(4,2)|1.005|1.01", "numeric(4,2)|-1.005|-1.01",
        "numeric(3)|2.5|3", "numeric(3,-1)|1234|1230", "numeric(2,4)|0.00125|0.0013",
        "double precision|0.1|0.1", "double precision|1e100|1e+100",
        "double precision|1e15|1e+15", "double precision|1e14|100000000000000",
        "double precision|123456789012345678|1.2345678901234568e+17",
        "double precision|0.0001|0.0001", "double precision|0.00001|1e-05",
        "double precision|1.5e-7|1.5e-07", "double precision|Infinity|Infinity",
        "double precision|-inf|-Infinity", "double precision|nan|NaN",
        "double precision|-0|-0", "double precision|0.30000000000000004|0.30000000000000004",
        "double precision|9223372036854775807|9.223372036854776e+18",
        "double precision|5e-324|5e-324",
        "double precision|1.7976931348623157e308|1.7976931348623157e+308",
        "double precision|' 2.5 '|2.5", "double precision|0x1.8p1|3", "double precision|100|100",
        "double precision|-123.456|-123.456", "double precision|1e22|1e+22",
        "double precision|1e23|1e+23", "double precision|2e-3|0.002",
        "real|0.1|0.1", "real|1e6|1e+06", "real|123456|123456", "real|1234567|1.234567e+06",
        "real|1.1|1.1", "real|3.4028235e38|3.4028235e+38", "real|-0.0|-0", "real|1e-45|1e-45",
        "text|hello|hello", "character varying(5)|abc|abc", "character(5)|ab|'ab   '",
        "character(2)|'ab   '|ab", "bpchar|'ab  '|'ab  '",
        "bytea|\\x0A0b|\\x0a0b", "bytea|abc|\\x616263", "bytea|\\\\|\\x5c", "bytea|a\\001b|\\x610162",
        "bytea|'\\x 0a 0b'|\\x0a0b", "bytea|''|\\x",
        "date|2024-01-31|2024-01-31", "date|January 8, 1999|1999-01-08",
        "date|1/8/1999|1999-01-08", "date|19990108|1999-01-08", "date|1999-Jan-08|1999-01-08",
        "date|08-Jan-1999|1999-01-08", "date|8 January 1999|1999-01-08",
        "date|Jan 8 99|1999-01-08", "date|1/8/05|2005-01-08",
        "date|0001-01-01 BC|0001-01-01 BC", "date|4714-11-24 BC|4714-11-24 BC",
        "date|5874897-12-31|5874897-12-31", "date|12345-06-07|12345-06-07",
        "date|infinity|infinity", "date|-infinity|-infinity", "date|epoch|1970-01-01",
        "date|2024-01-31 12:34:56+02|2024-01-31", "date|Wed Jan 31 2024|2024-01-31",
        "time|04:05:06.789|04:05:06.789", "time|4:5|04:05:00", "time|04:05:06 PST8PDT|04:05:06",
        "time|12:00:00.0000005|12:00:00.000001", "time|2024-01-31 04:05|04:05:00",
        "time|040506|04:05:06", "time|allballs|00:00:00", "time(0)|04:05:06.5|04:05:07",
        "timestamp|2024-01-31 12:34:56.789|2024-01-31 12:34:56.789",
        "timestamp|2024-01-31T12:34:56Z|2024-01-31 12:34:56",
        "timestamp|2024-01-31|2024-01-31 00:00:00",
        "timestamp|2024-01-31 24:00:00|2024-02-01 00:00:00",
        "timestamp|20240131T123456|2024-01-31 12:34:56",
        "timestamp|0001-01-01 00:00:00 BC|0001-01-01 00:00:00 BC",
        "timestamp|294276-12-31 23:59:59.999999|294276-12-31 23:59:59.999999",
        "timestamp|infinity|infinity", "timestamp(2)|2024-01-31 12:34:56.789|2024-01-31 12:34:56.79",
        "timestamp with time zone|2024-01-31 12:34:56+02|2024-01-31 10:34:56+00",
        "timestamp with time zone|2024-01-31 12:34:56|2024-01-31 12:34:56+00",
        "timestamp with time zone|2024-07-01 12:00 Europe/Oslo|2024-07-01 10:00:00+00",
        "timestamp with time zone|2024-01-31 12:34:56.5-05:30|2024-01-31 18:04:56.5+00",
        "timestamp with time zone|2024-01-31T12:34:56Z|2024-01-31 12:34:56+00",
        "timestamp with time zone|2024-01-31 12:34:56 UTC|2024-01-31 12:34:56+00",
        "timestamp with time zone|-infinity|-infinity",
        "timestamp with time zone|epoch|1970-01-01 00:00:00+00",
        "interval|1 year 2 months 3 days 4 hours 5 minutes 6 seconds|1 year 2 mons 3 days 04:05:06",
        "interval|1 year 2 mons 3 days 04:05:06|1 year 2 mons 3 days 04:05:06",
        "interval|-1 day +02:03|-1 days +02:03:00", "interval|1.5 years|1 year 6 mons",
        "interval|1 day ago|-1 days", "interval|@ 1 hour ago|-01:00:00",
        "interval|P1Y2M3DT4H5M6S|1 year 2 mons 3 days 04:05:06", "interval|PT1.5S|00:00:01.5",
        "interval|P1W|7 days", "interval|1-2|1 year 2 mons", "interval|3 4:05:06|3 days 04:05:06",
        "interval|1-2 3 4:05:06|1 year 2 mons 3 days 04:05:06", "interval|0|00:00:00",
        "interval|5|00:00:05", "interval|1 week|7 days", "interval|1.5 months|1 mon 15 days",
        "interval|1.5 days|1 day 12:00:00", "interval|-1.5 days|-1 days -12:00:00",
        "interval|1 mon -1 day|1 mon -1 days", "interval|1 day -1 hour|1 day -01:00:00",
        "interval|-1 year|-1 years", "interval|10 minutes 30|00:10:30", "interval|1day|1 day",
        "interval|2 decades|20 years", "interval|1 century|100 years",
        "interval|1 millennium|1000 years", "interval|1.5 ms|00:00:00.0015",
        "interval|123 us|00:00:00.000123", "interval|-00:00:01.5|-00:00:01.5",
        "interval|36:00|36:00:00", "interval|1 mon 2 days 03:04:05.5|1 mon 2 days 03:04:05.5",
        "interval|-1 mon +1 day -01:00|-1 mons +1 day -01:00:00",
        "interval(0)|1.6 seconds|00:00:02",
        "uuid|A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "uuid|{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "uuid|a0eebc999c0b4ef8bb6d6bb9bd380a11|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "uuid|a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "json|'{\"a\" : 1,  \"a\": 2}'|'{\"a\" : 1,  \"a\": 2}'",
        "jsonb|'{\"b\":1,\"a\":[1,2.50,{\"c\":null}],\"aa\":true,\"b\":2}'|'{\"a\": [1, 2.50, {\"c\": null}], \"b\": 2, \"aa\": true}'",
        "jsonb|1e2|100", "jsonb|' \"\\u00e9\\n\" '|'\"é\\n\"'", "jsonb|[]|[]", "jsonb|{}|{}",
        "jsonb|'\"\\u0001\"'|'\"\\u0001\"'", "jsonb|-0|0", "jsonb|'[1, [2, {\"x\": false}]]'|'[1, [2, {\"x\": false}]]'"})
    void textRoundTripMatchesPostgres(String type, String input, String output) {
        assertThat(io(type, input)).isEqualTo(output);
    }

    @Test
    void invalidInputGivesPostgresErrors() {
        fails("integer", "abc", "22P02", "invalid input syntax for type integer: \"abc\"");
        fails("integer", "", "22P02", "invalid input syntax for type integer: \"\"");
        fails("integer", "1__0", "22P02", "invalid input syntax for type integer: \"1__0\"");
        fails("integer", "1_", "22P02", "invalid input syntax for type integer: \"1_\"");
        fails("integer", "1.5", "22P02", "invalid input syntax for type integer: \"1.5\"");
        fails("integer", "99999999999", "22003",
                "value \"99999999999\" is out of range for type integer");
        fails("smallint", "40000", "22003", "value \"40000\" is out of range for type smallint");
        fails("bigint", "9223372036854775808", "22003",
                "value \"9223372036854775808\" is out of range for type bigint");
        fails("boolean", "o", "22P02", "invalid input syntax for type boolean: \"o\"");
        fails("boolean", "truex", "22P02", "invalid input syntax for type boolean: \"truex\"");
        fails("numeric", "1.2.3", "22P02", "invalid input syntax for type numeric: \"1.2.3\"");
        fails("numeric", "e5", "22P02", "invalid input syntax for type numeric: \"e5\"");
        fails("numeric", "NaN", "0A000", "numeric NaN and Infinity are not supported");
        fails("numeric", "1e1001", "22003", "value overflows numeric format");
        fails("numeric(5,2)", "999.995", "22003", "numeric field overflow");
        fails("double precision", "abc", "22P02",
                "invalid input syntax for type double precision: \"abc\"");
        fails("double precision", "1e400", "22003",
                "\"1e400\" is out of range for type double precision");
        fails("double precision", " 1e-400 ", "22003",
                "\"1e-400\" is out of range for type double precision");
        fails("double precision", "1.0d", "22P02",
                "invalid input syntax for type double precision: \"1.0d\"");
        fails("real", "1e40", "22003", "\"1e40\" is out of range for type real");
        fails("character varying(3)", "abcd", "22001",
                "value too long for type character varying(3)");
        fails("character(2)", "abc", "22001", "value too long for type character(2)");
        fails("text", "a\u0000b", "22021", "invalid byte sequence for encoding \"UTF8\": 0x00");
        fails("bytea", "\\x0g", "22023", "invalid hexadecimal digit: \"g\"");
        fails("bytea", "\\x0", "22023", "invalid hexadecimal data: odd number of digits");
        fails("bytea", "\\9", "22P02", "invalid input syntax for type bytea");
        fails("date", "2024-02-30", "22008", "date/time field value out of range: \"2024-02-30\"");
        fails("date", "0000-01-01", "22008", "date/time field value out of range: \"0000-01-01\"");
        fails("date", "4714-11-23 BC", "22008", "date out of range: \"4714-11-23 BC\"");
        fails("date", "garbage", "22007", "invalid input syntax for type date: \"garbage\"");
        fails("date", "today", "0A000",
                "date/time value \"today\" is not supported in this context");
        fails("time", "25:00", "22008", "date/time field value out of range: \"25:00\"");
        fails("timestamp", "2024-01-31 12:60", "22008",
                "date/time field value out of range: \"2024-01-31 12:60\"");
        fails("timestamp", "294277-01-01", "22008",
                "timestamp out of range: \"294277-01-01\"");
        fails("timestamp with time zone", "2024-01-31 12:00 Mars/Olympus", "22007",
                "invalid input syntax for type timestamp with time zone: "
                        + "\"2024-01-31 12:00 Mars/Olympus\"");
        fails("interval", "1 day 2 days", "22007",
                "invalid input syntax for type interval: \"1 day 2 days\"");
        fails("interval", "day", "22007", "invalid input syntax for type interval: \"day\"");
        fails("interval", "1 fortnight", "22007",
                "invalid input syntax for type interval: \"1 fortnight\"");
        fails("interval", "99999999999 years", "22008",
                "interval field value out of range: \"99999999999 years\"");
        fails("uuid", "xyz", "22P02", "invalid input syntax for type uuid: \"xyz\"");
        fails("uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "22P02",
                "invalid input syntax for type uuid: \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1\"");
        fails("json", "{\"a\":}", "22P02", "invalid input syntax for type json");
        fails("json", "[1,2,]", "22P02", "invalid input syntax for type json");
        fails("json", "01", "22P02", "invalid input syntax for type json");
        fails("json", "1 2", "22P02", "invalid input syntax for type json");
        fails("json", "", "22P02", "invalid input syntax for type json");
        fails("jsonb", "{'a':1}", "22P02", "invalid input syntax for type json");
        fails("jsonb", "\"\\u0000\"", "22P05", "unsupported Unicode escape sequence");
        fails("jsonb", "\"\\ud800\"", "22P02", "invalid input syntax for type json");
    }

    @Test
    void javaRepresentations() {
        assertThat(Values.parse(DataType.SMALLINT, "1")).isInstanceOf(Short.class);
        assertThat(Values.parse(DataType.INTEGER, "1")).isInstanceOf(Integer.class);
        assertThat(Values.parse(DataType.BIGINT, "1")).isInstanceOf(Long.class);
        assertThat(Values.parse(DataType.REAL, "1")).isInstanceOf(Float.class);
        assertThat(Values.parse(DataType.DOUBLE, "1")).isInstanceOf(Double.class);
        assertThat(Values.parse(DataType.NUMERIC, "1.50")).isEqualTo(new BigDecimal("1.50"));
        assertThat(Values.parse(DataType.DATE, "2024-01-31")).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(Values.parse(DataType.DATE, "infinity")).isEqualTo(LocalDate.MAX);
        assertThat(Values.parse(DataType.TIME, "01:02:03")).isEqualTo(LocalTime.of(1, 2, 3));
        assertThat(Values.parse(DataType.TIMESTAMP, "2024-01-31 01:02:03"))
                .isEqualTo(LocalDateTime.of(2024, 1, 31, 1, 2, 3));
        assertThat(Values.parse(DataType.TIMESTAMPTZ, "2024-01-31 01:02:03+01"))
                .isEqualTo(OffsetDateTime.of(2024, 1, 31, 0, 2, 3, 0, ZoneOffset.UTC));
        assertThat(Values.parse(DataType.INTERVAL, "1 mon 2 days 00:00:03"))
                .isEqualTo(new Interval(1, 2, 3_000_000));
        assertThat(Values.parse(DataType.UUID, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"))
                .isEqualTo(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        assertThat(Values.parse(DataType.BYTEA, "\\x00ff")).isEqualTo(new byte[] {0, -1});
        assertThat(Values.format(DataType.TEXT, null)).isNull();
        for (TypeId t : TypeId.values()) {
            assertThat(Values.javaClass(t)).isNotNull();
        }
    }

    @Test
    void checkRejectsWrongClassesAndOutOfRangeValues() {
        assertThatThrownBy(() -> Values.check(DataType.INTEGER, 1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Values.check(DataType.DATE, LocalDate.of(-5000, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Values.check(DataType.TIME, LocalTime.of(1, 2, 3, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Values.check(DataType.TIMESTAMPTZ,
                OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Values.check(DataType.TEXT, "a\uD800"))
                .isInstanceOf(IllegalArgumentException.class);
        Values.check(DataType.DATE, LocalDate.MAX);
        Values.check(DataType.TIMESTAMPTZ, Values.TIMESTAMPTZ_MINUS_INFINITY);
    }

    @Test
    void comparisonFollowsPostgresBtreeOrder() {
        assertThat(Values.compare(DataType.DOUBLE, Double.NaN, Double.POSITIVE_INFINITY)).isPositive();
        assertThat(Values.compare(DataType.DOUBLE, Double.NaN, Double.NaN)).isZero();
        assertThat(Values.compare(DataType.DOUBLE, -0.0, 0.0)).isZero();
        assertThat(Values.compare(DataType.REAL, -1f, 0f)).isNegative();
        assertThat(Values.compare(DataType.NUMERIC, new BigDecimal("1.0"), BigDecimal.ONE)).isZero();
        assertThat(Values.compare(DataType.TEXT, "\uFFFD", "\uD83D\uDE00")).isNegative();
        assertThat(Values.compare(DataType.TEXT, "B", "a")).isNegative();
        assertThat(Values.compare(DataType.TEXT, "a", "ab")).isNegative();
        assertThat(Values.compare(DataType.character(3), "a  ", "a")).isZero();
        assertThat(Values.compare(DataType.BPCHAR, "a\u0001", "a ")).isPositive();
        assertThat(Values.compare(DataType.UUID, new UUID(-1, 0), new UUID(1, 0))).isPositive();
        assertThat(Values.compare(DataType.INTERVAL, new Interval(1, 0, 0),
                new Interval(0, 30, 0))).isZero();
        assertThat(Values.compare(DataType.BYTEA, new byte[] {(byte) 0xff}, new byte[] {1}))
                .isPositive();
        assertThatThrownBy(() -> Values.compare(DataType.JSON, new Json("1"), new Json("2")))
                .isInstanceOf(SqlException.class).hasMessageContaining("ordering operator");
    }
}
