package dev.cairn.runtime.reliability;

import static dev.cairn.runtime.reliability.BatchedCrashChildMain.BATCHES;
import static dev.cairn.runtime.reliability.BatchedCrashChildMain.BATCH_TABLE;
import static dev.cairn.runtime.reliability.BatchedCrashChildMain.HISTORY;
import static dev.cairn.runtime.reliability.BatchedCrashChildMain.ROWS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cairn.runtime.BatchProgress;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationInfo;
import dev.cairn.runtime.MigrationListener;
import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.MigrationState;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.testing.ReliabilityFigures;
import dev.cairn.runtime.testing.ReliabilityLevel;
import dev.cairn.runtime.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: a batched migration (a backfill of {@value BatchedCrashChildMain#ROWS} rows in batches
 * of {@value BatchedCrashChildMain#BATCH_SIZE}, see {@link BatchedCrashChildMain}) killed with
 * SIGKILL at a random moment of its run, then resumed by a normal {@code migrate()}.
 *
 * <p>A reference database is migrated first without interruption, in this JVM (which also
 * measures how long a batch takes on this machine). Each trial then seeds a fresh database, starts the child, picks
 * at random one of the markers (the start, before any batch committed, or the n-th committed
 * batch), waits for it and a random part of a batch's length, and kills. After the kill:
 * <ul>
 *   <li>no lock is left (the {@code .cairn-lock} file can be locked at once, no advisory lock, no
 *       {@code GET_LOCK}); SQLite's {@code integrity_check} is ok;</li>
 *   <li>the batches and the checkpoint agree: the rows with {@code touched = 1} are exactly those
 *       up to the checkpoint's last key, as many as its {@code rows_done}; none is at 2; the
 *       dependent migration 2 is applied only if the backfill is;</li>
 * </ul>
 * then an in-process {@code migrate()} with default settings, except a lock timeout of 2 s (a lock
 * left behind would make it fail), finishes the job, and:
 * <ul>
 *   <li>the items table is identical to the reference (count and CRC32 of every row), every
 *       row's counter is exactly 1 (no batch applied twice, none skipped);</li>
 *   <li>each migration has exactly one {@code APPLY} row and {@code info} shows both
 *       {@link MigrationState#APPLIED}; the batch table is empty; the lock is free.</li>
 * </ul>
 * Trials: 2 per database in every build; 60 on a SQLite file, 50 on PostgreSQL and 50 on MariaDB
 * with {@code -Preliability}. Seed: {@code -Dcairn.reliability.seed}.
 */
class BatchedCrashTest {

    @Test
    void sqliteFileBackfillKilledAtRandomBatchesResumesToTheSameData() throws Exception {
        run(TestDatabase.Kind.SQLITE_FILE, "batched-crash sqlite-file", ReliabilityLevel.trials(2, 60));
    }

    @Test
    void postgresBackfillKilledAtRandomBatchesResumesToTheSameData() throws Exception {
        run(TestDatabase.Kind.POSTGRES, "batched-crash postgres", ReliabilityLevel.trials(2, 50));
    }

    @Test
    void mariaDbBackfillKilledAtRandomBatchesResumesToTheSameData() throws Exception {
        run(TestDatabase.Kind.MARIADB, "batched-crash mariadb", ReliabilityLevel.trials(2, 50));
    }

    private void run(TestDatabase.Kind kind, String suite, int trials) throws Exception {
        Random random = ReliabilityLevel.random(suite);
        ReliabilityFigures figures = new ReliabilityFigures(suite);
        Reference reference = reference(kind);
        figures.set("rows", ROWS);
        figures.set("batches", BATCHES);
        figures.set("batch.ms", reference.batchMillis);
        List<String> failures = new ArrayList<>();
        for (int trial = 1; trial <= trials; trial++) {
            // 0: the start marker (lock held, checkpoint being written); n: after the n-th batch committed.
            int marker = random.nextInt(BATCHES + 1);
            long delay = (long) (random.nextDouble() * reference.batchMillis);
            try {
                trial(kind, marker, delay, reference.checksum, figures);
            } catch (AssertionError | Exception e) {
                figures.add("failures", 1);
                failures.add("trial " + trial + " (marker " + marker + " +" + delay + " ms): " + e);
                System.out.println("reliability: " + suite + " FAILED trial " + trial + ": " + e);
            }
            figures.add("trials", 1);
        }
        figures.add("failures", 0);
        figures.publish();
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + trials + " batched crash trials failed (seed " + ReliabilityLevel.seed()
                    + "):\n" + String.join("\n", failures));
        }
    }

    private static final class Reference {
        final String checksum;
        final long batchMillis;

        Reference(String checksum, long batchMillis) {
            this.checksum = checksum;
            this.batchMillis = batchMillis;
        }
    }

    /**
     * The uninterrupted run, in this JVM (a child per database would cost the fast part a JVM
     * start each): the checksum of its items table, and the median time between two committed
     * batches, which the kill delays are drawn from. The child's batches take about as long: the
     * database's work and commit dominate them, not the JIT.
     */
    private static Reference reference(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            BatchedCrashChildMain.seed(database.dataSource());
            List<Long> committedAt = new ArrayList<>();
            BatchedCrashChildMain.migrator(Migrator.builder(BatchedCrashChildMain.registry())
                    .dataSource(database.dataSource())).listener(new MigrationListener() {
                        @Override
                        public void batchCommitted(MigrationDescriptor migration, BatchProgress progress) {
                            committedAt.add(System.nanoTime());
                        }
                    }).build().migrate();
            assertEquals(BATCHES, committedAt.size(), "batches of the uninterrupted run");
            long[] gaps = new long[BATCHES - 1];
            for (int i = 1; i < BATCHES; i++) {
                gaps[i - 1] = committedAt.get(i) - committedAt.get(i - 1);
            }
            Arrays.sort(gaps);
            assertEquals(0, database.count("SELECT COUNT(*) FROM items WHERE touched <> 1"), "the reference run");
            assertEquals(0, database.count("SELECT COUNT(*) FROM " + BATCH_TABLE));
            return new Reference(BatchedCrashChildMain.itemsChecksum(database.dataSource()),
                    Math.max(1, gaps[gaps.length / 2] / 1_000_000));
        }
    }

    private static void trial(TestDatabase.Kind kind, int marker, long delay, String referenceChecksum,
            ReliabilityFigures figures) throws Exception {
        try (TestDatabase database = kind.open()) {
            BatchedCrashChildMain.seed(database.dataSource());
            Probe probe = new Probe(database.dataSource(), database.isSqlite());
            ChildJvm child = ChildJvm.start(BatchedCrashChildMain.class, database.jdbcUrl());
            boolean alive;
            try {
                boolean reached = child.awaitLine(marker == 0 ? "PHASE start" : "BATCH " + marker, 120);
                if (reached && delay > 0) {
                    Thread.sleep(delay);
                }
                alive = child.isAlive();
                child.kill();
            } finally {
                child.kill();
            }
            // The child may end between isAlive() and the kill: then it completed, and the checks hold all the same.
            boolean killed = alive && child.killedBySigkill();
            if (killed) {
                figures.add("killed", 1);
            } else {
                assertEquals(0, child.exitValue(), "the child failed:\n" + child.output());
                assertTrue(child.output().contains("DONE"), child.output());
                figures.add("completedBeforeKill", 1);
            }

            long committed = checkAfterKill(database, probe);
            figures.add("batchesCommittedAtKill", committed);
            String phase = !killed ? "completed"
                    : probe.history(HISTORY).contains("1:APPLY") ? "afterBackfill"
                    : committed == 0 ? "beforeFirstBatch" : "inBackfill";
            figures.add("killed.phase." + phase, 1);

            AtomicLong resumed = new AtomicLong();
            AtomicLong firstResumed = new AtomicLong(-1);
            Migrator migrator = BatchedCrashChildMain.migrator(Migrator.builder(BatchedCrashChildMain.registry())
                    .dataSource(database.dataSource())).lockTimeout(Duration.ofSeconds(2))
                    .listener(new MigrationListener() {
                        @Override
                        public void batchCommitted(MigrationDescriptor migration, BatchProgress progress) {
                            resumed.incrementAndGet();
                            firstResumed.compareAndSet(-1, progress.batches());
                        }
                    }).build();
            MigrationReport report = migrator.migrate();
            figures.add("recoveryApplied", report.applied().size());
            figures.add("resumedBatches", resumed.get());
            if (firstResumed.get() >= 0) {
                assertEquals(committed + 1, firstResumed.get(), "the resumed run's first batch follows the checkpoint");
            }
            assertEquals(BATCHES, committed + resumed.get(), "batches before the kill and after it: each once");

            assertEquals(referenceChecksum, BatchedCrashChildMain.itemsChecksum(database.dataSource()),
                    "the items after the resumed run are identical to an uninterrupted run's");
            assertEquals(0, database.count("SELECT COUNT(*) FROM items WHERE touched <> 1"),
                    "every row processed exactly once: no batch applied twice, none skipped");
            assertEquals(List.of("1:APPLY", "2:APPLY"), applyEvents(probe));
            assertEquals(1, database.count("SELECT COUNT(*) FROM backfill_done"));
            assertEquals(0, database.count("SELECT COUNT(*) FROM " + BATCH_TABLE), "the checkpoint went with APPLY");
            for (MigrationInfo info : migrator.info().migrations()) {
                assertEquals(MigrationState.APPLIED, info.state(), info.toString());
            }
            assertLockFree(database, probe);
            if (probe.sqlite()) {
                assertEquals(List.of("ok"), probe.integrityCheck());
            }
        }
    }

    /**
     * What the kill left: no lock, and batches and checkpoint in step. Returns the batches committed.
     */
    private static long checkAfterKill(TestDatabase database, Probe probe) throws Exception {
        if (probe.sqlite()) {
            assertEquals(List.of("ok"), probe.integrityCheck(), "PRAGMA integrity_check after the kill");
        }
        assertLockFree(database, probe);
        List<String> history = probe.history(HISTORY);
        long touched = database.count("SELECT COUNT(*) FROM items WHERE touched = 1");
        assertEquals(0, database.count("SELECT COUNT(*) FROM items WHERE touched NOT IN (0, 1)"),
                "no row processed twice");
        boolean applied = history.contains("1:APPLY");
        if (applied) {
            assertEquals(ROWS, touched, "the backfill is recorded as applied, so every row is done " + history);
        }
        assertEquals(history.contains("2:APPLY") ? 1 : 0, database.count("SELECT COUNT(*) FROM backfill_done"));
        assertTrue(applied || !history.contains("2:APPLY"), "migration 2 ran before the backfill finished " + history);
        List<String> checkpoint = database.tableExists(BATCH_TABLE)
                ? database.column("SELECT concat(rows_done, ':', batches, ':', coalesce(last_key, '-')) FROM "
                        + BATCH_TABLE)
                : List.of();
        if (applied) {
            assertEquals(List.of(), checkpoint, "an applied backfill has no checkpoint left");
            return BATCHES;
        }
        if (checkpoint.isEmpty()) {
            assertEquals(0, touched, "rows done without a checkpoint");
            return 0;
        }
        String[] parts = checkpoint.get(0).split(":");
        long rowsDone = Long.parseLong(parts[0]);
        long batches = Long.parseLong(parts[1]);
        assertEquals(rowsDone, touched, "the checkpoint's rows_done against the rows touched: " + checkpoint);
        assertEquals(batches * BatchedCrashChildMain.BATCH_SIZE, rowsDone, checkpoint.toString());
        if (rowsDone > 0) {
            assertEquals(parts[2], Long.toString(database.count("SELECT MAX(id) FROM items WHERE touched = 1")),
                    "the checkpoint's last key is the last row of the last committed batch");
            assertEquals(rowsDone, database.count("SELECT COUNT(*) FROM items WHERE id <= " + parts[2]),
                    "the committed batches are the rows up to the checkpoint, without a gap");
        }
        return batches;
    }

    private static void assertLockFree(TestDatabase database, Probe probe) throws Exception {
        if (probe.sqlite()) {
            CrashTest.assertLockFileFree(database.file());
        } else if (database.isMariaDb()) {
            CrashTest.assertNoUserLock(database);
        } else {
            CrashTest.assertNoAdvisoryLock(probe);
        }
    }

    private static List<String> applyEvents(Probe probe) throws Exception {
        List<String> applies = new ArrayList<>();
        for (String row : probe.history(HISTORY)) {
            if (row.endsWith(":APPLY")) {
                applies.add(row);
            }
        }
        return applies;
    }
}
