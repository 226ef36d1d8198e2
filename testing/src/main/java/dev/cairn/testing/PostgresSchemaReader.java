package dev.cairn.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL: the catalog of the connection's current schema. Definitions come from the server's
 * own deparsers ({@code format_type}, {@code pg_get_constraintdef}, {@code pg_get_indexdef},
 * {@code pg_get_viewdef}, {@code pg_get_triggerdef}), so they are normalised by PostgreSQL
 * itself; the schema's name is taken out of them, so that two schemas built by the same
 * migrations give the same text.
 */
final class PostgresSchemaReader implements SchemaReader {

    @Override
    public List<String> read(Connection connection, String historyTable) throws SQLException {
        List<String> facts = new ArrayList<>();
        String schema = single(connection, "SELECT current_schema()");
        String qualifier = quoteIfNeeded(schema) + ".";
        // Tables and partitioned tables, with their columns.
        query(connection, "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                + "pg_get_expr(d.adbin, d.adrelid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
                + "WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relname <> ? ORDER BY c.relname, a.attnum",
                schema, historyTable, row -> {
                    facts.add("table " + row.getString(1));
                    String defaultValue = row.getString(5);
                    facts.add("table " + row.getString(1) + ": column " + row.getString(2) + " " + row.getString(3)
                            + (row.getBoolean(4) ? " not null" : " null")
                            + (defaultValue == null ? "" : " default " + unqualified(defaultValue, qualifier)));
                });
        // Primary keys, foreign keys, unique, check and exclusion constraints.
        query(connection, "SELECT c.relname, pg_get_constraintdef(k.oid) FROM pg_constraint k "
                + "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname <> ? AND k.contype <> 'n'", schema, historyTable,
                row -> facts.add("table " + row.getString(1) + ": " + unqualified(row.getString(2), qualifier)));
        // Indexes that no constraint owns (those are listed with their constraint).
        query(connection, "SELECT i.relname, c.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                + "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname <> ? "
                + "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)", schema, historyTable,
                row -> facts.add("index " + row.getString(1) + " on " + row.getString(2) + ": "
                        + unqualified(row.getString(3), qualifier)));
        query(connection, "SELECT c.relname, pg_get_viewdef(c.oid, true), c.relkind FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('v', 'm') "
                + "AND c.relname <> ?", schema, historyTable,
                row -> facts.add(("m".equals(row.getString(3)) ? "materialized view " : "view ") + row.getString(1) + ": "
                        + SchemaReader.normalise(unqualified(row.getString(2), qualifier))));
        query(connection, "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
                + "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND NOT t.tgisinternal AND c.relname <> ?", schema, historyTable,
                row -> facts.add("trigger " + row.getString(1) + " on " + row.getString(2) + ": "
                        + unqualified(row.getString(3), qualifier)));
        // A function as its name and a digest of its definition: a body is too long for one line, and
        // a changed body is what a round trip needs to see.
        query(connection, "SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', "
                + "pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE n.nspname = ? AND p.prokind IN ('f', 'p') AND ? IS NOT NULL", schema, historyTable,
                row -> facts.add("function " + row.getString(1) + ": definition sha256 "
                        + sha256(unqualified(row.getString(2), qualifier))));
        query(connection, "SELECT t.typname, string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) FROM pg_type t "
                + "JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid "
                + "WHERE n.nspname = ? AND ? IS NOT NULL GROUP BY t.typname", schema, historyTable,
                row -> facts.add("enum " + row.getString(1) + ": " + row.getString(2)));
        return facts;
    }

    /** One row's handling. */
    private interface RowHandler {
        void handle(ResultSet row) throws SQLException;
    }

    private static void query(Connection connection, String sql, String schema, String historyTable, RowHandler handler)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            statement.setString(2, historyTable);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    handler.handle(rows);
                }
            }
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String unqualified(String definition, String qualifier) {
        return definition == null ? "" : definition.replace(qualifier, "");
    }

    static String sha256(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String quoteIfNeeded(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_$]*") ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
