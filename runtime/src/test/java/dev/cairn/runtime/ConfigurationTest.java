package dev.cairn.runtime;

import dev.cairn.runtime.internal.JdbcUrls;
import dev.cairn.runtime.testing.TestRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteDataSource;

/** Builder checks, unsupported databases and credentials kept out of messages. */
class ConfigurationTest {

    private static final Registry REGISTRY = TestRegistry.builder().migration(1).build();

    @ParameterizedTest
    @ValueSource(strings = {"", "schema history", "history; DROP TABLE users", "\"quoted\"", "1history",
            "public.history", "a_name_that_is_far_too_long_for_postgres_identifiers_to_hold_at_all"})
    void historyTableMustBeAPlainIdentifier(String name) {
        InvalidConfigurationException failure = assertThrows(InvalidConfigurationException.class,
                () -> Migrator.builder(REGISTRY).jdbcUrl("jdbc:sqlite::memory:").historyTable(name).build());

        assertTrue(failure.getMessage().contains("historyTable \"" + name + "\" is not a plain SQL identifier"),
                failure.getMessage());
    }

    @Test
    void plainHistoryTableNamesAreAccepted() {
        Migrator.builder(REGISTRY).jdbcUrl("jdbc:sqlite::memory:").historyTable("_App_History2").build();
    }

    @Test
    void badOptionsAreNamedWithTheirValue() {
        assertMessage("no database configured", Migrator.builder(REGISTRY));
        assertMessage("lockTimeout PT0S must be a positive duration",
                Migrator.builder(REGISTRY).jdbcUrl("jdbc:sqlite::memory:").lockTimeout(Duration.ZERO));
        assertMessage("backup retention 0 must be at least 1",
                Migrator.builder(REGISTRY).jdbcUrl("jdbc:sqlite::memory:").backup(Path.of("backups"), 0));
        assertMessage("jdbcUrl \"sqlite:app.db\" does not start with \"jdbc:\"",
                Migrator.builder(REGISTRY).jdbcUrl("sqlite:app.db"));
        assertMessage("installedBy \" \" must be 1 to 100 characters",
                Migrator.builder(REGISTRY).jdbcUrl("jdbc:sqlite::memory:").installedBy(" "));
    }

    private static void assertMessage(String expected, Migrator.Builder builder) {
        InvalidConfigurationException failure = assertThrows(InvalidConfigurationException.class, builder::build);
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }

    @Test
    void unsupportedDatabaseIsNamedInTheError() {
        // No driver of an unsupported database is on the test class path: a real SQLite database
        // whose driver reports another product name stands in for one.
        Migrator migrator = Migrator.builder(REGISTRY).dataSource(reportingProduct("Apache Derby")).build();

        UnsupportedDatabaseException failure = assertThrows(UnsupportedDatabaseException.class, migrator::migrate);

        assertEquals("Apache Derby", failure.productName());
        assertTrue(failure.getMessage().contains("Cairn does not support the database \"Apache Derby\""),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("Supported databases are SQLite (org.xerial:sqlite-jdbc), PostgreSQL "
                + "(org.postgresql:postgresql), MariaDB 10.6+ and MySQL 8.0+ (org.mariadb.jdbc:mariadb-java-client "
                + "or com.mysql:mysql-connector-j), and H2 2.x (com.h2database:h2)"), failure.getMessage());
    }

    /** An in-memory SQLite database whose metadata names {@code product} as the database. */
    private static DataSource reportingProduct(String product) {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite::memory:");
        return (DataSource) Proxy.newProxyInstance(ConfigurationTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    Object result = invoke(sqlite, method, arguments);
                    return result instanceof Connection ? reporting((Connection) result, product) : result;
                });
    }

    private static Connection reporting(Connection connection, String product) {
        return (Connection) Proxy.newProxyInstance(ConfigurationTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                    Object result = invoke(connection, method, arguments);
                    if (!(result instanceof DatabaseMetaData)) {
                        return result;
                    }
                    DatabaseMetaData metaData = (DatabaseMetaData) result;
                    return Proxy.newProxyInstance(ConfigurationTest.class.getClassLoader(),
                            new Class<?>[] {DatabaseMetaData.class}, (p, m, a) -> m.getName().equals(
                                    "getDatabaseProductName") ? product : invoke(metaData, m, a));
                });
    }

    private static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void credentialsNeverAppearInMessages() {
        String secret = "hunter2";
        String[] urls = {
            "jdbc:postgresql://127.0.0.1:1/app?user=bob&password=" + secret,
            "jdbc:postgresql://bob:" + secret + "@127.0.0.1:1/app",
            "jdbc:postgresql://127.0.0.1:1/app;password=" + secret,
        };
        for (String url : urls) {
            Migrator migrator = Migrator.builder(REGISTRY).jdbcUrl(url).build();
            CairnException failure = assertThrows(CairnException.class, migrator::migrate);
            assertFalse(failure.getMessage().contains(secret), failure.getMessage());
            assertFalse(migrator.toString().contains(secret), migrator.toString());
        }
        Migrator withPassword = Migrator.builder(REGISTRY)
                .jdbcUrl("jdbc:postgresql://127.0.0.1:1/app", "bob", secret).build();
        CairnException failure = assertThrows(CairnException.class, withPassword::migrate);
        assertFalse(failure.getMessage().contains(secret), failure.getMessage());
        assertTrue(failure.getMessage().contains("Cairn could not connect to jdbc:postgresql://127.0.0.1:1/app"),
                failure.getMessage());
    }

    @Test
    void aDataSourceThatReturnsNoConnectionIsNamed() {
        // The SQLite driver answers null, not an exception, for a URL that is not its own; the
        // DataSource passes that null on (issue 12: an NPE about getAutoCommit was all one saw).
        org.sqlite.SQLiteDataSource dataSource = new org.sqlite.SQLiteDataSource();
        dataSource.setUrl("garbage");
        Migrator migrator = Migrator.builder(REGISTRY).dataSource(dataSource).build();

        for (org.junit.jupiter.api.function.Executable operation : new org.junit.jupiter.api.function.Executable[] {
                migrator::migrate, migrator::info, migrator::validate}) {
            CairnException failure = assertThrows(CairnException.class, operation);
            assertTrue(failure.getMessage().contains("returned no connection"), failure.getMessage());
            assertTrue(failure.getMessage().contains("SQLiteDataSource"), failure.getMessage());
        }
    }

    @Test
    void driverMessagesEndingInAFullStopMakeOneSentence() {
        // PostgreSQL's driver ends its messages with a full stop; Cairn's sentence around it must not
        // add a second one (issue 12 §5: messages ending "..").
        Migrator migrator = Migrator.builder(REGISTRY).jdbcUrl("jdbc:postgresql://127.0.0.1:1/app", "bob", "pw").build();

        CairnException failure = assertThrows(CairnException.class, migrator::migrate);

        assertTrue(failure.getMessage().contains("Connection to 127.0.0.1:1 refused"), failure.getMessage());
        assertFalse(failure.getMessage().contains(".."), failure.getMessage());
    }

    @Test
    void urlSanitizerHidesUserInfoAndSecretParameters() {
        assertEquals("jdbc:postgresql://***@db:5432/app?ssl=true&password=***",
                JdbcUrls.sanitize("jdbc:postgresql://me:pw@db:5432/app?ssl=true&password=pw"));
        assertEquals("jdbc:sqlite:app.db", JdbcUrls.sanitize("jdbc:sqlite:app.db"));
    }
}
