package dev.lodedb.sql.function;

/** Placeholder, filled in by a later commit. */
final class DateTimeFunctions {
    private DateTimeFunctions() {
    }

    static void register(Registrar r) {
    }
}
