package dev.cairn.cli;

import dev.cairn.runtime.BatchProgress;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Prints one line per migration as it finishes (version, description, time), the progress
 * messages of long-running migrations in between, and a line for a failure. Used by
 * {@code migrate} and {@code rollback}; {@code verb} says which ("applied", "rolled back").
 *
 * <p>A batched migration's progress ({@link #batchCommitted}) is a {@link ProgressBar} redrawn in
 * place on a terminal, at most ten times a second; elsewhere (logs, CI) a plain line when another
 * tenth of the rows is done, or every ten seconds, and never two within a second: a thousand
 * batches make a handful of lines, not a thousand.
 */
final class ProgressPrinter implements MigrationListener {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long LINE_NANOS = 1_000_000_000L;
    private static final long HEARTBEAT_NANOS = 10_000_000_000L;
    private static final int BAR_WIDTH = 20;

    private final PrintStream out;
    private final String verb;
    private final int versionWidth;
    /** The bar on a terminal; null for plain lines. */
    private final ProgressBar bar;
    private final LongSupplier nanoTime;

    /** The batched migration whose progress is shown, and what was shown of it. */
    private MigrationDescriptor batched;
    private BatchProgress latest;
    private boolean latestShown;
    private long shownAt;
    private long shownStep;

    ProgressPrinter(PrintStream out, String verb, int versionWidth) {
        this(out, verb, versionWidth, false, System::nanoTime);
    }

    /** @param terminal whether {@code out} is a terminal, where the batch progress is a bar redrawn in place */
    ProgressPrinter(PrintStream out, String verb, int versionWidth, boolean terminal, LongSupplier nanoTime) {
        this.out = out;
        this.verb = verb;
        this.versionWidth = versionWidth;
        this.bar = terminal ? new ProgressBar(out) : null;
        this.nanoTime = nanoTime;
    }

    @Override
    public void afterMigration(MigrationDescriptor migration, Duration executionTime) {
        finish();
        out.println("  " + verb + "  " + version(migration) + "  " + migration.description() + "  ("
                + Formats.duration(executionTime) + ")");
        out.flush();
    }

    @Override
    public void migrationFailed(MigrationDescriptor migration, Throwable failure) {
        finish();
        out.println("  FAILED  " + version(migration) + "  " + migration.description());
        out.flush();
    }

    @Override
    public void progress(MigrationDescriptor migration, String message) {
        finish();
        out.println("      " + Formats.version(migration) + ": " + message);
        out.flush();
    }

    @Override
    public void batchCommitted(MigrationDescriptor migration, BatchProgress progress) {
        long now = nanoTime.getAsLong();
        boolean first = !migration.equals(batched);
        if (first) {
            finish();
            batched = migration;
        }
        latest = progress;
        latestShown = false;
        long step = step(progress);
        if (bar != null) {
            if (first || now - shownAt >= REDRAW_NANOS) {
                show(now, step);
            }
            return;
        }
        boolean due = first || (step > shownStep && now - shownAt >= LINE_NANOS) || now - shownAt >= HEARTBEAT_NANOS;
        if (due) {
            show(now, step);
        }
    }

    /**
     * Shows the latest progress if it was not shown yet, and ends the bar's line: before any other
     * output, and at the end of the run (a batch time limit leaves the bar standing otherwise).
     */
    void finish() {
        if (batched == null) {
            return;
        }
        if (bar != null) {
            if (!latestShown) {
                show(nanoTime.getAsLong(), step(latest));
            }
            bar.end();
        }
        batched = null;
        latest = null;
    }

    private void show(long now, long step) {
        if (bar != null) {
            bar.draw(barLine(batched, latest));
        } else {
            out.println("      " + Formats.version(batched) + ": " + text(latest));
            out.flush();
        }
        latestShown = true;
        shownAt = now;
        shownStep = step;
    }

    /** The tenth of the rows done, 0 to 10; 0 when the total is unknown. */
    private static long step(BatchProgress progress) {
        OptionalLong total = progress.rowsTotal();
        if (total.isEmpty()) {
            return 0;
        }
        return total.getAsLong() <= 0 ? 10 : Math.min(10, progress.rowsDone() * 10 / total.getAsLong());
    }

    /** {@code 41,000 of 100,000 rows (41%), 41 batches, 52,000 rows/s, 0:18 left}. */
    static String text(BatchProgress progress) {
        StringBuilder text = new StringBuilder(rows(progress));
        text.append(", ").append(batches(progress.batches()));
        rate(progress, text, ", ");
        return text.toString();
    }

    /**
     * {@code   2  [########............] 41,000/100,000 rows  41%  52,000 rows/s  0:18 left}, or without a
     * total {@code   2  41,000 rows  41 batches  52,000 rows/s}: short enough for an 80-column terminal
     * (the plan above names the migration).
     */
    String barLine(MigrationDescriptor migration, BatchProgress progress) {
        StringBuilder line = new StringBuilder("  ").append(version(migration)).append("  ");
        OptionalLong total = progress.rowsTotal();
        if (total.isPresent()) {
            line.append(ProgressBar.bar(progress.rowsDone(), total.getAsLong(), BAR_WIDTH)).append(' ')
                    .append(number(progress.rowsDone())).append('/').append(number(total.getAsLong()))
                    .append(" rows  ").append(percent(progress)).append('%');
        } else {
            line.append(number(progress.rowsDone())).append(" rows  ").append(batches(progress.batches()));
        }
        rate(progress, line, "  ");
        return ProgressBar.fit(line.toString());
    }

    private static long percent(BatchProgress progress) {
        long total = progress.rowsTotal().getAsLong();
        return total <= 0 ? 100 : Math.min(100, progress.rowsDone() * 100 / total);
    }

    /** {@code 41,000 of 100,000 rows (41%)}, or {@code 41,000 rows} without a total. */
    static String rows(BatchProgress progress) {
        StringBuilder text = new StringBuilder(number(progress.rowsDone()));
        OptionalLong total = progress.rowsTotal();
        if (total.isPresent()) {
            text.append(" of ").append(number(total.getAsLong())).append(" rows (").append(percent(progress))
                    .append("%)");
        } else {
            text.append(" rows");
        }
        return text.toString();
    }

    static String batches(long batches) {
        return number(batches) + (batches == 1 ? " batch" : " batches");
    }

    private static void rate(BatchProgress progress, StringBuilder text, String separator) {
        double rate = progress.rowsPerSecond();
        if (rate > 0) {
            text.append(separator).append(number(Math.round(rate))).append(" rows/s");
        }
        progress.timeLeft().ifPresent(left -> text.append(separator).append(ProgressBar.clock(left.getSeconds()))
                .append(" left"));
    }

    static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private String version(MigrationDescriptor migration) {
        String version = Formats.version(migration);
        return " ".repeat(Math.max(0, versionWidth - version.length())) + version;
    }
}
