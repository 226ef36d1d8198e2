package dev.cairn.runtime.generated;

import dev.cairn.runtime.JavaMigration;




/**
 * Creates migrations by their position in a registry. The generated {@code MigrationRegistry}
 * implements it with plain {@code new} expressions, one per migration, so that a migration class
 * is loaded only when {@link dev.cairn.runtime.MigrationDescriptor#newInstance()} is called. Application code does
 * not implement it.
 */
@FunctionalInterface
public interface MigrationFactory {

    /** Creates a new instance of the migration at {@code index} of the registry's list. */
    JavaMigration create(int index);
}
