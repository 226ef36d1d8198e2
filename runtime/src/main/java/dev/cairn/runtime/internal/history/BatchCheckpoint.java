package dev.cairn.runtime.internal.history;

import dev.cairn.runtime.BatchKey;
import dev.cairn.runtime.BatchProgress;
import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.internal.ApiValues;
import java.time.Duration;
import java.time.Instant;

/**
 * One row of the batch table: how far a batched migration that is not finished has come. Its
 * {@code lastKey} is where the next run resumes; {@code failedBatch} and {@code error} say what
 * the latest failed batch was, until a batch commits after it.
 *
 * <pre>{@code
 * BatchCheckpoint checkpoint = batchTable.read(connection, MigrationVersion.of(8));
 * Optional<BatchKey> after = Optional.ofNullable(checkpoint.lastKey());
 * }</pre>
 */
public final class BatchCheckpoint {

    private final MigrationVersion version;
    private final String checksum;
    private final BatchKey lastKey;
    private final long batches;
    private final long rowsDone;
    private final long rowsTotal;
    private final long elapsedMillis;
    private final Instant startedOn;
    private final Instant updatedOn;
    private final String failedBatch;
    private final String error;

    /**
     * @param lastKey null before the first batch commits
     * @param rowsTotal negative when the migration gave no count
     */
    public BatchCheckpoint(MigrationVersion version, String checksum, BatchKey lastKey, long batches, long rowsDone,
            long rowsTotal, long elapsedMillis, Instant startedOn, Instant updatedOn, String failedBatch, String error) {
        this.version = version;
        this.checksum = checksum;
        this.lastKey = lastKey;
        this.batches = batches;
        this.rowsDone = rowsDone;
        this.rowsTotal = rowsTotal;
        this.elapsedMillis = elapsedMillis;
        this.startedOn = startedOn;
        this.updatedOn = updatedOn;
        this.failedBatch = failedBatch;
        this.error = error;
    }

    public MigrationVersion version() {
        return version;
    }

    /** The migration's checksum when its first batch ran: an edit since is refused like any applied migration's. */
    public String checksum() {
        return checksum;
    }

    /** The last key of the latest committed batch, or null before the first. */
    public BatchKey lastKey() {
        return lastKey;
    }

    public long batches() {
        return batches;
    }

    public long rowsDone() {
        return rowsDone;
    }

    /** The migration's count at its start, or a negative number when it gave none. */
    public long rowsTotal() {
        return rowsTotal;
    }

    public long elapsedMillis() {
        return elapsedMillis;
    }

    public Instant startedOn() {
        return startedOn;
    }

    public Instant updatedOn() {
        return updatedOn;
    }

    /** The keys of the latest failed batch (as {@code Batch.toString()} wrote them), or null. */
    public String failedBatch() {
        return failedBatch;
    }

    /** Why the latest failed batch failed, or null. */
    public String error() {
        return error;
    }

    /** This checkpoint as the public progress value. */
    public BatchProgress progress() {
        return ApiValues.get().batchProgress(batches, rowsDone, rowsTotal, lastKey, Duration.ofMillis(elapsedMillis));
    }

    /** The same checkpoint after one more committed batch. */
    public BatchCheckpoint after(BatchKey key, long rows, long millis, Instant now) {
        return new BatchCheckpoint(version, checksum, key, batches + 1, rowsDone + rows, rowsTotal,
                elapsedMillis + millis, startedOn, now, null, null);
    }

    @Override
    public String toString() {
        return "checkpoint of " + version + ": " + batches + " batches, " + rowsDone + " rows, last key " + lastKey;
    }
}
