package dev.cairn.runtime;

import static dev.cairn.runtime.testing.Versions.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.internal.run.MigrationRunner;
import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * repair leaves an audit trail (issue 12, section 6): it appends a REPAIR row saying who cleared
 * or realigned what, and when, and the failure it cleared stays in the history table, readable,
 * without blocking any more.
 */
class RepairAuditTest {

    private static List<String> events(TestDatabase database) throws Exception {
        return database.column("SELECT concat(version, ':', event) FROM cairn_schema_history ORDER BY installed_rank");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void repairKeepsTheFailureItClearsAndRecordsWhoClearedItAndWhen(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            AtomicInteger attempts = new AtomicInteger();
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .migration(2).dependsOn(1).nonTransactional().up(context -> {
                        context.execute("CREATE TABLE partly (id INT)");
                        if (attempts.incrementAndGet() == 1) {
                            throw new IllegalStateException("crashed halfway");
                        }
                    })
                    .build();
            Migrator migrator = Migrator.builder(registry).dataSource(database.dataSource())
                    .installedBy("operator-ann").build();
            assertThrows(MigrationFailedException.class, migrator::migrate);
            assertThrows(PendingRepairException.class, migrator::migrate);
            database.execute("DROP TABLE partly"); // the operator cleans up by hand

            RepairReport report = migrator.repair();

            assertEquals(versions(2), report.clearedFailures());
            assertEquals(List.of("1:APPLY", "2:APPLY_FAILED", "2:REPAIR"), events(database),
                    "the failure stays; the repair is recorded after it");
            assertEquals(List.of("operator-ann"), database.column(
                    "SELECT installed_by FROM cairn_schema_history WHERE event = 'REPAIR'"));
            assertEquals(1, database.count("SELECT COUNT(*) FROM cairn_schema_history WHERE event = 'REPAIR' "
                    + "AND installed_on IS NOT NULL"));
            MigrationInfo two = migrator.info().migrations().get(1);
            assertEquals(MigrationState.PENDING, two.state(), "a cleared failure blocks nothing");
            assertTrue(two.error().isEmpty());
            assertTrue(two.clearedError().orElse("").contains("crashed halfway"), two.clearedError().toString());
            assertTrue(migrator.validate().isValid(), migrator.validate().toString());
            assertTrue(migrator.repair().wasClean(), "a cleared failure is not cleared again");

            migrator.migrate();

            assertEquals(2, attempts.get());
            assertEquals(List.of("1:APPLY", "2:APPLY_FAILED", "2:REPAIR", "2:APPLY"), events(database));
            MigrationInfo applied = migrator.info().migrations().get(1);
            assertEquals(MigrationState.APPLIED, applied.state());
            assertTrue(applied.clearedError().orElse("").contains("crashed halfway"), "still readable after re-applying");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void repairRecordsTheChecksumItRealignsAfterTheOneItReplaces(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator.builder(TestRegistry.builder().migration(1).up("CREATE TABLE a (id INT)").build())
                    .dataSource(database.dataSource()).build().migrate();
            Migrator edited = Migrator.builder(TestRegistry.builder().migration(1).checksum("checksum-1-edited")
                    .build()).dataSource(database.dataSource()).build();

            assertEquals(versions(1), edited.repair().realignedChecksums());

            assertEquals(List.of("1:APPLY:checksum-1", "1:REPAIR:checksum-1-edited"), database.column(
                    "SELECT concat(version, ':', event, ':', checksum) FROM cairn_schema_history ORDER BY installed_rank"));
            assertTrue(edited.validate().isValid());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void anInterruptionClearedByRepairStaysWhenTheMigrationRunsAgain(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .migration(2).dependsOn(1).nonTransactional().up("CREATE TABLE b (id INT)")
                    .build();
            Migrator migrator = Migrator.builder(registry).dataSource(database.dataSource()).build();
            migrator.migrate(1L);
            // What a process killed while the non-transactional migration 2 ran leaves: its marker.
            database.execute("INSERT INTO cairn_schema_history (version, description, type, event, checksum, "
                    + "installed_by, installed_on, execution_time_ms, success, error) VALUES (2, 'Migration 2', "
                    + "'JAVA_NON_TRANSACTIONAL', 'APPLY_FAILED', 'checksum-2', 'killed', " + (database.isSqlite()
                            ? "'2025-01-01T00:00:00Z', 0, 0, '" : "CURRENT_TIMESTAMP, 0, FALSE, '")
                    + MigrationRunner.INTERRUPTED + "')");
            assertThrows(PendingRepairException.class, migrator::migrate);

            assertEquals(versions(2), migrator.repair().clearedFailures());
            migrator.migrate();

            // The new run's own marker is removed when it ends; the cleared one of the killed run stays.
            assertEquals(List.of("1:APPLY", "2:APPLY_FAILED", "2:REPAIR", "2:APPLY"), events(database));
            assertTrue(migrator.validate().isValid());
        }
    }
}
