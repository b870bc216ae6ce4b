package dev.lodedb.storage.lsm;

import dev.lodedb.storage.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Names of the files in a store directory, LevelDB's layout:
 * <pre>
 *   CURRENT            name of the live manifest, replaced atomically (write temp, fsync, rename)
 *   LOCK               held with an OS file lock while a process has the store open
 *   MANIFEST-NNNNNN    log of version edits
 *   NNNNNN.log         write-ahead log
 *   NNNNNN.sst         SSTable
 *   NNNNNN.dbtmp       temporary file (CURRENT being replaced), removed on open
 * </pre>
 * Stateless and thread-safe.
 */
final class FileNames {
    static final String CURRENT = "CURRENT";
    static final String LOCK = "LOCK";

    /** Kinds of file in a store directory. */
    enum Kind { LOG, TABLE, MANIFEST, CURRENT, LOCK, TEMP, OTHER }

    /** A parsed file name. */
    record Parsed(Kind kind, long number) {
    }

    private FileNames() {
    }

    static Path log(Path dir, long number) {
        return dir.resolve(String.format("%06d.log", number));
    }

    static Path table(Path dir, long number) {
        return dir.resolve(String.format("%06d.sst", number));
    }

    static Path manifest(Path dir, long number) {
        return dir.resolve(String.format("MANIFEST-%06d", number));
    }

    static Path temp(Path dir, long number) {
        return dir.resolve(String.format("%06d.dbtmp", number));
    }

    static Parsed parse(String name) {
        try {
            if (name.equals(CURRENT)) {
                return new Parsed(Kind.CURRENT, 0);
            }
            if (name.equals(LOCK)) {
                return new Parsed(Kind.LOCK, 0);
            }
            if (name.startsWith("MANIFEST-")) {
                return new Parsed(Kind.MANIFEST, Long.parseLong(name.substring(9)));
            }
            int dot = name.indexOf('.');
            if (dot > 0) {
                long n = Long.parseLong(name.substring(0, dot));
                switch (name.substring(dot + 1)) {
                    case "log":
                        return new Parsed(Kind.LOG, n);
                    case "sst":
                        return new Parsed(Kind.TABLE, n);
                    case "dbtmp":
                        return new Parsed(Kind.TEMP, n);
                    default:
                        break;
                }
            }
        } catch (NumberFormatException e) {
            // not one of ours
        }
        return new Parsed(Kind.OTHER, 0);
    }

    /** Atomically points CURRENT at {@code MANIFEST-manifestNumber}, durably. */
    static void setCurrent(Path dir, long manifestNumber, long tempNumber) {
        String contents = manifest(dir, manifestNumber).getFileName() + "\n";
        Path tmp = temp(dir, tempNumber);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(contents.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } catch (IOException e) {
            throw new StoreException("cannot update " + dir.resolve(CURRENT) + ": " + e.getMessage(), e);
        }
    }

    /** fsyncs a directory so that file creations and renames in it are durable. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            throw new StoreException("cannot sync directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
