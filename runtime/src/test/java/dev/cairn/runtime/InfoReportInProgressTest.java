package dev.cairn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link InfoReport#pending()} counts a batched migration in progress: it is not applied yet, and
 * {@code migrate()} still has work to do on it. Left out, a tenant whose last migration was an
 * unfinished backfill counted as up to date in {@link FleetInfo#behind()}, and the starter's
 * {@code cairn.mode=validate} let an application start on it.
 */
class InfoReportInProgressTest {

    @Test
    void aBatchedMigrationInProgressIsPending() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Registry registry = TestRegistry.builder()
                    .migration(1).description("Create items").up("CREATE TABLE items (id INTEGER PRIMARY KEY)")
                    .migration(2).dependsOn(1).description("Fill items").up(
                            "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 50) "
                                    + "INSERT INTO items (id) SELECT i FROM k")
                    .migration(3).dependsOn(2).description("Walk items").batched(() -> new BatchedMigration() {
                        @Override
                        public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after,
                                int batchSize) throws Exception {
                            return Batches.nextByLongKey(context, "items", "id", null, after, batchSize);
                        }

                        @Override
                        public void processBatch(MigrationContext context, Batch batch) throws Exception {
                            Thread.sleep(30);
                        }
                    })
                    .build();
            Migrator migrator = Migrator.builder(registry).dataSource(database.dataSource())
                    .batchSettings(BatchSettings.of(5)).batchTimeLimit(java.time.Duration.ofMillis(50)).build();
            assertFalse(migrator.migrate().isComplete());

            InfoReport info = migrator.info();
            assertEquals(List.of(MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.IN_PROGRESS),
                    info.migrations().stream().map(MigrationInfo::state).collect(Collectors.toList()));
            assertEquals(List.of(MigrationVersion.of(3)),
                    info.pending().stream().map(MigrationInfo::version).collect(Collectors.toList()));
        }
    }
}
