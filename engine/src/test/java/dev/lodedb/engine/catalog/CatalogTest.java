package dev.lodedb.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private static TableDef cities(Catalog c) {
        return TableDef.create(c.nextObjectId(), Catalog.PUBLIC, "cities", List.of(
                ColumnDef.of(0, "id", DataType.BIGINT),
                ColumnDef.of(0, "name", DataType.TEXT),
                ColumnDef.of(0, "population", DataType.INTEGER)), List.of("id"));
    }

    private static void assertSqlState(Runnable r, String state, String message) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(SqlException.class, e -> {
            assertThat(e.sqlState()).isEqualTo(state);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void createLookUpAndDropTables() {
        Catalog c = Catalog.empty();
        Catalog c1 = c.createTable(cities(c));
        TableDef t = c1.requireTable("public", "cities");
        assertThat(t.columns()).extracting(ColumnDef::id).containsExactly(0, 1, 2);
        assertThat(t.primaryKey()).containsExactly(0);
        assertThat(t.column("id").notNull()).as("primary key implies NOT NULL").isTrue();
        assertThat(c1.nextObjectId()).isEqualTo(c.nextObjectId() + 1);
        assertThat(c.table("public", "cities")).as("snapshots are immutable").isNull();
        assertSqlState(() -> c1.createTable(cities(c1)), "42P07", "relation \"cities\" already exists");
        assertSqlState(() -> c1.requireTable("public", "towns"), "42P01", "relation \"towns\" does not exist");
        assertSqlState(() -> c1.requireTable("geo", "towns"), "42P01", "relation \"geo.towns\" does not exist");
        Catalog c2 = c1.dropTable("public", "cities", false);
        assertThat(c2.table("public", "cities")).isNull();
        assertThat(c2.dropTable("public", "cities", true)).isSameAs(c2);
        assertSqlState(() -> c2.dropTable("public", "cities", false), "42P01", "relation \"cities\" does not exist");
    }

    @Test
    void badTableDefinitionsAreRejected() {
        assertSqlState(() -> TableDef.create(1000, "public", "t",
                List.of(ColumnDef.of(0, "a", DataType.INTEGER), ColumnDef.of(0, "a", DataType.TEXT)), List.of()),
                "42701", "column \"a\" specified more than once");
        assertSqlState(() -> TableDef.create(1000, "public", "t", List.of(ColumnDef.of(0, "a", DataType.INTEGER)), List.of("b")),
                "42703", "column \"b\" named in key does not exist");
    }

    @Test
    void alterColumnsKeepStableIdsAndBumpTheSchemaVersion() {
        Catalog c = Catalog.empty();
        TableDef t = cities(c);
        TableDef t2 = t.addColumn(new ColumnDef(0, "country", DataType.varchar(2), false, "'NO'", "NO"));
        assertThat(t2.column("country").id()).isEqualTo(3);
        assertThat(t2.schemaVersion()).isEqualTo(1);
        TableDef t3 = t2.dropColumn("population").addColumn(ColumnDef.of(0, "population", DataType.BIGINT));
        assertThat(t3.column("population").id()).as("a dropped id is never reused").isEqualTo(4);
        assertThat(t3.schemaVersion()).isEqualTo(3);
        assertThat(t3.rowSchema().columns()).extracting(rc -> rc.id()).containsExactly(0, 1, 3, 4);
        assertThat(t3.rowSchema().columns().get(2).missingValue()).isEqualTo("NO");
        assertThat(t3.renameColumn("name", "label").indexOf("label")).isEqualTo(1);
        assertSqlState(() -> t3.addColumn(ColumnDef.of(0, "name", DataType.TEXT)), "42701",
                "column \"name\" of relation \"cities\" already exists");
        assertSqlState(() -> t3.dropColumn("nope"), "42703", "column \"nope\" of relation \"cities\" does not exist");
        assertSqlState(() -> t3.dropColumn("id"), "0A000",
                "cannot drop column \"id\" of relation \"cities\": it is part of the primary key");
        Catalog c1 = c.createTable(t).replaceTable(t3.rename("towns"));
        assertThat(c1.table("public", "cities")).isNull();
        assertThat(c1.requireTable("public", "towns").id()).isEqualTo(t.id());
    }

    @Test
    void schemasAndViewsShareTheRelationNamespace() {
        Catalog c = Catalog.empty().createSchema("geo", false);
        assertThat(c.createSchema("geo", true)).isSameAs(c);
        assertSqlState(() -> c.createSchema("geo", false), "42P06", "schema \"geo\" already exists");
        TableDef t = TableDef.create(c.nextObjectId(), "geo", "t", List.of(ColumnDef.of(0, "a", DataType.INTEGER)), List.of());
        Catalog c1 = c.createTable(t);
        Catalog c2 = c1.createView(new ViewDef(c1.nextObjectId(), "geo", "v", List.of(), "SELECT a FROM geo.t"), false);
        assertSqlState(() -> c2.createView(new ViewDef(c2.nextObjectId(), "geo", "t", List.of(), "SELECT 1"), false),
                "42P07", "relation \"t\" already exists");
        assertSqlState(() -> c2.requireTable("geo", "v"), "42809", "\"v\" is not a table");
        assertSqlState(() -> c2.dropView("geo", "t", false), "42809", "\"t\" is not a view");
        Catalog c3 = c2.createView(new ViewDef(c2.view("geo", "v").id(), "geo", "v", List.of("x"), "SELECT a + 1 FROM geo.t"), true);
        assertThat(c3.view("geo", "v").sql()).isEqualTo("SELECT a + 1 FROM geo.t");
        assertSqlState(() -> c3.dropSchema("geo", false, false), "2BP01",
                "cannot drop schema geo because other objects depend on it");
        Catalog c4 = c3.dropSchema("geo", false, true);
        assertThat(c4.schemaNames()).containsExactly("public");
        assertThat(c4.tables()).isEmpty();
        assertThat(c4.views()).isEmpty();
        assertSqlState(() -> c4.createTable(TableDef.create(c4.nextObjectId(), "geo", "t", List.of(ColumnDef.of(0, "a", DataType.INTEGER)),
                List.of())), "3F000", "schema \"geo\" does not exist");
    }
}
