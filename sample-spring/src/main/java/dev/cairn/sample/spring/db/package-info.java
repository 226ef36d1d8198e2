/**
 * The bookshop's migrations: two SQL scripts in {@code src/main/resources/db/migration} and one Java
 * migration, {@link dev.cairn.sample.spring.db.SeedCatalog}, that seeds the catalogue with a Spring bean.
 */
@SqlMigrationDirectory("db/migration")
package dev.cairn.sample.spring.db;

import dev.cairn.SqlMigrationDirectory;
