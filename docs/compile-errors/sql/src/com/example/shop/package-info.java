/**
 * Deliberately broken SQL migrations: see ../../compile-sql.sh.
 */
@SqlMigrationDirectory("db/migration")
@SqlMigration(version = 10, dependsOn = 3, script = "db/reports/V10__sales_report.sql")
@SqlMigration(version = 11, dependsOn = 10, script = "db/reports/V11__missing.sql")
package com.example.shop;

import dev.cairn.SqlMigration;
import dev.cairn.SqlMigrationDirectory;
