/**
 * The log file format shared by the write-ahead log and the manifest: LevelDB's log format
 * (LevelDB {@code doc/log_format.md}) of 32 KiB blocks holding checksummed record fragments, with
 * a LodeDB header record (magic, format version, file kind) at the start of every file.
 *
 * <p>{@link dev.lodedb.storage.wal.LogWriter} appends records; {@link dev.lodedb.storage.wal.LogReader}
 * reads them back, skipping damaged regions and classifying each one as a torn tail (a crash during
 * a write) or corruption (damage with valid records after it). The byte layout and the recovery
 * rules are described in {@code docs/storage/wal.md}.
 */
package dev.lodedb.storage.wal;
