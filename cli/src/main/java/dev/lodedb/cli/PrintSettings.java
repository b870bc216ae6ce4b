package dev.lodedb.cli;

/**
 * The shell's printing options, psql's {@code \pset} and friends: the output format, expanded
 * display ({@code \x}), how NULL is shown, whether the {@code (N rows)} footer is printed, and
 * {@code \timing}. Mutable; owned by one shell (not thread-safe).
 */
final class PrintSettings {
    /** {@code \x}: off, on, or auto (expanded when a table is wider than the terminal). */
    enum Expanded { OFF, ON, AUTO }

    OutputFormat format = OutputFormat.ALIGNED;
    Expanded expanded = Expanded.OFF;
    /** What NULL looks like in aligned, unaligned and markdown output. */
    String nullString = "";
    /** Whether aligned and unaligned output end with {@code (N rows)}. */
    boolean footer = true;
    /** Whether each statement is followed by {@code Time: 1.234 ms}. */
    boolean timing;
    /** Whether command tags and informational messages are suppressed ({@code -q}). */
    boolean quiet;
    /** Whether imports draw a progress bar on standard error (it is a terminal). */
    boolean progress;
    /** The terminal width in columns for {@code \x auto}; 0 when unknown (never expanded then). */
    int terminalWidth;
}
