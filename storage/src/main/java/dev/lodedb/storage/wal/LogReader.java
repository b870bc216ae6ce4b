package dev.lodedb.storage.wal;

import static dev.lodedb.storage.wal.LogFormat.BLOCK_SIZE;
import static dev.lodedb.storage.wal.LogFormat.FIRST_TYPE;
import static dev.lodedb.storage.wal.LogFormat.FULL_TYPE;
import static dev.lodedb.storage.wal.LogFormat.HEADER_RECORD_LENGTH;
import static dev.lodedb.storage.wal.LogFormat.HEADER_SIZE;
import static dev.lodedb.storage.wal.LogFormat.LAST_TYPE;
import static dev.lodedb.storage.wal.LogFormat.MAGIC_LENGTH;
import static dev.lodedb.storage.wal.LogFormat.MIDDLE_TYPE;
import static dev.lodedb.storage.wal.LogFormat.ZERO_TYPE;

import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.util.Checksums;
import dev.lodedb.storage.util.Coding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads back the records of a log file written by {@link LogWriter}, in LevelDB's log format
 * (LevelDB {@code doc/log_format.md}, {@code db/log_reader.cc}; see {@code docs/storage/wal.md}).
 *
 * <p>The file is streamed one 32 KiB block at a time through a {@link FileChannel}; memory is one
 * block plus the record being assembled. {@link #open} verifies the header record (magic, format
 * version, file kind), which is never returned as a record.
 *
 * <p>Every fragment's CRC32C is verified. A damaged fragment (checksum mismatch, a length that runs
 * past the end of its block, a zero-filled header) makes the reader drop the rest of its block and
 * resynchronize at the next block, because a damaged length means the following fragment headers
 * cannot be located. A fragment whose checksum is good but which does not fit the record being
 * assembled (MIDDLE or LAST without FIRST, FIRST or FULL while a record is open, an unknown type)
 * is dropped alone, with the partial record it interrupts, and reading continues with the next
 * fragment of the same block, exactly as LevelDB does. Dropped bytes since the last returned
 * record accumulate into one region, which is classified when its fate is known:
 * <ul>
 *   <li>a later complete record is found: the region is real damage in the middle of the log and
 *       is reported through {@link Reporter#corruption} just before that record is returned;</li>
 *   <li>the end of the file comes first: the region is a write torn by a crash (or never-written
 *       zeros) and is reported through {@link Reporter#tornTail} before
 *       {@link #readRecord()} returns {@code null}. An incomplete record or fragment header at the
 *       very end counts as a dropped region too. A file that ends exactly after a record (or after
 *       the zero trailer that completes a block) reports nothing.</li>
 * </ul>
 * Zeros from a fragment header to the end of the file are the space {@link LogWriter} preallocates
 * and are the log's clean end, not a dropped region. Partial records are never returned.
 *
 * <p>Not thread-safe: use from one thread. The file must not be appended to while it is read.
 */
public final class LogReader implements AutoCloseable {

    /**
     * Receives the damaged regions a {@link LogReader} skipped. Offsets and sizes are in bytes from
     * the start of the file. Called on the reading thread, from {@link LogReader#open} or
     * {@link LogReader#readRecord()}. An implementation may throw a {@link StoreException} to stop
     * reading (for example a manifest reader that tolerates no corruption); the exception
     * propagates to the caller of {@code readRecord()} or {@code open}.
     */
    public interface Reporter {
        /**
         * A damaged region that valid records follow: real corruption in the middle of the file.
         * Records that overlapped the region were lost.
         *
         * @param file the log file
         * @param offset byte offset of the first dropped byte
         * @param bytes number of dropped bytes, &gt; 0
         * @param reason what failed first, naming the fragment offset, e.g. "checksum mismatch"
         */
        void corruption(Path file, long offset, long bytes, String reason);

        /**
         * A damaged or incomplete region at the end of the file with no valid record after it: a
         * write torn by a crash. Records in it were never fully written, hence never acknowledged
         * as durable.
         *
         * @param file the log file
         * @param offset byte offset of the first dropped byte
         * @param bytes number of dropped bytes up to the end of the file, &gt;= 0 (0 only for an
         *     empty file whose header was never written)
         * @param reason what was found first, e.g. "incomplete record at end of file"
         */
        void tornTail(Path file, long offset, long bytes, String reason);
    }

    // Results of readFragment() besides a fragment type 0..255.
    private static final int EOF = -1;
    private static final int BAD = -2;

    private final Path path;
    private final FileChannel channel;
    private final Reporter reporter;
    private final byte[] block = new byte[BLOCK_SIZE];
    private final ByteBuffer blockBuffer = ByteBuffer.wrap(block);
    /** File offset of block[0]. */
    private long blockStart;
    /** Valid bytes in block; less than BLOCK_SIZE only at the end of the file. */
    private int blockLen;
    /** Next unread byte in block. */
    private int pos;
    /** The last block read was short: the end of the file is inside it. */
    private boolean eof;
    private boolean finished;
    private boolean closed;

    // The fragment readFragment() returned last.
    private long fragmentOffset;
    private int fragmentStart;
    private int fragmentLength;

    // The record being assembled from FIRST/MIDDLE fragments.
    private byte[] scratch = new byte[0];
    private int scratchLen;

    // Dropped region since the last returned record: [dropStart, dropEnd), dropStart < 0 if none.
    private long dropStart = -1;
    private long dropEnd;
    private String dropReason;

    private long lastRecordOffset = -1;

    private LogReader(Path path, FileChannel channel, Reporter reporter) {
        this.path = path;
        this.channel = channel;
        this.reporter = reporter;
    }

    /**
     * Opens {@code path} and verifies its header record.
     *
     * <p>A file whose header was torn by a crash during {@link LogWriter#create} (the file is empty,
     * or holds a prefix of the expected header followed only by zero bytes) reads as an empty log:
     * it is reported through {@link Reporter#tornTail} before this method returns.
     *
     * @param path the log file
     * @param expectedKind the kind the caller means to read; a file of another kind is refused
     * @param reporter receives skipped regions; must not be null
     * @return a reader positioned at the first record after the header
     * @throws StoreException if the file cannot be opened or read, holds an unsupported format
     *     version, or is of another kind; a {@link CorruptionException} if the header is damaged or
     *     the magic is wrong (not a LodeDB log file). Every message names the file.
     */
    public static LogReader open(Path path, LogFileKind expectedKind, Reporter reporter) throws StoreException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(expectedKind, "expectedKind");
        Objects.requireNonNull(reporter, "reporter");
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new StoreException("cannot open log file " + path + ": " + e, e);
        }
        LogReader r = new LogReader(path, ch, reporter);
        try {
            r.readHeader(expectedKind);
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    private void readHeader(LogFileKind expectedKind) {
        readBlock();
        final int headerEnd = HEADER_SIZE + HEADER_RECORD_LENGTH;
        if (blockLen >= headerEnd && (block[6] & 0xff) == FULL_TYPE) {
            int length = (block[4] & 0xff) | (block[5] & 0xff) << 8;
            if (length >= HEADER_RECORD_LENGTH && HEADER_SIZE + length <= blockLen && crcMatches(0, FULL_TYPE, length)) {
                checkHeader(length, expectedKind);
                pos = HEADER_SIZE + length;
                return;
            }
        }
        // No intact header. A crash while creating the file leaves a prefix of the header, then
        // nothing or zeros: an empty log. Anything else is damage.
        byte[] expected = LogFormat.headerFragment(expectedKind);
        int n = Math.min(blockLen, headerEnd);
        int p = 0;
        while (p < n && block[p] == expected[p]) {
            p++;
        }
        boolean badMagic = blockLen >= HEADER_SIZE + MAGIC_LENGTH && !LogFormat.isMagic(block, HEADER_SIZE);
        pos = p;
        if (restIsZero()) {
            finished = true;
            long size = blockStart + blockLen;
            reporter.tornTail(path, 0, size, size == 0
                    ? "empty log file: the header was never written"
                    : "incomplete log header: the file was torn while being created");
            return;
        }
        if (badMagic) {
            throw new CorruptionException(path, HEADER_SIZE, "bad magic: not a LodeDB log file");
        }
        throw new CorruptionException(path, 0, "damaged log header (checksum mismatch or bad header fragment)");
    }

    private void checkHeader(int length, LogFileKind expectedKind) {
        if (!LogFormat.isMagic(block, HEADER_SIZE)) {
            throw new CorruptionException(path, HEADER_SIZE, "bad magic: not a LodeDB log file");
        }
        int version = Coding.getInt(block, HEADER_SIZE + MAGIC_LENGTH);
        if (version != LogFormat.FORMAT_VERSION) {
            throw new StoreException("unsupported log format version " + Integer.toUnsignedString(version) + " in "
                    + path + " (this build reads version " + LogFormat.FORMAT_VERSION + ")");
        }
        if (length != HEADER_RECORD_LENGTH) {
            throw new CorruptionException(path, 0, "log header record has " + length + " bytes, version "
                    + LogFormat.FORMAT_VERSION + " has " + HEADER_RECORD_LENGTH);
        }
        int code = block[HEADER_SIZE + MAGIC_LENGTH + 4] & 0xff;
        LogFileKind kind = LogFileKind.fromCode(code).orElseThrow(() -> new CorruptionException(
                path, HEADER_SIZE + MAGIC_LENGTH + 4, "unknown log file kind " + code));
        if (kind != expectedKind) {
            throw new StoreException("log file " + path + " is a " + kind + " log, expected a " + expectedKind + " log");
        }
    }

    /** @return true if every byte from {@code pos} to the end of the current block is zero (consumes nothing) */
    private boolean blockRestIsZero() {
        for (int i = pos; i < blockLen; i++) {
            if (block[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** @return true if every byte from {@code pos} to the end of the file is zero; consumes them */
    private boolean restIsZero() {
        while (true) {
            for (int i = pos; i < blockLen; i++) {
                if (block[i] != 0) {
                    return false;
                }
            }
            pos = blockLen;
            if (eof) {
                return true;
            }
            readBlock();
        }
    }

    /**
     * Reads the next complete record. Before returning it, reports through
     * {@link Reporter#corruption} any region dropped since the previous record; before returning
     * {@code null} at the end of the file, reports a pending dropped region through
     * {@link Reporter#tornTail}.
     *
     * @return the next record's payload (a new array the caller owns), or {@code null} at the end of
     *     the file (and on every call after that)
     * @throws IllegalStateException if the reader is closed
     * @throws StoreException if reading the file fails, or the reporter throws
     */
    public byte[] readRecord() {
        if (closed) {
            throw new IllegalStateException("log reader is closed: " + path);
        }
        if (finished) {
            return null;
        }
        boolean inRecord = false;
        long recordStart = -1;
        scratchLen = 0;
        while (true) {
            int type = readFragment();
            long fragmentEnd = fragmentOffset + HEADER_SIZE + fragmentLength;
            switch (type) {
                case FULL_TYPE:
                    if (inRecord) {
                        drop(recordStart, fragmentOffset, "partial record without end at offset " + recordStart);
                    }
                    return deliver(fragmentOffset, Arrays.copyOfRange(block, fragmentStart, fragmentStart + fragmentLength));
                case FIRST_TYPE:
                    if (inRecord) {
                        drop(recordStart, fragmentOffset, "partial record without end at offset " + recordStart);
                    }
                    inRecord = true;
                    recordStart = fragmentOffset;
                    scratchLen = 0;
                    append();
                    break;
                case MIDDLE_TYPE:
                    if (inRecord) {
                        append();
                    } else {
                        drop(fragmentOffset, fragmentEnd, "missing start of fragmented record at offset " + fragmentOffset);
                    }
                    break;
                case LAST_TYPE:
                    if (inRecord) {
                        append();
                        byte[] record = Arrays.copyOf(scratch, scratchLen);
                        releaseLargeScratch();
                        return deliver(recordStart, record);
                    }
                    drop(fragmentOffset, fragmentEnd, "missing start of fragmented record at offset " + fragmentOffset);
                    break;
                case EOF:
                    if (inRecord) {
                        drop(recordStart, blockStart + blockLen, "incomplete record at end of file at offset " + recordStart);
                    }
                    releaseLargeScratch();
                    finished = true;
                    if (dropStart >= 0) {
                        long start = dropStart;
                        dropStart = -1;
                        reporter.tornTail(path, start, dropEnd - start, dropReason);
                    }
                    return null;
                case BAD:
                    // readFragment() dropped the damaged bytes; a record in progress is lost too.
                    if (inRecord) {
                        drop(recordStart, fragmentOffset, "record at offset " + recordStart + " interrupted by damage");
                        inRecord = false;
                    }
                    break;
                default:
                    drop(inRecord ? recordStart : fragmentOffset, fragmentEnd,
                            "unknown fragment type " + type + " at offset " + fragmentOffset);
                    inRecord = false;
                    break;
            }
        }
    }

    private byte[] deliver(long offset, byte[] record) {
        if (dropStart >= 0) {
            long start = dropStart;
            dropStart = -1;
            reporter.corruption(path, start, dropEnd - start, dropReason);
        }
        lastRecordOffset = offset;
        return record;
    }

    private void append() {
        int need = scratchLen + fragmentLength;
        if (need > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(need, Math.max(2 * scratch.length, BLOCK_SIZE)));
        }
        System.arraycopy(block, fragmentStart, scratch, scratchLen, fragmentLength);
        scratchLen = need;
    }

    private void releaseLargeScratch() {
        if (scratch.length > 4 * BLOCK_SIZE) {
            scratch = new byte[0];
        }
        scratchLen = 0;
    }

    /** Adds {@code [start, end)} to the pending dropped region. */
    private void drop(long start, long end, String reason) {
        if (dropStart < 0) {
            dropStart = start;
            dropEnd = end;
            dropReason = reason;
        } else {
            dropStart = Math.min(dropStart, start);
            dropEnd = Math.max(dropEnd, end);
        }
    }

    /**
     * Reads the next physical fragment, like LevelDB's {@code ReadPhysicalRecord}.
     *
     * @return the fragment's type (its bytes are {@code block[fragmentStart, +fragmentLength)}),
     *     {@link #EOF}, or {@link #BAD} after dropping the rest of a damaged block
     */
    private int readFragment() {
        while (true) {
            int remaining = blockLen - pos;
            if (remaining < HEADER_SIZE) {
                if (!eof) {
                    // A trailer (its content is not checked, as in LevelDB) or the end of a full block.
                    readBlock();
                    continue;
                }
                if (remaining > 0) {
                    drop(blockStart + pos, blockStart + blockLen,
                            "truncated fragment header at end of file at offset " + (blockStart + pos));
                    pos = blockLen;
                }
                fragmentOffset = blockStart + blockLen;
                fragmentLength = 0;
                return EOF;
            }
            long offset = blockStart + pos;
            int length = (block[pos + 4] & 0xff) | (block[pos + 5] & 0xff) << 8;
            int type = block[pos + 6] & 0xff;
            fragmentOffset = offset;
            fragmentLength = 0;
            if (HEADER_SIZE + length > remaining) {
                drop(offset, blockStart + blockLen, eof
                        ? "fragment of " + length + " bytes at offset " + offset + " truncated by end of file"
                        : "fragment length " + length + " at offset " + offset + " runs past end of block");
                pos = blockLen;
                return BAD;
            }
            if (type == ZERO_TYPE && length == 0) {
                if (blockRestIsZero()) {
                    if (restIsZero()) {
                        // space the writer preallocated and never used: the log ends here
                        fragmentOffset = offset;
                        fragmentLength = 0;
                        return EOF;
                    }
                    // zeros up to the start of a block with data in it (restIsZero stopped there)
                    drop(offset, blockStart + pos, "zero-filled region at offset " + offset);
                    return BAD;
                }
                // Zero-filled space followed by data in the same block: skip the block.
                drop(offset, blockStart + blockLen, "zero-filled region at offset " + offset);
                pos = blockLen;
                return BAD;
            }
            if (!crcMatches(pos, type, length)) {
                int next = pos + HEADER_SIZE + length;
                if (validFragmentAt(next)) {
                    // The length field held (a valid fragment follows it): drop only this fragment, so
                    // that the records after it in the same block are read, and the damage is reported
                    // as corruption rather than mistaken for a torn tail.
                    drop(offset, blockStart + next, "checksum mismatch in fragment at offset " + offset);
                    pos = next;
                    return BAD;
                }
                drop(offset, blockStart + blockLen, "checksum mismatch in fragment at offset " + offset);
                pos = blockLen;
                return BAD;
            }
            fragmentStart = pos + HEADER_SIZE;
            fragmentLength = length;
            pos += HEADER_SIZE + length;
            return type;
        }
    }

    /** @return whether a fragment with a known type, a length inside the block and a matching CRC starts at {@code p} */
    private boolean validFragmentAt(int p) {
        if (blockLen - p < HEADER_SIZE) {
            return false;
        }
        int length = (block[p + 4] & 0xff) | (block[p + 5] & 0xff) << 8;
        int type = block[p + 6] & 0xff;
        return type >= FULL_TYPE && type <= LAST_TYPE && p + HEADER_SIZE + length <= blockLen && crcMatches(p, type, length);
    }

    private boolean crcMatches(int p, int type, int length) {
        int expected = Checksums.unmask(Coding.getInt(block, p));
        return Checksums.crc32c((byte) type, block, p + HEADER_SIZE, length) == expected;
    }

    /** Reads the next block of the file into {@code block}, filling it unless the file ends first. */
    private void readBlock() {
        blockStart += blockLen;
        blockBuffer.clear();
        try {
            while (blockBuffer.hasRemaining()) {
                if (channel.read(blockBuffer, blockStart + blockBuffer.position()) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot read log file " + path + " at offset " + blockStart + ": " + e, e);
        }
        blockLen = blockBuffer.position();
        pos = 0;
        eof = blockLen < BLOCK_SIZE;
    }

    /**
     * @return the byte offset in the file where the last record returned by {@link #readRecord()}
     *     starts (its first fragment's header), or -1 before the first record
     */
    public long lastRecordOffset() {
        return lastRecordOffset;
    }

    /**
     * Closes the file. Idempotent; pending dropped regions that were not yet classified are not
     * reported.
     *
     * @throws StoreException if closing the file fails
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new StoreException("cannot close log file " + path + ": " + e, e);
        }
    }
}
