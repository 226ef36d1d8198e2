package dev.cairn.runtime;

import static dev.cairn.runtime.testing.Versions.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An applied migration deleted from the code (issue 20 §4: Cairn said the database "was migrated
 * by a newer version of the application" and suggested repair, which answered "Nothing to repair").
 */
class ForgetTest {

    private static final Registry DEPLOYED = TestRegistry.builder()
            .migration(1).up("CREATE TABLE a (id INT)")
            .migration(2).dependsOn(1).up("CREATE TABLE tmp_fix (id INT)")
            .migration(3).dependsOn(2).up("CREATE TABLE c (id INT)")
            .build();

    /** The same application after V2 was deleted: V3 now follows V1. */
    private static final Registry WITHOUT_2 = TestRegistry.builder()
            .migration(1).up("CREATE TABLE a (id INT)")
            .migration(3).dependsOn(1).up("CREATE TABLE c (id INT)")
            .migration(4).dependsOn(3).up("CREATE TABLE d (id INT)")
            .build();

    private static Migrator migrator(TestDatabase database, Registry registry) {
        return Migrator.builder(registry).dataSource(database.dataSource()).build();
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES"})
    void aDeletedMigrationIsNamedAsSuchAndForgottenOnRequest(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, DEPLOYED).migrate();
            Migrator migrator = migrator(database, WITHOUT_2);

            ValidationException refused = assertThrows(ValidationException.class, migrator::migrate);
            assertFalse(refused instanceof DatabaseNewerThanApplicationException, refused.getMessage());
            List<ValidationProblem> problems = refused.report().problems();
            assertEquals(1, problems.size(), problems.toString());
            assertEquals(ValidationProblem.Kind.APPLIED_DELETED, problems.get(0).kind());
            assertTrue(problems.get(0).message().contains("this application has no migration 2 although it has later "
                    + "ones (up to 4): it was deleted from the code"), problems.get(0).message());
            assertTrue(problems.get(0).message().contains("forget(2) (CLI: forget --version 2)"),
                    problems.get(0).message());
            assertFalse(problems.get(0).message().contains("newer"), problems.get(0).message());

            assertEquals(versions(2), migrator.forget(2));
            assertEquals(List.of(), migrator.forget(2), "forgetting again records nothing");

            assertEquals(versions(4), migrator.migrate().applied().stream().map(m -> m.migration().version())
                    .collect(Collectors.toList()));
            MigrationInfo forgotten = migrator.info().migrations().stream().filter(m -> m.version().asLong() == 2)
                    .findFirst().orElseThrow();
            assertEquals(MigrationState.FORGOTTEN, forgotten.state());
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY", "2:FORGET", "4:APPLY"), database.column(
                    "SELECT version || ':' || event FROM cairn_schema_history WHERE version > 0 ORDER BY installed_rank"));
            assertEquals(1, database.column("SELECT 1 FROM tmp_fix UNION ALL SELECT 1").size(),
                    "what the forgotten migration did stays");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE"})
    void onlyAppliedMigrationsTheCodeNoLongerHasCanBeForgotten(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, DEPLOYED).migrate();
            Migrator migrator = migrator(database, WITHOUT_2);

            CairnException known = assertThrows(CairnException.class, () -> migrator.forget(3));
            assertTrue(known.getMessage().contains("Cannot forget migration 3: this application has it"),
                    known.getMessage());
            CairnException never = assertThrows(CairnException.class, () -> migrator.forget(9));
            assertTrue(never.getMessage().contains("does not record it as applied (it has no row for it)"),
                    never.getMessage());
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY"), database.column(
                    "SELECT version || ':' || event FROM cairn_schema_history WHERE version > 0 ORDER BY installed_rank"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE"})
    void versionsAboveTheApplicationsLatestStillMeanANewerApplication(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, DEPLOYED).migrate();
            Registry older = TestRegistry.builder().migration(1).up("CREATE TABLE a (id INT)").build();

            DatabaseNewerThanApplicationException newer = assertThrows(DatabaseNewerThanApplicationException.class,
                    migrator(database, older)::migrate);

            assertEquals(versions(2, 3), newer.unknownVersions());
        }
    }
}
