package dev.lodedb.storage.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.storage.StoreIterator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a store written by each shipped format version (committed under
 * {@code src/test/resources/fixtures/}) and checks its contents: every format that ever shipped
 * stays readable. Add the new version here when a format changes.
 */
class StoreFormatCompatibilityTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(ints = {1})
    void storeWrittenByFormatVersionOpensWithItsContents(int version) throws IOException, URISyntaxException {
        Path fixture = Path.of(getClass().getResource("/fixtures/store-v" + version).toURI());
        Path copy = tmp.resolve("store");
        LsmTestSupport.copyStore(fixture, copy);
        TreeMap<String, String> expected = StoreFormatFixture.expected();
        for (int reopen = 0; reopen < 2; reopen++) {
            try (LsmStore store = LsmStore.open(copy, new LsmOptions())) {
                TreeMap<String, String> actual = new TreeMap<>();
                try (StoreIterator it = store.newIterator()) {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        actual.put(new String(it.key(), StandardCharsets.UTF_8), new String(it.value(), StandardCharsets.UTF_8));
                    }
                }
                assertThat(actual).isEqualTo(expected);
                assertThat(store.get("k055".getBytes(StandardCharsets.UTF_8))).isNull();
                store.compactRange(null, null); // rewrite in the current format, then read again
            }
        }
        assertThat(Files.list(fixture).count()).as("fixture untouched").isGreaterThan(3);
    }
}
