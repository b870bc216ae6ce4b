package dev.lodedb.sql.copy;

import dev.lodedb.engine.SqlException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The bytes of an import: a file (relative paths resolve against the process's working
 * directory) or a stream such as a session's COPY input, decompressed transparently when they
 * start with the gzip magic bytes {@code 1f 8b} (whatever the file is called). Counts the bytes
 * taken from the source — compressed bytes for gzip — for progress reports. Not thread-safe,
 * except {@link #bytesRead()}, which any thread may call while one reads.
 */
public final class ImportInput implements Closeable {
    /** SQLSTATE {@code undefined_file}. */
    public static final String UNDEFINED_FILE = "58P01";
    /** SQLSTATE {@code io_error}. */
    public static final String IO_ERROR = "58030";
    /** SQLSTATE {@code insufficient_privilege}. */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** SQLSTATE {@code bad_copy_file_format}. */
    public static final String BAD_COPY_FILE_FORMAT = "22P04";
    private static final int BUFFER = 1 << 16;

    private final String name;
    private final CountingStream counted;
    private final InputStream stream;
    private final long totalBytes;
    private final boolean closeSource;
    private final boolean gzip;

    private ImportInput(String name, InputStream source, long totalBytes, boolean closeSource) throws IOException {
        this.name = name;
        this.counted = new CountingStream(source);
        this.totalBytes = totalBytes;
        this.closeSource = closeSource;
        BufferedInputStream buffered = new BufferedInputStream(counted, BUFFER);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = b0 < 0 ? -1 : buffered.read();
        buffered.reset();
        gzip = b0 == 0x1f && b1 == 0x8b;
        stream = gzip ? new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER) : buffered;
    }

    /**
     * Opens a file for reading.
     *
     * @param path the file name as written in the statement
     * @return the input
     * @throws SqlException 58P01 if the file does not exist or is a directory, 42501 if it may
     *     not be read, 58030 on another I/O error, 22P04 if it starts like gzip but is not
     */
    public static ImportInput open(String path) {
        Path p = Path.of(path);
        if (Files.isDirectory(p)) {
            throw new SqlException(UNDEFINED_FILE, "could not open file \"" + path + "\" for reading: Is a directory",
                    null, "COPY FROM instructs the database to read a file. Did you mean a file inside it?", 0, null);
        }
        InputStream in;
        long size;
        try {
            in = Files.newInputStream(p);
            size = Files.size(p);
        } catch (NoSuchFileException e) {
            throw new SqlException(UNDEFINED_FILE, "could not open file \"" + path
                    + "\" for reading: No such file or directory", null, "Relative paths are resolved against "
                    + Path.of("").toAbsolutePath() + ".", 0, null);
        } catch (AccessDeniedException e) {
            throw new SqlException(INSUFFICIENT_PRIVILEGE, "could not open file \"" + path
                    + "\" for reading: Permission denied");
        } catch (IOException e) {
            throw new SqlException(IO_ERROR, "could not open file \"" + path + "\" for reading: " + e.getMessage());
        }
        try {
            return new ImportInput(path, in, size, true);
        } catch (IOException e) {
            closeQuietly(in);
            throw readError(path, e);
        }
    }

    /**
     * Wraps a stream (COPY FROM STDIN); the stream is not closed by {@link #close()}.
     *
     * @param name the name for messages, e.g. {@code STDIN}
     * @param in the stream
     * @return the input, with an unknown total size
     * @throws SqlException 58030 if the stream cannot be read
     */
    public static ImportInput of(String name, InputStream in) {
        try {
            return new ImportInput(name, in, -1, false);
        } catch (IOException e) {
            throw readError(name, e);
        }
    }

    /** @return the SQL error for an {@link IOException} while reading {@code name} */
    public static SqlException readError(String name, IOException e) {
        if (e instanceof ZipException || e instanceof java.io.EOFException) {
            return new SqlException(BAD_COPY_FILE_FORMAT, "could not read gzip data of \"" + name + "\": "
                    + (e.getMessage() == null ? "unexpected end of file" : e.getMessage()));
        }
        return new SqlException(IO_ERROR, "could not read from file \"" + name + "\": " + e.getMessage());
    }

    /** @return the (decompressed, buffered) bytes */
    public InputStream stream() {
        return stream;
    }

    /** @return the name for messages: the path as written, or e.g. {@code STDIN} */
    public String name() {
        return name;
    }

    /** @return whether the input is gzip-compressed */
    public boolean gzip() {
        return gzip;
    }

    /** @return bytes read from the source so far (compressed bytes for gzip) */
    public long bytesRead() {
        return counted.count;
    }

    /** @return the file's size in bytes, or -1 for a stream */
    public long totalBytes() {
        return totalBytes;
    }

    /** Closes the file (a wrapped stream stays open). */
    @Override
    public void close() {
        if (closeSource) {
            closeQuietly(counted);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing was written; a failing close of an input loses nothing
        }
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends FilterInputStream {
        /** Written by the reading thread, read by progress reports on another. */
        volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = in.skip(n);
            count += Math.max(0, s);
            return s;
        }
    }
}
