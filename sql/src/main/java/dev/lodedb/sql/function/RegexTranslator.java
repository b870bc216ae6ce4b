package dev.lodedb.sql.function;

import dev.lodedb.engine.SqlException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Maps PostgreSQL's POSIX regular expressions (its "advanced regular expressions", documentation
 * section 9.7.3) and SQL {@code SIMILAR TO} patterns (9.7.2) onto {@link java.util.regex}, and
 * caches the compiled patterns.
 *
 * <p>Translation of AREs: {@code .} also matches newlines and {@code ^}/{@code $} anchor only
 * at the ends of the string (PostgreSQL's default), unless the {@code n} flag asks for
 * newline-sensitive matching; bracket classes {@code [[:alpha:]]} etc. become {@code \p{Alpha}};
 * {@code \m}, {@code \M}, {@code \y}, {@code \Y} become word-boundary assertions and {@code \Z}
 * the end of the string. Known differences that remain: Java's regex engine is backtracking
 * (PostgreSQL's is a hybrid DFA/NFA, so its leftmost-longest rules for alternations without
 * quantifier preference differ in rare cases), collating elements {@code [.x.]} and equivalence
 * classes {@code [=x=]} are not supported, the basic ({@code b}) and extended ({@code e})
 * flavours are treated as AREs, and error messages are Java's descriptions.
 *
 * <p>Compiled patterns are cached by pattern text and flags in a concurrent map of at most 512
 * entries (cleared when full), so a pattern is compiled once per distinct string in the steady
 * state. Thread-safe.
 */
final class RegexTranslator {
    private static final int CACHE_LIMIT = 512;
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    /** Parsed regexp flags. */
    record Flags(int javaFlags, boolean global, boolean newlineSensitive) {
    }

    private RegexTranslator() {
    }

    /**
     * @param flags PostgreSQL's regexp flag letters ({@code g i c n m s p w x b e q} are known)
     * @throws SqlException 22023 {@code invalid regular expression option: "z"}
     */
    static Flags flags(String flags) {
        int f = 0;
        boolean global = false;
        boolean nl = false;
        for (int i = 0; i < flags.length(); i++) {
            char c = flags.charAt(i);
            switch (c) {
                case 'g' -> global = true;
                case 'i' -> f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'c' -> f &= ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                case 'n', 'm', 'w' -> nl = true;
                case 's' -> nl = false;
                case 'p' -> nl = true;
                case 'x' -> f |= Pattern.COMMENTS;
                case 'q' -> f |= Pattern.LITERAL;
                case 'b', 'e' -> { }
                default -> throw Errors.invalidParameter(
                        "invalid regular expression option: \"" + c + "\"");
            }
        }
        return new Flags(f, global, nl);
    }

    /** @return the compiled ARE with the given flags, from the cache when possible */
    static Pattern compile(String pattern, Flags flags) {
        String key = flags.javaFlags() + (flags.newlineSensitive() ? "n" : "s") + "/" + pattern;
        Pattern p = CACHE.get(key);
        if (p == null) {
            p = compileUncached((flags.javaFlags() & Pattern.LITERAL) != 0 ? pattern
                    : translate(pattern, flags.newlineSensitive()), flags.javaFlags()
                    | Pattern.UNIX_LINES | (flags.newlineSensitive() ? Pattern.MULTILINE
                    : Pattern.DOTALL));
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.put(key, p);
        }
        return p;
    }

    /** @return the compiled SIMILAR TO pattern (matched with {@code matches()}), cached */
    static Pattern compileSimilar(String pattern, int escape) {
        String key = "similar" + escape + "/" + pattern;
        Pattern p = CACHE.get(key);
        if (p == null) {
            p = compileUncached(similarToJava(pattern, escape), Pattern.DOTALL);
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.put(key, p);
        }
        return p;
    }

    private static Pattern compileUncached(String regex, int flags) {
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw new SqlException(Errors.INVALID_REGULAR_EXPRESSION,
                    "invalid regular expression: " + e.getDescription());
        }
    }

    private static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("alpha", "\\p{IsAlphabetic}"), Map.entry("digit", "\\p{IsDigit}"),
            Map.entry("alnum", "\\p{IsAlphabetic}\\p{IsDigit}"),
            Map.entry("upper", "\\p{IsUppercase}"), Map.entry("lower", "\\p{IsLowercase}"),
            Map.entry("space", "\\p{IsWhite_Space}"), Map.entry("blank", "\\p{Blank}"),
            Map.entry("punct", "\\p{IsPunctuation}"), Map.entry("cntrl", "\\p{Cntrl}"),
            Map.entry("xdigit", "\\p{XDigit}"), Map.entry("print", "\\P{Cntrl}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("word", "\\w"));

    /** Translates an ARE to Java syntax (see the class comment). */
    static String translate(String re, boolean newlineSensitive) {
        StringBuilder sb = new StringBuilder(re.length() + 8);
        int n = re.length();
        int i = 0;
        while (i < n) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char d = re.charAt(i + 1);
                switch (d) {
                    case 'm' -> sb.append("\\b(?=\\w)");
                    case 'M' -> sb.append("\\b(?<=\\w)");
                    case 'y' -> sb.append("\\b");
                    case 'Y' -> sb.append("\\B");
                    case 'Z' -> sb.append("\\z");
                    default -> sb.append(c).append(d);
                }
                i += 2;
            } else if (c == '[') {
                i = bracket(re, i, sb);
            } else if (c == '$' && !newlineSensitive) {
                sb.append("\\z");
                i++;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    /** Copies a bracket expression starting at {@code i}, translating {@code [:class:]}. */
    private static int bracket(String re, int i, StringBuilder sb) {
        int n = re.length();
        sb.append('[');
        i++;
        if (i < n && re.charAt(i) == '^') {
            sb.append('^');
            i++;
        }
        if (i < n && re.charAt(i) == ']') {
            sb.append("\\]");
            i++;
        }
        while (i < n && re.charAt(i) != ']') {
            char c = re.charAt(i);
            if (c == '[' && i + 1 < n && re.charAt(i + 1) == ':') {
                int end = re.indexOf(":]", i + 2);
                if (end > 0) {
                    String name = re.substring(i + 2, end);
                    String cls = CLASSES.get(name);
                    if (cls == null) {
                        throw new SqlException(Errors.INVALID_REGULAR_EXPRESSION,
                                "invalid regular expression: invalid character class");
                    }
                    sb.append(cls);
                    i = end + 2;
                    continue;
                }
            }
            if (c == '[' || c == '&' && i + 1 < n && re.charAt(i + 1) == '&') {
                sb.append('\\').append(c);
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < n) {
                sb.append(c).append(re.charAt(i + 1));
                i += 2;
                continue;
            }
            sb.append(c);
            i++;
        }
        if (i < n) {
            sb.append(']');
            i++;
        }
        return i;
    }

    /**
     * PostgreSQL's {@code similar_escape}: {@code %} → {@code .*}, {@code _} → {@code .}, the
     * regex metacharacters {@code | * + ? { } ( ) [ ]} kept (parentheses non-capturing), other
     * regex-special characters quoted, the escape character making the next one literal.
     */
    static String similarToJava(String pat, int escape) {
        StringBuilder sb = new StringBuilder(pat.length() + 8);
        boolean afterEscape = false;
        int bracketDepth = 0;
        for (int i = 0; i < pat.length(); ) {
            int c = pat.codePointAt(i);
            i += Character.charCount(c);
            if (afterEscape) {
                if (c == '"') {
                    // a substring marker (#"); matching ignores it
                } else {
                    sb.append(Pattern.quote(new String(Character.toChars(c))));
                }
                afterEscape = false;
            } else if (c == escape) {
                afterEscape = true;
            } else if (bracketDepth > 0) {
                if (c == ']') {
                    bracketDepth--;
                } else if (c == '\\') {
                    sb.append('\\');
                }
                sb.appendCodePoint(c);
            } else if (c == '[') {
                bracketDepth++;
                sb.append('[');
            } else if (c == '%') {
                sb.append(".*");
            } else if (c == '_') {
                sb.append('.');
            } else if (c == '(') {
                sb.append("(?:");
            } else if (c == '.' || c == '^' || c == '$' || c == '\\') {
                sb.append('\\').appendCodePoint(c);
            } else {
                sb.appendCodePoint(c);
            }
        }
        if (afterEscape) {
            throw new SqlException(Errors.INVALID_ESCAPE_SEQUENCE,
                    "invalid escape string", null,
                    "Escape string must be empty or one character.", 0, null);
        }
        return sb.toString();
    }
}
