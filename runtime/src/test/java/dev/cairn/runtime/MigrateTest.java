package dev.cairn.runtime;

import dev.cairn.runtime.testing.Versions;
import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** migrate, plan, history and transactions on SQLite files, SQLite in memory and PostgreSQL. */
class MigrateTest {

    private static Migrator migrator(TestDatabase database, Registry registry) {
        return Migrator.builder(registry).dataSource(database.dataSource()).build();
    }

    private static List<String> events(TestDatabase database) throws Exception {
        return database.column("SELECT concat(version, ':', event) FROM cairn_schema_history ORDER BY installed_rank");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void appliesPendingMigrationsInOrderAndRecordsEachInHistory(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE users (id INT)")
                    .migration(2).dependsOn(1).up("ALTER TABLE users ADD COLUMN email VARCHAR(100)")
                    .build();

            MigrationReport report = migrator(database, registry).migrate();

            assertEquals(List.of(1L, 2L), versions(report.applied()));
            assertEquals(List.of("1:APPLY", "2:APPLY"), events(database));
            assertEquals(List.of("checksum-1", "checksum-2"),
                    database.column("SELECT checksum FROM cairn_schema_history ORDER BY installed_rank"));
            database.execute("INSERT INTO users (id, email) VALUES (1, 'a@example.com')");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void eachMigrationIsCommittedWithItsHistoryRowBeforeTheNextOneStarts(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            List<String> seenFromAnotherConnection = new ArrayList<>();
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE users (id INT)")
                    .migration(2).dependsOn(1).up(context -> seenFromAnotherConnection.addAll(events(database)))
                    .migration(3).dependsOn(2).nonTransactional()
                    .up(context -> seenFromAnotherConnection.addAll(events(database)))
                    .build();

            migrator(database, registry).migrate();

            // What another connection sees is durable: a crash now would keep it. While the non-transactional
            // migration 3 runs, a committed marker says so: a crash then makes migrate refuse until repair.
            // On MariaDB, where DDL commits implicitly, every migration has that marker while it runs.
            assertEquals(database.commitsDdlImplicitly()
                    ? List.of("1:APPLY", "2:APPLY_FAILED", "1:APPLY", "2:APPLY", "3:APPLY_FAILED")
                    : List.of("1:APPLY", "1:APPLY", "2:APPLY", "3:APPLY_FAILED"), seenFromAnotherConnection);
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY"), events(database), "the marker is gone once 3 ended");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void historyRowThatCannotBeWrittenRollsTheMigrationBackAndTheErrorNamesIt(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, TestRegistry.builder().migration(1).build()).migrate();
            TestRegistry registry = TestRegistry.builder()
                    .migration(1)
                    .migration(2).dependsOn(1).description("Drop the history by mistake").up(context -> {
                        context.execute("CREATE TABLE reports (id INT)");
                        context.execute("DROP TABLE cairn_schema_history");
                    })
                    .build();

            CairnException failure = assertThrows(CairnException.class, () -> migrator(database, registry).migrate());

            String table = database.qualifiedName("cairn_schema_history");
            assertTrue(failure.getMessage().startsWith("Migration 2 (test.Migration2) ran, but Cairn could not record "
                    + "it in the history table " + table), failure.getMessage());
            assertTrue(failure.getMessage().contains("The history table " + table + " was gone when Cairn recorded it: "
                    + "check that no migration drops or renames it"), failure.getMessage());
            if (database.commitsDdlImplicitly()) {
                // Both DDL statements committed implicitly: the history is gone, and the message says what may stay.
                assertTrue(failure.getMessage().contains(database.dialectName() + " commits DDL implicitly, so its work "
                        + "up to its last "
                        + "DDL statement may be in the database"), failure.getMessage());
                assertTrue(database.tableExists("reports"));
                assertFalse(database.tableExists("cairn_schema_history"));
                return;
            }
            assertTrue(failure.getMessage().contains("Its changes were rolled back with the transaction"),
                    failure.getMessage());
            assertFalse(database.tableExists("reports"));
            assertEquals(List.of("1:APPLY"), events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void secondMigrateIsANoOpThatRunsNothing(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            AtomicInteger runs = new AtomicInteger();
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up(context -> runs.incrementAndGet())
                    .build();
            migrator(database, registry).migrate();

            MigrationReport second = migrator(database, registry).migrate();

            assertTrue(second.wasUpToDate());
            assertEquals(1, runs.get());
            assertEquals(List.of("1:APPLY"), events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void failingMigrationInTheMiddleKeepsEarlierOnesRecordsTheFailureAndRunsNothingAfter(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            AtomicInteger laterRuns = new AtomicInteger();
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .migration(2).dependsOn(1).up(context -> {
                        context.execute("CREATE TABLE half_done (id INT)");
                        context.execute("INSERT INTO no_such_table VALUES (1)");
                    })
                    .migration(3).dependsOn(2).up(context -> laterRuns.incrementAndGet())
                    .build();

            MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                    () -> migrator(database, registry).migrate());

            assertEquals(2, failure.version().asLong());
            assertEquals("test.Migration2", failure.className());
            assertTrue(failure.getMessage().contains("Migration 2 (test.Migration2) failed in up()"),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains("no_such_table"), failure.getMessage());
            assertTrue(failure.getMessage().contains("run migrate again"), failure.getMessage());
            if (kind == TestDatabase.Kind.POSTGRES) {
                assertEquals("42P01", failure.sqlState().orElseThrow());
            }
            assertTrue(database.tableExists("a"));
            if (database.commitsDdlImplicitly()) {
                // CREATE TABLE committed implicitly before the INSERT failed: partly applied, and said so.
                assertTrue(database.tableExists("half_done"));
                assertTrue(failure.getMessage().contains(database.dialectName() + " commits every DDL statement "
                        + "(CREATE, ALTER, DROP, "
                        + "...) implicitly, and a statement of this migration committed before it failed, so it may be "
                        + "partly applied"), failure.getMessage());
                assertTrue(failure.getMessage().contains("call repair() and run migrate again"), failure.getMessage());
                assertThrows(PendingRepairException.class, () -> migrator(database, registry).migrate());
            } else {
                assertFalse(database.tableExists("half_done"), "the failed migration must leave nothing behind");
            }
            assertEquals(0, laterRuns.get());
            assertEquals(List.of("1:APPLY", "2:APPLY_FAILED"), events(database));
            assertEquals(MigrationState.FAILED, migrator(database, registry).info().migrations().get(1).state());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void failedTransactionalMigrationIsRetriedOnceFixed(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry broken = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .migration(2).dependsOn(1).up("INSERT INTO missing VALUES (1)")
                    .build();
            assertThrows(MigrationFailedException.class, () -> migrator(database, broken).migrate());
            TestRegistry fixed = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .migration(2).dependsOn(1).up("INSERT INTO a VALUES (1)")
                    .build();

            MigrationReport report = migrator(database, fixed).migrate();

            assertEquals(List.of(2L), versions(report.applied()));
            assertEquals(List.of("1:APPLY", "2:APPLY_FAILED", "2:APPLY"), events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void mergedBranchIsAppliedAfterHigherVersionsWereApplied(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry main = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .migration(3).dependsOn(1).up("CREATE TABLE c (id INT)")
                    .build();
            migrator(database, main).migrate();
            // A branch added 2 (depending on 1) and the merge 4 depends on both.
            TestRegistry merged = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .migration(2).dependsOn(1).up("CREATE TABLE b (id INT)")
                    .migration(3).dependsOn(1).up("CREATE TABLE c (id INT)")
                    .migration(4).dependsOn(2, 3).up("CREATE TABLE d (id INT)")
                    .build();

            assertEquals(List.of(2L, 4L), versions(migrator(database, merged).plan().migrations()));
            MigrationReport report = migrator(database, merged).migrate();

            assertEquals(List.of(2L, 4L), versions(report.applied()));
            assertEquals(List.of("1:APPLY", "3:APPLY", "2:APPLY", "4:APPLY"), events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void migrateToTargetAppliesOnlyTheTargetAndWhatItDependsOn(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .migration(2).dependsOn(1).up("CREATE TABLE b (id INT)")
                    .migration(3).dependsOn(1).up("CREATE TABLE c (id INT)")
                    .migration(4).dependsOn(3).up("CREATE TABLE d (id INT)")
                    .build();

            MigrationReport report = migrator(database, registry).migrate(4);

            assertEquals(List.of(1L, 3L, 4L), versions(report.applied()));
            assertFalse(database.tableExists("b"));
            assertEquals(List.of(2L), versions(migrator(database, registry).plan().migrations()));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void planListsWhatMigrateWouldApplyWithoutTouchingTheDatabase(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .migration(2).dependsOn(1).up("CREATE TABLE b (id INT)")
                    .build();

            MigrationPlan plan = migrator(database, registry).plan();

            assertEquals(List.of(1L, 2L), versions(plan.migrations()));
            assertTrue(plan.validation().isValid());
            assertFalse(database.tableExists("a"));
            assertFalse(database.tableExists("cairn_schema_history"), "plan must not even create the history table");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void failingVerifyRollsTheMigrationBack(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .verify(context -> {
                        throw new IllegalStateException("table a must have a row");
                    })
                    .build();

            MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                    () -> migrator(database, registry).migrate());

            assertTrue(failure.getMessage().contains("failed in verify()"), failure.getMessage());
            assertTrue(failure.getMessage().contains("table a must have a row"), failure.getMessage());
            // MariaDB committed the CREATE TABLE implicitly: verify() cannot undo it there, and the failure says so.
            assertEquals(database.commitsDdlImplicitly(), database.tableExists("a"));
            assertEquals(database.commitsDdlImplicitly(), failure.getMessage().contains("may be partly applied"),
                    failure.getMessage());
            assertEquals(List.of("1:APPLY_FAILED"), events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void singleTransactionModeAppliesAllOrNothing(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .migration(2).dependsOn(1).up("CREATE TABLE b (id INT)")
                    .migration(3).dependsOn(2).up("INSERT INTO missing VALUES (1)")
                    .build();
            Migrator migrator = Migrator.builder(registry).dataSource(database.dataSource())
                    .singleTransaction(true).build();
            if (database.commitsDdlImplicitly()) {
                assertSingleTransactionRefused(database, migrator);
                return;
            }

            MigrationFailedException failure = assertThrows(MigrationFailedException.class, migrator::migrate);

            assertTrue(failure.getMessage().contains("All 3 migrations of this run were rolled back"),
                    failure.getMessage());
            assertFalse(database.tableExists("a"));
            assertFalse(database.tableExists("b"));
            assertEquals(List.of("3:APPLY_FAILED"), events(database));
        }
    }

    /** DDL commits implicitly on MariaDB: no transaction can hold several migrations, so Cairn refuses before anything runs. */
    private static void assertSingleTransactionRefused(TestDatabase database, Migrator migrator) throws Exception {
        CairnException refused = assertThrows(CairnException.class, migrator::migrate);
        assertTrue(refused.getMessage().startsWith("singleTransaction cannot make a run all-or-nothing on "
                + database.dialectName() + ": it "
                + "commits every DDL statement (CREATE, ALTER, DROP, ...) implicitly"), refused.getMessage());
        assertTrue(refused.getMessage().contains("Nothing was applied. Turn singleTransaction off"), refused.getMessage());
        assertFalse(database.tableExists("a"));
        assertEquals(List.of(), events(database));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void singleTransactionModeCommitsEverythingWhenAllSucceed(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .migration(2).dependsOn(1).up("CREATE TABLE b (id INT)")
                    .build();

            Migrator migrator = Migrator.builder(registry).dataSource(database.dataSource()).singleTransaction(true)
                    .build();
            if (database.commitsDdlImplicitly()) {
                assertSingleTransactionRefused(database, migrator);
                return;
            }
            migrator.migrate();

            assertEquals(List.of("1:APPLY", "2:APPLY"), events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void failedNonTransactionalMigrationBlocksMigrateUntilRepair(TestDatabase.Kind kind) throws Exception {
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
            Migrator migrator = migrator(database, registry);

            MigrationFailedException failure = assertThrows(MigrationFailedException.class, migrator::migrate);
            assertTrue(failure.getMessage().contains("transactional = false"), failure.getMessage());
            assertTrue(failure.getMessage().contains("call repair()"), failure.getMessage());
            assertTrue(database.tableExists("partly"), "a non-transactional migration is not rolled back");

            PendingRepairException blocked = assertThrows(PendingRepairException.class, migrator::migrate);
            assertTrue(blocked.getMessage().contains("call repair() and migrate again"), blocked.getMessage());
            assertEquals(ValidationProblem.Kind.FAILED_MIGRATION, migrator.validate().problems().get(0).kind());
            assertEquals(1, attempts.get());

            database.execute("DROP TABLE partly"); // the user cleans up by hand
            RepairReport repair = migrator.repair();
            assertEquals(Versions.versions(2), repair.clearedFailures());
            migrator.migrate();

            assertEquals(2, attempts.get());
            assertEquals(List.of("1:APPLY", "2:APPLY_FAILED", "2:REPAIR", "2:APPLY"), events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void nonTransactionalMigrationRunsInAutoCommitAndIsRecorded(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            List<Boolean> autoCommit = new ArrayList<>();
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .migration(2).dependsOn(1).nonTransactional().up(context -> {
                        autoCommit.add(context.connection().getAutoCommit());
                        context.execute(database.isSqlite() ? "VACUUM" : database.isMariaDb()
                                ? "CREATE INDEX a_id ON a (id) ALGORITHM = INPLACE LOCK = NONE"
                                : database.isH2() ? "CREATE INDEX a_id ON a (id)"
                                : "CREATE INDEX CONCURRENTLY a_id ON a (id)");
                    })
                    .migration(3).dependsOn(2).up("CREATE TABLE c (id INT)")
                    .build();

            migrator(database, registry).migrate();

            assertEquals(List.of(true), autoCommit);
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY"), events(database));
            assertEquals(List.of("JAVA", "JAVA_NON_TRANSACTIONAL", "JAVA"),
                    database.column("SELECT type FROM cairn_schema_history ORDER BY installed_rank"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void editedAppliedMigrationFailsValidationAndRepairRealignsItsChecksum(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry original = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .build();
            migrator(database, original).migrate();
            TestRegistry edited = TestRegistry.builder()
                    .migration(1).checksum("edited").up("CREATE TABLE a (id INT)")
                    .migration(2).dependsOn(1).up("CREATE TABLE b (id INT)")
                    .build();
            Migrator migrator = migrator(database, edited);

            ValidationException invalid = assertThrows(ValidationException.class, migrator::migrate);

            assertEquals(ValidationProblem.Kind.CHECKSUM_MISMATCH, invalid.report().problems().get(0).kind());
            assertTrue(invalid.getMessage().contains("Migration 1 (test.Migration1) was edited after it was applied"),
                    invalid.getMessage());
            assertFalse(database.tableExists("b"), "nothing is applied when validation fails");
            assertFalse(migrator.info().migrations().get(0).checksumMatches());

            assertEquals(Versions.versions(1), migrator.repair().realignedChecksums());
            assertTrue(migrator.validate().isValid());
            assertEquals(List.of(2L), versions(migrator.migrate().applied()));
            assertEquals(List.of("1:APPLY", "1:REPAIR", "2:APPLY"), events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void validationCanBeSwitchedOffForMigrate(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, TestRegistry.builder().migration(1).build()).migrate();
            TestRegistry edited = TestRegistry.builder().migration(1).checksum("edited")
                    .migration(2).dependsOn(1).build();

            MigrationReport report = Migrator.builder(edited).dataSource(database.dataSource())
                    .validateOnMigrate(false).build().migrate();

            assertEquals(List.of(2L), versions(report.applied()));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void databaseNewerThanTheApplicationIsRefusedNamingBothSides(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry newer = TestRegistry.builder()
                    .migration(1).migration(2).dependsOn(1).migration(3).dependsOn(2).build();
            migrator(database, newer).migrate();
            TestRegistry older = TestRegistry.builder().migration(1).build();

            DatabaseNewerThanApplicationException failure = assertThrows(DatabaseNewerThanApplicationException.class,
                    () -> migrator(database, older).migrate());

            assertEquals(Versions.versions(2, 3), failure.unknownVersions());
            assertEquals(1, failure.latestApplicationVersion().asLong());
            assertTrue(failure.getMessage().contains("[2, 3]"), failure.getMessage());
            assertTrue(failure.getMessage().contains("its latest migration is 1"), failure.getMessage());
            InfoReport info = migrator(database, older).info();
            assertEquals(List.of(MigrationState.APPLIED, MigrationState.APPLIED_UNKNOWN, MigrationState.APPLIED_UNKNOWN),
                    states(info));
            assertEquals(2, migrator(database, older).validate().problems(ValidationProblem.Kind.APPLIED_UNKNOWN)
                    .size());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void validateReportsEveryProblemAtOnce(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, TestRegistry.builder()
                    .migration(1).migration(2).dependsOn(1).migration(9).build()).migrate();
            TestRegistry changed = TestRegistry.builder()
                    .migration(1).checksum("edited-1")
                    .migration(2).dependsOn(1).checksum("edited-2")
                    .build();

            ValidationReport report = migrator(database, changed).validate();

            assertEquals(3, report.problems().size(), report.toString());
            assertEquals(2, report.problems(ValidationProblem.Kind.CHECKSUM_MISMATCH).size());
            assertEquals(1, report.problems(ValidationProblem.Kind.APPLIED_UNKNOWN).size());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void infoShowsStateWhoWhenAndHowLong(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).migration(2).dependsOn(1).build();
            Migrator.builder(registry).dataSource(database.dataSource()).installedBy("deployer").build().migrate(1);

            InfoReport info = migrator(database, registry).info();

            assertEquals(List.of(MigrationState.APPLIED, MigrationState.PENDING), states(info));
            MigrationInfo applied = info.migrations().get(0);
            assertEquals("deployer", applied.installedBy().orElseThrow());
            assertTrue(applied.installedOn().isPresent());
            assertTrue(applied.executionTime().isPresent());
            assertTrue(applied.checksumMatches());
            assertEquals(Versions.versions(2), info.pending().stream().map(MigrationInfo::version).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void listenersSeeEachMigrationAndItsProgress(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            List<String> seen = new ArrayList<>();
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up(context -> context.progress("halfway"))
                    .migration(2).dependsOn(1).up("INSERT INTO missing VALUES (1)")
                    .build();
            MigrationListener listener = new MigrationListener() {
                @Override
                public void beforeMigration(MigrationDescriptor migration) {
                    seen.add("before " + migration.version());
                }

                @Override
                public void afterMigration(MigrationDescriptor migration, Duration took) {
                    seen.add("after " + migration.version());
                }

                @Override
                public void migrationFailed(MigrationDescriptor migration, Throwable failure) {
                    seen.add("failed " + migration.version());
                }

                @Override
                public void progress(MigrationDescriptor migration, String message) {
                    seen.add("progress " + migration.version() + " " + message);
                }
            };

            assertThrows(MigrationFailedException.class, () -> Migrator.builder(registry)
                    .dataSource(database.dataSource()).listener(listener).build().migrate());

            assertEquals(List.of("before 1", "progress 1 halfway", "after 1", "before 2", "failed 2"), seen);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void throwingListenerDoesNotUndoASuccessfulMigration(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder().migration(1).up("CREATE TABLE a (id INT)").build();
            MigrationListener broken = new MigrationListener() {
                @Override
                public void afterMigration(MigrationDescriptor migration, Duration took) {
                    throw new IllegalStateException("metrics backend down");
                }
            };

            Migrator.builder(registry).dataSource(database.dataSource()).listener(broken).build().migrate();

            assertTrue(database.tableExists("a"));
            assertEquals(List.of("1:APPLY"), events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void customHistoryTableNameIsUsed(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder().migration(1).build();

            Migrator.builder(registry).dataSource(database.dataSource()).historyTable("app_history").build().migrate();

            assertTrue(database.tableExists("app_history"));
            assertFalse(database.tableExists("cairn_schema_history"));
        }
    }

    static List<Long> versions(List<?> migrations) {
        List<Long> versions = new ArrayList<>();
        for (Object migration : migrations) {
            versions.add(migration instanceof ExecutedMigration executed
                    ? executed.migration().version().asLong()
                    : ((MigrationDescriptor) migration).version().asLong());
        }
        return versions;
    }

    static List<MigrationState> states(InfoReport info) {
        return info.migrations().stream().map(MigrationInfo::state).toList();
    }
}
