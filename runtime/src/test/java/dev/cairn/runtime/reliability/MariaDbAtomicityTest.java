package dev.cairn.runtime.reliability;

import static dev.cairn.runtime.testing.Versions.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.LockTimeoutException;
import dev.cairn.runtime.MigrationFailedException;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.PendingRepairException;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.testing.LockHolderMain;
import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What Cairn promises on MariaDB (and MySQL), where every DDL statement commits implicitly: a
 * migration of DML only is atomic with its history row; one that fails after a statement
 * committed, or whose run is cut off, is never silently half-applied but waits for repair; the
 * lock is a server lock that dies with its holder.
 */
class MariaDbAtomicityTest {

    private static final String BROKEN = "sqlmigrations/engine/V4__broken.sql";

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

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"MARIADB", "MARIADB_MYSQL_DRIVER"})
    void migrationOfDmlOnlyIsAtomicSoAFailureLeavesNothingAndItRunsAgainOnceFixed(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, accounts().build()).migrate();
            TestRegistry broken = accounts().migration(2).dependsOn(1).up(context -> {
                context.execute("UPDATE accounts SET balance = balance - 50 WHERE id = 1");
                context.execute("UPDATE accounts SET balance = balance + 50 WHERE id = 3");
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

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"MARIADB", "MARIADB_MYSQL_DRIVER"})
    void scriptFailingAfterItsDdlCommittedNamesTheStatementItReachedAndWaitsForRepair(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder().migration(4).description("Broken").sqlScript(BROKEN).build();

            MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                    () -> migrator(database, registry).migrate());

            String message = failure.getMessage();
            assertTrue(message.startsWith("Migration 4 (" + BROKEN + ") failed in up(): "), message);
            assertTrue(message.contains(BROKEN + " line 4: "), "names the statement it reached: " + message);
            assertTrue(message.contains("MariaDB commits every DDL statement (CREATE, ALTER, DROP, ...) implicitly, "
                    + "and a statement of this migration committed before it failed, so it may be partly applied"),
                    message);
            assertTrue(message.contains("call repair() and run migrate again"), message);
            // CREATE TABLE committed; the INSERT after it, in the next transaction, was rolled back.
            assertTrue(database.tableExists("half_done"));
            assertEquals(List.of(), database.column("SELECT id FROM half_done"));
            assertEquals(List.of("4:APPLY_FAILED"), events(database));
            String error = database.column("SELECT error FROM cairn_schema_history").get(0);
            assertTrue(error.startsWith("may have committed part of its work (the database commits DDL implicitly): "
                    + "it failed after a statement committed: "), error);
            assertTrue(error.contains(BROKEN + " line 4: "), error);

            PendingRepairException refused = assertThrows(PendingRepairException.class,
                    () -> migrator(database, registry).migrate());
            assertTrue(refused.getMessage().contains("call repair() and migrate again"), refused.getMessage());
            database.execute("DROP TABLE half_done"); // the operator undoes the partial work
            assertEquals(versions(4), migrator(database, registry).repair().clearedFailures());
        }
    }

    @Test
    void killedLockHolderLeavesNoStaleLockAndItsInterruptedMigrationWaitsForRepair() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.MARIADB.open()) {
            String lock = "cairn:" + database.qualifiedName("cairn_schema_history");
            // The holder applies 1 and 2, then hangs in migration 3 after its CREATE TABLE t3_partial committed.
            ChildJvm holder = ChildJvm.start(LockHolderMain.class, database.jdbcUrl(), "true");
            try {
                assertTrue(holder.awaitLine(LockHolderMain.HOLDING, 120), "holder:\n" + holder.output());
                assertTrue(lockHolder(database, lock) != null, "the holder has the lock");
                holder.kill();
            } finally {
                holder.kill();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (lockHolder(database, lock) != null && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertNull(lockHolder(database, lock), "the server released the dead holder's lock");

            Migrator migrator = Migrator.builder(LockHolderMain.registry(true, false)).dataSource(database.dataSource())
                    .lockTimeout(Duration.ofSeconds(5)).build();
            PendingRepairException refused = assertThrows(PendingRepairException.class, migrator::migrate);
            assertTrue(refused.getMessage().contains("Migration 3 (test.Migration3) may have committed part of its work "
                    + "(the database commits DDL implicitly): interrupted"), refused.getMessage());
            assertTrue(database.tableExists("t3_partial"), "its DDL had committed: the marker was right to stay");
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY_FAILED"), events(database));

            database.execute("DROP TABLE t3_partial");
            assertEquals(versions(3), migrator.repair().clearedFailures());
            assertEquals(1, migrator.migrate().applied().size());
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY_FAILED", "3:REPAIR", "3:APPLY"), events(database));
        }
    }

    @Test
    void lockHeldByAnotherSessionTimesOutNamingItAndIsFreeOnceThatSessionEnds() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.MARIADB.open()) {
            String lock = "cairn:" + database.qualifiedName("cairn_schema_history");
            Migrator migrator = Migrator.builder(accounts().build()).dataSource(database.dataSource())
                    .lockTimeout(Duration.ofMillis(300)).build();
            try (Connection other = database.dataSource().getConnection();
                    PreparedStatement take = other.prepareStatement("SELECT GET_LOCK(?, 0)")) {
                take.setString(1, lock);
                try (ResultSet taken = take.executeQuery()) {
                    taken.next();
                    assertEquals(1, taken.getInt(1));
                }
                LockTimeoutException timeout = assertThrows(LockTimeoutException.class, migrator::migrate);
                assertTrue(timeout.getMessage().contains("Another session held the MariaDB lock " + lock
                        + " (GET_LOCK)"), timeout.getMessage());
                assertTrue(timeout.getMessage().contains("SELECT IS_USED_LOCK('" + lock + "')"), timeout.getMessage());
                assertFalse(database.tableExists("accounts"));
            }
            assertEquals(1, migrator.migrate().applied().size(), "closing the holder's session freed the lock");
            assertNull(lockHolder(database, lock), "Cairn released its own lock");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"MARIADB", "MARIADB_MYSQL_DRIVER"})
    void migrationSwitchingTheDatabaseWithUseMovesNeitherTheHistoryNorTheMigrationsAfterIt(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            String home = database.column("SELECT DATABASE()").get(0);
            String other = home + "_other";
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up(context -> {
                        context.execute("CREATE DATABASE " + other);
                        context.execute("USE " + other);
                    })
                    .migration(2).dependsOn(1).up("CREATE TABLE t2 (id INT)")
                    .build();

            migrator(database, registry).migrate();

            assertEquals(List.of("1:APPLY", "2:APPLY"), events(database));
            assertEquals(0, database.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                    + other + "' AND table_name = 'cairn_schema_history'"));
            // Migration 2 ran where it would have in a run of its own: Cairn put the database back.
            assertTrue(database.tableExists("t2"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"MARIADB", "MARIADB_MYSQL_DRIVER"})
    void connectionKilledMidMigrationLeavesTheMarkerAndTheFailureSaysWhatMayStay(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, accounts().build()).migrate();
            AtomicLong connectionId = new AtomicLong();
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch killed = new CountDownLatch(1);
            TestRegistry registry = accounts().migration(2).dependsOn(1).className("app.Migration2").up(context -> {
                context.execute("CREATE TABLE more (id INT)");
                context.execute("UPDATE accounts SET balance = 0");
                try (Statement statement = context.connection().createStatement();
                        ResultSet id = statement.executeQuery("SELECT CONNECTION_ID()")) {
                    id.next();
                    connectionId.set(id.getLong(1));
                }
                running.countDown();
                killed.await(1, TimeUnit.MINUTES);
                context.execute("INSERT INTO more VALUES (1)");
            }).build();
            Migrator migrator = migrator(database, registry);
            CompletableFuture<Void> run = CompletableFuture.runAsync(migrator::migrate);
            assertTrue(running.await(1, TimeUnit.MINUTES));
            database.execute("KILL CONNECTION " + connectionId.get());
            killed.countDown();
            Throwable failure = assertThrows(ExecutionException.class, () -> run.get(1, TimeUnit.MINUTES)).getCause();

            assertTrue(failure instanceof MigrationFailedException, String.valueOf(failure));
            String message = failure.getMessage();
            assertTrue(message.startsWith("Migration 2 (app.Migration2) failed: the connection to the database was lost while it ran"),
                    message);
            assertTrue(message.contains("MariaDB commits every DDL statement implicitly, so its work up to its last "
                    + "DDL statement may be in the database"), message);
            assertTrue(message.contains("call repair()"), message);
            // The CREATE TABLE committed; the UPDATE after it died with the connection's transaction.
            assertTrue(database.tableExists("more"));
            assertEquals(List.of("100", "100"), database.column("SELECT balance FROM accounts ORDER BY id"));
            PendingRepairException refused = assertThrows(PendingRepairException.class, migrator::migrate);
            assertTrue(refused.getMessage().contains("Migration 2 (app.Migration2) may have committed part of its "
                    + "work (the database commits DDL implicitly): interrupted"), refused.getMessage());
        }
    }

    /** The connection id holding the user lock, or null when it is free. */
    private static String lockHolder(TestDatabase database, String lock) throws Exception {
        return database.column("SELECT IS_USED_LOCK('" + lock + "')").get(0);
    }
}
