package dev.lodedb.sql.parser;

import static dev.lodedb.sql.parser.ParserAssertions.assertPrints;
import static dev.lodedb.sql.parser.ParserAssertions.assertSyntaxError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.sql.ast.ColumnRef;
import dev.lodedb.sql.ast.Query;
import dev.lodedb.sql.ast.Select;
import dev.lodedb.sql.ast.SelectItem;
import dev.lodedb.sql.ast.TableName;
import org.junit.jupiter.api.Test;

/** Keywords as names where PostgreSQL allows them, and quoted identifiers. */
class KeywordIdentifierTest {

    @Test
    void commonWordsWorkAsColumnNames() {
        Query q = (Query) assertPrints(
                "SELECT name, value, text, date, year, key, type, data, position, format, time, int FROM t",
                "SELECT name, value, text, date, year, key, type, data, \"position\", format, \"time\", \"int\" FROM t");
        assertThat(((Select) q.body()).targets()).extracting(i -> ((ColumnRef) i.expr()).name())
                .containsExactly("name", "value", "text", "date", "year", "key", "type", "data", "position", "format",
                        "time", "int");
        assertPrints("SELECT * FROM t WHERE position('a' IN name) > 0 AND position > 1",
                "SELECT * FROM t WHERE ((POSITION('a' IN name) > 0) AND (\"position\" > 1))");
        assertPrints("SELECT coalesce FROM t", "SELECT \"coalesce\" FROM t");
        assertPrints("SELECT nulls FROM t ORDER BY nulls NULLS FIRST", "SELECT nulls FROM t ORDER BY nulls NULLS FIRST");
        assertPrints("SELECT at FROM t AS at", "SELECT at FROM t AS at");
        assertPrints("SELECT t.from, t.select FROM t", "SELECT t.\"from\", t.\"select\" FROM t");
        assertPrints("CREATE TABLE t (name text, value int, type int, key int, data text, position int, format text,"
                        + " year int, date date, text text, time time)",
                "CREATE TABLE t (name text, value int, type int, key int, data text, \"position\" int, format text,"
                        + " year int, date date, text text, \"time\" time)");
        assertPrints("INSERT INTO data (key, value) VALUES (1, 2)", "INSERT INTO data (key, value) VALUES (1, 2)");
    }

    @Test
    void aliasesFollowPostgresBareLabelRules() {
        Query q = (Query) assertPrints("SELECT 1 name, 2 value, 3 text, 4 key, 5 position, 6 format, 7 \"Year\"",
                "SELECT 1 AS name, 2 AS value, 3 AS text, 4 AS key, 5 AS position, 6 AS format, 7 AS \"Year\"");
        assertThat(((Select) q.body()).targets()).extracting(SelectItem::alias)
                .containsExactly("name", "value", "text", "key", "position", "format", "Year");
        assertPrints("SELECT 1 AS year, 2 AS select, 3 AS from", "SELECT 1 AS year, 2 AS select, 3 AS from");
        assertSyntaxError("SELECT 1 year", "syntax error at or near \"year\"");
        assertSyntaxError("SELECT 1 from", "syntax error at end of input");
        q = (Query) assertPrints("SELECT x FROM data, key AS k, value v", "SELECT x FROM data, key AS k, value AS v");
        assertThat(((Select) q.body()).from()).extracting(r -> ((TableName) r).name().last())
                .containsExactly("data", "key", "value");
    }

    @Test
    void reservedWordsNeedQuotes() {
        assertSyntaxError("SELECT * FROM select", "syntax error at or near \"select\"");
        assertSyntaxError("CREATE TABLE t (from int)", "syntax error at or near \"from\"");
        assertPrints("CREATE TABLE \"select\" (\"from\" int)", "CREATE TABLE \"select\" (\"from\" int)");
        assertSyntaxError("SELECT left FROM t", "syntax error at or near \"left\"");
        assertPrints("SELECT \"left\" FROM t", "SELECT \"left\" FROM t");
    }

    @Test
    void quotedIdentifiersKeepCase() {
        Query q = (Query) assertPrints("SELECT \"Select\", \"My Col\", \"a\"\"b\", \"lower\" FROM \"My Table\"",
                "SELECT \"Select\", \"My Col\", \"a\"\"b\", lower FROM \"My Table\"");
        assertThat(((Select) q.body()).targets()).extracting(i -> ((ColumnRef) i.expr()).name())
                .containsExactly("Select", "My Col", "a\"b", "lower");
        assertPrints("SELECT MyCol FROM MyTable", "SELECT mycol FROM mytable");
        assertPrints("SELECT U&\"d\\0061t\\+000061\" FROM t", "SELECT data FROM t");
    }
}
