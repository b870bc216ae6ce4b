package dev.lodedb.storage.sstable;

import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.util.InternalKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Facts about one SSTable, stored in its properties block (metaindex name
 * {@code "lode.properties"}) and read when the table is opened.
 *
 * <p>On disk the properties block is an ordinary block (see {@link BlockBuilder}) whose keys are
 * the property names and whose values are UTF-8 strings: decimal numbers for counts and sizes,
 * names otherwise, keys in bytewise order. Unknown names are kept (see {@link #asMap()}), so a
 * newer writer may add properties without breaking older readers; a missing numeric property
 * reads as 0.
 *
 * <p>Sizes are in bytes on disk, block trailers included. Immutable and thread-safe.
 */
public final class TableProperties {
    /** Table format version (same as the footer's). */
    public static final String FORMAT_VERSION = "lode.format.version";
    /** Number of point entries (values and point deletions). */
    public static final String NUM_ENTRIES = "lode.num.entries";
    /** Number of point deletions among the entries. */
    public static final String NUM_DELETIONS = "lode.num.deletions";
    /** Number of range tombstones in the range-deletion block. */
    public static final String NUM_RANGE_DELETIONS = "lode.num.range.deletions";
    /** Number of data blocks. */
    public static final String NUM_DATA_BLOCKS = "lode.num.data.blocks";
    /** Sum of the internal key lengths of all point entries, in bytes. */
    public static final String RAW_KEY_SIZE = "lode.raw.key.size";
    /** Sum of the value lengths of all point entries, in bytes. */
    public static final String RAW_VALUE_SIZE = "lode.raw.value.size";
    /** Bytes of data blocks on disk (payloads plus trailers). */
    public static final String DATA_SIZE = "lode.data.size";
    /** Bytes of the index block on disk. */
    public static final String INDEX_SIZE = "lode.index.size";
    /** Bytes of the filter block on disk (0 without filter). */
    public static final String FILTER_SIZE = "lode.filter.size";
    /** Filter policy name ({@code "lode.bloom.xxh64.km"}), empty without filter. */
    public static final String FILTER_POLICY = "lode.filter.policy";
    /** Bloom bits per key the filter was built with (0 without filter). */
    public static final String FILTER_BITS_PER_KEY = "lode.filter.bits.per.key";
    /** Name of the configured block compression ({@link CompressionType#name()}). */
    public static final String COMPRESSION = "lode.compression";
    /** Configured target data block size in bytes. */
    public static final String BLOCK_SIZE = "lode.block.size";
    /** Configured data block restart interval. */
    public static final String RESTART_INTERVAL = "lode.restart.interval";
    /** Smallest sequence number of any entry or range tombstone (0 if none). */
    public static final String SMALLEST_SEQUENCE = "lode.smallest.sequence";
    /** Largest sequence number of any entry or range tombstone (0 if none). */
    public static final String LARGEST_SEQUENCE = "lode.largest.sequence";
    /** Wall-clock time the table was finished, milliseconds since the epoch. */
    public static final String CREATION_TIME_MS = "lode.creation.time.ms";

    /** Name of the Bloom filter policy of {@link BloomFilter}. */
    public static final String BLOOM_POLICY_NAME = "lode.bloom.xxh64.km";

    private final Map<String, String> map;

    /**
     * @param properties name to value; copied
     */
    public TableProperties(Map<String, String> properties) {
        this.map = Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    /** @return every property, including ones this version does not know, sorted by name */
    public Map<String, String> asMap() {
        return map;
    }

    /** @return the value of property {@code name}, or {@code null} */
    public String get(String name) {
        return map.get(name);
    }

    /**
     * @return the numeric property {@code name}, 0 if absent
     * @throws NumberFormatException if present but not a decimal number
     */
    public long getLong(String name) {
        String v = map.get(name);
        return v == null ? 0 : Long.parseLong(v);
    }

    /** @return {@link #FORMAT_VERSION} */
    public int formatVersion() {
        return (int) getLong(FORMAT_VERSION);
    }

    /** @return {@link #NUM_ENTRIES} */
    public long numEntries() {
        return getLong(NUM_ENTRIES);
    }

    /** @return {@link #NUM_DELETIONS} */
    public long numDeletions() {
        return getLong(NUM_DELETIONS);
    }

    /** @return {@link #NUM_RANGE_DELETIONS} */
    public long numRangeDeletions() {
        return getLong(NUM_RANGE_DELETIONS);
    }

    /** @return {@link #NUM_DATA_BLOCKS} */
    public long numDataBlocks() {
        return getLong(NUM_DATA_BLOCKS);
    }

    /** @return {@link #RAW_KEY_SIZE} in bytes */
    public long rawKeySize() {
        return getLong(RAW_KEY_SIZE);
    }

    /** @return {@link #RAW_VALUE_SIZE} in bytes */
    public long rawValueSize() {
        return getLong(RAW_VALUE_SIZE);
    }

    /** @return {@link #DATA_SIZE} in bytes */
    public long dataSize() {
        return getLong(DATA_SIZE);
    }

    /** @return {@link #INDEX_SIZE} in bytes */
    public long indexSize() {
        return getLong(INDEX_SIZE);
    }

    /** @return {@link #FILTER_SIZE} in bytes */
    public long filterSize() {
        return getLong(FILTER_SIZE);
    }

    /** @return {@link #FILTER_POLICY}, empty if none */
    public String filterPolicy() {
        return map.getOrDefault(FILTER_POLICY, "");
    }

    /** @return {@link #COMPRESSION}, e.g. "LZ4" */
    public String compressionName() {
        return map.getOrDefault(COMPRESSION, "");
    }

    /** @return {@link #SMALLEST_SEQUENCE} */
    public long smallestSequence() {
        return getLong(SMALLEST_SEQUENCE);
    }

    /** @return {@link #LARGEST_SEQUENCE} */
    public long largestSequence() {
        return getLong(LARGEST_SEQUENCE);
    }

    /** @return {@link #CREATION_TIME_MS}, milliseconds since the epoch */
    public long creationTimeMillis() {
        return getLong(CREATION_TIME_MS);
    }

    /**
     * Writes the properties as block entries, names in bytewise order.
     *
     * @param builder an empty block builder
     */
    void encodeTo(BlockBuilder builder) {
        List<byte[][]> entries = new ArrayList<>(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            entries.add(new byte[][] {e.getKey().getBytes(StandardCharsets.UTF_8),
                e.getValue().getBytes(StandardCharsets.UTF_8)});
        }
        entries.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        for (byte[][] e : entries) {
            builder.add(e[0], e[1]);
        }
    }

    /**
     * Reads a properties block and checks that the well-known numeric properties are numbers.
     *
     * @throws CorruptionException naming the block if an entry is malformed
     */
    static TableProperties decode(Block block) {
        Map<String, String> m = new TreeMap<>();
        BlockIterator it = block.iterator(InternalKey.USER_COMPARATOR);
        for (it.seekToFirst(); it.isValid(); it.next()) {
            m.put(new String(it.key(), StandardCharsets.UTF_8), new String(it.value(), StandardCharsets.UTF_8));
        }
        TableProperties p = new TableProperties(m);
        for (String name : List.of(FORMAT_VERSION, NUM_ENTRIES, NUM_DELETIONS, NUM_RANGE_DELETIONS,
                NUM_DATA_BLOCKS, RAW_KEY_SIZE, RAW_VALUE_SIZE, DATA_SIZE, INDEX_SIZE, FILTER_SIZE,
                FILTER_BITS_PER_KEY, BLOCK_SIZE, RESTART_INTERVAL, SMALLEST_SEQUENCE, LARGEST_SEQUENCE,
                CREATION_TIME_MS)) {
            try {
                p.getLong(name);
            } catch (NumberFormatException e) {
                throw block.corruption("property " + name + " is not a number: " + m.get(name));
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "TableProperties" + map;
    }
}
