package dev.cairn.runtime.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Reads what is in a database, the same way on SQLite and PostgreSQL, for the checks after a
 * crash or a refused migration: tables, columns, indexes, counts, the history's events, the
 * integrity check, and the user data every test starts with (table {@code users}, see
 * {@link #seedUsers}).
 *
 * <pre>{@code
 * Probe probe = new Probe(dataSource, true);
 * probe.seedUsers(new Random(1));
 * String before = probe.usersChecksum();
 * }</pre>
 */
final class Probe {

    static final int USERS = UserData.USERS;

    private final DataSource dataSource;
    private final boolean sqlite;

    Probe(DataSource dataSource, boolean sqlite) {
        this.dataSource = dataSource;
        this.sqlite = sqlite;
    }

    boolean sqlite() {
        return sqlite;
    }

    /** Creates table {@code users} with {@value UserData#USERS} rows of random balances. */
    void seedUsers(java.util.Random random) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                        + "balance INTEGER NOT NULL)");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO users (id, name, balance) VALUES (?, ?, ?)")) {
                for (int id = 1; id <= USERS; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, "user-" + id);
                    insert.setInt(3, random.nextInt(1_000_000));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    /** The user data's row count and CRC32 of its original columns, e.g. {@code 2000:1a2b3c4d}. */
    String usersChecksum() throws SQLException {
        CRC32 crc = new CRC32();
        long rows = 0;
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT id, name, balance FROM users ORDER BY id")) {
            while (result.next()) {
                rows++;
                crc.update((result.getLong(1) + "|" + result.getString(2) + "|" + result.getLong(3) + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return rows + ":" + Long.toHexString(crc.getValue());
    }

    /** The SQL naming the schema Cairn migrates: PostgreSQL's current schema, MariaDB's current database. */
    private String currentSchema() throws SQLException {
        String product = product();
        return "PostgreSQL".equals(product) ? "current_schema()" : "H2".equals(product) ? "CURRENT_SCHEMA"
                : "DATABASE()";
    }

    private String product() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        }
    }

    /** An unquoted name as the catalog has it: H2 folds it to upper case. */
    private String catalogName(String name) throws SQLException {
        return "'" + ("H2".equals(product()) ? name.toUpperCase(java.util.Locale.ROOT) : name) + "'";
    }

    boolean tableExists(String table) throws SQLException {
        return count(sqlite
                ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'"
                : "SELECT count(*) FROM information_schema.tables WHERE table_schema = " + currentSchema() + " "
                        + "AND table_name = " + catalogName(table)) > 0;
    }

    boolean columnExists(String table, String column) throws SQLException {
        return count(sqlite
                ? "SELECT count(*) FROM pragma_table_info('" + table + "') WHERE name = '" + column + "'"
                : "SELECT count(*) FROM information_schema.columns WHERE table_schema = " + currentSchema() + " "
                        + "AND table_name = " + catalogName(table) + " AND column_name = " + catalogName(column)) > 0;
    }

    boolean indexExists(String index) throws SQLException {
        return count(sqlite
                ? "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '" + index + "'"
                : currentSchema().equals("DATABASE()")
                ? "SELECT count(*) FROM information_schema.statistics WHERE table_schema = DATABASE() "
                        + "AND index_name = '" + index + "'"
                : "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = '"
                        + index + "'") > 0;
    }

    long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Every history row as {@code version:event}, in order; empty when there is no history table. */
    List<String> history(String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        if (!tableExists(table)) {
            return rows;
        }
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT version, event FROM " + table + " ORDER BY installed_rank")) {
            while (result.next()) {
                rows.add(result.getLong(1) + ":" + result.getString(2));
            }
        }
        return rows;
    }

    /** Every row of a query, its columns joined with {@code |}. */
    List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= columns; column++) {
                    row.append(column > 1 ? "|" : "").append(result.getString(column));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** {@code PRAGMA integrity_check}'s rows: {@code [ok]} for a sound SQLite file. */
    List<String> integrityCheck() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    /** The advisory locks held in the current PostgreSQL database. */
    long advisoryLocks() throws SQLException {
        return count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                + "(SELECT oid FROM pg_database WHERE datname = current_database())");
    }
}
