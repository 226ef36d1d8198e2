package dev.cairn.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.MigrationFailedException;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.testing.PostgresServer;
import dev.cairn.runtime.testing.TestRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every wait on PostgreSQL is bounded by the lock timeout, and the session's setting goes back
 * (issue 19: only the advisory lock wait was; a statement queued behind an application's
 * transaction waited, and held up that table's queries, for as long as the transaction lasted).
 */
class PostgresLockTimeoutTest {

    @Test
    void aMigrationQueuedBehindAnApplicationsTransactionFailsAfterTheLockTimeoutSayingSo() throws Exception {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        DataSource dataSource = database.dataSource();
        Registry registry = TestRegistry.builder()
                .migration(1).up("CREATE TABLE orders (id INT)")
                .migration(2).dependsOn(1).description("Add note").up("ALTER TABLE orders ADD COLUMN note TEXT")
                .build();
        Migrator.builder(TestRegistry.builder().migration(1).up("CREATE TABLE orders (id INT)").build())
                .dataSource(dataSource).build().migrate();

        try (Connection application = dataSource.getConnection()) {
            application.setAutoCommit(false);
            try (Statement statement = application.createStatement()) {
                statement.execute("SELECT * FROM orders"); // a reader's ACCESS SHARE lock, held until it ends
            }
            // Without the bound the migration would wait as long as the transaction lasts: end it after
            // 15 s, so that the test fails instead of hanging.
            java.util.concurrent.ScheduledExecutorService ender =
                    java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            ender.schedule(() -> {
                application.rollback();
                return null;
            }, 15, java.util.concurrent.TimeUnit.SECONDS);
            long start = System.nanoTime();
            MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> Migrator
                    .builder(registry).dataSource(dataSource).lockTimeout(Duration.ofMillis(800)).build().migrate());
            long waited = (System.nanoTime() - start) / 1_000_000;

            assertEquals(2, failure.version().asLong());
            ender.shutdownNow();
            assertTrue(waited < 10_000, "waited " + waited + " ms");
            assertTrue(failure.getMessage().contains("55P03"), failure.getMessage());
            assertTrue(failure.getMessage().contains("It waited for a lock longer than the lock timeout (800 ms)"),
                    failure.getMessage());
            application.rollback();
        }
    }

    @Test
    void theSessionsLockTimeoutGoesBackAsItWas() throws Exception {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        try (Connection shared = database.dataSource().getConnection()) {
            try (Statement statement = shared.createStatement()) {
                statement.execute("SET lock_timeout = '7s'");
            }
            DataSource one = new SingleConnectionDataSource(shared);
            Migrator.builder(TestRegistry.builder().migration(1).up("CREATE TABLE a (id INT)").build())
                    .dataSource(one).lockTimeout(Duration.ofSeconds(2)).build().migrate();

            try (Statement statement = shared.createStatement(); ResultSet setting = statement.executeQuery(
                    "SHOW lock_timeout")) {
                setting.next();
                assertEquals("7s", setting.getString(1));
            }
        }
    }

    /** Hands out one connection whose close() does nothing, as a pool of one does. */
    private static final class SingleConnectionDataSource implements DataSource {
        private final Connection connection;

        SingleConnectionDataSource(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Connection getConnection() {
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> method.getName().equals("close") ? null
                            : invoke(method, args));
        }

        private Object invoke(java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(connection, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public Connection getConnection(String user, String password) {
            return getConnection();
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getLogger("test");
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            return null;
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
