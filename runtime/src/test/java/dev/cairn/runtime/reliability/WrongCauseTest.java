package dev.cairn.runtime.reliability;

import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.IncompatibleHistoryTableException;
import dev.cairn.runtime.LockTimeoutException;
import dev.cairn.runtime.MigrationFailedException;
import dev.cairn.runtime.MigrationInfo;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.ValidationProblem;
import dev.cairn.runtime.ValidationReport;
import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 19, "Errors that name the wrong cause": each failure is reported as what it is, with the
 * database's own message, and permissions are blamed only when the database says permission.
 * Every test here failed before its fix (a raw exception, a generic {@code CairnException}
 * suggesting permissions, or a history that validated as fine).
 */
class WrongCauseTest {

    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(400);

    private static TestRegistry.Builder release1() {
        return TestRegistry.builder()
                .migration(1).up("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
                .migration(2).dependsOn(1).up("INSERT INTO notes (id, text) VALUES (1, 'first')");
    }

    // --- 1. the connection lost after the migration's last statement -----------------------------

    /**
     * Migration 3's last act terminates its own backend from a second connection and returns
     * normally: what fails is recording it, and the server rolled its transaction back.
     */
    @Test
    void backendTerminatedBeforeTheHistoryRowIsReportedAsALostConnectionWhileRecording() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            Migrator.builder(release1().build()).dataSource(database.dataSource()).build().migrate();
            AtomicBoolean first = new AtomicBoolean(true);
            Migrator migrator = Migrator.builder(release1().migration(3).dependsOn(2).className("app.Migration3")
                    .up(context -> {
                        context.execute("CREATE TABLE t3 (id INT)");
                        if (!first.getAndSet(false)) {
                            return;
                        }
                        int pid;
                        try (Statement statement = context.connection().createStatement();
                                ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
                            row.next();
                            pid = row.getInt(1);
                        }
                        terminateAndWait(database, pid);
                    }).build()).dataSource(database.dataSource()).build();
            MigrationFailedException e = assertThrows(MigrationFailedException.class, migrator::migrate);
            assertSays(e, "Migration 3 (app.Migration3)", "connection to the database was lost",
                    "while Cairn recorded it", "rolled back", "run migrate again");
            assertBlamesNoPermission(e);
            assertEquals(3, e.version().asLong());
            assertFalse(database.tableExists("t3"), "the server rolled the transaction back");
            assertEquals(List.of("1:APPLY", "2:APPLY"), history(database));
            assertEquals(1, migrator.migrate().applied().size(), "running again applies it");
            assertTrue(database.tableExists("t3"));
        }
    }

    /** The server terminates the backend while a statement of the migration runs (57P01 on that statement). */
    @Test
    void backendTerminatedDuringAStatementIsReportedAsALostConnection() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            Migrator.builder(release1().build()).dataSource(database.dataSource()).build().migrate();
            AtomicBoolean first = new AtomicBoolean(true);
            Migrator migrator = Migrator.builder(release1().migration(3).dependsOn(2).className("app.Migration3")
                    .up(context -> {
                        context.execute("CREATE TABLE t3 (id INT)");
                        if (!first.getAndSet(false)) {
                            return;
                        }
                        int pid;
                        try (Statement statement = context.connection().createStatement();
                                ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
                            row.next();
                            pid = row.getInt(1);
                        }
                        Thread killer = new Thread(() -> {
                            try {
                                Thread.sleep(300);
                                terminateAndWait(database, pid);
                            } catch (Exception ignored) {
                                // the assertion below fails if it did not happen
                            }
                        });
                        killer.start();
                        context.execute("SELECT pg_sleep(30)");
                    }).build()).dataSource(database.dataSource()).build();
            MigrationFailedException e = assertThrows(MigrationFailedException.class, migrator::migrate);
            assertSays(e, "Migration 3 (app.Migration3)", "connection to the database was lost", "rolled back",
                    "run migrate again");
            assertBlamesNoPermission(e);
            assertFalse(database.tableExists("t3"));
            assertEquals(1, migrator.migrate().applied().size());
        }
    }

    private static void terminateAndWait(TestDatabase database, int pid) throws Exception {
        database.execute("SELECT pg_terminate_backend(" + pid + ")");
        for (int attempt = 0; attempt < 200; attempt++) {
            if (database.count("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid) == 0) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("backend " + pid + " did not terminate");
    }

    // --- 2. a failed COMMIT -----------------------------------------------------------------------

    @Test
    void deferredForeignKeyFailingAtCommitIsTheMigrationsFailureAndIsRecorded() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            Migrator.builder(release1().build()).dataSource(database.dataSource()).build().migrate();
            Migrator migrator = Migrator.builder(release1().migration(3).dependsOn(2).className("app.Migration3")
                    .up(context -> {
                        context.execute("CREATE TABLE parent (id INT PRIMARY KEY)");
                        context.execute("CREATE TABLE child (id INT, parent_id INT CONSTRAINT child_parent_fk "
                                + "REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)");
                        context.execute("INSERT INTO child VALUES (1, 42)");
                    }).build()).dataSource(database.dataSource()).build();
            MigrationFailedException e = assertThrows(MigrationFailedException.class, migrator::migrate);
            assertSays(e, "Migration 3 (app.Migration3)", "COMMIT", "child_parent_fk", "23503", "rolled back",
                    "recorded in the history");
            assertBlamesNoPermission(e);
            assertEquals("23503", e.sqlState().orElse(null));
            assertFalse(database.tableExists("child"));
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY_FAILED"), history(database));
            assertTrue(database.column("SELECT error FROM cairn_schema_history WHERE event = 'APPLY_FAILED'").get(0)
                    .contains("child_parent_fk"));
        }
    }

    @Test
    void deferredForeignKeyFailingAtTheCommitOfASingleTransactionRunNamesTheRunAndTheConstraint()
            throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            Migrator.builder(release1().build()).dataSource(database.dataSource()).build().migrate();
            Migrator migrator = Migrator.builder(release1()
                    .migration(3).dependsOn(2).up("CREATE TABLE parent (id INT PRIMARY KEY)")
                    .migration(4).dependsOn(3).up(context -> {
                        context.execute("CREATE TABLE child (id INT, parent_id INT CONSTRAINT child_parent_fk "
                                + "REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)");
                        context.execute("INSERT INTO child VALUES (1, 42)");
                    }).build()).dataSource(database.dataSource()).singleTransaction(true).build();
            CairnException e = assertThrows(CairnException.class, migrator::migrate);
            assertSays(e, "COMMIT of this run's 2 migrations [3, 4]", "singleTransaction", "child_parent_fk",
                    "rolled all of them back");
            assertBlamesNoPermission(e);
            assertFalse(database.tableExists("parent"));
            assertEquals(List.of("1:APPLY", "2:APPLY"), history(database));
        }
    }

    // --- 3. SQLite in rollback-journal mode, a reader past the lock timeout -----------------------

    /** A fresh database: creating the history table is the first write, and its COMMIT meets the reader. */
    @Test
    void readerHoldingPastTheLockTimeoutWhileTheHistoryTableIsCreatedIsALockTimeout() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open();
                Connection reader = DriverManager.getConnection(database.jdbcUrl());
                Statement read = reader.createStatement()) {
            assertEquals("delete", database.column("PRAGMA journal_mode").get(0).toLowerCase(Locale.ROOT));
            read.execute("CREATE TABLE app_data (id INT)");
            read.execute("BEGIN");
            try (ResultSet rows = read.executeQuery("SELECT count(*) FROM app_data")) {
                assertTrue(rows.next());
            }
            long start = System.nanoTime();
            LockTimeoutException e = assertThrows(LockTimeoutException.class, () -> Migrator.builder(
                    release1().build()).dataSource(database.dataSource()).allowNonEmptyDatabase(true)
                    .lockTimeout(LOCK_TIMEOUT).build().migrate());
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            read.execute("ROLLBACK");
            assertSays(e, "history table", "SQLITE_BUSY", LOCK_TIMEOUT.toMillis() + " ms", "lockTimeout");
            assertBlamesNoPermission(e);
            assertTrue(waited.compareTo(LOCK_TIMEOUT.multipliedBy(3)) < 0, "waited " + waited);
            assertFalse(database.tableExists("notes"));
            assertEquals(2, Migrator.builder(release1().build()).dataSource(database.dataSource())
                    .allowNonEmptyDatabase(true).build().migrate().applied().size());
        }
    }

    /** An existing history: a reader starts while migration 3 runs, and its COMMIT meets the reader. */
    @Test
    void readerHoldingPastTheLockTimeoutAtAMigrationsCommitIsALockTimeoutNamingTheMigration() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open();
                Connection reader = DriverManager.getConnection(database.jdbcUrl());
                Statement read = reader.createStatement()) {
            Migrator.builder(release1().build()).dataSource(database.dataSource()).build().migrate();
            long start = System.nanoTime();
            LockTimeoutException e = assertThrows(LockTimeoutException.class, () -> Migrator.builder(
                    release1().migration(3).dependsOn(2).className("app.Migration3").up(context -> {
                        context.execute("CREATE TABLE t3 (id INT)");
                        read.execute("BEGIN");
                        try (ResultSet rows = read.executeQuery("SELECT count(*) FROM notes")) {
                            assertTrue(rows.next());
                        }
                    }).build()).dataSource(database.dataSource()).lockTimeout(LOCK_TIMEOUT).build().migrate());
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            read.execute("ROLLBACK");
            assertSays(e, "Migration 3 (app.Migration3) ran, but its COMMIT failed", "SQLITE_BUSY", "rolled back",
                    LOCK_TIMEOUT.toMillis() + " ms", "lockTimeout");
            assertBlamesNoPermission(e);
            // The commit and the attempt to record the failure each wait once.
            assertTrue(waited.compareTo(LOCK_TIMEOUT.multipliedBy(4)) < 0, "waited " + waited);
            assertFalse(database.tableExists("t3"));
            assertEquals(List.of("1:APPLY", "2:APPLY"), history(database), "the reader blocked the failure row too");
        }
    }

    /**
     * A writer holding SQLite's exclusive lock blocks even reads: the reads Cairn does before its
     * lock used the DataSource's busy timeout (sqlite-jdbc: 3 s), not the lock timeout.
     */
    @Test
    void readsBeforeTheLockWaitNoLongerThanTheLockTimeout() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open();
                Connection writer = DriverManager.getConnection(database.jdbcUrl());
                Statement write = writer.createStatement()) {
            Migrator.builder(release1().build()).dataSource(database.dataSource()).build().migrate();
            write.execute("BEGIN EXCLUSIVE");
            Duration lockTimeout = Duration.ofMillis(500);
            long start = System.nanoTime();
            LockTimeoutException e = assertThrows(LockTimeoutException.class, () -> Migrator.builder(
                    release1().migration(3).dependsOn(2).up("CREATE TABLE t3 (id INT)").build())
                    .dataSource(database.dataSource()).lockTimeout(lockTimeout).build().migrate());
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            write.execute("ROLLBACK");
            assertSays(e, "500 ms", "lockTimeout");
            // Two waits of the lock timeout (the read before the lock, the first write under it);
            // before, the first alone took sqlite-jdbc's default busy timeout of 3 s.
            assertTrue(waited.compareTo(Duration.ofMillis(2500)) < 0, "waited " + waited);
        }
    }

    /** Cairn sets the busy timeout to the lock timeout for its operation, and puts the connection's own back. */
    @Test
    void sqliteConnectionGoesBackWithItsOwnBusyTimeout() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open();
                Connection pooled = DriverManager.getConnection(database.jdbcUrl())) {
            pooled.unwrap(org.sqlite.SQLiteConnection.class).setBusyTimeout(1234);
            javax.sql.DataSource one = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class},
                    (proxy, method, arguments) -> {
                        if (method.getName().equals("getConnection")) {
                            return unclosable(pooled);
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            Migrator.builder(release1().build()).dataSource(one).lockTimeout(LOCK_TIMEOUT).build().migrate();
            Migrator.builder(release1().build()).dataSource(one).lockTimeout(LOCK_TIMEOUT).build().info();
            try (Statement statement = pooled.createStatement();
                    ResultSet row = statement.executeQuery("PRAGMA busy_timeout")) {
                assertTrue(row.next());
                assertEquals(1234, row.getInt(1), "the connection's busy timeout was left at Cairn's lock timeout");
            }
        }
    }

    private static Connection unclosable(Connection connection) {
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(WrongCauseTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    // --- 4. forbidden calls do not replace the migration's own failure ---------------------------

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES"})
    void refusedSetAutoCommitLeavesTheMigrationsOwnFailureAsTheCause(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            IllegalStateException own = new IllegalStateException("the migration's own failure");
            MigrationFailedException e = assertThrows(MigrationFailedException.class, () -> Migrator.builder(
                    release1().migration(3).dependsOn(2).className("app.Migration3").up(context -> {
                        try {
                            context.connection().setAutoCommit(false);
                        } catch (SQLException refusedAndIgnored) {
                            // careless code goes on
                        }
                        context.execute("CREATE TABLE t3 (id INT)");
                        throw own;
                    }).build()).dataSource(database.dataSource()).build().migrate());
            assertSame(own, e.getCause(), stackTrace(e));
            assertSays(e, "Migration 3 (app.Migration3)", "the migration's own failure", "rolled back");
            assertFalse(database.tableExists("t3"));
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY_FAILED"), history(database));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES"})
    void nonTransactionalMigrationSwitchingAutoCommitOffKeepsItsOwnFailure(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            MigrationFailedException e = assertThrows(MigrationFailedException.class, () -> Migrator.builder(
                    release1().migration(3).dependsOn(2).className("app.Migration3").nonTransactional()
                            .up(context -> {
                                context.connection().setAutoCommit(false);
                                context.execute("CREATE TABLE t3 (id INT)");
                                context.execute("INSERT INTO no_such_table VALUES (1)");
                            }).build()).dataSource(database.dataSource()).build().migrate());
            assertTrue(e.getCause() instanceof SQLException, stackTrace(e));
            assertSays(e, "Migration 3 (app.Migration3)", "no_such_table", "transactional = false", "repair()");
            assertBlamesNoPermission(e);
            assertFalse(database.tableExists("t3"), "what it left uncommitted was rolled back");
        }
    }

    // --- 6. hand-edited history rows -------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES"})
    void unknownEventNameIsAnUnreadableRowNamingIt(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator migrator = Migrator.builder(release1().build()).dataSource(database.dataSource()).build();
            migrator.migrate();
            database.execute("UPDATE cairn_schema_history SET event = 'APPLIED_BY_HAND' WHERE version = 2");
            for (Executable call : List.<Executable>of(migrator::migrate, migrator::info, migrator::validate)) {
                IncompatibleHistoryTableException e = assertThrows(IncompatibleHistoryTableException.class, call);
                assertSays(e, "history row 2 (version 2, event APPLIED_BY_HAND) cannot be read", "unknown event",
                        "fix or delete it by hand");
            }
        }
    }

    @Test
    void sqliteDatetimeTimestampIsReadAsUtc() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Migrator migrator = Migrator.builder(release1().build()).dataSource(database.dataSource()).build();
            migrator.migrate();
            database.execute("UPDATE cairn_schema_history SET installed_on = '2026-03-04 05:06:07' WHERE version = 1");
            database.execute("UPDATE cairn_schema_history SET installed_on = '2026-03-04 05:06:07.250' WHERE version = 2");
            List<MigrationInfo> infos = migrator.info().migrations();
            assertEquals(Instant.parse("2026-03-04T05:06:07Z"), infos.get(0).installedOn().orElseThrow());
            assertEquals(Instant.parse("2026-03-04T05:06:07.250Z"), infos.get(1).installedOn().orElseThrow());
            assertTrue(migrator.validate().isValid());
        }
    }

    @Test
    void unreadableTimestampIsAnUnreadableRowNamingIt() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Migrator migrator = Migrator.builder(release1().build()).dataSource(database.dataSource()).build();
            migrator.migrate();
            database.execute("UPDATE cairn_schema_history SET installed_on = 'yesterday' WHERE version = 1");
            IncompatibleHistoryTableException e = assertThrows(IncompatibleHistoryTableException.class, migrator::info);
            assertSays(e, "history row 1 (version 1, event APPLY) cannot be read", "installed_on", "yesterday",
                    "fix or delete it by hand");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES"})
    void nullChecksumOfAnAppliedMigrationIsAValidationProblemNamingTheRow(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator migrator = Migrator.builder(release1().build()).dataSource(database.dataSource()).build();
            migrator.migrate();
            database.execute("UPDATE cairn_schema_history SET checksum = NULL WHERE version = 2");
            ValidationReport report = migrator.validate();
            assertFalse(report.isValid(), "a NULL checksum validated as valid");
            ValidationProblem problem = report.problems().get(0);
            assertEquals(2, problem.version().asLong());
            String message = problem.message();
            assertTrue(message.contains("history row 2") && message.contains("no checksum")
                    && message.contains("repair()"), message);
            migrator.repair();
            assertTrue(migrator.validate().isValid(), "repair records the code's checksum");
        }
    }

    /** A table made by hand (SQLite, no constraints) with garbage in the rows Cairn reads. */
    @ParameterizedTest
    @CsvSource({"abc, APPLY", "2, NULL", "NULL, APPLY", "2.5, APPLY"})
    void garbageInAHandMadeRowIsAnUnreadableRowNamingIt(String version, String event) throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            database.execute("CREATE TABLE cairn_schema_history (installed_rank INTEGER PRIMARY KEY, version INTEGER, "
                    + "description TEXT, type TEXT, event TEXT, checksum TEXT, installed_by TEXT, installed_on TEXT, "
                    + "execution_time_ms INTEGER, success INTEGER, error TEXT)");
            database.execute("INSERT INTO cairn_schema_history VALUES (1, 1, 'one', 'JAVA', 'APPLY', 'checksum-1', "
                    + "'me', '2026-01-01T00:00:00Z', 1, 1, NULL)");
            database.execute("INSERT INTO cairn_schema_history VALUES (7, " + literal(version) + ", 'two', 'JAVA', "
                    + literal(event) + ", 'checksum-2', 'me', '2026-01-01T00:00:00Z', 1, 1, NULL)");
            // Fingerprinted, so that migrate reads the latest row alone first (the up-to-date check).
            Migrator migrator = Migrator.builder(release1().fingerprinted().build()).dataSource(database.dataSource())
                    .build();
            for (Executable call : List.<Executable>of(migrator::migrate, migrator::info, migrator::validate)) {
                IncompatibleHistoryTableException e = assertThrows(IncompatibleHistoryTableException.class, call);
                assertSays(e, "history row 7", "cannot be read", "fix or delete it by hand");
            }
        }
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static String literal(String value) {
        return "NULL".equals(value) ? "NULL" : "'" + value + "'";
    }

    private static List<String> history(TestDatabase database) throws SQLException {
        return database.column("SELECT version || ':' || event FROM cairn_schema_history WHERE version > 0 "
                + "ORDER BY installed_rank");
    }

    private static void assertBlamesNoPermission(CairnException e) {
        String message = e.getMessage().toLowerCase(Locale.ROOT);
        assertFalse(message.contains("permission") || message.contains("may write") || message.contains("may read"),
                "nothing here is a permission problem:\n" + e.getMessage());
    }

    private static void assertSays(CairnException e, String... fragments) {
        String message = e.getMessage().toLowerCase(Locale.ROOT);
        System.out.println("wrong cause: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment.toLowerCase(Locale.ROOT)),
                    "the message should say \"" + fragment + "\":\n" + stackTrace(e));
        }
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
