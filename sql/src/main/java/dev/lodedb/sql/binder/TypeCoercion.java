package dev.lodedb.sql.binder;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.CastContext;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import java.util.List;

/**
 * PostgreSQL's type resolution for operators, CASE, UNION and VALUES (documentation chapter 10,
 * "Type Conversion"): untyped literals take the type of the other side, numeric types widen along
 * smallint → integer → bigint → numeric → real → double precision, string types meet at text, and
 * otherwise a type that the other implicitly casts to wins. Thread-safe (stateless).
 */
final class TypeCoercion {
    private TypeCoercion() {
    }

    private static int numericRank(TypeId id) {
        return switch (id) {
            case SMALLINT -> 1;
            case INTEGER -> 2;
            case BIGINT -> 3;
            case NUMERIC -> 4;
            case REAL -> 5;
            case DOUBLE -> 6;
            default -> 0;
        };
    }

    private static int dateTimeRank(TypeId id) {
        return switch (id) {
            case DATE -> 1;
            case TIMESTAMP -> 2;
            case TIMESTAMPTZ -> 3;
            default -> 0;
        };
    }

    /**
     * @return the common type of {@code a} and {@code b} ({@code unknown} only when both are), or
     *     {@code null} if there is none
     */
    static DataType commonType(DataType a, DataType b) {
        TypeId x = a.id();
        TypeId y = b.id();
        if (x == TypeId.UNKNOWN) {
            return b;
        }
        if (y == TypeId.UNKNOWN) {
            return a;
        }
        if (x == y) {
            return a.equals(b) ? a : a.withoutModifiers();
        }
        int rx = numericRank(x);
        int ry = numericRank(y);
        if (rx > 0 && ry > 0) {
            return DataType.of(rx >= ry ? x : y);
        }
        if (x.isString() && y.isString()) {
            return DataType.TEXT;
        }
        int dx = dateTimeRank(x);
        int dy = dateTimeRank(y);
        if (dx > 0 && dy > 0) {
            return DataType.of(dx >= dy ? x : y);
        }
        if (Values.castContext(x, y) == CastContext.IMPLICIT) {
            return b.withoutModifiers();
        }
        if (Values.castContext(y, x) == CastContext.IMPLICIT) {
            return a.withoutModifiers();
        }
        return null;
    }

    /**
     * The common type of several expressions (CASE results, UNION columns, VALUES columns).
     *
     * @param what the construct for the error message ({@code CASE}, {@code UNION}, {@code VALUES})
     * @throws SqlException 42804 {@code CASE types integer and text cannot be matched}
     */
    static DataType commonType(List<DataType> types, String what, int position) {
        DataType result = DataType.UNKNOWN;
        for (DataType t : types) {
            DataType c = commonType(result, t);
            if (c == null) {
                throw new SqlException(SqlException.DATATYPE_MISMATCH, what + " types " + result + " and " + t
                        + " cannot be matched", null, null, position + 1, null);
            }
            result = c;
        }
        return result.id() == TypeId.UNKNOWN ? DataType.TEXT : result;
    }

    /** @return whether a cast from {@code from} to {@code to} may be applied in {@code context} */
    static boolean canCast(DataType from, DataType to, CastContext context) {
        CastContext c = Values.castContext(from.id(), to.id());
        return c != null && c.ordinal() <= context.ordinal();
    }
}
