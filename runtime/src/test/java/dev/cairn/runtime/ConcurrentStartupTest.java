package dev.cairn.runtime;

import static dev.cairn.runtime.testing.Versions.versions;
import dev.cairn.runtime.testing.ConcurrentMigrationMain;
import dev.cairn.runtime.testing.LockHolderMain;
import dev.cairn.runtime.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several application instances, each its own JVM, start at the same moment against one database:
 * every migration is applied exactly once, the others wait and find it applied, and none fails.
 * Also threads in one JVM, and an instance killed while it holds the lock.
 */
class ConcurrentStartupTest {

    private static final int PROCESSES = 4;
    private static final int MIGRATIONS = 30;

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void instancesStartingTogetherApplyEachMigrationExactlyOnceAndNoneFails(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            // JVM start-up takes a while on two cores; give every instance time to reach the start line.
            long startAt = System.currentTimeMillis() + 3000;
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        ConcurrentMigrationMain.class.getName(), database.jdbcUrl(), Integer.toString(MIGRATIONS),
                        Long.toString(startAt)).redirectErrorStream(true).start());
            }
            int totalApplied = 0;
            for (Process process : processes) {
                assertTrue(process.waitFor(3, TimeUnit.MINUTES), "an instance did not finish");
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, process.exitValue(), "an instance failed:\n" + output);
                String last = output.lines().filter(line -> line.startsWith("applied ")).findFirst().orElseThrow();
                totalApplied += Integer.parseInt(last.substring("applied ".length()));
                System.out.println(kind + " instance " + process.pid() + ": " + last
                        + (output.contains("while this one waited for the lock") ? " after waiting for the lock" : ""));
            }

            assertEquals(MIGRATIONS, totalApplied, "the instances together applied each migration once");
            assertEquals(MIGRATIONS, database.count("SELECT count(*) FROM executions"));
            assertEquals(MIGRATIONS, database.count("SELECT count(DISTINCT version) FROM executions"));
            assertEquals(MIGRATIONS, database.count("SELECT count(*) FROM cairn_schema_history"));
            assertEquals(MIGRATIONS, database.count(
                    "SELECT count(DISTINCT version) FROM cairn_schema_history WHERE event = 'APPLY'"));
            assertEquals(1, database.count("SELECT count(*) FROM executions WHERE version = "
                    + ConcurrentMigrationMain.nonTransactionalVersion(MIGRATIONS)),
                    "the non-transactional migration, which runs in auto-commit, ran exactly once");
        }
    }

    @Test
    void threadsWithTheirOwnMigratorsOnOneSqliteFileApplyEachMigrationExactlyOnce() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            ExecutorService threads = Executors.newFixedThreadPool(PROCESSES);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<MigrationReport>> reports = new ArrayList<>();
                for (int i = 0; i < PROCESSES; i++) {
                    // Each its own Migrator and connections: the JVM-wide file lock must be shared correctly.
                    Migrator migrator = Migrator.builder(ConcurrentMigrationMain.registry(MIGRATIONS))
                            .jdbcUrl(database.jdbcUrl()).lockTimeout(Duration.ofMinutes(2)).build();
                    reports.add(threads.submit(() -> {
                        start.await();
                        return migrator.migrate();
                    }));
                }
                start.countDown();
                int totalApplied = 0;
                for (Future<MigrationReport> report : reports) {
                    totalApplied += report.get(3, TimeUnit.MINUTES).applied().size();
                }

                assertEquals(MIGRATIONS, totalApplied);
                assertEquals(MIGRATIONS, database.count("SELECT count(DISTINCT version) FROM executions"));
                assertEquals(MIGRATIONS, database.count("SELECT count(*) FROM executions"));
                assertEquals(MIGRATIONS, database.count("SELECT count(*) FROM cairn_schema_history"));
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"SQLITE_FILE, true", "SQLITE_FILE, false", "POSTGRES, true", "POSTGRES, false"})
    void lockHeldByAProcessThatIsKilledDoesNotBlockTheNextMigrate(TestDatabase.Kind kind, boolean transactional)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    LockHolderMain.class.getName(), database.jdbcUrl(), Boolean.toString(transactional))
                    .redirectErrorStream(true).start();
            try {
                BufferedReader output = new BufferedReader(
                        new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
                String line;
                StringBuilder seen = new StringBuilder();
                while ((line = output.readLine()) != null && !line.equals(LockHolderMain.HOLDING)) {
                    seen.append(line).append('\n');
                }
                assertEquals(LockHolderMain.HOLDING, line, "the holder never reached migration 3:\n" + seen);

                LockTimeoutException waited = assertThrows(LockTimeoutException.class, () -> Migrator
                        .builder(LockHolderMain.registry(transactional, false)).dataSource(database.dataSource())
                        .lockTimeout(Duration.ofMillis(200)).build().migrate());
                assertTrue(waited.getMessage().contains(kind == TestDatabase.Kind.SQLITE_FILE
                        ? database.file().getFileName() + ".cairn-lock" : "advisory lock"), waited.getMessage());
                assertTrue(waited.getMessage().contains("raise Migrator.Builder.lockTimeout"), waited.getMessage());
            } finally {
                holder.destroyForcibly();
                holder.waitFor(1, TimeUnit.MINUTES);
            }

            // A lock that outlived its holder would make this wait out the timeout and throw.
            Migrator next = Migrator.builder(LockHolderMain.registry(transactional, false))
                    .dataSource(database.dataSource()).lockTimeout(Duration.ofSeconds(30)).build();
            if (!transactional) {
                // The killed non-transactional migration may have left part of its work: refuse until repair.
                PendingRepairException refused = assertThrows(PendingRepairException.class, next::migrate);
                assertTrue(refused.getMessage().contains("[3]") && refused.getMessage().contains("repair()"),
                        refused.getMessage());
                assertEquals(versions(3), next.repair().clearedFailures());
            }
            MigrationReport report = next.migrate();

            assertEquals(versions(3), report.applied().stream().map(applied -> applied.migration().version())
                    .toList(), "1 and 2 were committed one by one before the holder died");
            assertTrue(database.tableExists("t3"));
            assertEquals(transactional ? 0 : 1, database.tableExists("t3_partial") ? 1 : 0,
                    "a transactional migration that died is rolled back; a non-transactional one is not");
            // The killed non-transactional run's marker stays in the audit trail, cleared by the repair.
            assertEquals(transactional ? List.of("1:APPLY", "2:APPLY", "3:APPLY")
                    : List.of("1:APPLY", "2:APPLY", "3:APPLY_FAILED", "3:REPAIR", "3:APPLY"), database.column(
                    "SELECT concat(version, ':', event) FROM cairn_schema_history ORDER BY installed_rank"));
        }
    }

}
