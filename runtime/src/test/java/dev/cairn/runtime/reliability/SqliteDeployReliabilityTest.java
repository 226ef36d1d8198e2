package dev.cairn.runtime.reliability;

import dev.cairn.runtime.LockTimeoutException;
import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.PendingRepairException;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.SqliteBackups;
import dev.cairn.runtime.internal.dialect.SqliteDialect;
import dev.cairn.runtime.testing.LockHolderMain;
import dev.cairn.runtime.testing.ReliabilityFigures;
import dev.cairn.runtime.testing.ReliabilityLevel;
import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite during a deploy, the issue 19 cases: several instances starting together with backups
 * on, instances starting while another one runs a long series of schema changes, a backup killed
 * half-way, and the lock file deleted or replaced while its holder runs.
 */
class SqliteDeployReliabilityTest {

    private static final Duration LONG_WAIT = Duration.ofMinutes(10);

    /** Release 1: the users table, applied before the deploy. */
    private static TestRegistry.Builder release1() {
        return TestRegistry.builder().migration(1).up(context -> {
            context.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)");
            context.execute("INSERT INTO users (name) VALUES ('ada'), ('grace')");
        });
    }

    // --- backups --------------------------------------------------------------------------------

    @Test
    void instancesStartingTogetherWithBackupsKeepThePreDeploySnapshot(@TempDir Path backups) throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Migrator.builder(release1().build()).dataSource(database.dataSource()).build().migrate();
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            // Release 2: a slow non-transactional migration (its in-progress marker is committed while it runs).
            TestRegistry release2 = release1().migration(2).dependsOn(1).nonTransactional().up(context -> {
                running.countDown();
                assertTrue(finish.await(1, TimeUnit.MINUTES));
                context.execute("CREATE TABLE orders (id INT)");
            }).build();
            List<CompletableFuture<MigrationReport>> instances = new ArrayList<>();
            instances.add(CompletableFuture.supplyAsync(() -> instance(release2, database, backups).migrate()));
            try {
                assertTrue(running.await(1, TimeUnit.MINUTES));
                for (int i = 0; i < 3; i++) {
                    instances.add(CompletableFuture.supplyAsync(() -> instance(release2, database, backups).migrate()));
                }
                Thread.sleep(1000); // the three reach the lock and wait
            } finally {
                finish.countDown();
            }
            int applied = 0;
            for (CompletableFuture<MigrationReport> instance : instances) {
                applied += instance.get(1, TimeUnit.MINUTES).applied().size();
            }
            assertEquals(1, applied);

            List<Path> snapshots = SqliteBackups.list(backups, database.file());
            assertEquals(1, snapshots.size(), "only the run that applied something backed up: " + snapshots);
            assertEquals(List.of("1:APPLY"), history(snapshots.get(0)),
                    "the snapshot is the state before the deploy, with no half-applied migration");
            assertEquals(2, count(snapshots.get(0), "SELECT count(*) FROM users"));
        }
    }

    @Test
    void backupKilledHalfWayIsNeverListedAsASnapshot(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("big.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            // About 30 MB, so that VACUUM INTO takes long enough to be caught half-way.
            statement.execute("CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB)");
            statement.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000) "
                    + "INSERT INTO blobs (data) SELECT randomblob(1000) FROM n");
        }
        Path backups = directory.resolve("backups");
        Files.createDirectories(backups);
        ChildJvm child = ChildJvm.start(BackupChildMain.class, file.toString(), backups.toString());
        try {
            assertTrue(child.awaitLine("BACKING UP", 120), child.output());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (entries(backups).isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            child.kill();
            assertTrue(child.killedBySigkill(), "the child was killed during VACUUM INTO:\n" + child.output());
            assertTrue(!child.output().contains("BACKED UP"), "killed before the backup finished");
            assertEquals(List.of(), SqliteBackups.list(backups, file),
                    "a half-written snapshot is not listed; files left: " + entries(backups));
        } finally {
            child.kill();
        }
    }

    // --- schema changes while others start -------------------------------------------------------

    /**
     * The case: 5,000 DDL migrations on a fresh file (200 in every build), three more
     * instances started while they run. Their reads before the lock failed with {@code
     * SQLITE_SCHEMA} when the schema changed too often under them; now such a read means "wait
     * for the lock". The waiters get a long lock timeout: the run takes longer than the default
     * minute on a slow machine (5,000 migrations took about 95 s on the 2-core one).
     */
    @Test
    void instancesStartingDuringALongRunOfSchemaChangesWaitAndFindItDone() throws Exception {
        int migrations = ReliabilityLevel.trials(200, 5000);
        int waiters = 3;
        ReliabilityFigures figures = new ReliabilityFigures("schema-changes-while-starting sqlite-file")
                .set("migrations", migrations).set("waiters", waiters);
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            TestRegistry.Builder builder = TestRegistry.builder().fingerprinted();
            for (int version = 1; version <= migrations; version++) {
                builder.migration(version).up("CREATE TABLE t" + version + " (id INTEGER PRIMARY KEY, v TEXT)");
                if (version > 1) {
                    builder.dependsOn(version - 1);
                }
            }
            TestRegistry registry = builder.build();
            CountDownLatch started = new CountDownLatch(1);
            Migrator first = Migrator.builder(registry).jdbcUrl(database.jdbcUrl()).lockTimeout(LONG_WAIT).listener(
                    new dev.cairn.runtime.MigrationListener() {
                        @Override
                        public void beforeMigration(dev.cairn.runtime.MigrationDescriptor migration) {
                            if (migration.version().asLong() == 50) {
                                started.countDown();
                            }
                        }
                    }).build();
            List<CompletableFuture<MigrationReport>> instances = new ArrayList<>();
            instances.add(CompletableFuture.supplyAsync(first::migrate));
            assertTrue(started.await(2, TimeUnit.MINUTES));
            for (int i = 0; i < waiters; i++) {
                // Separate Migrators with their own connections, as separate instances would have.
                instances.add(CompletableFuture.supplyAsync(
                        () -> Migrator.builder(registry).jdbcUrl(database.jdbcUrl()).lockTimeout(LONG_WAIT).build()
                                .migrate()));
            }
            int applied = 0;
            List<String> failures = new ArrayList<>();
            for (CompletableFuture<MigrationReport> instance : instances) {
                try {
                    applied += instance.get(5, TimeUnit.MINUTES).applied().size();
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(String.valueOf(e.getCause()));
                }
            }
            figures.set("failures", failures.size()).publish();
            if (!failures.isEmpty()) {
                fail(failures.size() + " instance(s) failed:\n" + String.join("\n", failures));
            }
            assertEquals(migrations, applied, "each migration applied once");
            assertEquals(migrations, database.count(
                    "SELECT count(*) FROM cairn_schema_history WHERE event = 'APPLY'"));
        }
    }

    @Test
    void schemaChangedUnderAReadCountsAsAReasonToWaitForTheLock() {
        SqliteDialect dialect = new SqliteDialect();
        assertTrue(dialect.isSchemaChanged(new SQLiteException(
                "[SQLITE_SCHEMA] The database schema changed (database schema has changed)",
                SQLiteErrorCode.SQLITE_SCHEMA)));
        assertFalse(dialect.isSchemaChanged(new SQLiteException("[SQLITE_BUSY] The database file is locked",
                SQLiteErrorCode.SQLITE_BUSY)));
        assertFalse(dialect.isSchemaChanged(new SQLiteException("[SQLITE_ERROR] no such table: x",
                SQLiteErrorCode.SQLITE_ERROR)));
    }

    // --- the lock file --------------------------------------------------------------------------

    @Test
    void deletedLockFileStillKeepsASecondInstanceOutWhileTheFirstRuns() throws Exception {
        secondInstanceWaitsAfterTheLockFile(file -> Files.delete(file));
    }

    @Test
    void replacedLockFileStillKeepsASecondInstanceOutWhileTheFirstRuns() throws Exception {
        secondInstanceWaitsAfterTheLockFile(file -> {
            Path other = file.resolveSibling("replacement");
            Files.writeString(other, "");
            Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        });
    }

    /**
     * Issue 16: a lock file marked by a clean release lets the holder skip listing the directory; it
     * still pins, so deleting the file while it runs keeps the next instance out as before.
     */
    @Test
    void deletedLockFileAfterACleanReleaseStillKeepsASecondInstanceOutWhileTheFirstRuns() throws Exception {
        secondInstanceWaitsAfterTheLockFile(SqliteDeployReliabilityTest::releaseCleanly, file -> Files.delete(file));
    }

    /**
     * Issue 16: the mark names the file it was written to (device and inode), so a COPY of a marked
     * lock file put in place of the one a holder runs with is not trusted: the next instance lists
     * the directory and finds the holder's pin.
     */
    @Test
    void lockFileReplacedByACopyOfAMarkedOneStillKeepsASecondInstanceOutWhileTheFirstRuns() throws Exception {
        Path[] copy = new Path[1];
        secondInstanceWaitsAfterTheLockFile(database -> {
            releaseCleanly(database);
            Path file = Path.of(database + ".cairn-lock");
            copy[0] = file.resolveSibling("marked-copy");
            Files.copy(file, copy[0]);
            assertTrue(Files.readString(copy[0]).contains("Released; no other holder's pin was found"),
                    Files.readString(copy[0]));
        }, file -> Files.move(copy[0], file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE));
    }

    /** Takes and releases the lock of {@code database} in this JVM: the lock file is left marked. */
    private static void releaseCleanly(Path database) {
        dev.cairn.runtime.internal.dialect.SqliteFileLock.acquire(database, Duration.ofSeconds(5)).release();
    }

    private interface FileAction {
        void on(Path file) throws Exception;
    }

    private static void secondInstanceWaitsAfterTheLockFile(FileAction action) throws Exception {
        secondInstanceWaitsAfterTheLockFile(database -> { }, action);
    }

    private static void secondInstanceWaitsAfterTheLockFile(FileAction before, FileAction action) throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            before.on(database.file());
            // The holder applies 1 and 2, then hangs inside NON-transactional migration 3 with the lock held.
            ChildJvm holder = ChildJvm.start(LockHolderMain.class, database.jdbcUrl(), "false");
            try {
                assertTrue(holder.awaitLine(LockHolderMain.HOLDING, 120), "holder:\n" + holder.output());
                action.on(Path.of(database.file() + ".cairn-lock"));

                LockTimeoutException e = assertThrows(LockTimeoutException.class,
                        () -> Migrator.builder(LockHolderMain.registry(false, false)).jdbcUrl(database.jdbcUrl())
                                .lockTimeout(Duration.ofMillis(1500)).build().migrate());
                assertTrue(e.getMessage().contains("1500 ms") && e.getMessage().contains("deleted or replaced"),
                        e.getMessage());
                assertTrue(holder.isAlive(), holder.output());
                assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY_FAILED"), database.column(
                        "SELECT version || ':' || event FROM cairn_schema_history ORDER BY installed_rank"),
                        "the second instance wrote nothing: only the holder's in-progress marker is there");

                // The killed holder's pin is stale: the next instance is not blocked by it, and now may refuse
                // on the marker, which really is left by an interrupted run.
                holder.kill();
                assertThrows(PendingRepairException.class, () -> Migrator.builder(LockHolderMain.registry(false,
                        false)).jdbcUrl(database.jdbcUrl()).lockTimeout(Duration.ofSeconds(5)).build().migrate());
                try (Stream<Path> files = Files.list(database.file().getParent())) {
                    assertEquals(List.of(), files.filter(file -> file.toString().endsWith(".pin")).toList(),
                            "the stale pin was removed");
                }
            } finally {
                holder.kill();
            }
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    private static Migrator instance(TestRegistry registry, TestDatabase database, Path backups) {
        return Migrator.builder(registry).jdbcUrl(database.jdbcUrl()).backup(backups, 2).build();
    }

    private static List<String> history(Path file) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT version || ':' || event FROM cairn_schema_history ORDER BY installed_rank")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static long count(Path file, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static List<Path> entries(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
