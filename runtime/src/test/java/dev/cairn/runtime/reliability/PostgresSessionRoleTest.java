package dev.cairn.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.MigrationFailedException;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL migration that changes its session's role (the usual way to make another role own
 * the objects it creates: {@code SET ROLE app_owner}), or its statement or lock timeout, changes
 * them for that migration only, as its {@code search_path} already was: the next migration, and
 * Cairn's own history row, run with the session the run began with. Before, the history row was
 * written as the new role, which has no right on the history table, so the migration failed on
 * Cairn's bookkeeping; and every later migration ran as that role and with those timeouts.
 */
class PostgresSessionRoleTest {

    @Test
    void aMigrationsSetRoleOwnsItsObjectsOnlyAndTheHistoryIsWrittenAsTheSessionsUser() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            database.execute("DO $$ BEGIN CREATE ROLE shop_owner NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            database.execute("GRANT CREATE, USAGE ON SCHEMA public TO shop_owner");
            String user = database.column("SELECT current_user").get(0);
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up(context -> {
                        context.execute("SET ROLE shop_owner");
                        context.execute("CREATE TABLE books (id INT)");
                    })
                    .migration(2).dependsOn(1).up("CREATE TABLE loans (id INT)")
                    .migration(3).dependsOn(2).up("SET ROLE shop_owner").nonTransactional()
                    .migration(4).dependsOn(3).up("CREATE TABLE fines (id INT)")
                    .build();
            Migrator migrator = Migrator.builder(registry).dataSource(database.dataSource()).build();

            List<Long> applied = migrator.migrate().applied().stream()
                    .map(executed -> executed.migration().version().asLong()).collect(Collectors.toList());

            assertEquals(List.of(1L, 2L, 3L, 4L), applied);
            assertEquals(List.of("books:shop_owner", "fines:" + user, "loans:" + user), database.column(
                    "SELECT tablename || ':' || tableowner FROM pg_tables WHERE tablename IN ('books', 'loans', 'fines') "
                            + "ORDER BY tablename"), "migration 1's SET ROLE stops with migration 1, and 3's with 3");
            assertEquals(List.of(user), database.column(
                    "SELECT DISTINCT installed_by FROM cairn_schema_history WHERE version > 0"));
            assertTrue(migrator.validate().isValid());
        }
    }

    /** The failure row of a migration that set a role is written too, and names the migration's own error. */
    @Test
    void aFailedMigrationThatSetARoleIsRecordedAsFailed() throws Exception {
        for (boolean transactional : new boolean[] {true, false}) {
            try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
                database.execute("DO $$ BEGIN CREATE ROLE shop_clerk NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
                String table = transactional ? "tx_history" : "auto_commit_history";
                TestRegistry.Builder builder = TestRegistry.builder()
                        .migration(1).up(context -> {
                            context.execute("SET ROLE shop_clerk");
                            context.execute("SELECT 1 / 0");
                        });
                if (!transactional) {
                    builder.nonTransactional();
                }
                Migrator migrator = Migrator.builder(builder.build()).dataSource(database.dataSource())
                        .historyTable(table).build();

                MigrationFailedException failed = assertThrows(MigrationFailedException.class, migrator::migrate);

                assertTrue(failed.getMessage().contains("division by zero"), failed.getMessage());
                List<String> rows = database.column("SELECT event || ': ' || error FROM " + table
                        + " WHERE version = 1 ORDER BY installed_rank");
                assertEquals(1, rows.size(), "one row: the failure, which replaced the running marker: " + rows);
                assertTrue(rows.get(0).startsWith("APPLY_FAILED: ") && rows.get(0).contains("division by zero"),
                        rows.get(0));
                assertFalse(failed.getMessage().contains("could not record"), failed.getMessage());
            }
        }
    }

    @Test
    void timeoutsAMigrationSetsStopWithIt() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            List<String> seen = new java.util.ArrayList<>();
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up(context -> {
                        context.execute("SET statement_timeout = '1234ms'");
                        context.execute("SET lock_timeout = 0");
                    })
                    .migration(2).dependsOn(1).up(context -> {
                        try (java.sql.Statement statement = context.connection().createStatement();
                                java.sql.ResultSet result = statement.executeQuery(
                                        "SELECT current_setting('statement_timeout'), current_setting('lock_timeout')")) {
                            result.next();
                            seen.add(result.getString(1));
                            seen.add(result.getString(2));
                        }
                    })
                    .build();

            Migrator.builder(registry).dataSource(database.dataSource()).lockTimeout(java.time.Duration.ofSeconds(7))
                    .build().migrate();

            assertEquals(List.of("0", "7s"), seen,
                    "migration 2 sees the session's statement_timeout and Cairn's lock timeout, not 1's");
        }
    }
}
