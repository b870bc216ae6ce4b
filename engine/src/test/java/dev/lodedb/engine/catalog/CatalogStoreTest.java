package dev.lodedb.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.lsm.LsmStore;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog survives a reopen of a real on-disk store, and change sets are minimal. */
class CatalogStoreTest {
    @TempDir
    Path dir;

    private static void commit(KeyValueStore store, Catalog before, Catalog after) {
        WriteBatch b = new WriteBatch();
        CatalogStore.write(b, before, after);
        store.write(WriteOptions.SYNC, b);
    }

    @Test
    void aCatalogRoundTripsThroughTheStoreAcrossReopen() {
        Catalog c;
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            Catalog empty = CatalogStore.load(store, ReadOptions.DEFAULT);
            assertThat(empty).isEqualTo(Catalog.empty());
            c = empty.createSchema("geo", false);
            TableDef t = TableDef.create(c.nextObjectId(), "geo", "cities", List.of(
                    ColumnDef.of(0, "id", DataType.BIGINT),
                    new ColumnDef(0, "name", DataType.varchar(100), true, null, null),
                    new ColumnDef(0, "lat", DataType.numeric(9, 6), false, "0", null)), List.of("id"));
            c = c.createTable(t);
            c = c.replaceTable(c.requireTable("geo", "cities")
                    .addColumn(new ColumnDef(0, "elevation", DataType.numeric(9, 6), false, "1.5", new BigDecimal("1.500000"))));
            c = c.createView(new ViewDef(c.nextObjectId(), "geo", "big", List.of("n"), "SELECT name FROM geo.cities"), false);
            commit(store, null, c);
            assertThat(CatalogStore.load(store, ReadOptions.DEFAULT)).isEqualTo(c);
        }
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            Catalog loaded = CatalogStore.load(store, ReadOptions.DEFAULT);
            assertThat(loaded).isEqualTo(c);
            TableDef t = loaded.requireTable("geo", "cities");
            assertThat(t.column("name").type().toString()).isEqualTo("character varying(100)");
            assertThat(t.column("elevation").missingValue()).isEqualTo(new BigDecimal("1.500000"));
            assertThat(t.schemaVersion()).isEqualTo(1);
            // Dropping writes deletes; the next load sees them gone.
            Catalog after = loaded.dropView("geo", "big", false).dropTable("geo", "cities", false);
            WriteBatch b = new WriteBatch();
            CatalogStore.write(b, loaded, after);
            assertThat(b.count()).as("two deletes, nothing rewritten").isEqualTo(2);
            store.write(WriteOptions.SYNC, b);
            assertThat(CatalogStore.load(store, ReadOptions.DEFAULT)).isEqualTo(after);
        }
    }

    /** @return a catalog with table p (id) and table c (a, up) with the foreign keys {@code fks} makes of p's id */
    private static Catalog parentAndChild(java.util.function.IntFunction<List<ForeignKeyDef>> fks) {
        Catalog c = Catalog.empty();
        TableDef p = TableDef.create(c.nextObjectId(), "public", "p", List.of(ColumnDef.of(0, "id", DataType.INTEGER)),
                List.of("id"));
        c = c.createTable(p);
        TableDef t = TableDef.create(c.nextObjectId(), "public", "c", List.of(ColumnDef.of(0, "a", DataType.INTEGER),
                ColumnDef.of(0, "up", DataType.INTEGER)), List.of());
        return c.createTable(t.withForeignKeys(fks.apply(p.id())));
    }

    @Test
    void foreignKeysRoundTripInFormat1() {
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            Catalog c = parentAndChild(parent -> List.of(new ForeignKeyDef("c_a_fkey", List.of(0), parent, List.of(0),
                    ForeignKeyDef.Action.CASCADE, ForeignKeyDef.Action.SET_NULL)));
            commit(store, null, c);
            Catalog loaded = CatalogStore.load(store, ReadOptions.DEFAULT);
            assertThat(loaded).isEqualTo(c);
            assertThat(loaded.table("public", "c").foreignKey("c_a_fkey").onUpdate())
                    .isEqualTo(ForeignKeyDef.Action.SET_NULL);
            byte[] raw = store.get(ReadOptions.DEFAULT, new byte[] {CatalogStore.PREFIX, 'T', 0, 0, 3, (byte) 233});
            assertThat(new String(raw, StandardCharsets.UTF_8)).contains("\"format\":1").contains(
                    "\"foreignKeys\":[{\"name\":\"c_a_fkey\",\"columns\":[0],\"refTable\":1000,\"refColumns\":[0],"
                    + "\"onDelete\":\"cascade\",\"onUpdate\":\"set_null\"}]");
        }
    }

    @Test
    void matchFullRoundTripsAndOldForeignKeysLoadAsMatchSimple() {
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            Catalog c = parentAndChild(parent -> List.of(new ForeignKeyDef("full", List.of(0), parent, List.of(0),
                    ForeignKeyDef.Action.NO_ACTION, ForeignKeyDef.Action.NO_ACTION, true),
                    new ForeignKeyDef("simple", List.of(0), parent, List.of(0),
                    ForeignKeyDef.Action.NO_ACTION, ForeignKeyDef.Action.NO_ACTION)));
            commit(store, null, c);
            Catalog loaded = CatalogStore.load(store, ReadOptions.DEFAULT);
            assertThat(loaded).isEqualTo(c);
            assertThat(loaded.table("public", "c").foreignKey("full").matchFull()).isTrue();
            assertThat(loaded.table("public", "c").foreignKey("simple").matchFull()).isFalse();
            byte[] raw = store.get(ReadOptions.DEFAULT, new byte[] {CatalogStore.PREFIX, 'T', 0, 0, 3, (byte) 233});
            assertThat(new String(raw, StandardCharsets.UTF_8)).contains("\"onUpdate\":\"no_action\",\"match\":\"full\"}")
                    .doesNotContain("\"match\":\"simple\"");
        }
    }

    @Test
    void aNewerFormatOrGarbageIsRefusedClearly() {
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            commit(store, null, Catalog.empty());
            store.put(new byte[] {CatalogStore.PREFIX, 'T', 0, 0, 3, (byte) 232},
                    "{\"format\": 9, \"id\": 1000}".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> CatalogStore.load(store, ReadOptions.DEFAULT))
                    .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("XX001"))
                    .hasMessageContaining("format 9");
            store.put(new byte[] {CatalogStore.PREFIX, 'T', 0, 0, 3, (byte) 232}, "{not json".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> CatalogStore.load(store, ReadOptions.DEFAULT))
                    .isInstanceOf(SqlException.class).hasMessageContaining("corrupt catalog entry 0154000003e8: unreadable JSON");
        }
    }

    @Test
    void aCatalogWrittenBeforeStorageIdsOpensWithTheTableIdAsStorageId() {
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            // Exactly what a build before storage ids wrote: format 1, no "storageId".
            store.put(new byte[] {CatalogStore.PREFIX, 0}, "{\"format\":1,\"nextObjectId\":1001}"
                    .getBytes(StandardCharsets.UTF_8));
            store.put(new byte[] {CatalogStore.PREFIX, 'S', 0, 0, 0, 1}, "{\"format\":1,\"id\":1,\"name\":\"public\"}"
                    .getBytes(StandardCharsets.UTF_8));
            store.put(new byte[] {CatalogStore.PREFIX, 'T', 0, 0, 3, (byte) 232}, ("{\"format\":1,\"id\":1000,"
                    + "\"schema\":\"public\",\"name\":\"t\",\"schemaVersion\":0,\"nextColumnId\":1,\"primaryKey\":[],"
                    + "\"columns\":[{\"id\":0,\"name\":\"a\",\"type\":\"integer\",\"notNull\":false}]}")
                    .getBytes(StandardCharsets.UTF_8));
            TableDef t = CatalogStore.load(store, ReadOptions.DEFAULT).requireTable("public", "t");
            assertThat(t.storageId()).isEqualTo(1000);
            assertThat(t.id()).isEqualTo(1000);
        }
    }

    @Test
    void aStorageIdOfItsOwnRoundTripsAndIsWrittenInFormatTwo() {
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            Catalog c = Catalog.empty();
            c = c.createTable(TableDef.create(c.nextObjectId(), "public", "t", List.of(ColumnDef.of(0, "a",
                    DataType.INTEGER)), List.of()));
            commit(store, null, c);
            byte[] key = {CatalogStore.PREFIX, 'T', 0, 0, 3, (byte) 232};
            assertThat(new String(store.get(ReadOptions.DEFAULT, key), StandardCharsets.UTF_8))
                    .contains("\"format\":1").doesNotContain("storageId");
            Catalog moved = c.replaceTable(c.requireTable("public", "t").withStorageId(1001)).allocateId();
            commit(store, c, moved);
            assertThat(new String(store.get(ReadOptions.DEFAULT, key), StandardCharsets.UTF_8))
                    .contains("\"format\":2").contains("\"storageId\":1001");
            TableDef t = CatalogStore.load(store, ReadOptions.DEFAULT).requireTable("public", "t");
            assertThat(t.storageId()).isEqualTo(1001);
            assertThat(t.addColumn(ColumnDef.of(0, "b", DataType.TEXT)).rename("u").storageId()).isEqualTo(1001);
        }
    }
}
