package dev.lodedb.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link StoreIterator} part of the store contract: positioning, stepping in both directions,
 * bounds, snapshots and the view an iterator keeps while the store changes. Backends run it
 * through {@link KeyValueStoreContract}, which extends this class.
 */
public abstract class IteratorContract extends StoreContractSupport {

    /** Stores a, c, e, g, i with values A, C, E, G, I. */
    private KeyValueStore fiveKeys() {
        KeyValueStore s = open();
        putAll(s, "a", "A", "c", "C", "e", "E", "g", "G", "i", "I");
        return s;
    }

    /** Forward and backward scans see every key in order. */
    @Test
    void fullScansInBothDirections() {
        KeyValueStore s = fiveKeys();
        assertEquals(list("a", "c", "e", "g", "i"), keys(s));
        assertEquals(list("i", "g", "e", "c", "a"), keysBackward(s, ReadOptions.DEFAULT));
        assertEquals(list("a=A", "c=C", "e=E", "g=G", "i=I"), entries(s, ReadOptions.DEFAULT));
    }

    /** An empty store yields an invalid iterator for every positioning call. */
    @Test
    void emptyStoreIteratorIsInvalid() {
        KeyValueStore s = open();
        try (StoreIterator it = s.newIterator()) {
            it.seekToFirst();
            assertInvalid(it);
            it.seekToLast();
            assertInvalid(it);
            it.seek(b("x"));
            assertInvalid(it);
            it.seekForPrev(b("x"));
            assertInvalid(it);
        }
    }

    /** seek lands on the first key at or after the target; seekForPrev on the last at or before. */
    @Test
    void seekAndSeekForPrev() {
        KeyValueStore s = fiveKeys();
        try (StoreIterator it = s.newIterator()) {
            it.seek(b("c"));
            assertAt(it, "c", "C");
            it.seek(b("d"));
            assertAt(it, "e", "E");
            it.seek(b(""));
            assertAt(it, "a", "A");
            it.seek(b("j"));
            assertInvalid(it);
            it.seekForPrev(b("e"));
            assertAt(it, "e", "E");
            it.seekForPrev(b("f"));
            assertAt(it, "e", "E");
            it.seekForPrev(b("zzz"));
            assertAt(it, "i", "I");
            it.seekForPrev(b("0"));
            assertInvalid(it);
            it.seekForPrev(b(""));
            assertInvalid(it);
        }
    }

    /** next and prev may be mixed freely, also right after a seek in the other direction. */
    @Test
    void directionSwitches() {
        KeyValueStore s = fiveKeys();
        try (StoreIterator it = s.newIterator()) {
            it.seek(b("d"));
            assertAt(it, "e", "E");
            it.prev();
            assertAt(it, "c", "C");
            it.next();
            assertAt(it, "e", "E");
            it.next();
            assertAt(it, "g", "G");
            it.prev();
            it.prev();
            assertAt(it, "c", "C");
            it.seekForPrev(b("f"));
            assertAt(it, "e", "E");
            it.next();
            assertAt(it, "g", "G");
            it.seekToLast();
            assertAt(it, "i", "I");
            it.next();
            assertInvalid(it);
            it.seekToFirst();
            it.prev();
            assertInvalid(it);
            it.seekToFirst();
            assertAt(it, "a", "A");
        }
    }

    /** Direction switches skip deleted and overwritten keys (versions hidden from the view). */
    @Test
    void directionSwitchesOverDeletedAndOverwrittenKeys() {
        KeyValueStore s = fiveKeys();
        s.flush();
        s.put(b("c"), b("C2"));
        s.delete(b("e"));
        s.put(b("g"), b("G2"));
        s.deleteRange(b("h"), b("j"));
        try (StoreIterator it = s.newIterator()) {
            it.seek(b("d"));
            assertAt(it, "g", "G2");
            it.prev();
            assertAt(it, "c", "C2");
            it.next();
            assertAt(it, "g", "G2");
            it.next();
            assertInvalid(it);
            it.seekToLast();
            assertAt(it, "g", "G2");
            it.prev();
            assertAt(it, "c", "C2");
            it.prev();
            assertAt(it, "a", "A");
        }
    }

    /** key() and value() on an invalid iterator throw IllegalStateException. */
    @Test
    void keyOfInvalidIteratorThrows() {
        KeyValueStore s = fiveKeys();
        try (StoreIterator it = s.newIterator()) {
            it.seek(b("z"));
            assertInvalid(it);
            assertThrows(IllegalStateException.class, it::key);
            assertThrows(IllegalStateException.class, it::value);
        }
    }

    /** A lower bound alone is inclusive and clamps seekToFirst, seek and backward steps. */
    @Test
    void lowerBoundOnly() {
        KeyValueStore s = fiveKeys();
        ReadOptions ro = ReadOptions.DEFAULT.withBounds(b("c"), null);
        assertEquals(list("c", "e", "g", "i"), keys(s, ro));
        assertEquals(list("i", "g", "e", "c"), keysBackward(s, ro));
        assertEquals(list("e", "g", "i"), keys(s, ReadOptions.DEFAULT.withBounds(b("d"), null)));
        try (StoreIterator it = s.newIterator(ro)) {
            it.seek(b("a"));
            assertAt(it, "c", "C");
            it.prev();
            assertInvalid(it);
            it.seekForPrev(b("b"));
            assertInvalid(it);
            it.seekForPrev(b("d"));
            assertAt(it, "c", "C");
        }
    }

    /** An upper bound alone is exclusive and clamps seekToLast, seekForPrev and forward steps. */
    @Test
    void upperBoundOnly() {
        KeyValueStore s = fiveKeys();
        ReadOptions ro = ReadOptions.DEFAULT.withBounds(null, b("g"));
        assertEquals(list("a", "c", "e"), keys(s, ro));
        assertEquals(list("e", "c", "a"), keysBackward(s, ro));
        assertEquals(list("a", "c", "e", "g"), keys(s, ReadOptions.DEFAULT.withBounds(null, b("h"))));
        try (StoreIterator it = s.newIterator(ro)) {
            it.seekToLast();
            assertAt(it, "e", "E");
            it.next();
            assertInvalid(it);
            it.seekForPrev(b("z"));
            assertAt(it, "e", "E");
            it.seekForPrev(b("g"));
            assertAt(it, "e", "E");
            it.seek(b("f"));
            assertInvalid(it);
            it.seek(b("g"));
            assertInvalid(it);
        }
    }

    /** Both bounds together; seeks outside them land inside or nowhere. */
    @Test
    void bothBounds() {
        KeyValueStore s = fiveKeys();
        ReadOptions ro = ReadOptions.DEFAULT.withBounds(b("b"), b("h"));
        assertEquals(list("c", "e", "g"), keys(s, ro));
        assertEquals(list("g", "e", "c"), keysBackward(s, ro));
        try (StoreIterator it = s.newIterator(ro)) {
            it.seek(b("a"));
            assertAt(it, "c", "C");
            it.seekForPrev(b("z"));
            assertAt(it, "g", "G");
            it.next();
            assertInvalid(it);
            it.seekToLast();
            it.prev();
            it.prev();
            assertAt(it, "c", "C");
            it.prev();
            assertInvalid(it);
        }
        ReadOptions exact = ReadOptions.DEFAULT.withBounds(b("c"), b("e"));
        assertEquals(list("c"), keys(s, exact));
        assertEquals(list("c"), keysBackward(s, exact));
    }

    /** Bounds that admit no key: equal bounds, a range between keys, and lower above upper. */
    @Test
    void emptyBounds() {
        KeyValueStore s = fiveKeys();
        for (ReadOptions ro : List.of(ReadOptions.DEFAULT.withBounds(b("c"), b("c")),
                ReadOptions.DEFAULT.withBounds(b("c1"), b("d")),
                ReadOptions.DEFAULT.withBounds(b("x"), b("z")),
                ReadOptions.DEFAULT.withBounds(b("e"), b("c")))) {
            assertEquals(List.of(), keys(s, ro));
            assertEquals(List.of(), keysBackward(s, ro));
            try (StoreIterator it = s.newIterator(ro)) {
                it.seek(b("c"));
                assertInvalid(it);
                it.seekForPrev(b("e"));
                assertInvalid(it);
            }
        }
    }

    /** seekToLast with an upper bound equal to an existing key stops before that key. */
    @Test
    void seekToLastWithUpperBound() {
        KeyValueStore s = fiveKeys();
        s.flush();
        putAll(s, "f", "F");
        try (StoreIterator it = s.newIterator(ReadOptions.DEFAULT.withBounds(null, b("g")))) {
            it.seekToLast();
            assertAt(it, "f", "F");
            it.prev();
            assertAt(it, "e", "E");
        }
        try (StoreIterator it = s.newIterator(ReadOptions.DEFAULT.withBounds(null, b("a")))) {
            it.seekToLast();
            assertInvalid(it);
        }
        try (StoreIterator it = s.newIterator(ReadOptions.DEFAULT.withBounds(null, b("a\0")))) {
            it.seekToLast();
            assertAt(it, "a", "A");
        }
    }

    /** An iterator keeps the state of its creation: later puts, deletes and flushes are unseen. */
    @Test
    void iteratorSeesItsStartState() {
        KeyValueStore s = fiveKeys();
        try (StoreIterator it = s.newIterator()) {
            s.put(b("b"), b("B"));
            s.delete(b("c"));
            s.put(b("e"), b("E2"));
            s.deleteRange(b("g"), b("z"));
            s.flush();
            s.compactRange(null, null);
            List<String> seen = new ArrayList<>();
            for (it.seekToFirst(); it.isValid(); it.next()) {
                seen.add(show(it.key()) + "=" + show(it.value()));
            }
            assertEquals(list("a=A", "c=C", "e=E", "g=G", "i=I"), seen);
            it.seekForPrev(b("h"));
            assertAt(it, "g", "G");
        }
        assertEquals(list("a=A", "b=B", "e=E2"), entries(s, ReadOptions.DEFAULT));
    }

    /** An iterator at a snapshot sees the snapshot's state, with bounds applied. */
    @Test
    void iteratorAtSnapshot() {
        KeyValueStore s = fiveKeys();
        try (Snapshot snap = s.getSnapshot()) {
            s.delete(b("a"));
            s.put(b("d"), b("D"));
            s.deleteRange(b("e"), b("h"));
            s.flush();
            ReadOptions at = ReadOptions.at(snap);
            assertEquals(list("a", "c", "e", "g", "i"), keys(s, at));
            assertEquals(list("i", "g", "e", "c", "a"), keysBackward(s, at));
            assertEquals(list("c", "e"), keys(s, at.withBounds(b("b"), b("f"))));
            assertEquals(list("c", "d", "i"), keys(s));
        }
    }

    /** Unsigned byte order: 0x00 sorts first, 0x80 after 0x7F, 0xFF last; prefixes first. */
    @Test
    void unsignedOrderInScansAndSeeks() {
        KeyValueStore s = open();
        List<byte[]> sorted = List.of(bytes(), bytes(0x00), bytes(0x00, 0x00), bytes(0x00, 0xFF),
                bytes(0x01), bytes(0x7F), bytes(0x7F, 0xFF, 0xFF), bytes(0x80), bytes(0x80, 0x00),
                bytes(0xFE), bytes(0xFF), bytes(0xFF, 0x00), bytes(0xFF, 0xFF));
        List<byte[]> shuffled = new ArrayList<>(sorted);
        Collections.shuffle(shuffled, new java.util.Random(7));
        for (byte[] k : shuffled) {
            s.put(k, k);
        }
        List<String> expected = sorted.stream().map(StoreContractSupport::show).toList();
        assertEquals(expected, keys(s));
        s.flush();
        assertEquals(expected, keys(s));
        List<String> reversed = new ArrayList<>(expected);
        Collections.reverse(reversed);
        assertEquals(reversed, keysBackward(s, ReadOptions.DEFAULT));
        try (StoreIterator it = s.newIterator()) {
            it.seek(bytes(0x7F, 0xFF, 0xFF, 0x00));
            assertAt(it, bytes(0x80), bytes(0x80));
            it.seekForPrev(bytes(0x80));
            assertAt(it, bytes(0x80), bytes(0x80));
            it.prev();
            assertAt(it, bytes(0x7F, 0xFF, 0xFF), null);
            it.seekForPrev(bytes(0x00));
            assertAt(it, bytes(0x00), null);
            it.prev();
            assertAt(it, bytes(), bytes());
        }
        assertEquals(List.of(show(bytes(0x7F)), show(bytes(0x7F, 0xFF, 0xFF))),
                keys(s, ReadOptions.DEFAULT.withBounds(bytes(0x7F), bytes(0x80))));
    }

    /** Arrays handed in or out are not shared with the store. */
    @Test
    void arraysAreNotShared() {
        KeyValueStore s = open();
        byte[] k = b("key");
        byte[] v = b("value");
        s.put(k, v);
        k[0] = 'X';
        v[0] = 'X';
        assertGet(s, "key", "value");
        try (StoreIterator it = s.newIterator()) {
            it.seekToFirst();
            it.key()[0] = 'Y';
            it.value()[0] = 'Y';
            assertAt(it, "key", "value");
        }
        s.get(b("key"))[0] = 'Z';
        assertGet(s, "key", "value");
    }

    /** Many keys across memtable and table files iterate in order in both directions. */
    @Test
    void manyKeysAcrossFlushes() {
        KeyValueStore s = open();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            String k = String.format("k%06d", i);
            expected.add(k);
        }
        List<String> order = new ArrayList<>(expected);
        Collections.shuffle(order, new java.util.Random(1));
        for (int i = 0; i < order.size(); i++) {
            s.put(b(order.get(i)), b("v" + order.get(i)));
            if (i % 2000 == 1999) {
                s.flush();
            }
        }
        assertEquals(expected, keys(s));
        List<String> backward = new ArrayList<>(expected);
        Collections.reverse(backward);
        assertEquals(backward, keysBackward(s, ReadOptions.DEFAULT));
        try (StoreIterator it = s.newIterator(ReadOptions.DEFAULT.withBounds(b("k001000"), b("k001010")))) {
            int n = 0;
            for (it.seekToLast(); it.isValid(); it.prev()) {
                assertEquals(String.format("k%06d", 1009 - n), show(it.key()));
                n++;
            }
            assertEquals(10, n);
        }
    }
}
