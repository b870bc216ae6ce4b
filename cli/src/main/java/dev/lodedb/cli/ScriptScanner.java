package dev.lodedb.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits shell input into SQL statements and meta-commands the way psql does, incrementally: text
 * is {@link #feed fed} as it arrives (a line typed at the prompt, a script read whole), and every
 * statement completed so far can be {@link #drain drained}.
 *
 * <p>A statement ends at a {@code ;} outside quotes ({@code '...'}, {@code E'...'} with backslash
 * escapes, {@code "..."}), dollar quotes ({@code $$...$$}, {@code $tag$...$tag$}), comments
 * ({@code -- ...}, nested {@code /* ... *}{@code /}) and parentheses. A backslash outside all of
 * these starts a meta-command that runs to the end of its line; it is emitted at once, while a
 * half-typed statement stays in the buffer (as in psql), except {@code \g}, which sends the buffer
 * as a statement. Whitespace and {@code --} comments before a statement are dropped, so error
 * positions refer to the text from the statement's first word.
 *
 * <p>{@code sql.parser.PsqlScript} splits whole scripts for the regression runner but drops
 * meta-commands and cannot say whether a half-typed buffer is complete; the shell needs both.
 *
 * <p>Not thread-safe.
 */
final class ScriptScanner {

    /** What an {@link Item} is. */
    enum Kind {
        /** A SQL statement, with its terminating {@code ;} when it had one. */
        SQL,
        /** A meta-command line, from its backslash to the end of the line (without newline). */
        META
    }

    /**
     * One statement or meta-command.
     *
     * @param kind SQL or META
     * @param text the statement text or the meta-command line
     * @param line the 1-based input line the item ended on (where psql reports it)
     */
    record Item(Kind kind, String text, int line) {
    }

    private enum State { NORMAL, SINGLE, ESCAPED_SINGLE, DOUBLE, DOLLAR, BLOCK_COMMENT }

    private final StringBuilder statement = new StringBuilder();
    private final StringBuilder partialLine = new StringBuilder();
    private final List<Item> ready = new ArrayList<>();
    private State state = State.NORMAL;
    private String dollarTag;
    private int commentDepth;
    private int parenDepth;
    /** The 1-based number of the line being scanned. */
    private int line = 1;

    /**
     * Scans more input. Complete lines are scanned at once; a last line without newline waits for
     * the rest of it (or for {@link #finish()}).
     *
     * @param text any amount of text
     */
    void feed(CharSequence text) {
        partialLine.append(text);
        int start = 0;
        int eol;
        while ((eol = indexOf(partialLine, '\n', start)) >= 0) {
            scanLine(partialLine.substring(start, eol + 1));
            line++;
            start = eol + 1;
        }
        partialLine.delete(0, start);
    }

    private static int indexOf(CharSequence s, char c, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** Scans one line, with its newline when it has one. */
    private void scanLine(String text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            switch (state) {
                case SINGLE, ESCAPED_SINGLE -> {
                    if (state == State.ESCAPED_SINGLE && c == '\\' && i + 1 < n) {
                        statement.append(c).append(text.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    statement.append(c);
                    if (c == '\'') {
                        if (i + 1 < n && text.charAt(i + 1) == '\'') {
                            statement.append('\'');
                            i++;
                        } else {
                            state = State.NORMAL;
                        }
                    }
                    i++;
                }
                case DOUBLE -> {
                    statement.append(c);
                    if (c == '"') {
                        state = State.NORMAL;
                    }
                    i++;
                }
                case DOLLAR -> {
                    if (text.startsWith(dollarTag, i)) {
                        statement.append(dollarTag);
                        i += dollarTag.length();
                        state = State.NORMAL;
                    } else {
                        statement.append(c);
                        i++;
                    }
                }
                case BLOCK_COMMENT -> {
                    if (text.startsWith("/*", i)) {
                        commentDepth++;
                        statement.append("/*");
                        i += 2;
                    } else if (text.startsWith("*/", i)) {
                        commentDepth--;
                        statement.append("*/");
                        i += 2;
                        if (commentDepth == 0) {
                            state = State.NORMAL;
                        }
                    } else {
                        statement.append(c);
                        i++;
                    }
                }
                default -> {
                    i = normal(text, i);
                    if (i < 0) {
                        return;   // the rest of the line was a meta-command or a comment
                    }
                }
            }
        }
    }

    /** Scans from {@code text[i]} in state NORMAL; @return the next index, or -1 at the line's end. */
    private int normal(String text, int i) {
        int n = text.length();
        char c = text.charAt(i);
        if (c == '\\') {
            meta(text.substring(i).strip());
            return -1;
        }
        if (c == '-' && text.startsWith("--", i)) {
            if (statement.length() > 0) {
                statement.append(text, i, n);   // keep comments inside a statement (and its newline)
            }
            return -1;
        }
        if (Character.isWhitespace(c)) {
            if (statement.length() > 0) {
                statement.append(c);
            }
            return i + 1;
        }
        if (c == '/' && text.startsWith("/*", i)) {
            state = State.BLOCK_COMMENT;
            commentDepth = 1;
            statement.append("/*");
            return i + 2;
        }
        statement.append(c);
        if (c == '\'') {
            boolean escapes = i >= 1 && (text.charAt(i - 1) == 'e' || text.charAt(i - 1) == 'E')
                    && (i < 2 || !isIdentChar(text.charAt(i - 2)));
            state = escapes ? State.ESCAPED_SINGLE : State.SINGLE;
        } else if (c == '"') {
            state = State.DOUBLE;
        } else if (c == '$') {
            String tag = dollarTag(text, i);
            if (tag != null) {
                dollarTag = tag;
                statement.append(tag, 1, tag.length());
                state = State.DOLLAR;
                return i + tag.length();
            }
        } else if (c == '(') {
            parenDepth++;
        } else if (c == ')') {
            parenDepth = Math.max(0, parenDepth - 1);
        } else if (c == ';' && parenDepth == 0) {
            emitStatement();
        }
        return i + 1;
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** @return the dollar-quote tag at {@code text[i]} ({@code $$}, {@code $tag$}), or null */
    private static String dollarTag(String text, int i) {
        if (i > 0 && isIdentChar(text.charAt(i - 1))) {
            return null;   // inside an identifier such as a$b
        }
        int k = i + 1;
        while (k < text.length() && (Character.isLetterOrDigit(text.charAt(k)) || text.charAt(k) == '_')) {
            if (k == i + 1 && Character.isDigit(text.charAt(k))) {
                return null;   // a parameter: $1
            }
            k++;
        }
        if (k >= text.length() || text.charAt(k) != '$') {
            return null;
        }
        return text.substring(i, k + 1);
    }

    private void emitStatement() {
        String sql = statement.toString().strip();
        statement.setLength(0);
        parenDepth = 0;
        if (!sql.equals(";")) {
            ready.add(new Item(Kind.SQL, sql, line));
        }
    }

    private void meta(String command) {
        if (command.equals("\\g") || command.startsWith("\\g ")) {
            if (statement.length() > 0) {
                String sql = statement.toString().strip();
                statement.setLength(0);
                parenDepth = 0;
                ready.add(new Item(Kind.SQL, sql, line));
            }
            return;
        }
        ready.add(new Item(Kind.META, command, line));
    }

    /** @return the statements and meta-commands completed since the last call, in input order */
    List<Item> drain() {
        List<Item> out = List.copyOf(ready);
        ready.clear();
        return out;
    }

    /**
     * @return whether a statement has begun and not ended (its quotes, dollar quotes and comments
     *     included): the shell then shows its continuation prompt
     */
    boolean inStatement() {
        return statement.length() > 0 || partialLine.toString().strip().length() > 0;
    }

    /**
     * Counts lines that were read past the scanner (the data of {@code COPY ... FROM STDIN}), so
     * that later items report the right line numbers.
     *
     * @param count the number of lines
     */
    void skipLines(int count) {
        line += count;
    }

    /** @return the text of the statement begun and not yet ended (empty when none) */
    String pendingText() {
        return statement + partialLine.toString();
    }

    /**
     * Ends the input: a last line without newline is scanned, and an unterminated statement is
     * emitted too (psql runs the last statement of a file or of {@code -c} without its {@code ;}).
     */
    void finish() {
        if (partialLine.length() > 0) {
            String rest = partialLine.toString();
            partialLine.setLength(0);
            scanLine(rest);
        }
        String sql = statement.toString().strip();
        if (!sql.isEmpty()) {
            ready.add(new Item(Kind.SQL, sql, line));
        }
        reset();
    }

    /** Forgets the statement being typed (Ctrl-C at the prompt). */
    void reset() {
        statement.setLength(0);
        partialLine.setLength(0);
        state = State.NORMAL;
        parenDepth = 0;
    }

    /**
     * Splits a complete text at once.
     *
     * @param text a script or a {@code -c} string
     * @return its statements and meta-commands, the last statement even without {@code ;}
     */
    static List<Item> split(String text) {
        ScriptScanner s = new ScriptScanner();
        s.feed(text);
        s.finish();
        return s.drain();
    }
}
