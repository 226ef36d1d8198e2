package dev.cairn.runtime.reliability;

import static dev.cairn.runtime.testing.Versions.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.LockTimeoutException;
import dev.cairn.runtime.MigrationFailedException;
import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.PendingRepairException;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.testing.ConcurrentMigrationMain;
import dev.cairn.runtime.testing.H2Server;
import dev.cairn.runtime.testing.LockHolderMain;
import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What Cairn promises on H2 2.x: DDL commits implicitly there, so a migration of DML only is
 * atomic with its history row and one that fails after its DDL waits for repair; the lock is a row
 * lock held by a session of its own, so it works for threads of one JVM and for processes on one
 * H2 server, is bounded by the lock timeout, and dies with its holder.
 */
class H2AtomicityAndLockTest {

    private static final String BROKEN = "sqlmigrations/engine/V4__broken.sql";
    private static final int MIGRATIONS = 20;

    private static Migrator migrator(TestDatabase database, Registry registry) {
        return Migrator.builder(registry).dataSource(database.dataSource()).build();
    }

    private static List<String> events(TestDatabase database) throws Exception {
        return database.column("SELECT concat(version, ':', event) FROM cairn_schema_history ORDER BY installed_rank");
    }

    private static TestRegistry.Builder accounts() {
        return TestRegistry.builder().migration(1).up(context -> {
            context.execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance INT NOT NULL)");
            context.execute("INSERT INTO accounts VALUES (1, 100), (2, 100)");
        });
    }

    /** The fact the dialect is built on, checked on the H2 version the tests use. */
    @Test
    void ddlCommitsTheOpenTransactionImplicitly() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.H2.open();
                Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE a (id INT)");
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO a VALUES (1)");
            statement.execute("CREATE TABLE b (id INT)");
            connection.rollback();

            assertEquals(List.of("1"), database.column("SELECT id FROM a"), "CREATE TABLE committed the INSERT");
            assertTrue(database.tableExists("b"));
        }
    }

    @Test
    void migrationOfDmlOnlyIsAtomicSoAFailureLeavesNothingAndItRunsAgainOnceFixed() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.H2.open()) {
            migrator(database, accounts().build()).migrate();
            TestRegistry broken = accounts().migration(2).dependsOn(1).up(context -> {
                context.execute("UPDATE accounts SET balance = balance - 50 WHERE id = 1");
                context.execute("INSERT INTO no_such_table VALUES (1)");
            }).build();

            MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                    () -> migrator(database, broken).migrate());

            assertTrue(failure.getMessage().contains("Its changes and its history row were rolled back"),
                    failure.getMessage());
            assertFalse(failure.getMessage().contains("repair"), failure.getMessage());
            assertEquals(List.of("100", "100"), database.column("SELECT balance FROM accounts ORDER BY id"));
            assertEquals(List.of("1:APPLY", "2:APPLY_FAILED"), events(database), "the marker made way for the failure");

            TestRegistry fixed = accounts().migration(2).dependsOn(1)
                    .up("UPDATE accounts SET balance = balance - 50 WHERE id = 1").build();
            assertEquals(1, migrator(database, fixed).migrate().applied().size(), "no repair needed");
            assertEquals(List.of("50", "100"), database.column("SELECT balance FROM accounts ORDER BY id"));
            assertEquals(List.of("1:APPLY", "2:APPLY_FAILED", "2:APPLY"), events(database));
        }
    }

    @Test
    void scriptFailingAfterItsDdlCommittedNamesTheStatementItReachedAndWaitsForRepair() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.H2.open()) {
            TestRegistry registry = TestRegistry.builder().migration(4).description("Broken").sqlScript(BROKEN).build();

            MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                    () -> migrator(database, registry).migrate());

            String message = failure.getMessage();
            assertTrue(message.contains(BROKEN + " line 4: "), "names the statement it reached: " + message);
            assertTrue(message.contains("H2 commits every DDL statement (CREATE, ALTER, DROP, ...) implicitly, "
                    + "and a statement of this migration committed before it failed, so it may be partly applied"),
                    message);
            assertTrue(database.tableExists("half_done"));
            assertEquals(List.of(), database.column("SELECT id FROM half_done"));
            assertEquals(List.of("4:APPLY_FAILED"), events(database));
            assertThrows(PendingRepairException.class, () -> migrator(database, registry).migrate());
            database.execute("DROP TABLE half_done"); // the operator undoes the partial work
            assertEquals(versions(4), migrator(database, registry).repair().clearedFailures());
        }
    }

    @Test
    void threadsWithTheirOwnMigratorsOnOneEmbeddedDatabaseApplyEachMigrationExactlyOnce() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.H2.open()) {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<MigrationReport>> reports = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Migrator migrator = Migrator.builder(ConcurrentMigrationMain.registry(MIGRATIONS))
                            .jdbcUrl(database.jdbcUrl()).lockTimeout(Duration.ofMinutes(2)).build();
                    reports.add(threads.submit(() -> {
                        start.await();
                        return migrator.migrate();
                    }));
                }
                start.countDown();
                int applied = 0;
                for (Future<MigrationReport> report : reports) {
                    applied += report.get(3, TimeUnit.MINUTES).applied().size();
                }

                assertEquals(MIGRATIONS, applied);
                assertExactlyOnce(database);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void lockHeldByAnotherSessionTimesOutWithinTheLockTimeoutAndIsFreeOnceThatSessionEnds() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.H2.open()) {
            migrator(database, accounts().build()).migrate(); // creates the lock table
            Migrator migrator = Migrator.builder(accounts().migration(2).dependsOn(1)
                    .up("UPDATE accounts SET balance = 0").build()).dataSource(database.dataSource())
                    .lockTimeout(Duration.ofMillis(700)).build();
            try (Connection other = database.dataSource().getConnection();
                    Statement statement = other.createStatement()) {
                other.setAutoCommit(false);
                statement.executeQuery("SELECT id FROM cairn_schema_history_lock WHERE id = 1 FOR UPDATE").close();

                long start = System.nanoTime();
                LockTimeoutException timeout = assertThrows(LockTimeoutException.class, migrator::migrate);
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

                assertTrue(waited >= 700 && waited < 5000, "waited " + waited + " ms for a 700 ms lock timeout");
                assertTrue(timeout.getMessage().contains("Another session held the H2 migration lock (a row lock on "
                        + "\"PUBLIC\".cairn_schema_history_lock) for history table PUBLIC.cairn_schema_history for more "
                        + "than 700 ms"), timeout.getMessage());
                assertTrue(timeout.getMessage().contains("raise Migrator.Builder.lockTimeout"), timeout.getMessage());
                assertEquals(List.of("100", "100"), database.column("SELECT balance FROM accounts ORDER BY id"));
            }
            assertEquals(1, migrator.migrate().applied().size(), "closing the holder's session freed the lock");
            assertEquals(List.of("1", "2"), database.column("SELECT id FROM cairn_schema_history_lock ORDER BY id"),
                    "the lock table holds its two rows and nothing else");
        }
    }

    @Test
    void processesStartingTogetherThroughAnH2ServerInItsOwnJvmApplyEachMigrationExactlyOnce() throws Exception {
        try (H2Server server = H2Server.separateJvm()) {
            String url = server.jdbcUrl("concurrent");
            long startAt = System.currentTimeMillis() + 3000; // JVM start-up takes a while on two cores
            List<ChildJvm> instances = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                instances.add(ChildJvm.start(ConcurrentMigrationMain.class, url, Integer.toString(MIGRATIONS),
                        Long.toString(startAt)));
            }
            int applied = 0;
            for (ChildJvm instance : instances) {
                assertTrue(instance.waitFor(180), "an instance did not finish:\n" + instance.output());
                assertEquals(0, instance.exitValue(), "an instance failed:\n" + instance.output());
                String last = instance.output().lines().filter(line -> line.startsWith("applied ")).findFirst()
                        .orElseThrow();
                applied += Integer.parseInt(last.substring("applied ".length()));
            }

            assertEquals(MIGRATIONS, applied, "the instances together applied each migration once");
            assertExactlyOnce(server(url));
        }
    }

    @Test
    void killedLockHolderOnAnH2ServerLeavesNoStaleLockAndItsInterruptedMigrationWaitsForRepair() throws Exception {
        try (H2Server server = H2Server.inProcess()) {
            String url = server.jdbcUrl("killed");
            TestDatabase database = server(url);
            // The holder applies 1 and 2, then hangs in migration 3 after its CREATE TABLE t3_partial committed.
            ChildJvm holder = ChildJvm.start(LockHolderMain.class, url, "true");
            try {
                assertTrue(holder.awaitLine(LockHolderMain.HOLDING, 120), "holder:\n" + holder.output());
                LockTimeoutException waited = assertThrows(LockTimeoutException.class, () -> Migrator
                        .builder(LockHolderMain.registry(true, false)).jdbcUrl(url)
                        .lockTimeout(Duration.ofMillis(300)).build().migrate());
                assertTrue(waited.getMessage().contains("H2 migration lock"), waited.getMessage());
            } finally {
                holder.kill();
            }

            // A lock that outlived its holder would make this wait out the timeout and throw.
            Migrator next = Migrator.builder(LockHolderMain.registry(true, false)).jdbcUrl(url)
                    .lockTimeout(Duration.ofSeconds(10)).build();
            PendingRepairException refused = assertThrows(PendingRepairException.class, next::migrate);
            assertTrue(refused.getMessage().contains("Migration 3 (test.Migration3) may have committed part of its "
                    + "work (the database commits DDL implicitly): interrupted"), refused.getMessage());
            assertTrue(database.tableExists("t3_partial"), "its DDL had committed: the marker was right to stay");
            database.execute("DROP TABLE t3_partial");
            assertEquals(versions(3), next.repair().clearedFailures());
            assertEquals(1, next.migrate().applied().size());
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY_FAILED", "3:REPAIR", "3:APPLY"), events(database));
        }
    }

    @Test
    void fileDatabaseMigratesAndASecondEmbeddedJvmCannotOpenItWhileThisOneHasItOpen() throws Exception {
        Path directory = Files.createTempDirectory("cairn-h2-file-");
        String url = "jdbc:h2:file:" + directory.resolve("app");
        try {
            Migrator migrator = Migrator.builder(ConcurrentMigrationMain.registry(3)).jdbcUrl(url).build();
            assertEquals(3, migrator.migrate().applied().size());
            assertTrue(migrator.migrate().wasUpToDate(), "reopened from the file");

            try (Connection open = DriverManager.getConnection(url)) {
                // Embedded file mode: the file belongs to one JVM; another gets H2's own refusal, not a lock.
                ChildJvm other = ChildJvm.start(ConcurrentMigrationMain.class, url, "3", "0");
                assertTrue(other.waitFor(120), other.output());
                assertEquals(1, other.exitValue(), other.output());
                assertTrue(other.output().contains("Database may be already in use"), other.output());
            }
        } finally {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void wrongPasswordForAnH2ServerIsRefusedSayingSoWithoutRepeatingIt() throws Exception {
        try (H2Server server = H2Server.inProcess()) {
            String url = server.jdbcUrl("guarded");
            DriverManager.getConnection(url, "app", "right-password").close(); // creates it with that user

            CairnException wrong = assertThrows(CairnException.class, () -> Migrator.builder(accounts().build())
                    .jdbcUrl(url, "app", "hunter2-wrong").build().migrate());

            assertTrue(wrong.getMessage().contains("could not connect"), wrong.getMessage());
            assertTrue(wrong.getMessage().contains("credentials"), wrong.getMessage());
            assertFalse(wrong.getMessage().contains("hunter2"), wrong.getMessage());
        }
    }

    /**
     * The H2 server goes away while migration 2 runs (after its CREATE TABLE committed): the failure
     * says the connection was lost, the marker stays, and once the server is back the operator
     * undoes the partial work, repairs, and migrate finishes.
     */
    @Test
    void serverGoneMidMigrationIsALostConnectionAndTheMarkerWaitsForRepair() throws Exception {
        try (H2Server server = H2Server.inProcess()) {
            TestRegistry registry = accounts().migration(2).dependsOn(1).className("app.Migration2").up(context -> {
                context.execute("CREATE TABLE audit (id INT)");
                server.stop();
                context.execute("INSERT INTO audit VALUES (1)");
            }).build();
            String url = server.jdbcUrl("gone");

            CairnException failure = assertThrows(CairnException.class,
                    () -> Migrator.builder(registry).jdbcUrl(url).build().migrate());

            assertTrue(failure.getMessage().contains("Migration 2 (app.Migration2)"), failure.getMessage());
            assertTrue(failure.getMessage().contains("connection to the database was lost"), failure.getMessage());
            server.restart();
            TestDatabase database = server(server.jdbcUrl("gone"));
            Migrator fixed = Migrator.builder(accounts().migration(2).dependsOn(1).className("app.Migration2")
                    .up("CREATE TABLE audit (id INT)").build()).jdbcUrl(server.jdbcUrl("gone")).build();
            PendingRepairException refused = assertThrows(PendingRepairException.class, fixed::migrate);
            assertTrue(refused.getMessage().contains("[2]"), refused.getMessage());
            assertTrue(database.tableExists("audit"), "its DDL had committed");
            database.execute("DROP TABLE audit");
            assertEquals(versions(2), fixed.repair().clearedFailures());
            assertEquals(1, fixed.migrate().applied().size());
        }
    }

    @Test
    void historySchemaIsFoldedAsH2FoldsAnUnquotedNameAndAMissingOneIsNamedWithTheFix() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.H2.open()) {
            CairnException missing = assertThrows(CairnException.class, () -> Migrator.builder(accounts().build())
                    .dataSource(database.dataSource()).historySchema("ops").build().migrate());
            assertTrue(missing.getMessage().contains("its schema OPS does not exist"), missing.getMessage());
            assertTrue(missing.getMessage().contains("CREATE SCHEMA OPS"), missing.getMessage());
            assertFalse(database.tableExists("accounts"), "nothing was applied");

            database.execute("CREATE SCHEMA ops");
            Migrator.builder(accounts().build()).dataSource(database.dataSource()).historySchema("ops").build()
                    .migrate();

            assertEquals(List.of("1:APPLY"), database.column("SELECT concat(version, ':', event) FROM "
                    + "ops.cairn_schema_history"));
            assertTrue(database.tableExists("accounts"), "the migration ran in the session's own schema");
        }
    }

    /**
     * An unnamed {@code jdbc:h2:mem:} URL gives every connection a database of its own: the lock's
     * connection sees another one, and the run must still work on the migrating connection's.
     */
    @Test
    void unnamedInMemoryDatabaseThroughAUrlMigratesWithinOneOperation() {
        MigrationReport report = Migrator.builder(ConcurrentMigrationMain.registry(3)).jdbcUrl("jdbc:h2:mem:")
                .build().migrate();

        assertEquals(3, report.applied().size());
    }

    private static void assertExactlyOnce(TestDatabase database) throws Exception {
        assertEquals(MIGRATIONS, database.count("SELECT count(*) FROM executions"));
        assertEquals(MIGRATIONS, database.count("SELECT count(DISTINCT version) FROM executions"));
        assertEquals(MIGRATIONS, database.count("SELECT count(*) FROM cairn_schema_history"));
        assertEquals(1, database.count("SELECT count(*) FROM executions WHERE version = "
                + ConcurrentMigrationMain.nonTransactionalVersion(MIGRATIONS)),
                "the non-transactional migration, which runs in auto-commit, ran exactly once");
    }

    /** A view of a database on an H2 server, for reading it. */
    private static TestDatabase server(String url) {
        return TestDatabase.onH2Server(url);
    }
}
