package dev.cairn.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * MariaDB and MySQL: {@code information_schema} of the connection's current database. Uniqueness
 * is read from the indexes that carry it (a UNIQUE constraint is an index there), and the database's
 * name is taken out of view definitions, so that two databases built alike read alike.
 */
final class MariaDbSchemaReader implements SchemaReader {

    @Override
    public List<String> read(Connection connection, String historyTable) throws SQLException {
        List<String> facts = new java.util.ArrayList<>();
        String database = single(connection);
        query(connection, "SELECT table_name, column_name, column_type, is_nullable, column_default, extra "
                + "FROM information_schema.columns WHERE table_schema = ? AND table_name <> ? "
                + "AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = ? "
                + "AND table_type = 'BASE TABLE') ORDER BY table_name, ordinal_position", database, historyTable,
                row -> {
                    facts.add("table " + row.getString(1));
                    String defaultValue = row.getString(5);
                    String extra = row.getString(6);
                    facts.add("table " + row.getString(1) + ": column " + row.getString(2) + " " + row.getString(3)
                            + ("NO".equals(row.getString(4)) ? " not null" : " null")
                            + (defaultValue == null || "NULL".equals(defaultValue) ? "" : " default " + defaultValue)
                            + (extra == null || extra.isBlank() ? "" : " " + extra.toLowerCase(java.util.Locale.ROOT)));
                });
        query(connection, "SELECT k.table_name, GROUP_CONCAT(k.column_name ORDER BY k.ordinal_position SEPARATOR ', ') "
                + "FROM information_schema.key_column_usage k WHERE k.table_schema = ? AND k.table_name <> ? "
                + "AND k.constraint_name = 'PRIMARY' AND ? IS NOT NULL GROUP BY k.table_name", database, historyTable,
                row -> facts.add("table " + row.getString(1) + ": primary key (" + row.getString(2) + ")"));
        query(connection, "SELECT k.table_name, GROUP_CONCAT(k.column_name ORDER BY k.ordinal_position SEPARATOR ', '), "
                + "k.referenced_table_name, GROUP_CONCAT(k.referenced_column_name ORDER BY k.ordinal_position SEPARATOR ', '), "
                + "MAX(r.update_rule), MAX(r.delete_rule) FROM information_schema.key_column_usage k "
                + "JOIN information_schema.referential_constraints r ON r.constraint_schema = k.constraint_schema "
                + "AND r.constraint_name = k.constraint_name AND r.table_name = k.table_name "
                + "WHERE k.table_schema = ? AND k.table_name <> ? AND k.referenced_table_name IS NOT NULL AND ? IS NOT NULL "
                + "GROUP BY k.table_name, k.constraint_name, k.referenced_table_name", database, historyTable,
                row -> facts.add("table " + row.getString(1) + ": foreign key (" + row.getString(2) + ") references "
                        + row.getString(3) + " (" + row.getString(4) + ") on update "
                        + row.getString(5).toLowerCase(java.util.Locale.ROOT) + " on delete "
                        + row.getString(6).toLowerCase(java.util.Locale.ROOT)));
        query(connection, "SELECT index_name, table_name, MIN(non_unique), "
                + "GROUP_CONCAT(CONCAT(column_name, IF(collation = 'D', ' desc', '')) ORDER BY seq_in_index SEPARATOR ', ') "
                + "FROM information_schema.statistics WHERE table_schema = ? AND table_name <> ? "
                + "AND index_name <> 'PRIMARY' AND ? IS NOT NULL GROUP BY table_name, index_name", database, historyTable,
                row -> facts.add("index " + row.getString(1) + " on " + row.getString(2) + " (" + row.getString(4) + ")"
                        + (row.getInt(3) == 0 ? " unique" : "")));
        String qualifier = "`" + database.replace("`", "``") + "`.";
        query(connection, "SELECT table_name, view_definition FROM information_schema.views WHERE table_schema = ? "
                + "AND table_name <> ? AND ? IS NOT NULL", database, historyTable,
                row -> facts.add("view " + row.getString(1) + ": "
                        + SchemaReader.normalise(row.getString(2).replace(qualifier, ""))));
        query(connection, "SELECT trigger_name, event_object_table, action_timing, event_manipulation, action_statement "
                + "FROM information_schema.triggers WHERE trigger_schema = ? AND event_object_table <> ? AND ? IS NOT NULL",
                database, historyTable, row -> facts.add("trigger " + row.getString(1) + " on " + row.getString(2) + ": "
                        + row.getString(3) + " " + row.getString(4) + " " + SchemaReader.normalise(row.getString(5))));
        query(connection, "SELECT routine_name, routine_type, routine_definition FROM information_schema.routines "
                + "WHERE routine_schema = ? AND ? IS NOT NULL AND ? IS NOT NULL", database, historyTable,
                row -> facts.add("function " + row.getString(1) + " (" + row.getString(2).toLowerCase(java.util.Locale.ROOT)
                        + "): definition sha256 " + PostgresSchemaReader.sha256(String.valueOf(row.getString(3)))));
        return facts;
    }

    /** One row's handling. */
    private interface RowHandler {
        void handle(ResultSet row) throws SQLException;
    }

    /** Runs {@code sql} with the database, the history table and the database again as its parameters. */
    private static void query(Connection connection, String sql, String database, String historyTable,
            RowHandler handler) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, database);
            statement.setString(2, historyTable);
            statement.setString(3, database);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    handler.handle(rows);
                }
            }
        }
    }

    private static String single(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT DATABASE()");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }
}
