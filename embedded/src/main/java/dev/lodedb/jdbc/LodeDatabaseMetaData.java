package dev.lodedb.jdbc;

import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.ForeignKeyDef;
import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.catalog.ViewDef;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.sql.session.PreparedSql;
import dev.lodedb.sql.session.ResultColumn;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What LodeDB supports, and its schema objects, the JDBC way. Metadata result sets are built in
 * memory from the catalog snapshot current at the call; their columns are the ones the JDBC
 * Javadoc lists, in that order, with the types it gives.
 *
 * <p>There are no catalogs (TABLE_CAT is always null, {@link #getCatalogs()} is empty); schemas
 * are LodeDB's schemas ({@code public} and those created with CREATE SCHEMA). Name patterns take
 * {@code %} and {@code _} with {@code \} as the escape, and are case-sensitive (unquoted names are
 * stored in lower case, as in PostgreSQL). The only index is each table's primary key, reported
 * as {@code <table>_pkey}, and its secondary indexes; foreign keys are reported by {@link
 * #getImportedKeys}, {@link #getExportedKeys} and {@link #getCrossReference}. Not thread-safe (like its
 * connection).
 */
public final class LodeDatabaseMetaData implements DatabaseMetaData {
    private final LodeConnection connection;

    LodeDatabaseMetaData(LodeConnection connection) {
        this.connection = connection;
    }

    private Catalog catalog() throws SQLException {
        connection.checkOpen();
        return connection.database().sqlDatabase().catalog();
    }

    // ---- building result sets ----

    /** @param spec {@code NAME:t,...} with t one of s (text), i (int4), h (int2), l (int8), b (bool) */
    private static List<ResultColumn> columns(String spec) {
        List<ResultColumn> out = new ArrayList<>();
        for (String c : spec.split(",")) {
            String[] p = c.trim().split(":");
            DataType t = switch (p[1]) {
                case "s" -> DataType.TEXT;
                case "i" -> DataType.INTEGER;
                case "h" -> DataType.SMALLINT;
                case "l" -> DataType.BIGINT;
                case "b" -> DataType.BOOLEAN;
                default -> throw new IllegalArgumentException(c);
            };
            out.add(ResultColumn.computed(p[0], t));
        }
        return out;
    }

    /** @return a result set of {@code rows} (numbers are converted to each column's class) */
    private ResultSet result(String spec, List<Object[]> rows) throws SQLException {
        connection.checkOpen();
        List<ResultColumn> cols = columns(spec);
        for (Object[] r : rows) {
            if (r.length != cols.size()) {
                throw new IllegalStateException("row of " + r.length + " values for " + cols.size() + " columns");
            }
            for (int i = 0; i < r.length; i++) {
                if (r[i] instanceof Number n) {
                    r[i] = switch (cols.get(i).type().id()) {
                        case SMALLINT -> n.shortValue();
                        case INTEGER -> n.intValue();
                        case BIGINT -> n.longValue();
                        default -> r[i];
                    };
                }
            }
        }
        return new LodeResultSet(null, RowSource.of(cols, rows), 0, null);
    }

    private ResultSet empty(String spec) throws SQLException {
        return result(spec, List.of());
    }

    /** @return whether {@code value} matches the JDBC pattern ({@code null} pattern: everything) */
    static boolean like(String pattern, String value) {
        if (pattern == null) {
            return true;
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(value).matches();
    }

    /** No catalogs: only a null or empty catalog argument matches (LodeDB objects have none). */
    private static boolean catalogMatches(String catalog) {
        return catalog == null || catalog.isEmpty();
    }

    private static boolean exact(String name, String value) {
        return name == null || name.equals(value);
    }

    // ---- schema objects ----

    /**
     * Tables ({@code TABLE}) and views ({@code VIEW}) matching the patterns, ordered by type,
     * schema and name.
     */
    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
            throws SQLException {
        Catalog cat = catalog();
        boolean tables = types == null || Arrays.stream(types).anyMatch("TABLE"::equalsIgnoreCase);
        boolean views = types == null || Arrays.stream(types).anyMatch("VIEW"::equalsIgnoreCase);
        List<Object[]> rows = new ArrayList<>();
        if (catalogMatches(catalog)) {
            if (tables) {
                for (TableDef t : cat.tables()) {
                    if (like(schemaPattern, t.schema()) && like(tableNamePattern, t.name())) {
                        rows.add(new Object[] {null, t.schema(), t.name(), "TABLE", null, null, null, null, null, null});
                    }
                }
            }
            if (views) {
                for (ViewDef v : cat.views()) {
                    if (like(schemaPattern, v.schema()) && like(tableNamePattern, v.name())) {
                        rows.add(new Object[] {null, v.schema(), v.name(), "VIEW", null, null, null, null, null, null});
                    }
                }
            }
        }
        rows.sort(Comparator.<Object[], String>comparing(r -> (String) r[3]).thenComparing(r -> (String) r[1])
                .thenComparing(r -> (String) r[2]));
        return result("TABLE_CAT:s,TABLE_SCHEM:s,TABLE_NAME:s,TABLE_TYPE:s,REMARKS:s,TYPE_CAT:s,TYPE_SCHEM:s,"
                + "TYPE_NAME:s,SELF_REFERENCING_COL_NAME:s,REF_GENERATION:s", rows);
    }

    private static final String COLUMNS_SPEC = "TABLE_CAT:s,TABLE_SCHEM:s,TABLE_NAME:s,COLUMN_NAME:s,DATA_TYPE:i,"
            + "TYPE_NAME:s,COLUMN_SIZE:i,BUFFER_LENGTH:i,DECIMAL_DIGITS:i,NUM_PREC_RADIX:i,NULLABLE:i,REMARKS:s,"
            + "COLUMN_DEF:s,SQL_DATA_TYPE:i,SQL_DATETIME_SUB:i,CHAR_OCTET_LENGTH:i,ORDINAL_POSITION:i,"
            + "IS_NULLABLE:s,SCOPE_CATALOG:s,SCOPE_SCHEMA:s,SCOPE_TABLE:s,SOURCE_DATA_TYPE:h,IS_AUTOINCREMENT:s,"
            + "IS_GENERATEDCOLUMN:s";

    private static Object[] columnRow(String schema, String table, String name, DataType type, int nullable,
            String defaultSql, int ordinal) {
        TypeId id = type.id();
        Integer decimalDigits = switch (id) {
            case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, NUMERIC, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL ->
                    JdbcTypes.scale(type);
            default -> null;
        };
        Integer radix = id.isNumeric() ? 10 : null;
        Integer octets = id == TypeId.TEXT || id == TypeId.VARCHAR || id == TypeId.CHAR || id == TypeId.BYTEA
                ? JdbcTypes.precision(type) : null;
        String isNullable = switch (nullable) {
            case columnNoNulls -> "NO";
            case columnNullable -> "YES";
            default -> "";
        };
        return new Object[] {null, schema, table, name, JdbcTypes.sqlType(id), id.typname(), JdbcTypes.precision(type),
            null, decimalDigits, radix, nullable, null, defaultSql, null, null, octets, ordinal, isNullable, null,
            null, null, null, "NO", "NO"};
    }

    /**
     * Columns of tables and views matching the patterns, ordered by schema, table and ordinal
     * position, with all 24 JDBC columns. A view's columns are found by binding the view; their
     * nullability is unknown.
     */
    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern,
            String columnNamePattern) throws SQLException {
        Catalog cat = catalog();
        List<Object[]> rows = new ArrayList<>();
        if (catalogMatches(catalog)) {
            for (TableDef t : cat.tables()) {
                if (!like(schemaPattern, t.schema()) || !like(tableNamePattern, t.name())) {
                    continue;
                }
                int ordinal = 0;
                for (ColumnDef c : t.columns()) {
                    ordinal++;
                    if (like(columnNamePattern, c.name())) {
                        rows.add(columnRow(t.schema(), t.name(), c.name(), c.type(),
                                c.notNull() ? columnNoNulls : columnNullable, c.defaultSql(), ordinal));
                    }
                }
            }
            for (ViewDef v : cat.views()) {
                if (!like(schemaPattern, v.schema()) || !like(tableNamePattern, v.name())) {
                    continue;
                }
                PreparedSql p;
                try {
                    p = connection.session().sqlSession().prepare("SELECT * FROM " + quote(v.schema()) + "."
                            + quote(v.name()));
                } catch (RuntimeException e) {
                    continue; // a view that no longer binds has no columns to report
                }
                int ordinal = 0;
                for (ResultColumn c : p.columns()) {
                    ordinal++;
                    if (like(columnNamePattern, c.name())) {
                        rows.add(columnRow(v.schema(), v.name(), c.name(), c.type(), columnNullableUnknown, null,
                                ordinal));
                    }
                }
            }
        }
        rows.sort(Comparator.<Object[], String>comparing(r -> (String) r[1]).thenComparing(r -> (String) r[2])
                .thenComparing(r -> (Integer) r[16]));
        return result(COLUMNS_SPEC, rows);
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * The primary-key columns of {@code table} (exact names; {@code null} schema or table: all),
     * in key order; the key is named {@code <table>_pkey} as PostgreSQL names it.
     */
    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        Catalog cat = catalog();
        List<Object[]> rows = new ArrayList<>();
        if (catalogMatches(catalog)) {
            for (TableDef t : cat.tables()) {
                if (!exact(schema, t.schema()) || !exact(table, t.name())) {
                    continue;
                }
                int seq = 0;
                for (int id : t.primaryKey()) {
                    seq++;
                    rows.add(new Object[] {null, t.schema(), t.name(), columnName(t, id), seq, t.name() + "_pkey"});
                }
            }
        }
        return result("TABLE_CAT:s,TABLE_SCHEM:s,TABLE_NAME:s,COLUMN_NAME:s,KEY_SEQ:h,PK_NAME:s", rows);
    }

    private static String columnName(TableDef t, int columnId) {
        for (ColumnDef c : t.columns()) {
            if (c.id() == columnId) {
                return c.name();
            }
        }
        return null;
    }

    /**
     * The indexes of {@code table}: its primary key (a unique index named {@code <table>_pkey})
     * and its secondary indexes, one row per key element (COLUMN_NAME is the column, or the
     * expression's text; ASC_OR_DESC {@code A} or {@code D}; FILTER_CONDITION a partial index's
     * predicate), only the unique ones when {@code unique}; ordered by NON_UNIQUE, INDEX_NAME and
     * ORDINAL_POSITION; CARDINALITY is the table's row count.
     */
    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
            throws SQLException {
        Catalog cat = catalog();
        List<Object[]> rows = new ArrayList<>();
        if (catalogMatches(catalog)) {
            for (TableDef t : cat.tables()) {
                if (!exact(schema, t.schema()) || !exact(table, t.name())) {
                    continue;
                }
                long count = connection.database().sqlDatabase().rowCount(t.id());
                int seq = 0;
                for (int id : t.primaryKey()) {
                    seq++;
                    rows.add(new Object[] {null, t.schema(), t.name(), false, null, t.name() + "_pkey",
                        (int) tableIndexOther, seq, columnName(t, id), "A", count, 0L, null});
                }
                for (IndexDef ix : cat.indexesOf(t.id())) {
                    if (unique && !ix.unique()) {
                        continue;
                    }
                    int position = 0;
                    for (IndexDef.Key k : ix.keys()) {
                        position++;
                        rows.add(new Object[] {null, t.schema(), t.name(), !ix.unique(), null, ix.name(),
                            (int) tableIndexOther, position, k.isExpression() ? k.expression() : columnName(t, k.columnId()),
                            k.descending() ? "D" : "A", count, 0L, ix.predicate()});
                    }
                }
            }
        }
        // JDBC's order: NON_UNIQUE, TYPE, INDEX_NAME, ORDINAL_POSITION
        rows.sort(Comparator.<Object[], Boolean>comparing(r -> (Boolean) r[3]).thenComparing(r -> (String) r[5])
                .thenComparing(r -> (Integer) r[7]));
        return result("TABLE_CAT:s,TABLE_SCHEM:s,TABLE_NAME:s,NON_UNIQUE:b,INDEX_QUALIFIER:s,INDEX_NAME:s,TYPE:h,"
                + "ORDINAL_POSITION:h,COLUMN_NAME:s,ASC_OR_DESC:s,CARDINALITY:l,PAGES:l,FILTER_CONDITION:s", rows);
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return getSchemas(null, null);
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        Catalog cat = catalog();
        List<Object[]> rows = new ArrayList<>();
        if (catalogMatches(catalog)) {
            for (String s : cat.schemaNames()) {
                if (like(schemaPattern, s)) {
                    rows.add(new Object[] {s, null});
                }
            }
        }
        return result("TABLE_SCHEM:s,TABLE_CATALOG:s", rows);
    }

    /** @return no rows: LodeDB has no catalogs */
    @Override
    public ResultSet getCatalogs() throws SQLException {
        return empty("TABLE_CAT:s");
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"TABLE"});
        rows.add(new Object[] {"VIEW"});
        return result("TABLE_TYPE:s", rows);
    }

    /** @return the supported types, ordered by DATA_TYPE then name */
    @Override
    public ResultSet getTypeInfo() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (TypeId id : TypeId.values()) {
            if (id == TypeId.UNKNOWN) {
                continue;
            }
            DataType t = DataType.of(id);
            String quote = id.isNumeric() || id == TypeId.BOOLEAN ? null : "'";
            String params = switch (id) {
                case NUMERIC -> "precision,scale";
                case VARCHAR, CHAR -> "length";
                case TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> "precision";
                default -> null;
            };
            int maxScale = id == TypeId.NUMERIC ? DataType.NUMERIC_MAX_SCALE
                    : id == TypeId.TIME || id == TypeId.TIMESTAMP || id == TypeId.TIMESTAMPTZ
                    || id == TypeId.INTERVAL ? 6 : 0;
            int precision = id == TypeId.NUMERIC ? DataType.NUMERIC_MAX_PRECISION
                    : id == TypeId.VARCHAR || id == TypeId.CHAR ? DataType.MAX_LENGTH : JdbcTypes.precision(t);
            rows.add(new Object[] {id.typname(), JdbcTypes.sqlType(id), precision, quote, quote, params,
                typeNullable, JdbcTypes.isCaseSensitive(id), typeSearchable,
                !JdbcTypes.isSigned(id), false, false, id.sqlName(), 0, maxScale, null, null,
                id.isNumeric() ? 10 : null});
        }
        rows.sort(Comparator.<Object[], Integer>comparing(r -> (Integer) r[1]).thenComparing(r -> (String) r[0]));
        return result("TYPE_NAME:s,DATA_TYPE:i,PRECISION:i,LITERAL_PREFIX:s,LITERAL_SUFFIX:s,CREATE_PARAMS:s,"
                + "NULLABLE:h,CASE_SENSITIVE:b,SEARCHABLE:h,UNSIGNED_ATTRIBUTE:b,FIXED_PREC_SCALE:b,AUTO_INCREMENT:b,"
                + "LOCAL_TYPE_NAME:s,MINIMUM_SCALE:h,MAXIMUM_SCALE:h,SQL_DATA_TYPE:i,SQL_DATETIME_SUB:i,"
                + "NUM_PREC_RADIX:i", rows);
    }

    // ---- empty results: objects LodeDB does not have yet ----

    /**
     * The primary-key (or unique) columns that {@code table}'s foreign keys reference: one row per
     * key column, ordered by PKTABLE_CAT, PKTABLE_SCHEM, PKTABLE_NAME and KEY_SEQ (then FK_NAME for
     * two keys referencing the same table, as pgjdbc does). See {@link #getCrossReference}.
     */
    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        List<Object[]> rows = foreignKeyRows(catalog, null, null, catalog, schema, table);
        rows.sort(Comparator.<Object[], String>comparing(r -> (String) r[1]).thenComparing(r -> (String) r[2])
                .thenComparing(r -> (String) r[11]).thenComparing(r -> (Integer) r[8]));
        return result(KEYS_SPEC, rows);
    }

    /**
     * The foreign-key columns of other tables (or of itself) that reference {@code table}: one row
     * per key column, ordered by FKTABLE_CAT, FKTABLE_SCHEM, FKTABLE_NAME and KEY_SEQ (then FK_NAME
     * for two keys of the same table). See {@link #getCrossReference}.
     */
    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        List<Object[]> rows = foreignKeyRows(catalog, schema, table, catalog, null, null);
        rows.sort(FOREIGN_TABLE_ORDER);
        return result(KEYS_SPEC, rows);
    }

    /**
     * The foreign keys of {@code foreignTable} that reference {@code parentTable}, one row per key
     * column, ordered by FKTABLE_CAT, FKTABLE_SCHEM, FKTABLE_NAME and KEY_SEQ (then FK_NAME). Table
     * and schema arguments are exact names ({@code null}: any); a non-empty catalog matches nothing.
     * UPDATE_RULE and DELETE_RULE are {@code importedKeyNoAction}, {@code importedKeyRestrict},
     * {@code importedKeyCascade}, {@code importedKeySetNull} or {@code importedKeySetDefault}; PK_NAME
     * is the referenced primary key ({@code <table>_pkey}) or unique index; DEFERRABILITY is always
     * {@code importedKeyNotDeferrable} (LodeDB checks foreign keys at the end of each statement).
     */
    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
            String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
        List<Object[]> rows = foreignKeyRows(parentCatalog, parentSchema, parentTable, foreignCatalog, foreignSchema,
                foreignTable);
        rows.sort(FOREIGN_TABLE_ORDER);
        return result(KEYS_SPEC, rows);
    }

    private static final Comparator<Object[]> FOREIGN_TABLE_ORDER = Comparator.<Object[], String>comparing(
            r -> (String) r[5]).thenComparing(r -> (String) r[6]).thenComparing(r -> (String) r[11])
            .thenComparing(r -> (Integer) r[8]);

    /** @return the {@link #KEYS_SPEC} rows of the foreign keys from the matching child to the matching parent tables */
    private List<Object[]> foreignKeyRows(String parentCatalog, String parentSchema, String parentTable,
            String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
        Catalog cat = catalog();
        List<Object[]> rows = new ArrayList<>();
        if (!catalogMatches(parentCatalog) || !catalogMatches(foreignCatalog)) {
            return rows;
        }
        for (TableDef child : cat.tables()) {
            if (!exact(foreignSchema, child.schema()) || !exact(foreignTable, child.name())) {
                continue;
            }
            for (ForeignKeyDef k : child.foreignKeys()) {
                TableDef parent = cat.tableById(k.refTable());
                if (parent == null || !exact(parentSchema, parent.schema()) || !exact(parentTable, parent.name())) {
                    continue;
                }
                String pkName = cat.uniqueKeyName(parent, k.refColumns());
                for (int i = 0; i < k.columns().size(); i++) {
                    rows.add(new Object[] {null, parent.schema(), parent.name(),
                        columnName(parent, k.refColumns().get(i)), null, child.schema(), child.name(),
                        columnName(child, k.columns().get(i)), i + 1, rule(k.onUpdate()), rule(k.onDelete()),
                        k.name(), pkName, (int) importedKeyNotDeferrable});
                }
            }
        }
        return rows;
    }

    /** @return the JDBC {@code importedKey...} constant of a referential action */
    private static int rule(ForeignKeyDef.Action a) {
        return switch (a) {
            case CASCADE -> importedKeyCascade;
            case RESTRICT -> importedKeyRestrict;
            case SET_NULL -> importedKeySetNull;
            case SET_DEFAULT -> importedKeySetDefault;
            default -> importedKeyNoAction;
        };
    }

    private static final String KEYS_SPEC = "PKTABLE_CAT:s,PKTABLE_SCHEM:s,PKTABLE_NAME:s,PKCOLUMN_NAME:s,"
            + "FKTABLE_CAT:s,FKTABLE_SCHEM:s,FKTABLE_NAME:s,FKCOLUMN_NAME:s,KEY_SEQ:h,UPDATE_RULE:h,DELETE_RULE:h,"
            + "FK_NAME:s,PK_NAME:s,DEFERRABILITY:h";

    /** @return no rows: no stored procedures */
    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
            throws SQLException {
        return empty("PROCEDURE_CAT:s,PROCEDURE_SCHEM:s,PROCEDURE_NAME:s,RESERVED1:s,RESERVED2:s,RESERVED3:s,"
                + "REMARKS:s,PROCEDURE_TYPE:h,SPECIFIC_NAME:s");
    }

    /** @return no rows: no stored procedures */
    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern,
            String columnNamePattern) throws SQLException {
        return empty("PROCEDURE_CAT:s,PROCEDURE_SCHEM:s,PROCEDURE_NAME:s,COLUMN_NAME:s,COLUMN_TYPE:h,DATA_TYPE:i,"
                + "TYPE_NAME:s,PRECISION:i,LENGTH:i,SCALE:h,RADIX:h,NULLABLE:h,REMARKS:s,COLUMN_DEF:s,"
                + "SQL_DATA_TYPE:i,SQL_DATETIME_SUB:i,CHAR_OCTET_LENGTH:i,ORDINAL_POSITION:i,IS_NULLABLE:s,"
                + "SPECIFIC_NAME:s");
    }

    /** @return no rows: built-in functions are not listed, and there are no user-defined ones */
    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
            throws SQLException {
        return empty("FUNCTION_CAT:s,FUNCTION_SCHEM:s,FUNCTION_NAME:s,REMARKS:s,FUNCTION_TYPE:h,SPECIFIC_NAME:s");
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern,
            String columnNamePattern) throws SQLException {
        return empty("FUNCTION_CAT:s,FUNCTION_SCHEM:s,FUNCTION_NAME:s,COLUMN_NAME:s,COLUMN_TYPE:h,DATA_TYPE:i,"
                + "TYPE_NAME:s,PRECISION:i,LENGTH:i,SCALE:h,RADIX:h,NULLABLE:h,REMARKS:s,CHAR_OCTET_LENGTH:i,"
                + "ORDINAL_POSITION:i,IS_NULLABLE:s,SPECIFIC_NAME:s");
    }

    /** @return no rows: no privileges yet */
    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern)
            throws SQLException {
        return empty("TABLE_CAT:s,TABLE_SCHEM:s,TABLE_NAME:s,COLUMN_NAME:s,GRANTOR:s,GRANTEE:s,PRIVILEGE:s,"
                + "IS_GRANTABLE:s");
    }

    /** @return no rows: no privileges yet */
    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
            throws SQLException {
        return empty("TABLE_CAT:s,TABLE_SCHEM:s,TABLE_NAME:s,GRANTOR:s,GRANTEE:s,PRIVILEGE:s,IS_GRANTABLE:s");
    }

    /** @return no rows */
    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
            throws SQLException {
        return empty("SCOPE:h,COLUMN_NAME:s,DATA_TYPE:i,TYPE_NAME:s,COLUMN_SIZE:i,BUFFER_LENGTH:i,DECIMAL_DIGITS:h,"
                + "PSEUDO_COLUMN:h");
    }

    /** @return no rows: no automatically updated columns */
    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
        return empty("SCOPE:h,COLUMN_NAME:s,DATA_TYPE:i,TYPE_NAME:s,COLUMN_SIZE:i,BUFFER_LENGTH:i,DECIMAL_DIGITS:h,"
                + "PSEUDO_COLUMN:h");
    }

    /** @return no rows: no user-defined types */
    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types)
            throws SQLException {
        return empty("TYPE_CAT:s,TYPE_SCHEM:s,TYPE_NAME:s,CLASS_NAME:s,DATA_TYPE:i,REMARKS:s,BASE_TYPE:h");
    }

    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException {
        return empty("TYPE_CAT:s,TYPE_SCHEM:s,TYPE_NAME:s,SUPERTYPE_CAT:s,SUPERTYPE_SCHEM:s,SUPERTYPE_NAME:s");
    }

    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern)
            throws SQLException {
        return empty("TABLE_CAT:s,TABLE_SCHEM:s,TABLE_NAME:s,SUPERTABLE_NAME:s");
    }

    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern,
            String attributeNamePattern) throws SQLException {
        return empty("TYPE_CAT:s,TYPE_SCHEM:s,TYPE_NAME:s,ATTR_NAME:s,DATA_TYPE:i,ATTR_TYPE_NAME:s,ATTR_SIZE:i,"
                + "DECIMAL_DIGITS:i,NUM_PREC_RADIX:i,NULLABLE:i,REMARKS:s,ATTR_DEF:s,SQL_DATA_TYPE:i,"
                + "SQL_DATETIME_SUB:i,CHAR_OCTET_LENGTH:i,ORDINAL_POSITION:i,IS_NULLABLE:s,SCOPE_CATALOG:s,"
                + "SCOPE_SCHEMA:s,SCOPE_TABLE:s,SOURCE_DATA_TYPE:h");
    }

    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        return empty("NAME:s,MAX_LEN:i,DEFAULT_VALUE:s,DESCRIPTION:s");
    }

    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern,
            String columnNamePattern) throws SQLException {
        return empty("TABLE_CAT:s,TABLE_SCHEM:s,TABLE_NAME:s,COLUMN_NAME:s,DATA_TYPE:i,COLUMN_SIZE:i,"
                + "DECIMAL_DIGITS:i,NUM_PREC_RADIX:i,COLUMN_USAGE:s,REMARKS:s,CHAR_OCTET_LENGTH:i,IS_NULLABLE:s");
    }

    // ---- product ----

    @Override
    public String getDatabaseProductName() {
        return "LodeDB";
    }

    @Override
    public String getDatabaseProductVersion() {
        return LodeDriver.VERSION;
    }

    @Override
    public int getDatabaseMajorVersion() {
        return 0;
    }

    @Override
    public int getDatabaseMinorVersion() {
        return 1;
    }

    @Override
    public String getDriverName() {
        return "LodeDB JDBC Driver";
    }

    @Override
    public String getDriverVersion() {
        return LodeDriver.VERSION;
    }

    @Override
    public int getDriverMajorVersion() {
        return LodeDriver.MAJOR_VERSION;
    }

    @Override
    public int getDriverMinorVersion() {
        return LodeDriver.MINOR_VERSION;
    }

    @Override
    public int getJDBCMajorVersion() {
        return 4;
    }

    @Override
    public int getJDBCMinorVersion() {
        return 2;
    }

    @Override
    public String getURL() {
        return connection.url();
    }

    /** @return {@code lode}: there are no users yet */
    @Override
    public String getUserName() {
        return "lode";
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    // ---- identifiers and SQL ----

    @Override
    public String getIdentifierQuoteString() {
        return "\"";
    }

    /** @return LodeDB keywords that are not SQL:2003 keywords */
    @Override
    public String getSQLKeywords() {
        return "analyze,explain,ilike,limit,offset,returning,show,similar,verbose";
    }

    @Override
    public String getNumericFunctions() {
        return "abs,ceil,ceiling,degrees,exp,floor,ln,log,mod,pi,power,radians,random,round,sign,sqrt,trunc";
    }

    @Override
    public String getStringFunctions() {
        return "ascii,btrim,char_length,chr,concat,initcap,left,length,lower,lpad,ltrim,position,repeat,replace,"
                + "reverse,right,rpad,rtrim,split_part,strpos,substr,substring,translate,trim,upper";
    }

    @Override
    public String getSystemFunctions() {
        return "coalesce,greatest,least,nullif";
    }

    @Override
    public String getTimeDateFunctions() {
        return "age,current_date,current_time,current_timestamp,date_part,date_trunc,extract,localtime,"
                + "localtimestamp,make_date,make_interval,make_time,make_timestamp,now,to_timestamp";
    }

    @Override
    public String getSearchStringEscape() {
        return "\\";
    }

    @Override
    public String getExtraNameCharacters() {
        return "";
    }

    @Override
    public String getSchemaTerm() {
        return "schema";
    }

    @Override
    public String getProcedureTerm() {
        return "function";
    }

    @Override
    public String getCatalogTerm() {
        return "database";
    }

    @Override
    public boolean isCatalogAtStart() {
        return true;
    }

    @Override
    public String getCatalogSeparator() {
        return ".";
    }

    @Override
    public boolean storesLowerCaseIdentifiers() {
        return true;
    }

    @Override
    public boolean storesUpperCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() {
        return true;
    }

    // ---- capabilities ----

    @Override
    public boolean allProceduresAreCallable() {
        return true;
    }

    @Override
    public boolean allTablesAreSelectable() {
        return true;
    }

    @Override
    public boolean nullsAreSortedHigh() {
        return true;
    }

    @Override
    public boolean nullsAreSortedLow() {
        return false;
    }

    @Override
    public boolean nullsAreSortedAtStart() {
        return false;
    }

    @Override
    public boolean nullsAreSortedAtEnd() {
        return false;
    }

    @Override
    public boolean usesLocalFiles() {
        return true;
    }

    @Override
    public boolean usesLocalFilePerTable() {
        return false;
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() {
        return true;
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() {
        return true;
    }

    @Override
    public boolean supportsColumnAliasing() {
        return true;
    }

    @Override
    public boolean nullPlusNonNullIsNull() {
        return true;
    }

    /** @return false: JDBC's {@code {fn CONVERT}} escape is not translated */
    @Override
    public boolean supportsConvert() {
        return false;
    }

    @Override
    public boolean supportsConvert(int fromType, int toType) {
        return false;
    }

    @Override
    public boolean supportsTableCorrelationNames() {
        return true;
    }

    @Override
    public boolean supportsDifferentTableCorrelationNames() {
        return false;
    }

    @Override
    public boolean supportsExpressionsInOrderBy() {
        return true;
    }

    @Override
    public boolean supportsOrderByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsGroupBy() {
        return true;
    }

    @Override
    public boolean supportsGroupByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsGroupByBeyondSelect() {
        return true;
    }

    @Override
    public boolean supportsLikeEscapeClause() {
        return true;
    }

    /** @return false: {@code execute} returns the last statement's result only */
    @Override
    public boolean supportsMultipleResultSets() {
        return false;
    }

    /** @return true: each connection has its own transaction, open at the same time as others' */
    @Override
    public boolean supportsMultipleTransactions() {
        return true;
    }

    @Override
    public boolean supportsNonNullableColumns() {
        return true;
    }

    @Override
    public boolean supportsMinimumSQLGrammar() {
        return true;
    }

    @Override
    public boolean supportsCoreSQLGrammar() {
        return false;
    }

    @Override
    public boolean supportsExtendedSQLGrammar() {
        return false;
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() {
        return false;
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() {
        return false;
    }

    @Override
    public boolean supportsANSI92FullSQL() {
        return false;
    }

    /** @return false: no CHECK, UNIQUE or FOREIGN KEY constraints yet */
    @Override
    public boolean supportsIntegrityEnhancementFacility() {
        return false;
    }

    @Override
    public boolean supportsOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsFullOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsLimitedOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsSchemasInDataManipulation() {
        return true;
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() {
        return true;
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() {
        return false;
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() {
        return false;
    }

    @Override
    public boolean supportsPositionedDelete() {
        return false;
    }

    @Override
    public boolean supportsPositionedUpdate() {
        return false;
    }

    @Override
    public boolean supportsSelectForUpdate() {
        return false;
    }

    @Override
    public boolean supportsStoredProcedures() {
        return false;
    }

    @Override
    public boolean supportsSubqueriesInComparisons() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInExists() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInIns() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() {
        return true;
    }

    @Override
    public boolean supportsCorrelatedSubqueries() {
        return true;
    }

    @Override
    public boolean supportsUnion() {
        return true;
    }

    @Override
    public boolean supportsUnionAll() {
        return true;
    }

    /** @return true: a result set stays readable after its statement committed */
    @Override
    public boolean supportsOpenCursorsAcrossCommit() {
        return true;
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() {
        return false;
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() {
        return true;
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() {
        return true;
    }

    @Override
    public int getMaxBinaryLiteralLength() {
        return 0;
    }

    @Override
    public int getMaxCharLiteralLength() {
        return 0;
    }

    @Override
    public int getMaxColumnNameLength() {
        return 0;
    }

    @Override
    public int getMaxColumnsInGroupBy() {
        return 0;
    }

    @Override
    public int getMaxColumnsInIndex() {
        return 0;
    }

    @Override
    public int getMaxColumnsInOrderBy() {
        return 0;
    }

    @Override
    public int getMaxColumnsInSelect() {
        return 0;
    }

    /** @return 1600, PostgreSQL's limit, which LodeDB enforces */
    @Override
    public int getMaxColumnsInTable() {
        return 1600;
    }

    @Override
    public int getMaxConnections() {
        return 0;
    }

    @Override
    public int getMaxCursorNameLength() {
        return 0;
    }

    @Override
    public int getMaxIndexLength() {
        return 0;
    }

    @Override
    public int getMaxSchemaNameLength() {
        return 0;
    }

    @Override
    public int getMaxProcedureNameLength() {
        return 0;
    }

    @Override
    public int getMaxCatalogNameLength() {
        return 0;
    }

    @Override
    public int getMaxRowSize() {
        return 0;
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() {
        return false;
    }

    @Override
    public int getMaxStatementLength() {
        return 0;
    }

    @Override
    public int getMaxStatements() {
        return 0;
    }

    @Override
    public int getMaxTableNameLength() {
        return 0;
    }

    @Override
    public int getMaxTablesInSelect() {
        return 0;
    }

    @Override
    public int getMaxUserNameLength() {
        return 0;
    }

    // ---- transactions ----

    /** @return READ_COMMITTED, the level of a new connection's transactions */
    @Override
    public int getDefaultTransactionIsolation() {
        return Connection.TRANSACTION_READ_COMMITTED;
    }

    /** @return true: {@code commit} and {@code rollback} end multi-statement transactions */
    @Override
    public boolean supportsTransactions() {
        return true;
    }

    /**
     * @return true for the four JDBC levels; READ UNCOMMITTED runs as READ COMMITTED (as in
     *     PostgreSQL), which gives more than it asks for
     */
    @Override
    public boolean supportsTransactionIsolationLevel(int level) {
        return level == Connection.TRANSACTION_READ_UNCOMMITTED || level == Connection.TRANSACTION_READ_COMMITTED
                || level == Connection.TRANSACTION_REPEATABLE_READ || level == Connection.TRANSACTION_SERIALIZABLE;
    }

    /** @return true: DDL is transactional, as in PostgreSQL (docs/transactions.md) */
    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() {
        return true;
    }

    /** @return false: a transaction block takes DDL too */
    @Override
    public boolean supportsDataManipulationTransactionsOnly() {
        return false;
    }

    /** @return false: DDL in a block joins the block; it neither commits it nor is ignored */
    @Override
    public boolean dataDefinitionCausesTransactionCommit() {
        return false;
    }

    /** @return false: see {@link #dataDefinitionCausesTransactionCommit()} */
    @Override
    public boolean dataDefinitionIgnoredInTransactions() {
        return false;
    }

    /** @return true: {@code setSavepoint}, {@code rollback(Savepoint)}, {@code releaseSavepoint} */
    @Override
    public boolean supportsSavepoints() {
        return true;
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() {
        return false;
    }

    // ---- result sets and statements ----

    @Override
    public boolean supportsResultSetType(int type) {
        return type == ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public boolean supportsResultSetConcurrency(int type, int concurrency) {
        return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public boolean ownUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean updatesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean deletesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean insertsAreDetected(int type) {
        return false;
    }

    @Override
    public boolean supportsBatchUpdates() {
        return true;
    }

    @Override
    public boolean supportsResultSetHoldability(int holdability) {
        return holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public int getSQLStateType() {
        return sqlStateSQL;
    }

    @Override
    public boolean locatorsUpdateCopy() {
        return false;
    }

    @Override
    public boolean supportsStatementPooling() {
        return false;
    }

    @Override
    public RowIdLifetime getRowIdLifetime() {
        return RowIdLifetime.ROWID_UNSUPPORTED;
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() {
        return false;
    }

    @Override
    public boolean supportsNamedParameters() {
        return false;
    }

    @Override
    public boolean supportsMultipleOpenResults() {
        return false;
    }

    @Override
    public boolean supportsGetGeneratedKeys() {
        return false;
    }

    @Override
    public boolean generatedKeyAlwaysReturned() {
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw Errors.of("Cannot unwrap to " + iface.getName(), Errors.INVALID_PARAMETER);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
