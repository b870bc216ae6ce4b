package dev.lodedb.jdbc;

import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.ColumnDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.session.ResultColumn;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * The columns of a result: labels, types as pgjdbc reports them ({@code getColumnType} a
 * {@link java.sql.Types} constant, {@code getColumnTypeName} PostgreSQL's typname such as
 * {@code int4}), precision and scale, and the source table and nullability of columns read
 * straight from a table. Immutable after construction; thread-safe.
 */
public final class LodeResultSetMetaData implements ResultSetMetaData {
    private final List<ResultColumn> columns;
    private final Catalog catalog;

    /**
     * @param catalog where source tables are looked up, or {@code null} (no table information)
     */
    LodeResultSetMetaData(List<ResultColumn> columns, Catalog catalog) {
        this.columns = List.copyOf(columns);
        this.catalog = catalog;
    }

    private ResultColumn column(int column) throws SQLException {
        if (column < 1 || column > columns.size()) {
            throw Errors.of("The column index is out of range: " + column + ", number of columns: "
                    + columns.size() + ".", Errors.INVALID_PARAMETER);
        }
        return columns.get(column - 1);
    }

    private DataType type(int column) throws SQLException {
        return column(column).type();
    }

    private TableDef table(int column) throws SQLException {
        ResultColumn c = column(column);
        return catalog == null || c.tableId() <= 0 ? null : catalog.tableById(c.tableId());
    }

    private ColumnDef sourceColumn(int column) throws SQLException {
        TableDef t = table(column);
        if (t == null) {
            return null;
        }
        int id = column(column).columnId();
        for (ColumnDef c : t.columns()) {
            if (c.id() == id) {
                return c;
            }
        }
        return null;
    }

    @Override
    public int getColumnCount() {
        return columns.size();
    }

    /** @return false: LodeDB has no auto-increment columns yet (serial arrives later) */
    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        column(column);
        return false;
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return JdbcTypes.isCaseSensitive(type(column).id());
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        column(column);
        return true;
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        column(column);
        return false;
    }

    /**
     * @return {@code columnNoNulls} or {@code columnNullable} for a column read straight from a
     *     table (its NOT NULL constraint), else {@code columnNullableUnknown}
     */
    @Override
    public int isNullable(int column) throws SQLException {
        ColumnDef c = sourceColumn(column);
        if (c == null) {
            return columnNullableUnknown;
        }
        return c.notNull() ? columnNoNulls : columnNullable;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return JdbcTypes.isSigned(type(column).id());
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        return JdbcTypes.displaySize(type(column));
    }

    /** @return the column's label: its alias, its name, or {@code ?column?} */
    @Override
    public String getColumnLabel(int column) throws SQLException {
        return column(column).name();
    }

    /** @return the label, as pgjdbc returns by default */
    @Override
    public String getColumnName(int column) throws SQLException {
        return column(column).name();
    }

    /** @return the source table's schema, or "" for a computed column */
    @Override
    public String getSchemaName(int column) throws SQLException {
        TableDef t = table(column);
        return t == null ? "" : t.schema();
    }

    /** @return numeric precision, maximum string length, or date/time display length (see pgjdbc) */
    @Override
    public int getPrecision(int column) throws SQLException {
        return JdbcTypes.precision(type(column));
    }

    @Override
    public int getScale(int column) throws SQLException {
        return JdbcTypes.scale(type(column));
    }

    /** @return the source table's name when the column comes straight from a table, else "" */
    @Override
    public String getTableName(int column) throws SQLException {
        TableDef t = table(column);
        return t == null ? "" : t.name();
    }

    /** @return "": LodeDB has no catalogs */
    @Override
    public String getCatalogName(int column) throws SQLException {
        column(column);
        return "";
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return JdbcTypes.sqlType(type(column).id());
    }

    /** @return PostgreSQL's type name (typname): {@code int4}, {@code varchar}, {@code numeric}, ... */
    @Override
    public String getColumnTypeName(int column) throws SQLException {
        return type(column).id().typname();
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        column(column);
        return false;
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        column(column);
        return true;
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        column(column);
        return false;
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return JdbcTypes.className(type(column).id());
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
