/**
 * Running migrations: {@link dev.cairn.runtime.internal.run.MigrationRunner} applies or rolls back
 * one migration together with its history row, tells the listeners, and records failures; the
 * context a migration receives; the SQL scripts' check before a run. Internal to Cairn.
 *
 * <pre>{@code
 * MigrationRunner runner = new MigrationRunner(config, connection, dialect, table, installedBy);
 * ExecutedMigration applied = runner.apply(migration);
 * }</pre>
 */
package dev.cairn.runtime.internal.run;
