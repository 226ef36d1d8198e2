package dev.cairn.runtime;

import static dev.cairn.runtime.testing.Versions.versions;
import dev.cairn.runtime.testing.PostgresServer;
import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import static dev.cairn.runtime.MigrateTest.states;
import static dev.cairn.runtime.MigrateTest.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The verified startup path: a registry with a fingerprint records it in a VERIFIED history row
 * once the database is complete and valid, and the next start reads that one row only. Anything
 * written to the history later, or any change to the registry, brings back the full check.
 */
class VerifiedStartupTest {

    private static List<String> events(TestDatabase database) throws Exception {
        return database.column("SELECT concat(version, ':', event) FROM cairn_schema_history ORDER BY installed_rank");
    }

    private static Migrator migrator(TestDatabase database, Registry registry) {
        return Migrator.builder(registry).dataSource(database.dataSource()).build();
    }

    /** 1 <- 2 <- 3, reversible, fingerprinted; {@code editedChecksumOf2} replaces 2's checksum when not null. */
    private static TestRegistry chain(int count, String editedChecksumOf2) {
        TestRegistry.Builder builder = TestRegistry.builder().fingerprinted();
        for (int version = 1; version <= count; version++) {
            builder.migration(version).up("CREATE TABLE t" + version + " (id INT)").down("DROP TABLE t" + version);
            if (version > 1) {
                builder.dependsOn(version - 1);
            }
            if (version == 2 && editedChecksumOf2 != null) {
                builder.checksum(editedChecksumOf2);
            }
        }
        return builder.build();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void upToDateStartupWithMatchingFingerprintRunsOneQueryAndBuildsNoDescriptors(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            AtomicInteger created = new AtomicInteger();
            TestRegistry.Builder builder = TestRegistry.builder().fingerprinted();
            for (int version = 1; version <= 2000; version++) {
                builder.migration(version).up(context -> created.incrementAndGet());
                if (version > 1) {
                    builder.dependsOn(version - 1);
                }
            }
            TestRegistry registry = builder.build();
            migrator(database, registry).migrate();
            registry.resetMigrationsCalls();
            AtomicInteger statements = new AtomicInteger();

            MigrationReport report = Migrator.builder(registry)
                    .dataSource(StartupPathTest.countingStatements(database.dataSource(), statements)).build()
                    .migrate();

            assertTrue(report.wasUpToDate());
            assertTrue(report.skipped().isEmpty());
            // On PostgreSQL, plus the statement that sets the session's lock_timeout to the lock timeout
            // and settles the history table's schema, and the one that puts lock_timeout back; on H2
            // the lock timeout and the current schema are read in one query, then set and put back.
            assertEquals(database.isH2() ? 4 : kind == TestDatabase.Kind.POSTGRES || database.isMariaDb() ? 3 : 1, statements.get(),
                    "one query, for the latest history row");
            assertEquals(0, registry.migrationsCalls(), "no descriptor list may be built or read");
            assertEquals(2000, created.get(), "no migration may be instantiated when up to date");
            if (kind == TestDatabase.Kind.POSTGRES) {
                statements.set(0);
                assertTrue(Migrator.builder(registry).historySchema("public")
                        .dataSource(StartupPathTest.countingStatements(database.dataSource(), statements)).build()
                        .migrate().wasUpToDate());
                // The read, and the two statements that set and put back the session's lock_timeout.
                assertEquals(3, statements.get(), "with historySchema configured, nothing to settle");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void firstStartAfterMigrateRecordsVerifiedRowOnce(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = chain(3, null);

            migrator(database, registry).migrate();
            migrator(database, registry).migrate();
            migrator(database, registry).migrate(2);

            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY", "0:VERIFIED"), events(database));
            assertEquals(List.of(registry.fingerprint().orElseThrow()),
                    database.column("SELECT checksum FROM cairn_schema_history WHERE event = 'VERIFIED'"));
            assertEquals(List.of("Verified 3 migrations up to date"),
                    database.column("SELECT description FROM cairn_schema_history WHERE event = 'VERIFIED'"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void firstFingerprintedStartOnAnUpToDateDatabaseRecordsTheVerificationAndTheNextStartReadsOneRow(
            TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            // Migrated by a registry without fingerprint, as by a Cairn version before verification rows.
            migrator(database, TestRegistry.builder().migration(1).migration(2).dependsOn(1).build()).migrate();
            TestRegistry registry = TestRegistry.builder().fingerprinted().migration(1).migration(2).dependsOn(1)
                    .build();

            assertTrue(migrator(database, registry).migrate().wasUpToDate());
            assertEquals(List.of("1:APPLY", "2:APPLY", "0:VERIFIED"), events(database));

            registry.resetMigrationsCalls();
            AtomicInteger statements = new AtomicInteger();
            assertTrue(Migrator.builder(registry)
                    .dataSource(StartupPathTest.countingStatements(database.dataSource(), statements)).build()
                    .migrate().wasUpToDate());
            // PostgreSQL: plus lock_timeout set (with the schema settled) and put back.
            assertEquals(database.isH2() ? 4 : kind == TestDatabase.Kind.POSTGRES || database.isMariaDb() ? 3 : 1,
                    statements.get());
            assertEquals(0, registry.migrationsCalls());
            assertEquals(List.of("1:APPLY", "2:APPLY", "0:VERIFIED"), events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void instancesStartingTogetherApplyEachMigrationOnceAndRecordOneVerification(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = chain(5, null);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<MigrationReport>> reports = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    reports.add(threads.submit(() -> {
                        start.await();
                        return migrator(database, registry).migrate();
                    }));
                }
                start.countDown();
                int applied = 0;
                for (Future<MigrationReport> report : reports) {
                    applied += report.get(2, TimeUnit.MINUTES).applied().size();
                }

                assertEquals(5, applied);
            } finally {
                threads.shutdownNow();
            }
            // Whoever waited for the lock re-read the history under it and found the verification there.
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY", "4:APPLY", "5:APPLY", "0:VERIFIED"),
                    events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void editedMigrationIsStillDetectedAfterAVerifiedRow(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry original = chain(3, null);
            migrator(database, original).migrate();
            TestRegistry edited = chain(3, "edited");
            assertTrue(!original.fingerprint().equals(edited.fingerprint()));
            Migrator migrator = migrator(database, edited);

            ValidationException invalid = assertThrows(ValidationException.class, migrator::migrate);

            assertEquals(ValidationProblem.Kind.CHECKSUM_MISMATCH, invalid.report().problems().get(0).kind());
            assertEquals(2, invalid.report().problems().get(0).version().asLong());
            // Once repaired, the edited registry is verified in turn; the old verification stays in the trail.
            assertEquals(versions(2), migrator.repair().realignedChecksums());
            assertTrue(migrator.migrate().wasUpToDate());
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY", "0:VERIFIED", "2:REPAIR", "0:VERIFIED"),
                    events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void databaseNewerThanApplicationIsStillDetectedAfterAVerifiedRow(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry older = chain(2, null);
            migrator(database, older).migrate();
            migrator(database, chain(3, null)).migrate(); // a newer deployment, verified in turn

            DatabaseNewerThanApplicationException failure = assertThrows(DatabaseNewerThanApplicationException.class,
                    () -> migrator(database, older).migrate());

            assertEquals(versions(3), failure.unknownVersions());
            assertEquals(List.of("1:APPLY", "2:APPLY", "0:VERIFIED", "3:APPLY", "0:VERIFIED"), events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void rollbackAfterVerifiedRowMakesTheNextStartRunTheFullCheck(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = chain(3, null);
            Migrator migrator = migrator(database, registry);
            migrator.migrate();
            migrator.rollback(1);
            registry.resetMigrationsCalls();

            MigrationReport restart = migrator.migrate();

            assertTrue(registry.migrationsCalls() > 0, "the full check compares the registry with the history");
            assertEquals(List.of(2L, 3L), versions(restart.skipped()), "the rollback is seen and kept");
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY", "0:VERIFIED", "3:ROLLBACK", "2:ROLLBACK"),
                    events(database), "an incomplete database is not verified");

            assertEquals(List.of(2L, 3L), versions(migrator.migrate(3).applied()));
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY", "0:VERIFIED", "3:ROLLBACK", "2:ROLLBACK",
                    "2:APPLY", "3:APPLY", "0:VERIFIED"), events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void failedMigrationAfterAVerifiedRowIsNotVerifiedUntilItIsApplied(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, chain(2, null)).migrate();
            TestRegistry broken = TestRegistry.builder().fingerprinted()
                    .migration(1).up("CREATE TABLE t1 (id INT)")
                    .migration(2).dependsOn(1).up("CREATE TABLE t2 (id INT)")
                    .migration(3).dependsOn(2).up("THIS IS NOT SQL")
                    .build();

            assertThrows(MigrationFailedException.class, () -> migrator(database, broken).migrate());
            assertThrows(MigrationFailedException.class, () -> migrator(database, broken).migrate());
            assertEquals(List.of(3L), versions(migrator(database, chain(3, null)).migrate().applied()));

            assertEquals(List.of("1:APPLY", "2:APPLY", "0:VERIFIED", "3:APPLY_FAILED", "3:APPLY_FAILED", "3:APPLY",
                    "0:VERIFIED"), events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void baselineAfterAVerifiedRowIsFollowedByTheFullCheckAndANewVerification(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, chain(2, null)).migrate();
            TestRegistry grown = chain(4, null);
            Migrator migrator = migrator(database, grown);
            migrator.baseline(3);

            assertEquals(List.of(4L), versions(migrator.migrate().applied()));
            assertEquals(List.of("1:APPLY", "2:APPLY", "0:VERIFIED", "3:BASELINE", "4:APPLY", "0:VERIFIED"),
                    events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void infoAndValidateIgnoreTheVerifiedRow(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator migrator = migrator(database, chain(3, null));
            migrator.migrate();

            assertEquals(List.of(MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.APPLIED),
                    states(migrator.info()));
            assertTrue(migrator.validate().isValid(), migrator.validate().toString());
            RepairReport repair = migrator.repair();
            assertTrue(repair.clearedFailures().isEmpty() && repair.realignedChecksums().isEmpty(), repair.toString());
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY", "0:VERIFIED"), events(database),
                    "repair leaves the verification alone");
            // An application without fingerprint reads the same history the full way, unbothered by the row.
            TestRegistry handWritten = TestRegistry.builder().migration(1).migration(2).dependsOn(1)
                    .migration(3).dependsOn(2).build();
            assertTrue(migrator(database, handWritten).migrate().wasUpToDate());
            assertEquals(3, migrator(database, handWritten).info().migrations().size());
        }
    }

    /**
     * Issue 16 (a fleet pays it per tenant): the end of a run that applied something writes
     * user_version and the VERIFIED row in one transaction, not one each. SQLite's file change
     * counter (header bytes 24 to 27) goes up once per committed write transaction: the history
     * table, one per migration, one for the end of the run.
     */
    @Test
    void endOfRunRecordsUserVersionAndVerifiedRowInOneTransaction() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            TestRegistry registry = chain(3, null);

            migrator(database, registry).migrate();

            byte[] header = java.nio.file.Files.readAllBytes(database.file());
            int commits = java.nio.ByteBuffer.wrap(header, 24, 4).getInt();
            assertEquals(1 + 3 + 1, commits, "write transactions: the history table, 3 migrations, the end of the run");
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY", "0:VERIFIED"), events(database));
            assertEquals(List.of("3"), database.column("PRAGMA user_version"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES"})
    void readOnlyOrFailingVerifiedWriteDoesNotFailStartup(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            // Migrated without a fingerprint, so that the read-only start finds no verification row.
            migrator(database, TestRegistry.builder().migration(1).migration(2).dependsOn(1).build()).migrate();
            TestRegistry registry = TestRegistry.builder().fingerprinted().migration(1).migration(2).dependsOn(1)
                    .build();

            MigrationReport report = Migrator.builder(registry).dataSource(readOnly(database)).build().migrate();

            assertTrue(report.wasUpToDate(), report.toString());
            assertEquals(List.of("1:APPLY", "2:APPLY"), events(database));
        }
    }

    /** A DataSource whose user may read the history table but write nothing. */
    private static DataSource readOnly(TestDatabase database) throws Exception {
        if (database.isSqlite()) {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            SQLiteDataSource dataSource = new SQLiteDataSource(config);
            dataSource.setUrl(database.jdbcUrl());
            return dataSource;
        }
        String databaseName = database.jdbcUrl().replaceAll(".*/([^/?]+)\\?.*", "$1");
        String role = "reader_" + databaseName;
        database.execute("CREATE ROLE " + role + " LOGIN");
        database.execute("GRANT SELECT ON cairn_schema_history TO " + role);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {PostgresServer.shared().port()});
        dataSource.setDatabaseName(databaseName);
        dataSource.setUser(role);
        return dataSource;
    }
}
