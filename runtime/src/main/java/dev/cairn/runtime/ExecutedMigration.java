package dev.cairn.runtime;

import java.time.Duration;

/**
 * One migration that an operation ran (applied, rolled back or recorded), with the time it took.
 *
 * <pre>{@code
 * for (ExecutedMigration applied : migrator.migrate().applied()) {
 *     System.out.println(applied.migration() + " took " + applied.executionTime().toMillis() + " ms");
 * }
 * }</pre>
 */
public final class ExecutedMigration {

    private final MigrationDescriptor migration;
    private final Duration executionTime;

    /** Creates the value. */
    ExecutedMigration(MigrationDescriptor migration, Duration executionTime) {
        this.migration = migration;
        this.executionTime = executionTime;
    }

    /** The migration. */
    public MigrationDescriptor migration() {
        return migration;
    }

    /** How long it took; zero for a migration that was only recorded (baseline). */
    public Duration executionTime() {
        return executionTime;
    }

    @Override
    public String toString() {
        return migration + " in " + executionTime.toMillis() + " ms";
    }
}
