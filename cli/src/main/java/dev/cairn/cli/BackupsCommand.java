package dev.cairn.cli;

import dev.cairn.runtime.SqliteBackups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code backups --dir DIR}: the snapshots of the SQLite database in DIR, newest first, with their sizes. */
final class BackupsCommand implements Command {

    @Override
    public int run(Invocation invocation) throws Exception {
        Path file = SqliteFileCommands.databaseFile(invocation);
        Path directory = invocation.path(SqliteFileCommands.required(invocation, "--dir", "DIR, the folder given "
                + "to backup --dir"));
        List<Path> backups = SqliteBackups.list(directory, file);
        if (backups.isEmpty()) {
            invocation.out().println("No backups of " + file + " in " + directory + ".");
            return Cli.EXIT_SUCCESS;
        }
        invocation.out().println(backups.size() + (backups.size() == 1 ? " backup" : " backups") + " of " + file
                + " in " + directory + ", newest first:");
        for (Path backup : backups) {
            invocation.out().println("  " + backup + "  " + Files.size(backup) + " bytes");
        }
        return Cli.EXIT_SUCCESS;
    }
}
