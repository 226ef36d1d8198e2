/**
 * The machinery behind {@link dev.cairn.runtime.Fleet}: the worker threads that take tenants one
 * at a time from a shared list ({@link dev.cairn.runtime.internal.fleet.FleetExecutor}), the
 * connection a worker keeps for the PostgreSQL schemas of one database and the {@code search_path}
 * it sets for each tenant ({@link dev.cairn.runtime.internal.fleet.SchemaDataSource}), and the
 * listing of a database's schemas ({@link dev.cairn.runtime.internal.fleet.Schemas}). Each tenant
 * is migrated by an ordinary {@link dev.cairn.runtime.Migrator}: its own history table, its own
 * lock, its own one-query start when it is up to date.
 *
 * <pre>{@code
 * List<R> results = FleetExecutor.run(targets, 4, false, task, failed, notRun, progress);
 * }</pre>
 */
package dev.cairn.runtime.internal.fleet;
