package dev.lodedb.storage;

import java.nio.file.Path;

/**
 * A persistent file failed a checksum, held an impossible length or an unknown format version.
 * The store never returns data from a region that failed verification; this exception names the
 * file and the byte offset of the first bad byte range so that the damage can be located.
 *
 * <p>Thread-safe (immutable).
 */
public class CorruptionException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    /**
     * @param file the damaged file, or {@code null} when unknown (an in-memory buffer)
     * @param offset byte offset inside {@code file} of the damaged region, or -1 when unknown
     * @param reason what failed, e.g. "block checksum mismatch"
     */
    public CorruptionException(Path file, long offset, String reason) {
        super(format(file, offset, reason));
        this.file = file;
        this.offset = offset;
    }

    private static String format(Path file, long offset, String reason) {
        StringBuilder sb = new StringBuilder("corruption");
        if (file != null) {
            sb.append(" in ").append(file);
        }
        if (offset >= 0) {
            sb.append(" at offset ").append(offset);
        }
        return sb.append(": ").append(reason).toString();
    }

    /** @return the damaged file, or {@code null} when unknown */
    public Path file() {
        return file;
    }

    /** @return byte offset of the damaged region inside {@link #file()}, or -1 when unknown */
    public long offset() {
        return offset;
    }
}
