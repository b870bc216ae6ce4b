package dev.lodedb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shared operations: handed out as given while every operation is shared, decoded copies otherwise. */
class WriteBatchTest {
    /** Records what {@link WriteBatch#forEach} hands out, arrays as given. */
    private static List<Object[]> replay(WriteBatch b) {
        List<Object[]> out = new ArrayList<>();
        b.forEach(new WriteBatch.Handler() {
            @Override
            public void put(byte[] key, byte[] value) {
                out.add(new Object[] {"put", key, value});
            }

            @Override
            public void delete(byte[] key) {
                out.add(new Object[] {"delete", key, null});
            }

            @Override
            public void deleteRange(byte[] start, byte[] end) {
                out.add(new Object[] {"range", start, end});
            }
        });
        return out;
    }

    @Test
    void sharedOperationsComeBackAsTheSameArrays() {
        byte[] k1 = {1};
        byte[] v1 = {10, 11};
        byte[] k2 = {2};
        WriteBatch b = new WriteBatch(4).putShared(k1, v1).deleteShared(k2);
        for (int i = 0; i < 20; i++) {
            b.putShared(new byte[] {3, (byte) i}, new byte[] {(byte) i});
        }
        List<Object[]> ops = replay(b);
        assertThat(ops).hasSize(22);
        assertThat(ops.get(0)[1]).isSameAs(k1);
        assertThat(ops.get(0)[2]).isSameAs(v1);
        assertThat(ops.get(1)[0]).isEqualTo("delete");
        assertThat(ops.get(1)[1]).isSameAs(k2);
        // the encoding is the same as with copying puts
        WriteBatch copied = new WriteBatch().put(new byte[] {1}, new byte[] {10, 11}).delete(new byte[] {2});
        for (int i = 0; i < 20; i++) {
            copied.put(new byte[] {3, (byte) i}, new byte[] {(byte) i});
        }
        assertThat(b.encode()).isEqualTo(copied.encode());
    }

    @Test
    void anUnsharedOperationMakesTheBatchDecode() {
        byte[] v1 = {10};
        WriteBatch b = new WriteBatch().putShared(new byte[] {1}, v1).put(new byte[] {2}, new byte[] {20});
        List<Object[]> ops = replay(b);
        assertThat(ops).hasSize(2);
        assertThat(ops.get(0)[2]).isEqualTo(v1).isNotSameAs(v1);
        b.clear();
        byte[] v3 = {30};
        b.putShared(new byte[] {3}, v3);
        assertThat(replay(b).get(0)[2]).isSameAs(v3); // sharing again after clear
        b.deleteRange(new byte[] {4}, new byte[] {5});
        assertThat(replay(b)).hasSize(2).last().satisfies(op -> assertThat(op[0]).isEqualTo("range"));
        WriteBatch other = new WriteBatch().putShared(new byte[] {6}, new byte[] {60});
        WriteBatch all = new WriteBatch().putShared(new byte[] {0}, new byte[] {1});
        all.append(other);
        assertThat(replay(all)).hasSize(2);
    }
}
