package dev.cairn.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.testing.PostgresServer;
import dev.cairn.sample.db.MigrationRegistry;
import dev.cairn.testing.CairnExtension;
import dev.cairn.testing.MigrationTester;
import dev.cairn.testing.RoundTripReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sample's migrations tested the way an application would test its own, with cairn-testing:
 * two data migrations with seeded rows, and the round trip of every reversible migration on SQLite
 * and PostgreSQL.
 */
class SampleMigrationsTest {

    @RegisterExtension
    static CairnExtension cairn = CairnExtension.sqlite(MigrationRegistry.INSTANCE);

    @Test
    void backfillAverageRatingsAveragesTheSeededReviewsAndLeavesUnreviewedBooksEmpty(MigrationTester tester) {
        tester.migrateTo(3);
        tester.execute("INSERT INTO books (id, title, author, price_cents) VALUES (5001, 'Seeded', 'Test', 100), "
                        + "(5002, 'Unreviewed', 'Test', 100)",
                "INSERT INTO reviews (id, book_id, rating, body) VALUES (90001, 5001, 4, 'ok'), (90002, 5001, 5, 'good')");

        tester.migrateTo(5);

        assertEquals(List.of(List.of(4.5)), tester.rows("SELECT average_rating FROM books WHERE id = 5001"));
        assertEquals(1, tester.rows("SELECT 1 FROM books WHERE id = 5002 AND average_rating IS NULL").size());
    }

    @Test
    void addStockLevelsGivesSeededBooksTheirOpeningStock(MigrationTester tester) {
        tester.migrateTo(2);
        tester.execute("INSERT INTO books (id, title, author, price_cents) VALUES (5001, 'Seeded', 'Test', 100)");

        tester.migrateTo(4);

        assertEquals(List.of(List.of(5001 * 13 % 9)), tester.rows("SELECT stock FROM books WHERE id = 5001"));
    }

    @Test
    void everyReversibleMigrationRoundTripsOnSqlite(MigrationTester tester) {
        check(tester.assertEveryMigrationRoundTrips());
    }

    @Test
    void everyReversibleMigrationRoundTripsOnPostgres() {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        try (MigrationTester tester = MigrationTester.postgres(MigrationRegistry.INSTANCE,
                database.jdbcUrlWithoutUser(), "postgres", null)) {
            check(tester.assertEveryMigrationRoundTrips());
        }
    }

    private static void check(RoundTripReport report) {
        assertEquals(Map.of(MigrationVersion.of(4), "has no down() (irreversible)"), report.skipped(),
                report.toString());
        assertTrue(report.checked().stream().map(MigrationVersion::asLong).collect(java.util.stream.Collectors.toList())
                .containsAll(List.of(1L, 2L, 3L, 5L, 6L, 7L, 8L, 9L, 10L, 11L)), report.toString());
    }
}
