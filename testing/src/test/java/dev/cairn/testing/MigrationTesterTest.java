package dev.cairn.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.Registry;
import dev.cairn.runtime.testing.PostgresServer;
import dev.cairn.runtime.testing.TestRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** migrateTo, seed, migrate on, read; reference schemas; the JUnit extension. */
class MigrationTesterTest {

    /** A backfill (3) tested with rows seeded between 2 and 3. */
    private static final Registry BOOKS = TestRegistry.builder()
            .migration(1).up("CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL)")
            .migration(2).dependsOn(1).up("CREATE TABLE reviews (book_id INTEGER NOT NULL, stars INTEGER NOT NULL)")
            .migration(3).dependsOn(2).up(context -> {
                context.execute("ALTER TABLE books ADD COLUMN avg_rating REAL");
                context.execute("UPDATE books SET avg_rating = (SELECT AVG(stars) FROM reviews WHERE book_id = books.id)");
            })
            .build();

    @RegisterExtension
    static CairnExtension cairn = CairnExtension.sqlite(BOOKS);

    @Test
    void aDataMigrationIsTestedWithSeededRows(MigrationTester tester) {
        tester.migrateTo(2);
        tester.execute("INSERT INTO books (id, title) VALUES (1, 'Dune'), (2, 'Emma')",
                "INSERT INTO reviews VALUES (1, 5), (1, 3)");

        tester.migrateTo(3);

        assertEquals(List.of(List.of(1, 4.0), List.of(2)), tester.rows(
                "SELECT id, avg_rating FROM books ORDER BY id").stream()
                .map(row -> row.get(1) == null ? List.of(row.get(0)) : row).collect(java.util.stream.Collectors.toList()));
    }

    @Test
    void eachTestGetsAFreshDatabase(MigrationTester tester) {
        assertTrue(tester.rows("SELECT name FROM sqlite_schema WHERE name = 'books'").isEmpty(),
                "no test sees another's tables");
        tester.migrate();
        assertFalse(tester.rows("SELECT name FROM sqlite_schema WHERE name = 'books'").isEmpty());
    }

    @Test
    void anUnknownVersionIsNamedWithTheRegistrysVersions(MigrationTester tester) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> tester.migrateTo(7));
        assertEquals("The registry has no migration 7; its versions are [1, 2, 3].", failure.getMessage());
    }

    @Test
    void theMigratedSchemaMatchesAReferenceScriptOrSaysHowItDiffers(MigrationTester tester) {
        tester.assertSchemaMatches("CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, avg_rating REAL);\n"
                + "CREATE TABLE reviews (book_id INTEGER NOT NULL, stars INTEGER NOT NULL);\n");

        AssertionError failure = assertThrows(AssertionError.class, () -> tester.assertSchemaMatches(
                "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL);\n"
                        + "CREATE TABLE reviews (book_id INTEGER NOT NULL, stars INTEGER NOT NULL);\n"));
        assertTrue(failure.getMessage().endsWith("\n  table books: column avg_rating REAL null is new"),
                failure.getMessage());
    }

    @Test
    void anUnreachableDatabaseIsReportedWithTheDriversWordsNotAStack() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> MigrationTester.postgres(BOOKS, "jdbc:postgresql://127.0.0.1:1/app", "app", "secret"));
        assertTrue(failure.getMessage().startsWith("Could not create the test database: Connection to 127.0.0.1:1 "
                + "refused"), failure.getMessage());
    }

    @Test
    void aFailingMigrationIsReportedWithCairnsOwnMessage(MigrationTester tester) {
        Registry broken = TestRegistry.builder().migration(1).description("Broken")
                .up("ALTER TABLE no_such_table ADD COLUMN x INT").build();
        try (MigrationTester brokenTester = MigrationTester.sqlite(broken)) {
            dev.cairn.runtime.MigrationFailedException failure = assertThrows(
                    dev.cairn.runtime.MigrationFailedException.class, () -> brokenTester.migrateTo(1));
            assertTrue(failure.getMessage().contains("no such table: no_such_table"), failure.getMessage());
            AssertionError roundTrip = assertThrows(AssertionError.class, brokenTester::assertEveryMigrationRoundTrips);
            assertTrue(roundTrip.getMessage().startsWith("Round trip of migration 1 (Broken): its up() failed: "
                    + "Migration 1"), roundTrip.getMessage());
        }
    }

    @Test
    void postgresTesterDropsItsSchemaOnClose() {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        String schema;
        try (MigrationTester tester = MigrationTester.postgres(BOOKS, database.jdbcUrlWithoutUser(), "postgres", null)) {
            tester.migrateTo(2);
            tester.execute("INSERT INTO books (id, title) VALUES (1, 'Dune')", "INSERT INTO reviews VALUES (1, 4)");
            tester.migrate();
            assertEquals(List.of(List.of(4.0f)), tester.rows("SELECT avg_rating FROM books"));
            schema = (String) tester.rows("SELECT current_schema()").get(0).get(0);
            assertTrue(schema.startsWith("cairn_test_"), schema);
        }
        try (MigrationTester other = MigrationTester.on(BOOKS, database.dataSource())) {
            assertEquals(List.of(), other.rows("SELECT 1 FROM pg_namespace WHERE nspname = ?", schema));
        }
    }
}
