package dev.cairn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Versions with parts, as Flyway names them ({@code V1_10__x.sql}: 1.10): applied in Flyway's
 * order, recorded and shown as written, and reachable wherever a version is named.
 */
class DottedVersionTest {

    /** A folder's chain, as the processor builds it: each script depends on the one before, in version order. */
    private static TestRegistry chain(String... versions) {
        TestRegistry.Builder builder = TestRegistry.builder();
        for (int i = 0; i < versions.length; i++) {
            String table = "t_" + versions[i].replace('.', '_');
            builder.migration(versions[i]).description("Create " + table).up("CREATE TABLE " + table + " (id INT)");
            if (i > 0) {
                builder.dependsOn(versions[i - 1]);
            }
        }
        return builder.build();
    }

    private static Migrator migrator(TestDatabase database, Registry registry) {
        return Migrator.builder(registry).dataSource(database.dataSource()).build();
    }

    private static List<String> versions(MigrationReport report) {
        return report.applied().stream().map(e -> e.migration().version().toString()).collect(Collectors.toList());
    }

    private static List<String> rows(TestDatabase database) throws Exception {
        return database.column("SELECT concat(version, ':', coalesce(version_parts, '-'), ':', event) "
                + "FROM cairn_schema_history ORDER BY installed_rank");
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void versionsWithPartsAreAppliedInFlywaysOrderAndRecordedAsWritten(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = chain("1", "1.1", "1.9", "1.10", "1.12.15", "2");

            MigrationReport report = migrator(database, registry).migrate();

            assertEquals(List.of("1", "1.1", "1.9", "1.10", "1.12.15", "2"), versions(report));
            assertEquals(List.of("1:-:APPLY", "1:1.1:APPLY", "1:1.9:APPLY", "1:1.10:APPLY", "1:1.12.15:APPLY",
                    "2:-:APPLY"), rows(database));
            // Read back by a later start: up to date, each version known as itself.
            Migrator later = migrator(database, registry);
            assertTrue(later.migrate().applied().isEmpty());
            assertTrue(later.validate().isValid(), later.validate().toString());
            assertEquals(List.of("1", "1.1", "1.9", "1.10", "1.12.15", "2"), later.info().migrations().stream()
                    .map(info -> info.version().toString()).collect(Collectors.toList()));
            assertTrue(later.info().migrations().stream().allMatch(info -> info.state() == MigrationState.APPLIED));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void aTargetWithPartsAppliesItAndWhatItDependsOnOnly(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator migrator = migrator(database, chain("1", "1.9", "1.10", "2"));

            assertEquals(List.of("1", "1.9"), versions(migrator.migrate(MigrationVersion.parse("1_9"))));
            assertEquals(List.of("1.10"), migrator.plan().migrations().stream().limit(1)
                    .map(m -> m.version().toString()).collect(Collectors.toList()));
            assertEquals(List.of("1.10", "2"), versions(migrator.migrate()));

            CairnException unknown = assertThrows(CairnException.class,
                    () -> migrator.migrate(MigrationVersion.parse("1.11")));
            assertTrue(unknown.getMessage().contains("no migration with version 1.11; its migrations are 4 between 1 "
                    + "and 2"), unknown.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void aDeletedVersionWithPartsIsNamedAsWrittenAndForgottenByIt(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, chain("1", "1.1", "1.2")).migrate();
            Migrator withoutIt = migrator(database, TestRegistry.builder()
                    .migration("1").description("Create t_1").up("CREATE TABLE t_1 (id INT)")
                    .migration("1.2").dependsOn("1").description("Create t_1_2").up("CREATE TABLE t_1_2 (id INT)")
                    .build());

            ValidationException refused = assertThrows(ValidationException.class, withoutIt::migrate);
            ValidationProblem problem = refused.report().problems().get(0);
            assertEquals(ValidationProblem.Kind.APPLIED_DELETED, problem.kind());
            assertEquals(MigrationVersion.parse("1.1"), problem.version());
            assertTrue(problem.message().contains("forget(MigrationVersion.parse(\"1.1\")) (CLI: forget --version 1.1)"),
                    problem.message());

            assertEquals(List.of(MigrationVersion.parse("1.1")), withoutIt.forget(MigrationVersion.parse("1.1")));
            assertTrue(withoutIt.validate().isValid(), withoutIt.validate().toString());
            assertEquals("1:1.1:FORGET", rows(database).get(3));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void aNonTransactionalVersionWithPartsClearsOnlyItsOwnMarker(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            // 1.1 and 1.10 share the version column (1): the marker of one must never be taken for the other's.
            TestRegistry registry = TestRegistry.builder()
                    .migration("1.1").description("Create a").nonTransactional().up("CREATE TABLE a (id INT)")
                    .migration("1.10").dependsOn("1.1").description("Create b").nonTransactional()
                    .up("CREATE TABLE b (id INT)")
                    .build();

            assertEquals(List.of("1.1", "1.10"), versions(migrator(database, registry).migrate()));

            assertEquals(0, database.count("SELECT count(*) FROM cairn_schema_history WHERE success = "
                    + database.booleanLiteral(false)), "each marker was replaced by its outcome");
            assertEquals(List.of("1:1.1:APPLY", "1:1.10:APPLY"), rows(database));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void aHistoryTableWithoutThePartsColumnIsReadAsItIsAndUpgradedUnderTheLock(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            // The layout of the previous Cairn release: the application column, no version_parts.
            migrator(database, chain("1")).migrate();
            database.execute("ALTER TABLE cairn_schema_history DROP COLUMN version_parts");
            Migrator migrator = migrator(database, chain("1", "1.1"));

            assertEquals(MigrationState.PENDING, migrator.info().migrations().get(1).state());
            assertEquals(List.of("1.1"), versions(migrator.migrate()));

            assertEquals(List.of("1:-:APPLY", "1:1.1:APPLY"), rows(database));
            assertTrue(migrator.validate().isValid(), migrator.validate().toString());
        }
    }
}
