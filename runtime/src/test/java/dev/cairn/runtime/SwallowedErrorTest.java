package dev.cairn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A migration that catches a failing statement's {@link SQLException} and carries on. SQLite,
 * MariaDB and H2 undo the failed statement alone, so the rest of the migration stands and it is
 * applied. PostgreSQL aborts the whole transaction instead: Cairn used to roll back to its guard
 * savepoint and record the migration as applied, with none of its work in the database (its table
 * missing, the history saying {@code APPLY}), and a batched migration moved its checkpoint past a
 * batch whose rows were never processed.
 */
class SwallowedErrorTest {

    private static void createThenSwallow(MigrationContext context) throws SQLException {
        context.execute("CREATE TABLE orders (id INT)");
        try {
            context.execute("INSERT INTO no_such_table VALUES (1)");
        } catch (SQLException tolerated) {
            // the migration means to go on without it
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "MARIADB", "H2"})
    void whereAFailedStatementIsUndoneAloneTheRestOfTheMigrationIsApplied(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Registry registry = TestRegistry.builder().migration(1).up(SwallowedErrorTest::createThenSwallow).build();

            Migrator.builder(registry).dataSource(database.dataSource()).build().migrate();

            assertEquals(List.of("1:APPLY"), history(database));
            assertEquals(List.of("0"), database.column("SELECT COUNT(*) FROM orders"));
        }
    }

    @Test
    void onPostgresAMigrationWhoseTransactionWasAbortedFailsInsteadOfBeingRecordedAsApplied() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            Registry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE customers (id INT)")
                    .migration(2).dependsOn(1).up(SwallowedErrorTest::createThenSwallow)
                    .build();

            MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                    () -> Migrator.builder(registry).dataSource(database.dataSource()).build().migrate());

            assertEquals(2, failure.version().asLong());
            assertTrue(failure.getMessage().startsWith("Migration 2 (test.Migration2) failed in up(): "),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains("PostgreSQL aborted the migration's transaction: a statement "
                    + "failed in up() and the migration caught the SQLException and went on"), failure.getMessage());
            assertTrue(failure.getMessage().contains("Let the SQLException propagate, or run a statement that may "
                    + "fail inside a savepoint of its own"), failure.getMessage());
            assertEquals(List.of("1:APPLY", "2:APPLY_FAILED"), history(database));
            assertEquals(List.of(), database.column(
                    "SELECT table_name FROM information_schema.tables WHERE table_name = 'orders'"));
        }
    }

    @Test
    void onPostgresSingleTransactionRollsTheWholeRunBack() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            Registry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE customers (id INT)")
                    .migration(2).dependsOn(1).up(SwallowedErrorTest::createThenSwallow)
                    .build();

            MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> Migrator
                    .builder(registry).dataSource(database.dataSource()).singleTransaction(true).build().migrate());

            assertEquals(2, failure.version().asLong());
            assertTrue(failure.getMessage().contains("aborted the migration's transaction"), failure.getMessage());
            assertEquals(List.of("2:APPLY_FAILED"), history(database));
            assertEquals(List.of(), database.column("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_name IN ('customers', 'orders')"));
        }
    }

    @Test
    void onPostgresABatchWhoseTransactionWasAbortedFailsAndItsRowsAreProcessedByTheNextRun() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            AtomicInteger swallowInBatch = new AtomicInteger(2);
            AtomicInteger batches = new AtomicInteger();
            Registry registry = TestRegistry.builder()
                    .migration(1).up(context -> {
                        context.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, touched INT NOT NULL DEFAULT 0)");
                        try (PreparedStatement insert = context.connection().prepareStatement(
                                "INSERT INTO items (id) VALUES (?)")) {
                            for (int id = 1; id <= 30; id++) {
                                insert.setLong(1, id);
                                insert.addBatch();
                            }
                            insert.executeBatch();
                        }
                    })
                    .migration(2).dependsOn(1).batched(() -> new BatchedMigration() {
                        @Override
                        public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after,
                                int batchSize) throws SQLException {
                            return Batches.nextByLongKey(context, "items", "id", null, after, 10);
                        }

                        @Override
                        public void processBatch(MigrationContext context, Batch batch) throws SQLException {
                            context.execute("UPDATE items SET touched = touched + 1 WHERE id BETWEEN ? AND ?",
                                    batch.first().asLong(), batch.last().asLong());
                            if (batches.incrementAndGet() == swallowInBatch.get()) {
                                try {
                                    context.execute("UPDATE no_such_table SET x = 1");
                                } catch (SQLException tolerated) {
                                    // carries on as if the batch were done
                                }
                            }
                        }
                    })
                    .build();

            MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                    () -> Migrator.builder(registry).dataSource(database.dataSource()).build().migrate());
            assertTrue(failure.getMessage().contains("aborted the migration's transaction"), failure.getMessage());
            assertEquals(List.of("10"), database.column("SELECT COUNT(*) FROM items WHERE touched = 1"));

            swallowInBatch.set(0);
            Migrator.builder(registry).dataSource(database.dataSource()).build().migrate();

            // Every row exactly once: the aborted batch's rows were not skipped by a checkpoint past them.
            assertEquals(List.of("30"), database.column("SELECT COUNT(*) FROM items WHERE touched = 1"));
            assertEquals(List.of("1:APPLY", "2:APPLY_FAILED", "2:APPLY"), history(database));
        }
    }

    private static List<String> history(TestDatabase database) throws SQLException {
        return database.column("SELECT concat(version, ':', event) FROM cairn_schema_history ORDER BY installed_rank");
    }
}
