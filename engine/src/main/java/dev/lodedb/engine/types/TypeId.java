package dev.lodedb.engine.types;

/**
 * The SQL types LodeDB knows, each with its PostgreSQL identity: the type's OID in {@code
 * pg_type}, its internal name ({@code pg_type.typname}, what {@code ::regtype} and the wire
 * protocol's catalogs use), and its SQL display name (what {@code format_type} prints).
 *
 * <p>{@link #UNKNOWN} is PostgreSQL's pseudo-type of an untyped literal ({@code 'abc'} before the
 * binder resolves it) and of a bare {@code NULL}. Array types will be added as their own entries
 * ({@code _int4} etc.) or as a wrapper type; nothing here assumes that every type is a scalar.
 *
 * <p>OIDs are from PostgreSQL's {@code src/include/catalog/pg_type.dat}; they are stable across
 * PostgreSQL versions and clients (pgjdbc, psycopg) rely on them.
 */
public enum TypeId {
    /** {@code boolean} (OID 16). */
    BOOLEAN(16, "bool", "boolean"),
    /** {@code smallint}, 2-byte signed integer (OID 21). */
    SMALLINT(21, "int2", "smallint"),
    /** {@code integer}, 4-byte signed integer (OID 23). */
    INTEGER(23, "int4", "integer"),
    /** {@code bigint}, 8-byte signed integer (OID 20). */
    BIGINT(20, "int8", "bigint"),
    /** {@code real}, IEEE 754 binary32 (OID 700). */
    REAL(700, "float4", "real"),
    /** {@code double precision}, IEEE 754 binary64 (OID 701). */
    DOUBLE(701, "float8", "double precision"),
    /** {@code numeric}, arbitrary-precision decimal (OID 1700). */
    NUMERIC(1700, "numeric", "numeric"),
    /** {@code text}, unlimited-length character string (OID 25). */
    TEXT(25, "text", "text"),
    /** {@code character varying(n)} (OID 1043). */
    VARCHAR(1043, "varchar", "character varying"),
    /** {@code character(n)}, blank-padded (OID 1042, internally {@code bpchar}). */
    CHAR(1042, "bpchar", "character"),
    /** {@code bytea}, byte string (OID 17). */
    BYTEA(17, "bytea", "bytea"),
    /** {@code date} (OID 1082). */
    DATE(1082, "date", "date"),
    /** {@code time without time zone} (OID 1083). */
    TIME(1083, "time", "time without time zone"),
    /** {@code timestamp without time zone} (OID 1114). */
    TIMESTAMP(1114, "timestamp", "timestamp without time zone"),
    /** {@code timestamp with time zone} (OID 1184). */
    TIMESTAMPTZ(1184, "timestamptz", "timestamp with time zone"),
    /** {@code interval} (OID 1186). */
    INTERVAL(1186, "interval", "interval"),
    /** {@code uuid} (OID 2950). */
    UUID(2950, "uuid", "uuid"),
    /** {@code json}, JSON text kept as written (OID 114). */
    JSON(114, "json", "json"),
    /** {@code jsonb}, decomposed canonical JSON (OID 3802). */
    JSONB(3802, "jsonb", "jsonb"),
    /** {@code unknown}: an untyped literal or {@code NULL} before type resolution (OID 705). */
    UNKNOWN(705, "unknown", "unknown");

    private static final TypeId[] VALUES = values();

    private final int oid;
    private final String typname;
    private final String sqlName;

    TypeId(int oid, String typname, String sqlName) {
        this.oid = oid;
        this.typname = typname;
        this.sqlName = sqlName;
    }

    /** @return the type's OID in PostgreSQL's {@code pg_type} */
    public int oid() {
        return oid;
    }

    /** @return PostgreSQL's internal type name ({@code pg_type.typname}), e.g. {@code int4} */
    public String typname() {
        return typname;
    }

    /** @return the SQL display name without modifiers, e.g. {@code character varying} */
    public String sqlName() {
        return sqlName;
    }

    /** @return whether this is one of the integer types smallint, integer, bigint */
    public boolean isInteger() {
        return this == SMALLINT || this == INTEGER || this == BIGINT;
    }

    /** @return whether this is a numeric-category type (integers, real, double, numeric) */
    public boolean isNumeric() {
        return isInteger() || this == REAL || this == DOUBLE || this == NUMERIC;
    }

    /** @return whether this is a string-category type (text, varchar, char, unknown) */
    public boolean isString() {
        return this == TEXT || this == VARCHAR || this == CHAR || this == UNKNOWN;
    }

    /**
     * @param oid a {@code pg_type} OID
     * @return the type with that OID, or {@code null} if LodeDB does not know it
     */
    public static TypeId fromOid(int oid) {
        for (TypeId t : VALUES) {
            if (t.oid == oid) {
                return t;
            }
        }
        return null;
    }
}
