package dev.cairn.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.MigrationFailedException;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every wait on MariaDB is bounded by the lock timeout, and the session's settings go back: a DDL
 * statement queued for a metadata lock behind an application's open transaction waited for
 * {@code lock_wait_timeout}, a year by default, holding up every query on the table behind it.
 */
class MariaDbLockWaitTest {

    @Test
    void aMigrationQueuedBehindAnApplicationsTransactionFailsAfterTheLockTimeoutSayingSo() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.MARIADB.open()) {
            Registry first = TestRegistry.builder().migration(1).up("CREATE TABLE orders (id INT)").build();
            Registry second = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE orders (id INT)")
                    .migration(2).dependsOn(1).description("Add note").up("ALTER TABLE orders ADD COLUMN note TEXT")
                    .build();
            Migrator.builder(first).dataSource(database.dataSource()).build().migrate();

            try (Connection application = database.dataSource().getConnection()) {
                application.setAutoCommit(false);
                try (Statement statement = application.createStatement()) {
                    statement.executeQuery("SELECT * FROM orders").close(); // a metadata lock until it ends
                }
                // Without the bound the ALTER would wait a year: end the transaction after 15 s, so that
                // the test fails instead of hanging.
                ScheduledExecutorService ender = Executors.newSingleThreadScheduledExecutor();
                ender.schedule(() -> {
                    application.rollback();
                    return null;
                }, 15, TimeUnit.SECONDS);
                long start = System.nanoTime();
                MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> Migrator
                        .builder(second).dataSource(database.dataSource()).lockTimeout(Duration.ofSeconds(1)).build()
                        .migrate());
                long waited = (System.nanoTime() - start) / 1_000_000;
                ender.shutdownNow();
                application.rollback();

                assertEquals(2, failure.version().asLong());
                assertTrue(waited < 10_000, "waited " + waited + " ms");
                assertTrue(failure.getMessage().contains("Lock wait timeout exceeded"), failure.getMessage());
                assertTrue(failure.getMessage().contains("It waited for a lock longer than the lock timeout (1000 ms)"),
                        failure.getMessage());
            }
        }
    }

    @Test
    void theSessionsWaitTimeoutsGoBackAsTheyWere() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.MARIADB.open();
                Connection shared = database.dataSource().getConnection()) {
            try (Statement statement = shared.createStatement()) {
                statement.execute("SET SESSION lock_wait_timeout = 77, SESSION innodb_lock_wait_timeout = 33");
            }
            javax.sql.DataSource one = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class},
                    (proxy, method, arguments) -> {
                        if (method.getName().equals("getConnection")) {
                            return java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                                    new Class<?>[] {Connection.class}, (p, m, a) -> {
                                        if (m.getName().equals("close")) {
                                            return null;
                                        }
                                        try {
                                            return m.invoke(shared, a);
                                        } catch (java.lang.reflect.InvocationTargetException e) {
                                            throw e.getCause();
                                        }
                                    });
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            Migrator.builder(TestRegistry.builder().migration(1).up("CREATE TABLE a (id INT)").build())
                    .dataSource(one).lockTimeout(Duration.ofSeconds(2)).build().migrate();

            try (Statement statement = shared.createStatement(); ResultSet row = statement.executeQuery(
                    "SELECT @@SESSION.lock_wait_timeout, @@SESSION.innodb_lock_wait_timeout")) {
                row.next();
                assertEquals(77, row.getLong(1));
                assertEquals(33, row.getLong(2));
            }
        }
    }
}
