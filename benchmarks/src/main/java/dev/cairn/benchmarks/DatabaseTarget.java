package dev.cairn.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where a contender migrates: a SQLite file or a database on a PostgreSQL server. Each named
 * database belongs to one contender and one workload, and can be reset to empty between runs.
 *
 * <pre>{@code
 * DatabaseTarget sqlite = DatabaseTarget.sqlite(Path.of("target/bench/db"));
 * String url = sqlite.reset("b2_cairn_100");  // an empty database
 * }</pre>
 */
public sealed interface DatabaseTarget permits DatabaseTarget.Sqlite, DatabaseTarget.Postgres,
        DatabaseTarget.MariaDb {

    /** SQLite files in {@code directory}. */
    static DatabaseTarget sqlite(Path directory) {
        return new Sqlite(directory);
    }

    /** Databases on the PostgreSQL server at {@code host:port}, as a superuser without password. */
    static DatabaseTarget postgres(String hostAndPort, String user) {
        return new Postgres(hostAndPort, user);
    }

    /** Databases on the MariaDB server at {@code host:port}, as root without password. */
    static DatabaseTarget mariadb(String hostAndPort, String user) {
        return new MariaDb(hostAndPort, user);
    }

    /** "SQLite", "PostgreSQL" or "MariaDB", for the tables. */
    String label();

    /** The user name the programs pass to the data source; empty for SQLite. */
    String user();

    /** Drops database {@code name} if it exists, creates it empty, and returns its JDBC URL. */
    String reset(String name);

    /** SQLite: one file per database; resetting deletes it and its journal files. */
    record Sqlite(Path directory) implements DatabaseTarget {
        @Override
        public String label() {
            return "SQLite";
        }

        @Override
        public String user() {
            return "";
        }

        @Override
        public String reset(String name) {
            try {
                Files.createDirectories(directory);
                for (String suffix : new String[] {"", "-journal", "-wal", "-shm", ".cairn-lock"}) {
                    Files.deleteIfExists(directory.resolve(name + ".db" + suffix));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot reset SQLite database " + name + " in " + directory, e);
            }
            return "jdbc:sqlite:" + directory.toAbsolutePath().resolve(name + ".db");
        }
    }

    /** PostgreSQL: one database per name on a throwaway server started by run.sh. */
    record Postgres(String hostAndPort, String user) implements DatabaseTarget {
        @Override
        public String label() {
            return "PostgreSQL";
        }

        @Override
        public String reset(String name) {
            if (!name.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("Unsafe database name " + name);
            }
            String admin = "jdbc:postgresql://" + hostAndPort + "/postgres";
            try (Connection connection = DriverManager.getConnection(admin, user, "");
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                statement.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot reset PostgreSQL database " + name + " at "
                        + hostAndPort + ": " + e.getMessage(), e);
            }
            return "jdbc:postgresql://" + hostAndPort + "/" + name;
        }
    }

    /** MariaDB: one database per name on a throwaway server started by run.sh. */
    record MariaDb(String hostAndPort, String user) implements DatabaseTarget {
        @Override
        public String label() {
            return "MariaDB";
        }

        @Override
        public String reset(String name) {
            if (!name.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("Unsafe database name " + name);
            }
            String admin = "jdbc:mariadb://" + hostAndPort + "/";
            try (Connection connection = DriverManager.getConnection(admin, user, "");
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name);
                statement.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot reset MariaDB database " + name + " at "
                        + hostAndPort + ": " + e.getMessage(), e);
            }
            return "jdbc:mariadb://" + hostAndPort + "/" + name;
        }
    }
}
