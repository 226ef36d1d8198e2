package dev.cairn.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code backup}, {@code backups} and {@code restore} share: they work on an SQLite database
 * file, and say what to use instead on any other database.
 */
final class SqliteFileCommands {
    private SqliteFileCommands() {
    }

    /** The SQLite database file the command acts on; bad usage for any other database. */
    static Path databaseFile(Invocation invocation) {
        DatabaseTarget database = invocation.requireDatabase();
        Optional<Path> file = database.sqliteFile();
        if (file.isEmpty()) {
            throw new UsageException("'" + invocation.arguments().command().name() + "' works on SQLite database "
                    + "files, and " + database.displayUrl() + " is not one. For PostgreSQL use its own tools: pg_dump "
                    + "(a logical dump, restored with pg_restore or psql), or continuous archiving with point-in-time "
                    + "recovery (PITR) for physical backups; for another database, its own backup tools.");
        }
        return file.get();
    }

    /** A required option's value; bad usage naming the option when it is missing. */
    static String required(Invocation invocation, String option, String what) {
        return invocation.arguments().value(option).orElseThrow(() -> new UsageException(
                "'" + invocation.arguments().command().name() + "' needs " + option + " " + what + "."));
    }
}
