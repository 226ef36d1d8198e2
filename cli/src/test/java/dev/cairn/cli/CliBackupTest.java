package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup}, {@code backups}, {@code restore} and {@code migrate --integrity-check} on SQLite files. */
class CliBackupTest {
    @TempDir
    Path directory;

    private Path file;
    private Path backups;
    private String url;
    private final TestRegistry shop = TestRegistry.branchingShop();

    @BeforeEach
    void database() {
        file = directory.resolve("shop.db");
        backups = directory.resolve("backups");
        url = "jdbc:sqlite:" + file;
    }

    private CliRun cli(String... args) {
        return CliRun.withDefault(shop, url, args);
    }

    @Test
    void backupWritesASnapshotAndKeepsTheNewestN() {
        assertEquals(Cli.EXIT_SUCCESS, cli("migrate").status);
        for (int i = 0; i < 3; i++) {
            CliRun run = cli("backup", "--dir", backups.toString(), "--keep", "2");
            assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
            assertTrue(run.out.startsWith("Backed up " + file + " to " + backups.resolve("shop.db.")), run.out);
        }
        CliRun list = cli("backups", "--dir", backups.toString());
        assertEquals(Cli.EXIT_SUCCESS, list.status, list.toString());
        String[] lines = list.out.split("\n");
        assertEquals(2, lines.length - 1, list.out);
        assertTrue(lines[0].startsWith("2 backups of " + file + " in " + backups + ", newest first:"), list.out);
        assertTrue(lines[1].compareTo(lines[2]) > 0, list.out);
    }

    @Test
    void restoreBringsBackTheBackedUpState() throws Exception {
        cli("migrate", "--target", "1");
        assertEquals(Cli.EXIT_SUCCESS, cli("backup", "--dir", backups.toString()).status);
        cli("migrate");
        assertTrue(cli("info").out.contains("4 migrations: 4 applied."));
        Path backup;
        try (var entries = Files.list(backups)) {
            backup = entries.findFirst().orElseThrow();
        }

        CliRun restore = cli("restore", "--from", backup.toString());

        assertEquals(Cli.EXIT_SUCCESS, restore.status, restore.toString());
        assertTrue(restore.out.contains("Restored " + file + " from " + backup), restore.out);
        assertTrue(cli("info").out.contains("4 migrations: 1 applied, 3 pending."), cli("info").out);
    }

    @Test
    void restoreOnATerminalAsksFirst() throws Exception {
        cli("migrate");
        cli("backup", "--dir", backups.toString());
        Path backup = Files.list(backups).findFirst().orElseThrow();
        CliRun run = CliRun.run(shop, url, Map.of(), CliRun.answers("n"), "restore", "--from", backup.toString());
        assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
        assertTrue(run.out.contains("Cancelled: nothing was restored."), run.out);
    }

    @Test
    void restoreRefusesWhileAnotherCairnHoldsTheMigrationLock() throws Exception {
        cli("migrate");
        cli("backup", "--dir", backups.toString());
        Path backup = Files.list(backups).findFirst().orElseThrow();
        try (FileChannel channel = FileChannel.open(directory.resolve("shop.db.cairn-lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            CliRun run = cli("restore", "--from", backup.toString());
            assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
            assertTrue(run.err.contains("is migrating"), run.err);
        }
    }

    @Test
    void restoreRefusesWhileAConnectionWritesOrKeepsAWalDatabaseOpen() throws Exception {
        cli("migrate");
        cli("backup", "--dir", backups.toString());
        Path backup = Files.list(backups).findFirst().orElseThrow();
        try (Connection writer = DriverManager.getConnection(url); Statement statement = writer.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            CliRun run = cli("restore", "--from", backup.toString());
            assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
            assertTrue(run.err.contains("is in use"), run.err);
            statement.execute("ROLLBACK");
            statement.execute("PRAGMA journal_mode=WAL");
            statement.executeQuery("SELECT count(*) FROM books").close();
            CliRun wal = cli("restore", "--from", backup.toString());
            assertEquals(Cli.EXIT_FAILURE, wal.status, wal.toString());
            assertTrue(wal.err.contains("is in use"), wal.err);
        }
        assertEquals(Cli.EXIT_SUCCESS, cli("restore", "--from", backup.toString()).status);
    }

    @Test
    void restoreRefusesAFileThatIsNotAnSqliteDatabase() throws Exception {
        cli("migrate");
        Path notes = directory.resolve("notes.txt");
        Files.write(notes, List.of("not a database"));
        CliRun run = cli("restore", "--from", notes.toString());
        assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
        assertTrue(run.err.contains("is not an SQLite database"), run.err);
        assertTrue(cli("info").out.contains("4 applied"));
    }

    @Test
    void backupOfADatabaseThatDoesNotExistCreatesNothing() {
        CliRun run = cli("backup", "--dir", backups.toString());
        assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
        assertTrue(run.err.contains("No database at " + file), run.err);
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(backups));
    }

    @Test
    void backupCommandsOnPostgresPointToItsOwnTools() {
        for (String[] args : new String[][] {{"backup", "--dir", "b"}, {"backups", "--dir", "b"},
                {"restore", "--from", "x.backup"}}) {
            CliRun run = CliRun.withDefault(shop, "jdbc:postgresql://localhost/shop", args);
            assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
            assertTrue(run.err.contains("pg_dump"), run.err);
            assertTrue(run.err.contains("point-in-time recovery"), run.err);
        }
    }

    @Test
    void integrityCheckAfterMigrateIsReported() {
        CliRun run = cli("migrate", "--integrity-check");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(run.out.contains("Integrity check passed"), run.out);
        CliRun postgres = CliRun.withDefault(shop, "jdbc:postgresql://localhost/shop", "migrate", "--integrity-check");
        assertEquals(Cli.EXIT_USAGE, postgres.status, postgres.toString());
    }
}
