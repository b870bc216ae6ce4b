package dev.lodedb.storage.wal;

import dev.lodedb.storage.util.Checksums;
import dev.lodedb.storage.util.Coding;
import java.nio.charset.StandardCharsets;

/**
 * Constants of the log file format shared by the write-ahead log and the manifest. The format is
 * LevelDB's, byte for byte (LevelDB {@code doc/log_format.md}), plus one LodeDB header record at
 * the start of every file:
 *
 * <pre>
 * file     := block* (the last block may be short)
 * block    := fragment* trailer?            32768 bytes
 * trailer  := 0..6 zero bytes               a block tail too short for a fragment header
 * fragment := checksum:uint32  length:uint16  type:uint8  payload[length]
 *             checksum = mask(crc32c(type, payload)), little-endian like every integer here
 * type     := ZERO(0, never written) | FULL(1) | FIRST(2) | MIDDLE(3) | LAST(4)
 * record   := FULL | FIRST MIDDLE* LAST     a record never spans files; it may span blocks
 * header   := the file's first record, a FULL fragment at offset 0 with a 13-byte payload:
 *             magic "LODELOG\0" (8 bytes)  version:uint32 (1)  kind:uint8 (1 WAL, 2 MANIFEST)
 * </pre>
 *
 * <p>All sizes are in bytes. Thread-safe (constants only); {@link #magic()} returns a fresh copy.
 */
public final class LogFormat {
    /** Size of a block in bytes; fragments never cross a block boundary. */
    public static final int BLOCK_SIZE = 32 * 1024;
    /** Size of a fragment header in bytes: checksum (4), length (2), type (1). */
    public static final int HEADER_SIZE = 4 + 2 + 1;

    /** Reserved type: zero bytes from preallocated or zero-filled space; never written. */
    public static final int ZERO_TYPE = 0;
    /** Type of a fragment holding a whole record. */
    public static final int FULL_TYPE = 1;
    /** Type of the first fragment of a record split across blocks. */
    public static final int FIRST_TYPE = 2;
    /** Type of an inner fragment of a record split across three or more blocks. */
    public static final int MIDDLE_TYPE = 3;
    /** Type of the last fragment of a record split across blocks. */
    public static final int LAST_TYPE = 4;
    /** The highest fragment type this build knows. */
    public static final int MAX_TYPE = LAST_TYPE;

    /** The format version this build writes and the only one it reads. */
    public static final int FORMAT_VERSION = 1;
    /** Length in bytes of the magic at the start of the header record's payload. */
    public static final int MAGIC_LENGTH = 8;
    /** Length in bytes of the header record's payload: magic (8), version (4), kind (1). */
    public static final int HEADER_RECORD_LENGTH = MAGIC_LENGTH + 4 + 1;

    private static final byte[] MAGIC = "LODELOG\0".getBytes(StandardCharsets.US_ASCII);

    private LogFormat() {
    }

    /** @return a fresh copy of the 8-byte magic: the ASCII text {@code LODELOG} then one zero byte */
    public static byte[] magic() {
        return MAGIC.clone();
    }

    /** @return true when {@code b[off, off+8)} is the magic */
    static boolean isMagic(byte[] b, int off) {
        for (int i = 0; i < MAGIC_LENGTH; i++) {
            if (b[off + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** @return the 13-byte payload of the header record for {@code kind} in the current version */
    static byte[] headerPayload(LogFileKind kind) {
        byte[] p = new byte[HEADER_RECORD_LENGTH];
        System.arraycopy(MAGIC, 0, p, 0, MAGIC_LENGTH);
        Coding.putInt(p, MAGIC_LENGTH, FORMAT_VERSION);
        p[MAGIC_LENGTH + 4] = (byte) kind.code();
        return p;
    }

    /**
     * @return the complete header record as it appears at offset 0 of a file of {@code kind}: a
     *     FULL fragment of {@link #HEADER_SIZE} + {@link #HEADER_RECORD_LENGTH} = 20 bytes
     */
    static byte[] headerFragment(LogFileKind kind) {
        byte[] payload = headerPayload(kind);
        byte[] f = new byte[HEADER_SIZE + payload.length];
        writeFragmentHeader(f, 0, FULL_TYPE, payload, 0, payload.length);
        System.arraycopy(payload, 0, f, HEADER_SIZE, payload.length);
        return f;
    }

    /** Writes the 7-byte header of a fragment of {@code type} carrying {@code data[off, off+len)} at {@code b[p]}. */
    static void writeFragmentHeader(byte[] b, int p, int type, byte[] data, int off, int len) {
        int crc = Checksums.mask(Checksums.crc32c((byte) type, data, off, len));
        Coding.putInt(b, p, crc);
        b[p + 4] = (byte) len;
        b[p + 5] = (byte) (len >>> 8);
        b[p + 6] = (byte) type;
    }
}
