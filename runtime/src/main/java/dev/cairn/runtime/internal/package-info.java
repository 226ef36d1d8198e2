/**
 * Cairn's engine, out of the applications' sight: not exported by the module descriptor, and free
 * to change in any release. What lives where:
 * <ul>
 *   <li>{@code internal.operation}: one class per operation ({@code MigrateOperation},
 *       {@code InfoOperation}, {@code RollbackOperation}, {@code BaselineOperation},
 *       {@code RepairOperation}) over a shared {@code Operation} that opens the connection and takes the
 *       lock;</li>
 *   <li>{@code internal.plan}: the {@code Planner} that works out a {@code Plan} (pending, skipped,
 *       problems) once per reading of the history, the {@code Validator}, and the up-to-date
 *       {@code Verification} row;</li>
 *   <li>{@code internal.run}: the {@code MigrationRunner} that applies and rolls back one migration
 *       with its history row;</li>
 *   <li>{@code internal.history}, {@code internal.dialect}, {@code internal.sql}: the history table,
 *       the database seam, SQL script splitting and checksums;</li>
 *   <li>{@link dev.cairn.runtime.internal.ApiValues}: how the engine creates the public API's values,
 *       whose constructors are not public.</li>
 * </ul>
 *
 * <pre>{@code
 * MigratorConfig config = ...;   // built by Migrator.Builder
 * MigrationReport report = new MigrateOperation(config).migrate(null);
 * }</pre>
 */
package dev.cairn.runtime.internal;
