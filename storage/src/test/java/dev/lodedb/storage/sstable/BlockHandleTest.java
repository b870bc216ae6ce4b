package dev.lodedb.storage.sstable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockHandleTest {
    @Test
    void roundTripsRandomHandles() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        byte[] buf = new byte[BlockHandle.MAX_ENCODED_LENGTH];
        for (int i = 0; i < 10_000; i++) {
            long off = (rnd.nextLong() >>> 1) >>> rnd.nextInt(63);
            long size = (rnd.nextLong() >>> 1) >>> rnd.nextInt(63);
            BlockHandle h = new BlockHandle(off, size);
            int n = h.encodeTo(buf, 0);
            assertThat(n).as("seed %d", seed).isBetween(2, BlockHandle.MAX_ENCODED_LENGTH);
            assertThat(BlockHandle.decode(buf, 0, n)).as("seed %d", seed).isEqualTo(h);
            assertThat(h.encode()).as("seed %d", seed).hasSize(n);
        }
    }

    @Test
    void largestHandleFitsMaxEncodedLength() {
        BlockHandle h = new BlockHandle(Long.MAX_VALUE, Long.MAX_VALUE);
        assertThat(h.encode()).hasSizeLessThanOrEqualTo(BlockHandle.MAX_ENCODED_LENGTH);
        assertThat(BlockHandle.decode(h.encode(), 0, h.encode().length)).isEqualTo(h);
    }

    @Test
    void rejectsTruncatedAndNegative() {
        byte[] enc = new BlockHandle(1L << 40, 300).encode();
        assertThatThrownBy(() -> BlockHandle.decode(enc, 0, enc.length - 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlockHandle(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        byte[] tooLong = new byte[12];
        java.util.Arrays.fill(tooLong, (byte) 0x80);
        assertThatThrownBy(() -> BlockHandle.decode(tooLong, 0, tooLong.length))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
