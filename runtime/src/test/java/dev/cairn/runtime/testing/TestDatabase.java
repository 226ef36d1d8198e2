package dev.cairn.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.sqlite.SQLiteDataSource;

/**
 * A real database for one test: a SQLite file, a SQLite in-memory database, a fresh PostgreSQL
 * database, a fresh MariaDB database (through the MariaDB driver, or MySQL's Connector/J), or an
 * embedded H2 database in memory.
 * Parametrize tests over {@link Kind} to run them on each.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @EnumSource(TestDatabase.Kind.class)
 * void appliesMigrations(TestDatabase.Kind kind) throws Exception {
 *     try (TestDatabase database = kind.open()) { ... database.dataSource() ... }
 * }
 * }</pre>
 */
public final class TestDatabase implements AutoCloseable {

    /** Which database. */
    public enum Kind {
        SQLITE_FILE,
        SQLITE_MEMORY,
        POSTGRES,
        /** MariaDB through MariaDB Connector/J ({@code jdbc:mariadb:}). */
        MARIADB,
        /** The same MariaDB server through MySQL Connector/J ({@code jdbc:mysql:}). */
        MARIADB_MYSQL_DRIVER,
        /** An embedded, named H2 in-memory database ({@code jdbc:h2:mem:}), kept until the test closes it. */
        H2;

        /**
         * Opens a fresh database of this kind (skips or fails for PostgreSQL and MariaDB, see
         * {@link PostgresServer} and {@link MariaDbServer}).
         */
        public TestDatabase open() throws Exception {
            switch (this) {
                case SQLITE_FILE: {
                    Path directory = Files.createTempDirectory("cairn-sqlite-");
                    Path file = directory.resolve("test.db");
                    SQLiteDataSource dataSource = new SQLiteDataSource();
                    dataSource.setUrl("jdbc:sqlite:" + file);
                    return new TestDatabase(this, dataSource, "jdbc:sqlite:" + file, file, null);
                }
                case SQLITE_MEMORY: {
                    // An in-memory database lives as long as its one connection; share it, never close it early.
                    Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
                    return new TestDatabase(this, singleConnection(connection), "jdbc:sqlite::memory:", null,
                            connection);
                }
                case MARIADB:
                case MARIADB_MYSQL_DRIVER: {
                    MariaDbServer.Driver driver = this == MARIADB ? MariaDbServer.Driver.MARIADB
                            : MariaDbServer.Driver.MYSQL;
                    MariaDbServer.Database database = MariaDbServer.shared().createDatabase();
                    return new TestDatabase(this, database.dataSource(driver), database.jdbcUrl(driver), null, null);
                }
                case H2: {
                    String url = "jdbc:h2:mem:cairn-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
                    org.h2.jdbcx.JdbcDataSource dataSource = new org.h2.jdbcx.JdbcDataSource();
                    dataSource.setURL(url);
                    return new TestDatabase(this, dataSource, url, null, null);
                }
                default: {
                    PostgresServer.Database database = PostgresServer.shared().createDatabase();
                    return new TestDatabase(this, database.dataSource(), database.jdbcUrl(), null, null);
                }
            }
        }
    }

    /**
     * A database on an H2 server ({@code jdbc:h2:tcp://...}), to read what the processes migrating
     * through it did; not to be closed (the server's owner ends it).
     */
    public static TestDatabase onH2Server(String url) {
        org.h2.jdbcx.JdbcDataSource dataSource = new org.h2.jdbcx.JdbcDataSource();
        dataSource.setURL(url);
        return new TestDatabase(Kind.H2, dataSource, url, null, null);
    }

    private final Kind kind;
    private final DataSource dataSource;
    private final String jdbcUrl;
    private final Path file;
    private final Connection keptOpen;

    private TestDatabase(Kind kind, DataSource dataSource, String jdbcUrl, Path file, Connection keptOpen) {
        this.kind = kind;
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrl;
        this.file = file;
        this.keptOpen = keptOpen;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isSqlite() {
        return kind == Kind.SQLITE_FILE || kind == Kind.SQLITE_MEMORY;
    }

    public boolean isPostgres() {
        return kind == Kind.POSTGRES;
    }

    /** MariaDB, through either driver: DDL commits implicitly there. */
    public boolean isMariaDb() {
        return kind == Kind.MARIADB || kind == Kind.MARIADB_MYSQL_DRIVER;
    }

    /** H2, whose DDL commits implicitly too, and whose unquoted names are upper case in the catalog. */
    public boolean isH2() {
        return kind == Kind.H2;
    }

    /** The name Cairn's messages give the database, e.g. "MariaDB" (through either driver) or "H2". */
    public String dialectName() {
        switch (kind) {
            case POSTGRES: return "PostgreSQL";
            case MARIADB: case MARIADB_MYSQL_DRIVER: return "MariaDB";
            case H2: return "H2";
            default: return "SQLite";
        }
    }

    /** Whether DDL commits the open transaction implicitly (MariaDB and H2). */
    public boolean commitsDdlImplicitly() {
        return isMariaDb() || isH2();
    }

    /**
     * The history table {@code table} as Cairn names it in messages: with the schema where the
     * database has them ({@code public.} on PostgreSQL, the database on MariaDB).
     */
    public String qualifiedName(String table) throws SQLException {
        if (isPostgres()) {
            return "public." + table;
        }
        if (isMariaDb()) {
            return column("SELECT DATABASE()").get(0) + "." + table;
        }
        if (isH2()) {
            return "PUBLIC." + table;
        }
        return table;
    }

    /** The SQL literal of a boolean in this database ({@code 1}/{@code 0} in SQLite). */
    public String booleanLiteral(boolean value) {
        return isSqlite() ? (value ? "1" : "0") : Boolean.toString(value);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** A URL for {@code Migrator.Builder.jdbcUrl} or other processes (not for the in-memory kind). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The SQLite file, or null. */
    public Path file() {
        return file;
    }

    /** Runs a query and returns the first column of every row as strings. */
    public List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** Runs a query returning one number. */
    public long count(String sql) throws SQLException {
        return Long.parseLong(column(sql).get(0));
    }

    /** Whether a table exists. */
    public boolean tableExists(String table) throws SQLException {
        String sql = isSqlite()
                ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'"
                : isH2() ? "SELECT count(*) FROM information_schema.tables WHERE upper(table_name) = upper('" + table
                        + "') AND table_schema = CURRENT_SCHEMA"
                : "SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table + "'"
                        + (isMariaDb() ? " AND table_schema = DATABASE()" : "");
        return count(sql) > 0;
    }

    /** Runs a statement. */
    public void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        if (isH2()) {
            execute("SHUTDOWN"); // DB_CLOSE_DELAY=-1 keeps it otherwise, for the rest of the JVM
        }
        if (keptOpen != null) {
            keptOpen.close();
        }
        if (file != null) {
            try (var files = Files.walk(file.getParent())) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A DataSource handing out the one connection, whose close() does nothing. */
    private static DataSource singleConnection(Connection connection) {
        Connection unclosable = (Connection) Proxy.newProxyInstance(TestDatabase.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    if (method.getName().equals("isClosed")) {
                        return connection.isClosed();
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        SQLiteDataSource base = new SQLiteDataSource();
        return (DataSource) Proxy.newProxyInstance(TestDatabase.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection")) {
                        return unclosable;
                    }
                    try {
                        return method.invoke(base, arguments);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
