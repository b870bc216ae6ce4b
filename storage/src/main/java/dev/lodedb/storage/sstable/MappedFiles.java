package dev.lodedb.storage.sstable;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.MappedByteBuffer;

/**
 * Releases memory mappings deterministically. The JDK unmaps a {@link MappedByteBuffer} only when
 * the buffer is garbage collected, which keeps deleted table files occupying disk space and
 * address space for an unbounded time. Like Lucene's {@code MMapDirectory}, LodeDB unmaps
 * explicitly through {@code sun.misc.Unsafe.invokeCleaner} (module {@code jdk.unsupported}),
 * and only once the table's reference count guarantees no reader can touch the buffer again:
 * an access after unmapping would crash the JVM rather than throw.
 *
 * <p>When {@code invokeCleaner} is unavailable, {@link #unmap} does nothing and the mapping is
 * released by the garbage collector. Thread-safe.
 */
final class MappedFiles {
    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method m = null;
        try {
            Class<?> c = Class.forName("sun.misc.Unsafe");
            Field f = c.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            unsafe = f.get(null);
            m = c.getMethod("invokeCleaner", java.nio.ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unsafe = null;
            m = null;
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = m;
    }

    private MappedFiles() {
    }

    /** @return whether explicit unmapping is available on this JVM */
    static boolean canUnmap() {
        return INVOKE_CLEANER != null;
    }

    /** Unmaps {@code buffer}; the caller guarantees nobody uses it afterwards. */
    static void unmap(MappedByteBuffer buffer) {
        if (INVOKE_CLEANER == null || buffer == null) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, buffer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // leave it to the garbage collector
        }
    }
}
