package dev.lodedb.jdbc;

import dev.lodedb.engine.types.DataType;
import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.util.List;

/** The parameters of a prepared statement, with the types the engine inferred. Immutable. */
public final class LodeParameterMetaData implements ParameterMetaData {
    private final List<DataType> types;

    LodeParameterMetaData(List<DataType> types) {
        this.types = List.copyOf(types);
    }

    private DataType type(int param) throws SQLException {
        if (param < 1 || param > types.size()) {
            throw Errors.of("The parameter index is out of range: " + param + ", number of parameters: "
                    + types.size() + ".", Errors.INVALID_PARAMETER);
        }
        return types.get(param - 1);
    }

    @Override
    public int getParameterCount() {
        return types.size();
    }

    @Override
    public int isNullable(int param) throws SQLException {
        type(param);
        return parameterNullableUnknown;
    }

    @Override
    public boolean isSigned(int param) throws SQLException {
        return JdbcTypes.isSigned(type(param).id());
    }

    @Override
    public int getPrecision(int param) throws SQLException {
        return JdbcTypes.precision(type(param));
    }

    @Override
    public int getScale(int param) throws SQLException {
        return JdbcTypes.scale(type(param));
    }

    @Override
    public int getParameterType(int param) throws SQLException {
        return JdbcTypes.sqlType(type(param).id());
    }

    /** @return PostgreSQL's type name of the inferred type ({@code int4}, {@code text}, ...) */
    @Override
    public String getParameterTypeName(int param) throws SQLException {
        return type(param).id().typname();
    }

    @Override
    public String getParameterClassName(int param) throws SQLException {
        return JdbcTypes.className(type(param).id());
    }

    @Override
    public int getParameterMode(int param) throws SQLException {
        type(param);
        return parameterModeIn;
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
