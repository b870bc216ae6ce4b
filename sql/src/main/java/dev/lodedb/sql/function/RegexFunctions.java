package dev.lodedb.sql.function;

import static dev.lodedb.engine.types.TypeId.BOOLEAN;
import static dev.lodedb.engine.types.TypeId.INTEGER;
import static dev.lodedb.engine.types.TypeId.TEXT;

import dev.lodedb.engine.SqlException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pattern matching (PostgreSQL documentation section 9.7; {@code like.c}, {@code regexp.c}):
 *
 * <ul>
 *   <li>{@code like(text, pattern[, escape])} and {@code ilike} (what the binder makes of {@code
 *       x [I]LIKE p [ESCAPE e]}), also as the operators {@code ~~ ~~* !~~ !~~*}: {@link
 *       LikeMatcher}, no regular expressions; ILIKE lower-cases both sides first as PostgreSQL
 *       does;</li>
 *   <li>{@code similar_to(text, pattern[, escape])} ({@code SIMILAR TO}): translated to a Java
 *       regex matched against the whole string;</li>
 *   <li>{@code ~ ~* !~ !~*}, {@code regexp_like(text, re[, flags])}, {@code regexp_replace(text,
 *       re, replacement[, flags])} (flags {@code g} all matches, {@code i} case-insensitive, the
 *       others of {@link RegexTranslator#flags}; the replacement may use {@code \1}..{@code \9}
 *       and {@code \&}), {@code regexp_match(text, re[, flags])}, {@code regexp_count(text,
 *       re[, start[, flags]])}, {@code regexp_substr(text, re)}, {@code substring(text, re)}
 *       (the first parenthesized group if any, else the match) and {@code substring(text,
 *       similar, escape)} (the part between {@code #"} markers);</li>
 * </ul>
 *
 * <p>{@code regexp_match} returns {@code text[]} in PostgreSQL; LodeDB has no arrays yet, so it
 * returns the array's PostgreSQL text form as text ({@code {bar,beque}}, elements quoted as
 * {@code array_out} does, unmatched groups as {@code NULL}). Invalid regular expressions raise
 * 2201B, unknown flags 22023. See {@link RegexTranslator} for the dialect differences. Stateless
 * and thread-safe.
 */
final class RegexFunctions {
    private RegexFunctions() {
    }

    private static String s(Object o) {
        return (String) o;
    }

    private static final RegexTranslator.Flags NONE = RegexTranslator.flags("");
    private static final RegexTranslator.Flags ICASE = RegexTranslator.flags("i");

    static boolean like(String text, String pattern, int escape) {
        return LikeMatcher.like(text, pattern, escape);
    }

    static boolean ilike(String text, String pattern, int escape) {
        return LikeMatcher.like(StringFunctions.mapCase(text, false),
                StringFunctions.mapCase(pattern, false), escape);
    }

    static void register(Registrar r) {
        r.f2("like", BOOLEAN, TEXT, TEXT, (a, b) -> like(s(a), s(b), '\\'));
        r.f3("like", BOOLEAN, TEXT, TEXT, TEXT,
                (a, b, c) -> like(s(a), s(b), LikeMatcher.escapeChar(s(c))));
        r.f2("ilike", BOOLEAN, TEXT, TEXT, (a, b) -> ilike(s(a), s(b), '\\'));
        r.f3("ilike", BOOLEAN, TEXT, TEXT, TEXT,
                (a, b, c) -> ilike(s(a), s(b), LikeMatcher.escapeChar(s(c))));
        r.infix("~~", TEXT, TEXT, BOOLEAN, (a, b) -> like(s(a), s(b), '\\'));
        r.infix("!~~", TEXT, TEXT, BOOLEAN, (a, b) -> !like(s(a), s(b), '\\'));
        r.infix("~~*", TEXT, TEXT, BOOLEAN, (a, b) -> ilike(s(a), s(b), '\\'));
        r.infix("!~~*", TEXT, TEXT, BOOLEAN, (a, b) -> !ilike(s(a), s(b), '\\'));
        r.f2("similar_to", BOOLEAN, TEXT, TEXT,
                (a, b) -> RegexTranslator.compileSimilar(s(b), '\\').matcher(s(a)).matches());
        r.f3("similar_to", BOOLEAN, TEXT, TEXT, TEXT, (a, b, c) -> RegexTranslator.compileSimilar(
                s(b), LikeMatcher.escapeChar(s(c))).matcher(s(a)).matches());
        r.infix("~", TEXT, TEXT, BOOLEAN, (a, b) -> find(s(a), s(b), NONE));
        r.infix("!~", TEXT, TEXT, BOOLEAN, (a, b) -> !find(s(a), s(b), NONE));
        r.infix("~*", TEXT, TEXT, BOOLEAN, (a, b) -> find(s(a), s(b), ICASE));
        r.infix("!~*", TEXT, TEXT, BOOLEAN, (a, b) -> !find(s(a), s(b), ICASE));
        r.f2("regexp_like", BOOLEAN, TEXT, TEXT, (a, b) -> find(s(a), s(b), NONE));
        r.f3("regexp_like", BOOLEAN, TEXT, TEXT, TEXT,
                (a, b, c) -> find(s(a), s(b), noGlobal(s(c), "regexp_like()")));
        r.f3("regexp_replace", TEXT, TEXT, TEXT, TEXT, (a, b, c) -> replace(s(a), s(b), s(c), NONE));
        r.fn("regexp_replace", TEXT, true, false, false, (c, a) ->
                replace(s(a[0]), s(a[1]), s(a[2]), RegexTranslator.flags(s(a[3]))),
                TEXT, TEXT, TEXT, TEXT);
        r.f2("regexp_match", TEXT, TEXT, TEXT, (a, b) -> match(s(a), s(b), NONE));
        r.f3("regexp_match", TEXT, TEXT, TEXT, TEXT,
                (a, b, c) -> match(s(a), s(b), noGlobal(s(c), "regexp_match()")));
        r.f2("regexp_count", INTEGER, TEXT, TEXT, (a, b) -> count(s(a), s(b), 1, NONE));
        r.f3("regexp_count", INTEGER, TEXT, TEXT, INTEGER,
                (a, b, c) -> count(s(a), s(b), (Integer) c, NONE));
        r.fn("regexp_count", INTEGER, true, false, false, (c, a) -> count(s(a[0]), s(a[1]),
                (Integer) a[2], noGlobal(s(a[3]), "regexp_count()")), TEXT, TEXT, INTEGER, TEXT);
        r.f2("regexp_substr", TEXT, TEXT, TEXT, (a, b) -> {
            Matcher m = RegexTranslator.compile(s(b), NONE).matcher(s(a));
            return m.find() ? m.group() : null;
        });
        r.f2("substring", TEXT, TEXT, TEXT, (a, b) -> {
            Matcher m = RegexTranslator.compile(s(b), NONE).matcher(s(a));
            if (!m.find()) {
                return null;
            }
            return m.groupCount() > 0 ? m.group(1) : m.group();
        });
        r.f3("substring", TEXT, TEXT, TEXT, TEXT,
                (a, b, c) -> similarSubstring(s(a), s(b), LikeMatcher.escapeChar(s(c))));
    }

    private static RegexTranslator.Flags noGlobal(String flags, String function) {
        RegexTranslator.Flags f = RegexTranslator.flags(flags);
        if (f.global()) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE,
                    function.replace("()", "") + "() does not support the \"global\" option",
                    null, "Use the regexp_matches function instead.", 0, null);
        }
        return f;
    }

    static boolean find(String text, String re, RegexTranslator.Flags flags) {
        return RegexTranslator.compile(re, flags).matcher(text).find();
    }

    /** {@code regexp_replace}: the first match, or all with {@code g}. */
    static String replace(String text, String re, String replacement,
                          RegexTranslator.Flags flags) {
        Matcher m = RegexTranslator.compile(re, flags).matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        int last = 0;
        do {
            sb.append(text, last, m.start());
            appendReplacement(sb, m, replacement);
            last = m.end();
        } while (flags.global() && m.find());
        sb.append(text, last, text.length());
        return sb.toString();
    }

    /** PostgreSQL's {@code appendStringInfoRegexpSubstr}: {@code \n} groups, {@code \&} match. */
    private static void appendReplacement(StringBuilder sb, Matcher m, String rep) {
        for (int i = 0; i < rep.length(); i++) {
            char c = rep.charAt(i);
            if (c == '\\' && i + 1 < rep.length()) {
                char d = rep.charAt(i + 1);
                if (d >= '1' && d <= '9') {
                    int g = d - '0';
                    if (g <= m.groupCount() && m.group(g) != null) {
                        sb.append(m.group(g));
                    }
                    i++;
                    continue;
                }
                if (d == '&') {
                    sb.append(m.group());
                    i++;
                    continue;
                }
                if (d == '\\') {
                    sb.append('\\');
                    i++;
                    continue;
                }
            }
            sb.append(c);
        }
    }

    /** {@code regexp_match} as the text form of its {@code text[]} result, or null. */
    static String match(String text, String re, RegexTranslator.Flags flags) {
        Matcher m = RegexTranslator.compile(re, flags).matcher(text);
        if (!m.find()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("{");
        if (m.groupCount() == 0) {
            ArrayText.appendElement(sb, m.group());
        } else {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (g > 1) {
                    sb.append(',');
                }
                ArrayText.appendElement(sb, m.group(g));
            }
        }
        return sb.append('}').toString();
    }

    static int count(String text, String re, int start, RegexTranslator.Flags flags) {
        if (start <= 0) {
            throw Errors.invalidParameter("invalid value for parameter \"start\": " + start);
        }
        String t = Text.sub(text, start - 1L, Long.MAX_VALUE);
        Matcher m = RegexTranslator.compile(re, flags).matcher(t);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** {@code substring(text similar pattern escape e)}: the part between the escape-quote marks. */
    static String similarSubstring(String text, String pattern, int escape) {
        if (escape < 0) {
            return RegexTranslator.compileSimilar(pattern, escape).matcher(text).matches()
                    ? text : null;
        }
        String marker = new String(Character.toChars(escape)) + "\"";
        int first = pattern.indexOf(marker);
        int second = first < 0 ? -1 : pattern.indexOf(marker, first + marker.length());
        if (first < 0 || second < 0) {
            return RegexTranslator.compileSimilar(pattern, escape).matcher(text).matches()
                    ? text : null;
        }
        String regex = "(?:" + RegexTranslator.similarToJava(pattern.substring(0, first), escape)
                + ")(" + RegexTranslator.similarToJava(pattern.substring(first + 2, second), escape)
                + ")(?:" + RegexTranslator.similarToJava(pattern.substring(second + 2), escape)
                + ")";
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
        return m.matches() ? m.group(1) : null;
    }
}
