package dev.cairn.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link BatchedMigration} paces itself on a live database: how many rows a batch takes and
 * how long Cairn pauses after each committed batch, to leave the database's other work room. A
 * migration gives its own ({@link BatchedMigration#batchSettings()}); an operator can override
 * them at run time, for all batched migrations or one, without a rebuild
 * ({@link Migrator.Builder#batchSettings(BatchSettings)}, the CLI's {@code --batch-size} and
 * {@code --batch-pause}).
 *
 * <pre>{@code
 * BatchSettings gentle = BatchSettings.of(500).withPause(Duration.ofMillis(200));
 * }</pre>
 */
public final class BatchSettings {

    /** 1,000 rows a batch, no pause: what a migration that says nothing gets. */
    public static final BatchSettings DEFAULT = new BatchSettings(1_000, Duration.ZERO);

    private final int batchSize;
    private final Duration pause;

    private BatchSettings(int batchSize, Duration pause) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("A batch size must be at least 1, not " + batchSize);
        }
        Objects.requireNonNull(pause, "pause");
        if (pause.isNegative()) {
            throw new IllegalArgumentException("A pause between batches cannot be negative: " + pause);
        }
        this.batchSize = batchSize;
        this.pause = pause;
    }

    /** Batches of {@code batchSize} rows, no pause. */
    public static BatchSettings of(int batchSize) {
        return new BatchSettings(batchSize, Duration.ZERO);
    }

    /** These settings with a pause of {@code pause} after each committed batch. */
    public BatchSettings withPause(Duration pause) {
        return new BatchSettings(batchSize, pause);
    }

    /** These settings with batches of {@code batchSize} rows. */
    public BatchSettings withBatchSize(int batchSize) {
        return new BatchSettings(batchSize, pause);
    }

    /** How many rows {@link BatchedMigration#nextBatch} is asked for. */
    public int batchSize() {
        return batchSize;
    }

    /** How long Cairn waits after each committed batch before it starts the next. */
    public Duration pause() {
        return pause;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BatchSettings && batchSize == ((BatchSettings) other).batchSize
                && pause.equals(((BatchSettings) other).pause);
    }

    @Override
    public int hashCode() {
        return Objects.hash(batchSize, pause);
    }

    @Override
    public String toString() {
        return batchSize + " rows a batch" + (pause.isZero() ? "" : ", " + pause.toMillis() + " ms pause");
    }
}
