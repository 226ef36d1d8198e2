package com.example.minimal;

import com.example.minimal.db.MigrationRegistry;
import dev.cairn.cli.Cli;
import dev.cairn.runtime.MigrationReport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.sqlite.SQLiteDataSource;

/**
 * {@code java -jar cairn-minimal.jar} runs the application, which migrates its database at
 * startup; {@code java -jar cairn-minimal.jar <command>} is the operator CLI
 * ({@code info}, {@code plan}, {@code rollback --to 1}, {@code backup --dir backups}, {@code --help}).
 * The database file is {@code minimal.db}, or the one named by {@code -Dminimal.db=FILE}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String file = System.getProperty("minimal.db", "minimal.db");
        if (args.length > 0) {
            Cli.builder(MigrationRegistry.INSTANCE)
                    .programName("java -jar cairn-minimal.jar")
                    .defaultJdbcUrl("jdbc:sqlite:" + file)      // used unless --db or --url is given
                    .build()
                    .run(args);                                // exits with the command's status
            return;
        }

        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + file);
        MigrationReport report = MigrationRegistry.migrate(dataSource);   // before anything uses the database
        System.out.println(report.wasUpToDate()
                ? "Database " + file + " is up to date."
                : "Applied " + report.applied().size() + " migrations to " + file + ".");

        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet notes = statement.executeQuery("SELECT body FROM notes ORDER BY id")) {
            while (notes.next()) {
                System.out.println("Note: " + notes.getString(1));
            }
        }
    }
}
