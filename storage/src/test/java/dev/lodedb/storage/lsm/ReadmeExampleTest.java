package dev.lodedb.storage.lsm;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.Snapshot;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example, verbatim apart from the paths, so that it keeps compiling and working. */
class ReadmeExampleTest {
    @TempDir
    Path tmp;

    @Test
    void readmeExampleRuns() {
        List<String> printed = new ArrayList<>();
        try (KeyValueStore store = LsmStore.open(tmp.resolve("data"), new LsmOptions())) {
            store.write(WriteOptions.SYNC, new WriteBatch()          // atomic, durable when it returns
                    .put("user/1".getBytes(UTF_8), "ada".getBytes(UTF_8))
                    .put("user/2".getBytes(UTF_8), "grace".getBytes(UTF_8)));
            try (Snapshot snap = store.getSnapshot();
                 StoreIterator it = store.newIterator(ReadOptions.at(snap)
                         .withBounds("user/".getBytes(UTF_8), "user0".getBytes(UTF_8)))) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    printed.add(new String(it.key(), UTF_8) + " = " + new String(it.value(), UTF_8));
                }
            }
            store.deleteRange("user/".getBytes(UTF_8), "user0".getBytes(UTF_8));   // O(1) for the writer
            store.checkpoint(tmp.resolve("backup"));                               // consistent, hard-linked copy
            assertThat(store.get("user/1".getBytes(UTF_8))).isNull();
        }
        assertThat(printed).containsExactly("user/1 = ada", "user/2 = grace");
    }
}
