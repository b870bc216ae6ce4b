package dev.lodedb.sql.binder;

import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * State shared by all query levels of one statement while it is bound: the catalog snapshot, the
 * parameter types inferred so far, the common table expressions in scope and id counters.
 * Not thread-safe.
 */
final class BindContext {
    final Catalog catalog;
    /** Inferred type of {@code $i+1}; {@link DataType#UNKNOWN} until a use decides it. */
    final List<DataType> parameterTypes = new ArrayList<>();
    /** CTE definitions visible by name, innermost WITH last. */
    final List<Map<String, CteBinding>> cteScopes = new ArrayList<>();
    int nextCteId = 1;
    final QueryBinder queries;

    BindContext(Catalog catalog, List<DataType> declaredParameterTypes) {
        this.catalog = catalog;
        this.parameterTypes.addAll(declaredParameterTypes);
        this.queries = new QueryBinder(this);
    }

    /** @return the type of parameter {@code index} (0-based), growing the list as needed */
    DataType parameterType(int index) {
        while (parameterTypes.size() <= index) {
            parameterTypes.add(DataType.UNKNOWN);
        }
        return parameterTypes.get(index);
    }

    void setParameterType(int index, DataType type) {
        parameterType(index);
        parameterTypes.set(index, type);
    }

    /** @return the parameter types with those no use decided defaulted to text */
    List<DataType> finalParameterTypes() {
        List<DataType> out = new ArrayList<>();
        for (DataType t : parameterTypes) {
            out.add(t.id() == TypeId.UNKNOWN ? DataType.TEXT : t);
        }
        return out;
    }

    CteBinding findCte(String name) {
        for (int i = cteScopes.size() - 1; i >= 0; i--) {
            CteBinding c = cteScopes.get(i).get(name);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    void pushCteScope() {
        cteScopes.add(new HashMap<>());
    }

    void popCteScope() {
        cteScopes.remove(cteScopes.size() - 1);
    }
}
