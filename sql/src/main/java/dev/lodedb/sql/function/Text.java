package dev.lodedb.sql.function;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;

/**
 * Character-level helpers for the string functions: PostgreSQL counts characters (code points),
 * Java strings count UTF-16 units, so positions are converted here. Each helper has a fast path
 * for strings without surrogate pairs. Stateless and thread-safe.
 */
final class Text {
    private Text() {
    }

    /** @return whether {@code s} contains a surrogate (a character outside the BMP) */
    static boolean hasSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** @return the number of characters (code points) of {@code s} */
    static int length(String s) {
        return hasSurrogates(s) ? s.codePointCount(0, s.length()) : s.length();
    }

    /**
     * @param from 0-based first character, clamped to [0, length]
     * @param to 0-based end character (exclusive), clamped to [from, length]
     * @return the characters {@code [from, to)} of {@code s}
     */
    static String sub(String s, long from, long to) {
        int len = length(s);
        int f = (int) Math.max(0, Math.min(len, from));
        int t = (int) Math.max(f, Math.min(len, to));
        if (len == s.length()) {
            return s.substring(f, t);
        }
        int a = s.offsetByCodePoints(0, f);
        int b = s.offsetByCodePoints(a, t - f);
        return s.substring(a, b);
    }

    /** @return the code points of {@code s} */
    static int[] codePoints(String s) {
        return s.codePoints().toArray();
    }

    /** @return the string of the given code points */
    static String of(int[] cps, int from, int to) {
        return new String(cps, from, to - from);
    }

    /**
     * @return the text output of a value of any type (its type's output function, as {@code
     *     concat} and {@code text || anynonarray} use it): {@code t}/{@code f} for booleans
     */
    static String out(DataType type, Object v) {
        return Values.format(type, v);
    }

    /**
     * @return the value cast to text ({@code v::text}): the output function, except {@code
     *     true}/{@code false} for booleans and no padding for {@code character(n)}
     */
    static String castToText(DataType type, Object v) {
        return (String) Values.cast(v, type, DataType.TEXT);
    }

    /** @return whether values of {@code t} are strings already */
    static boolean isString(DataType t) {
        return t.id().isString() || t.id() == TypeId.UNKNOWN;
    }
}
