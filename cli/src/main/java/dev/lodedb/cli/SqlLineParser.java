package dev.lodedb.cli;

import java.util.function.Supplier;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * JLine's view of a line being typed at the shell prompt. On Enter ({@code ACCEPT_LINE}) the line
 * is accepted only when it completes something to run — a statement ended by {@code ;}, a
 * meta-command, or nothing but whitespace and comments; otherwise JLine keeps editing on a new
 * line with the continuation prompt, so a multi-line statement is one history entry. For
 * completion it splits words at whitespace and at SQL punctuation, keeping {@code schema.table}
 * and {@code table.column} together. Backslash is no escape character (it starts meta-commands).
 *
 * <p>Thread-safety: used by the reader's thread only.
 */
final class SqlLineParser extends DefaultParser {
    private final Supplier<String> pendingStatement;

    /**
     * @param pendingStatement the statement text already in the shell's buffer from earlier lines
     *     (a meta-command typed in the middle of a statement leaves it there), or empty
     */
    SqlLineParser(Supplier<String> pendingStatement) {
        this.pendingStatement = pendingStatement;
        setEscapeChars(new char[0]);
        setQuoteChars(new char[] {'\'', '"'});
        setEofOnUnclosedQuote(false);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !isComplete(pendingStatement.get(), line)) {
            throw new EOFError(-1, cursor, "statement continues", ";");
        }
        return super.parse(line, cursor, context == ParseContext.ACCEPT_LINE ? ParseContext.SPLIT_LINE : context);
    }

    /**
     * @param pending statement text carried over from earlier input (may be empty)
     * @param line the text in the editor
     * @return whether Enter should hand the text to the shell: it ends with a complete statement
     *     or a meta-command line, or it holds nothing to run
     */
    static boolean isComplete(String pending, String line) {
        String lastLine = line.substring(line.lastIndexOf('\n') + 1).strip();
        ScriptScanner scanner = new ScriptScanner();
        if (!pending.isEmpty()) {
            scanner.feed(pending);
            scanner.feed("\n");
        }
        scanner.feed(line);
        scanner.feed("\n");
        if (!scanner.inStatement()) {
            return true;
        }
        // A meta-command runs at once even inside a statement (psql); the statement stays buffered.
        java.util.List<ScriptScanner.Item> items = scanner.drain();
        return lastLine.startsWith("\\") && !items.isEmpty()
                && items.get(items.size() - 1).kind() == ScriptScanner.Kind.META;
    }

    @Override
    public boolean isDelimiterChar(CharSequence buffer, int pos) {
        char c = buffer.charAt(pos);
        return Character.isWhitespace(c) || "(),;=<>+-*/%|!~^&".indexOf(c) >= 0;
    }
}
