package dev.cairn.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.BatchProgress;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationListener;
import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.testing.PostgresServer;
import dev.cairn.sample.db.MigrationRegistry;
import dev.cairn.testing.CairnExtension;
import dev.cairn.testing.MigrationTester;
import dev.cairn.testing.RoundTripReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

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
    void backfillOrderTotalsIsCompiledAsBatchedAndFillsEveryArchivedOrder(MigrationTester tester) {
        assertTrue(MigrationRegistry.INSTANCE.find(13).orElseThrow().batched(), "the processor recorded it as batched");
        assertFalse(MigrationRegistry.INSTANCE.find(12).orElseThrow().batched());
        tester.migrateTo(12);
        assertEquals(200_000, number(tester, "SELECT COUNT(*) FROM order_archive"));
        assertEquals(0, number(tester, "SELECT COUNT(total_cents) FROM order_archive"));

        tester.migrateTo(13);

        assertEquals(200_000, number(tester, "SELECT COUNT(*) FROM order_archive "
                + "WHERE total_cents = quantity * unit_price_cents"));
    }

    private static long number(MigrationTester tester, String sql) {
        return ((Number) tester.rows(sql).get(0).get(0)).longValue();
    }

    /** About forty batches of 5,000 rows, each reported with the rows done of the counted total. */
    @Test
    void backfillOrderTotalsRunsInFortyBatchesReportingItsProgress(@TempDir Path directory) {
        List<BatchProgress> batches = new ArrayList<>();
        Migrator migrator = Migrator.builder(MigrationRegistry.INSTANCE)
                .jdbcUrl("jdbc:sqlite:" + directory.resolve("shop.db"))
                .listener(new MigrationListener() {
                    @Override
                    public void batchCommitted(MigrationDescriptor migration, BatchProgress progress) {
                        batches.add(progress);
                    }
                }).build();

        migrator.migrate();

        assertEquals(40, batches.size());
        assertEquals(5_000L, batches.get(0).rowsDone());
        assertEquals(OptionalLong.of(200_000L), batches.get(0).rowsTotal());
        assertEquals(200_000L, batches.get(39).rowsDone());
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
                .containsAll(List.of(1L, 2L, 3L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L)), report.toString());
    }
}
