package dev.lodedb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The data of {@code COPY ... FROM STDIN} as psql sends it: the lines that follow the statement in
 * a script (or that are typed at the {@code >>} prompt), up to a line holding only {@code \.} or
 * the end of the input, as UTF-8 bytes with {@code \n} line ends. The {@code \.} line is consumed,
 * not passed on, so every COPY format (also json and jsonlines, which do not know it) ends there.
 * Lines are read only when COPY reads, so a statement that is no COPY consumes nothing.
 *
 * <p>Not thread-safe: read by the statement's thread.
 */
final class CopyDataStream extends InputStream {
    /** Where the lines come from. */
    @FunctionalInterface
    interface LineSource {
        /**
         * @return the next line without its line break, or null at the end of the input
         * @throws IOException if reading fails (or is interrupted)
         */
        String readLine() throws IOException;
    }

    private final LineSource source;
    private final Runnable beforeFirstLine;
    private byte[] buffer = new byte[0];
    private int position;
    private boolean ended;
    private boolean started;

    /**
     * @param source the lines
     * @param beforeFirstLine run once, before the first line is read (the shell's "Enter data"
     *     message), or null
     */
    CopyDataStream(LineSource source, Runnable beforeFirstLine) {
        this.source = source;
        this.beforeFirstLine = beforeFirstLine;
    }

    private boolean fill() throws IOException {
        while (position >= buffer.length) {
            if (ended) {
                return false;
            }
            if (!started) {
                started = true;
                if (beforeFirstLine != null) {
                    beforeFirstLine.run();
                }
            }
            String line = source.readLine();
            if (line == null || line.equals("\\.")) {
                ended = true;
                return false;
            }
            buffer = (line + "\n").getBytes(StandardCharsets.UTF_8);
            position = 0;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? buffer[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.length - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }
}
