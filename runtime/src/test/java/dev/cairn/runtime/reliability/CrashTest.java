package dev.cairn.runtime.reliability;

import static dev.cairn.runtime.testing.Versions.versions;
import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.PendingRepairException;
import dev.cairn.runtime.RepairReport;
import dev.cairn.runtime.internal.dialect.MariaDbDialect;
import dev.cairn.runtime.testing.ReliabilityFigures;
import dev.cairn.runtime.testing.ReliabilityLevel;
import dev.cairn.runtime.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Kills a migrating application with SIGKILL at random moments and checks that nothing is lost:
 * the child JVM ({@link CrashChildMain}) migrates {@link CrashRegistry} on a database holding user
 * data; the test waits for the marker of a randomly chosen phase (lock held, schema change, long
 * data migration, gap between migrations, non-transactional migration), waits a random part of
 * that phase's length (measured by a calibration run in the full part), and kills. After each kill:
 * <ul>
 *   <li>SQLite: {@code PRAGMA integrity_check} is ok;</li>
 *   <li>no lock is left: the {@code .cairn-lock} file can be locked at once (SQLite), no advisory
 *       lock is held (PostgreSQL);</li>
 *   <li>each migration is either recorded as applied and its schema objects and data are all
 *       there, or not recorded and none of them is there (the non-transactional one may be partly
 *       there, but then the history must say it was interrupted);</li>
 *   <li>the user data is intact (row count and CRC32);</li>
 *   <li>the next {@code migrate()}, with default settings, finishes the job; for an interrupted
 *       non-transactional migration it refuses with {@link PendingRepairException} and succeeds
 *       after the partial work is undone and {@code repair()} is called.</li>
 * </ul>
 * On MariaDB, where DDL commits implicitly, any migration may be partly there after a kill, but
 * then the history must hold its interruption marker (never half-applied without one), the
 * {@code GET_LOCK} lock must be free, and the next {@code migrate()} refuses until the operator
 * undoes the partial work and calls {@code repair()}.
 * Trials: 4 on a SQLite file and 2 each on PostgreSQL and MariaDB in every build, 100, 50 and 50
 * with {@code -Preliability}. Seed: {@code -Dcairn.reliability.seed}.
 */
class CrashTest {

    private static final String HISTORY = "cairn_schema_history";
    /** The phases kills are aimed at; "last" is short and reached through the others' overshoot. */
    private static final List<String> TARGETS = List.of("lock", "schema", "data", "gap", "nontx");

    @Test
    void sqliteFileSurvivesSigkillInEveryPhase() throws Exception {
        run(TestDatabase.Kind.SQLITE_FILE, "crash sqlite-file", ReliabilityLevel.trials(4, 100));
    }

    @Test
    void postgresSurvivesSigkillInEveryPhase() throws Exception {
        run(TestDatabase.Kind.POSTGRES, "crash postgres", ReliabilityLevel.trials(2, 50));
    }

    @Test
    void mariaDbSurvivesSigkillInEveryPhase() throws Exception {
        run(TestDatabase.Kind.MARIADB, "crash mariadb", ReliabilityLevel.trials(2, 50));
    }

    private void run(TestDatabase.Kind kind, String suite, int trials) throws Exception {
        Random random = ReliabilityLevel.random(suite);
        ReliabilityFigures figures = new ReliabilityFigures(suite);
        // The fast part saves the calibration run (two JVMs) and uses lengths measured on the 2-core CI machine.
        Map<String, Long> phaseMillis = ReliabilityLevel.isFull() ? calibrate(kind)
                : Map.of("lock", 150L, "schema", 180L, "data", 250L, "gap", 150L, "nontx", 300L, "last", 20L);
        figures.set("phase.ms", new java.util.TreeMap<>(phaseMillis).toString().replace(" ", ""));
        List<String> failures = new ArrayList<>();
        for (int trial = 1; trial <= trials; trial++) {
            String target = TARGETS.get(random.nextInt(TARGETS.size()));
            long delay = (long) (random.nextDouble() * phaseMillis.get(target));
            try {
                trial(kind, target, delay, figures);
            } catch (AssertionError | Exception e) {
                figures.add("failures", 1);
                failures.add("trial " + trial + " (target " + target + " +" + delay + " ms): " + e);
                System.out.println("reliability: " + suite + " FAILED trial " + trial + ": " + e);
            }
            figures.add("trials", 1);
        }
        figures.add("failures", 0);
        figures.publish();
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + trials + " crash trials failed (seed " + ReliabilityLevel.seed()
                    + "):\n" + String.join("\n", failures));
        }
    }

    /** Runs the child to the end once and measures each phase, so that kill delays fit this machine. */
    private static Map<String, Long> calibrate(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Probe probe = new Probe(database.dataSource(), database.isSqlite());
            probe.seedUsers(new Random(1));
            ChildJvm child = ChildJvm.start(CrashChildMain.class, database.jdbcUrl());
            assertTrue(child.waitFor(300), "the calibration run did not finish");
            assertEquals(0, child.exitValue(), "the calibration run failed:\n" + child.output());
            Map<String, Long> millis = new HashMap<>();
            List<String> markers = new ArrayList<>();
            for (String phase : CrashRegistry.PHASES) {
                markers.add("PHASE " + phase);
            }
            markers.add("DONE");
            for (int i = 0; i + 1 < markers.size(); i++) {
                Long start = child.seenAt(markers.get(i));
                Long end = child.seenAt(markers.get(i + 1));
                assertTrue(start != null && end != null, "missing markers:\n" + child.output());
                millis.put(CrashRegistry.PHASES.get(i), Math.max(1, (end - start) / 1_000_000));
            }
            return millis;
        }
    }

    private static void trial(TestDatabase.Kind kind, String target, long delay, ReliabilityFigures figures)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            Probe probe = new Probe(database.dataSource(), database.isSqlite());
            probe.seedUsers(new Random(delay));
            String users = probe.usersChecksum();
            ChildJvm child = ChildJvm.start(CrashChildMain.class, database.jdbcUrl());
            String hit;
            try {
                boolean reached = child.awaitLine("PHASE " + target, 120);
                if (reached && delay > 0) {
                    Thread.sleep(delay);
                }
                hit = child.isAlive() ? child.lastPhase() : "completed";
                child.kill();
            } finally {
                child.kill();
            }
            // The child may finish between the isAlive() check and the kill: then it was not killed,
            // it completed, and the trial checks that end state instead (a race of the harness, not a
            // failure of Cairn; it made 1 of 50 CI trials fail).
            if (!"completed".equals(hit) && !child.killedBySigkill() && child.exitValue() == 0
                    && child.output().contains("DONE")) {
                hit = "completed";
            }
            if (!"completed".equals(hit)) {
                assertTrue(child.killedBySigkill(), "expected exit 137 (SIGKILL), got " + child.exitValue()
                        + ":\n" + child.output());
                figures.add("killed", 1);
            } else {
                assertEquals(0, child.exitValue(), "the child failed:\n" + child.output());
                figures.add("completedBeforeKill", 1);
            }
            figures.add("killed.phase." + hit, 1);

            checkAfterKill(database, probe, users);
            recover(database, probe, figures);

            // Finished: everything applied once, everything there, user data untouched.
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY", "4:APPLY"), applyEvents(probe));
            for (long version : CrashRegistry.VERSIONS) {
                assertEquals(Presence.FULL, presence(probe, version), "migration " + version + " after recovery");
            }
            assertEquals(users, probe.usersChecksum(), "user data after recovery");
            if (probe.sqlite()) {
                assertEquals(List.of("ok"), probe.integrityCheck());
            }
        }
    }

    private static void checkAfterKill(TestDatabase database, Probe probe, String users) throws Exception {
        if (probe.sqlite()) {
            assertEquals(List.of("ok"), probe.integrityCheck(), "PRAGMA integrity_check after the kill");
            assertLockFileFree(database.file());
        } else if (database.isMariaDb()) {
            assertNoUserLock(database);
        } else {
            assertNoAdvisoryLock(probe);
        }
        List<String> history = probe.history(HISTORY);
        for (long version : CrashRegistry.VERSIONS) {
            boolean recorded = history.contains(version + ":APPLY");
            Presence presence = presence(probe, version);
            if (recorded) {
                assertEquals(Presence.FULL, presence, "migration " + version + " is recorded as applied " + history);
            } else if (database.commitsDdlImplicitly() && presence != Presence.NONE) {
                // Its DDL committed before the kill: the marker committed before it must still be there.
                assertTrue(history.contains(version + ":APPLY_FAILED"), "migration " + version + " left work behind ("
                        + presence + ") after an implicit commit, but the history has no marker: " + history);
            } else if (version == CrashRegistry.NON_TRANSACTIONAL_VERSION && presence != Presence.NONE) {
                assertTrue(history.contains(version + ":APPLY_FAILED"), "the non-transactional migration left work "
                        + "behind (" + presence + ") but the history does not say it was interrupted: " + history);
            } else {
                assertEquals(Presence.NONE, presence, "migration " + version + " is not recorded " + history);
            }
        }
        assertEquals(users, probe.usersChecksum(), "user data after the kill");
    }

    /** The next migrate with default settings finishes; an interrupted non-transactional one needs repair first. */
    private static void recover(TestDatabase database, Probe probe, ReliabilityFigures figures) throws Exception {
        // The migrations start from the seeded users table (see CrashRegistry), and a kill before the first
        // commit leaves no history: allowed, as in the child.
        Migrator migrator = Migrator.builder(CrashRegistry.registry()).dataSource(database.dataSource())
                .allowNonEmptyDatabase(true).build();
        List<String> history = probe.history(HISTORY);
        long version = CrashRegistry.NON_TRANSACTIONAL_VERSION;
        if (database.commitsDdlImplicitly()) {
            // Any migration may hold the marker there, not only the non-transactional one.
            for (long candidate : CrashRegistry.VERSIONS) {
                if (history.contains(candidate + ":APPLY_FAILED") && !history.contains(candidate + ":APPLY")) {
                    version = candidate;
                }
            }
        }
        boolean interrupted = history.contains(version + ":APPLY_FAILED") && !history.contains(version + ":APPLY");
        if (interrupted) {
            PendingRepairException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    PendingRepairException.class, migrator::migrate);
            assertTrue(refused.getMessage().contains("[" + version + "]")
                    && refused.getMessage().contains("repair()"), refused.getMessage());
            // What an operator does: undo the partial work by hand, then repair.
            undo(database, probe, version);
            RepairReport repair = migrator.repair();
            assertEquals(versions(version), repair.clearedFailures());
            figures.add("refusedThenRepaired", 1);
        }
        MigrationReport report = migrator.migrate();
        figures.add("recoveryApplied", report.applied().size());
    }

    /** Undoes by hand what an interrupted migration left (what the message asks the operator to do). */
    private static void undo(TestDatabase database, Probe probe, long version) throws Exception {
        switch ((int) version) {
            case 1:
                for (String table : CrashRegistry.SCHEMA_TABLES) {
                    database.execute("DROP TABLE IF EXISTS " + table);
                }
                if (probe.indexExists("users_email")) {
                    database.execute("DROP INDEX users_email ON users");
                }
                if (probe.columnExists("users", "email")) {
                    database.execute("ALTER TABLE users DROP COLUMN email");
                }
                break;
            case 2:
                database.execute("DROP TABLE IF EXISTS orders");
                break;
            case 3:
                database.execute("DROP TABLE IF EXISTS nt_items");
                break;
            default:
                database.execute("DROP TABLE IF EXISTS t4");
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

    private enum Presence { NONE, PARTIAL, FULL }

    /** How much of a migration's work is in the database. */
    private static Presence presence(Probe probe, long version) throws Exception {
        List<Boolean> parts = new ArrayList<>();
        switch ((int) version) {
            case 1:
                for (String table : CrashRegistry.SCHEMA_TABLES) {
                    parts.add(probe.tableExists(table));
                }
                parts.add(probe.columnExists("users", "email"));
                parts.add(probe.indexExists("users_email"));
                break;
            case 2: {
                boolean orders = probe.tableExists("orders");
                parts.add(orders);
                parts.add(orders && probe.count("SELECT count(*) FROM orders") == CrashRegistry.ORDERS);
                parts.add(probe.columnExists("users", "email")
                        && probe.count("SELECT count(*) FROM users WHERE email IS NOT NULL") == UserData.USERS);
                break;
            }
            case 3: {
                boolean items = probe.tableExists("nt_items");
                parts.add(items);
                parts.add(items && probe.count("SELECT count(*) FROM nt_items")
                        == CrashRegistry.NON_TRANSACTIONAL_STEPS);
                break;
            }
            default: {
                boolean t4 = probe.tableExists("t4");
                parts.add(t4);
                parts.add(t4 && probe.count("SELECT count(*) FROM t4") == 1);
            }
        }
        if (!parts.contains(Boolean.FALSE)) {
            return Presence.FULL;
        }
        return parts.contains(Boolean.TRUE) ? Presence.PARTIAL : Presence.NONE;
    }

    /** The killed holder's lock file can be locked at once: the operating system released it. */
    static void assertLockFileFree(Path database) throws Exception {
        Path lockFile = Path.of(database + ".cairn-lock");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            assertTrue(lock != null, "the lock file " + lockFile + " is still locked after its holder was killed");
            lock.release();
        }
    }

    /**
     * MariaDB's {@code GET_LOCK} of the killed holder is free: the server ends the session of a
     * closed connection and releases its user locks with it; allow it a moment.
     */
    static void assertNoUserLock(TestDatabase database) throws Exception {
        String lock = MariaDbDialect.lockName(database.qualifiedName(HISTORY));
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> holder;
        while ((holder = database.column("SELECT IS_USED_LOCK('" + lock + "')")).get(0) != null
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(null, holder.get(0), "the GET_LOCK lock " + lock + " is still held after its holder was killed");
    }

    /**
     * No advisory lock left in the database. The server notices a killed client's closed socket
     * at once when its backend is idle, as ours is while the child sleeps in Java; allow it a
     * moment to end the backend.
     */
    static void assertNoAdvisoryLock(Probe probe) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long locks;
        while ((locks = probe.advisoryLocks()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, locks, "advisory locks left in pg_locks after the holder was killed");
    }
}
