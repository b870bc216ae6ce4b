package dev.lodedb.cli;

import java.util.Locale;

/**
 * Renders an import's progress as one terminal line, a pure function of the numbers:
 *
 * <pre>
 * [#########...........]  45%  1,234,567 rows  123.4/274.0 MB  98,765 rows/s  ETA 0:12
 * 1,234,567 rows  123.4 MB  98,765 rows/s                  (total size unknown)
 * </pre>
 *
 * The bar and ETA appear only when the total size is known; the line is cut to the terminal width.
 * Stateless and thread-safe.
 */
final class ProgressBar {
    private static final int BAR_WIDTH = 20;

    private ProgressBar() {
    }

    /**
     * @param rows rows imported so far
     * @param bytesRead bytes of input read so far
     * @param totalBytes the input's size in bytes, or -1 when unknown (a stream)
     * @param elapsedNanos time since the import started, in nanoseconds
     * @param width the terminal width in columns; the line is at most {@code width - 1} long
     *     (0 or less: not cut)
     * @return the line, without line break or carriage return
     */
    static String render(long rows, long bytesRead, long totalBytes, long elapsedNanos, int width) {
        StringBuilder sb = new StringBuilder();
        double seconds = elapsedNanos / 1e9;
        boolean known = totalBytes > 0;
        if (known) {
            double fraction = Math.min(1.0, Math.max(0.0, (double) bytesRead / totalBytes));
            int filled = (int) Math.floor(fraction * BAR_WIDTH);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
            sb.append(String.format(Locale.ROOT, "%3d%%  ", (int) Math.floor(fraction * 100)));
        }
        sb.append(String.format(Locale.ROOT, "%,d rows  ", rows));
        if (known) {
            sb.append(String.format(Locale.ROOT, "%.1f/%.1f MB", mb(bytesRead), mb(totalBytes)));
        } else {
            sb.append(String.format(Locale.ROOT, "%.1f MB", mb(bytesRead)));
        }
        if (seconds >= 0.001) {
            sb.append(String.format(Locale.ROOT, "  %,d rows/s", Math.round(rows / seconds)));
            if (known && bytesRead > 0 && bytesRead < totalBytes) {
                double remaining = seconds * (totalBytes - bytesRead) / bytesRead;
                sb.append("  ETA ").append(clock(Math.round(remaining)));
            }
        }
        String line = sb.toString();
        if (width > 1 && line.length() > width - 1) {
            line = line.substring(0, width - 1);
        }
        return line;
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /** @return {@code m:ss}, or {@code h:mm:ss} from an hour */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
