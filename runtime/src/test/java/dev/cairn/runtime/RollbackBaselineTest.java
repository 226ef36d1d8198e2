package dev.cairn.runtime;

import static dev.cairn.runtime.testing.Versions.versions;
import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import static dev.cairn.runtime.MigrateTest.states;
import static dev.cairn.runtime.MigrateTest.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** rollback, baseline and repair on SQLite files, SQLite in memory and PostgreSQL. */
class RollbackBaselineTest {

    private static List<String> events(TestDatabase database) throws Exception {
        return database.column("SELECT concat(version, ':', event) FROM cairn_schema_history ORDER BY installed_rank");
    }

    /** 1 <- 2, 1 <- 3, {2, 3} <- 4 (a merge), 4 <- 5; every migration creates and drops its own table. */
    private static TestRegistry mergedGraph(List<Long> downCalls) {
        TestRegistry.Builder builder = TestRegistry.builder();
        long[][] dependencies = {{}, {1}, {1}, {2, 3}, {4}};
        for (int i = 0; i < dependencies.length; i++) {
            long version = i + 1;
            builder.migration(version).dependsOn(dependencies[i])
                    .up("CREATE TABLE t" + version + " (id INT)")
                    .down(context -> {
                        downCalls.add(version);
                        context.execute("DROP TABLE t" + version);
                    });
        }
        return builder.build();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void rollbackAcrossAMergeUndoesDependentsBeforeTheirDependencies(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            List<Long> downCalls = new ArrayList<>();
            Migrator migrator = Migrator.builder(mergedGraph(downCalls)).dataSource(database.dataSource()).build();
            migrator.migrate();

            RollbackReport report = migrator.rollback(2);

            // 2 depends on 1 only: the merge 4, its dependent 5 and the other branch 3 are undone.
            assertEquals(List.of(5L, 4L, 3L), downCalls);
            assertEquals(List.of(5L, 4L, 3L), versions(report.rolledBack()));
            assertTrue(database.tableExists("t2"));
            assertFalse(database.tableExists("t3"));
            assertEquals(List.of(MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.ROLLED_BACK,
                    MigrationState.ROLLED_BACK, MigrationState.ROLLED_BACK), states(migrator.info()));
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY", "4:APPLY", "5:APPLY", "5:ROLLBACK", "4:ROLLBACK",
                    "3:ROLLBACK"), events(database));
            assertTrue(migrator.validate().isValid(), migrator.validate().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void rolledBackMigrationsStayRolledBackWhenTheApplicationMigratesAgain(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            List<Long> downCalls = new ArrayList<>();
            Migrator migrator = Migrator.builder(mergedGraph(downCalls)).dataSource(database.dataSource()).build();
            migrator.migrate();
            migrator.rollback(2);

            MigrationPlan plan = migrator.plan();
            MigrationReport report = migrator.migrate();

            assertTrue(plan.isEmpty(), plan.toString());
            assertEquals(versions(3, 4, 5), plan.skipped().stream().map(MigrationDescriptor::version).toList());
            assertTrue(plan.toString().contains("skipped: rolled back"), plan.toString());
            assertTrue(report.wasUpToDate(), report.toString());
            assertEquals(versions(3, 4, 5), report.skipped().stream().map(MigrationDescriptor::version).toList());
            assertFalse(database.tableExists("t3"));
            assertEquals(List.of(MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.ROLLED_BACK,
                    MigrationState.ROLLED_BACK, MigrationState.ROLLED_BACK), states(migrator.info()));
            assertEquals(List.of(), migrator.info().pending());
            assertTrue(migrator.validate().isValid(), migrator.validate().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void migrateToATargetReappliesOnlyTheRolledBackMigrationsItDependsOn(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator migrator = Migrator.builder(mergedGraph(new ArrayList<>())).dataSource(database.dataSource())
                    .build();
            migrator.migrate();
            migrator.rollback(1);

            assertEquals(versions(2, 3, 4), migrator.plan(4).migrations().stream()
                    .map(MigrationDescriptor::version).toList());
            MigrationReport report = migrator.migrate(4);

            assertEquals(List.of(2L, 3L, 4L), versions(report.applied()));
            assertTrue(database.tableExists("t4"));
            assertFalse(database.tableExists("t5"));
            assertEquals(versions(5), migrator.migrate().skipped().stream().map(MigrationDescriptor::version)
                    .toList());
            assertEquals(List.of(5L), versions(migrator.migrate(5).applied()));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void pendingMigrationThatDependsOnARolledBackOneIsReportedAndMigrateToItReappliesBoth(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry released = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .migration(2).dependsOn(1).up("CREATE TABLE b (id INT)").down("DROP TABLE b")
                    .build();
            Migrator.builder(released).dataSource(database.dataSource()).build().migrate();
            Migrator.builder(released).dataSource(database.dataSource()).build().rollback(1);
            // The next release adds 3 on top of the rolled-back 2, and 4 on top of 3.
            TestRegistry next = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .migration(2).dependsOn(1).up("CREATE TABLE b (id INT)").down("DROP TABLE b")
                    .migration(3).dependsOn(2).up("CREATE TABLE c (id INT)")
                    .migration(4).dependsOn(3).up("CREATE TABLE d (id INT)")
                    .build();
            Migrator migrator = Migrator.builder(next).dataSource(database.dataSource()).build();

            ValidationReport report = migrator.validate();

            assertEquals(List.of(ValidationProblem.Kind.DEPENDENCY_ROLLED_BACK,
                    ValidationProblem.Kind.DEPENDENCY_ROLLED_BACK),
                    report.problems().stream().map(ValidationProblem::kind).toList(), report.toString());
            String direct = report.problems().get(0).message();
            assertTrue(direct.startsWith("Migration 3 (test.Migration3) is pending but depends on migration 2 "
                    + "(test.Migration2), which was rolled back"), direct);
            assertTrue(direct.contains("migrate(3) (CLI: migrate --target 3)"), direct);
            String transitive = report.problems().get(1).message();
            assertTrue(transitive.startsWith("Migration 4 (test.Migration4) is pending but depends through its "
                    + "dependencies on migration 2 (test.Migration2)"), transitive);
            assertThrows(ValidationException.class, migrator::migrate);
            assertFalse(database.tableExists("b"));

            assertTrue(migrator.plan(4).validation().isValid(), migrator.plan(4).validation().toString());
            assertEquals(List.of(2L, 3L, 4L), versions(migrator.migrate(4).applied()));
            assertTrue(migrator.validate().isValid(), migrator.validate().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void rollbackIsRefusedBeforeAnythingRunsWhenAMigrationIsIrreversible(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            List<Long> downCalls = new ArrayList<>();
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .migration(2).dependsOn(1).up("CREATE TABLE b (id INT)").down(context -> downCalls.add(2L))
                    .migration(3).dependsOn(2).description("Drop legacy data").up("CREATE TABLE c (id INT)")
                    .migration(4).dependsOn(3).up("CREATE TABLE d (id INT)").down(context -> downCalls.add(4L))
                    .build();
            Migrator migrator = Migrator.builder(registry).dataSource(database.dataSource()).build();
            migrator.migrate();

            IrreversibleMigrationException refused = assertThrows(IrreversibleMigrationException.class,
                    () -> migrator.rollback(1));

            assertEquals(List.of(3L), versions(refused.irreversible()));
            assertTrue(refused.getMessage().contains("3 (test.Migration3)"), refused.getMessage());
            assertTrue(refused.getMessage().contains("Nothing was rolled back"), refused.getMessage());
            assertEquals(List.of(), downCalls, "no down() may run when any migration in the way is irreversible");
            assertEquals(4, events(database).size());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void failingDownLeavesTheMigrationApplied(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .migration(2).dependsOn(1).up("CREATE TABLE b (id INT)").down(context -> {
                        context.execute("DROP TABLE b");
                        context.execute("DROP TABLE no_such_table");
                    })
                    .build();
            Migrator migrator = Migrator.builder(registry).dataSource(database.dataSource()).build();
            migrator.migrate();

            MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> migrator.rollback(1));

            assertTrue(failure.getMessage().contains("failed in down()"), failure.getMessage());
            if (database.commitsDdlImplicitly()) {
                // DROP TABLE committed implicitly before the second statement failed: the failure says so.
                assertFalse(database.tableExists("b"));
                assertTrue(failure.getMessage().contains("may be partly applied"), failure.getMessage());
                assertTrue(failure.getMessage().contains("call repair() and run rollback again"), failure.getMessage());
            } else {
                assertTrue(database.tableExists("b"), "the failed down() is rolled back");
            }
            assertEquals(List.of("1:APPLY", "2:APPLY", "2:ROLLBACK_FAILED"), events(database));
            assertTrue(migrator.plan().isEmpty(), "a failed rollback leaves the migration applied");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void baselineRecordsTheVersionAndItsDependenciesThenMigrateRunsOnlyTheRest(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            List<Long> ran = new ArrayList<>();
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up(context -> ran.add(1L))
                    .migration(2).dependsOn(1).up(context -> ran.add(2L))
                    .migration(3).dependsOn(1).up(context -> ran.add(3L))
                    .migration(4).dependsOn(2).up(context -> ran.add(4L))
                    .build();
            Migrator migrator = Migrator.builder(registry).dataSource(database.dataSource()).build();

            BaselineReport baseline = migrator.baseline(2);
            assertEquals(List.of(1L, 2L), versions(baseline.baselined()));
            assertEquals(List.of(MigrationState.BASELINED, MigrationState.BASELINED, MigrationState.PENDING,
                    MigrationState.PENDING), states(migrator.info()));

            migrator.migrate();

            assertEquals(List.of(3L, 4L), ran);
            assertEquals(List.of("1:BASELINE", "2:BASELINE", "3:APPLY", "4:APPLY"), events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void appliedMigrationWhoseDependencyWasRolledBackIsReported(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            // 3 first depended on 1 only, so rolling back to 3 undid 2 ...
            TestRegistry before = TestRegistry.builder()
                    .migration(1).migration(2).dependsOn(1).down(context -> { }).migration(3).dependsOn(1)
                    .build();
            Migrator.builder(before).dataSource(database.dataSource()).build().migrate();
            Migrator.builder(before).dataSource(database.dataSource()).build().rollback(3);
            // ... then a later version of the code says 3 needs 2 (no checksum to catch the edit).
            TestRegistry after = TestRegistry.builder()
                    .migration(1).migration(2).dependsOn(1).migration(3).dependsOn(2).checksum(null)
                    .build();
            Migrator migrator = Migrator.builder(after).dataSource(database.dataSource()).build();

            ValidationReport report = migrator.validate();

            assertEquals(1, report.problems().size(), report.toString());
            ValidationProblem problem = report.problems().get(0);
            assertEquals(ValidationProblem.Kind.DEPENDENCY_ROLLED_BACK, problem.kind());
            assertTrue(problem.message().contains("Migration 3 (test.Migration3) is applied but its dependency 2 is "
                    + "rolled back"), problem.message());
            assertThrows(ValidationException.class, migrator::migrate);
            assertTrue(problem.message().contains("migrate(2)"), problem.message());

            assertEquals(List.of(2L), versions(migrator.migrate(2).applied()), "the fix the message names works");
            assertTrue(migrator.validate().isValid(), migrator.validate().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void rollbackToAVersionTheApplicationDoesNotHaveIsRejected(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator migrator = Migrator.builder(TestRegistry.builder().migration(1).build())
                    .dataSource(database.dataSource()).build();

            CairnException failure = assertThrows(CairnException.class, () -> migrator.rollback(7));

            assertTrue(failure.getMessage().contains("no migration with version 7"), failure.getMessage());
        }
    }
}
