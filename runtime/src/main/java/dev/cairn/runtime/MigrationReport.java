package dev.cairn.runtime;

import java.time.Duration;
import java.util.List;

/**
 * The result of {@link Migrator#migrate()}: the migrations applied, in order, with timings.
 *
 * <pre>{@code
 * MigrationReport report = migrator.migrate();
 * if (!report.wasUpToDate()) {
 *     log.info("applied " + report.applied().size() + " migration(s) in " + report.duration());
 * }
 * }</pre>
 */
public final class MigrationReport {

    private final List<ExecutedMigration> applied;
    private final Duration duration;
    private final List<MigrationDescriptor> skipped;
    private final List<MigrationDescriptor> unfinished;
    private final List<MigrationDescriptor> waiting;

    /** Creates a report that skipped nothing. */
    MigrationReport(List<ExecutedMigration> applied, Duration duration) {
        this(applied, duration, List.of());
    }

    /** Creates the report, with the migrations left alone because they were rolled back. */
    MigrationReport(List<ExecutedMigration> applied, Duration duration, List<MigrationDescriptor> skipped) {
        this(applied, duration, skipped, List.of(), List.of());
    }

    /** Creates the report, with the batched migrations a batch time limit left unfinished and those waiting for them. */
    MigrationReport(List<ExecutedMigration> applied, Duration duration, List<MigrationDescriptor> skipped,
            List<MigrationDescriptor> unfinished, List<MigrationDescriptor> waiting) {
        this.applied = List.copyOf(applied);
        this.duration = duration;
        this.skipped = List.copyOf(skipped);
        this.unfinished = List.copyOf(unfinished);
        this.waiting = List.copyOf(waiting);
    }

    /** The migrations applied by this call, in order. */
    public List<ExecutedMigration> applied() {
        return applied;
    }

    /**
     * The migrations a {@code migrate()} without a target left alone, in registry order: those
     * rolled back (an operator's decision that a restart must not undo) and pending ones that
     * depend on them. {@code migrate(target)} re-applies those in the target's closure.
     */
    public List<MigrationDescriptor> skipped() {
        return skipped;
    }

    /**
     * The {@link BatchedMigration}s this call left in progress because its batch time limit
     * ({@link Migrator.Builder#batchTimeLimit}) ran out: their committed batches stay, and the next
     * {@code migrate()} resumes them. Empty without a limit, since migrate then runs every batch.
     */
    public List<MigrationDescriptor> unfinished() {
        return unfinished;
    }

    /**
     * The pending migrations this call did not apply because they depend, directly or through
     * others, on an {@link #unfinished()} batched migration: they wait for it to finish.
     */
    public List<MigrationDescriptor> waiting() {
        return waiting;
    }

    /** Whether there was nothing to apply: nothing applied, nothing left unfinished. */
    public boolean wasUpToDate() {
        return applied.isEmpty() && unfinished.isEmpty();
    }

    /** Whether every pending migration is applied: nothing was left unfinished by a batch time limit. */
    public boolean isComplete() {
        return unfinished.isEmpty();
    }

    /** How long the whole call took. */
    public Duration duration() {
        return duration;
    }

    @Override
    public String toString() {
        return (wasUpToDate() ? "up to date" : "applied " + applied)
                + (skipped.isEmpty() ? "" : "; skipped, rolled back: " + skipped)
                + (unfinished.isEmpty() ? "" : "; unfinished (batch time limit): " + unfinished)
                + (waiting.isEmpty() ? "" : "; waiting for them: " + waiting);
    }
}
