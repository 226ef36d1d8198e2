package dev.cairn.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The one progress bar of the CLI, shared by a fleet's tenants ({@link FleetProgress.Bar}) and a
 * batched migration's rows ({@link ProgressPrinter}): {@code [#########.....................]}, a
 * clock for the time left, and a line redrawn in place with a carriage return. Drawn only on a
 * terminal ({@link Terminal#interactive()}); logs and CI get plain lines instead.
 */
final class ProgressBar {
    static final int WIDTH = 30;

    private final PrintStream out;
    private int drawnLength;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    /** Redraws the line in place; a shorter line than the last one also blanks the rest of it. */
    void draw(String line) {
        String padding = " ".repeat(Math.max(0, drawnLength - line.length()));
        out.print("\r" + line + padding);
        out.flush();
        drawnLength = line.length();
    }

    /** Ends the line drawn last, so that what is printed next starts on a line of its own. */
    void end() {
        if (drawnLength > 0) {
            out.println();
            out.flush();
            drawnLength = 0;
        }
    }

    /** Whether a line is drawn and not ended yet. */
    boolean drawn() {
        return drawnLength > 0;
    }

    /** {@code [###.......]}: {@code done} of {@code total} filled, full when the total is 0. */
    static String bar(long done, long total) {
        int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, Math.max(0, done) * WIDTH / total);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
    }

    /** {@code 0:05}, {@code 27:45:00}. */
    static String clock(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
