package dev.cairn.runtime.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.MigrationFailedException;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.PendingRepairException;
import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The connection Cairn is given belongs to the application: Cairn returns it as it found it, and
 * a migration cannot end the transaction Cairn runs it in without Cairn noticing (issue 19, bugs
 * 3 to 6). Each test names the bug it shows.
 */
class ConnectionHygieneTest {

    /** Migrations 1 and 2: a table {@code notes} with one row. */
    private static TestRegistry.Builder release1() {
        return TestRegistry.builder()
                .migration(1).up("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
                .migration(2).dependsOn(1).up("INSERT INTO notes (id, text) VALUES (1, 'first')");
    }

    // --- bug 3: a pooled connection comes back as it went out -----------------------------------

    /**
     * A reader takes SQLite's shared lock while migration 3 runs and holds it, so the migration's
     * COMMIT fails with SQLITE_BUSY after the lock timeout. The
     * pool (HikariCP, one connection) gets its connection back with no transaction open: the
     * application's next COMMIT on it has nothing to commit, and neither the migration's table
     * nor its APPLY row ever appears.
     */
    @Test
    void pooledConnectionHasNoOpenTransactionAfterItsCommitFailedOnABusyDatabase() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(database.jdbcUrl());
            config.setMaximumPoolSize(1);
            config.setPoolName("cairn-hygiene");
            try (HikariDataSource pool = new HikariDataSource(config)) {
                Migrator.builder(release1().build()).dataSource(pool).build().migrate();
                boolean autoCommit;
                int isolation;
                try (Connection connection = pool.getConnection()) {
                    autoCommit = connection.getAutoCommit();
                    isolation = connection.getTransactionIsolation();
                }
                CairnException e;
                try (Connection reader = DriverManager.getConnection(database.jdbcUrl());
                        Statement read = reader.createStatement()) {
                    e = assertThrows(CairnException.class, () -> Migrator.builder(release1().migration(3)
                            .dependsOn(2).className("app.Migration3").up(context -> {
                                context.execute("CREATE TABLE t3 (id INT)");
                                context.execute("INSERT INTO t3 VALUES (1)");
                                // An application reader starts now and holds the shared lock past the commit.
                                read.execute("BEGIN");
                                try (ResultSet rows = read.executeQuery("SELECT count(*) FROM notes")) {
                                    assertTrue(rows.next());
                                }
                            }).build()).dataSource(pool).lockTimeout(Duration.ofMillis(300)).build().migrate());
                    read.execute("ROLLBACK");
                }
                try (Connection connection = pool.getConnection()) {
                    assertEquals(autoCommit, connection.getAutoCommit());
                    assertEquals(isolation, connection.getTransactionIsolation());
                    try (Statement statement = connection.createStatement()) {
                        SQLException nothingOpen = assertThrows(SQLException.class, () -> statement.execute("COMMIT"),
                                "the pooled connection was still inside Cairn's transaction");
                        assertTrue(nothingOpen.getMessage().contains("no transaction is active"),
                                nothingOpen.getMessage());
                    }
                }
                assertFalse(database.tableExists("t3"));
                assertEquals(List.of("1:APPLY", "2:APPLY"), history(database));
                assertSays(e, "Migration 3 (app.Migration3)", "SQLITE_BUSY", "rolled back", "lockTimeout");
                assertFalse(e.getMessage().contains("may write"), "a busy database is not a permission problem:\n"
                        + e.getMessage());
                assertEquals(1, Migrator.builder(release1().migration(3).dependsOn(2)
                        .up("CREATE TABLE t3 (id INT)").build()).dataSource(pool).build().migrate().applied().size());
            }
        }
    }

    // --- bug 4: context.execute with several statements -----------------------------------------

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void executeRunsEveryStatementOfAStringWithSeveral(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator.builder(release1().migration(3).dependsOn(2).up(context -> {
                int count = context.execute("CREATE TABLE a (id INT); CREATE TABLE b (id INT, note TEXT);\n"
                        + "-- a comment; with a semicolon\nINSERT INTO b VALUES (1, 'x;y'); INSERT INTO b VALUES (2, 'z');");
                assertEquals(1, count, "the update count of the last statement");
            }).build()).dataSource(database.dataSource()).build().migrate();
            assertTrue(database.tableExists("a"));
            assertEquals(List.of("1", "2"), database.column("SELECT id FROM b ORDER BY id"));
            assertEquals(List.of("x;y", "z"), database.column("SELECT note FROM b ORDER BY id"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void executeRefusesParametersForSeveralStatementsBeforeRunningAny(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            MigrationFailedException e = assertThrows(MigrationFailedException.class, () -> Migrator.builder(
                    release1().migration(3).dependsOn(2).className("app.Migration3").up(context -> context.execute(
                            "CREATE TABLE a (id INT); INSERT INTO notes (id, text) VALUES (?, ?)", 2, "second"))
                            .build()).dataSource(database.dataSource()).build().migrate());
            assertSays(e, "Migration 3 (app.Migration3)", "2 statements", "parameters");
            assertFalse(database.tableExists("a"));
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY_FAILED"), history(database));
        }
    }

    // --- bug 5: a migration that ends its own transaction ---------------------------------------
    // Not on MariaDB: its DDL (CREATE TABLE t3 here) commits implicitly, so these migrations are partly
    // applied there by design; MariaDbAtomicityTest asserts what Cairn does then.

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES"})
    void migrationCallingCommitIsRefusedAndNothingOfItStays(TestDatabase.Kind kind) throws Exception {
        assertRefusedAndRolledBack(kind, context -> context.connection().commit(), "commit()");
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES"})
    void migrationSwitchingAutoCommitOnIsRefusedAndNothingOfItStays(TestDatabase.Kind kind) throws Exception {
        assertRefusedAndRolledBack(kind, context -> context.connection().setAutoCommit(true), "setAutoCommit(true)");
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES"})
    void migrationRollingBackOrClosingItsConnectionIsRefused(TestDatabase.Kind kind) throws Exception {
        assertRefusedAndRolledBack(kind, context -> context.connection().rollback(), "rollback()");
        assertRefusedAndRolledBack(kind, context -> context.connection().close(), "close()");
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES"})
    void executeRefusesTransactionControlBeforeRunningAnything(TestDatabase.Kind kind) throws Exception {
        assertRefusedAndRolledBack(kind, context -> context.execute("INSERT INTO t3 VALUES (2); COMMIT"), "COMMIT");
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void migrationMaySetAndRollBackToItsOwnSavepoints(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator.builder(release1().migration(3).dependsOn(2).up(context -> {
                context.execute("CREATE TABLE t3 (id INT)");
                context.execute("INSERT INTO t3 VALUES (1)");
                java.sql.Savepoint savepoint = context.connection().setSavepoint();
                context.execute("INSERT INTO t3 VALUES (2)");
                context.connection().rollback(savepoint);
            }).build()).dataSource(database.dataSource()).build().migrate();
            assertEquals(List.of("1"), database.column("SELECT id FROM t3"));
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY"), history(database));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void nonTransactionalMigrationMayCommitInBatchesAndGetsAutoCommitBack(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator.builder(release1().migration(3).dependsOn(2).nonTransactional().up(context -> {
                Connection connection = context.connection();
                context.execute("CREATE TABLE t3 (id INT)");
                connection.setAutoCommit(false);
                for (int batch = 0; batch < 3; batch++) {
                    context.execute("INSERT INTO t3 VALUES (?)", batch);
                    connection.commit();
                }
                context.execute("INSERT INTO t3 VALUES (3)"); // left for Cairn to commit
            }).migration(4).dependsOn(3).up("INSERT INTO t3 VALUES (4)").build())
                    .dataSource(database.dataSource()).build().migrate();
            assertEquals(List.of("0", "1", "2", "3", "4"), database.column("SELECT id FROM t3 ORDER BY id"));
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY", "4:APPLY"), history(database));
        }
    }

    /**
     * Migration 3 creates {@code t3} with a row, then does {@code what} to its connection, which
     * Cairn refuses; the migration fails and is rolled back like any failure, and migrate runs
     * again once it is fixed.
     */
    private static void assertRefusedAndRolledBack(TestDatabase.Kind kind, TestRegistry.Step what, String named)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator.builder(release1().build()).dataSource(database.dataSource()).build().migrate();
            MigrationFailedException e = assertThrows(MigrationFailedException.class, () -> Migrator.builder(
                    release1().migration(3).dependsOn(2).className("app.Migration3").up(context -> {
                        context.execute("CREATE TABLE t3 (id INT)");
                        context.execute("INSERT INTO t3 VALUES (1)");
                        what.run(context);
                    }).build()).dataSource(database.dataSource()).build().migrate());
            assertSays(e, "Migration 3 (app.Migration3)", named, "Cairn", "rolled back");
            assertFalse(database.tableExists("t3"), "nothing of migration 3 stays");
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY_FAILED"), history(database));
            assertEquals(1, Migrator.builder(release1().migration(3).dependsOn(2).up("CREATE TABLE t3 (id INT)")
                    .build()).dataSource(database.dataSource()).build().migrate().applied().size());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES"})
    void migrationCommittingThroughSqlAndThrowingWaitsForRepair(TestDatabase.Kind kind) throws Exception {
        assertEndedTransactionWaitsForRepair(kind, true);
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES"})
    void migrationCommittingThroughSqlAndReturningWaitsForRepair(TestDatabase.Kind kind) throws Exception {
        assertEndedTransactionWaitsForRepair(kind, false);
    }

    /**
     * Migration 3 creates {@code t3} with a row and executes {@code COMMIT} on a statement of its
     * own (what no wrapper can refuse), then throws or returns. Cairn finds its transaction ended,
     * says so, and records a failure that makes migrate wait for repair.
     */
    private static void assertEndedTransactionWaitsForRepair(TestDatabase.Kind kind, boolean thenThrow)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator.builder(release1().build()).dataSource(database.dataSource()).build().migrate();
            MigrationFailedException e = assertThrows(MigrationFailedException.class, () -> Migrator.builder(
                    release1().migration(3).dependsOn(2).className("app.Migration3").up(context -> {
                        try (Statement statement = context.connection().createStatement()) {
                            statement.execute("CREATE TABLE t3 (id INT)");
                            statement.execute("INSERT INTO t3 VALUES (1)");
                            statement.execute("COMMIT");
                        }
                        if (thenThrow) {
                            throw new IllegalStateException("gave up after committing");
                        }
                    }).build()).dataSource(database.dataSource()).build().migrate());
            assertSays(e, "Migration 3 (app.Migration3)", "ended the transaction", "may be committed", "repair()");
            assertFalse(e.getMessage().contains("were rolled back"), e.getMessage());
            if (thenThrow) {
                assertSays(e, "gave up after committing");
            }
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY_FAILED"), history(database));
            TestRegistry fixed = release1().migration(3).dependsOn(2).className("app.Migration3")
                    .up("CREATE TABLE t3 (id INT)").build();
            PendingRepairException refused = assertThrows(PendingRepairException.class, () -> Migrator.builder(fixed)
                    .dataSource(database.dataSource()).build().migrate());
            assertSays(refused, "[3]", "ended the transaction", "repair()");
            database.execute("DROP TABLE t3"); // the operator undoes what stayed
            Migrator migrator = Migrator.builder(fixed).dataSource(database.dataSource()).build();
            migrator.repair();
            assertEquals(1, migrator.migrate().applied().size());
            assertTrue(database.tableExists("t3"));
        }
    }

    // --- bug 6: SQLite rolls back on its own --------------------------------------------------

    /**
     * {@code INSERT OR ROLLBACK} hitting a unique constraint makes SQLite roll back the whole
     * transaction itself. The failure names the constraint, says nothing of permissions, and
     * nothing of the migration stays.
     */
    @Test
    void sqliteRollingBackOnItsOwnReportsTheRealCause() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Migrator.builder(release1().build()).dataSource(database.dataSource()).build().migrate();
            MigrationFailedException e = assertThrows(MigrationFailedException.class, () -> Migrator.builder(
                    release1().migration(3).dependsOn(2).className("app.Migration3").up(context -> {
                        context.execute("CREATE TABLE t3 (id INT)");
                        context.execute("INSERT OR ROLLBACK INTO notes (id, text) VALUES (1, 'again')");
                    }).build()).dataSource(database.dataSource()).build().migrate());
            assertSays(e, "Migration 3 (app.Migration3) failed in up()", "UNIQUE constraint failed", "rolled back");
            assertFalse(e.getMessage().contains("may write"), e.getMessage());
            assertFalse(database.tableExists("t3"));
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY_FAILED"), history(database));
            assertEquals(1, Migrator.builder(release1().migration(3).dependsOn(2).up("CREATE TABLE t3 (id INT)")
                    .build()).dataSource(database.dataSource()).build().migrate().applied().size());
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    private static List<String> history(TestDatabase database) throws SQLException {
        return new Probe(database.dataSource(), database.isSqlite()).history("cairn_schema_history");
    }

    private static void assertSays(CairnException e, String... fragments) {
        String message = e.getMessage().toLowerCase(Locale.ROOT);
        System.out.println("connection hygiene: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment.toLowerCase(Locale.ROOT)),
                    "the message should say \"" + fragment + "\":\n" + e.getMessage());
        }
    }
}
