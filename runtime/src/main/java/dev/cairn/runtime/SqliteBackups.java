package dev.cairn.runtime;

import dev.cairn.runtime.internal.Failures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Snapshots of a SQLite database file, taken with {@code VACUUM INTO} (a consistent copy even
 * while other connections read), named {@code <database file>.<UTC timestamp>.backup} so that
 * they sort by age, and restored by copying one back over the database file. A snapshot is
 * written under a temporary name ending in {@code .partial} and renamed when complete, so a
 * process killed half-way never leaves something that lists as a snapshot (delete such a leftover
 * {@code .partial} file by hand). {@code migrate} takes its snapshot under the migration lock,
 * after reading the history again, and only when it will apply something: the snapshot is the
 * state before that run, never another instance's run half-way.
 *
 * <pre>{@code
 * // automatically, before each migrate that has something to apply:
 * Migrator.builder(registry).jdbcUrl("jdbc:sqlite:app.db").backup(Path.of("backups"), 5).build().migrate();
 *
 * // by hand, with every connection to app.db closed:
 * Path newest = SqliteBackups.list(Path.of("backups"), Path.of("app.db")).get(0);
 * SqliteBackups.restore(newest, Path.of("app.db"));
 * }</pre>
 */
public final class SqliteBackups {

    private static final System.Logger LOG = System.getLogger("dev.cairn");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");
    private static final String SUFFIX = ".backup";
    /** The suffix of a snapshot being written; such files are never listed. */
    private static final String PARTIAL_SUFFIX = ".partial";

    private SqliteBackups() {
    }

    /**
     * Snapshots the main database of {@code connection} into {@code directory} (created if
     * missing) and deletes the oldest snapshots of the same database beyond {@code retain}.
     *
     * @return the snapshot's path
     * @throws CairnException if the database is in memory or the snapshot fails
     */
    public static Path backup(Connection connection, Path directory, int retain) {
        if (retain < 1) {
            throw new IllegalArgumentException("retain " + retain + " must be at least 1");
        }
        Path database = databaseFile(connection);
        if (database == null) {
            throw new CairnException("Cannot back up an in-memory SQLite database: it has no file. Turn backups off "
                    + "for in-memory databases.");
        }
        try {
            Files.createDirectories(directory);
            Path target = freeName(directory, database);
            // Written under a temporary name and renamed when complete: a process killed during VACUUM INTO
            // leaves only a *.partial file, which list() never shows, not a snapshot that opens as an empty
            // or truncated database and sorts as the newest.
            // A fresh name that VACUUM INTO creates itself (it refuses a file with content), with the usual
            // permissions rather than a temporary file's owner-only ones.
            Path partial = directory.resolve(target.getFileName().toString() + "."
                    + UUID.randomUUID().toString().substring(0, 8) + PARTIAL_SUFFIX);
            try {
                try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                    vacuum.setString(1, partial.toString());
                    vacuum.execute();
                }
                try (FileChannel written = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                    written.force(true);
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            forceDirectory(directory);
            LOG.log(Level.INFO, "Backed up SQLite database {0} to {1}", database, target);
            prune(directory, database, retain, target);
            return target;
        } catch (SQLException e) {
            throw new CairnException("Backing up SQLite database " + database + " into " + directory + " failed: "
                    + Failures.describe(e) + ". Nothing was migrated. Check free space and permissions of the backup "
                    + "directory, or turn backups off.", e);
        } catch (IOException e) {
            throw new CairnException("Backing up SQLite database " + database + " into " + directory + " failed: " + e
                    + ". Nothing was migrated. Check free space and permissions of the backup directory (Cairn creates "
                    + "and renames files in it), or turn backups off.", e);
        }
    }

    /** Called by migrate: in-memory databases are skipped with a note instead of failing. */
    static void backupBeforeMigrating(Connection connection, Path directory, int retain) {
        if (databaseFile(connection) == null) {
            LOG.log(Level.INFO, "Not backing up: the SQLite database is in memory");
            return;
        }
        backup(connection, directory, retain);
    }

    /** The snapshots of {@code database} in {@code directory}, newest first; empty if there are none. */
    public static List<Path> list(Path directory, Path database) {
        List<Path> backups = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return backups;
        }
        String prefix = database.getFileName().toString() + ".";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(SUFFIX)) {
                    backups.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Listing backups in " + directory + " failed", e);
        }
        // The timestamp in the name sorts chronologically.
        backups.sort(Comparator.comparing((Path path) -> path.getFileName().toString()).reversed());
        return backups;
    }

    /**
     * Replaces {@code database} with the snapshot {@code backup}. Close every connection to the
     * database first: SQLite cannot swap a file under open connections. Leftover journal files of
     * the replaced database are deleted so they are not replayed onto the restored one.
     */
    public static void restore(Path backup, Path database) {
        if (!Files.isRegularFile(backup)) {
            throw new CairnException("Cannot restore " + database + " from " + backup + ": the backup file does not "
                    + "exist. SqliteBackups.list(directory, database) shows the available backups.");
        }
        try {
            Path parent = database.toAbsolutePath().getParent();
            Path temporary = Files.createTempFile(parent, database.getFileName().toString(), ".restoring");
            Files.copy(backup, temporary, StandardCopyOption.REPLACE_EXISTING);
            for (String journal : new String[] {"-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(parent.resolve(database.getFileName().toString() + journal));
            }
            Files.move(temporary, database, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.log(Level.INFO, "Restored SQLite database {0} from {1}", database, backup);
        } catch (IOException e) {
            throw new CairnException("Restoring " + database + " from " + backup + " failed: " + e
                    + ". The database file may be unchanged; check permissions and free space.", e);
        }
    }

    private static Path databaseFile(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet databases = statement.executeQuery("PRAGMA database_list")) {
            while (databases.next()) {
                if ("main".equals(databases.getString(2))) {
                    String file = databases.getString(3);
                    return file == null || file.isEmpty() ? null : Paths.get(file);
                }
            }
            return null;
        } catch (SQLException e) {
            throw new CairnException("Could not find the SQLite database file to back up: " + Failures.describe(e), e);
        }
    }

    private static Path freeName(Path directory, Path database) {
        String stamp = TIMESTAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        String base = database.getFileName().toString() + "." + stamp;
        Path candidate = directory.resolve(base + SUFFIX);
        for (int counter = 1; Files.exists(candidate); counter++) {
            candidate = directory.resolve(base + "-" + counter + SUFFIX);
        }
        return candidate;
    }

    /** Makes the rename durable where the platform allows syncing a directory (Linux, macOS). */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not possible on every platform (Windows); the snapshot's own content is synced already.
        }
    }

    /** Deletes the oldest snapshots beyond {@code retain}, never {@code keep}, the one just taken. */
    private static void prune(Path directory, Path database, int retain, Path keep) throws IOException {
        List<Path> backups = list(directory, database);
        backups.remove(keep);
        for (int i = retain - 1; i < backups.size(); i++) {
            Files.deleteIfExists(backups.get(i));
            LOG.log(Level.INFO, "Deleted old backup {0} (keeping {1})", backups.get(i), retain);
        }
    }
}
