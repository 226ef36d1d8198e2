package com.example.shop;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.sqlite.SQLiteDataSource;

/** Migrates at startup, the one-liner way, then prints what the database holds. */
public final class App {
    private App() {
    }

    public static void main(String[] args) throws Exception {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + args[0]);
        System.out.println("report: " + MigrationRegistry.migrate(dataSource));
        for (var migration : MigrationRegistry.INSTANCE.migrations()) {
            System.out.println("registry: " + migration.version() + " " + migration.description()
                    + " dependsOn=" + migration.dependsOn() + " reversible=" + migration.reversible()
                    + " checksum=" + migration.checksum().isPresent());
        }
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT name FROM sqlite_master WHERE type IN ('table', 'index')"
                                + " AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            StringBuilder names = new StringBuilder();
            while (rows.next()) {
                names.append(rows.getString(1)).append(' ');
            }
            System.out.println("objects: " + names.toString().trim());
        }
    }
}
