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
 * <p>{@link #afterMigration} is called once the migration and its history row are committed, so
 * it is durable (in singleTransaction mode, once the whole run is; in SQLite in memory, where a
 * run is one transaction with a savepoint per migration, it becomes part of the run).
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

    /**
     * Called after each batch of a {@link BatchedMigration} is committed with its checkpoint, with
     * the progress over every run so far.
     */
    default void batchCommitted(MigrationDescriptor migration, BatchProgress progress) {
    }

    /** Called for every {@link MigrationContext#progress(String)} of the running migration. */
    default void progress(MigrationDescriptor migration, String message) {
    }
}
