package dev.lodedb.storage.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.storage.WriteBatch;
import org.junit.jupiter.api.Test;

/** {@link MemTable#unapply} takes out exactly what {@link MemTable#apply} put in for a batch. */
class MemTableTest {
    @Test
    void unapplyRemovesTheBatchAndItsCharge() {
        MemTable m = new MemTable(1);
        m.apply(new WriteBatch().put(new byte[] {1}, new byte[] {10}), 1);
        long before = m.approximateBytes();
        WriteBatch b = new WriteBatch().putShared(new byte[] {1}, new byte[] {11}).deleteShared(new byte[] {2})
                .put(new byte[] {3}, new byte[] {30}).deleteRange(new byte[] {4}, new byte[] {5});
        m.apply(b, 2);
        assertThat(m.numEntries()).isEqualTo(4);
        assertThat(m.rangeTombstones()).hasSize(1);
        m.unapply(b, 2);
        assertThat(m.numEntries()).isEqualTo(1);
        assertThat(m.rangeTombstones()).isEmpty();
        assertThat(m.approximateBytes()).isEqualTo(before);
    }
}
