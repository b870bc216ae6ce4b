package dev.lodedb.storage;

import dev.lodedb.storage.util.Bytes;
import java.util.Arrays;
import java.util.Random;

/**
 * The random keys, values, ranges and seek targets of a {@link ModelChecker} run, drawn from one
 * seeded {@link Random} and the current model, plus the renderings used in failure messages.
 *
 * <p>Keys are 1–4 bytes from a six-byte alphabet (0x00, 0x01, 'a', 0x7F, 0x80, 0xFF), so that
 * keys collide, ranges cover several keys and unsigned order matters; 0.5% are empty and 2% are
 * 5–40 bytes. Not thread-safe.
 */
final class ModelGenerator {
    /** The bytes keys are made of. */
    static final byte[] ALPHABET = {0x00, 0x01, 'a', 0x7F, (byte) 0x80, (byte) 0xFF};

    private final Random rnd;
    private final java.util.function.Supplier<StoreModel> model;

    /**
     * @param rnd the run's random source
     * @param model supplies the current model (existing keys are picked from it)
     */
    ModelGenerator(Random rnd, java.util.function.Supplier<StoreModel> model) {
        this.rnd = rnd;
        this.model = model;
    }

    /** @return a random key; with probability {@code existing} an existing one when there is any */
    byte[] randomKey(double existing) {
        if (model.get().size() > 0 && rnd.nextDouble() < existing) {
            byte[] k = model.get().ceilingKey(freshKey());
            return k != null ? k : model.get().firstKey();
        }
        return freshKey();
    }

    /** @return a key drawn without regard to the model */
    byte[] freshKey() {
        int r = rnd.nextInt(200);
        int len;
        if (r == 0) {
            len = 0;
        } else if (r < 5) {
            len = 5 + rnd.nextInt(36);
        } else {
            int l = rnd.nextInt(100);
            len = l < 20 ? 1 : l < 55 ? 2 : l < 85 ? 3 : 4;
        }
        byte[] k = new byte[len];
        for (int i = 0; i < len; i++) {
            k[i] = ALPHABET[rnd.nextInt(ALPHABET.length)];
        }
        return k;
    }

    /** @return a key near existing keys: one of them, or one extended or shortened by a byte */
    byte[] seekTarget() {
        byte[] k = randomKey(0.6);
        int r = rnd.nextInt(5);
        if (r == 0) {
            byte[] x = Arrays.copyOf(k, k.length + 1);
            x[k.length] = ALPHABET[rnd.nextInt(ALPHABET.length)];
            return x;
        }
        if (r == 1 && k.length > 0) {
            return Arrays.copyOf(k, k.length - 1);
        }
        return k;
    }

    /**
     * @return {start, end} with start <= end: mostly narrow ranges (start and end of 3–4 bytes
     *     that differ only in the last byte), sometimes empty (start == end), rarely wide (two
     *     random keys), so that the store does not drain
     */
    byte[][] randomRange() {
        byte[] a = randomKey(0.5);
        byte[] b;
        int r = rnd.nextInt(50);
        if (r < 5) {
            b = a.clone();
        } else if (r < 49) {
            int len = 3 + rnd.nextInt(2);
            if (a.length != len) {
                int old = a.length;
                a = Arrays.copyOf(a, len);
                for (int i = old; i < len; i++) {
                    a[i] = ALPHABET[rnd.nextInt(ALPHABET.length)];
                }
            }
            b = a.clone();
            b[len - 1] = ALPHABET[rnd.nextInt(ALPHABET.length)];
        } else {
            b = randomKey(0.3);
        }
        return Arrays.compareUnsigned(a, b) <= 0 ? new byte[][] {a, b} : new byte[][] {b, a};
    }

    /** @return 0–200 random bytes, or with {@code large} 1% of the time 10–12 KiB */
    byte[] randomValue(boolean large) {
        int len = large && rnd.nextInt(100) == 0 ? 10_240 + rnd.nextInt(2048) : rnd.nextInt(201);
        byte[] v = new byte[len];
        rnd.nextBytes(v);
        return v;
    }

    // ---------------------------------------------------------------- rendering

    /** @return a key rendered for messages (quoted, {@code \xNN} escapes, abbreviated) */
    static String show(byte[] k) {
        return k == null ? "null" : "'" + abbreviate(Bytes.toDisplay(k), 80) + "'";
    }

    /** @return a value rendered as length, first bytes and hash */
    static String showValue(byte[] v) {
        if (v == null) {
            return "<absent>";
        }
        String head = Bytes.toDisplay(v, 0, Math.min(v.length, 8));
        return "<" + v.length + " bytes " + head + (v.length > 8 ? "..." : "") + " #"
                + Integer.toHexString(Arrays.hashCode(v)) + ">";
    }

    /** @return {@code s}, cut to {@code max} characters */
    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
