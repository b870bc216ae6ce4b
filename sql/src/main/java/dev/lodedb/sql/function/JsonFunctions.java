package dev.lodedb.sql.function;

/** Placeholder, filled in by a later commit. */
final class JsonFunctions {
    private JsonFunctions() {
    }

    static void register(Registrar r) {
    }
}
