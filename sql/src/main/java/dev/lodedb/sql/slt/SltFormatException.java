package dev.lodedb.sql.slt;

/** A sqllogictest script that does not follow the format; names the line. Immutable. */
public final class SltFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;

    /**
     * @param line 1-based line of the malformed record
     * @param message what is wrong
     */
    public SltFormatException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** @return the 1-based line of the malformed record */
    public int line() {
        return line;
    }
}
