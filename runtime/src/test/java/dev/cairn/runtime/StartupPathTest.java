package dev.cairn.runtime;

import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The startup path: lean when up to date, bounded when another instance holds the lock. */
class StartupPathTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void upToDateCheckOfManyMigrationsRunsOneStatementAndCreatesNoMigration(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            AtomicInteger created = new AtomicInteger();
            TestRegistry.Builder builder = TestRegistry.builder();
            for (int version = 1; version <= 2000; version++) {
                builder.migration(version).up(context -> created.incrementAndGet());
                if (version > 1) {
                    builder.dependsOn(version - 1);
                }
            }
            TestRegistry registry = builder.build();
            Migrator.builder(registry).dataSource(database.dataSource()).build().migrate();
            assertEquals(2000, created.get());
            AtomicInteger statements = new AtomicInteger();

            MigrationReport report = Migrator.builder(registry)
                    .dataSource(countingStatements(database.dataSource(), statements)).build().migrate();

            assertTrue(report.wasUpToDate());
            assertEquals(2000, created.get(), "no migration may be instantiated when up to date");
            // On PostgreSQL, plus the statement that sets the session's lock_timeout to the lock timeout
            // and settles the history table's schema, and the one that puts lock_timeout back; on H2
            // the lock timeout and the current schema are read in one query, then set and put back.
            assertEquals(database.isH2() ? 4 : kind == TestDatabase.Kind.POSTGRES || database.isMariaDb() ? 3 : 1, statements.get(),
                    "one query on the history table");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void migrateGivesUpWithLockTimeoutWhileAnotherInstanceHoldsTheLock(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            TestRegistry slow = TestRegistry.builder().migration(1).up(context -> {
                running.countDown();
                release.await(1, TimeUnit.MINUTES);
            }).build();
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                Future<MigrationReport> holder = executor.submit(
                        () -> Migrator.builder(slow).dataSource(database.dataSource()).build().migrate());
                assertTrue(running.await(1, TimeUnit.MINUTES));

                LockTimeoutException timeout = assertThrows(LockTimeoutException.class,
                        () -> Migrator.builder(slow).dataSource(database.dataSource())
                                .lockTimeout(Duration.ofMillis(300)).build().migrate());

                assertTrue(timeout.getMessage().contains("300 ms"), timeout.getMessage());
                assertTrue(timeout.getMessage().contains("lockTimeout"), timeout.getMessage());
                release.countDown();
                assertEquals(1, holder.get(1, TimeUnit.MINUTES).applied().size());
            } finally {
                release.countDown();
                executor.shutdownNow();
            }
        }
    }

    @org.junit.jupiter.api.Test
    void sqliteReadBlockedByAWriterWaitsForTheMigrationLockInsteadOfFailing() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            TestRegistry registry = TestRegistry.builder().migration(1).build();
            Migrator.builder(registry).dataSource(database.dataSource()).build().migrate();
            org.sqlite.SQLiteDataSource impatient = new org.sqlite.SQLiteDataSource();
            impatient.setUrl(database.jdbcUrl());
            impatient.setBusyTimeout(0);
            try (Connection writer = database.dataSource().getConnection();
                    Statement statement = writer.createStatement()) {
                statement.execute("BEGIN EXCLUSIVE"); // blocks readers too (rollback journal mode)

                LockTimeoutException timeout = assertThrows(LockTimeoutException.class,
                        () -> Migrator.builder(registry).dataSource(impatient).lockTimeout(Duration.ofMillis(200))
                                .build().migrate());

                assertTrue(timeout.getMessage().contains("SQLite write lock"), timeout.getMessage());
                statement.execute("COMMIT");
            }
            assertTrue(Migrator.builder(registry).dataSource(impatient).build().migrate().wasUpToDate());
        }
    }

    @org.junit.jupiter.api.Test
    void applicationWriterHoldingSqlitePastTheBusyTimeoutStopsTheRunBeforeTheNextMigrationAndNamesIt()
            throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open();
                Connection writer = database.dataSource().getConnection();
                Statement statement = writer.createStatement()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE a (id INT)")
                    .migration(2).dependsOn(1).up("CREATE TABLE b (id INT)")
                    .build();
            MigrationListener applicationWritesMeanwhile = new MigrationListener() {
                @Override
                public void beforeMigration(MigrationDescriptor migration) {
                    if (migration.version().asLong() == 2) {
                        try {
                            statement.execute("BEGIN IMMEDIATE");
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            };

            LockTimeoutException timeout = assertThrows(LockTimeoutException.class, () -> Migrator.builder(registry)
                    .dataSource(database.dataSource()).listener(applicationWritesMeanwhile)
                    .lockTimeout(Duration.ofMillis(200)).build().migrate());
            statement.execute("ROLLBACK");

            assertTrue(timeout.getMessage().startsWith("Migration 2 (test.Migration2) was not run: Another connection "
                    + "(not Cairn"), timeout.getMessage());
            assertTrue(timeout.getMessage().contains("200 ms"), timeout.getMessage());
            assertTrue(database.tableExists("a"), "migration 1 was committed before 2 was attempted");
            assertFalse(database.tableExists("b"));
        }
    }

    /** Wraps a real DataSource, counting the statements its connections execute. */
    static DataSource countingStatements(DataSource dataSource, AtomicInteger count) {
        return proxy(DataSource.class, dataSource, (method, result) -> method.startsWith("getConnection")
                ? proxy(Connection.class, result, (connectionMethod, statement) ->
                        connectionMethod.equals("createStatement") || connectionMethod.equals("prepareStatement")
                                ? proxy(statementType(statement), statement,
                                        (statementMethod, value) -> {
                                            if (statementMethod.startsWith("execute")) {
                                                count.incrementAndGet();
                                            }
                                            return value;
                                        })
                                : statement)
                : result);
    }

    private static Class<? extends Statement> statementType(Object statement) {
        return statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
    }

    private interface AfterCall {
        Object after(String method, Object result);
    }

    private static <T> T proxy(Class<T> type, Object target, AfterCall afterCall) {
        return type.cast(Proxy.newProxyInstance(StartupPathTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, arguments) -> {
                    try {
                        return afterCall.after(method.getName(), method.invoke(target, arguments));
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

}
