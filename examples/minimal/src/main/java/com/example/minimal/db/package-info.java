/**
 * The migrations: SQL scripts in {@code src/main/resources/db/migration} (named here once) and
 * {@code @Migration} classes. The processor generates {@code MigrationRegistry} in this package.
 */
@SqlMigrationDirectory("db/migration")
package com.example.minimal.db;

import dev.cairn.SqlMigrationDirectory;
