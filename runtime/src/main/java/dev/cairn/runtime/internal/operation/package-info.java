/**
 * The engine's operations, one class each, called by {@link dev.cairn.runtime.Migrator}: migrate and
 * plan, info and validate, rollback, baseline, repair. {@link dev.cairn.runtime.internal.operation.Operation}
 * holds what they share: one connection per call, returned as it came, and work under the migration
 * lock with the history read again after taking it. Internal to Cairn.
 *
 * <pre>{@code
 * MigrationPlan plan = new MigrateOperation(config).plan(null);
 * }</pre>
 */
package dev.cairn.runtime.internal.operation;
