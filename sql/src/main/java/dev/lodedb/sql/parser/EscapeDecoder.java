package dev.lodedb.sql.parser;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the backslash escapes of PostgreSQL escape strings ({@code E'...'}): {@code \b \f \n \r
 * \t}, octal {@code \o \oo \ooo}, hex {@code \xh \xhh}, <code>&#92;uXXXX</code>, {@code \UXXXXXXXX} (with
 * UTF-16 surrogate pairs written as two <code>&#92;u</code> escapes) and {@code \c} for any other
 * character. Octal and hex escapes are bytes: consecutive ones are decoded together as UTF-8, so
 * {@code E'\xC3\xA9'} is {@code é}; a byte sequence that is not valid UTF-8, or a NUL, is an
 * error with SQLSTATE {@value ParseException#CHARACTER_NOT_IN_REPERTOIRE}, as in PostgreSQL.
 *
 * <p>Not thread-safe: one instance decodes one literal.
 */
final class EscapeDecoder {

    private final String sql;
    private final StringBuilder out;
    private byte[] bytes = new byte[8];
    private int byteCount;
    private int bytesAt;

    EscapeDecoder(String sql, StringBuilder out) {
        this.sql = sql;
        this.out = out;
    }

    /** Appends an ordinary character, first flushing pending escaped bytes. */
    void appendChar(char c) {
        flush();
        out.append(c);
    }

    /** Flushes pending bytes at the end of the literal. */
    void finish(int tokenStart) {
        flush();
    }

    /**
     * Decodes the escape whose backslash is at {@code at}.
     *
     * @return the offset just past the escape
     */
    int escape(int at, int tokenStart) {
        int length = sql.length();
        if (at + 1 >= length) {
            throw ParseException.at(sql, ParseException.SYNTAX_ERROR,
                    "unterminated quoted string at or near \"" + sql.substring(tokenStart) + "\"", tokenStart);
        }
        char c = sql.charAt(at + 1);
        switch (c) {
            case 'b':
                appendChar('\b');
                return at + 2;
            case 'f':
                appendChar('\f');
                return at + 2;
            case 'n':
                appendChar('\n');
                return at + 2;
            case 'r':
                appendChar('\r');
                return at + 2;
            case 't':
                appendChar('\t');
                return at + 2;
            case 'x': {
                int p = at + 2;
                int value = 0;
                int digits = 0;
                while (digits < 2 && p < length && Lexer.isHexDigit(sql.charAt(p))) {
                    value = value * 16 + Character.digit(sql.charAt(p), 16);
                    p++;
                    digits++;
                }
                if (digits == 0) {
                    appendChar('x');
                    return at + 2;
                }
                appendByte(value, at);
                return p;
            }
            case 'u':
            case 'U': {
                int width = c == 'u' ? 4 : 8;
                int codePoint = hex(at + 2, width, at);
                int p = at + 2 + width;
                if (Character.isHighSurrogate((char) codePoint) && codePoint <= 0xFFFF) {
                    if (p + 1 < length && sql.charAt(p) == '\\' && (sql.charAt(p + 1) == 'u' || sql.charAt(p + 1) == 'U')) {
                        int lowWidth = sql.charAt(p + 1) == 'u' ? 4 : 8;
                        int low = hex(p + 2, lowWidth, p);
                        if (low <= 0xFFFF && Character.isLowSurrogate((char) low)) {
                            appendCodePoint(Character.toCodePoint((char) codePoint, (char) low), at);
                            return p + 2 + lowWidth;
                        }
                    }
                    throw error(ParseException.SYNTAX_ERROR, "invalid Unicode surrogate pair", at);
                }
                if (codePoint <= 0xFFFF && Character.isLowSurrogate((char) codePoint)) {
                    throw error(ParseException.SYNTAX_ERROR, "invalid Unicode surrogate pair", at);
                }
                appendCodePoint(codePoint, at);
                return p;
            }
            default:
                if (c >= '0' && c <= '7') {
                    int p = at + 1;
                    int value = 0;
                    int digits = 0;
                    while (digits < 3 && p < length && sql.charAt(p) >= '0' && sql.charAt(p) <= '7') {
                        value = value * 8 + (sql.charAt(p) - '0');
                        p++;
                        digits++;
                    }
                    appendByte(value & 0xFF, at);
                    return p;
                }
                appendChar(c);
                return at + 2;
        }
    }

    private int hex(int from, int width, int at) {
        if (from + width > sql.length()) {
            throw error(ParseException.SYNTAX_ERROR, "invalid Unicode escape", at);
        }
        long value = 0;
        for (int i = from; i < from + width; i++) {
            char h = sql.charAt(i);
            if (!Lexer.isHexDigit(h)) {
                throw error(ParseException.SYNTAX_ERROR, "invalid Unicode escape", at);
            }
            value = value * 16 + Character.digit(h, 16);
        }
        if (value > Character.MAX_CODE_POINT) {
            throw error(ParseException.SYNTAX_ERROR, "invalid Unicode escape value", at);
        }
        return (int) value;
    }

    private void appendCodePoint(int codePoint, int at) {
        if (codePoint == 0) {
            throw error(ParseException.SYNTAX_ERROR, "invalid Unicode escape value", at);
        }
        flush();
        out.appendCodePoint(codePoint);
    }

    private void appendByte(int value, int at) {
        if (value == 0) {
            throw error(ParseException.CHARACTER_NOT_IN_REPERTOIRE,
                    "invalid byte sequence for encoding \"UTF8\": 0x00", at);
        }
        if (byteCount == 0) {
            bytesAt = at;
        }
        if (byteCount == bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[byteCount++] = (byte) value;
    }

    private void flush() {
        if (byteCount == 0) {
            return;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, 0, byteCount));
            out.append(chars);
        } catch (CharacterCodingException e) {
            StringBuilder hexBytes = new StringBuilder();
            for (int i = 0; i < Math.min(byteCount, 4); i++) {
                if (i > 0) {
                    hexBytes.append(' ');
                }
                hexBytes.append(String.format("0x%02x", bytes[i] & 0xFF));
            }
            throw error(ParseException.CHARACTER_NOT_IN_REPERTOIRE,
                    "invalid byte sequence for encoding \"UTF8\": " + hexBytes, bytesAt);
        }
        byteCount = 0;
    }

    private ParseException error(String state, String message, int at) {
        return ParseException.at(sql, state, message, at);
    }
}
