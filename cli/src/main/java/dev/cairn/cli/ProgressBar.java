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
    /** The narrowest common terminal's columns, less one (the JDK cannot ask a terminal for its width). */
    static final int COLUMNS = 79;

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

    /** {@code [###.......]} of {@link #WIDTH}: {@code done} of {@code total} filled, full when the total is 0. */
    static String bar(long done, long total) {
        return bar(done, total, WIDTH);
    }

    /** {@code [###.......]} of {@code width} marks: {@code done} of {@code total} filled, full when the total is 0. */
    static String bar(long done, long total, int width) {
        int filled = total <= 0 ? width : (int) Math.min(width, Math.max(0, done) * width / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }

    /**
     * {@code line} cut to {@link #COLUMNS}: a line longer than the terminal wraps, and the carriage
     * return then goes back only to the start of its last part, leaving the rest behind at every redraw.
     */
    static String fit(String line) {
        return line.length() <= COLUMNS ? line : line.substring(0, COLUMNS);
    }

    /** {@code 0:05}, {@code 27:45:00}. */
    static String clock(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
