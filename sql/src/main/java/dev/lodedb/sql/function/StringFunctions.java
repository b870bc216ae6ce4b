package dev.lodedb.sql.function;

import static dev.lodedb.engine.types.TypeId.BIGINT;
import static dev.lodedb.engine.types.TypeId.BOOLEAN;
import static dev.lodedb.engine.types.TypeId.BYTEA;
import static dev.lodedb.engine.types.TypeId.CHAR;
import static dev.lodedb.engine.types.TypeId.INTEGER;
import static dev.lodedb.engine.types.TypeId.TEXT;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The string functions and operators of PostgreSQL's documentation section 9.4 "String Functions
 * and Operators" (semantics of {@code src/backend/utils/adt/varlena.c} and {@code
 * oracle_compat.c}). Lengths and positions count characters (code points), as PostgreSQL does
 * in UTF-8 databases.
 *
 * <ul>
 *   <li>{@code text || text}, {@code text || anynonarray}, {@code anynonarray || text} (the other
 *       operand converted by its type's output function, PostgreSQL's {@code textanycat} /
 *       {@code anytextcat}, which cast it to text: {@code 'a' || true} is {@code atrue}; strict,
 *       so NULL yields NULL), {@code bytea || bytea}, {@code text ^@
 *       text} (starts with);</li>
 *   <li>{@code length}/{@code char_length}/{@code character_length}, {@code octet_length},
 *       {@code bit_length} (text and bytea; octet_length of {@code character(n)} counts the
 *       padding), {@code lower}, {@code upper} (per code point with Unicode case mapping, as
 *       PostgreSQL with a UTF-8 {@code LC_CTYPE}), {@code initcap};</li>
 *   <li>{@code substring(text, int[, int])} and {@code substr} (22011 for a negative length),
 *       {@code position(string, substring)} — note the argument order: the binder turns {@code
 *       POSITION(a IN b)} into {@code position(b, a)}, so this is {@code strpos} —, {@code
 *       strpos}, {@code btrim}/{@code ltrim}/{@code rtrim} with one (spaces) or two arguments,
 *       {@code replace}, {@code translate}, {@code left}, {@code right}, {@code lpad}, {@code
 *       rpad}, {@code repeat}, {@code reverse}, {@code split_part} (negative field numbers count
 *       from the end, PostgreSQL 14), {@code starts_with};</li>
 *   <li>{@code concat} and {@code concat_ws} (variadic any, NULLs skipped, not strict), {@code
 *       format(text, variadic any)} ({@code %s %I %L %%} with {@code n$} positions, {@code -}
 *       flag and widths), {@code quote_ident}, {@code quote_literal}, {@code
 *       quote_nullable};</li>
 *   <li>{@code ascii}, {@code chr}, {@code md5} (text and bytea, lower-case hex), {@code
 *       to_hex}.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class StringFunctions {
    private static final int MAX_ALLOC = (1 << 30) - 1;

    private StringFunctions() {
    }

    private static String s(Object o) {
        return (String) o;
    }

    static void register(Registrar r) {
        // concatenation
        r.infix("||", TEXT, TEXT, TEXT, (a, b) -> s(a).concat(s(b)));
        r.add(new FunctionDef("||", new TypeId[] {TEXT, null}, false, DataType.TEXT, true, false,
                false, t -> {
                    DataType rt = t.get(1);
                    return (c, a) -> s(a[0]).concat(Text.castToText(rt, a[1]));
                }));
        r.add(new FunctionDef("||", new TypeId[] {null, TEXT}, false, DataType.TEXT, true, false,
                false, t -> {
                    DataType lt = t.get(0);
                    return (c, a) -> Text.castToText(lt, a[0]).concat(s(a[1]));
                }));
        moveToInfix(r, "||");
        r.infix("||", BYTEA, BYTEA, BYTEA, (a, b) -> {
            byte[] x = (byte[]) a;
            byte[] y = (byte[]) b;
            byte[] z = java.util.Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, z, x.length, y.length);
            return z;
        });
        r.infix("^@", TEXT, TEXT, BOOLEAN, (a, b) -> s(a).startsWith(s(b)));
        r.f2("starts_with", BOOLEAN, TEXT, TEXT, (a, b) -> s(a).startsWith(s(b)));
        // lengths and case
        for (String name : new String[] {"length", "char_length", "character_length"}) {
            r.f1(name, INTEGER, TEXT, a -> Text.length(s(a)));
        }
        r.f1("length", INTEGER, BYTEA, a -> ((byte[]) a).length);
        r.f1("octet_length", INTEGER, TEXT, a -> utf8Length(s(a)));
        r.f1("octet_length", INTEGER, CHAR, a -> utf8Length(s(a)));
        r.f1("octet_length", INTEGER, BYTEA, a -> ((byte[]) a).length);
        r.f1("bit_length", INTEGER, TEXT, a -> 8 * utf8Length(s(a)));
        r.f1("bit_length", INTEGER, BYTEA, a -> 8 * ((byte[]) a).length);
        r.f1("lower", TEXT, TEXT, a -> mapCase(s(a), false));
        r.f1("upper", TEXT, TEXT, a -> mapCase(s(a), true));
        r.f1("initcap", TEXT, TEXT, a -> initcap(s(a)));
        // substrings and positions
        for (String name : new String[] {"substring", "substr"}) {
            r.f2(name, TEXT, TEXT, INTEGER, (a, b) -> substring(s(a), (Integer) b, -1, true));
            r.f3(name, TEXT, TEXT, INTEGER, INTEGER,
                    (a, b, c) -> substring(s(a), (Integer) b, (Integer) c, false));
        }
        r.f2("position", INTEGER, TEXT, TEXT, (a, b) -> strpos(s(a), s(b)));
        r.f2("strpos", INTEGER, TEXT, TEXT, (a, b) -> strpos(s(a), s(b)));
        r.f1("btrim", TEXT, TEXT, a -> trim(s(a), " ", true, true));
        r.f1("ltrim", TEXT, TEXT, a -> trim(s(a), " ", true, false));
        r.f1("rtrim", TEXT, TEXT, a -> trim(s(a), " ", false, true));
        r.f2("btrim", TEXT, TEXT, TEXT, (a, b) -> trim(s(a), s(b), true, true));
        r.f2("ltrim", TEXT, TEXT, TEXT, (a, b) -> trim(s(a), s(b), true, false));
        r.f2("rtrim", TEXT, TEXT, TEXT, (a, b) -> trim(s(a), s(b), false, true));
        r.f3("replace", TEXT, TEXT, TEXT, TEXT,
                (a, b, c) -> s(b).isEmpty() ? a : s(a).replace(s(b), s(c)));
        r.f3("translate", TEXT, TEXT, TEXT, TEXT, (a, b, c) -> translate(s(a), s(b), s(c)));
        r.f2("left", TEXT, TEXT, INTEGER, (a, b) -> {
            String x = s(a);
            int n = (Integer) b;
            return Text.sub(x, 0, n >= 0 ? n : Text.length(x) + (long) n);
        });
        r.f2("right", TEXT, TEXT, INTEGER, (a, b) -> {
            String x = s(a);
            int n = (Integer) b;
            int len = Text.length(x);
            return Text.sub(x, n >= 0 ? len - (long) n : -(long) n, len);
        });
        r.f2("lpad", TEXT, TEXT, INTEGER, (a, b) -> pad(s(a), (Integer) b, " ", true));
        r.f3("lpad", TEXT, TEXT, INTEGER, TEXT, (a, b, c) -> pad(s(a), (Integer) b, s(c), true));
        r.f2("rpad", TEXT, TEXT, INTEGER, (a, b) -> pad(s(a), (Integer) b, " ", false));
        r.f3("rpad", TEXT, TEXT, INTEGER, TEXT, (a, b, c) -> pad(s(a), (Integer) b, s(c), false));
        r.f2("repeat", TEXT, TEXT, INTEGER, (a, b) -> {
            int n = (Integer) b;
            if (n <= 0) {
                return "";
            }
            if ((long) s(a).length() * n > MAX_ALLOC) {
                throw Errors.error(Errors.PROGRAM_LIMIT_EXCEEDED, "requested length too large");
            }
            return s(a).repeat(n);
        });
        r.f1("reverse", TEXT, TEXT, a -> new StringBuilder(s(a)).reverse().toString());
        r.f3("split_part", TEXT, TEXT, TEXT, INTEGER,
                (a, b, c) -> splitPart(s(a), s(b), (Integer) c));
        // character codes, hashes
        r.f1("ascii", INTEGER, TEXT, a -> s(a).isEmpty() ? 0 : s(a).codePointAt(0));
        r.f1("chr", TEXT, INTEGER, a -> chr((Integer) a));
        r.f1("md5", TEXT, TEXT, a -> md5(s(a).getBytes(StandardCharsets.UTF_8)));
        r.f1("md5", TEXT, BYTEA, a -> md5((byte[]) a));
        r.f1("to_hex", TEXT, INTEGER, a -> Integer.toHexString((Integer) a));
        r.f1("to_hex", TEXT, BIGINT, a -> Long.toHexString((Long) a));
        // variadic formatting
        r.fnTyped("concat", TEXT, false, true, t -> (c, a) -> concat(t, a, 0, ""), (TypeId) null);
        r.fnTyped("concat_ws", TEXT, false, true,
                t -> (c, a) -> a[0] == null ? null : concat(t, a, 1, s(a[0])), TEXT, null);
        r.fnTyped("format", TEXT, false, false, t -> (c, a) -> a[0] == null ? null
                : Format.format(s(a[0]), t, a), TEXT);
        r.fnTyped("format", TEXT, false, true, t -> (c, a) -> a[0] == null ? null
                : Format.format(s(a[0]), t, a), TEXT, null);
        r.f1("quote_ident", TEXT, TEXT, a -> Format.quoteIdent(s(a)));
        r.f1("quote_literal", TEXT, TEXT, a -> Format.quoteLiteral(s(a)));
        r.fnTyped("quote_literal", TEXT, true, false,
                t -> (c, a) -> Format.quoteLiteral(Text.castToText(t.get(0), a[0])), (TypeId) null);
        r.fn("quote_nullable", TEXT, false, false, false,
                (c, a) -> a[0] == null ? "NULL" : Format.quoteLiteral(s(a[0])), TEXT);
        r.fnTyped("quote_nullable", TEXT, false, false, t -> (c, a) -> a[0] == null ? "NULL"
                : Format.quoteLiteral(Text.castToText(t.get(0), a[0])), (TypeId) null);
    }

    /** Moves the {@code ||} definitions added as functions into the infix operator table. */
    private static void moveToInfix(Registrar r, String op) {
        List<FunctionDef> defs = r.functions.remove(op);
        if (defs != null) {
            r.infix.computeIfAbsent(op, k -> new java.util.ArrayList<>()).addAll(defs);
        }
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    static String mapCase(String s, boolean upper) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        StringBuilder sb = new StringBuilder(s.length());
        if (ascii) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (upper && c >= 'a' && c <= 'z') {
                    c -= 32;
                } else if (!upper && c >= 'A' && c <= 'Z') {
                    c += 32;
                }
                sb.append(c);
            }
            return sb.toString();
        }
        s.codePoints().forEach(cp -> sb.appendCodePoint(upper ? Character.toUpperCase(cp)
                : Character.toLowerCase(cp)));
        return sb.toString();
    }

    /** PostgreSQL's {@code initcap}: upper case after a non-alphanumeric, lower case otherwise. */
    static String initcap(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean wasAlnum = false;
        for (int cp : Text.codePoints(s)) {
            sb.appendCodePoint(wasAlnum ? Character.toLowerCase(cp) : Character.toUpperCase(cp));
            wasAlnum = Character.isLetterOrDigit(cp);
        }
        return sb.toString();
    }

    /** PostgreSQL's {@code text_substring}. */
    static String substring(String s, int start, int length, boolean toEnd) {
        if (!toEnd && length < 0) {
            throw Errors.error(Errors.SUBSTRING_ERROR, "negative substring length not allowed");
        }
        long from = Math.max(start, 1) - 1L;
        long end = toEnd ? Long.MAX_VALUE : (long) start + length - 1;
        if (end <= from) {
            return "";
        }
        return Text.sub(s, from, end);
    }

    /** @return the 1-based character position of {@code sub} in {@code s}, 0 if absent */
    static int strpos(String s, String sub) {
        int i = s.indexOf(sub);
        if (i < 0) {
            return 0;
        }
        return Text.hasSurrogates(s) ? s.codePointCount(0, i) + 1 : i + 1;
    }

    static String trim(String s, String chars, boolean leading, boolean trailing) {
        int[] cps = Text.codePoints(s);
        int[] set = Text.codePoints(chars);
        int from = 0;
        int to = cps.length;
        if (leading) {
            while (from < to && contains(set, cps[from])) {
                from++;
            }
        }
        if (trailing) {
            while (to > from && contains(set, cps[to - 1])) {
                to--;
            }
        }
        return Text.of(cps, from, to);
    }

    private static boolean contains(int[] set, int cp) {
        for (int c : set) {
            if (c == cp) {
                return true;
            }
        }
        return false;
    }

    static String translate(String s, String from, String to) {
        int[] f = Text.codePoints(from);
        int[] t = Text.codePoints(to);
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int i = 0;
            while (i < f.length && f[i] != cp) {
                i++;
            }
            if (i == f.length) {
                sb.appendCodePoint(cp);
            } else if (i < t.length) {
                sb.appendCodePoint(t[i]);
            }
        });
        return sb.toString();
    }

    /** PostgreSQL's {@code lpad}/{@code rpad}: the result has exactly {@code len} characters. */
    static String pad(String s, int len, String fill, boolean left) {
        if (len <= 0) {
            return "";
        }
        int slen = Text.length(s);
        if (slen >= len || fill.isEmpty()) {
            return Text.sub(s, 0, len);
        }
        if ((long) len * 4 > MAX_ALLOC) {
            throw Errors.error(Errors.PROGRAM_LIMIT_EXCEEDED, "requested length too large");
        }
        int[] f = Text.codePoints(fill);
        StringBuilder sb = new StringBuilder(len);
        if (!left) {
            sb.append(s);
        }
        for (int i = 0; i < len - slen; i++) {
            sb.appendCodePoint(f[i % f.length]);
        }
        if (left) {
            sb.append(s);
        }
        return sb.toString();
    }

    /** PostgreSQL 14's {@code split_part}, negative fields counting from the end. */
    static String splitPart(String s, String delim, int field) {
        if (field == 0) {
            throw Errors.invalidParameter("field position must not be zero");
        }
        if (s.isEmpty()) {
            return "";
        }
        if (delim.isEmpty()) {
            return field == 1 || field == -1 ? s : "";
        }
        List<String> parts = new java.util.ArrayList<>();
        int from = 0;
        while (true) {
            int i = s.indexOf(delim, from);
            if (i < 0) {
                parts.add(s.substring(from));
                break;
            }
            parts.add(s.substring(from, i));
            from = i + delim.length();
        }
        int idx = field > 0 ? field - 1 : parts.size() + field;
        return idx >= 0 && idx < parts.size() ? parts.get(idx) : "";
    }

    static String chr(int code) {
        if (code < 0) {
            throw Errors.invalidParameter("character number must be positive");
        }
        if (code == 0) {
            throw Errors.error(Errors.PROGRAM_LIMIT_EXCEEDED, "null character not permitted");
        }
        if (code > Character.MAX_CODE_POINT) {
            throw Errors.error(Errors.PROGRAM_LIMIT_EXCEEDED,
                    "requested character too large for encoding: " + code);
        }
        if (code >= 0xD800 && code <= 0xDFFF) {
            throw Errors.error(Errors.PROGRAM_LIMIT_EXCEEDED,
                    "requested character not valid for encoding: " + code);
        }
        return new String(Character.toChars(code));
    }

    static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new SqlException(SqlException.INTERNAL_ERROR, "MD5 not available", e);
        }
    }

    private static String concat(List<DataType> types, Object[] args, int from, String sep) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int i = from; i < args.length; i++) {
            if (args[i] == null) {
                continue;
            }
            if (!first) {
                sb.append(sep);
            }
            first = false;
            sb.append(Text.out(types.get(i), args[i]));
        }
        return sb.toString();
    }
}
