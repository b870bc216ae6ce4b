package dev.lodedb.bench;

import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.lsm.LsmStore;
import dev.lodedb.storage.rocksdb.RocksDbStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A storage engine the benchmarks can run: LodeDB's own LSM, or RocksDB through the same API. */
public enum Engine {
    /** LodeDB's pure-Java LSM engine ({@code dev.lodedb.storage.lsm.LsmStore}). */
    LODE("lode") {
        @Override
        public KeyValueStore open(Path dir, LsmOptions options) {
            return LsmStore.open(dir, options);
        }
    },
    /** RocksDB via rocksdbjni ({@link RocksDbStore}), tuned from the same {@link LsmOptions}. */
    ROCKSDB("rocksdb") {
        @Override
        public KeyValueStore open(Path dir, LsmOptions options) {
            return RocksDbStore.open(dir, options);
        }
    };

    private final String label;

    Engine(String label) {
        this.label = label;
    }

    /**
     * Opens (creating) a store of this engine.
     *
     * @param dir a fresh directory
     * @param options the tuning shared by both engines
     * @return the open store, owned by the caller
     */
    public abstract KeyValueStore open(Path dir, LsmOptions options);

    /** @return the name used on the command line and in results ("lode", "rocksdb") */
    public String label() {
        return label;
    }

    /**
     * Parses a comma-separated engine list such as {@code lode,rocksdb}.
     *
     * @throws IllegalArgumentException on an unknown name or an empty list
     */
    public static List<Engine> parseList(String csv) {
        List<Engine> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            Engine found = null;
            for (Engine e : values()) {
                if (e.label.equals(name)) {
                    found = e;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("unknown engine '" + part.trim() + "' (expected lode or rocksdb)");
            }
            if (!out.contains(found)) {
                out.add(found);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no engine given");
        }
        return out;
    }
}
