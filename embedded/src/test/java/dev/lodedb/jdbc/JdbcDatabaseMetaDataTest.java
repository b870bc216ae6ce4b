package dev.lodedb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcDatabaseMetaDataTest {
    private Connection c;
    private DatabaseMetaData md;
    private String url;

    @BeforeEach
    void open() throws SQLException {
        url = "jdbc:lode:mem:" + UUID.randomUUID();
        c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint, line int, amount numeric(12,2) NOT NULL DEFAULT 0,"
                    + " note varchar(40), PRIMARY KEY (id, line))");
            s.execute("CREATE TABLE order_notes (txt text)");
            s.execute("CREATE TABLE \"Mixed\" (x int)");
            s.execute("CREATE SCHEMA sales");
            s.execute("CREATE TABLE sales.orders (id int PRIMARY KEY)");
            s.execute("CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100");
            s.execute("INSERT INTO orders VALUES (1, 1, 5, NULL), (1, 2, 7, 'x'), (2, 1, 500, NULL)");
        }
        md = c.getMetaData();
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString(name));
            }
        }
        return out;
    }

    @Test
    void productAndDriver() throws SQLException {
        assertThat(md.getDatabaseProductName()).isEqualTo("LodeDB");
        assertThat(md.getDatabaseProductVersion()).isEqualTo("0.1.0");
        assertThat(md.getDriverName()).contains("LodeDB");
        assertThat(md.getDriverVersion()).isEqualTo("0.1.0");
        assertThat(md.getJDBCMajorVersion()).isEqualTo(4);
        assertThat(md.getJDBCMinorVersion()).isEqualTo(2);
        assertThat(md.getURL()).isEqualTo(url);
        assertThat(md.getUserName()).isEqualTo("lode");
        assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
        assertThat(md.getConnection()).isSameAs(c);
        assertThat(md.supportsTransactions()).isTrue();
        assertThat(md.supportsBatchUpdates()).isTrue();
        assertThat(md.supportsGetGeneratedKeys()).isFalse();
        assertThat(md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY)).isTrue();
        assertThat(md.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE)).isFalse();
        assertThat(md.storesLowerCaseIdentifiers()).isTrue();
        assertThat(md.getDefaultTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        assertThat(md.getSearchStringEscape()).isEqualTo("\\");
    }

    @Test
    void tablesByPattern() throws SQLException {
        assertThat(column(md.getTables(null, null, "%", null), "TABLE_NAME"))
                .containsExactly("Mixed", "order_notes", "orders", "orders", "big_orders");
        assertThat(column(md.getTables(null, "public", "order%", new String[] {"TABLE"}), "TABLE_NAME"))
                .containsExactly("order_notes", "orders");
        assertThat(column(md.getTables(null, "sales", null, null), "TABLE_NAME")).containsExactly("orders");
        assertThat(column(md.getTables(null, null, "order_", null), "TABLE_NAME")).containsExactly("orders", "orders");
        assertThat(column(md.getTables(null, null, "orders", null), "TABLE_SCHEM")).containsExactly("public", "sales");
        // _ matches one character; \ escapes it
        assertThat(column(md.getTables(null, null, "order_notes", null), "TABLE_NAME")).containsExactly("order_notes");
        assertThat(column(md.getTables(null, null, "order\\_notes", null), "TABLE_NAME")).containsExactly("order_notes");
        assertThat(column(md.getTables(null, null, "orderXnotes", null), "TABLE_NAME")).isEmpty();
        assertThat(column(md.getTables(null, null, "%", new String[] {"VIEW"}), "TABLE_NAME")).containsExactly("big_orders");
        assertThat(column(md.getTables(null, null, "mixed", null), "TABLE_NAME")).isEmpty();
        assertThat(column(md.getTables("somecatalog", null, null, null), "TABLE_NAME")).isEmpty();
        try (ResultSet rs = md.getTables(null, null, "orders", new String[] {"TABLE"})) {
            ResultSetMetaData m = rs.getMetaData();
            assertThat(m.getColumnCount()).isEqualTo(10);
            assertThat(m.getColumnName(4)).isEqualTo("TABLE_TYPE");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TABLE_CAT")).isNull();
            assertThat(rs.getString("TABLE_TYPE")).isEqualTo("TABLE");
            assertThat(rs.getStatement()).isNull();
        }
    }

    @Test
    void columnsWithAllStandardFields() throws SQLException {
        try (ResultSet rs = md.getColumns(null, "public", "orders", null)) {
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(24);
            assertThat(rs.getMetaData().getColumnName(24)).isEqualTo("IS_GENERATEDCOLUMN");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
            assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.BIGINT);
            assertThat(rs.getString("TYPE_NAME")).isEqualTo("int8");
            assertThat(rs.getInt("NULLABLE")).isEqualTo(DatabaseMetaData.columnNoNulls);
            assertThat(rs.getString("IS_NULLABLE")).isEqualTo("NO");
            assertThat(rs.getInt("ORDINAL_POSITION")).isEqualTo(1);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("line");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("amount");
            assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.NUMERIC);
            assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(12);
            assertThat(rs.getInt("DECIMAL_DIGITS")).isEqualTo(2);
            assertThat(rs.getInt("NUM_PREC_RADIX")).isEqualTo(10);
            assertThat(rs.getString("COLUMN_DEF")).isEqualTo("0");
            assertThat(rs.getString("IS_NULLABLE")).isEqualTo("NO");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("note");
            assertThat(rs.getString("TYPE_NAME")).isEqualTo("varchar");
            assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(40);
            assertThat(rs.getInt("DECIMAL_DIGITS")).isZero();
            assertThat(rs.wasNull()).isTrue();
            assertThat(rs.getInt("NULLABLE")).isEqualTo(DatabaseMetaData.columnNullable);
            assertThat(rs.getString("IS_NULLABLE")).isEqualTo("YES");
            assertThat(rs.getString("IS_AUTOINCREMENT")).isEqualTo("NO");
            assertThat(rs.getInt("ORDINAL_POSITION")).isEqualTo(4);
            assertThat(rs.next()).isFalse();
        }
        assertThat(column(md.getColumns(null, null, "orders", "%o%"), "COLUMN_NAME")).containsExactly("amount", "note");
        assertThat(column(md.getColumns(null, null, "%", "id"), "TABLE_NAME"))
                .containsExactly("big_orders", "orders", "orders");
        try (ResultSet rs = md.getColumns(null, null, "big_orders", null)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
            assertThat(rs.getInt("NULLABLE")).isEqualTo(DatabaseMetaData.columnNullableUnknown);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TYPE_NAME")).isEqualTo("numeric");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void primaryKeysAndIndexes() throws SQLException {
        try (ResultSet rs = md.getPrimaryKeys(null, "public", "orders")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
            assertThat(rs.getShort("KEY_SEQ")).isEqualTo((short) 1);
            assertThat(rs.getString("PK_NAME")).isEqualTo("orders_pkey");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("line");
            assertThat(rs.getObject("KEY_SEQ")).isEqualTo(2);
            assertThat(rs.next()).isFalse();
        }
        assertThat(column(md.getPrimaryKeys(null, null, "orders"), "TABLE_SCHEM")).containsExactly("public", "public", "sales");
        assertThat(column(md.getPrimaryKeys(null, null, "order_notes"), "COLUMN_NAME")).isEmpty();
        assertThat(column(md.getPrimaryKeys(null, null, "order%"), "COLUMN_NAME")).isEmpty(); // not a pattern
        try (ResultSet rs = md.getIndexInfo(null, "public", "orders", true, true)) {
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(13);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("INDEX_NAME")).isEqualTo("orders_pkey");
            assertThat(rs.getBoolean("NON_UNIQUE")).isFalse();
            assertThat(rs.getShort("TYPE")).isEqualTo(DatabaseMetaData.tableIndexOther);
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
            assertThat(rs.getString("ASC_OR_DESC")).isEqualTo("A");
            assertThat(rs.getLong("CARDINALITY")).isEqualTo(3);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt("ORDINAL_POSITION")).isEqualTo(2);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void indexInfoListsSecondaryIndexes() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE INDEX orders_note_idx ON orders (note DESC, amount)");
            s.execute("CREATE UNIQUE INDEX orders_lower_key ON orders ((lower(note))) WHERE amount > 0");
        }
        assertThat(column(md.getIndexInfo(null, "public", "orders", false, true), "INDEX_NAME"))
                .containsExactly("orders_lower_key", "orders_pkey", "orders_pkey", "orders_note_idx", "orders_note_idx");
        try (ResultSet rs = md.getIndexInfo(null, "public", "orders", false, true)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean("NON_UNIQUE")).isFalse();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("lower(note)");
            assertThat(rs.getString("FILTER_CONDITION")).isEqualTo("(amount > 0)");
            rs.next();
            rs.next();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean("NON_UNIQUE")).isTrue();
            assertThat(rs.getInt("ORDINAL_POSITION")).isEqualTo(1);
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("note");
            assertThat(rs.getString("ASC_OR_DESC")).isEqualTo("D");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt("ORDINAL_POSITION")).isEqualTo(2);
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("amount");
            assertThat(rs.getString("ASC_OR_DESC")).isEqualTo("A");
        }
        assertThat(column(md.getIndexInfo(null, "public", "orders", true, true), "INDEX_NAME"))
                .containsExactly("orders_lower_key", "orders_pkey", "orders_pkey");
    }

    @Test
    void schemasCatalogsTypes() throws SQLException {
        assertThat(column(md.getSchemas(), "TABLE_SCHEM")).containsExactly("public", "sales");
        assertThat(column(md.getSchemas(null, "s%"), "TABLE_SCHEM")).containsExactly("sales");
        assertThat(column(md.getCatalogs(), "TABLE_CAT")).isEmpty();
        assertThat(column(md.getTableTypes(), "TABLE_TYPE")).containsExactly("TABLE", "VIEW");
        List<String> types = column(md.getTypeInfo(), "TYPE_NAME");
        assertThat(types).contains("int4", "int8", "numeric", "text", "varchar", "bool", "timestamptz", "uuid", "jsonb")
                .doesNotContain("unknown");
        try (ResultSet rs = md.getTypeInfo()) {
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(18);
        }
        try (ResultSet rs = md.getImportedKeys(null, null, "orders")) {
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(14);
            assertThat(rs.next()).isFalse();
        }
    }

    /** @return each row as its 14 foreign-key columns joined by '|' */
    private static List<String> keys(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            ResultSetMetaData m = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= m.getColumnCount(); i++) {
                    sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Test
    void foreignKeysImportedExportedAndCrossReference() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customer (id int PRIMARY KEY, code text UNIQUE)");
            s.execute("CREATE TABLE invoice (id int PRIMARY KEY, cust int REFERENCES customer ON DELETE CASCADE,"
                    + " ord bigint, line int, cust_code text,"
                    + " CONSTRAINT inv_line FOREIGN KEY (ord, line) REFERENCES orders ON UPDATE SET NULL"
                    + " ON DELETE RESTRICT,"
                    + " CONSTRAINT inv_code FOREIGN KEY (cust_code) REFERENCES customer (code) ON DELETE SET DEFAULT)");
            s.execute("CREATE TABLE sales.ret (inv int REFERENCES public.invoice ON DELETE SET NULL, ord bigint,"
                    + " line int, FOREIGN KEY (line, ord) REFERENCES public.orders (line, id))");
        }
        try (ResultSet rs = md.getImportedKeys(null, "public", "invoice")) {
            ResultSetMetaData m = rs.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= m.getColumnCount(); i++) {
                names.add(m.getColumnLabel(i));
            }
            assertThat(names).containsExactly("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME",
                    "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE",
                    "DELETE_RULE", "FK_NAME", "PK_NAME", "DEFERRABILITY");
            assertThat(m.getColumnType(9)).isEqualTo(Types.SMALLINT);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getShort("KEY_SEQ")).isEqualTo((short) 1);
            assertThat(rs.getString("FK_NAME")).isEqualTo("inv_code");
            assertThat(rs.getShort("DELETE_RULE")).isEqualTo((short) DatabaseMetaData.importedKeySetDefault);
        }
        // ordered by the referenced table, then (pgjdbc) the constraint name, then KEY_SEQ
        int noAction = DatabaseMetaData.importedKeyNoAction;
        int cascade = DatabaseMetaData.importedKeyCascade;
        int restrict = DatabaseMetaData.importedKeyRestrict;
        int setNull = DatabaseMetaData.importedKeySetNull;
        int setDefault = DatabaseMetaData.importedKeySetDefault;
        int notDeferrable = DatabaseMetaData.importedKeyNotDeferrable;
        assertThat(keys(md.getImportedKeys(null, null, "invoice"))).containsExactly(
                "null|public|customer|code|null|public|invoice|cust_code|1|" + noAction + "|" + setDefault
                        + "|inv_code|customer_code_key|" + notDeferrable,
                "null|public|customer|id|null|public|invoice|cust|1|" + noAction + "|" + cascade
                        + "|invoice_cust_fkey|customer_pkey|" + notDeferrable,
                "null|public|orders|id|null|public|invoice|ord|1|" + setNull + "|" + restrict
                        + "|inv_line|orders_pkey|" + notDeferrable,
                "null|public|orders|line|null|public|invoice|line|2|" + setNull + "|" + restrict
                        + "|inv_line|orders_pkey|" + notDeferrable);
        // exported: ordered by the referencing table; the column order of the constraint is kept
        assertThat(keys(md.getExportedKeys(null, "public", "orders"))).containsExactly(
                "null|public|orders|id|null|public|invoice|ord|1|" + setNull + "|" + restrict
                        + "|inv_line|orders_pkey|" + notDeferrable,
                "null|public|orders|line|null|public|invoice|line|2|" + setNull + "|" + restrict
                        + "|inv_line|orders_pkey|" + notDeferrable,
                "null|public|orders|line|null|sales|ret|line|1|" + noAction + "|" + noAction
                        + "|ret_line_ord_fkey|orders_pkey|" + notDeferrable,
                "null|public|orders|id|null|sales|ret|ord|2|" + noAction + "|" + noAction
                        + "|ret_line_ord_fkey|orders_pkey|" + notDeferrable);
        assertThat(column(md.getExportedKeys(null, null, "invoice"), "FKTABLE_NAME")).containsExactly("ret");
        assertThat(column(md.getExportedKeys(null, null, "invoice"), "DELETE_RULE"))
                .containsExactly(String.valueOf(setNull));
        assertThat(column(md.getCrossReference(null, "public", "orders", null, "sales", "ret"), "FKCOLUMN_NAME"))
                .containsExactly("line", "ord");
        assertThat(column(md.getCrossReference(null, null, "customer", null, null, "invoice"), "FK_NAME"))
                .containsExactly("inv_code", "invoice_cust_fkey");
        assertThat(column(md.getCrossReference(null, null, "customer", null, null, "ret"), "FK_NAME")).isEmpty();
        // no match: unknown tables, another schema, a catalog name (LodeDB has none), a view
        assertThat(keys(md.getImportedKeys(null, null, "nope"))).isEmpty();
        assertThat(keys(md.getImportedKeys(null, "sales", "invoice"))).isEmpty();
        assertThat(keys(md.getImportedKeys("lode", null, "invoice"))).isEmpty();
        assertThat(keys(md.getExportedKeys(null, null, "big_orders"))).isEmpty();
        assertThat(keys(md.getCrossReference("x", null, "orders", null, null, "invoice"))).isEmpty();
        // dropping a constraint removes its rows
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE invoice DROP CONSTRAINT inv_line");
        }
        assertThat(column(md.getImportedKeys(null, null, "invoice"), "FK_NAME"))
                .containsExactly("inv_code", "invoice_cust_fkey");
    }
}
