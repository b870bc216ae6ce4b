package dev.lodedb.sql.function;

import static dev.lodedb.engine.types.TypeId.TEXT;
import static dev.lodedb.engine.types.TypeId.UUID;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;

/**
 * System information and miscellaneous functions (PostgreSQL documentation sections 9.26
 * "System Information Functions" and 9.14 "UUID Functions"):
 *
 * <ul>
 *   <li>{@code pg_typeof(any)}: the argument's type name as {@code format_type} prints it
 *       without modifiers ({@code integer}, {@code character varying}, {@code unknown} for an
 *       untyped literal), as text (PostgreSQL returns {@code regtype}, whose output is this
 *       text); not strict: {@code pg_typeof(NULL)} is {@code unknown};</li>
 *   <li>{@code version()} = {@code PostgreSQL 15.0 (LodeDB 0.1.0)}, {@code current_schema()} =
 *       {@code public}, {@code current_database()} = {@code lode}, {@code current_user()} and
 *       {@code session_user()} = {@code lode} (fixed until sessions and roles exist);</li>
 *   <li>{@code gen_random_uuid()}: a version-4 random UUID from {@link FunctionContext#random()}
 *       (volatile);</li>
 *   <li>{@code booleq}, {@code boolne}, {@code boollt}, {@code boolle}, {@code boolgt},
 *       {@code boolge}: the functions behind the boolean comparison operators (false &lt; true),
 *       strict.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class MiscFunctions {
    /** The text of {@code version()}. */
    static final String VERSION = "PostgreSQL 15.0 (LodeDB 0.1.0)";

    private MiscFunctions() {
    }

    static void register(Registrar r) {
        r.add(new FunctionDef("pg_typeof", new TypeId[] {null}, false, DataType.TEXT, false, false,
                true, t -> {
                    String name = t.get(0).id().sqlName();
                    return (c, a) -> name;
                }));
        r.f0("version", TEXT, (c, a) -> VERSION);
        r.f0("current_schema", TEXT, (c, a) -> "public");
        r.f0("current_database", TEXT, (c, a) -> "lode");
        r.f0("current_user", TEXT, (c, a) -> "lode");
        r.f0("session_user", TEXT, (c, a) -> "lode");
        r.fn("gen_random_uuid", UUID, true, true, false, (c, a) -> {
            long hi = c.random().nextLong();
            long lo = c.random().nextLong();
            hi = (hi & ~0xF000L) | 0x4000L; // version 4
            lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
            return new java.util.UUID(hi, lo);
        });
        TypeId b = TypeId.BOOLEAN;
        r.f2("booleq", b, b, b, (x, y) -> x.equals(y));
        r.f2("boolne", b, b, b, (x, y) -> !x.equals(y));
        r.f2("boollt", b, b, b, (x, y) -> Boolean.compare((Boolean) x, (Boolean) y) < 0);
        r.f2("boolle", b, b, b, (x, y) -> Boolean.compare((Boolean) x, (Boolean) y) <= 0);
        r.f2("boolgt", b, b, b, (x, y) -> Boolean.compare((Boolean) x, (Boolean) y) > 0);
        r.f2("boolge", b, b, b, (x, y) -> Boolean.compare((Boolean) x, (Boolean) y) >= 0);
    }
}
