package dev.cairn.runtime.reliability;

import dev.cairn.runtime.SqliteBackups;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Takes one snapshot with {@link SqliteBackups#backup}, for the test that kills a backup half-way:
 * {@code java BackupChildMain <database file> <backup directory>}. Prints {@code BACKING UP} just
 * before {@code VACUUM INTO} starts and {@code BACKED UP} when it returns.
 */
public final class BackupChildMain {

    private BackupChildMain() {
    }

    public static void main(String[] arguments) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + arguments[0])) {
            System.out.println("BACKING UP");
            System.out.flush();
            SqliteBackups.backup(connection, Path.of(arguments[1]), 3);
            System.out.println("BACKED UP");
        }
    }
}
