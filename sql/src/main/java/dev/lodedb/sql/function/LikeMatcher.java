package dev.lodedb.sql.function;

import dev.lodedb.engine.SqlException;

/**
 * SQL {@code LIKE} matching without regular expressions: PostgreSQL's {@code MatchText} ({@code
 * src/backend/utils/adt/like_match.c}), a backtracking matcher where {@code %} matches any
 * sequence, {@code _} one character (code point), and the escape character (default backslash,
 * none if the escape string is empty) makes the next pattern character literal. Like PostgreSQL,
 * a pattern ending with the escape character is an error (22025) only when the matcher reaches
 * it. The "abort" result prunes the backtracking so that matching is O(text × pattern) at
 * worst. Nothing is compiled, so there is nothing to cache. Stateless and thread-safe.
 */
final class LikeMatcher {
    private static final int FALSE = 0;
    private static final int TRUE = 1;
    private static final int ABORT = -1;

    private LikeMatcher() {
    }

    /**
     * @param text the string
     * @param pattern the LIKE pattern
     * @param escape the escape character, or -1 for none
     * @return whether {@code text} matches {@code pattern} entirely
     * @throws SqlException 22025 if the pattern ends with the escape character
     */
    static boolean like(String text, String pattern, int escape) {
        if (pattern.equals("%")) {
            return true;
        }
        return match(text, 0, pattern, 0, escape) == TRUE;
    }

    /**
     * @param escapeString the {@code ESCAPE} clause's string
     * @return the escape character, -1 for the empty string
     * @throws SqlException 22025 {@code invalid escape string} if longer than one character
     */
    static int escapeChar(String escapeString) {
        if (escapeString.isEmpty()) {
            return -1;
        }
        if (escapeString.codePointCount(0, escapeString.length()) != 1) {
            throw new SqlException(Errors.INVALID_ESCAPE_SEQUENCE, "invalid escape string", null,
                    "Escape string must be empty or one character.", 0, null);
        }
        return escapeString.codePointAt(0);
    }

    private static SqlException endsWithEscape() {
        return new SqlException(Errors.INVALID_ESCAPE_SEQUENCE,
                "LIKE pattern must not end with escape character");
    }

    private static int next(String s, int i) {
        return i + Character.charCount(s.codePointAt(i));
    }

    private static int match(String t, int ti, String p, int pi, int escape) {
        int tl = t.length();
        int pl = p.length();
        while (ti < tl && pi < pl) {
            int pc = p.codePointAt(pi);
            if (pc == escape) {
                pi = next(p, pi);
                if (pi >= pl) {
                    throw endsWithEscape();
                }
                if (p.codePointAt(pi) != t.codePointAt(ti)) {
                    return FALSE;
                }
            } else if (pc == '%') {
                pi++;
                while (pi < pl) {
                    int c = p.codePointAt(pi);
                    if (c == '%') {
                        pi++;
                    } else if (c == '_') {
                        if (ti >= tl) {
                            return ABORT;
                        }
                        ti = next(t, ti);
                        pi++;
                    } else {
                        break;
                    }
                }
                if (pi >= pl) {
                    return TRUE;
                }
                int first = p.codePointAt(pi);
                if (first == escape) {
                    int e = next(p, pi);
                    if (e >= pl) {
                        throw endsWithEscape();
                    }
                    first = p.codePointAt(e);
                }
                while (ti < tl) {
                    if (t.codePointAt(ti) == first) {
                        int m = match(t, ti, p, pi, escape);
                        if (m != FALSE) {
                            return m;
                        }
                    }
                    ti = next(t, ti);
                }
                return ABORT;
            } else if (pc == '_') {
                ti = next(t, ti);
                pi++;
                continue;
            } else if (pc != t.codePointAt(ti)) {
                return FALSE;
            }
            ti = next(t, ti);
            pi = next(p, pi);
        }
        if (ti < tl) {
            return FALSE;
        }
        while (pi < pl && p.charAt(pi) == '%') {
            pi++;
        }
        return pi >= pl ? TRUE : ABORT;
    }
}
