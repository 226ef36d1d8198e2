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

    /** Creates a report that skipped nothing. */
    MigrationReport(List<ExecutedMigration> applied, Duration duration) {
        this(applied, duration, List.of());
    }

    /** Creates the report, with the migrations left alone because they were rolled back. */
    MigrationReport(List<ExecutedMigration> applied, Duration duration, List<MigrationDescriptor> skipped) {
        this.applied = List.copyOf(applied);
        this.duration = duration;
        this.skipped = List.copyOf(skipped);
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

    /** Whether there was nothing to apply. */
    public boolean wasUpToDate() {
        return applied.isEmpty();
    }

    /** How long the whole call took. */
    public Duration duration() {
        return duration;
    }

    @Override
    public String toString() {
        return (wasUpToDate() ? "up to date" : "applied " + applied)
                + (skipped.isEmpty() ? "" : "; skipped, rolled back: " + skipped);
    }
}
