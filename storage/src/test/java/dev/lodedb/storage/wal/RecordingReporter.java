package dev.lodedb.storage.wal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@link LogReader.Reporter} that remembers every report, for assertions. */
final class RecordingReporter implements LogReader.Reporter {
    /** One reported region. */
    record Region(Path file, long offset, long bytes, String reason) {
        long end() {
            return offset + bytes;
        }
    }

    final List<Region> corruptions = new ArrayList<>();
    final List<Region> tornTails = new ArrayList<>();

    @Override
    public void corruption(Path file, long offset, long bytes, String reason) {
        corruptions.add(new Region(file, offset, bytes, reason));
    }

    @Override
    public void tornTail(Path file, long offset, long bytes, String reason) {
        tornTails.add(new Region(file, offset, bytes, reason));
    }
}
