package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.IndexKeys;
import dev.lodedb.engine.encoding.TableKeys;
import dev.lodedb.sql.binder.IndexBinder;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.exec.IndexEntries;
import dev.lodedb.sql.exec.TableScan;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.StoreIterator;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Checks of the stored index entries against the rows, shared by the index tests. */
final class IndexTestSupport {
    private static final HexFormat HEX = HexFormat.of();

    private IndexTestSupport() {
    }

    /** @return the stored entries of index {@code id}: hex key to hex value */
    static TreeMap<String, String> entries(SqlDatabase db, int indexId) {
        TreeMap<String, String> out = new TreeMap<>();
        try (StoreIterator it = db.store().newIterator(ReadOptions.DEFAULT.withBounds(IndexKeys.prefix(indexId),
                IndexKeys.upperBound(indexId)))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                out.put(HEX.formatHex(it.key()), HEX.formatHex(it.value()));
            }
        }
        return out;
    }

    /** @return the number of stored entries of the index named {@code name} */
    static long entryCount(SqlTestDatabase t, int indexId) {
        return entries(t.db, indexId).size();
    }

    /**
     * Asserts that every index of every table holds exactly the entries its table's rows call
     * for: no stale entry, none missing, values equal.
     */
    static void assertConsistent(SqlDatabase db) {
        ExecContext ctx = new ExecContext(db.store(), ReadOptions.DEFAULT, new Object[0],
                OffsetDateTime.now(ZoneOffset.UTC), new SplittableRandom(1), 1 << 20, null);
        for (IndexDef ix : db.catalog().indexes()) {
            TableDef table = db.catalog().tableById(ix.tableId());
            IndexEntries maker = new IndexEntries(IndexBinder.bind(table, ix));
            TreeMap<String, String> expected = new TreeMap<>();
            try (StoreIterator it = db.store().newIterator(ReadOptions.DEFAULT.withBounds(TableKeys.prefix(table.storageId()),
                    TableKeys.upperBound(table.storageId())))) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    Object[] row = TableScan.codecOf(table).decode(it.value());
                    IndexEntries.Entry e = maker.entry(row, it.key(), ctx);
                    if (e != null) {
                        expected.put(HEX.formatHex(e.key()), HEX.formatHex(e.value()));
                    }
                }
            }
            assertThat(entries(db, ix.id())).as("entries of index %s", ix.name()).isEqualTo(expected);
        }
    }
}
