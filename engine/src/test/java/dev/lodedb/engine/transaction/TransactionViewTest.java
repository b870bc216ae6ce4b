package dev.lodedb.engine.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.TestSeeds;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.Snapshot;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.lsm.LsmStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transaction view against a model: a random store, a random write set (puts, deletes, range
 * deletions, savepoints rolled back to and released), then random seeks and steps in both
 * directions with random bounds, each compared with the same operations on a sorted map holding
 * what the transaction should see. Seeded; the seed is in every assertion message.
 */
class TransactionViewTest {
    @TempDir
    Path dir;

    private static byte[] key(int k) {
        return String.format("k%03d", k).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void overlayMatchesTheModel() {
        long seed = TestSeeds.seed();
        SplittableRandom rnd = new SplittableRandom(seed);
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            for (int round = 0; round < 40; round++) {
                String msg = "seed " + seed + ", round " + round;
                TreeMap<String, String> model = new TreeMap<>();
                WriteBatch base = new WriteBatch().deleteRange(key(0), key(1000));
                for (int i = 0; i < 60; i++) {
                    int k = rnd.nextInt(100);
                    String v = "b" + round + "." + i;
                    base.put(key(k), v.getBytes(StandardCharsets.UTF_8));
                    model.put(text(key(k)), v);
                }
                store.write(WriteOptions.DEFAULT, base);
                Snapshot snapshot = store.getSnapshot();
                // a later commit that the snapshot must not show
                store.write(WriteOptions.DEFAULT, new WriteBatch().put(key(rnd.nextInt(100)), new byte[] {'x'}));
                WriteSet ws = new WriteSet();
                List<Integer> marks = new ArrayList<>();
                List<TreeMap<String, String>> saved = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    int op = rnd.nextInt(20);
                    int k = rnd.nextInt(100);
                    if (op < 8) {
                        String v = "w" + i;
                        ws.put(key(k), v.getBytes(StandardCharsets.UTF_8));
                        model.put(text(key(k)), v);
                    } else if (op < 13) {
                        ws.delete(key(k));
                        model.remove(text(key(k)));
                    } else if (op < 15) {
                        int hi = Math.min(100, k + 1 + rnd.nextInt(15));
                        ws.deleteRange(key(k), key(hi));
                        model.subMap(text(key(k)), text(key(hi))).clear();
                    } else if (op < 17) {
                        marks.add(ws.mark());
                        saved.add(new TreeMap<>(model));
                    } else if (op < 19 && !marks.isEmpty()) {
                        int at = rnd.nextInt(marks.size());
                        ws.rollbackTo(marks.get(at));
                        model = new TreeMap<>(saved.get(at));
                        while (marks.size() > at + 1) {
                            marks.remove(marks.size() - 1);
                            saved.remove(saved.size() - 1);
                            ws.release();
                        }
                    } else if (!marks.isEmpty()) {
                        marks.remove(marks.size() - 1);
                        saved.remove(saved.size() - 1);
                        ws.release();
                    }
                }
                TransactionView view = new TransactionView(store, snapshot, ws, null);
                for (int k = 0; k < 100; k++) {
                    assertThat(text(view.get(ReadOptions.DEFAULT, key(k)))).as(msg + ", get " + k)
                            .isEqualTo(model.get(text(key(k))));
                }
                for (int q = 0; q < 30; q++) {
                    int lo = rnd.nextInt(110) - 5;
                    int hi = lo + rnd.nextInt(60);
                    byte[] lower = lo < 0 ? null : key(lo);
                    byte[] upper = rnd.nextInt(4) == 0 ? null : key(hi);
                    Map<String, String> expected = upper == null
                            ? lower == null ? model : model.tailMap(text(lower), true)
                            : lower == null ? model.headMap(text(upper), false)
                            : text(lower).compareTo(text(upper)) >= 0 ? new TreeMap<>()
                            : model.subMap(text(lower), true, text(upper), false);
                    List<String> keys = new ArrayList<>(expected.keySet());
                    String m = msg + ", range [" + text(lower) + ", " + text(upper) + ")";
                    try (StoreIterator it = view.newIterator(ReadOptions.DEFAULT.withBounds(lower, upper))) {
                        List<String> forward = new ArrayList<>();
                        for (it.seekToFirst(); it.isValid(); it.next()) {
                            forward.add(text(it.key()));
                            assertThat(text(it.value())).as(m).isEqualTo(expected.get(text(it.key())));
                        }
                        assertThat(forward).as(m + " forward").isEqualTo(keys);
                        List<String> backward = new ArrayList<>();
                        for (it.seekToLast(); it.isValid(); it.prev()) {
                            backward.add(text(it.key()));
                        }
                        List<String> reversed = new ArrayList<>(keys);
                        java.util.Collections.reverse(reversed);
                        assertThat(backward).as(m + " backward").isEqualTo(reversed);
                        // random walks: seek, then mix next and prev
                        for (int w = 0; w < 5; w++) {
                            int target = rnd.nextInt(110);
                            boolean forPrev = rnd.nextBoolean();
                            if (forPrev) {
                                it.seekForPrev(key(target));
                            } else {
                                it.seek(key(target));
                            }
                            int pos = position(keys, text(key(target)), forPrev);
                            for (int step = 0; step < 8; step++) {
                                boolean valid = pos >= 0 && pos < keys.size();
                                assertThat(it.isValid()).as(m + " walk " + w + " step " + step).isEqualTo(valid);
                                if (!valid) {
                                    break;
                                }
                                assertThat(text(it.key())).as(m + " walk " + w + " step " + step).isEqualTo(keys.get(pos));
                                if (rnd.nextBoolean()) {
                                    it.next();
                                    pos++;
                                } else {
                                    it.prev();
                                    pos--;
                                }
                            }
                        }
                    }
                }
                store.releaseSnapshot(snapshot);
            }
        }
    }

    /** @return the index {@code seek} (first {@code >=}) or {@code seekForPrev} (last {@code <=}) lands on */
    private static int position(List<String> keys, String target, boolean forPrev) {
        if (forPrev) {
            int p = -1;
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).compareTo(target) <= 0) {
                    p = i;
                }
            }
            return p;
        }
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).compareTo(target) >= 0) {
                return i;
            }
        }
        return keys.size();
    }

    @Test
    void appendToPutsRangeDeletionsBeforeTheKeys() {
        WriteSet ws = new WriteSet();
        ws.put(key(5), new byte[] {1});
        ws.deleteRange(key(0), key(10));
        ws.put(key(6), new byte[] {2});
        assertThat(ws.lookup(key(5))).isNull();
        assertThat(ws.inDeletedRange(key(5))).isTrue();
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            store.write(WriteOptions.DEFAULT, new WriteBatch().put(key(3), new byte[] {9}).put(key(6), new byte[] {9}));
            WriteBatch b = new WriteBatch();
            ws.appendTo(b);
            store.write(WriteOptions.DEFAULT, b);
            assertThat(store.get(key(3))).isNull();
            assertThat(store.get(key(5))).isNull();
            assertThat(store.get(key(6))).isEqualTo(new byte[] {2});
            assertThat(Arrays.equals(store.get(key(6)), new byte[] {2})).isTrue();
        }
    }
}
