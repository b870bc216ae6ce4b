package dev.lodedb.storage.lsm;

import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.wal.LogFileKind;
import dev.lodedb.storage.wal.LogWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes the files of a checkpoint once the store has fixed its cut (a pinned version, the live
 * logs and their lengths): hard links to the immutable tables (copies across file systems), the
 * logs copied up to the noted lengths, and a fresh manifest and CURRENT describing exactly that
 * state. Everything written is fsynced. The approach is RocksDB's {@code Checkpoint}.
 *
 * <p>Stateless and thread-safe; the caller keeps the version and logs pinned while it runs.
 */
final class Checkpointer {
    private Checkpointer() {
    }

    /**
     * @param srcDir the live store
     * @param target the checkpoint directory (must not exist yet)
     * @param version the pinned version whose tables the checkpoint holds
     * @param logs {@code {log number, length in bytes}} of each live log, oldest first
     * @param logNumber oldest log the checkpoint needs
     * @param nextFileNumber the store's next file number at the cut
     * @param lastSequence the last sequence number at the cut
     * @throws StoreException on any I/O failure
     */
    static void write(Path srcDir, Path target, Version version, List<long[]> logs, long logNumber,
                      long nextFileNumber, long lastSequence) {
        try {
            Files.createDirectories(target);
            VersionEdit snap = new VersionEdit().setComparator(VersionEdit.COMPARATOR_NAME)
                    .setLogNumber(logNumber).setNextFileNumber(nextFileNumber + 1).setLastSequence(lastSequence);
            for (int level = 0; level < version.numLevels(); level++) {
                for (FileMetaData f : version.files(level)) {
                    Path src = FileNames.table(srcDir, f.number());
                    Path dst = FileNames.table(target, f.number());
                    try {
                        Files.createLink(dst, src);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(src, dst);
                        syncFile(dst);
                    }
                    snap.addFile(level, f);
                }
            }
            for (long[] l : logs) {
                copyPrefix(FileNames.log(srcDir, l[0]), FileNames.log(target, l[0]), l[1]);
            }
            long manifestNumber = nextFileNumber;
            try (LogWriter m = LogWriter.create(FileNames.manifest(target, manifestNumber), LogFileKind.MANIFEST)) {
                m.addRecord(snap.encode());
                m.sync();
            }
            FileNames.setCurrent(target, manifestNumber, manifestNumber + 1);
        } catch (IOException e) {
            throw new StoreException("checkpoint of " + srcDir + " into " + target + " failed: " + e.getMessage(), e);
        }
    }

    private static void copyPrefix(Path src, Path dst, long length) throws IOException {
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long pos = 0;
            while (pos < length) {
                long n = in.transferTo(pos, length - pos, out);
                if (n <= 0) {
                    throw new IOException("short read copying " + src);
                }
                pos += n;
            }
            out.force(true);
        }
    }

    private static void syncFile(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }
}
