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

    /** Creates the report. */
    public MigrationReport(List<ExecutedMigration> applied, Duration duration) {
        this.applied = List.copyOf(applied);
        this.duration = duration;
    }

    /** The migrations applied by this call, in order. */
    public List<ExecutedMigration> applied() {
        return applied;
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
        return wasUpToDate() ? "up to date" : "applied " + applied;
    }
}
