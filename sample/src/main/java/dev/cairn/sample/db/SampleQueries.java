package dev.cairn.sample.db;

import dev.cairn.runtime.MigrationContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC helpers the bookshop's migrations share. */
final class SampleQueries {
    private SampleQueries() {
    }

    /** Runs a {@code SELECT COUNT(*)}-style query and returns its single number. */
    static long count(MigrationContext context, String sql) throws SQLException {
        try (Statement statement = context.connection().createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Whether the connection is to H2. */
    static boolean isH2(MigrationContext context) throws SQLException {
        return context.connection().getMetaData().getDatabaseProductName().equalsIgnoreCase("H2");
    }

    /** Whether the connection is to MariaDB or MySQL. */
    static boolean isMariaDbOrMySql(MigrationContext context) throws SQLException {
        String product = context.connection().getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
        return product.contains("mariadb") || product.contains("mysql");
    }

    /** Whether the connection is to PostgreSQL (otherwise the sample assumes SQLite). */
    static boolean isPostgres(MigrationContext context) throws SQLException {
        return context.connection().getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                .contains("postgres");
    }
}
