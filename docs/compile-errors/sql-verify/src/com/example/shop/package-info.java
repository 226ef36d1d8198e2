/**
 * SQL migrations that are well formed but fail when run: see ../../compile-sql.sh, which compiles
 * them with -Acairn.verify=sqlite.
 */
@SqlMigrationDirectory("db/migration")
package com.example.shop;

import dev.cairn.SqlMigrationDirectory;
