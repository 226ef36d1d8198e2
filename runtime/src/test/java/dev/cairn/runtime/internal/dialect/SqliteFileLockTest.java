package dev.cairn.runtime.internal.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock's mark of a clean release (issue 16): a holder that looked at every pin marks the lock
 * file for its own file key when it releases, and the next holder of that very file skips listing
 * the directory. Anything else (no lock file yet, a file overwritten by a holder of an earlier
 * release, a copy of a marked file) is looked at as before. The safety cases with a live holder in
 * another process are in {@code SqliteDeployReliabilityTest}.
 */
class SqliteFileLockTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path directory;

    private Path lockFile(Path database) {
        return Path.of(database + SqliteFileLock.SUFFIX);
    }

    /** A pin as a holder killed while it ran leaves it: a second name of the lock file that nobody locks. */
    private Path stalePin(Path database) throws Exception {
        Path pin = Path.of(database + SqliteFileLock.SUFFIX + ".999999-deadbeef" + SqliteFileLock.PIN_SUFFIX);
        Files.createLink(pin, lockFile(database));
        return pin;
    }

    @Test
    void cleanReleaseMarksTheLockFileForItsOwnFileKey() throws Exception {
        Path database = directory.resolve("tenant.db");

        SqliteFileLock.acquire(database, TIMEOUT).release();

        List<String> lines = Files.readAllLines(lockFile(database));
        Object key = Files.readAttributes(lockFile(database), BasicFileAttributes.class).fileKey();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith(SqliteFileLock.TOKEN_START), lines.toString());
        assertTrue(lines.get(1).startsWith(SqliteFileLock.MARK_START) && lines.get(1).endsWith(" on file " + key),
                lines.toString());
    }

    @Test
    void whileHeldTheLockFileHoldsOnlyTheToken() throws Exception {
        Path database = directory.resolve("tenant.db");
        SqliteFileLock.acquire(database, TIMEOUT).release();

        SqliteFileLock lock = SqliteFileLock.acquire(database, TIMEOUT);
        try {
            List<String> lines = Files.readAllLines(lockFile(database));
            assertEquals(1, lines.size(), "a holder killed now leaves no mark: " + lines);
        } finally {
            lock.release();
        }
    }

    @Test
    void lockOfAMarkedFileDoesNotListTheDirectory() throws Exception {
        Path database = directory.resolve("tenant.db");
        SqliteFileLock.acquire(database, TIMEOUT).release();
        // Only the listing finds and deletes a stale pin: left alone, it shows that there was none.
        Path pin = stalePin(database);

        SqliteFileLock.acquire(database, TIMEOUT).release();

        assertTrue(Files.exists(pin), "the marked file was locked without listing the directory");
        assertEquals(SqliteFileLock.MARK_START, Files.readAllLines(lockFile(database)).get(1)
                .substring(0, SqliteFileLock.MARK_START.length()), "and marked again");
    }

    @Test
    void firstLockOfADatabaseListsTheDirectory() throws Exception {
        Path database = directory.resolve("tenant.db");
        Files.writeString(lockFile(database), "");
        Path pin = stalePin(database);

        SqliteFileLock.acquire(database, TIMEOUT).release();

        assertFalse(Files.exists(pin), "an unmarked lock file: every pin is looked at, a dead holder's deleted");
    }

    @Test
    void fileOverwrittenByAHolderOfAnEarlierReleaseIsListedAgain() throws Exception {
        Path database = directory.resolve("tenant.db");
        SqliteFileLock.acquire(database, TIMEOUT).release();
        Path pin = stalePin(database);
        // An earlier release truncates the file and writes only its token, never a mark.
        Files.writeString(lockFile(database), SqliteFileLock.TOKEN_START + database + ", held by process 7 (7-abcdef12)\n");

        SqliteFileLock.acquire(database, TIMEOUT).release();

        assertFalse(Files.exists(pin), "no mark: the directory is listed");
    }

    @Test
    void copyOfAMarkedFileIsNotTrusted() throws Exception {
        Path database = directory.resolve("tenant.db");
        SqliteFileLock.acquire(database, TIMEOUT).release();
        Path copy = directory.resolve("copy");
        Files.copy(lockFile(database), copy);
        Files.move(copy, lockFile(database), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path pin = stalePin(database);

        SqliteFileLock.acquire(database, TIMEOUT).release();

        assertFalse(Files.exists(pin), "the mark names another file: the directory is listed");
    }
}
