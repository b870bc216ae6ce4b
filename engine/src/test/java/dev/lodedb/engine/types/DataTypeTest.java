package dev.lodedb.engine.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataTypeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "int|integer", "INT4|integer", "integer|integer", "int2|smallint", "smallint|smallint",
        "int8|bigint", "BigInt|bigint", "float4|real", "real|real", "float8|double precision",
        "double precision|double precision", "DOUBLE   PRECISION|double precision",
        "float|double precision", "float(1)|real", "float(24)|real", "float(25)|double precision",
        "float(53)|double precision", "numeric|numeric", "decimal|numeric", "dec(5)|numeric(5,0)",
        "numeric(10,2)|numeric(10,2)", "numeric( 10 , 2 )|numeric(10,2)",
        "numeric(3,-2)|numeric(3,-2)", "text|text", "varchar|character varying",
        "varchar(10)|character varying(10)", "character varying(10)|character varying(10)",
        "char varying(3)|character varying(3)", "national character varying(4)|character varying(4)",
        "char|character(1)", "character|character(1)", "char(5)|character(5)",
        "character(5)|character(5)", "nchar(2)|character(2)", "bpchar|bpchar",
        "bpchar(3)|character(3)", "bool|boolean", "boolean|boolean", "bytea|bytea", "date|date",
        "time|time without time zone", "time without time zone|time without time zone",
        "time(3)|time(3) without time zone", "timestamp|timestamp without time zone",
        "timestamp(0) without time zone|timestamp(0) without time zone",
        "timestamptz|timestamp with time zone", "timestamp with time zone|timestamp with time zone",
        "timestamp(3) with time zone|timestamp(3) with time zone",
        "timestamptz(9)|timestamp(6) with time zone", "interval|interval",
        "interval(2)|interval(2)", "uuid|uuid", "json|json", "jsonb|jsonb", "unknown|unknown",
        "serial|integer", "serial4|integer", "bigserial|bigint", "serial8|bigint",
        "smallserial|smallint", "serial2|smallint", "pg_catalog.int4|integer",
        "\"int4\"|integer", "\"varchar\"(7)|character varying(7)", "\"timestamptz\"|timestamp with time zone"})
    void parsesEveryPostgresSpelling(String text, String display) {
        DataType t = DataType.parse(text);
        assertThat(t.toString()).isEqualTo(display);
        assertThat(DataType.parse(t.toString())).isEqualTo(t);
    }

    @Test
    void modifiersAndTypmod() {
        DataType n = DataType.parse("numeric(10,2)");
        assertThat(n.id()).isEqualTo(TypeId.NUMERIC);
        assertThat(n.precision()).isEqualTo(10);
        assertThat(n.scale()).isEqualTo(2);
        assertThat(n.typmod()).isEqualTo((10 << 16 | 2) + 4);
        assertThat(DataType.parse("varchar(10)").typmod()).isEqualTo(14);
        assertThat(DataType.parse("varchar(10)").length()).isEqualTo(10);
        assertThat(DataType.TEXT.typmod()).isEqualTo(-1);
        assertThat(DataType.parse("timestamp(3)").typmod()).isEqualTo(3);
        assertThat(DataType.parse("varchar(10)").withoutModifiers()).isEqualTo(DataType.VARCHAR);
        assertThat(DataType.isSerial("BIGSERIAL")).isTrue();
        assertThat(DataType.isSerial("bigint")).isFalse();
        assertThat(TypeId.fromOid(23)).isEqualTo(TypeId.INTEGER);
        assertThat(TypeId.JSONB.oid()).isEqualTo(3802);
        assertThat(TypeId.CHAR.typname()).isEqualTo("bpchar");
        assertThat(TypeId.fromOid(99999)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo|42704|type \"foo\" does not exist",
        "\"integer\"|42704|type \"integer\" does not exist",
        "int[]|0A000|array types are not supported yet",
        "integer array|0A000|array types are not supported yet",
        "text(5)|42601|type modifier is not allowed for type \"text\"",
        "varchar(0)|22023|length for type varchar must be at least 1",
        "varchar(10485761)|22023|length for type varchar cannot exceed 10485760",
        "char(0)|22023|length for type char must be at least 1",
        "numeric(0)|22023|NUMERIC precision 0 must be between 1 and 1000",
        "numeric(1001)|22023|NUMERIC precision 1001 must be between 1 and 1000",
        "numeric(5,1001)|22023|NUMERIC scale 1001 must be between -1000 and 1000",
        "float(0)|22023|precision for type float must be at least 1 bit",
        "float(54)|22023|precision for type float must be less than 54 bits",
        "time with time zone|0A000|type time with time zone is not supported",
        "timetz|0A000|type time with time zone is not supported",
        "interval year|0A000|interval fields (YEAR ...) are not supported yet",
        "double|42601|syntax error in type name \"double\"",
        "numeric(1,2,3)|42601|invalid NUMERIC type modifier"})
    void rejectsBadNames(String text, String state, String message) {
        assertThatThrownBy(() -> DataType.parse(text)).isInstanceOf(SqlException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo(state));
    }
}
