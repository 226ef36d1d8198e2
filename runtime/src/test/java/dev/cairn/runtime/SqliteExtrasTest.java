package dev.cairn.runtime;

import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** user_version, backups and integrity checks: what only SQLite has. */
class SqliteExtrasTest {

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "SQLITE_MEMORY"})
    void userVersionHoldsTheHighestAppliedVersion(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).migration(5).dependsOn(1)
                    .migration(3).dependsOn(1).down(context -> { })
                    .migration(7).dependsOn(5).down(context -> { })
                    .build();
            Migrator migrator = Migrator.builder(registry).dataSource(database.dataSource()).build();

            migrator.migrate(5);
            assertEquals(5, database.count("PRAGMA user_version"));
            migrator.migrate();
            assertEquals(7, database.count("PRAGMA user_version"));
            migrator.rollback(5);
            assertEquals(5, database.count("PRAGMA user_version"));
        }
    }

    @Test
    void userVersionIsLeftUnchangedWhenTheVersionDoesNotFitIn32Bits() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(42).migration(20251119143022L).dependsOn(42).build();
            Migrator migrator = Migrator.builder(registry).dataSource(database.dataSource()).build();

            migrator.migrate(42);
            migrator.migrate();

            assertEquals(42, database.count("PRAGMA user_version"));
        }
    }

    @Test
    void backupIsTakenBeforeApplyingKeepsTheNewestAndRestoresThePreviousState(@TempDir Path backups)
            throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            TestRegistry.Builder builder = TestRegistry.builder();
            for (int version = 1; version <= 3; version++) {
                builder.migration(version).up("CREATE TABLE t" + version + " (id INT)");
                if (version > 1) {
                    builder.dependsOn(version - 1);
                }
                Migrator.builder(builder.build()).dataSource(database.dataSource()).backup(backups, 2).build()
                        .migrate();
            }
            Migrator.builder(builder.build()).dataSource(database.dataSource()).backup(backups, 2).build().migrate();

            List<Path> kept = SqliteBackups.list(backups, database.file());
            assertEquals(2, kept.size(), "three runs applied something, the retention is two: " + kept);
            assertTrue(kept.get(0).getFileName().toString().startsWith("test.db."), kept.toString());

            SqliteBackups.restore(kept.get(0), database.file());

            // The newest backup was taken just before migration 3 was applied.
            assertTrue(database.tableExists("t2"));
            assertFalse(database.tableExists("t3"));
            assertEquals(List.of("1", "2"), database.column("SELECT version FROM cairn_schema_history"));
        }
    }

    @Test
    void backupOfAnInMemoryDatabaseIsSkipped(@TempDir Path backups) throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_MEMORY.open()) {
            Migrator.builder(TestRegistry.builder().migration(1).build()).dataSource(database.dataSource())
                    .backup(backups, 3).build().migrate();

            try (var files = Files.list(backups)) {
                assertEquals(0, files.count());
            }
        }
    }

    @Test
    void integrityCheckFailureFailsTheRunAndSaysTheCommittedMigrationsStayApplied() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
                    .migration(2).dependsOn(1).up(context -> {
                        context.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, "
                                + "customer_id INTEGER REFERENCES customers (id))");
                        // foreign keys are not enforced by default in SQLite, so the orphan goes in
                        context.execute("INSERT INTO orders (id, customer_id) VALUES (1, 99)");
                    })
                    .build();
            Migrator migrator = Migrator.builder(registry).dataSource(database.dataSource()).integrityCheck(true)
                    .build();

            IntegrityCheckException failure = assertThrows(IntegrityCheckException.class, migrator::migrate);

            assertTrue(failure.findings().get(0).contains("orders"), failure.findings().toString());
            assertTrue(failure.getMessage().contains("The migrations of this run are applied"), failure.getMessage());
            // Each migration committed with its history row as it finished; the check runs after the run.
            assertTrue(database.tableExists("orders"));
            assertEquals(List.of(MigrationState.APPLIED, MigrationState.APPLIED),
                    migrator.info().migrations().stream().map(MigrationInfo::state).toList());
            assertEquals(2L, database.count("PRAGMA user_version"));
        }
    }

    @Test
    void integrityCheckPassesForAConsistentDatabase() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
                    .build();

            Migrator.builder(registry).dataSource(database.dataSource()).integrityCheck(true).build().migrate();

            assertTrue(database.tableExists("customers"));
        }
    }
}
