package dev.lodedb.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.lsm.LsmStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Indexes in the catalog: the shared relation namespace, dropping with their table, persistence. */
class IndexCatalogTest {
    @TempDir
    Path dir;

    private static Catalog withCities() {
        Catalog c = Catalog.empty();
        return c.createTable(TableDef.create(c.nextObjectId(), "public", "cities", List.of(
                ColumnDef.of(0, "id", DataType.INTEGER), ColumnDef.of(0, "name", DataType.TEXT),
                ColumnDef.of(0, "lat", DataType.DOUBLE)), List.of("id")));
    }

    private static IndexDef index(Catalog c, String name, boolean unique, List<IndexDef.Key> keys) {
        return new IndexDef(c.nextObjectId(), "public", name, c.requireTable("public", "cities").id(), unique, false,
                keys, List.of(), null);
    }

    private static void assertSqlState(Runnable r, String state, String message) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(SqlException.class, e -> {
            assertThat(e.sqlState()).isEqualTo(state);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void indexesShareTheRelationNamespaceAndDropWithTheirTable() {
        Catalog c = withCities();
        Catalog withIndex = c.createIndex(index(c, "cities_name_idx", false, List.of(IndexDef.Key.column(1))));
        assertThat(withIndex.index("public", "cities_name_idx").keys()).containsExactly(IndexDef.Key.column(1));
        assertThat(withIndex.indexesOf(c.requireTable("public", "cities").id())).hasSize(1);
        assertThat(withIndex.hasRelation("public", "cities_name_idx")).isTrue();
        assertSqlState(() -> withIndex.createIndex(index(withIndex, "cities", false, List.of(IndexDef.Key.column(1)))),
                "42P07", "relation \"cities\" already exists");
        assertSqlState(() -> withIndex.createTable(TableDef.create(withIndex.nextObjectId(), "public", "cities_name_idx",
                List.of(ColumnDef.of(0, "x", DataType.INTEGER)), List.of())), "42P07",
                "relation \"cities_name_idx\" already exists");
        assertSqlState(() -> withIndex.createView(new ViewDef(withIndex.nextObjectId(), "public", "cities_name_idx",
                List.of(), "SELECT 1"), true), "42P07", "relation \"cities_name_idx\" already exists");
        assertSqlState(() -> withIndex.dropIndex("public", "nope", false), "42704", "index \"nope\" does not exist");
        assertThat(withIndex.dropIndex("public", "nope", true)).isSameAs(withIndex);
        assertSqlState(() -> withIndex.dropIndex("public", "cities", false), "42809", "\"cities\" is not an index");
        assertThat(withIndex.dropIndex("public", "cities_name_idx", false).indexes()).isEmpty();
        assertThat(withIndex.dropTable("public", "cities", false).indexes()).isEmpty();
        Catalog schema = withIndex.createSchema("geo", false);
        assertThat(schema.dropSchema("public", false, true).indexes()).isEmpty();
    }

    @Test
    void badIndexDefinitionsAreRejected() {
        assertThatThrownBy(() -> new IndexDef(1, "public", "i", 1, false, false, List.of(), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IndexDef.Key(-1, null, null, false, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IndexDef.Key(2, "lower(x)", DataType.TEXT, false, false))
                .isInstanceOf(IllegalArgumentException.class);
        Catalog c = withCities();
        assertThatThrownBy(() -> c.createIndex(new IndexDef(c.nextObjectId(), "public", "i", 424242, false, false,
                List.of(IndexDef.Key.column(0)), List.of(), null))).isInstanceOf(SqlException.class);
    }

    @Test
    void indexesRoundTripThroughTheStoreAcrossReopen() {
        Catalog c = withCities();
        c = c.createIndex(new IndexDef(c.nextObjectId(), "public", "cities_lat_idx", c.requireTable("public", "cities").id(),
                false, false, List.of(new IndexDef.Key(2, null, null, true, false),
                        new IndexDef.Key(-1, "lower(name)", DataType.TEXT, false, true)), List.of(1), "(lat > 0)"));
        c = c.createIndex(index(c, "cities_name_key", true, List.of(IndexDef.Key.column(1))));
        Catalog written = c;
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            WriteBatch b = new WriteBatch();
            CatalogStore.write(b, null, written);
            store.write(WriteOptions.SYNC, b);
            byte[] key = {CatalogStore.PREFIX, 'I', 0, 0, 3, (byte) 0xe9};
            assertThat(new String(store.get(key), StandardCharsets.UTF_8)).isEqualTo("{\"format\":1,\"id\":1001,"
                    + "\"schema\":\"public\",\"name\":\"cities_lat_idx\",\"table\":1000,\"unique\":false,\"constraint\":false,"
                    + "\"keys\":[{\"column\":2,\"desc\":true,\"nullsFirst\":false},{\"expression\":\"lower(name)\","
                    + "\"type\":\"text\",\"desc\":false,\"nullsFirst\":true}],\"include\":[1],\"predicate\":\"(lat > 0)\"}");
        }
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            Catalog loaded = CatalogStore.load(store, ReadOptions.DEFAULT);
            assertThat(loaded).isEqualTo(written);
            Catalog after = loaded.dropIndex("public", "cities_name_key", false);
            WriteBatch b = new WriteBatch();
            CatalogStore.write(b, loaded, after);
            assertThat(b.count()).isEqualTo(1); // one delete, nothing else changed
            store.write(WriteOptions.SYNC, b);
            assertThat(CatalogStore.load(store, ReadOptions.DEFAULT)).isEqualTo(after);
        }
    }
}
