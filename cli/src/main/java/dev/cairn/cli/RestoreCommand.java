package dev.cairn.cli;

import dev.cairn.runtime.SqliteBackups;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code restore --from FILE [--yes]}: replaces an SQLite database file with a snapshot through
 * {@link SqliteBackups#restore}. What it protects against, checked in this order:
 * <ul>
 *   <li>a file that is not an SQLite database (its header is checked);</li>
 *   <li>a Cairn migration running on the database: it holds the migration lock
 *       ({@code <database>.cairn-lock}, an operating-system lock), which restore takes itself for
 *       the swap, so no migration can start during it either;</li>
 *   <li>another connection with a transaction open ({@code BEGIN EXCLUSIVE} without waiting
 *       fails), or the database held open in WAL mode (its {@code -wal} file outlives our own
 *       connection).</li>
 * </ul>
 * It cannot see an idle connection to a database in rollback-journal mode: stop the application
 * first. The replaced database is not kept; run {@code backup} before.
 */
final class RestoreCommand implements Command {
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    @Override
    public int run(Invocation invocation) throws Exception {
        Path file = SqliteFileCommands.databaseFile(invocation);
        Path backup = invocation.path(SqliteFileCommands.required(invocation, "--from", "FILE, the snapshot to "
                + "restore ('backups --dir DIR' lists them)")).toAbsolutePath().normalize();
        if (backup.equals(file.normalize())) {
            throw new UsageException("--from names the database itself; give a snapshot written by 'backup'.");
        }
        DatabaseTarget database = invocation.requireDatabase();
        Engine.checkReachable(database);
        if (!Files.isRegularFile(backup)) {
            throw new CliFailure("No backup file at " + backup + ": nothing was restored. 'backups --dir DIR' lists "
                    + "the snapshots of " + file + ".");
        }
        if (!isSqliteDatabase(backup)) {
            throw new CliFailure(backup + " is not an SQLite database (its header is not 'SQLite format 3'): nothing "
                    + "was restored. Give a snapshot written by 'backup'.");
        }
        if (!invocation.arguments().has("--yes") && invocation.terminal().interactive()) {
            String answer = invocation.terminal().ask("Replace " + file + " with " + backup + "? Everything written "
                    + "to the database since that backup is lost. [y/N] ");
            if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                invocation.out().println("Cancelled: nothing was restored.");
                return Cli.EXIT_FAILURE;
            }
        }
        Path lockFile = Paths.get(file + ".cairn-lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(channel)) {
            if (lock == null) {
                throw new CliFailure("A Cairn process is migrating " + file + " (it holds " + lockFile + "): nothing "
                        + "was restored. Let it finish, stop the application, then restore.");
            }
            if (Files.exists(file)) {
                requireUnused(database, file);
            }
            SqliteBackups.restore(backup, file);
        }
        invocation.out().println("Restored " + file + " from " + backup + ".");
        invocation.out().println("Run 'info' to see which migrations it has; 'migrate' applies the rest.");
        return Cli.EXIT_SUCCESS;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // A migration of this JVM holds it.
            return null;
        }
    }

    private static void requireUnused(DatabaseTarget database, Path file) throws SQLException {
        String inUse = file + " is in use: another connection has a transaction open on it, or holds it open in WAL "
                + "mode. Nothing was restored. Stop every process that uses the database, then restore.";
        try (Connection connection = DriverManager.getConnection(database.url());
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 0");
            statement.execute("BEGIN EXCLUSIVE");
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("SQLITE_BUSY") || String.valueOf(e.getMessage()).contains("locked")) {
                throw new CliFailure(inUse);
            }
            throw e;
        }
        // The last connection to close removes the WAL file; ours was not the last.
        if (Files.exists(Paths.get(file + "-wal"))) {
            throw new CliFailure(inUse);
        }
    }

    private static boolean isSqliteDatabase(Path file) throws IOException {
        byte[] header = new byte[SQLITE_HEADER.length];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(header, 0, header.length) == header.length && Arrays.equals(header, SQLITE_HEADER);
        }
    }
}
