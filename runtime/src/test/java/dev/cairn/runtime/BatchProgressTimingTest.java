package dev.cairn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The time a {@link BatchProgress} counts, from which the CLI shows the rate and the time left, is
 * the time the batches took, commits included. It counted each batch's work up to, not including,
 * its COMMIT, truncated to whole milliseconds: on an SQLite file, where a batch of quick UPDATEs
 * costs well under a millisecond and its COMMIT (a sync to disk) the rest, it stayed near 0, so the
 * rate came out tens of times too high and the time left as many times too short.
 */
class BatchProgressTimingTest {

    private static final int BATCHES = 60;

    @Test
    void theElapsedTimeCountsEveryBatchWithItsCommit() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Registry registry = TestRegistry.builder()
                    .migration(1).description("Create items").up(context -> {
                        context.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, n INT)");
                        context.execute("WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < "
                                + BATCHES * 10 + ") INSERT INTO items (id, n) SELECT i, 0 FROM k");
                    })
                    .migration(2).dependsOn(1).description("Count items").batched(() -> new BatchedMigration() {
                        @Override
                        public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after,
                                int batchSize) throws Exception {
                            return Batches.nextByLongKey(context, "items", "id", null, after, batchSize);
                        }

                        @Override
                        public void processBatch(MigrationContext context, Batch batch) throws Exception {
                            context.execute("UPDATE items SET n = n + 1 WHERE id BETWEEN ? AND ?",
                                    batch.first().asLong(), batch.last().asLong());
                        }

                        @Override
                        public OptionalLong countRows(MigrationContext context) throws Exception {
                            return Batches.count(context, "SELECT COUNT(*) FROM items");
                        }
                    })
                    .build();
            List<BatchProgress> progress = new ArrayList<>();
            List<Long> committedAt = new ArrayList<>();
            Migrator migrator = Migrator.builder(registry).dataSource(database.dataSource())
                    .batchSettings(BatchSettings.of(10))
                    .listener(new MigrationListener() {
                        @Override
                        public void batchCommitted(MigrationDescriptor migration, BatchProgress batch) {
                            committedAt.add(System.nanoTime());
                            progress.add(batch);
                        }
                    }).build();
            migrator.migrate();

            assertEquals(BATCHES, progress.size());
            // From the first batch's commit to the last one's: the wall time of BATCHES - 1 batches.
            Duration wall = Duration.ofNanos(committedAt.get(BATCHES - 1) - committedAt.get(0));
            Duration counted = progress.get(BATCHES - 1).elapsed().minus(progress.get(0).elapsed());
            assertTrue(counted.toNanos() >= wall.toNanos() / 2,
                    "counted " + counted.toMillis() + " ms of the " + wall.toMillis() + " ms the batches took");
            // Not counted twice either (a COMMIT's time varies from one to the next, hence the margin).
            assertTrue(counted.toNanos() <= wall.toNanos() * 3 / 2,
                    "counted " + counted.toMillis() + " ms, more than the " + wall.toMillis() + " ms the batches took");
        }
    }
}
