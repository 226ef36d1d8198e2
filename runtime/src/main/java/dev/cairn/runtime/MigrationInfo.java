package dev.cairn.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of {@link Migrator#info()}: a migration known to the application or recorded in the
 * database, its state, and the details of its latest recorded event.
 *
 * <pre>{@code
 * for (MigrationInfo migration : migrator.info().migrations()) {
 *     System.out.printf("%d %s %s%n", migration.version(), migration.state(), migration.description());
 * }
 * }</pre>
 */
public final class MigrationInfo {

    private final MigrationVersion version;
    private final String description;
    private final String className;
    private final MigrationState state;
    private final Instant installedOn;
    private final String installedBy;
    private final Duration executionTime;
    private final boolean checksumMatches;
    private final String error;
    private final boolean descriptionMatches;
    private final String application;
    private final String clearedError;
    private final boolean repeatable;
    private final BatchProgress batchProgress;

    /** Creates the value; nullable arguments are those without a recorded event. */
    MigrationInfo(MigrationVersion version, String description, String className, MigrationState state, Instant installedOn,
            String installedBy, Duration executionTime, boolean checksumMatches, String error,
            boolean descriptionMatches, String application, String clearedError) {
        this(version, description, className, state, installedOn, installedBy, executionTime, checksumMatches, error,
                descriptionMatches, application, clearedError, false);
    }

    /** Creates the value, for a repeatable migration when {@code repeatable}. */
    MigrationInfo(MigrationVersion version, String description, String className, MigrationState state,
            Instant installedOn, String installedBy, Duration executionTime, boolean checksumMatches, String error,
            boolean descriptionMatches, String application, String clearedError, boolean repeatable) {
        this(version, description, className, state, installedOn, installedBy, executionTime, checksumMatches, error,
                descriptionMatches, application, clearedError, repeatable, null);
    }

    private MigrationInfo(MigrationVersion version, String description, String className, MigrationState state,
            Instant installedOn, String installedBy, Duration executionTime, boolean checksumMatches, String error,
            boolean descriptionMatches, String application, String clearedError, boolean repeatable,
            BatchProgress batchProgress) {
        this.batchProgress = batchProgress;
        this.repeatable = repeatable;
        this.descriptionMatches = descriptionMatches;
        this.application = application;
        this.clearedError = clearedError;
        this.version = version;
        this.description = description;
        this.className = className;
        this.state = state;
        this.installedOn = installedOn;
        this.installedBy = installedBy;
        this.executionTime = executionTime;
        this.checksumMatches = checksumMatches;
        this.error = error;
    }

    /** The migration's version. */
    public MigrationVersion version() {
        return version;
    }

    /**
     * What the history table recorded for an applied migration, else the description from the
     * code. The two differ when the history's row is not this migration (another application
     * wrote it): {@link #descriptionMatches()} then says so.
     */
    public String description() {
        return description;
    }

    /** The migration class, empty when the application does not know the migration. */
    public Optional<String> className() {
        return Optional.ofNullable(className);
    }

    /** Where the migration stands. */
    public MigrationState state() {
        return state;
    }

    /** When the latest event for this version was recorded; empty if none was. */
    public Optional<Instant> installedOn() {
        return Optional.ofNullable(installedOn);
    }

    /** Who recorded the latest event (the database user unless overridden); empty if none. */
    public Optional<String> installedBy() {
        return Optional.ofNullable(installedBy);
    }

    /** How long the latest recorded run took; empty if none was recorded. */
    public Optional<Duration> executionTime() {
        return Optional.ofNullable(executionTime);
    }

    /**
     * False only when both the code and the history table have a checksum for an applied
     * migration and they differ: the migration was edited after it was applied.
     */
    public boolean checksumMatches() {
        return checksumMatches;
    }

    /** The recorded error of the latest event if it was a failure. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /**
     * False when the migration is applied under another description than the code's: the row
     * recorded for its version is not this migration (usually: another application wrote it), and
     * {@link #description()} shows what the history recorded.
     */
    public boolean descriptionMatches() {
        return descriptionMatches;
    }

    /**
     * The application (registry) that wrote the latest event for this version; empty when none was
     * recorded or the row was written by a Cairn version that did not record it.
     *
     * @see Migrator.Builder#applicationName(String)
     */
    public Optional<String> application() {
        return Optional.ofNullable(application);
    }

    /**
     * The error of the latest failure {@link Migrator#repair()} cleared for this version: the
     * failure row stays in the history table, after repair as before it; empty if none was cleared.
     */
    public Optional<String> clearedError() {
        return Optional.ofNullable(clearedError);
    }

    /**
     * Whether this is a repeatable migration ({@code R__name.sql}): its {@link #version()} is 0, its
     * {@link #description()} names it, and its state is {@link MigrationState#PENDING} (never
     * applied), {@link MigrationState#APPLIED} (its current script), {@link MigrationState#OUTDATED}
     * (applied, changed since) or {@link MigrationState#FAILED} (its latest run failed); the times
     * are those of its latest apply.
     */
    public boolean repeatable() {
        return repeatable;
    }

    @Override
    public String toString() {
        return version + " " + state + " (" + description + ")";
    }

    /**
     * How far a {@link BatchedMigration} in state {@link MigrationState#IN_PROGRESS} has come: its
     * committed batches and rows, the total if it was counted, the checkpoint it resumes from.
     * Empty for every other migration.
     */
    public Optional<BatchProgress> batchProgress() {
        return Optional.ofNullable(batchProgress);
    }

    /** This entry as a batched migration in progress. */
    MigrationInfo inProgress(BatchProgress progress) {
        return new MigrationInfo(version, description, className, MigrationState.IN_PROGRESS, installedOn, installedBy,
                executionTime, checksumMatches, error, descriptionMatches, application, clearedError, repeatable,
                progress);
    }
}
