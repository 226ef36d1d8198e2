package dev.cairn.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * How far a {@link BatchedMigration} has come: the batches and rows committed so far (over every
 * run, an interrupted one included), the total when the migration could count it cheaply, the
 * checkpoint it resumes from, and from those a rate and the time left. Listeners receive it after
 * each committed batch ({@link MigrationListener#batchCommitted}); {@link MigrationInfo#batchProgress()}
 * shows it for a migration in progress.
 *
 * <pre>{@code
 * public void batchCommitted(MigrationDescriptor migration, BatchProgress progress) {
 *     log.info(migration + ": " + progress);   // 41,000 of 1,000,000 rows (4%), 52,000 rows/s, 18 s left
 * }
 * }</pre>
 */
public final class BatchProgress {

    private final long batches;
    private final long rowsDone;
    private final long rowsTotal;
    private final BatchKey lastKey;
    private final Duration elapsed;

    /**
     * @param rowsTotal the count the migration gave at its start, or a negative number when it gave none
     * @param lastKey the last key of the latest committed batch, or null before the first
     * @param elapsed the time spent in batches so far, over every run
     */
    BatchProgress(long batches, long rowsDone, long rowsTotal, BatchKey lastKey, Duration elapsed) {
        this.batches = batches;
        this.rowsDone = rowsDone;
        this.rowsTotal = rowsTotal;
        this.lastKey = lastKey;
        this.elapsed = elapsed;
    }

    /** How many batches are committed. */
    public long batches() {
        return batches;
    }

    /** How many rows the committed batches held. */
    public long rowsDone() {
        return rowsDone;
    }

    /**
     * The rows the migration counted when it started ({@link BatchedMigration#countRows}), if it
     * could count them cheaply. An estimate: rows written since may make {@link #rowsDone()} pass it.
     */
    public OptionalLong rowsTotal() {
        return rowsTotal < 0 ? OptionalLong.empty() : OptionalLong.of(rowsTotal);
    }

    /** The checkpoint: the last key of the latest committed batch; empty before the first batch. */
    public Optional<BatchKey> lastKey() {
        return Optional.ofNullable(lastKey);
    }

    /** The time spent in batches so far, over every run of the migration (pauses between batches left out). */
    public Duration elapsed() {
        return elapsed;
    }

    /** Rows per second so far; 0 before anything took measurable time. */
    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : rowsDone / seconds;
    }

    /** The time left at the rate so far, when the total is known and a rate measured. */
    public Optional<Duration> timeLeft() {
        double rate = rowsPerSecond();
        if (rowsTotal < 0 || rate <= 0) {
            return Optional.empty();
        }
        long left = Math.max(0, rowsTotal - rowsDone);
        return Optional.of(Duration.ofMillis((long) (left / rate * 1000)));
    }

    /** The share done, from 0 to 1 (capped at 1: the total is an estimate), when the total is known. */
    public OptionalDouble fraction() {
        if (rowsTotal < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(rowsTotal == 0 ? 1 : Math.min(1, (double) rowsDone / rowsTotal));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%,d", rowsDone));
        if (rowsTotal >= 0) {
            text.append(String.format(" of %,d", rowsTotal));
            if (rowsTotal > 0) {
                text.append(" (").append(Math.min(100, rowsDone * 100 / rowsTotal)).append("%)");
            }
        }
        text.append(" rows in ").append(String.format("%,d", batches)).append(batches == 1 ? " batch" : " batches");
        double rate = rowsPerSecond();
        if (rate > 0) {
            text.append(String.format(", %,d rows/s", Math.round(rate)));
        }
        timeLeft().ifPresent(left -> text.append(", ").append(left.getSeconds()).append(" s left"));
        return text.toString();
    }
}
