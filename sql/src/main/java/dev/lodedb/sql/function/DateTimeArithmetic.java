package dev.lodedb.sql.function;

/** Placeholder, filled in by a later commit. */
final class DateTimeArithmetic {
    private DateTimeArithmetic() {
    }

    static void register(Registrar r) {
    }
}
