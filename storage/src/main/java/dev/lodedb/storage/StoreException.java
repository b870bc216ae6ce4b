package dev.lodedb.storage;

/**
 * Base class of every error the storage layer reports. Unchecked, because callers above the
 * storage layer translate it into their own error model (SQLSTATE codes in the SQL layer) rather
 * than handling it locally.
 *
 * <p>Messages always name the file (and, for corruption, the byte offset) involved, so that an
 * operator can act on them without a stack trace.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the path involved */
    public StoreException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the path involved
     * @param cause the underlying I/O or decoding error
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
