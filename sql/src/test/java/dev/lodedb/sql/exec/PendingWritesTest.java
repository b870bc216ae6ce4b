package dev.lodedb.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ordered view stays exact whether keys come ascending (buffered as a run) or not. */
class PendingWritesTest {
    private static byte[] k(int i) {
        return new byte[] {1, (byte) (i >>> 8), (byte) i};
    }

    private static List<Integer> keys(PendingWrites p) {
        List<Integer> out = new ArrayList<>();
        for (byte[] key : p.view().keySet()) {
            out.add((key[1] & 0xff) << 8 | key[2] & 0xff);
        }
        return out;
    }

    @Test
    void ascendingRunsAndOutOfOrderKeysMeetInOneOrderedView() {
        PendingWrites p = PendingWrites.ordered();
        for (int i = 10; i < 20; i++) {
            p.put(k(i), new byte[] {(byte) i});
        }
        assertThat(p.size()).isEqualTo(10);
        assertThat(p.lookup(k(25))).isNull();
        assertThat(p.lookup(k(12))).containsExactly(12);
        p.put(k(30), new byte[] {30}); // a new run above the view
        p.delete(k(15)); // out of order: into the tree
        p.put(k(5), new byte[] {5});
        p.put(k(31), new byte[] {31});
        assertThat(p.size()).isEqualTo(13);
        assertThat(keys(p)).containsExactly(5, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 30, 31);
        assertThat(PendingWrites.isDeleted(p.lookup(k(15)))).isTrue();
        assertThat(p.batch().count()).isEqualTo(13);
        Map<byte[], byte[]> released = p.release();
        assertThat(released).hasSize(13);
        assertThat(p.size()).isZero();
        p.put(k(1), new byte[] {1}); // after release any key starts a run again
        assertThat(keys(p)).containsExactly(1);
        p.clear();
        assertThat(p.size()).isZero();
        assertThat(p.lookup(k(1))).isNull();
    }
}
