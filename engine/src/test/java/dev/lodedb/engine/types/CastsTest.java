package dev.lodedb.engine.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Casts against PostgreSQL ({@code SELECT 'v'::from::to} with default settings). */
class CastsTest {
    private static String cast(String from, String text, String to) {
        DataType f = DataType.parse(from);
        DataType t = DataType.parse(to);
        return Values.format(t, Values.cast(Values.parse(f, text), f, t));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "numeric|2.5|integer|3", "numeric|-2.5|integer|-3", "numeric|2.4999|smallint|2",
        "double precision|2.5|integer|2", "double precision|3.5|integer|4",
        "double precision|-2.5|bigint|-2", "real|1.5|integer|2",
        "double precision|0.1|numeric|0.1", "double precision|0.30000000000000004|numeric|0.3",
        "double precision|0.3333333333333333|numeric|0.333333333333333",
        "double precision|1e20|numeric|100000000000000000000", "real|0.1|numeric|0.1",
        "double precision|-0|numeric|0", "numeric|0.1|double precision|0.1",
        "numeric|1.5|real|1.5", "integer|7|numeric|7", "bigint|9007199254740993|double precision|9.007199254740992e+15",
        "integer|2|double precision|2", "double precision|Infinity|real|Infinity",
        "numeric|12.345|numeric(4,2)|12.35", "integer|1|boolean|t", "integer|0|boolean|f",
        "boolean|t|integer|1", "boolean|t|text|true", "boolean|f|character varying|false",
        "text|abcd|character varying(2)|ab", "text|abcd|character(2)|ab", "text|a|character(3)|'a  '",
        "character(3)|a|text|a", "character(3)|a|character varying(5)|a",
        "text|42|integer|42", "text|' 42 '|bigint|42", "integer|42|text|42",
        "double precision|0.1|text|0.1", "numeric|1.50|text|1.50",
        "date|2024-01-31|timestamp without time zone|2024-01-31 00:00:00",
        "date|2024-01-31|timestamp with time zone|2024-01-31 00:00:00+00",
        "date|infinity|timestamp without time zone|infinity",
        "timestamp without time zone|2024-01-31 12:34:56|date|2024-01-31",
        "timestamp without time zone|2024-01-31 12:34:56|time without time zone|12:34:56",
        "timestamp without time zone|2024-01-31 12:34:56|timestamp with time zone|2024-01-31 12:34:56+00",
        "timestamp with time zone|2024-01-31 12:34:56+05|timestamp without time zone|2024-01-31 07:34:56",
        "timestamp with time zone|2024-01-31 23:34:56-05|date|2024-02-01",
        "time without time zone|01:02:03|interval|01:02:03", "interval|-1 hour|time without time zone|23:00:00",
        "interval|1 day 25:00|time without time zone|01:00:00",
        "timestamp without time zone|2024-01-31 12:34:56.789|timestamp(0) without time zone|2024-01-31 12:34:57",
        "jsonb|1.5|integer|2", "jsonb|true|boolean|t", "jsonb|1.25|numeric|1.25",
        "jsonb|'{\"a\": 1}'|json|'{\"a\": 1}'", "uuid|A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11|text|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "bytea|\\x0102|text|\\x0102", "text|\\x0102|bytea|\\x0102", "unknown|12|integer|12"})
    void explicitCastsMatchPostgres(String from, String text, String to, String expected) {
        assertThat(cast(from, text, to)).isEqualTo(expected);
    }

    @Test
    void assignmentEnforcesLengthsButTrimsSpaces() {
        DataType v2 = DataType.varchar(2);
        assertThat(Values.cast("ab   ", DataType.TEXT, v2, CastContext.ASSIGNMENT)).isEqualTo("ab");
        assertThatThrownBy(() -> Values.cast("abc", DataType.TEXT, v2, CastContext.ASSIGNMENT))
                .isInstanceOf(SqlException.class)
                .hasMessage("value too long for type character varying(2)")
                .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo("22001"));
        assertThat(Values.cast("日本語", DataType.TEXT, DataType.varchar(3), CastContext.ASSIGNMENT))
                .isEqualTo("日本語");
        assertThat(Values.cast("\uD83D\uDE00x", DataType.TEXT, DataType.varchar(1), CastContext.EXPLICIT))
                .isEqualTo("\uD83D\uDE00");
        assertThat(Values.cast(null, DataType.TEXT, DataType.INTEGER)).isNull();
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> Values.cast(3_000_000_000L, DataType.BIGINT, DataType.INTEGER))
                .isInstanceOf(SqlException.class).hasMessage("integer out of range");
        assertThatThrownBy(() -> Values.cast(new BigDecimal("40000"), DataType.NUMERIC, DataType.SMALLINT))
                .isInstanceOf(SqlException.class).hasMessage("smallint out of range");
        assertThatThrownBy(() -> Values.cast(new BigDecimal("1e30"), DataType.NUMERIC, DataType.BIGINT))
                .isInstanceOf(SqlException.class).hasMessage("bigint out of range");
        assertThatThrownBy(() -> Values.cast(Double.NaN, DataType.DOUBLE, DataType.INTEGER))
                .isInstanceOf(SqlException.class).hasMessage("integer out of range");
        assertThatThrownBy(() -> Values.cast(1e10, DataType.DOUBLE, DataType.INTEGER))
                .isInstanceOf(SqlException.class).hasMessage("integer out of range");
        assertThatThrownBy(() -> Values.cast(1e300, DataType.DOUBLE, DataType.REAL))
                .isInstanceOf(SqlException.class).hasMessage("value out of range: overflow");
        assertThatThrownBy(() -> Values.cast(1e-300, DataType.DOUBLE, DataType.REAL))
                .isInstanceOf(SqlException.class).hasMessage("value out of range: underflow");
        assertThatThrownBy(() -> Values.cast(Double.NaN, DataType.DOUBLE, DataType.NUMERIC))
                .isInstanceOf(SqlException.class).hasMessage("cannot convert NaN to numeric");
        assertThatThrownBy(() -> Values.cast(new BigDecimal("123.456"), DataType.NUMERIC,
                DataType.numeric(4, 2))).isInstanceOf(SqlException.class)
                .hasMessage("numeric field overflow")
                .satisfies(e -> assertThat(((SqlException) e).detail()).isEqualTo(
                        "A field with precision 4, scale 2 must round to an absolute value less than 10^2."));
        assertThatThrownBy(() -> Values.cast(true, DataType.BOOLEAN, DataType.DATE))
                .isInstanceOf(SqlException.class).hasMessage("cannot cast type boolean to date")
                .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo("42846"));
        assertThatThrownBy(() -> Values.cast(Jsonb.parse("\"x\""), DataType.JSONB, DataType.INTEGER))
                .isInstanceOf(SqlException.class).hasMessage("cannot cast jsonb string to type integer");
        assertThatThrownBy(() -> Values.cast("abc", DataType.TEXT, DataType.INTEGER))
                .isInstanceOf(SqlException.class)
                .hasMessage("invalid input syntax for type integer: \"abc\"");
    }

    @Test
    void infiniteTimestampToTimeIsNull() {
        assertThat(Values.cast(LocalDateTime.MAX, DataType.TIMESTAMP, DataType.TIME)).isNull();
        assertThat(Values.cast(LocalDate.MIN, DataType.DATE, DataType.TIMESTAMPTZ))
                .isEqualTo(Values.TIMESTAMPTZ_MINUS_INFINITY);
        assertThat(Values.cast(LocalTime.NOON, DataType.TIME, DataType.TIME)).isEqualTo(LocalTime.NOON);
    }

    @Test
    void castContextsFollowPgCast() {
        assertThat(Values.castContext(TypeId.INTEGER, TypeId.BIGINT)).isEqualTo(CastContext.IMPLICIT);
        assertThat(Values.castContext(TypeId.BIGINT, TypeId.INTEGER)).isEqualTo(CastContext.ASSIGNMENT);
        assertThat(Values.castContext(TypeId.NUMERIC, TypeId.DOUBLE)).isEqualTo(CastContext.IMPLICIT);
        assertThat(Values.castContext(TypeId.DOUBLE, TypeId.NUMERIC)).isEqualTo(CastContext.ASSIGNMENT);
        assertThat(Values.castContext(TypeId.INTEGER, TypeId.TEXT)).isEqualTo(CastContext.ASSIGNMENT);
        assertThat(Values.castContext(TypeId.TEXT, TypeId.INTEGER)).isEqualTo(CastContext.EXPLICIT);
        assertThat(Values.castContext(TypeId.VARCHAR, TypeId.TEXT)).isEqualTo(CastContext.IMPLICIT);
        assertThat(Values.castContext(TypeId.UNKNOWN, TypeId.DATE)).isEqualTo(CastContext.IMPLICIT);
        assertThat(Values.castContext(TypeId.DATE, TypeId.TIMESTAMPTZ)).isEqualTo(CastContext.IMPLICIT);
        assertThat(Values.castContext(TypeId.TIMESTAMPTZ, TypeId.DATE)).isEqualTo(CastContext.ASSIGNMENT);
        assertThat(Values.castContext(TypeId.BOOLEAN, TypeId.INTEGER)).isEqualTo(CastContext.EXPLICIT);
        assertThat(Values.castContext(TypeId.BOOLEAN, TypeId.DATE)).isNull();
        assertThat(Values.castContext(TypeId.JSONB, TypeId.NUMERIC)).isEqualTo(CastContext.EXPLICIT);
    }
}
