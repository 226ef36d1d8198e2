package dev.cairn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Batched data migrations (issue 17): each batch commits with its checkpoint, a failed or
 * interrupted migration resumes after its last committed batch, and it counts as applied only once
 * the last batch committed and verify passed. A {@code touched} counter on every row proves that no
 * batch ran twice and none was skipped.
 */
class BatchedMigrationTest {

    private static final int ROWS = 2_500;

    /**
     * Doubles {@code n} into {@code doubled} and counts each visit in {@code touched}; fails once at
     * the batch that holds {@code failAt} (0: never).
     */
    static final class Doubling implements BatchedMigration {
        private final BatchSettings settings;
        private final AtomicInteger failAt;
        private final List<String> phases;

        Doubling(BatchSettings settings, AtomicInteger failAt, List<String> phases) {
            this.settings = settings;
            this.failAt = failAt;
            this.phases = phases;
        }

        @Override
        public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after, int batchSize)
                throws SQLException {
            return Batches.nextByLongKey(context, "items", "id", null, after, batchSize);
        }

        @Override
        public void processBatch(MigrationContext context, Batch batch) throws SQLException {
            phases.add("batch " + batch.first() + ".." + batch.last());
            context.execute("UPDATE items SET doubled = n * 2, touched = touched + 1 WHERE id BETWEEN ? AND ?",
                    batch.first().asLong(), batch.last().asLong());
            int failing = failAt.get();
            if (failing >= batch.first().asLong() && failing <= batch.last().asLong()) {
                failAt.set(0);
                throw new IllegalStateException("row " + failing + " cannot be doubled today");
            }
        }

        @Override
        public OptionalLong countRows(MigrationContext context) throws SQLException {
            return Batches.count(context, "SELECT COUNT(*) FROM items");
        }

        @Override
        public BatchSettings batchSettings() {
            return settings;
        }

        @Override
        public void verify(MigrationContext context) throws SQLException {
            phases.add("verify");
            if (failVerify.getAndSet(false)) {
                Batches.requireNone(context, "SELECT COUNT(*) + 1 FROM items WHERE doubled <> n * 2",
                        "items not doubled");
            }
            Batches.requireNone(context, "SELECT COUNT(*) FROM items WHERE doubled IS NULL OR doubled <> n * 2",
                    "items not doubled");
        }
    }

    private final AtomicInteger failAt = new AtomicInteger();
    /** Makes the next verify find one row left. */
    private static final java.util.concurrent.atomic.AtomicBoolean failVerify = new java.util.concurrent.atomic.AtomicBoolean();
    private final List<String> phases = java.util.Collections.synchronizedList(new ArrayList<>());

    /** 1 creates and fills the table, 2 doubles it in batches, 3 depends on 2, 4 only on 1. */
    private TestRegistry.Builder registry(String batchedChecksum, BatchSettings settings) {
        return TestRegistry.builder()
                .migration(1).description("Create items").up(context -> {
                    context.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, n INT NOT NULL, doubled INT, "
                            + "touched INT NOT NULL DEFAULT 0)");
                    try (PreparedStatement insert = context.connection().prepareStatement(
                            "INSERT INTO items (id, n) VALUES (?, ?)")) {
                        for (int id = 1; id <= ROWS; id++) {
                            insert.setLong(1, id);
                            insert.setInt(2, id % 97);
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                })
                .migration(2).dependsOn(1).description("Double items").checksum(batchedChecksum)
                .batched(() -> new Doubling(settings, failAt, phases))
                .migration(3).dependsOn(2).description("Index doubled")
                .up("CREATE INDEX items_doubled ON items (doubled)")
                .migration(4).dependsOn(1).description("Create notes").up("CREATE TABLE notes (id INT)");
    }

    private static Migrator.Builder migrator(TestDatabase database, Registry registry) {
        return Migrator.builder(registry).dataSource(database.dataSource());
    }

    private static List<String> applied(MigrationReport report) {
        return report.applied().stream().map(e -> e.migration().version().toString()).collect(Collectors.toList());
    }

    private static MigrationInfo info(Migrator migrator, long version) {
        return migrator.info().migrations().stream().filter(m -> !m.repeatable() && m.version().equals(
                MigrationVersion.of(version))).findFirst().orElseThrow();
    }

    private static void assertEveryRowDoubledOnce(TestDatabase database) throws SQLException {
        assertEquals(ROWS, database.count("SELECT COUNT(*) FROM items WHERE doubled = n * 2"));
        assertEquals(0, database.count("SELECT COUNT(*) FROM items WHERE touched <> 1"),
                "every row was processed exactly once: no batch ran twice, none was skipped");
    }

    private static long checkpoints(TestDatabase database) throws SQLException {
        return database.count("SELECT COUNT(*) FROM cairn_schema_history_batches");
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "SQLITE_MEMORY", "POSTGRES", "MARIADB", "H2"})
    void appliesBatchByBatchReportsProgressAndRecordsItOnlyOnceVerified(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            List<BatchProgress> progress = new ArrayList<>();
            Migrator migrator = migrator(database, registry("v1", BatchSettings.of(1_000)).build())
                    .listener(new MigrationListener() {
                        @Override
                        public void batchCommitted(MigrationDescriptor migration, BatchProgress batch) {
                            progress.add(batch);
                        }
                    }).build();

            assertEquals(List.of("1", "2", "3", "4"), applied(migrator.migrate()));

            assertEveryRowDoubledOnce(database);
            assertEquals(List.of("batch 1..1000", "batch 1001..2000", "batch 2001..2500", "verify"), phases);
            assertEquals(List.of(1_000L, 2_000L, 2_500L), progress.stream().map(BatchProgress::rowsDone)
                    .collect(Collectors.toList()));
            assertEquals(OptionalLong.of(ROWS), progress.get(0).rowsTotal(), "the count is asked once, at the start");
            assertEquals(Optional.of(BatchKey.of(2_500)), progress.get(2).lastKey());
            assertEquals(3, progress.get(2).batches());
            assertEquals(0, checkpoints(database), "the checkpoint goes with the APPLY row");
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY", "4:APPLY"), database.column(
                    "SELECT concat(version, ':', event) FROM cairn_schema_history WHERE event <> 'VERIFIED' "
                            + "ORDER BY installed_rank"));
            assertEquals(MigrationState.APPLIED, info(migrator, 2).state());
            assertTrue(info(migrator, 2).batchProgress().isEmpty());
            assertTrue(migrator.migrate().wasUpToDate());
            assertTrue(info(migrator, 2).batchProgress().isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void aFailedBatchIsRecordedWithItsKeysAndTheNextRunRetriesFromIt(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            failAt.set(1_500);
            Migrator migrator = migrator(database, registry("v1", BatchSettings.of(1_000)).build()).build();

            MigrationFailedException failure = assertThrows(MigrationFailedException.class, migrator::migrate);
            assertTrue(failure.getMessage().contains("batch 2 (keys 1001..2000 (1000 rows)), processBatch()"),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains("row 1500 cannot be doubled today"), failure.getMessage());
            assertTrue(failure.getMessage().contains("Its 1 batch before (1000 rows, up to key 1000) stay committed"),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains("the next migrate resumes with it"), failure.getMessage());
            assertEquals(1_000, database.count("SELECT COUNT(*) FROM items WHERE touched = 1"),
                    "batch 1 committed, batch 2 rolled back");
            assertEquals(List.of("keys 1001..2000 (1000 rows)"), database.column(
                    "SELECT failed_batch FROM cairn_schema_history_batches"));
            assertEquals(List.of("1000"), database.column("SELECT last_key FROM cairn_schema_history_batches"));
            assertEquals(1, database.count("SELECT COUNT(*) FROM cairn_schema_history WHERE version = 2 AND "
                    + "event = 'APPLY_FAILED' AND error LIKE 'batch 2 (keys 1001..2000%'"));

            MigrationInfo inProgress = info(migrator, 2);
            assertEquals(MigrationState.IN_PROGRESS, inProgress.state());
            assertEquals(1_000, inProgress.batchProgress().orElseThrow().rowsDone());
            assertEquals(OptionalLong.of(ROWS), inProgress.batchProgress().orElseThrow().rowsTotal());
            assertTrue(inProgress.error().orElseThrow().contains("row 1500"), inProgress.error().toString());
            assertEquals(MigrationState.PENDING, info(migrator, 3).state(), "its dependent waits");

            phases.clear();
            assertEquals(List.of("2", "3", "4"), applied(migrator.migrate()), "no repair needed");
            assertEquals(List.of("batch 1001..2000", "batch 2001..2500", "verify"), phases,
                    "resumed after the checkpoint: batch 1 not again");
            assertEveryRowDoubledOnce(database);
            assertEquals(0, checkpoints(database));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void aBatchTimeLimitLeavesItInProgressItsDependentsWaitAndOthersAreApplied(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            Registry registry = registry("v1", BatchSettings.of(1_000)).build();
            Migrator limited = migrator(database, registry).batchTimeLimit(Duration.ofNanos(1)).build();

            MigrationReport report = limited.migrate();

            assertEquals(List.of("1", "4"), applied(report));
            assertEquals(List.of("2"), report.unfinished().stream().map(m -> m.version().toString())
                    .collect(Collectors.toList()));
            assertEquals(List.of("3"), report.waiting().stream().map(m -> m.version().toString())
                    .collect(Collectors.toList()));
            assertFalse(report.isComplete());
            assertEquals(List.of("batch 1..1000"), phases, "at least one batch per run, then the limit");
            BatchProgress progress = info(limited, 2).batchProgress().orElseThrow();
            assertEquals(MigrationState.IN_PROGRESS, info(limited, 2).state());
            assertEquals(1_000, progress.rowsDone());
            assertEquals(0.4, progress.fraction().orElseThrow(), 1e-9);
            assertEquals(MigrationState.PENDING, info(limited, 3).state());
            assertEquals(0, database.count("SELECT COUNT(*) FROM cairn_schema_history WHERE event = 'VERIFIED'"),
                    "not verified while a migration is in progress");

            phases.clear();
            MigrationReport rest = migrator(database, registry).build().migrate();
            assertEquals(List.of("2", "3"), applied(rest));
            assertTrue(rest.isComplete());
            assertEquals(List.of("batch 1001..2000", "batch 2001..2500", "verify"), phases);
            assertEveryRowDoubledOnce(database);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES"})
    void editedAfterSomeBatchesCommittedIsRefusedUntilRevertedOrRepaired(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, registry("v1", BatchSettings.of(1_000)).build()).batchTimeLimit(Duration.ofNanos(1))
                    .build().migrate();

            Migrator edited = migrator(database, registry("v2", BatchSettings.of(1_000)).build()).build();
            ValidationException refused = assertThrows(ValidationException.class, edited::migrate);
            assertTrue(refused.getMessage().contains("Migration 2 (test.Migration2) is a batched migration in progress "
                    + "that was edited after 1 of its batches committed (1000 rows, up to key 1000)"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("recorded checksum v1, the code has v2"), refused.getMessage());
            assertEquals(List.of(ValidationProblem.Kind.CHECKSUM_MISMATCH), edited.validate().problems().stream()
                    .map(ValidationProblem::kind).collect(Collectors.toList()));
            assertEquals(1_000, database.count("SELECT COUNT(*) FROM items WHERE touched = 1"), "nothing more ran");

            RepairReport repair = edited.repair();
            assertEquals(List.of(MigrationVersion.of(2)), repair.realignedChecksums());
            phases.clear();
            assertEquals(List.of("2", "3"), applied(edited.migrate()));
            assertEquals(List.of("batch 1001..2000", "batch 2001..2500", "verify"), phases);
            assertEveryRowDoubledOnce(database);
            assertEquals(List.of("v2"), database.column(
                    "SELECT checksum FROM cairn_schema_history WHERE version = 2 AND event = 'APPLY'"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES"})
    void batchSettingsAreOverriddenAtRunTimeForAllOrForOneMigration(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Registry registry = registry("v1", BatchSettings.of(1_000)).build();
            migrator(database, registry).batchSettings(BatchSettings.of(2_000))
                    .batchSettings(2, BatchSettings.of(600).withPause(Duration.ofMillis(1))).build().migrate();

            assertEquals(List.of("batch 1..600", "batch 601..1200", "batch 1201..1800", "batch 1801..2400",
                    "batch 2401..2500", "verify"), phases, "the setting for version 2 wins over the one for all");
            assertEveryRowDoubledOnce(database);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void aFailedVerifyKeepsTheBatchesAndIsRunAgainByTheNextMigrate(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Registry registry = registry("v1", BatchSettings.of(1_000)).build();
            Migrator migrator = migrator(database, registry).build();
            failVerify.set(true);

            MigrationFailedException failure = assertThrows(MigrationFailedException.class, migrator::migrate);
            assertTrue(failure.getMessage().contains("failed in verify(): "), failure.getMessage());
            assertTrue(failure.getMessage().contains("1 items not doubled left after the last batch"),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains("Its 3 batches before (2500 rows, up to key 2500) stay committed"),
                    failure.getMessage());
            assertEquals(MigrationState.IN_PROGRESS, info(migrator, 2).state());

            phases.clear();
            assertEquals(List.of("2", "3", "4"), applied(migrator.migrate()));
            assertEquals(List.of("verify"), phases, "no batch ran again");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"MARIADB", "H2"})
    void aBatchWhoseDdlCommitsImplicitlyStopsTheMigrationForRepair(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Registry registry = TestRegistry.builder()
                    .migration(1).up(context -> {
                        context.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, n INT)");
                        context.execute("INSERT INTO items (id, n) VALUES (1, 1), (2, 2), (3, 3)");
                    })
                    .migration(2).dependsOn(1).batched(() -> new BatchedMigration() {
                        @Override
                        public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after,
                                int batchSize) throws SQLException {
                            return Batches.nextByLongKey(context, "items", "id", null, after, 1);
                        }

                        @Override
                        public void processBatch(MigrationContext context, Batch batch) throws SQLException {
                            context.execute("UPDATE items SET n = n + 10 WHERE id = ?", batch.first().asLong());
                            if (batch.first().asLong() == 2) {
                                context.execute("CREATE TABLE side_effect_" + batch.first().asLong() + " (id INT)");
                            }
                        }
                    }).build();
            Migrator migrator = migrator(database, registry).build();

            MigrationFailedException failure = assertThrows(MigrationFailedException.class, migrator::migrate);
            assertTrue(failure.getMessage().contains("ended it while the migration ran"), failure.getMessage());
            assertTrue(failure.getMessage().contains("call repair()"), failure.getMessage());
            assertThrows(PendingRepairException.class, migrator::migrate, "it waits for repair, as any half-done work");
            assertEquals(List.of("1"), database.column("SELECT last_key FROM cairn_schema_history_batches"),
                    "the checkpoint still names batch 1");
        }
    }

    @Test
    void aNextBatchThatDoesNotMovePastTheCheckpointIsRefused() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Registry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE items (id INT)")
                    .migration(2).dependsOn(1).batched(() -> new BatchedMigration() {
                        @Override
                        public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after,
                                int batchSize) {
                            return Optional.of(Batch.of(1, 5, 5)); // forgets the "after"
                        }

                        @Override
                        public void processBatch(MigrationContext context, Batch batch) {
                        }
                    }).build();

            MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                    () -> migrator(database, registry).build().migrate());
            assertTrue(failure.getMessage().contains("that ends at the checkpoint 5, so the migration would never finish"),
                    failure.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void textKeysAreCheckpointedAsText(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            AtomicInteger failOnce = new AtomicInteger(1);
            Registry registry = TestRegistry.builder()
                    .migration(1).up(context -> {
                        context.execute("CREATE TABLE codes (code VARCHAR(20) PRIMARY KEY, seen INT NOT NULL DEFAULT 0)");
                        context.execute("INSERT INTO codes (code) VALUES ('a1'), ('a2'), ('b1'), ('b2'), ('c1')");
                    })
                    .migration(2).dependsOn(1).batched(() -> new BatchedMigration() {
                        @Override
                        public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after,
                                int batchSize) throws SQLException {
                            try (PreparedStatement select = context.connection().prepareStatement(
                                    "SELECT code FROM codes WHERE code > ? ORDER BY code LIMIT ?")) {
                                select.setString(1, after.map(BatchKey::asText).orElse(""));
                                select.setInt(2, batchSize);
                                List<String> codes = new ArrayList<>();
                                try (ResultSet result = select.executeQuery()) {
                                    while (result.next()) {
                                        codes.add(result.getString(1));
                                    }
                                }
                                return codes.isEmpty() ? Optional.empty() : Optional.of(Batch.of(BatchKey.of(
                                        codes.get(0)), BatchKey.of(codes.get(codes.size() - 1)), codes.size()));
                            }
                        }

                        @Override
                        public void processBatch(MigrationContext context, Batch batch) throws SQLException {
                            context.execute("UPDATE codes SET seen = seen + 1 WHERE code BETWEEN ? AND ?",
                                    batch.first().asText(), batch.last().asText());
                            if (batch.first().asText().equals("b1") && failOnce.getAndSet(0) == 1) {
                                throw new IllegalStateException("not today");
                            }
                        }

                        @Override
                        public BatchSettings batchSettings() {
                            return BatchSettings.of(2);
                        }
                    }).build();
            Migrator migrator = migrator(database, registry).build();

            assertThrows(MigrationFailedException.class, migrator::migrate);
            assertEquals(List.of("a2"), database.column("SELECT last_key FROM cairn_schema_history_batches"));
            assertEquals(Optional.of(BatchKey.of("a2")), info(migrator, 2).batchProgress().orElseThrow().lastKey());
            migrator.migrate();
            assertEquals(0, database.count("SELECT COUNT(*) FROM codes WHERE seen <> 1"));
        }
    }

    @Test
    void singleTransactionRunsEveryBatchInItsOneTransactionButRefusesOneInProgress() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            Registry registry = registry("v1", BatchSettings.of(1_000)).build();
            migrator(database, registry).batchTimeLimit(Duration.ofNanos(1)).build().migrate();

            CairnException refused = assertThrows(CairnException.class,
                    () -> migrator(database, registry).singleTransaction(true).build().migrate());
            assertTrue(refused.getMessage().contains("is a batched migration in progress"), refused.getMessage());

            try (TestDatabase fresh = TestDatabase.Kind.POSTGRES.open()) {
                phases.clear();
                assertEquals(List.of("1", "2", "3", "4"), applied(migrator(fresh, registry).singleTransaction(true)
                        .build().migrate()));
                assertEveryRowDoubledOnce(fresh);
                assertEquals(List.of("batch 1..1000", "batch 1001..2000", "batch 2001..2500", "verify"), phases);
            }
        }
    }

    @Test
    void aFleetReportsTenantsABatchTimeLimitLeftInProgressAndTheNextRunFinishesThem() throws Exception {
        try (TestDatabase first = TestDatabase.Kind.SQLITE_FILE.open();
                TestDatabase second = TestDatabase.Kind.SQLITE_FILE.open()) {
            Registry registry = registry("v1", BatchSettings.of(1_000)).build();
            FleetReport limited = Fleet.builder(registry).tenant("first", first.dataSource())
                    .tenant("second", second.dataSource()).parallelism(2)
                    .configure(builder -> builder.batchTimeLimit(Duration.ofNanos(1))).build().migrate();

            assertEquals(2, limited.inProgress().size());
            assertFalse(limited.succeeded(), "not complete while a backfill is in progress");
            assertEquals(List.of("1", "4"), applied(limited.tenants().get(0)));

            FleetReport rest = Fleet.builder(registry).tenant("first", first.dataSource())
                    .tenant("second", second.dataSource()).build().migrate();
            assertTrue(rest.succeeded());
            assertEquals(2, rest.migrated().size());
            assertEveryRowDoubledOnce(first);
            assertEveryRowDoubledOnce(second);
        }
    }

    private static List<String> applied(TenantResult tenant) {
        return tenant.applied().stream().map(e -> e.migration().version().toString()).collect(Collectors.toList());
    }
}
