package dev.lodedb.sql.binder;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.ast.Expr;
import dev.lodedb.sql.ast.IntegerLiteral;
import dev.lodedb.sql.ast.TypeName;

/**
 * Turns a type name of the AST into a {@link DataType} ({@code varchar(25)}, {@code numeric(15,2)},
 * {@code timestamp with time zone}, {@code int4}, ...). Thread-safe (stateless).
 */
public final class TypeResolver {
    private TypeResolver() {
    }

    /**
     * @return the type
     * @throws SqlException 42704 {@code type "foo" does not exist}; 0A000 for array types;
     *     22023 for a bad modifier
     */
    public static DataType resolve(TypeName t) {
        if (t.isArray()) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "array types are not supported yet", null,
                    null, t.position() + 1, null);
        }
        StringBuilder sb = new StringBuilder(String.join(" ", t.names()));
        if (!t.modifiers().isEmpty()) {
            sb.append('(');
            for (int i = 0; i < t.modifiers().size(); i++) {
                Expr m = t.modifiers().get(i);
                if (!(m instanceof IntegerLiteral lit)) {
                    throw new SqlException(SqlException.SYNTAX_ERROR, "type modifiers must be simple constants",
                            null, null, m.position() + 1, null);
                }
                sb.append(i > 0 ? "," : "").append(lit.value());
            }
            sb.append(')');
        }
        try {
            return DataType.parse(sb.toString());
        } catch (SqlException e) {
            throw e.position() == 0 ? e.withPosition(t.position() + 1) : e;
        }
    }
}
