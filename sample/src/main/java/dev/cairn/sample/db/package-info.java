/**
 * The bookshop's migrations, Java and SQL in one graph.
 *
 * <p>Versions 1 to 7 and 11 to 13 are {@code @Migration} classes in this package (13 a batched one). Versions 8 to 10 are
 * SQL scripts in {@code src/main/resources/db/migration}, declared by the annotation below the way
 * a team with a folder of scripts declares them: every {@code V<version>__<description>.sql} there
 * is a migration, {@code U<version>__<description>.sql} beside it is its undo script for
 * {@code rollback}, and a script depends on the versions in its {@code -- depends-on:} header, or
 * else on the previous script of the folder.
 *
 * <pre>{@code
 * V8__create_order_statuses.sql  -- depends-on:        (a root: reference data)
 * V9__create_orders.sql          -- depends-on: 7, 8  (SQL after a Java migration)
 * V10__order_totals_view.sql     no header: after 9
 * SeedOrders                     @Migration(version = 11, dependsOn = 9)  (Java after SQL)
 * ImportOrderArchive             @Migration(version = 12, dependsOn = 11) (200,000 rows)
 * BackfillOrderTotals            @Migration(version = 13, dependsOn = 12) (batched)
 * }</pre>
 */
@SqlMigrationDirectory("db/migration")
package dev.cairn.sample.db;

import dev.cairn.SqlMigrationDirectory;
