/**
 * The SSTable (block-based table) format of LodeDB's LSM engine: immutable sorted files of
 * internal keys, modelled on LevelDB's table format ({@code doc/table_format.md}) with a
 * whole-file Bloom filter like RocksDB's full filter.
 *
 * <p>Writing: {@link dev.lodedb.storage.sstable.TableBuilder} with
 * {@link dev.lodedb.storage.sstable.TableOptions}. Reading:
 * {@link dev.lodedb.storage.sstable.Table#open}, sharing one
 * {@link dev.lodedb.storage.sstable.BlockCache} and one
 * {@link dev.lodedb.storage.sstable.TableStatistics} per store. Building blocks:
 * {@link dev.lodedb.storage.sstable.BlockBuilder}, {@link dev.lodedb.storage.sstable.Block},
 * {@link dev.lodedb.storage.sstable.BlockIterator}, {@link dev.lodedb.storage.sstable.BlockHandle},
 * {@link dev.lodedb.storage.sstable.BloomFilter}, {@link dev.lodedb.storage.sstable.Footer},
 * {@link dev.lodedb.storage.sstable.TableProperties}.
 *
 * <p>The byte-level format is documented in {@code docs/storage/sstable.md}; every format
 * version that ever shipped stays readable.
 */
package dev.lodedb.storage.sstable;
