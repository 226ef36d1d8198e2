package dev.cairn.runtime;

import java.time.Duration;

/**
 * Follows a run as it happens: before and after each migration (with its duration), failures,
 * and progress messages from long-running migrations. Every method has an empty default, so
 * implement only what you need. Listeners run on the migrating thread; keep them quick.
 *
 * <pre>{@code
 * Migrator.builder(registry).dataSource(dataSource)
 *         .listener(new MigrationListener() {
 *             @Override
 *             public void afterMigration(MigrationDescriptor migration, Duration took) {
 *                 metrics.timer("migration").record(took);
 *             }
 *         })
 *         .build();
 * }</pre>
 *
 * <p>On SQLite a run is one write transaction (each migration in its own savepoint), so
 * {@link #afterMigration} means the migration succeeded; it becomes durable when the run commits.
 */
public interface MigrationListener {

    /** Called before the migration's {@code up} (or {@code down}, during rollback) runs. */
    default void beforeMigration(MigrationDescriptor migration) {
    }

    /** Called after the migration succeeded, with the time it took. */
    default void afterMigration(MigrationDescriptor migration, Duration executionTime) {
    }

    /** Called after the migration failed and its transaction was rolled back. */
    default void migrationFailed(MigrationDescriptor migration, Throwable failure) {
    }

    /** Called for every {@link MigrationContext#progress(String)} of the running migration. */
    default void progress(MigrationDescriptor migration, String message) {
    }
}
