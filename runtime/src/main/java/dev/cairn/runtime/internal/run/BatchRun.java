package dev.cairn.runtime.internal.run;

import dev.cairn.runtime.Batch;
import dev.cairn.runtime.BatchKey;
import dev.cairn.runtime.BatchSettings;
import dev.cairn.runtime.BatchedMigration;
import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.ExecutedMigration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationFailedException;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.runtime.internal.BatchSequence;
import dev.cairn.runtime.internal.Failures;
import dev.cairn.runtime.internal.MigratorConfig;
import dev.cairn.runtime.internal.dialect.Dialect;
import dev.cairn.runtime.internal.history.BatchCheckpoint;
import dev.cairn.runtime.internal.history.BatchTable;
import dev.cairn.runtime.internal.history.HistoryEvent;
import dev.cairn.runtime.internal.history.HistoryTable;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Runs one {@link BatchedMigration} under the migration lock, batch by batch: each batch
 * ({@code nextBatch} then {@code processBatch}) in a unit of its own that also moves the
 * migration's checkpoint ({@link BatchTable}), so a batch and its checkpoint commit together or
 * not at all. A run resumes after the checkpoint it finds; the migration is recorded as applied
 * (its {@code APPLY} row, the checkpoint deleted) in the unit where {@code nextBatch} finds nothing
 * more and {@code verify} passes. A failed batch is rolled back and recorded (its keys and error
 * on the checkpoint, an {@code APPLY_FAILED} row in the history); the next run retries it.
 *
 * <p>No marker row guards a batch where DDL commits implicitly (one more commit per batch would
 * double the cost of a backfill): a batch that ended its transaction is found when it returns
 * (the unit's savepoint is gone) and stops the migration for repair, and the documentation asks
 * for DML-only batches.
 */
final class BatchRun {

    private static final System.Logger LOG = System.getLogger("dev.cairn");
    /** Longest text key the checkpoint table holds ({@code last_key}). */
    private static final int MAX_KEY_LENGTH = 1000;

    private final MigrationRunner runner;
    private final MigratorConfig config;
    private final Connection connection;
    private final Dialect dialect;
    private final HistoryTable table;
    private final BatchTable batches;
    private final MigrationDescriptor migration;

    BatchRun(MigrationRunner runner, MigratorConfig config, Connection connection, Dialect dialect, HistoryTable table,
            MigrationDescriptor migration) {
        this.runner = runner;
        this.config = config;
        this.connection = connection;
        this.dialect = dialect;
        this.table = table;
        this.batches = table.batches();
        this.migration = migration;
    }

    /**
     * Runs the migration's remaining batches, then verifies and records it.
     *
     * @param deadline {@code System.nanoTime()} after which no new batch starts (at least one runs),
     *     or null for no limit
     * @return the migration as executed, or null when the deadline left it in progress
     */
    ExecutedMigration run(Long deadline) throws SQLException {
        if (batches == null) {
            throw new IllegalStateException("Migration " + migration.version() + " is batched but the history table "
                    + table.name() + " has no batch table");
        }
        runner.listeners.before(migration);
        long runStart = System.nanoTime();
        JavaMigration created;
        try {
            created = migration.newInstance();
        } catch (RuntimeException | LinkageError e) {
            throw failedOutside("its constructor", e, runStart);
        }
        if (!(created instanceof BatchedMigration)) {
            throw new CairnException(MigrationRunner.label(migration) + " was compiled as a BatchedMigration but its "
                    + "class " + created.getClass().getName() + " no longer implements BatchedMigration: the registry "
                    + "is older than the class. Nothing of it was run. Rebuild the application (mvn clean package).");
        }
        BatchedMigration instance = (BatchedMigration) created;
        MigrationContext context = runner.context(migration);
        BatchSettings settings = config.batchSettings(migration.version(), instance.batchSettings());
        BatchCheckpoint checkpoint = batches.read(connection, migration.version());
        if (checkpoint == null) {
            checkpoint = start(instance, context, runStart);
        } else if (checkpoint.batches() > 0) {
            LOG.log(Level.INFO, "Resuming batched migration {0} after batch {1} (key {2}, {3} rows done)",
                    migration, checkpoint.batches(), checkpoint.lastKey(), checkpoint.rowsDone());
        }
        try (PreparedStatement advance = batches.prepareAdvance(connection)) {
            return runBatches(instance, context, settings, checkpoint, deadline, runStart, advance);
        }
    }

    /**
     * The batches from {@code checkpoint} on, then the last unit; {@code advance} is the checkpoint's
     * UPDATE, prepared once for all of them.
     */
    private ExecutedMigration runBatches(BatchedMigration instance, MigrationContext context, BatchSettings settings,
            BatchCheckpoint checkpoint, Long deadline, long runStart, PreparedStatement advance) throws SQLException {
        boolean ranOne = false;
        // Time of the batches not counted yet, in nanoseconds: the previous batch's COMMIT (which the
        // checkpoint it commits cannot hold) and what whole milliseconds left over. Counted with the
        // next batch, so the rate and the time left reflect what batches really cost.
        long uncounted = 0;
        while (true) {
            if (ranOne && deadline != null && System.nanoTime() - deadline > 0) {
                LOG.log(Level.INFO, "Batch time limit reached: batched migration {0} stays in progress after batch {1} "
                        + "({2} rows done); the next migrate resumes it", migration, checkpoint.batches(),
                        checkpoint.rowsDone());
                return null;
            }
            long start = System.nanoTime();
            Optional<BatchKey> after = Optional.ofNullable(checkpoint.lastKey());
            Batch batch = null;
            String phase = "nextBatch()";
            dialect.beginUnit(connection);
            dialect.markUnit(connection);
            try {
                Optional<Batch> next = instance.nextBatch(context, after, settings.batchSize());
                if (next == null || next.isEmpty()) {
                    phase = "verify()";
                    instance.verify(context);
                } else {
                    batch = next.get();
                    checkBatch(after, batch);
                    phase = "processBatch()";
                    instance.processBatch(context, batch);
                }
            } catch (Exception | AssertionError | LinkageError e) {
                throw batchFailed(checkpoint, batch, phase, e, start);
            }
            Dialect.UnitState state = dialect.unitState(connection);
            if (state == Dialect.UnitState.ABORTED) {
                // The batch's work is gone: a checkpoint past it would skip its rows for good.
                throw batchFailed(checkpoint, batch, phase, runner.abortedUnit(phase), start);
            }
            if (state == Dialect.UnitState.ENDED) {
                dialect.discardEndedUnit(connection);
                throw runner.endedTransaction(migration, true, phase + (batch == null ? "" : " of " + batch),
                        Duration.ofNanos(System.nanoTime() - start), null, "The batches committed before it stay. ");
            }
            long nanos = System.nanoTime() - start + uncounted;
            long millis = nanos / 1_000_000;
            uncounted = nanos % 1_000_000;
            if (batch == null) {
                return finish(checkpoint, millis, runStart);
            }
            BatchCheckpoint before = checkpoint;
            checkpoint = checkpoint.after(batch.last(), batch.rows(), millis, Instant.now());
            long committing = System.nanoTime();
            try {
                batches.advance(advance, checkpoint);
                dialect.commitUnit(connection);
            } catch (SQLException e) {
                if (runner.connectionLostIn(e) != null) {
                    throw runner.connectionLost(migration, true, e);
                }
                throw batchFailed(before, batch, "its COMMIT", e, start);
            }
            uncounted += System.nanoTime() - committing;
            ranOne = true;
            runner.listeners.batchCommitted(migration, checkpoint.progress());
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "Batched migration {0}: batch {1} committed, {2}", migration, checkpoint.batches(),
                        checkpoint.progress());
            }
            pause(settings.pause());
        }
    }

    /** Records the start (and the count, if the migration gives one) in a unit of its own. */
    private BatchCheckpoint start(BatchedMigration instance, MigrationContext context, long runStart)
            throws SQLException {
        dialect.beginUnit(connection);
        long total;
        try {
            OptionalLong count = instance.countRows(context);
            total = count == null || count.isEmpty() ? -1 : Math.max(0, count.getAsLong());
        } catch (Exception | AssertionError | LinkageError e) {
            dialect.rollbackUnit(connection);
            throw failedOutside("countRows()", e, runStart);
        }
        Instant now = Instant.now();
        BatchCheckpoint started = new BatchCheckpoint(migration.version(), migration.checksum().orElse(null), null, 0,
                0, total, 0, now, now, null, null);
        batches.insert(connection, started);
        dialect.commitUnit(connection);
        LOG.log(Level.INFO, "Starting batched migration {0}{1}", migration,
                total < 0 ? "" : " over " + total + " rows");
        return started;
    }

    /**
     * The last unit: {@code nextBatch} found nothing and {@code verify} passed; the checkpoint goes
     * and the {@code APPLY} row (with the time of every batch, over every run) comes, together.
     */
    private ExecutedMigration finish(BatchCheckpoint checkpoint, long millis, long runStart) throws SQLException {
        batches.delete(connection, migration.version());
        Duration total = Duration.ofMillis(checkpoint.elapsedMillis() + millis);
        runner.appendAfterRun(migration, runner.row(migration, HistoryEvent.APPLY, total, null));
        try {
            dialect.commitUnit(connection);
        } catch (SQLException e) {
            if (runner.connectionLostIn(e) != null) {
                throw runner.connectionLost(migration, true, e);
            }
            throw batchFailed(checkpoint, null, "its COMMIT", e, System.nanoTime() - millis * 1_000_000);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - runStart);
        LOG.log(Level.INFO, "Batched migration {0} applied: {1} rows in {2} batches", migration,
                checkpoint.rowsDone(), checkpoint.batches());
        runner.listeners.after(migration, took);
        return ApiValues.get().executed(migration, took);
    }

    private void checkBatch(Optional<BatchKey> after, Batch batch) {
        BatchSequence.requireMovesOn(after, batch);
        if (!batch.last().isNumber() && batch.last().asText().length() > MAX_KEY_LENGTH) {
            throw new IllegalStateException("nextBatch returned a batch whose last key is "
                    + batch.last().asText().length() + " characters long; Cairn's checkpoint holds at most "
                    + MAX_KEY_LENGTH);
        }
    }

    /**
     * A batch (or the final verify) failed: its unit is rolled back, and in a unit of its own the
     * checkpoint records the batch's keys and error and the history an {@code APPLY_FAILED} row.
     * The committed batches stay; the next run retries this batch.
     */
    private MigrationFailedException batchFailed(BatchCheckpoint checkpoint, Batch batch, String phase,
            Throwable failure, long start) throws SQLException {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (runner.connectionLostIn(failure) != null) {
            throw runner.connectionLost(migration, true, failure);
        }
        if (dialect.unitEnded(connection)) {
            dialect.discardEndedUnit(connection);
            if (runner.rolledBackByDatabase(failure) == null) {
                throw runner.endedTransaction(migration, true, phase + (batch == null ? "" : " of " + batch), took,
                        failure, "The batches committed before it stay. ");
            }
        } else {
            dialect.rollbackUnit(connection);
        }
        String which = batch != null ? "batch " + (checkpoint.batches() + 1) + " (" + batch + ")"
                : phase.equals("verify()") ? "verify() after its last batch" : "batch " + (checkpoint.batches() + 1);
        String error = which + " failed in " + phase + ": " + Failures.describe(failure);
        String recorded = "The failure is recorded with the batch's keys.";
        try {
            dialect.beginUnit(connection);
            batches.recordFailure(connection, migration.version(), batch == null ? phase : batch.toString(),
                    Failures.describe(failure), took.toMillis(), Instant.now());
            runner.appendAfterRun(migration, runner.row(migration, HistoryEvent.APPLY_FAILED, took, error));
            dialect.commitUnit(connection);
        } catch (SQLException notRecorded) {
            failure.addSuppressed(notRecorded);
            recorded = "Cairn could not record the failure either (" + Failures.describe(notRecorded) + ").";
        }
        MigrationRunner.logFailure(migration, failure);
        runner.listeners.failed(migration, failure);
        String done = checkpoint.batches() == 0 ? "No batch of it had committed before."
                : "Its " + checkpoint.batches() + (checkpoint.batches() == 1 ? " batch" : " batches") + " before ("
                        + checkpoint.rowsDone() + " rows, up to key " + checkpoint.lastKey() + ") stay committed.";
        String next = batch == null && phase.equals("verify()")
                ? " Every batch is committed; the next migrate looks for rows left (batch by batch) and runs verify() "
                        + "again: fix the data or the migration's verify() and run migrate again."
                : " This batch was rolled back; the next migrate resumes with it: fix the cause and run migrate again.";
        return runner.failed(migration, batch == null ? phase : which + ", " + phase, failure,
                done + next + " " + recorded);
    }

    /** A failure before any batch ran (the constructor, countRows): nothing is recorded as started. */
    private MigrationFailedException failedOutside(String phase, Throwable failure, long start) throws SQLException {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (runner.connectionLostIn(failure) != null) {
            throw runner.connectionLost(migration, true, failure);
        }
        try {
            runner.recordFailure(migration, HistoryEvent.APPLY_FAILED, took, failure,
                    phase + " failed: " + Failures.describe(failure));
        } catch (SQLException notRecorded) {
            failure.addSuppressed(notRecorded);
        }
        return runner.failed(migration, phase, failure, "No batch of it ran. Fix the migration and run migrate again.");
    }

    /** The pause between batches; an interrupt ends it early and is kept for the caller to see. */
    private static void pause(Duration pause) {
        if (pause.isZero()) {
            return;
        }
        try {
            Thread.sleep(pause.toMillis(), (int) (pause.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
