package dev.lodedb.sql.function;

/** Placeholder, filled in by a later commit. */
final class RegexFunctions {
    private RegexFunctions() {
    }

    static void register(Registrar r) {
    }
}
