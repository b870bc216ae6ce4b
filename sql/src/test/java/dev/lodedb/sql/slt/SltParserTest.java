package dev.lodedb.sql.slt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class SltParserTest {
    private static final String SCRIPT = String.join("\r\n",
            "# a comment",
            "hash-threshold 8",
            "",
            "statement ok",
            "CREATE TABLE t1(a INTEGER, b INTEGER)",
            "",
            "statement error",
            "SELECT * FROM nowhere",
            "",
            "skipif postgresql # PostgreSQL requires AS when renaming output columns",
            "query I rowsort",
            "SELECT a x FROM t1",
            "----",
            "1",
            "",
            "onlyif mysql",
            "query I nosort",
            "SELECT a DIV 2 FROM t1",
            "----",
            "",
            "onlyif postgresql",
            "query IT valuesort label-1",
            "SELECT a,",
            "       b",
            "  FROM t1",
            "----",
            "30 values hashing to 3c13dee48d9356ae19af2515e05e6b54",
            "",
            "query T",
            "SELECT ''",
            "----",
            "(empty)",
            "",
            "halt",
            "");

    @Test
    void readsRecordsAndAppliesConditionals() throws Exception {
        SltParser.Script s = SltParser.parse(new StringReader(SCRIPT), "postgresql");
        assertThat(s.skipped()).isEqualTo(2);
        List<SltRecord> r = s.records();
        assertThat(r).hasSize(6);
        assertThat(r.get(0)).isEqualTo(new SltRecord.HashThreshold(2, 8));
        assertThat(r.get(1)).isEqualTo(new SltRecord.Statement(4, "CREATE TABLE t1(a INTEGER, b INTEGER)", false));
        assertThat(((SltRecord.Statement) r.get(2)).expectError()).isTrue();
        SltRecord.Query q = (SltRecord.Query) r.get(3);
        assertThat(q.sql()).isEqualTo("SELECT a,\n       b\n  FROM t1");
        assertThat(q.types()).isEqualTo("IT");
        assertThat(q.sortMode()).isEqualTo(SltRecord.SortMode.VALUESORT);
        assertThat(q.label()).isEqualTo("label-1");
        assertThat(q.expected()).containsExactly("30 values hashing to 3c13dee48d9356ae19af2515e05e6b54");
        assertThat(((SltRecord.Query) r.get(4)).sortMode()).isEqualTo(SltRecord.SortMode.NOSORT);
        assertThat(r.get(5)).isInstanceOf(SltRecord.Halt.class);
    }

    @Test
    void malformedRecordsNameTheirLine() {
        assertThatThrownBy(() -> SltParser.parse(new StringReader("\n\nbogus record\n"), "postgresql"))
                .isInstanceOf(SltFormatException.class).hasMessageContaining("line 3").hasMessageContaining("bogus");
        assertThatThrownBy(() -> SltParser.parse(new StringReader("statement maybe\nSELECT 1\n"), "postgresql"))
                .isInstanceOf(SltFormatException.class).hasMessageContaining("line 1");
    }
}
