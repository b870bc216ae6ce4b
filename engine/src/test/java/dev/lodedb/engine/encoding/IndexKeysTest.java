package dev.lodedb.engine.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.types.DataType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte layout of index entries, pinned byte for byte (docs/engine/encoding.md, "Index entries"). */
class IndexKeysTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final TableDef T = TableDef.create(1000, "public", "t", List.of(ColumnDef.of(0, "id", DataType.INTEGER),
            ColumnDef.of(0, "a", DataType.INTEGER), ColumnDef.of(0, "b", DataType.TEXT),
            ColumnDef.of(0, "n", DataType.numeric(8, 2))), List.of("id"));

    @Test
    void entryKeyIsPrefixKeyColumnsAndRowSuffix() {
        IndexDef ix = new IndexDef(1001, "public", "t_a_b_idx", 1000, false, false, List.of(IndexDef.Key.column(1),
                new IndexDef.Key(2, null, null, true, true)), List.of(), null);
        KeyEncoder enc = IndexKeys.keyEncoder(ix, T);
        byte[] head = enc.encodePrefix(IndexKeys.prefix(1001), Arrays.asList(7, null));
        byte[] rowKey = TableKeys.rowKey(1000, TableKeys.primaryKeyEncoder(T), List.of(42));
        byte[] entry = IndexKeys.entryKey(head, rowKey);
        // 03 | index 1001 | a = 7 | b NULL (DESC NULLS FIRST: marker 00) | row suffix: id = 42
        assertThat(HEX.formatHex(entry)).isEqualTo("03000003e9" + "0180000007" + "00" + "018000002a");
        Object[] values = new Object[2];
        int suffix = enc.decodeLeading(entry, 5, entry.length - 5, values);
        assertThat(values).containsExactly(7, null);
        assertThat(suffix).isEqualTo(head.length);
        assertThat(IndexKeys.rowKey(IndexKeys.rowPrefix(T), entry, suffix)).isEqualTo(rowKey);
        assertThat(IndexKeys.upperBound(1001)).containsExactly(3, 0, 0, 3, (byte) 0xea);
    }

    @Test
    void hiddenRowIdSuffixAndDescendingText() {
        TableDef h = TableDef.create(1002, "public", "h", List.of(ColumnDef.of(0, "x", DataType.TEXT)), List.of());
        IndexDef ix = new IndexDef(1003, "public", "h_x_idx", 1002, false, false,
                List.of(new IndexDef.Key(0, null, null, true, true)), List.of(), null);
        byte[] head = IndexKeys.keyEncoder(ix, h).encodePrefix(IndexKeys.prefix(1003), List.of("ab"));
        byte[] entry = IndexKeys.entryKey(head, TableKeys.rowIdKey(1002, 5));
        assertThat(HEX.formatHex(entry)).isEqualTo("03000003eb" + "01" + "9e9dfffe" + "0000000000000005");
    }

    @Test
    void storedColumnsHoldIncludeAndLossyKeyColumns() {
        IndexDef ix = new IndexDef(1001, "public", "t_n_idx", 1000, false, false, List.of(IndexDef.Key.column(3)),
                List.of(2), null);
        assertThat(IndexKeys.storedColumns(ix, T)).containsExactly(2, 3);
        RowCodec codec = IndexKeys.storedCodec(ix, T);
        byte[] value = IndexKeys.entryValue(codec, new Object[] {"x", new BigDecimal("1.50")});
        assertThat(codec.decode(value)).containsExactly("x", new BigDecimal("1.50"));
        IndexDef plain = new IndexDef(1004, "public", "t_a_idx", 1000, false, false, List.of(IndexDef.Key.column(1)),
                List.of(), null);
        assertThat(IndexKeys.storedCodec(plain, T)).isNull();
        assertThat(IndexKeys.entryValue(null, new Object[0])).isEmpty();
    }

    @Test
    void decodeLeadingRejectsTruncatedKeys() {
        KeyEncoder enc = new KeyEncoder(List.of(KeyColumn.asc(DataType.INTEGER), KeyColumn.asc(DataType.TEXT)));
        byte[] key = enc.encode(1, "abc");
        assertThatThrownBy(() -> enc.decodeLeading(key, 0, key.length - 2, null))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("XX001"));
        assertThat(enc.decodeLeading(key, 0, key.length, null)).isEqualTo(key.length);
    }
}
