package dev.cairn.runtime.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import javax.sql.DataSource;
import org.sqlite.SQLiteDataSource;

/**
 * A {@code flyway_schema_history} table written by hand, as Flyway 11 creates and fills it on
 * SQLite and PostgreSQL (same columns, types and marker rows), so that adoption is tested without
 * Flyway on the class path. Every row is installed on {@link #INSTALLED_ON} (UTC on SQLite).
 *
 * <pre>{@code
 * FlywayHistory.create(database)
 *         .versioned("1", "create books")                  // V1__create_books.sql
 *         .repeatable("shop window");                      // R__shop_window.sql
 * }</pre>
 */
public final class FlywayHistory {

    /** When every row was installed. */
    public static final LocalDateTime INSTALLED_ON = LocalDateTime.of(2024, 3, 1, 12, 0);

    private final DataSource dataSource;
    private final boolean sqlite;
    private int rank;

    private FlywayHistory(DataSource dataSource, boolean sqlite) {
        this.dataSource = dataSource;
        this.sqlite = sqlite;
    }

    /** Creates the table in a test database. */
    public static FlywayHistory create(TestDatabase database) throws SQLException {
        return new FlywayHistory(database.dataSource(), database.isSqlite()).createTable();
    }

    /** Creates the table in an SQLite file given by its JDBC URL. */
    public static FlywayHistory createSqlite(String jdbcUrl) throws SQLException {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl(jdbcUrl);
        return new FlywayHistory(dataSource, true).createTable();
    }

    private FlywayHistory createTable() throws SQLException {
        // Flyway 11's DDL for each database.
        execute(sqlite
                ? "CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), "
                        + "description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, "
                        + "checksum INT, installed_by VARCHAR(100) NOT NULL, installed_on TEXT NOT NULL DEFAULT "
                        + "(strftime('%Y-%m-%d %H:%M:%f','now')), execution_time INT NOT NULL, success BOOLEAN NOT NULL)"
                : "CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL, version VARCHAR(50), "
                        + "description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, "
                        + "checksum INTEGER, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT "
                        + "now(), execution_time INTEGER NOT NULL, success BOOLEAN NOT NULL, "
                        + "CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank))");
        execute("CREATE INDEX flyway_schema_history_s_idx ON flyway_schema_history (success)");
        return this;
    }

    /** Flyway's marker for a schema it created itself (PostgreSQL). */
    public FlywayHistory schemaCreation() throws SQLException {
        return row(null, "<< Flyway Schema Creation >>", "SCHEMA", "\"public\"", null, true);
    }

    /** {@code baselineOnMigrate}/{@code baseline}: Flyway's marker that everything up to {@code version} exists. */
    public FlywayHistory baseline(String version) throws SQLException {
        return row(version, "<< Flyway Baseline >>", "BASELINE", "<< Flyway Baseline >>", null, true);
    }

    /** A SQL migration applied successfully: {@code V<version>__<description>.sql}. */
    public FlywayHistory versioned(String version, String description) throws SQLException {
        return versioned(version, description, true);
    }

    /** A SQL migration, applied or failed. */
    public FlywayHistory versioned(String version, String description, boolean success) throws SQLException {
        return row(version, description, "SQL", "V" + version + "__" + description.replace(' ', '_') + ".sql",
                description.hashCode(), success);
    }

    /** A Java migration, {@code db.migration.V<version>__<description>}: no checksum. */
    public FlywayHistory java(String version, String description) throws SQLException {
        return row(version, description, "JDBC", "db.migration.V" + version + "__" + description.replace(' ', '_'),
                null, true);
    }

    /** A repeatable migration: no version, {@code R__<description>.sql}. */
    public FlywayHistory repeatable(String description) throws SQLException {
        return row(null, description, "SQL", "R__" + description.replace(' ', '_') + ".sql", description.hashCode(),
                true);
    }

    /** Flyway's repair marking an applied migration that disappeared as deleted. */
    public FlywayHistory deleted(String version, String description) throws SQLException {
        return row(version, description, "DELETE", "V" + version + "__" + description.replace(' ', '_') + ".sql",
                null, true);
    }

    private FlywayHistory row(String version, String description, String type, String script, Integer checksum,
            boolean success) throws SQLException {
        rank++;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO flyway_schema_history "
                        + "(installed_rank, version, description, type, script, checksum, installed_by, installed_on, "
                        + "execution_time, success) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setInt(1, rank);
            insert.setString(2, version);
            insert.setString(3, description);
            insert.setString(4, type);
            insert.setString(5, script);
            if (checksum == null) {
                insert.setNull(6, Types.INTEGER);
            } else {
                insert.setInt(6, checksum);
            }
            insert.setString(7, "flyway_deployer");
            if (sqlite) {
                insert.setString(8, INSTALLED_ON.toString().replace('T', ' ') + ":00.000");
            } else {
                insert.setTimestamp(8, Timestamp.valueOf(INSTALLED_ON));
            }
            insert.setInt(9, 17);
            insert.setBoolean(10, success);
            insert.executeUpdate();
        }
        return this;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
