package dev.cairn.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.Batch;
import dev.cairn.runtime.BatchKey;
import dev.cairn.runtime.BatchSettings;
import dev.cairn.runtime.BatchedMigration;
import dev.cairn.runtime.Batches;
import dev.cairn.runtime.MigrationContext;
import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.testing.PostgresServer;
import dev.cairn.runtime.testing.TestRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every down() undoes its up(), checked through Cairn's engine on a branching graph. */
class RoundTripTest {

    /** Two branches (2 and 3 on 1) merged by 4, one irreversible migration (5). */
    private static final Registry SHOP = TestRegistry.builder()
            .migration(1).up("CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL)")
                    .down("DROP TABLE customers")
            .migration(2).dependsOn(1).up("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER "
                    + "REFERENCES customers (id))").down("DROP TABLE orders")
            .migration(3).dependsOn(1).up("CREATE UNIQUE INDEX customers_by_email ON customers (email)")
                    .down("DROP INDEX customers_by_email")
            .migration(4).dependsOn(2, 3).up("CREATE VIEW customer_orders AS SELECT c.email, o.id FROM customers c "
                    + "JOIN orders o ON o.customer_id = c.id").down("DROP VIEW customer_orders")
            .migration(5).dependsOn(4).up("INSERT INTO customers (email) VALUES ('first@example.com')")
            .build();

    @Test
    void everyReversibleMigrationIsCheckedAndIrreversibleOnesAreSkipped() {
        try (MigrationTester tester = MigrationTester.sqlite(SHOP)) {
            RoundTripReport report = tester.assertEveryMigrationRoundTrips();

            assertEquals(List.of(1L, 2L, 3L, 4L), longs(report.checked()));
            assertEquals(Map.of(MigrationVersion.of(5), "has no down() (irreversible)"), report.skipped());
            assertEquals(List.of(List.of("first@example.com")), tester.rows("SELECT email FROM customers"),
                    "everything is applied at the end, once");
        }
    }

    @Test
    void theRoundTripCanStartAfterAVersion() {
        try (MigrationTester tester = MigrationTester.sqlite(SHOP)) {
            RoundTripReport report = tester.assertMigrationsRoundTripAfter(2);

            assertEquals(List.of(3L, 4L), longs(report.checked()));
            assertEquals(Map.of(MigrationVersion.of(5), "has no down() (irreversible)"), report.skipped());
            assertEquals(1, tester.rows("SELECT 1 FROM customers").size(), "everything is applied at the end, once");
        }
        try (MigrationTester tester = MigrationTester.sqlite(SHOP)) {
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                    () -> tester.assertMigrationsRoundTripAfter(9));
            assertEquals("The registry has no migration 9.", failure.getMessage());
        }
    }

    /** A reversible batched migration: doubles {@code n} in batches of 2, its down clears the column. */
    private static final Registry BATCHED = TestRegistry.builder()
            .migration(1).up("CREATE TABLE items (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, doubled INTEGER)")
                    .down("DROP TABLE items")
            .migration(2).dependsOn(1).up("INSERT INTO items (id, n) VALUES (1, 1), (2, 2), (3, 3), (4, 4), (5, 5)")
                    .down("DELETE FROM items")
            .migration(3).dependsOn(2).down("UPDATE items SET doubled = NULL").batched(() -> new BatchedMigration() {
                @Override
                public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after, int batchSize)
                        throws Exception {
                    return Batches.nextByLongKey(context, "items", "id", null, after, batchSize);
                }

                @Override
                public void processBatch(MigrationContext context, Batch batch) throws Exception {
                    context.execute("UPDATE items SET doubled = n * 2 WHERE id BETWEEN ? AND ?",
                            batch.first().asLong(), batch.last().asLong());
                }

                @Override
                public BatchSettings batchSettings() {
                    return BatchSettings.of(2);
                }

                @Override
                public void down(MigrationContext context) throws Exception {
                    context.execute("UPDATE items SET doubled = NULL");
                }
            })
            .build();

    /**
     * The first batched migration makes Cairn create its checkpoint table ({@code <history>_batches});
     * like the history table, that is Cairn's, not a change the migration's down must undo.
     */
    @Test
    void aBatchedMigrationRoundTripsWithoutCairnsCheckpointTableCountingAsItsSchema() {
        try (MigrationTester tester = MigrationTester.sqlite(BATCHED)) {
            RoundTripReport report = tester.assertEveryMigrationRoundTrips();

            assertEquals(List.of(1L, 2L, 3L), longs(report.checked()));
            assertEquals(5, tester.rows("SELECT 1 FROM items WHERE doubled = n * 2").size());
        }
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        try (MigrationTester tester = MigrationTester.postgres(BATCHED, database.jdbcUrlWithoutUser(), "postgres",
                null)) {
            assertEquals(List.of(1L, 2L, 3L), longs(tester.assertEveryMigrationRoundTrips().checked()));
        }
    }

    @Test
    void aDownThatLeavesAColumnBehindFailsWithTheDifference() {
        Registry leaky = TestRegistry.builder()
                .migration(1).up("CREATE TABLE orders (id INTEGER PRIMARY KEY)").down("DROP TABLE orders")
                .migration(2).dependsOn(1).description("Add note").up("ALTER TABLE orders ADD COLUMN note TEXT")
                        .down("SELECT 1")
                .build();
        try (MigrationTester tester = MigrationTester.sqlite(leaky)) {
            AssertionError failure = assertThrows(AssertionError.class, tester::assertEveryMigrationRoundTrips);

            assertEquals("Round trip of migration 2 (Add note): after its down(), the schema is not what it was before "
                    + "its up() (1 difference(s); \"new\" = left behind by up(), \"gone\" = removed by down() but there "
                    + "before):\n  table orders: column note TEXT null is new", failure.getMessage());
        }
    }

    @Test
    void aDownThatThrowsFailsNamingTheMigrationAndCairnsMessage() {
        Registry broken = TestRegistry.builder()
                .migration(1).description("Create orders").up("CREATE TABLE orders (id INTEGER PRIMARY KEY)")
                        .down("DROP TABLE no_such_table")
                .build();
        try (MigrationTester tester = MigrationTester.sqlite(broken)) {
            AssertionError failure = assertThrows(AssertionError.class, tester::assertEveryMigrationRoundTrips);

            assertTrue(failure.getMessage().startsWith("Round trip of migration 1 (Create orders): its down() failed: "),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains("no such table: no_such_table"), failure.getMessage());
        }
    }

    @Test
    void theRoundTripNeedsAFreshDatabase() {
        try (MigrationTester tester = MigrationTester.sqlite(SHOP)) {
            tester.migrateTo(1);
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    tester::assertEveryMigrationRoundTrips);
            assertTrue(failure.getMessage().contains("needs a fresh database"), failure.getMessage());
        }
    }

    @Test
    void postgresRoundTripsInASchemaOfItsOwn() {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        Registry shop = TestRegistry.builder()
                .migration(1).up("CREATE TABLE customers (id BIGSERIAL PRIMARY KEY, email TEXT NOT NULL)")
                        .down("DROP TABLE customers")
                .migration(2).dependsOn(1).up("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT "
                        + "REFERENCES customers (id))").down("DROP TABLE orders")
                .migration(3).dependsOn(1).up("ALTER TABLE customers ADD CONSTRAINT email_unique UNIQUE (email)")
                        .down("ALTER TABLE customers DROP CONSTRAINT email_unique")
                .build();
        try (MigrationTester tester = MigrationTester.postgres(shop, database.jdbcUrlWithoutUser(), "postgres", null)) {
            assertEquals(List.of(1L, 2L, 3L), longs(tester.assertEveryMigrationRoundTrips().checked()));
        }
    }

    private static List<Long> longs(List<MigrationVersion> versions) {
        return versions.stream().map(MigrationVersion::asLong).collect(java.util.stream.Collectors.toList());
    }
}
