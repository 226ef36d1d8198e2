package dev.cairn.runtime.reliability;

import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.DatabaseNewerThanApplicationException;
import dev.cairn.runtime.IncompatibleHistoryTableException;
import dev.cairn.runtime.InvalidConfigurationException;
import dev.cairn.runtime.LockTimeoutException;
import dev.cairn.runtime.MigrationFailedException;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.PendingRepairException;
import dev.cairn.runtime.ValidationException;
import dev.cairn.runtime.testing.MariaDbServer;
import dev.cairn.runtime.testing.PostgresServer;
import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteDataSource;

/**
 * Hostile and broken input at runtime, the whole list in one place. Each case asserts the
 * typed exception, that its message says what is wrong and what to do, and that nothing was lost:
 * the user data (table {@code users}, count and CRC32), the history rows and the tables are as
 * they were (or, where the run fails a migration, as they were plus the recorded failure).
 *
 * <p>Running as root: permissions do not stop root, so "read-only" and "not writable" are made
 * real with {@code chattr +i} (the immutable attribute stops root too) when the tests run as root,
 * and with {@code chmod} otherwise; without either the test is skipped with a loud reason.
 */
class HostileInputTest {

    private static final String PASSWORD = "Pw-S3cret-4711";
    private static final String WRONG_PASSWORD = "Wr0ng-Pw-0815";

    /** Migration 1 creates {@code notes}, 2 adds a row: the application's first release. */
    private static TestRegistry.Builder release1() {
        return TestRegistry.builder()
                .migration(1).up("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
                .migration(2).dependsOn(1).up("INSERT INTO notes (id, text) VALUES (1, 'first')");
    }

    // --- the database itself --------------------------------------------------------------------

    @Test
    void fileThatIsNotASqliteDatabaseIsRefusedAndLeftUntouched() throws Exception {
        Path directory = Files.createTempDirectory("cairn-hostile-");
        Path file = directory.resolve("app.db");
        byte[] content = "This is a text file, not a database.\n".repeat(200).getBytes();
        Files.write(file, content);
        try {
            CairnException e = assertThrows(CairnException.class, () -> Migrator.builder(release1().build())
                    .jdbcUrl("jdbc:sqlite:" + file).build().migrate());
            assertSays(e, "not a database", "Check");
            assertTrue(java.util.Arrays.equals(content, Files.readAllBytes(file)), "the file was changed");
        } finally {
            deleteRecursively(directory);
        }
    }

    @Test
    void readOnlyDatabaseFileIsRefusedAndLosesNothing() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Probe probe = seeded(database);
            migrator(database, release1().build()).migrate();
            String before = state(database, probe);
            try (Unwritable ignored = Unwritable.make(database.file())) {
                CairnException e = assertThrows(CairnException.class, () -> migrator(database, release1()
                        .migration(3).dependsOn(2).up("CREATE TABLE more (id INT)").build()).migrate());
                assertSays(e, "the database file " + database.file(), "not writable", "Nothing was applied",
                        "Make the database file and its directory writable");
            }
            assertEquals(before, state(database, probe));
        }
    }

    @Test
    void notWritableDatabaseDirectoryWithBackupsIsRefusedBeforeAnythingIsApplied() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Probe probe = seeded(database);
            migrator(database, release1().build()).migrate();
            String before = state(database, probe);
            Path backups = database.file().getParent().resolve("backups");
            Files.createDirectories(backups);
            try (Unwritable ignored = Unwritable.make(backups)) {
                CairnException e = assertThrows(CairnException.class, () -> Migrator.builder(release1()
                        .migration(3).dependsOn(2).up("CREATE TABLE more (id INT)").build())
                        .dataSource(database.dataSource()).backup(backups, 3).build().migrate());
                assertSays(e, backups.toString(), "Nothing was migrated", "permissions of the backup directory");
            }
            assertEquals(before, state(database, probe));
            assertFalse(database.tableExists("more"), "nothing was applied without its backup");
        }
    }

    @Test
    void notWritableDatabaseDirectoryIsRefusedAndLosesNothing() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Probe probe = seeded(database);
            migrator(database, release1().build()).migrate();
            String before = state(database, probe);
            try (Unwritable ignored = Unwritable.make(database.file().getParent())) {
                CairnException e = assertThrows(CairnException.class, () -> migrator(database, release1()
                        .migration(3).dependsOn(2).up("CREATE TABLE more (id INT)").build()).migrate());
                assertSays(e, "its directory " + database.file().getParent(), "not writable",
                        "Nothing was applied", "Make the database file and its directory writable");
            }
            assertEquals(before, state(database, probe));
        }
    }

    // --- the history table ----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void historyTableCreatedBySomethingElseIsRefusedAndLeftAsItWas(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Probe probe = seeded(database);
            database.execute("CREATE TABLE cairn_schema_history (id INTEGER, note TEXT)");
            database.execute("INSERT INTO cairn_schema_history VALUES (1, 'someone else''s table')");
            String before = state(database, probe);
            IncompatibleHistoryTableException e = assertThrows(IncompatibleHistoryTableException.class,
                    () -> migrator(database, release1().build()).migrate());
            assertSays(e, "cairn_schema_history", "not a Cairn history table", "[installed_rank, version",
                    "Nothing was applied", "historyTable(");
            assertEquals(before, state(database, probe));
            assertEquals(List.of("1"), database.column("SELECT id FROM cairn_schema_history"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void historyTableWithMissingColumnsIsRefusedAndLosesNothing(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Probe probe = seeded(database);
            migrator(database, release1().build()).migrate();
            database.execute("ALTER TABLE cairn_schema_history DROP COLUMN error");
            String before = state(database, probe);
            IncompatibleHistoryTableException e = assertThrows(IncompatibleHistoryTableException.class,
                    () -> migrator(database, release1().migration(3).dependsOn(2).up("CREATE TABLE more (id INT)")
                            .build()).migrate());
            assertSays(e, "cairn_schema_history", "lacks the column(s) [error]", "Nothing was applied",
                    "restore the missing columns");
            assertFalse(database.tableExists("more"), "refused before migration 3 ran");
            assertEquals(before, state(database, probe));
        }
    }

    @Test
    void historyTableNameContainingSqlIsRejectedBeforeAnyConnection() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Probe probe = seeded(database);
            String before = state(database, probe);
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> Migrator.builder(release1().build()).dataSource(database.dataSource())
                            .historyTable("x; DROP TABLE users").build());
            assertSays(e, "historyTable \"x; DROP TABLE users\"", "plain SQL identifier", "letters, digits");
            assertEquals(before, state(database, probe));
        }
    }

    // --- the database and the code disagree -----------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void databaseNewerThanTheApplicationIsRefusedAndLosesNothing(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Probe probe = seeded(database);
            migrator(database, release1().migration(3).dependsOn(2).up("CREATE TABLE more (id INT)").build())
                    .migrate();
            String before = state(database, probe);
            DatabaseNewerThanApplicationException e = assertThrows(DatabaseNewerThanApplicationException.class,
                    () -> migrator(database, release1().build()).migrate());
            assertSays(e, "3", "newer");
            assertEquals(before, state(database, probe));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void appliedMigrationEditedSinceIsRefusedAndLosesNothing(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Probe probe = seeded(database);
            migrator(database, release1().build()).migrate();
            String before = state(database, probe);
            ValidationException e = assertThrows(ValidationException.class, () -> migrator(database, release1()
                    .checksum("edited-checksum").migration(3).dependsOn(2).up("CREATE TABLE more (id INT)").build())
                    .migrate());
            assertSays(e, "Migration 2", "edited-checksum", "repair");
            assertEquals(before, state(database, probe));
        }
    }

    // --- migrations that fail -------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void migrationThatThrowsIsRolledBackAndRecordedAndLosesNothing(TestDatabase.Kind kind) throws Exception {
        assertFailedMigrationLosesNothing(kind, builder -> builder.up(context -> {
            context.execute("CREATE TABLE more (id INT)");
            context.execute("DELETE FROM users");
            throw new IllegalStateException("exchange rate service unavailable");
        }), "up()", "exchange rate service unavailable");
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void migrationFailingItsVerifyIsRolledBackAndLosesNothing(TestDatabase.Kind kind) throws Exception {
        assertFailedMigrationLosesNothing(kind, builder -> builder.up(context -> {
            context.execute("CREATE TABLE more (id INT)");
            context.execute("DELETE FROM users");
        }).verify(context -> {
            throw new AssertionError("users must not be empty");
        }), "verify()", "users must not be empty");
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void sqlErrorInAMigrationIsRolledBackAndLosesNothing(TestDatabase.Kind kind) throws Exception {
        assertFailedMigrationLosesNothing(kind, builder -> builder.up(context -> {
            context.execute("CREATE TABLE more (id INT)");
            context.execute("DELETE FROM users");
            context.execute("INSERT INTO no_such_table VALUES (1)");
        }), "up()", "no_such_table");
    }

    private interface Customizer {
        TestRegistry.Builder apply(TestRegistry.Builder builder);
    }

    /**
     * Migration 3 deletes the users and fails: it is rolled back, the users are intact, history
     * gains one failure row, and the message names the migration, the cause and what to do.
     */
    private static void assertFailedMigrationLosesNothing(TestDatabase.Kind kind, Customizer third, String phase,
            String cause) throws Exception {
        try (TestDatabase database = kind.open()) {
            Probe probe = seeded(database);
            migrator(database, release1().build()).migrate();
            String users = probe.usersChecksum();
            List<String> history = probe.history("cairn_schema_history");
            MigrationFailedException e = assertThrows(MigrationFailedException.class, () -> migrator(database,
                    third.apply(release1().migration(3).dependsOn(2).className("app.Migration3")).build())
                    .migrate());
            assertSays(e, "Migration 3 (app.Migration3) failed in " + phase, cause, "rolled back",
                    "run migrate again");
            assertEquals(users, probe.usersChecksum());
            if (database.commitsDdlImplicitly()) {
                // CREATE TABLE committed implicitly; the DELETE after it was rolled back. Said, and waits for repair.
                assertTrue(database.tableExists("more"));
                assertSays(e, "may be partly applied", "call repair()");
            } else {
                assertFalse(database.tableExists("more"));
            }
            List<String> expected = new ArrayList<>(history);
            expected.add("3:APPLY_FAILED");
            assertEquals(expected, probe.history("cairn_schema_history"));
        }
    }

    @Test
    void connectionTerminatedMidMigrationLosesNothingAndTheNextMigrateFinishes() throws Exception {
        assertTerminatedConnectionLosesNothing(true);
    }

    @Test
    void connectionTerminatedInANonTransactionalMigrationBlocksMigrateUntilRepair() throws Exception {
        assertTerminatedConnectionLosesNothing(false);
    }

    /** PostgreSQL: {@code pg_terminate_backend} from a second connection while migration 3 waits. */
    private static void assertTerminatedConnectionLosesNothing(boolean transactional) throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            Probe probe = seeded(database);
            migrator(database, release1().build()).migrate();
            String users = probe.usersChecksum();
            AtomicInteger backend = new AtomicInteger();
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch terminated = new CountDownLatch(1);
            TestRegistry.Builder registry = release1().migration(3).dependsOn(2).className("app.Migration3")
                    .up(context -> {
                        context.execute("CREATE TABLE more (id INT)");
                        context.execute("DELETE FROM users WHERE id <= 10");
                        try (Statement statement = context.connection().createStatement();
                                ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
                            pid.next();
                            backend.set(pid.getInt(1));
                        }
                        running.countDown();
                        terminated.await(1, TimeUnit.MINUTES);
                        context.execute("INSERT INTO more VALUES (1)");
                    });
            if (!transactional) {
                registry.nonTransactional();
            }
            Migrator migrator = migrator(database, registry.build());
            CompletableFuture<Void> run = CompletableFuture.runAsync(migrator::migrate);
            assertTrue(running.await(1, TimeUnit.MINUTES));
            database.execute("SELECT pg_terminate_backend(" + backend.get() + ")");
            terminated.countDown();
            Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> run.get(1, TimeUnit.MINUTES)).getCause();
            assertTrue(failure instanceof MigrationFailedException, stackTrace(failure));
            assertSays((CairnException) failure, "Migration 3 (app.Migration3)", "connection to the database was lost",
                    transactional ? "run migrate again" : "call repair()");
            System.out.println("terminated connection (" + (transactional ? "" : "non-") + "transactional): "
                    + failure.getMessage());
            if (transactional) {
                assertEquals(users, probe.usersChecksum(), "the transaction died with the connection");
                assertFalse(database.tableExists("more"));
                assertEquals(1, migrator.migrate().applied().size(), "the next migrate finishes the job");
            } else {
                // Its work was auto-committed up to the drop; the marker row makes migrate refuse.
                PendingRepairException refused = assertThrows(PendingRepairException.class, migrator::migrate);
                assertSays(refused, "[3]", "repair()");
                database.execute("DROP TABLE more");
                migrator.repair();
                assertEquals(1, migrator.migrate().applied().size());
            }
            assertTrue(database.tableExists("more"));
        }
    }

    @Test
    void connectionKilledByTheMariaDbServerInADmlMigrationLosesNothingAndWaitsForRepair() throws Exception {
        assertKilledMariaDbConnection(false);
    }

    @Test
    void connectionKilledByTheMariaDbServerAfterADdlStatementWaitsForRepair() throws Exception {
        assertKilledMariaDbConnection(true);
    }

    /**
     * MariaDB (issue 13's "a server that goes away mid-run"): {@code KILL CONNECTION} from a second
     * connection while migration 3 waits. Its open transaction dies with the connection. Whether an
     * earlier statement committed implicitly (DDL, or a procedure that runs DDL) can no longer be
     * asked of the dead connection (the savepoint guard is checked at commit), so even a DML-only
     * migration leaves its marker and waits for repair: the safe answer, and the message says why.
     */
    private static void assertKilledMariaDbConnection(boolean ddlFirst) throws Exception {
        try (TestDatabase database = TestDatabase.Kind.MARIADB.open()) {
            Probe probe = seeded(database);
            migrator(database, release1().build()).migrate();
            String users = probe.usersChecksum();
            AtomicInteger connectionId = new AtomicInteger();
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch killed = new CountDownLatch(1);
            TestRegistry.Builder registry = release1().migration(3).dependsOn(2).className("app.Migration3")
                    .up(context -> {
                        if (ddlFirst) {
                            context.execute("CREATE TABLE more (id INT)");
                        }
                        context.execute("DELETE FROM users WHERE id <= 10");
                        try (Statement statement = context.connection().createStatement();
                                ResultSet id = statement.executeQuery("SELECT CONNECTION_ID()")) {
                            id.next();
                            connectionId.set(id.getInt(1));
                        }
                        running.countDown();
                        killed.await(1, TimeUnit.MINUTES);
                        context.execute("DELETE FROM users WHERE id <= 20");
                    });
            Migrator migrator = migrator(database, registry.build());
            CompletableFuture<Void> run = CompletableFuture.runAsync(migrator::migrate);
            assertTrue(running.await(1, TimeUnit.MINUTES));
            database.execute("KILL CONNECTION " + connectionId.get());
            killed.countDown();
            Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> run.get(1, TimeUnit.MINUTES)).getCause();
            assertTrue(failure instanceof MigrationFailedException, stackTrace(failure));
            System.out.println("killed MariaDB connection (" + (ddlFirst ? "after DDL" : "DML only") + "): "
                    + failure.getMessage());
            assertSays((CairnException) failure, "Migration 3 (app.Migration3)", "connection to the database was lost",
                    "MariaDB commits every DDL statement implicitly", "repair()");
            if (!ddlFirst) {
                assertEquals(users, probe.usersChecksum(), "the DML-only transaction died with the connection");
            }
            PendingRepairException refused = assertThrows(PendingRepairException.class, migrator::migrate);
            assertSays(refused, "[3]", "repair()");
            if (ddlFirst) {
                assertTrue(database.tableExists("more"), "the DDL committed implicitly before the kill");
                database.execute("DROP TABLE more");
            }
            migrator.repair();
            assertEquals(1, migrator.migrate().applied().size(), "after repair, the next migrate finishes the job");
            assertEquals(ddlFirst, database.tableExists("more"));
        }
    }

    // --- the lock -------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void lockWaitExceedingItsTimeoutIsRefusedAndLosesNothing(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Probe probe = seeded(database);
            migrator(database, release1().build()).migrate();
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> migrator(database, release1()
                    .migration(3).dependsOn(2).up(context -> {
                        holding.countDown();
                        release.await(1, TimeUnit.MINUTES);
                        context.execute("CREATE TABLE more (id INT)");
                    }).build()).migrate());
            try {
                assertTrue(holding.await(1, TimeUnit.MINUTES));
                String users = probe.usersChecksum();
                LockTimeoutException e = assertThrows(LockTimeoutException.class, () -> Migrator.builder(release1()
                        .migration(3).dependsOn(2).up("CREATE TABLE more (id INT)").build())
                        .dataSource(database.dataSource()).lockTimeout(Duration.ofMillis(300)).build().migrate());
                assertSays(e, "300 ms", "raise Migrator.Builder.lockTimeout");
                assertEquals(users, probe.usersChecksum());
            } finally {
                release.countDown();
            }
            holder.get(1, TimeUnit.MINUTES);
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY"), probe.history("cairn_schema_history"));
        }
    }

    // --- credentials ----------------------------------------------------------------------------

    @Test
    void credentialsNeverAppearInMessagesOrLogs() throws Exception {
        PostgresServer server = PostgresServer.shared();
        server.createRole("cairn_hostile", PASSWORD);
        PostgresServer.Database database = server.createDatabase("cairn_hostile");
        String url = database.jdbcUrlWithoutUser();
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = LogCapture.start()) {
            TestRegistry failing = release1().migration(3).dependsOn(2)
                    .up("INSERT INTO no_such_table VALUES (1)").build();
            // Given separately: a run that succeeds, then one whose migration fails.
            Migrator separate = Migrator.builder(release1().build()).jdbcUrl(url, "cairn_hostile", PASSWORD).build();
            separate.migrate();
            seen.add(separate.toString());
            seen.add(stackTrace(assertThrows(MigrationFailedException.class, () -> Migrator.builder(failing)
                    .jdbcUrl(url, "cairn_hostile", PASSWORD).build().migrate())));
            // In the URL: a failing migration, then an unreachable database.
            String inUrl = url + "?user=cairn_hostile&password=" + PASSWORD;
            Migrator urlMigrator = Migrator.builder(failing).jdbcUrl(inUrl).build();
            seen.add(urlMigrator.toString());
            seen.add(stackTrace(assertThrows(MigrationFailedException.class, urlMigrator::migrate)));
            seen.add(stackTrace(assertThrows(CairnException.class, () -> Migrator.builder(failing)
                    .jdbcUrl(url.replace(database.name(), "no_such_db") + "?user=cairn_hostile&password=" + PASSWORD)
                    .build().migrate())));
            // A wrong password: the message says so without repeating it.
            CairnException wrong = assertThrows(CairnException.class, () -> Migrator.builder(failing)
                    .jdbcUrl(url, "cairn_hostile", WRONG_PASSWORD).build().migrate());
            assertSays(wrong, "could not connect", "credentials");
            seen.add(stackTrace(wrong));
            seen.add(String.join("\n", logs.lines()));
            assertFalse(logs.lines().isEmpty(), "the log capture saw Cairn's log lines");
        }
        for (String text : seen) {
            assertFalse(text.contains(PASSWORD) || text.contains(WRONG_PASSWORD), "a password leaked:\n" + text);
        }
    }

    @ParameterizedTest
    @EnumSource(MariaDbServer.Driver.class)
    void credentialsNeverAppearInMessagesOrLogsOnMariaDb(MariaDbServer.Driver driver) throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        MariaDbServer.Database database = server.createDatabase();
        server.createUser("cairn_hostile", PASSWORD, database);
        String url = database.jdbcUrlWithoutUser(driver);
        String separator = driver == MariaDbServer.Driver.MYSQL ? "&" : "?";
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = LogCapture.start()) {
            TestRegistry failing = release1().migration(3).dependsOn(2)
                    .up("INSERT INTO no_such_table VALUES (1)").build();
            Migrator separate = Migrator.builder(release1().build()).jdbcUrl(url, "cairn_hostile", PASSWORD)
                    .allowNonEmptyDatabase(true).build();
            separate.migrate();
            seen.add(separate.toString());
            String inUrl = url + separator + "user=cairn_hostile&password=" + PASSWORD;
            Migrator urlMigrator = Migrator.builder(failing).jdbcUrl(inUrl).build();
            seen.add(urlMigrator.toString());
            seen.add(stackTrace(assertThrows(MigrationFailedException.class, urlMigrator::migrate)));
            seen.add(stackTrace(assertThrows(CairnException.class, () -> Migrator.builder(failing)
                    .jdbcUrl(url.replace(database.name(), "no_such_db") + separator + "user=cairn_hostile&password="
                            + PASSWORD).build().migrate())));
            // A wrong password: the message says so without repeating it.
            CairnException wrong = assertThrows(CairnException.class, () -> Migrator.builder(failing)
                    .jdbcUrl(url, "cairn_hostile", WRONG_PASSWORD).build().migrate());
            assertSays(wrong, "could not connect", "credentials");
            seen.add(stackTrace(wrong));
            seen.add(String.join("\n", logs.lines()));
        }
        for (String text : seen) {
            assertFalse(text.contains(PASSWORD) || text.contains(WRONG_PASSWORD), "a password leaked:\n" + text);
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    /**
     * Allows the non-empty database: the suite's migrations are written to start from the user data
     * seeded before the first migrate (table users, which no migration creates), as when Cairn is
     * introduced into an application that already has a schema.
     */
    private static Migrator migrator(TestDatabase database, TestRegistry registry) {
        return Migrator.builder(registry).dataSource(database.dataSource()).allowNonEmptyDatabase(true).build();
    }

    private static Probe seeded(TestDatabase database) throws SQLException {
        Probe probe = new Probe(database.dataSource(), database.isSqlite());
        probe.seedUsers(new Random(7));
        return probe;
    }

    /** The user data, the history rows and the tables: what "nothing lost" compares. */
    private static String state(TestDatabase database, Probe probe) throws SQLException {
        List<String> history = probe.tableExists("cairn_schema_history")
                ? probe.rows("SELECT * FROM cairn_schema_history") : List.of();
        List<String> tables = database.column(database.isSqlite()
                ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
        return "users=" + probe.usersChecksum() + " history=" + history + " tables=" + tables;
    }

    /** Asserts the message contains each fragment (case-insensitively), showing the message if not. */
    private static void assertSays(CairnException e, String... fragments) {
        String message = e.getMessage().toLowerCase(Locale.ROOT);
        System.out.println("hostile input: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment.toLowerCase(Locale.ROOT)),
                    "the message should say \"" + fragment + "\":\n" + e.getMessage());
        }
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Every record logged through java.util.logging (where System.Logger goes) while open, formatted. */
    private static final class LogCapture extends Handler implements AutoCloseable {
        private final List<String> lines = new ArrayList<>();
        private final Logger root = Logger.getLogger("");
        private final Level rootLevel = root.getLevel();
        private final Logger cairn = Logger.getLogger("dev.cairn");
        private final Level cairnLevel = cairn.getLevel();

        static LogCapture start() {
            LogCapture capture = new LogCapture();
            capture.setLevel(Level.ALL);
            capture.cairn.setLevel(Level.ALL);
            capture.root.addHandler(capture);
            return capture;
        }

        @Override
        public synchronized void publish(LogRecord record) {
            String line = record.getLoggerName() + " " + record.getLevel() + " "
                    + new SimpleFormatter().formatMessage(record);
            if (record.getThrown() != null) {
                line += "\n" + stackTrace(record.getThrown());
            }
            lines.add(line);
        }

        synchronized List<String> lines() {
            return new ArrayList<>(lines);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            root.removeHandler(this);
            root.setLevel(rootLevel);
            cairn.setLevel(cairnLevel);
        }
    }

    /**
     * Makes a file or directory unwritable for this process, also as root: {@code chattr +i} (the
     * immutable attribute, which root cannot write through either) when running as root, else
     * {@code chmod a-w}. Skips the test, loudly, if neither is possible.
     */
    private static final class Unwritable implements AutoCloseable {
        private final Path path;
        private final boolean immutable;

        private Unwritable(Path path, boolean immutable) {
            this.path = path;
            this.immutable = immutable;
        }

        static Unwritable make(Path path) throws Exception {
            int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (uid != 0) {
                Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "r-xr-xr-x" : "r--r--r--"));
                return new Unwritable(path, false);
            }
            int exit = -1;
            try {
                exit = new ProcessBuilder("chattr", "+i", path.toString()).inheritIO().start().waitFor();
            } catch (IOException e) {
                // no chattr: skip below
            }
            if (exit != 0) {
                String reason = "\n*** SKIPPED: running as root, where permissions do not stop writes, and "
                        + "'chattr +i " + path + "' failed (exit " + exit + "), so the file cannot be made unwritable."
                        + "\n*** Run the tests as a non-root user, or where chattr works.\n";
                System.err.println(reason);
                Assumptions.abort(reason);
            }
            return new Unwritable(path, true);
        }

        @Override
        public void close() throws Exception {
            if (immutable) {
                new ProcessBuilder("chattr", "-i", path.toString()).inheritIO().start().waitFor();
            } else {
                Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}
