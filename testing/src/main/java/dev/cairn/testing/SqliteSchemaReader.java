package dev.cairn.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * SQLite: {@code sqlite_schema} for what exists, the {@code PRAGMA} tables for columns, keys and
 * index columns. SQLite's own objects ({@code sqlite_%}, such as {@code sqlite_sequence}) are left
 * out: they come and go with AUTOINCREMENT, not with the migrations' intent.
 */
final class SqliteSchemaReader implements SchemaReader {

    /**
     * A table's facts by the text SQLite keeps for it and its indexes: SQLite derives columns, keys
     * and indexes from that text (ALTER TABLE rewrites it), so the same text means the same facts.
     * Reading a schema then costs one query plus the PRAGMAs of the tables that changed, which keeps
     * a round trip over many migrations from reading every table again after each one.
     */
    private final Map<String, List<String>> tableFacts = new HashMap<>();

    @Override
    public List<String> read(Connection connection, String historyTable) throws SQLException {
        List<String> facts = new ArrayList<>();
        List<String[]> objects = new ArrayList<>();
        Map<String, StringBuilder> definitions = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_schema "
                        + "ORDER BY type, name")) {
            while (rows.next()) {
                String name = rows.getString(2);
                String table = rows.getString(3);
                // sqlite_autoindex_* have no text: their name stands for them.
                definitions.computeIfAbsent(table, t -> new StringBuilder()).append('\0').append(rows.getString(1))
                        .append(' ').append(name).append(' ').append(rows.getString(4));
                if (!name.startsWith("sqlite_")) {
                    objects.add(new String[] {rows.getString(1), name, table, rows.getString(4)});
                }
            }
        }
        if (tableFacts.size() > 100_000) {
            tableFacts.clear();
        }
        for (String[] object : objects) {
            String type = object[0];
            String name = object[1];
            String table = object[2];
            if (table.equalsIgnoreCase(historyTable)) {
                continue;
            }
            switch (type) {
                case "table":
                    facts.add("table " + name);
                    String key = name + definitions.get(table);
                    List<String> known = tableFacts.get(key);
                    if (known == null) {
                        known = new ArrayList<>();
                        table(connection, name, known);
                        tableFacts.put(key, known);
                    }
                    facts.addAll(known);
                    break;
                case "view":
                    facts.add("view " + name + ": " + SchemaReader.normalise(object[3]));
                    break;
                case "trigger":
                    facts.add("trigger " + name + " on " + table + ": " + SchemaReader.normalise(object[3]));
                    break;
                default:
                    break; // indexes: with their table, where PRAGMA index_list says how they were made
            }
        }
        return facts;
    }

    private static void table(Connection connection, String table, List<String> facts) throws SQLException {
        String prefix = "table " + table + ": ";
        try (PreparedStatement columns = connection.prepareStatement("SELECT name, type, \"notnull\", dflt_value, pk "
                + "FROM pragma_table_info(?) ORDER BY cid")) {
            columns.setString(1, table);
            try (ResultSet rows = columns.executeQuery()) {
                while (rows.next()) {
                    String defaultValue = rows.getString(4);
                    int key = rows.getInt(5);
                    facts.add(prefix + "column " + rows.getString(1) + " " + rows.getString(2).toUpperCase(Locale.ROOT)
                            + (rows.getInt(3) != 0 ? " not null" : " null")
                            + (defaultValue == null ? "" : " default " + defaultValue)
                            + (key == 0 ? "" : " primary key" + (key > 1 ? " part " + key : "")));
                }
            }
        }
        Map<Integer, String[]> foreignKeys = new TreeMap<>();
        try (PreparedStatement keys = connection.prepareStatement("SELECT id, \"table\", \"from\", \"to\", on_update, "
                + "on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq")) {
            keys.setString(1, table);
            try (ResultSet rows = keys.executeQuery()) {
                while (rows.next()) {
                    String[] key = foreignKeys.computeIfAbsent(rows.getInt(1), id -> new String[] {"", "", "", "", ""});
                    key[0] = rows.getString(2);
                    key[1] += (key[1].isEmpty() ? "" : ", ") + rows.getString(3);
                    key[2] += (key[2].isEmpty() ? "" : ", ") + (rows.getString(4) == null ? "(primary key)" : rows.getString(4));
                    key[3] = rows.getString(5);
                    key[4] = rows.getString(6);
                }
            }
        }
        for (String[] key : foreignKeys.values()) {
            facts.add(prefix + "foreign key (" + key[1] + ") references " + key[0] + " (" + key[2] + ") on update "
                    + key[3].toLowerCase(Locale.ROOT) + " on delete " + key[4].toLowerCase(Locale.ROOT));
        }
        List<String[]> indexes = new ArrayList<>();
        try (PreparedStatement list = connection.prepareStatement("SELECT name, \"unique\", origin, partial "
                + "FROM pragma_index_list(?) ORDER BY name")) {
            list.setString(1, table);
            try (ResultSet rows = list.executeQuery()) {
                while (rows.next()) {
                    indexes.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)});
                }
            }
        }
        for (String[] index : indexes) {
            String columns = indexColumns(connection, index[0]);
            switch (index[2]) {
                case "pk":
                    break; // the columns say "primary key"
                case "u":
                    facts.add(prefix + "unique (" + columns + ")");
                    break;
                default:
                    facts.add("index " + index[0] + " on " + table + " (" + columns + ")"
                            + ("1".equals(index[1]) ? " unique" : "")
                            + ("1".equals(index[3]) ? " partial: " + partialSql(connection, index[0]) : ""));
                    break;
            }
        }
    }

    private static String indexColumns(Connection connection, String index) throws SQLException {
        StringBuilder columns = new StringBuilder();
        try (PreparedStatement info = connection.prepareStatement("SELECT name, \"desc\", coll FROM pragma_index_xinfo(?) "
                + "WHERE key = 1 ORDER BY seqno")) {
            info.setString(1, index);
            try (ResultSet rows = info.executeQuery()) {
                while (rows.next()) {
                    columns.append(columns.length() == 0 ? "" : ", ")
                            .append(rows.getString(1) == null ? "<expression>" : rows.getString(1))
                            .append(rows.getInt(2) != 0 ? " desc" : "")
                            .append("BINARY".equalsIgnoreCase(rows.getString(3)) ? "" : " collate " + rows.getString(3));
                }
            }
        }
        return columns.toString();
    }

    private static String partialSql(Connection connection, String index) throws SQLException {
        try (PreparedStatement sql = connection.prepareStatement("SELECT sql FROM sqlite_schema WHERE type = 'index' "
                + "AND name = ?")) {
            sql.setString(1, index);
            try (ResultSet rows = sql.executeQuery()) {
                return rows.next() ? SchemaReader.normalise(rows.getString(1)) : "";
            }
        }
    }
}
