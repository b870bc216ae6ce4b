package dev.lodedb.sql.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SltResultsTest {
    @Test
    void rendersByDeclaredType() {
        assertThat(SltResults.render(null, 'I')).isEqualTo("NULL");
        assertThat(SltResults.render(42, 'I')).isEqualTo("42");
        assertThat(SltResults.render(-7.9, 'I')).isEqualTo("-7");
        assertThat(SltResults.render(new BigDecimal("12.99"), 'I')).isEqualTo("12");
        assertThat(SltResults.render("17abc", 'I')).isEqualTo("17");
        assertThat(SltResults.render(2, 'R')).isEqualTo("2.000");
        assertThat(SltResults.render(1.0 / 3, 'R')).isEqualTo("0.333");
        assertThat(SltResults.render(new BigDecimal("-2.5"), 'R')).isEqualTo("-2.500");
        assertThat(SltResults.render("", 'T')).isEqualTo("(empty)");
        assertThat(SltResults.render("a\tb\u00e9", 'T')).isEqualTo("a@b@");
        assertThat(SltResults.render(true, 'I')).isEqualTo("1");
    }

    @Test
    void sortsLikeTheReferenceRunner() {
        List<List<Object>> rows = List.of(List.of(10, "b"), List.of(9, "a"), List.of(1, "c"));
        // C string order: "1" < "10" < "9".
        assertThat(SltResults.renderSorted(rows, "IT", SltRecord.SortMode.ROWSORT))
                .containsExactly("1", "c", "10", "b", "9", "a");
        assertThat(SltResults.renderSorted(rows, "IT", SltRecord.SortMode.VALUESORT))
                .containsExactly("1", "10", "9", "a", "b", "c");
        assertThat(SltResults.renderSorted(rows, "IT", SltRecord.SortMode.NOSORT))
                .containsExactly("10", "b", "9", "a", "1", "c");
    }

    @Test
    void comparesValuesOrHashes() {
        List<List<Object>> rows = Arrays.asList(List.of(9), List.of(10), List.of(1));
        SltRecord.Query listed = new SltRecord.Query(1, "q", "I", SltRecord.SortMode.ROWSORT, null, List.of("1", "10", "9"));
        assertThat(SltResults.compare(listed, 1, rows, 8)).isNull();
        // md5("1\n10\n9\n"), computed independently.
        SltRecord.Query hashed = new SltRecord.Query(1, "q", "I", SltRecord.SortMode.ROWSORT, null,
                List.of("3 values hashing to a1a5e4740c58f5b5ab22316fbc4d959b"));
        assertThat(SltResults.compare(hashed, 1, rows, 8)).isNull();
        assertThat(SltResults.compare(hashed, 1, rows.subList(0, 2), 8)).contains("expected 3 values hashing");
        assertThat(SltResults.compare(listed, 2, rows, 8)).isEqualTo("expected 1 columns, got 2");
        assertThat(SltResults.compare(listed, 1, List.of(List.of(1)), 8)).startsWith("expected [1, 10, 9], got [1]");
    }
}
