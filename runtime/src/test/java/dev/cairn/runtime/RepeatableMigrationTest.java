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
 * Repeatable migrations ({@code R__name.sql}: views, functions, triggers): applied after the
 * versions they depend on, and again whenever their checksum changes (issue 20 §2).
 */
class RepeatableMigrationTest {

    private static TestRegistry.Builder shop(String windowChecksum) {
        return TestRegistry.builder()
                .migration(1).description("Create books").up("CREATE TABLE books (id INT, title VARCHAR(100))")
                .migration(2).dependsOn(1).description("Add price").up("ALTER TABLE books ADD COLUMN price INT")
                .repeatable("shop window").dependsOn("2").checksum(windowChecksum)
                .up(context -> {
                    context.execute("DROP VIEW IF EXISTS shop_window");
                    context.execute("CREATE VIEW shop_window AS SELECT title, price FROM books");
                });
    }

    private static Migrator migrator(TestDatabase database, Registry registry) {
        return Migrator.builder(registry).dataSource(database.dataSource()).build();
    }

    private static List<String> applied(MigrationReport report) {
        return report.applied().stream().map(e -> e.migration().toString()).collect(Collectors.toList());
    }

    private static MigrationInfo window(Migrator migrator) {
        return migrator.info().migrations().stream().filter(MigrationInfo::repeatable).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void appliedAfterItsVersionsAndAgainOnlyWhenItsChecksumChanges(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator first = migrator(database, shop("window-1").build());
            assertEquals(MigrationState.PENDING, window(first).state());

            assertEquals(List.of("1 (Create books)", "2 (Add price)", "repeatable (shop window)"),
                    applied(first.migrate()));
            assertEquals(0, database.count("SELECT count(*) FROM shop_window"), "the view exists");
            assertEquals(List.of("1:APPLY:JAVA", "2:APPLY:JAVA", "0:APPLY:SQL_REPEATABLE:shop window"), database.column(
                    "SELECT concat(version, ':', event, ':', type, CASE WHEN version = 0 THEN concat(':', description) "
                            + "ELSE '' END) FROM cairn_schema_history ORDER BY installed_rank"));
            assertEquals(MigrationState.APPLIED, window(first).state());
            assertTrue(window(first).installedOn().isPresent());
            assertTrue(first.migrate().applied().isEmpty(), "unchanged: not applied again");

            Migrator edited = migrator(database, shop("window-2").build());
            assertEquals(MigrationState.OUTDATED, window(edited).state());
            assertEquals(List.of("repeatable (shop window)"), edited.plan().migrations().stream()
                    .map(MigrationDescriptor::toString).collect(Collectors.toList()));
            assertTrue(edited.validate().isValid(), "an edited repeatable migration is applied again, not refused");

            assertEquals(List.of("repeatable (shop window)"), applied(edited.migrate()));
            assertEquals(MigrationState.APPLIED, window(edited).state());
            assertTrue(edited.migrate().applied().isEmpty());
            assertEquals(2, database.count("SELECT count(*) FROM cairn_schema_history WHERE version = 0"),
                    "one row per application, each with its checksum");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void waitsUntilTheVersionsItDependsOnAreApplied(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator migrator = migrator(database, shop("window-1").build());

            assertEquals(List.of("1 (Create books)"), applied(migrator.migrate(1)));
            assertEquals(MigrationState.PENDING, window(migrator).state());

            assertEquals(List.of("2 (Add price)", "repeatable (shop window)"), applied(migrator.migrate()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void aFailingRepeatableMigrationIsNamedRecordedAndRunAgainOnceFixed(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator broken = migrator(database, TestRegistry.builder()
                    .migration(1).description("Create books").up("CREATE TABLE books (id INT)")
                    .repeatable("shop window").dependsOn("1").checksum("broken")
                    .up("INSERT INTO no_such_table VALUES (1)")
                    .build());

            MigrationFailedException failed = assertThrows(MigrationFailedException.class, broken::migrate);
            assertTrue(failed.getMessage().startsWith("Repeatable migration shop window (R__shop_window.sql) failed"),
                    failed.getMessage());
            assertEquals(MigrationState.FAILED, window(broken).state());
            assertTrue(window(broken).error().isPresent());
            assertEquals(MigrationState.APPLIED, broken.info().migrations().get(0).state(), "its version stays");

            Migrator fixed = migrator(database, TestRegistry.builder()
                    .migration(1).description("Create books").up("CREATE TABLE books (id INT)")
                    .repeatable("shop window").dependsOn("1").checksum("fixed")
                    .up("CREATE VIEW shop_window AS SELECT id FROM books")
                    .build());
            assertEquals(List.of("repeatable (shop window)"), applied(fixed.migrate()), "no repair needed");
            assertEquals(MigrationState.APPLIED, window(fixed).state());
            assertTrue(fixed.validate().isValid(), fixed.validate().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES"})
    void theVerifiedUpToDateStartStillSeesAnEditedRepeatableMigration(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, shop("window-1").fingerprinted().build()).migrate();
            Migrator again = migrator(database, shop("window-1").fingerprinted().build());
            assertTrue(again.migrate().applied().isEmpty());
            assertEquals("VERIFIED", database.column("SELECT event FROM cairn_schema_history ORDER BY installed_rank "
                    + "DESC LIMIT 1").get(0), "a verified row records the up-to-date state");

            Migrator edited = migrator(database, shop("window-2").fingerprinted().build());
            assertEquals(List.of("repeatable (shop window)"), applied(edited.migrate()));
        }
    }
}
