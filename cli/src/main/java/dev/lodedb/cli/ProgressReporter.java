package dev.lodedb.cli;

import java.io.PrintStream;
import java.util.function.IntSupplier;

/**
 * Draws an import's progress updates on a terminal line ({@link ProgressBar}), redrawing it in
 * place with a carriage return; {@link #finish()} clears the line. Its {@link #update} has the
 * shape of {@link dev.lodedb.sql.session.ImportProgress#update}, so it is attached as
 * {@code session.setImportProgress(reporter::update)}. Thread-safe: the importing thread calls
 * {@link #update}, the shell's thread {@link #finish}.
 */
final class ProgressReporter {
    private final PrintStream err;
    private final IntSupplier width;
    private final long start = System.nanoTime();
    private int lastLength;
    private boolean finished;

    /**
     * @param err the terminal's error stream
     * @param width the terminal width in columns (0 when unknown)
     */
    ProgressReporter(PrintStream err, IntSupplier width) {
        this.err = err;
        this.width = width;
    }

    /**
     * Redraws the line.
     *
     * @param rows rows imported so far
     * @param bytesRead input bytes read so far
     * @param totalBytes the input's size, or -1 when unknown
     */
    synchronized void update(long rows, long bytesRead, long totalBytes) {
        if (finished) {
            return;
        }
        String line = ProgressBar.render(rows, bytesRead, totalBytes, System.nanoTime() - start, width.getAsInt());
        StringBuilder sb = new StringBuilder("\r").append(line);
        if (line.length() < lastLength) {
            sb.append(" ".repeat(lastLength - line.length()));
        }
        lastLength = line.length();
        err.print(sb);
        err.flush();
    }

    /** Clears the progress line (nothing when none was drawn); later updates are ignored. */
    synchronized void finish() {
        finished = true;
        if (lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }
}
