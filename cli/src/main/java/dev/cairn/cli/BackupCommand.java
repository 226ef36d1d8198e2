package dev.cairn.cli;

import dev.cairn.runtime.SqliteBackups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code backup --dir DIR [--keep N]}: snapshots an SQLite database file with
 * {@link SqliteBackups#backup} ({@code VACUUM INTO}, consistent while the application runs) and
 * deletes the oldest snapshots of that database beyond N. Never creates the database itself.
 */
final class BackupCommand implements Command {

    @Override
    public int run(Invocation invocation) throws Exception {
        Path file = SqliteFileCommands.databaseFile(invocation);
        Path directory = invocation.path(SqliteFileCommands.required(invocation, "--dir", "DIR, the folder for "
                + "the snapshots"));
        int keep = Integer.MAX_VALUE;
        if (invocation.arguments().value("--keep").isPresent()) {
            String text = invocation.arguments().value("--keep").get();
            try {
                keep = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                keep = 0;
            }
            if (keep < 1) {
                throw new UsageException("--keep expects how many snapshots to keep, a whole number of at least 1, "
                        + "not '" + text + "'.");
            }
        }
        DatabaseTarget database = invocation.requireDatabase();
        Engine.checkReachable(database);
        if (!Files.isRegularFile(file)) {
            throw new CliFailure("No database at " + file + ": nothing to back up, and nothing was created. Check "
                    + "the path given to --db or --url.");
        }
        List<Path> before = SqliteBackups.list(directory, file);
        Path snapshot;
        try (Connection connection = DriverManager.getConnection(database.url())) {
            snapshot = SqliteBackups.backup(connection, directory, keep);
        }
        invocation.out().println("Backed up " + file + " to " + snapshot + ".");
        List<Path> deleted = new ArrayList<>(before);
        deleted.removeAll(SqliteBackups.list(directory, file));
        if (!deleted.isEmpty()) {
            invocation.out().println("Deleted " + deleted.size() + (deleted.size() == 1 ? " older backup" : " older backups")
                    + ", keeping the newest " + keep + ":");
            for (Path old : deleted) {
                invocation.out().println("  " + old);
            }
        }
        return Cli.EXIT_SUCCESS;
    }
}
