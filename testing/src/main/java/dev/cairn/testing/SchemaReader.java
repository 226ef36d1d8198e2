package dev.cairn.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** Reads the schema of one database product as the facts of a {@link SchemaSnapshot}. */
interface SchemaReader {

    /**
     * The facts of the schema the connection works in, without the history table.
     *
     * @param historyTable the name of Cairn's history table, left out with its indexes
     */
    List<String> read(Connection connection, String historyTable) throws SQLException;

    /** The reader for the connection's database. */
    static SchemaReader of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String lower = product.toLowerCase(Locale.ROOT);
        if (lower.contains("sqlite")) {
            return new SqliteSchemaReader();
        }
        if (lower.contains("postgres")) {
            return new PostgresSchemaReader();
        }
        if (lower.contains("mariadb") || lower.contains("mysql")) {
            return new MariaDbSchemaReader();
        }
        throw new UnsupportedOperationException("Schema snapshots are not available for " + product
                + " yet: they read the catalogs of SQLite, PostgreSQL, MariaDB and MySQL.");
    }

    /** SQL text with its white space collapsed, so that formatting alone makes no difference. */
    static String normalise(String sql) {
        return sql == null ? "" : sql.strip().replaceAll("\\s+", " ").replaceAll("\\s*;\\s*$", "");
    }
}
