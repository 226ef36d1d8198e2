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

    private final long version;
    private final String description;
    private final String className;
    private final MigrationState state;
    private final Instant installedOn;
    private final String installedBy;
    private final Duration executionTime;
    private final boolean checksumMatches;
    private final String error;

    /** Creates the value; nullable arguments are those without a recorded event. */
    MigrationInfo(long version, String description, String className, MigrationState state, Instant installedOn,
            String installedBy, Duration executionTime, boolean checksumMatches, String error) {
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
    public long version() {
        return version;
    }

    /** The description from the code, or from the history table for an unknown migration. */
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

    @Override
    public String toString() {
        return version + " " + state + " (" + description + ")";
    }
}
