package dev.lodedb.cli;

import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Whether the process's standard streams are terminals, asked of JLine's native terminal support
 * (JNI, else {@code stty} through the exec provider). Answers false when neither can tell.
 * Thread-safe.
 */
final class Tty {
    private Tty() {
    }

    /** @return whether standard input is a terminal (the shell is then interactive) */
    static boolean stdinIsTerminal() {
        return isTerminal(SystemStream.Input);
    }

    /** @return whether standard error is a terminal (progress bars are drawn then) */
    static boolean stderrIsTerminal() {
        return isTerminal(SystemStream.Error);
    }

    /** @return the width of the terminal standard error writes to, in columns; 0 when unknown */
    static int stderrWidth() {
        try {
            return Math.max(0, TerminalProvider.load("jni").systemStreamWidth(SystemStream.Error));
        } catch (Throwable e) {
            return 0;
        }
    }

    private static boolean isTerminal(SystemStream stream) {
        for (String provider : new String[] {"jni", "exec"}) {
            try {
                return TerminalProvider.load(provider).isSystemStream(stream);
            } catch (Throwable e) {
                // provider unavailable on this platform: try the next one
            }
        }
        return false;
    }
}
