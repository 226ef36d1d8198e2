package dev.cairn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.FlywayHistory;
import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code adoptFlyway}: a database Flyway migrated is taken over from its
 * {@code flyway_schema_history}, then migrate applies exactly what Flyway had not; issue 20, point 1.
 */
class AdoptFlywayTest {

    /**
     * The application after moving to Cairn: Flyway had applied 1 to 3 (3 was a Java migration);
     * 4 and 5 are new. Migration 1 is re-runnable, 2 is not (re-running it would fail).
     */
    private static final TestRegistry SHOP = TestRegistry.builder()
            .migration(1).description("Create books").up("CREATE TABLE IF NOT EXISTS books (id INT)")
            .migration(2).dependsOn(1).description("Create reviews").up("CREATE TABLE reviews (id INT)")
            .migration(3).dependsOn(1).description("Add stock").up("ALTER TABLE books ADD COLUMN stock INT")
            .migration(4).dependsOn(2, 3).description("Create orders").up("CREATE TABLE orders (id INT)")
            .migration(5).dependsOn(4).description("Add order note").up("ALTER TABLE orders ADD COLUMN note TEXT")
            .build();

    private static Migrator migrator(TestDatabase database) {
        return Migrator.builder(SHOP).dataSource(database.dataSource()).build();
    }

    /** What Flyway's migrations 1 to 3 built. */
    private static void flywaysSchema(TestDatabase database) throws Exception {
        database.execute("CREATE TABLE books (id INT, stock INT)");
        database.execute("CREATE TABLE reviews (id INT)");
        database.execute("CREATE VIEW shop_window AS SELECT id FROM books");
    }

    private static List<Long> versions(List<MigrationDescriptor> migrations) {
        List<Long> versions = new ArrayList<>();
        for (MigrationDescriptor migration : migrations) {
            versions.add(migration.version().asLong());
        }
        return versions;
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void adoptsWhatFlywayAppliedThenMigrateAppliesOnlyTheRest(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            flywaysSchema(database);
            FlywayHistory history = FlywayHistory.create(database);
            if (!database.isSqlite()) {
                history.schemaCreation();
            }
            history.versioned("1", "create books").versioned("2", "create reviews").java("3", "Add stock")
                    .repeatable("shop window");

            FlywayAdoptionReport report = migrator(database).adoptFlyway();

            assertEquals(List.of(1L, 2L, 3L), versions(report.adopted()));
            assertEquals(3, report.flywayVersion().asLong());
            assertTrue(report.ignored().contains("repeatable R__shop_window.sql (rank " + (database.isSqlite() ? 4 : 5)
                    + ")"), report.ignored().toString());
            assertEquals(List.of("1:BASELINE:create books", "2:BASELINE:create reviews", "3:BASELINE:Add stock"),
                    database.column("SELECT concat(version, ':', event, ':', description) FROM cairn_schema_history "
                            + "ORDER BY installed_rank"));
            for (MigrationInfo info : migrator(database).info().migrations()) {
                if (info.version().asLong() <= 3) {
                    assertEquals(MigrationState.BASELINED, info.state());
                    assertTrue(info.installedOn().orElseThrow().toString().startsWith("2024-03-01T"),
                            info.installedOn().toString());
                    assertTrue(info.checksumMatches());
                    // Flyway's "create books" is the application's "Create books": the same migration.
                    assertTrue(info.descriptionMatches(), info.description());
                }
            }

            MigrationReport migrated = migrator(database).migrate();

            assertEquals(List.of(4L, 5L), versions(migrated.applied().stream().map(ExecutedMigration::migration)
                    .collect(java.util.stream.Collectors.toList())));
            assertTrue(database.tableExists("orders"));
            assertTrue(migrator(database).validate().isValid());
            assertEquals(database.isSqlite() ? 4 : 5, database.count("SELECT count(*) FROM flyway_schema_history"),
                    "Flyway's table is only read");
            assertTrue(migrator(database).adoptFlyway().adopted().isEmpty(), "adopting again records nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void flywayBaselineAdoptsEveryMigrationUpToItsVersion(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            flywaysSchema(database);
            FlywayHistory.create(database).baseline("2").java("3", "Add stock");

            FlywayAdoptionReport report = migrator(database).adoptFlyway();

            assertEquals(List.of(1L, 2L, 3L), versions(report.adopted()));
            assertEquals(List.of("1:Create books", "2:Create reviews", "3:Add stock"), database.column(
                    "SELECT concat(version, ':', description) FROM cairn_schema_history ORDER BY version"));
            assertEquals(List.of(4L, 5L), versions(migrator(database).plan().migrations()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void migrationFlywayMarkedDeletedIsNotAdopted(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            flywaysSchema(database);
            FlywayHistory.create(database).versioned("1", "create books").versioned("2", "create reviews")
                    .versioned("3", "add stock").deleted("3", "add stock");

            assertEquals(List.of(1L, 2L), versions(migrator(database).adoptFlyway().adopted()));
            assertEquals(List.of(3L, 4L, 5L), versions(migrator(database).plan().migrations()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void failedFlywayMigrationStopsAdoption(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            flywaysSchema(database);
            FlywayHistory.create(database).versioned("1", "create books").versioned("2", "create reviews", false);

            FlywayAdoptionException refused = assertThrows(FlywayAdoptionException.class,
                    () -> migrator(database).adoptFlyway());

            assertEquals(1, refused.problems().size(), refused.getMessage());
            assertTrue(refused.getMessage().contains("rank 2, version 2 (create reviews, V2__create_reviews.sql) "
                    + "failed in Flyway and may be partly applied"), refused.getMessage());
            assertTrue(refused.getMessage().contains("nothing was recorded"), refused.getMessage());
            assertFalse(database.tableExists("cairn_schema_history"), "a refusal changes nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void flywayVersionUnknownToTheApplicationStopsAdoption(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            flywaysSchema(database);
            FlywayHistory.create(database).versioned("1", "create books").versioned("2", "create reviews")
                    .java("3", "Add stock").versioned("9", "add wishlist");

            FlywayAdoptionException refused = assertThrows(FlywayAdoptionException.class,
                    () -> migrator(database).adoptFlyway());

            assertEquals(List.of("rank 4, version 9 (add wishlist, V9__add_wishlist.sql) was applied by Flyway, but "
                    + "the application has no migration 9 (its latest is 5). Deploy the application version that has "
                    + "it, or port it to a Cairn migration with that version."), refused.problems());
            assertFalse(database.tableExists("cairn_schema_history"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void applicationMigrationFlywayNeverAppliedBelowItsHighestStopsAdoption(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            flywaysSchema(database);
            FlywayHistory.create(database).versioned("1", "create books").java("3", "Add stock");

            FlywayAdoptionException refused = assertThrows(FlywayAdoptionException.class,
                    () -> migrator(database).adoptFlyway());

            assertEquals(1, refused.problems().size(), refused.getMessage());
            assertTrue(refused.problems().get(0).startsWith("The application's migration 2 (Create reviews) is below "
                    + "Flyway's highest applied version 3, but Flyway never applied it"), refused.getMessage());
            assertFalse(database.tableExists("cairn_schema_history"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void flywayVersionsWithPartsAreAdoptedAsTheSameVersionsAndMigrateContinuesAfterThem(TestDatabase.Kind kind)
            throws Exception {
        TestRegistry dotted = TestRegistry.builder()
                .migration("1").description("Create books").up("CREATE TABLE IF NOT EXISTS books (id INT)")
                .migration("1.1").dependsOn("1").description("Add isbn").up("ALTER TABLE books ADD COLUMN isbn TEXT")
                .migration("1.10").dependsOn("1.1").description("Create reviews").up("CREATE TABLE reviews (id INT)")
                .migration("2").dependsOn("1.10").description("Add stock").up("ALTER TABLE books ADD COLUMN stock INT")
                .migration("2.0.1").dependsOn("2").description("Create orders").up("CREATE TABLE orders (id INT)")
                .build();
        try (TestDatabase database = kind.open()) {
            database.execute("CREATE TABLE books (id INT, isbn TEXT, stock INT)");
            database.execute("CREATE TABLE reviews (id INT)");
            // Flyway writes the version as the script named it, underscores turned into dots (V1_10__x.sql: 1.10).
            FlywayHistory.create(database).versioned("1", "create books").versioned("1.1", "add isbn")
                    .versioned("1.10", "create reviews").versioned("2", "add stock");
            Migrator migrator = Migrator.builder(dotted).dataSource(database.dataSource()).build();

            FlywayAdoptionReport report = migrator.adoptFlyway();

            assertEquals(List.of("1", "1.1", "1.10", "2"), report.adopted().stream()
                    .map(migration -> migration.version().toString()).collect(java.util.stream.Collectors.toList()));
            assertEquals(MigrationVersion.of(2), report.flywayVersion());
            // version holds the first part, version_parts the whole version when it has parts.
            assertEquals(List.of("1:BASELINE:-", "1:BASELINE:1.1", "1:BASELINE:1.10", "2:BASELINE:-"),
                    database.column("SELECT concat(version, ':', event, ':', coalesce(version_parts, '-')) "
                            + "FROM cairn_schema_history ORDER BY installed_rank"));

            MigrationReport migrated = migrator.migrate();

            assertEquals(List.of("2.0.1"), migrated.applied().stream().map(e -> e.migration().version().toString())
                    .collect(java.util.stream.Collectors.toList()));
            assertTrue(database.tableExists("orders"));
            assertTrue(migrator.validate().isValid(), migrator.validate().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void everyProblemIsReportedAtOnce(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            FlywayHistory.create(database).versioned("1", "create books", false).versioned("2_1", "odd")
                    .versioned("3", "add stock").versioned("8", "unknown");

            FlywayAdoptionException refused = assertThrows(FlywayAdoptionException.class,
                    () -> migrator(database).adoptFlyway());

            // failed 1, dotted 2_1, unknown 8, and 2 missing below 3 (1 is reported as failed only)
            assertEquals(4, refused.problems().size(), refused.getMessage());
            assertTrue(refused.problems().get(3).startsWith("The application's migration 2 (Create reviews) is below "
                    + "Flyway's highest applied version 3"), refused.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void databaseWithoutFlywayHistoryIsRefusedWithAdviceToBaseline(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            flywaysSchema(database);

            FlywayAdoptionException refused = assertThrows(FlywayAdoptionException.class,
                    () -> migrator(database).adoptFlyway());

            assertTrue(refused.getMessage().contains("It has no table flyway_schema_history"), refused.getMessage());
            assertTrue(refused.getMessage().contains("baseline --version V"), refused.getMessage());
            assertFalse(database.tableExists("cairn_schema_history"));
        }
    }
}
