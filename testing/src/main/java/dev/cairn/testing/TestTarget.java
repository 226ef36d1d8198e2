package dev.cairn.testing;

import dev.cairn.runtime.DriverManagerDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Where a {@link MigrationTester} works, and how to make another fresh one of the same kind (for
 * a reference schema): a temporary SQLite file, a fresh schema on a PostgreSQL server, or a
 * DataSource the caller owns.
 */
abstract class TestTarget implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    abstract DataSource dataSource();

    /** The schema for the history table, or null for the database's default. */
    String historySchema() {
        return null;
    }

    /** A new, empty target of the same kind. */
    abstract TestTarget fresh() throws SQLException;

    @Override
    public abstract void close() throws SQLException;

    static TestTarget sqlite() throws SQLException {
        try {
            Path directory = Files.createTempDirectory("cairn-test-");
            return new SqliteFile(directory);
        } catch (IOException e) {
            throw new SQLException("Could not create a temporary folder for the test's SQLite database: " + e, e);
        }
    }

    static TestTarget postgresSchema(String url, String user, String password) throws SQLException {
        return new PostgresSchema(url, user, password);
    }

    static TestTarget given(DataSource dataSource) {
        return new Given(dataSource);
    }

    /** A temporary SQLite file, deleted with its folder at the end. */
    private static final class SqliteFile extends TestTarget {
        private final Path directory;
        private final DataSource dataSource;

        SqliteFile(Path directory) {
            this.directory = directory;
            this.dataSource = new DriverManagerDataSource("jdbc:sqlite:" + directory.resolve("test.db"), null, null);
        }

        @Override
        DataSource dataSource() {
            return dataSource;
        }

        @Override
        TestTarget fresh() throws SQLException {
            return sqlite();
        }

        @Override
        public void close() throws SQLException {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new SQLException("Could not delete the test database in " + directory + ": " + e, e);
            }
        }

        @Override
        public String toString() {
            return "a temporary SQLite file in " + directory;
        }
    }

    /**
     * A schema of its own on a PostgreSQL database, dropped with everything in it at the end: as
     * fresh as a new database, without the rights to create one. Connections work in it through
     * the driver's {@code currentSchema}.
     */
    private static final class PostgresSchema extends TestTarget {
        private final String url;
        private final String user;
        private final String password;
        private final String schema;
        private final DataSource dataSource;

        PostgresSchema(String url, String user, String password) throws SQLException {
            this.url = url;
            this.user = user;
            this.password = password;
            this.schema = "cairn_test_" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE).toLowerCase(Locale.ROOT);
            try (Connection connection = new DriverManagerDataSource(url, user, password).getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            }
            this.dataSource = new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema="
                    + schema, user, password);
        }

        @Override
        DataSource dataSource() {
            return dataSource;
        }

        @Override
        String historySchema() {
            return schema;
        }

        @Override
        TestTarget fresh() throws SQLException {
            return new PostgresSchema(url, user, password);
        }

        @Override
        public void close() throws SQLException {
            try (Connection connection = new DriverManagerDataSource(url, user, password).getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }

        @Override
        public String toString() {
            return "schema " + schema + " of " + url.replaceAll("\\?.*", "");
        }
    }

    /** The caller's own database: used as it is, never cleaned. */
    private static final class Given extends TestTarget {
        private final DataSource dataSource;

        Given(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        DataSource dataSource() {
            return dataSource;
        }

        @Override
        TestTarget fresh() {
            throw new IllegalStateException("A MigrationTester on a DataSource you passed cannot make a second, fresh "
                    + "database for the reference schema: use MigrationTester.sqlite(...) or postgres(...), which can.");
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "the DataSource " + dataSource.getClass().getName();
        }
    }
}
