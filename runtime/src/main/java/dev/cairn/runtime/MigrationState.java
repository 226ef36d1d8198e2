package dev.cairn.runtime;

/**
 * Where one migration stands in a database: the outcome of the latest event recorded for its
 * version in the history table, compared with the application's registry.
 *
 * <pre>{@code
 * for (MigrationInfo migration : migrator.info().migrations()) {
 *     if (migration.state() == MigrationState.PENDING) { ... }
 * }
 * }</pre>
 */
public enum MigrationState {
    /** Known to the application, never applied. */
    PENDING,
    /** Applied successfully. */
    APPLIED,
    /** Recorded by {@link Migrator#baseline(long)} as present without running it. */
    BASELINED,
    /**
     * Undone by {@link Migrator#rollback(long)}. It stays rolled back: {@code migrate()} leaves it
     * alone (and reports it as skipped); {@code migrate(target)} re-applies it when the target
     * depends on it.
     */
    ROLLED_BACK,
    /**
     * The latest attempt failed. A transactional migration left nothing behind and is retried by
     * the next {@code migrate()}; a non-transactional one blocks migrate until
     * {@link Migrator#repair()}.
     */
    FAILED,
    /**
     * Applied in the database but unknown to this application: the database was migrated by a
     * newer version of the application, or the migration was deleted from the code.
     */
    APPLIED_UNKNOWN,
    /**
     * Applied once, then recorded by {@link Migrator#forget(long...)} as no longer part of the
     * application (its script or class was deleted). Its history rows stay.
     */
    FORGOTTEN,
    /**
     * A repeatable migration applied before whose script changed since: {@link Migrator#migrate()}
     * applies it again. What its earlier version made is still in the database.
     */
    OUTDATED,
    /**
     * A {@link BatchedMigration} with committed batches but not finished: interrupted (a crash, a
     * failed batch) or stopped by a batch time limit. {@link Migrator#migrate()} resumes it after
     * its last committed batch; {@link MigrationInfo#batchProgress()} says how far it is.
     */
    IN_PROGRESS;

    /** Whether the migration's changes are in the database (applied or baselined, known or not). */
    public boolean isApplied() {
        return this == APPLIED || this == BASELINED || this == APPLIED_UNKNOWN || this == OUTDATED;
    }
}
