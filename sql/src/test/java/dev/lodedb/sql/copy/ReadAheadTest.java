package dev.lodedb.sql.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The read-ahead pipeline: order, errors after the items before them, stopping and joining the
 * reader on every exit, and the bound on what is queued. Synchronized by latches and joins, never
 * by timing.
 */
class ReadAheadTest {
    private static List<Integer> drain(ReadAhead<Integer> r) {
        List<Integer> out = new ArrayList<>();
        for (Integer i = r.next(); i != null; i = r.next()) {
            out.add(i);
        }
        return out;
    }

    @Test
    void deliversEveryItemInOrderAcrossBatchesThenTheEnd() {
        int n = ReadAhead.BATCH_ITEMS * 7 + 3;
        try (ReadAhead<Integer> r = new ReadAhead<>("test-reader", out -> {
            for (int i = 0; i < n; i++) {
                out.emit(i, 10);
            }
        })) {
            List<Integer> got = drain(r);
            assertThat(got).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(got.get(i)).isEqualTo(i);
            }
            assertThat(r.next()).isNull();
            assertThat(r.next()).isNull();
        }
        try (ReadAhead<Integer> empty = new ReadAhead<>("test-reader", out -> { })) {
            assertThat(empty.next()).isNull();
        }
    }

    @Test
    void anErrorArrivesAfterTheItemsEmittedBeforeIt() {
        SqlException boom = new SqlException("22P02", "invalid input syntax for type bigint: \"x\"");
        try (ReadAhead<Integer> r = new ReadAhead<>("test-reader", out -> {
            for (int i = 0; i < 2500; i++) {
                out.emit(i, 1);
            }
            throw boom;
        })) {
            for (int i = 0; i < 2500; i++) {
                assertThat(r.next()).isEqualTo(i);
            }
            assertThatThrownBy(r::next).isSameAs(boom);
            assertThat(r.next()).isNull();
        }
        try (ReadAhead<Integer> r = new ReadAhead<>("test-reader", out -> {
            out.emit(1, 1);
            throw new StackOverflowError("deep");
        })) {
            assertThat(r.next()).isEqualTo(1);
            assertThatThrownBy(r::next).isInstanceOf(StackOverflowError.class).hasMessage("deep");
        }
    }

    @Test
    void closeStopsAReaderBlockedOnAFullQueueAndJoinsIt() throws InterruptedException {
        AtomicInteger emitted = new AtomicInteger();
        AtomicReference<Throwable> escaped = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        ReadAhead<Integer> r = new ReadAhead<>("test-reader", out -> {
            started.countDown();
            try {
                for (int i = 0; ; i++) {
                    out.emit(i, 1);
                    emitted.incrementAndGet();
                }
            } catch (RuntimeException e) {
                escaped.set(e);
                throw e;
            }
        });
        started.await();
        assertThat(r.next()).isEqualTo(0);
        r.close();
        assertThat(r.readerAlive()).isFalse();
        // bounded: the queue, the batch being filled and the one being handed over
        assertThat(emitted.get()).isLessThanOrEqualTo((ReadAhead.QUEUED_BATCHES + 2) * ReadAhead.BATCH_ITEMS);
        assertThat(escaped.get()).as("the reader was stopped by its emit").isNotNull();
        assertThat(r.next()).isNull();
        r.close(); // idempotent
    }

    @Test
    void closeBeforeReadingAnythingAndAReaderThatChecksStopped() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger checks = new AtomicInteger();
        ReadAhead<Integer> r = new ReadAhead<>("test-reader", out -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            while (!out.stopped()) {
                checks.incrementAndGet();
                Thread.onSpinWait();
            }
        });
        Thread closer = new Thread(r::close);
        closer.start();
        release.countDown();
        try {
            closer.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(r.readerAlive()).isFalse();
    }

    @Test
    void batchesAreBoundedByInputBytesToo() throws InterruptedException {
        // items of 1 MiB each: every item is a batch of its own, so at most a few are read ahead
        AtomicInteger emitted = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        ReadAhead<Integer> r = new ReadAhead<>("test-reader", out -> {
            for (int i = 0; i < 1000; i++) {
                out.emit(i, ReadAhead.BATCH_BYTES);
                emitted.incrementAndGet();
                first.countDown();
            }
        });
        first.await();
        assertThat(r.next()).isEqualTo(0);
        r.close();
        assertThat(emitted.get()).isLessThanOrEqualTo(ReadAhead.QUEUED_BATCHES + 3);
    }

    @Test
    void anInterruptedConsumerGetsACancellationAndTheReaderStillStops() {
        CountDownLatch never = new CountDownLatch(1);
        ReadAhead<Integer> r = new ReadAhead<>("test-reader", out -> {
            while (!out.stopped()) {
                try {
                    never.await(1, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Thread.currentThread().interrupt();
        assertThatThrownBy(r::next).isInstanceOf(SqlException.class)
                .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo("57014"));
        assertThat(Thread.interrupted()).isTrue();
        r.close();
        assertThat(r.readerAlive()).isFalse();
    }

    @Test
    void flushHandsOverAPartialBatch() {
        CountDownLatch received = new CountDownLatch(1);
        AtomicReference<Boolean> handedOver = new AtomicReference<>();
        try (ReadAhead<Integer> r = new ReadAhead<>("test-reader", out -> {
            out.emit(1, 1);
            out.flush();
            try {
                // the consumer can only count down if the one-item batch reached it
                handedOver.set(received.await(60, java.util.concurrent.TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            out.emit(2, 1);
        })) {
            assertThat(r.next()).isEqualTo(1);
            received.countDown();
            assertThat(r.next()).isEqualTo(2);
            assertThat(r.next()).isNull();
        }
        assertThat(handedOver.get()).isTrue();
    }
}
