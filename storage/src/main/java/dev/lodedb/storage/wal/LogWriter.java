package dev.lodedb.storage.wal;

import static dev.lodedb.storage.wal.LogFormat.BLOCK_SIZE;
import static dev.lodedb.storage.wal.LogFormat.FIRST_TYPE;
import static dev.lodedb.storage.wal.LogFormat.FULL_TYPE;
import static dev.lodedb.storage.wal.LogFormat.HEADER_SIZE;
import static dev.lodedb.storage.wal.LogFormat.LAST_TYPE;
import static dev.lodedb.storage.wal.LogFormat.MIDDLE_TYPE;

import dev.lodedb.storage.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * Appends records to a new log file in LevelDB's log format (LevelDB {@code doc/log_format.md};
 * layout in {@link LogFormat} and {@code docs/storage/wal.md}).
 *
 * <p>A record is cut into fragments so that no fragment crosses a 32 KiB block boundary; a block
 * tail shorter than a fragment header is filled with zeros. Fragments are encoded into an in-memory
 * buffer; {@link #flush()} hands everything buffered to the operating system in one write, so a
 * group commit that adds many batches and then calls {@link #sync()} costs one {@code write} and
 * one {@code fsync}. Only {@link #sync()} makes records durable. To keep memory bounded for very
 * large records, a buffer that has grown past 1 MiB is written out while a
 * record is being added; that changes when bytes reach the file, never what the file contains.
 *
 * <p>Not thread-safe: one thread (the commit leader) appends, flushes and syncs; callers
 * serialize access. After an I/O error the writer is failed: every later write, flush or sync
 * throws, because after a failed write or fsync the file's durable contents are unknown and must
 * not be acknowledged (the caller rolls to a new log).
 */
public final class LogWriter implements AutoCloseable {
    /** Buffered bytes beyond which {@link #addRecord} writes out early (1 MiB). */
    static final int SPILL_BYTES = 1 << 20;
    private static final int INITIAL_BUFFER = 64 * 1024;
    /**
     * Zeros written ahead of the data by {@link #sync()} (1 MiB), so that the next syncs overwrite
     * space the file already has: an {@code fdatasync} that does not change the file's size need
     * not commit file-system metadata, which makes a small durable commit about twice as fast on
     * ext4 (the reason SQLite reuses its WAL file). {@link LogReader} reads zeros up to the end of
     * the file as the log's end; {@link #close()} cuts them off.
     */
    static final int PREALLOCATE_BYTES = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int bufLen;
    /** Bytes already handed to the channel. */
    private long written;
    /** Offset inside the current block of the next byte to be appended. */
    private int blockOffset;
    private boolean closed;
    private volatile IOException failure;
    /** The file's size including the zeros written ahead of the data (see {@link #PREALLOCATE_BYTES}). */
    private long allocated;

    private LogWriter(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /**
     * Creates a new log file (the file must not exist) and writes its header record (magic, format
     * version {@value LogFormat#FORMAT_VERSION}, {@code kind}) to it, without fsync: neither the
     * file nor its directory entry is durable until the caller calls {@link #sync()} and fsyncs the
     * parent directory.
     *
     * @param path the file to create
     * @param kind what the log will hold
     * @return a writer positioned after the header record, {@link #size()} = 20 bytes
     * @throws StoreException if the file exists or cannot be created or written (message names it)
     */
    public static LogWriter create(Path path, LogFileKind kind) throws StoreException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new StoreException("cannot create log file " + path + ": it already exists", e);
        } catch (IOException e) {
            throw new StoreException("cannot create log file " + path + ": " + e, e);
        }
        LogWriter w = new LogWriter(path, ch);
        try {
            byte[] payload = LogFormat.headerPayload(kind);
            w.addRecord(payload, 0, payload.length);
            w.flush();
        } catch (RuntimeException e) {
            w.closeQuietly();
            throw e;
        }
        return w;
    }

    /**
     * Appends one record holding {@code data[offset, offset+length)}. Any length from 0 bytes up
     * works; a record longer than a block is split into FIRST, MIDDLE... and LAST fragments. The
     * bytes are copied, so the caller may reuse {@code data} at once. The record is buffered in
     * memory until {@link #flush()} (see the class comment for the 1 MiB spill).
     *
     * @param data the record's bytes
     * @param offset index of the first byte in {@code data}
     * @param length number of bytes
     * @throws IndexOutOfBoundsException if the range is not inside {@code data}
     * @throws IllegalStateException if the writer is closed
     * @throws StoreException if an early write-out fails, or an earlier I/O error failed the writer
     */
    public void addRecord(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        checkUsable();
        int left = length;
        int p = offset;
        boolean begin = true;
        do {
            int leftover = BLOCK_SIZE - blockOffset;
            if (leftover < HEADER_SIZE) {
                // Trailer: too little room for a fragment header; zero-fill the block tail.
                if (leftover > 0) {
                    reserve(leftover);
                    Arrays.fill(buf, bufLen, bufLen + leftover, (byte) 0);
                    bufLen += leftover;
                }
                blockOffset = 0;
            }
            int avail = BLOCK_SIZE - blockOffset - HEADER_SIZE;
            int fragment = Math.min(left, avail);
            boolean end = fragment == left;
            int type = begin ? (end ? FULL_TYPE : FIRST_TYPE) : (end ? LAST_TYPE : MIDDLE_TYPE);
            emit(type, data, p, fragment);
            p += fragment;
            left -= fragment;
            begin = false;
        } while (left > 0);
    }

    /**
     * Appends one record holding all of {@code data}; same as {@code addRecord(data, 0, data.length)}.
     *
     * @param data the record's bytes (0 bytes and up)
     * @throws IllegalStateException if the writer is closed
     * @throws StoreException if an early write-out fails, or an earlier I/O error failed the writer
     */
    public void addRecord(byte[] data) {
        addRecord(data, 0, data.length);
    }

    private void emit(int type, byte[] data, int off, int len) {
        reserve(HEADER_SIZE + len);
        LogFormat.writeFragmentHeader(buf, bufLen, type, data, off, len);
        System.arraycopy(data, off, buf, bufLen + HEADER_SIZE, len);
        bufLen += HEADER_SIZE + len;
        blockOffset += HEADER_SIZE + len;
    }

    /** Makes room for {@code n} more buffered bytes, writing out first if the buffer is already large. */
    private void reserve(int n) {
        if (bufLen + n <= buf.length) {
            return;
        }
        if (bufLen >= SPILL_BYTES) {
            writeOut();
        }
        if (bufLen + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(bufLen + n, Math.min(buf.length * 2, SPILL_BYTES + BLOCK_SIZE)));
        }
    }

    /**
     * Writes every buffered byte to the file with one {@link FileChannel#write} loop (one system
     * call unless the OS writes short), so a group of records added since the last flush reaches
     * the OS together. Does not fsync: the bytes survive a process crash, not a power loss.
     *
     * @throws IllegalStateException if the writer is closed
     * @throws StoreException if the write fails (the writer is then failed)
     */
    public void flush() {
        checkUsable();
        writeOut();
    }

    /**
     * {@link #flush()}, then {@link FileChannel#force(boolean) force(false)}: a real fsync of the
     * file's data (and of the metadata needed to read it back, such as its size). When this returns,
     * every record added so far survives a power loss. Does not fsync the parent directory.
     *
     * @throws IllegalStateException if the writer is closed
     * @throws StoreException if the write or fsync fails (the writer is then failed; a failed fsync
     *     is never retried, because the kernel may have dropped the dirty pages)
     */
    public void sync() {
        flush();
        preallocateIfNeeded();
        forceWritten();
    }

    /**
     * Writes zeros ahead of the data when fewer than a block's worth are left (see
     * {@link #PREALLOCATE_BYTES}), so that later fsyncs do not change the file's size. Called by the
     * appending thread only.
     *
     * @throws StoreException if the write fails (the writer is then failed)
     */
    public void preallocateIfNeeded() {
        checkUsable();
        try {
            if (written + BLOCK_SIZE > allocated) {
                preallocate();
            }
        } catch (IOException e) {
            failure = e;
            throw new StoreException("cannot extend log file " + path + ": " + e, e);
        }
    }

    /**
     * Fsyncs what {@link #flush()} has already handed to the file ({@code fdatasync}), without
     * touching the buffer: unlike the other methods this one may run on another thread while the
     * appending thread goes on adding and flushing records (the fsync then covers at least every
     * byte flushed before it started). The caller must keep the writer from being closed meanwhile.
     *
     * @throws StoreException if the fsync fails (the writer is then failed)
     */
    public void forceWritten() {
        checkUsable();
        try {
            channel.force(false);
        } catch (IOException e) {
            failure = e;
            throw new StoreException("cannot fsync log file " + path + ": " + e, e);
        }
    }

    /** Writes zeros from the end of the data (or of earlier zeros) to {@link #PREALLOCATE_BYTES} past the data. */
    private void preallocate() throws IOException {
        long end = written + PREALLOCATE_BYTES;
        ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
        for (long p = Math.max(allocated, written); p < end;) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), end - p));
            p += channel.write(zeros, p);
        }
        allocated = end;
    }

    private void writeOut() {
        if (bufLen == 0) {
            return;
        }
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, bufLen);
        try {
            while (bb.hasRemaining()) {
                channel.write(bb);
            }
        } catch (IOException e) {
            failure = e;
            throw new StoreException("cannot write log file " + path + ": " + e, e);
        }
        written += bufLen;
        bufLen = 0;
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("log writer is closed: " + path);
        }
        if (failure != null) {
            throw new StoreException("log file " + path + " failed an earlier write or fsync: " + failure, failure);
        }
    }

    /**
     * @return the file's size in bytes once everything is flushed: bytes written so far plus bytes
     *     still buffered (header record included). This is the offset the next record's first
     *     fragment (or the zero trailer before it) will start at.
     */
    public long size() {
        return written + bufLen;
    }

    /** @return the file this writer appends to */
    public Path path() {
        return path;
    }

    /**
     * Flushes buffered bytes and closes the file, without fsync (call {@link #sync()} first for
     * durability). Idempotent. A failed writer is closed without writing.
     *
     * @throws StoreException if the final write or the close fails; the file is closed regardless
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (failure == null) {
                writeOut();
                if (allocated > written) {
                    channel.truncate(written); // the zeros written ahead are not part of the log
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot truncate log file " + path + ": " + e, e);
        } finally {
            closed = true;
            try {
                channel.close();
            } catch (IOException e) {
                throw new StoreException("cannot close log file " + path + ": " + e, e);
            }
        }
    }

    private void closeQuietly() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing; the original error is what matters
        }
    }
}
