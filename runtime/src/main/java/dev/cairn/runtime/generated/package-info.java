/**
 * Called by the {@code MigrationRegistry} that the Cairn annotation processor generates, and by
 * nothing else: {@link dev.cairn.runtime.generated.GeneratedMigrations} describes and creates the
 * migrations, {@link dev.cairn.runtime.generated.MigrationFactory} creates them by index, and
 * {@link dev.cairn.runtime.generated.ScriptResources} opens the application's SQL scripts. Exported
 * because generated code lives in the application's packages; application code has no reason to
 * use it.
 *
 * <pre>{@code
 * list.add(GeneratedMigrations.javaMigration(2, "Add user email", new long[] {1},
 *         "com.example.db.AddUserEmail", true, true, checksum, factory, 1));
 * }</pre>
 */
package dev.cairn.runtime.generated;
