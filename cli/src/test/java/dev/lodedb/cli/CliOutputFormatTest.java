package dev.lodedb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.Column;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Json;
import dev.lodedb.engine.types.Values;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every {@link OutputFormat}, value by value: layouts as psql prints them, CSV quoting, JSON types. */
class CliOutputFormatTest {
    private static final List<Column> COLUMNS = List.of(new Column("a", DataType.INTEGER),
            new Column("bbbb", DataType.TEXT), new Column("n", DataType.INTEGER));

    private static String print(PrintSettings settings, List<Column> columns, Object[]... rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ResultWriter w = ResultWriter.create(settings, out);
        w.begin(null, columns);
        for (Object[] r : rows) {
            w.row(r);
        }
        w.end(rows.length, List.of());
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static PrintSettings format(OutputFormat f) {
        PrintSettings s = new PrintSettings();
        s.format = f;
        return s;
    }

    @Test
    void alignedAsPsql() {
        assertThat(print(format(OutputFormat.ALIGNED), COLUMNS, new Object[] {1, "xx", null})).isEqualTo("""
                 a | bbbb | n\s
                ---+------+---
                 1 | xx   | \s
                (1 row)

                """);
    }

    @Test
    void alignedRightAlignsNumbersAndMarksLineBreaks() {
        List<Column> cols = List.of(new Column("a", DataType.INTEGER), new Column("b", DataType.TEXT),
                new Column("c", DataType.TEXT));
        assertThat(print(format(OutputFormat.ALIGNED), cols, new Object[] {12345, "x\ny", "z"})).isEqualTo("""
                   a   | b | c\s
                -------+---+---
                 12345 | x+| z
                       | y |\s
                (1 row)

                """);
    }

    @Test
    void alignedEmptyResultAndNullDisplayAndNoFooter() {
        PrintSettings s = format(OutputFormat.ALIGNED);
        assertThat(print(s, List.of(new Column("a", DataType.INTEGER)))).isEqualTo(" a \n---\n(0 rows)\n\n");
        s.nullString = "NULL";
        s.footer = false;
        assertThat(print(s, List.of(new Column("?column?", DataType.INTEGER)), new Object[] {null}))
                .isEqualTo(" ?column? \n----------\n     NULL\n\n");
    }

    @Test
    void expandedAsPsql() {
        PrintSettings s = format(OutputFormat.ALIGNED);
        s.expanded = PrintSettings.Expanded.ON;
        List<Column> cols = COLUMNS.subList(0, 2);
        assertThat(print(s, cols, new Object[] {1, "xx"})).isEqualTo("""
                -[ RECORD 1 ]
                a    | 1
                bbbb | xx

                """);
        assertThat(print(s, cols, new Object[] {1, "xx"}, new Object[] {2, "yyyyyyyyyyyyyyyyy"})).isEqualTo("""
                -[ RECORD 1 ]-----------
                a    | 1
                bbbb | xx
                -[ RECORD 2 ]-----------
                a    | 2
                bbbb | yyyyyyyyyyyyyyyyy

                """);
        assertThat(print(s, cols)).isEqualTo("(0 rows)\n\n");
    }

    @Test
    void expandedAutoWhenWiderThanTheTerminal() {
        PrintSettings s = format(OutputFormat.ALIGNED);
        s.expanded = PrintSettings.Expanded.AUTO;
        s.terminalWidth = 20;
        List<Column> cols = List.of(new Column("name", DataType.TEXT));
        assertThat(print(s, cols, new Object[] {"short"})).startsWith(" name  \n");
        assertThat(print(s, cols, new Object[] {"a value wider than twenty columns"})).startsWith("-[ RECORD 1 ]");
    }

    @Test
    void csvQuotesOnlyWhatNeedsQuotingAndTellsNullFromEmpty() {
        List<Column> cols = List.of(new Column("a", DataType.TEXT), new Column("b", DataType.TEXT),
                new Column("c", DataType.TEXT), new Column("d", DataType.TEXT), new Column("e", DataType.TEXT),
                new Column("f g", DataType.NUMERIC), new Column("h", DataType.BOOLEAN));
        assertThat(print(format(OutputFormat.CSV), cols,
                new Object[] {"", " x", "l1\nl2", null, "a\"b", new BigDecimal("1.50"), true}))
                .isEqualTo("a,b,c,d,e,f g,h\n\"\", x,\"l1\nl2\",,\"a\"\"b\",1.50,t\n");
        assertThat(print(format(OutputFormat.CSV), List.of(new Column("x,y", DataType.TEXT)), new Object[] {"1,2"}))
                .isEqualTo("\"x,y\"\n\"1,2\"\n");
    }

    @Test
    void jsonTypesNumbersUnquotedNullAsNullStringsEscaped() {
        List<Column> cols = List.of(new Column("i", DataType.INTEGER), new Column("n", DataType.NUMERIC),
                new Column("d", DataType.DOUBLE), new Column("b", DataType.BOOLEAN), new Column("t", DataType.TEXT),
                new Column("j", DataType.JSONB), new Column("z", DataType.INTEGER), new Column("day", DataType.DATE));
        Object jsonb = Values.parse(DataType.JSONB, "{\"k\": [1, \"two\"]}");
        Object[] row = {7, new BigDecimal("2.50"), Double.NaN, false, "say \"hi\"\n\tand \\ \u0001", jsonb, null,
            Values.parse(DataType.DATE, "2024-02-29")};
        String expectedObject = "{\"i\":7,\"n\":2.50,\"d\":\"NaN\",\"b\":false,"
                + "\"t\":\"say \\\"hi\\\"\\n\\tand \\\\ \\u0001\",\"j\":{\"k\": [1, \"two\"]},\"z\":null,"
                + "\"day\":\"2024-02-29\"}";
        assertThat(print(format(OutputFormat.JSON), cols, row, row))
                .isEqualTo("[\n" + expectedObject + ",\n" + expectedObject + "\n]\n");
        assertThat(print(format(OutputFormat.JSONLINES), cols, row, row))
                .isEqualTo(expectedObject + "\n" + expectedObject + "\n");
        assertThat(print(format(OutputFormat.JSON), cols)).isEqualTo("[]\n");
    }

    @Test
    void jsonKeepsJsonTextOnOneLineForJsonLines() {
        List<Column> cols = List.of(new Column("j", DataType.JSON));
        assertThat(print(format(OutputFormat.JSONLINES), cols, new Object[] {new Json("{\"a\":\n 1}")}))
                .isEqualTo("{\"j\":{\"a\": 1}}\n");
        assertThat(print(format(OutputFormat.JSONLINES), cols, new Object[] {new Json("[1,2]")}))
                .isEqualTo("{\"j\":[1,2]}\n");
    }

    @Test
    void markdownTable() {
        List<Column> cols = List.of(new Column("id", DataType.INTEGER), new Column("name", DataType.TEXT));
        assertThat(print(format(OutputFormat.MARKDOWN), cols, new Object[] {1, "a|b"}, new Object[] {22, "x\ny"}))
                .isEqualTo("""
                        | id  | name   |
                        |----:|--------|
                        |   1 | a\\|b   |
                        |  22 | x<br>y |
                        """);
    }

    @Test
    void unalignedAsPsql() {
        List<Column> cols = List.of(new Column("a", DataType.INTEGER), new Column("b", DataType.TEXT),
                new Column("c", DataType.TEXT));
        assertThat(print(format(OutputFormat.UNALIGNED), cols, new Object[] {1, "x,\"y", null}))
                .isEqualTo("a|b|c\n1|x,\"y|\n(1 row)\n");
    }

    @Test
    void formatNamesAndPrefixes() {
        assertThat(OutputFormat.parse("CSV")).isEqualTo(OutputFormat.CSV);
        assertThat(OutputFormat.parse("jsonl")).isEqualTo(OutputFormat.JSONLINES);
        assertThat(OutputFormat.parse("a")).isEqualTo(OutputFormat.ALIGNED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OutputFormat.parse("wrapped"))
                .hasMessageContaining("aligned, csv, json, jsonlines, markdown, unaligned");
        assertThat(CommandRunner.formatTime(12.3456)).isEqualTo("12.346 ms");
        assertThat(CommandRunner.formatTime(61_234.5)).isEqualTo("61234.500 ms (01:01.235)");
    }
}
