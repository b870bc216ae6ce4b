package dev.lodedb.storage.lsm;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reference count that starts at one (the owner's reference) and can no longer be retained once
 * it has dropped to zero, so that an object found through a shared field is either safely retained
 * or known to be retired (then the caller looks again). Thread-safe.
 */
final class RefCount {
    private final AtomicInteger refs = new AtomicInteger(1);

    /** @return whether a reference was taken (false once the count reached zero) */
    boolean tryRetain() {
        for (;;) {
            int r = refs.get();
            if (r == 0) {
                return false;
            }
            if (refs.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    /** @return whether this released the last reference */
    boolean release() {
        return refs.decrementAndGet() == 0;
    }
}
